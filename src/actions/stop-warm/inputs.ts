import {
  optionalBool,
  optionalNumber,
  readCommon,
  readPromotionAndLock,
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
    lock: readPromotionAndLock((n) => (n === 'promotion' ? '' : read(n))).lock,
  };
  const minutes = optionalNumber(read, 'keep-warm-minutes');
  if (minutes !== undefined) out.keepWarmMinutes = minutes;
  return out;
}
