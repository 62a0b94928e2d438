import {
  optionalBool,
  optionalNumber,
  readCommon,
  readLock,
  type CommonInputs,
  type DeployInputs,
  type Read,
} from '../deploy/inputs.js';

export interface StopWarmInputs extends CommonInputs {
  /** Overrides the environment's keep-warm-minutes. */
  keepWarmMinutes?: number;
  force: boolean;
  lock: DeployInputs['lock'];
}

export function readStopWarmInputs(
  read: Read,
  env: Readonly<Record<string, string | undefined>>,
): StopWarmInputs {
  const out: StopWarmInputs = {
    ...readCommon(read, env),
    force: optionalBool(read, 'force') ?? false,
    lock: readLock(read),
  };
  const minutes = optionalNumber(read, 'keep-warm-minutes');
  if (minutes !== undefined) out.keepWarmMinutes = minutes;
  return out;
}
