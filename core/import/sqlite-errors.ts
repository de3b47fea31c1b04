import { ctl, guide } from '../api/controls';
import { PlumblineError } from '../api/errors';

/** SQLite failures that have a plain answer for the user; anything else passes through. */
export function translateSqliteError(e: unknown, workspacePath: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return new PlumblineError(
      'INTERNAL',
      guide`The disk holding the workspace (${workspacePath}) is full: nothing was imported and the workspace is unchanged. Free some space (or import into a workspace on another disk, chosen ${ctl('workspace')}), then import again.`,
    );
  }
  if (code === 'SQLITE_BUSY') {
    return new PlumblineError('CONFLICT', `The workspace ${workspacePath} is busy with another import. Try again when it has finished.`);
  }
  if (code === 'SQLITE_READONLY') {
    return new PlumblineError('BAD_REQUEST', guide`The workspace ${workspacePath} is read-only. Check the file's permissions, or choose another ${ctl('workspace')}.`);
  }
  return e;
}
