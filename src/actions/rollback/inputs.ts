import { readCommon, readLock, type CommonInputs, type DeployInputs, type Read } from '../deploy/inputs.js';

export interface RollbackInputs extends CommonInputs {
  /** previous, blue, green or an image reference (validated by buildRollbackPlan). */
  to: string;
  lock: DeployInputs['lock'];
}

export function readRollbackInputs(
  read: Read,
  env: Readonly<Record<string, string | undefined>>,
): RollbackInputs {
  return {
    ...readCommon(read, env),
    to: read('to').trim() || 'previous',
    lock: readLock(read),
  };
}
