import type { EnvironmentConfig } from '../../deploy/config.js';
import type { ActionIO } from '../../runner/io.js';

/** Values copied from the step's environment into the app (env-from) are secrets: mask them. */
export function maskSecrets(io: ActionIO, env: EnvironmentConfig): void {
  for (const name of env.docker?.envFrom ?? []) {
    const v = io.env[name];
    if (v) io.setSecret(v);
  }
}
