/**
 * From config + action inputs to the engine's plans. Inputs given to the action override the
 * config file's values for that run; empty inputs mean "use the config".
 */
import { UserError } from '../errors.js';
import { configDigest, parseHealth, type EnvironmentConfig, type TargetKind } from './config.js';
import type { DeployTarget, RuntimeSpec } from './target.js';
import type { DeployPlan, RollbackPlan } from './types.js';

/** Builds the target for one app/environment plus the runtime a new release runs with. */
export type TargetFactory = (
  env: EnvironmentConfig,
  ctx: { processEnv: Readonly<Record<string, string | undefined>>; log: (m: string) => void },
) => Promise<{ target: DeployTarget; runtime: RuntimeSpec }>;

export type TargetFactories = Partial<Record<TargetKind, TargetFactory>>;

export interface DeployOverrides {
  image: string;
  target?: string;
  /** health-* inputs, keyed like the config's health section (`path`, `interval-seconds`, ...). */
  health: Record<string, string>;
  bakeSeconds?: number;
  keepWarmMinutes?: number;
  autoRollback?: boolean;
  smokeCommand?: string;
  versionExpect?: string;
  reason?: string;
  ref: string;
  logUrl?: string;
}

export function checkTarget(env: EnvironmentConfig, target: string | undefined): void {
  if (target && target !== env.target) {
    throw new UserError(
      `is '${target}' but ${env.app}/${env.environment} is configured with target '${env.target}' (${env.where})`,
      'target',
    );
  }
}

export function healthWithOverrides(
  env: EnvironmentConfig,
  health: Record<string, string>,
): EnvironmentConfig['health'] {
  const given = Object.fromEntries(Object.entries(health).filter(([, v]) => v !== ''));
  return parseHealth(
    given,
    (key, message) => {
      throw new UserError(message, `health-${key}`);
    },
    env.health,
  );
}

export function buildDeployPlan(
  env: EnvironmentConfig,
  o: DeployOverrides,
  runtime: RuntimeSpec,
): DeployPlan {
  checkTarget(env, o.target);
  const health = healthWithOverrides(env, o.health);
  const smokeCommand = o.smokeCommand || env.smoke?.command;
  const plan: DeployPlan = {
    release: {
      app: env.app,
      environment: env.environment,
      image: o.image,
      configDigest: configDigest(runtime),
      runtime,
    },
    publicUrl: env.url,
    health,
    bakeMs: o.bakeSeconds !== undefined ? Math.round(o.bakeSeconds * 1000) : env.bakeMs,
    keepWarmMs: o.keepWarmMinutes !== undefined ? Math.round(o.keepWarmMinutes * 60_000) : env.keepWarmMs,
    autoRollback: o.autoRollback ?? env.autoRollback,
    drainMs: env.drainMs,
    deployment: { ref: o.ref, task: 'deploy', environmentUrl: env.url },
  };
  if (o.logUrl) plan.deployment.logUrl = o.logUrl;
  if (o.reason) plan.deployment.reason = o.reason;
  if (smokeCommand) plan.smoke = { command: smokeCommand, timeoutMs: env.smoke?.timeoutMs ?? 300_000 };
  if (env.version) {
    plan.version = { ...env.version };
    const expect = o.versionExpect || env.version.expect;
    if (expect) plan.version.expect = expect;
    else delete plan.version.expect;
  } else if (o.versionExpect) {
    throw new UserError(
      `is set but ${env.app}/${env.environment} has no version marker (version: header or path) in its config`,
      'version-expect',
    );
  }
  if (env.errorRate) plan.errorRate = env.errorRate;
  return plan;
}

export function buildRollbackPlan(
  env: EnvironmentConfig,
  o: { to: string; health: Record<string, string>; ref: string; logUrl?: string; reason?: string },
  runtime: RuntimeSpec,
): RollbackPlan {
  const to = o.to.trim();
  let target: RollbackPlan['to'];
  if (!to || to === 'previous') target = { kind: 'previous' };
  else if (to === 'blue' || to === 'green') target = { kind: 'color', color: to };
  else if (/^[\w.-]+(:\d+)?(\/[\w.-]+)*(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/.test(to))
    target = { kind: 'image', image: to };
  else throw new UserError(`must be previous, blue, green or an image reference, got '${to}'`, 'to');
  const plan: RollbackPlan = {
    app: env.app,
    environment: env.environment,
    publicUrl: env.url,
    health: healthWithOverrides(env, o.health),
    to: target,
    runtime,
    configDigestOf: configDigest,
    deployment: { ref: o.ref, environmentUrl: env.url },
  };
  if (env.version) plan.version = { ...env.version };
  if (o.logUrl) plan.deployment.logUrl = o.logUrl;
  if (o.reason) plan.deployment.reason = o.reason;
  return plan;
}
