import { stopExpiredWarm } from '../../deploy/warm.js';
import { UserError } from '../../errors.js';
import type { ActionIO } from '../../runner/io.js';
import { loadEnvironment, recorderFor, withDeployLock, type DeployDeps } from '../deploy/main.js';
import { maskSecrets } from '../deploy/secrets.js';
import { readStopWarmInputs } from './inputs.js';

/**
 * Stops the previous (warm) color of an app once keep-warm-minutes have passed since the live
 * release went live, holding the deploy lock. See src/deploy/warm.ts for the checks.
 */
export async function main(io: ActionIO, deps: DeployDeps): Promise<void> {
  const inputs = readStopWarmInputs((n) => io.getInput(n), io.env);
  const env = loadEnvironment(io, inputs);
  const factory = deps.factories[env.target];
  if (!factory) throw new UserError(`target '${env.target}' is not available in this version`, env.where);
  if (!inputs.recordDeployment && !inputs.force)
    throw new UserError(
      'is false (the CLI: no --github-token and --repository), so when the previous color became warm cannot be read from the GitHub Deployments; set force to stop it anyway',
      'record-deployment',
    );
  const recorder = recorderFor(io, inputs, deps);
  maskSecrets(io, env);
  const { target } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
  await target.prepare();
  // The docker target keeps its lock on a never-started container of an image the host has.
  const st = await target.status();
  const lockImage = st.live ? st.colors[st.live].image : undefined;
  const keepWarmMs =
    inputs.keepWarmMinutes !== undefined ? Math.round(inputs.keepWarmMinutes * 60_000) : env.keepWarmMs;
  const r = await withDeployLock(
    io,
    deps,
    env,
    inputs,
    () =>
      stopExpiredWarm(
        { app: env.app, environment: env.environment, keepWarmMs, force: inputs.force },
        { target, recorder, now: deps.now, log: { info: (m) => io.info(m), warning: (m) => io.warning(m) } },
      ),
    lockImage,
  );
  io.setOutput('outcome', r.outcome);
  io.setOutput('color', r.color ?? '');
  io.setOutput('image', r.image ?? '');
  io.setOutput('warm-until', r.warmUntil ?? '');
  io.info(r.message);
  const icon = r.outcome === 'stopped' ? '⏹' : r.outcome === 'kept' ? '♨️' : '✅';
  await io.summary(`### ${icon} stop-warm ${env.app} in ${env.environment}: ${r.outcome}\n\n${r.message}\n`);
}
