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
  withDeployLock,
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
  // Under the deploy lock, so a rollback never races a deploy of the same app and environment.
  // The docker target keeps the lock on a never-started container of an image the host has.
  // (A target that cannot tell yet leaves it to the rollback's own prepare to say why.)
  const st = await target.status().catch(() => undefined);
  const lockImage =
    (st?.live ? st.colors[st.live].image : undefined) ??
    (plan.to.kind === 'image' ? plan.to.image : undefined);
  const result = await withDeployLock(
    io,
    deps,
    env,
    inputs,
    () => runRollback(plan, effectsFor(io, deps, target, recorder)),
    lockImage,
  );
  await reportResult(io, `rollback ${env.app} in ${env.environment}`, result);
}
