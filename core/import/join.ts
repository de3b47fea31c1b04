import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { ImportArgs, ImportResult } from '../api/types';
import type { Workspace } from '../workspace/workspace';
import type { ImportHooks } from './import-file';

export async function joinFile(_ws: Workspace, _args: ImportArgs, _ctx: CallContext, _hooks: ImportHooks): Promise<ImportResult> {
  throw new PlumblineError('INTERNAL', 'join is not implemented yet');
}
