/**
 * A read-only workspace connection whose column reads land in a lane's scratch memory
 * (./scratch.ts) instead of fresh arrays: what the column pool's lanes read their parts through.
 * The reading itself is the Workspace's; only the memory differs. Each column read here is valid
 * until the lane's next `scratch.reset()`, between jobs, so a job's result must not hold one.
 */
import type { OpenOptions } from '../../workspace/open';
import { Workspace } from '../../workspace/workspace';
import type { Scratch } from './scratch';

export class ScratchWorkspace extends Workspace {
  constructor(
    path: string,
    options: OpenOptions,
    readonly scratch: Scratch,
  ) {
    super(path, { ...options, readonly: true });
  }

  protected override columnMemory(bytes: number): ArrayBuffer {
    return this.scratch.take(bytes);
  }
}
