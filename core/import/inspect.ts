import type { CallContext } from '../api/context';
import { PlumblineError } from '../api/errors';
import type { InspectArgs, InspectResult } from '../api/types';

export async function inspectFile(_args: InspectArgs, _ctx: CallContext): Promise<InspectResult> {
  throw new PlumblineError('INTERNAL', 'inspectFile is not implemented yet.');
}
