import { runRollback } from '../../deploy/engine.js';
import { buildRollbackPlan } from '../../deploy/plan.js';
import { UserError } from '../../errors.js';
import type { ActionIO } from '../../runner/io.js';
import {
  effectsFor,
  loadEnvironment,
  logUrl,
  recorderFor,
  reportResult,
  type DeployDeps,
} from '../deploy/main.js';
import { maskSecrets } from '../deploy/secrets.js';
import { readRollbackInputs } from './inputs.js';

export async function main(io: ActionIO, deps: DeployDeps): Promise<void> {
  const inputs = readRollbackInputs((n) => io.getInput(n), io.env);
  const env = loadEnvironment(io, inputs);
  const factory = deps.factories[env.target];
  if (!factory) throw new UserError(`target '${env.target}' is not available in this version`, env.where);
  const recorder = recorderFor(io, inputs, deps);
  maskSecrets(io, env);
  const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
  const plan = buildRollbackPlan(
    env,
    { to: inputs.to, health: inputs.health, ref: inputs.ref, logUrl: logUrl(io.env), reason: inputs.reason },
    runtime,
  );
  const result = await runRollback(plan, effectsFor(io, deps, target, recorder));
  await reportResult(io, `rollback ${env.app} in ${env.environment}`, result);
}
