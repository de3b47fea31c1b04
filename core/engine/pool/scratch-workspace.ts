/**
 * A read-only workspace connection whose column reads land in a lane's scratch memory
 * (./scratch.ts) instead of fresh arrays: what the column pool's lanes read their parts through.
 * The reading itself is the Workspace's; only the memory differs. Each column read here is valid
 * until the lane's next `scratch.reset()`, between jobs, so a job's result must not hold one.
 */
import type { ColumnInfo } from '../../api/types';
import type { OpenOptions } from '../../workspace/open';
import { Workspace, type DatasetEntry } from '../../workspace/workspace';
import type { Scratch } from './scratch';

export class ScratchWorkspace extends Workspace {
  /*
   * Each part looks its datasets and their columns up several times (the job, the column loader,
   * the filter), each a statement prepared and run again: 10-14 ms a lane over the bench's 25
   * parts. Kept until forgetCaches(), which a lane calls before each run (another connection may
   * have appended rows since the last).
   */
  private readonly found = new Map<string, DatasetEntry | undefined>();
  private readonly columnInfo = new Map<number, ColumnInfo[]>();

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

  override findDataset(name: string): DatasetEntry | undefined {
    if (!this.found.has(name)) this.found.set(name, super.findDataset(name));
    return this.found.get(name);
  }

  override columns(datasetId: number): ColumnInfo[] {
    let info = this.columnInfo.get(datasetId);
    if (!info) this.columnInfo.set(datasetId, (info = super.columns(datasetId)));
    // A copy of the list: a caller may sort or filter it in place.
    return info.slice();
  }

  override forgetCaches(): void {
    super.forgetCaches();
    this.found?.clear();
    this.columnInfo?.clear();
  }
}
