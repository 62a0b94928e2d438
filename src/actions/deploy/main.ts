import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseDeployConfig, selectEnvironment, type EnvironmentConfig } from '../../deploy/config.js';
import { runDeploy } from '../../deploy/engine.js';
import { MemoryRecorder } from '../../deploy/github-recorder.js';
import { buildDeployPlan, type TargetFactories } from '../../deploy/plan.js';
import { renderSummary } from '../../deploy/summary.js';
import type {
  DeployEffects,
  DeploymentRecorder,
  DeployResult,
  ProbeRequest,
  ProbeResult,
} from '../../deploy/types.js';
import { UserError } from '../../errors.js';
import { acquireLock, releaseLock, type LockStore, type RunLookup } from '../../deploy/lock.js';
import { runCandidate, type PromotionApi } from '../../deploy/promotion.js';
import type { ActionIO } from '../../runner/io.js';
import { readDeployInputs, type CommonInputs } from './inputs.js';
import { maskSecrets } from './secrets.js';

export interface DeployDeps {
  factories: TargetFactories;
  /** GitHub Deployments recorder for `owner/repo` with `token`. */
  githubRecorder(token: string, repository: string): DeploymentRecorder;
  probe(req: ProbeRequest): Promise<ProbeResult>;
  smoke(
    command: string,
    env: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ code: number; output: string }>;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Where the deploy lock of this app/environment lives on its target (undefined: no lock there). */
  /** `image`: one the target host has or is about to pull (the docker target's lock needs one). */
  lockStore?(env: EnvironmentConfig, image?: string): LockStore | undefined;
  /** Actions API run lookup (lock takeover when the owning run has ended). */
  lookupRun?(token: string): RunLookup;
  /** Candidates and statuses for promotion: manual (older candidates are superseded). */
  promotionApi?(token: string, repository: string): PromotionApi;
  /** Registers a cleanup to run when the job is cancelled (SIGINT/SIGTERM from the runner). */
  onCancel?(fn: () => Promise<void>): void;
}

export function loadEnvironment(io: ActionIO, inputs: CommonInputs): EnvironmentConfig {
  const ws = io.env.GITHUB_WORKSPACE ?? process.cwd();
  const file = isAbsolute(inputs.config) ? inputs.config : join(ws, inputs.config);
  if (!existsSync(file)) throw new UserError(`config file ${inputs.config} does not exist`, 'config');
  const cfg = parseDeployConfig(readFileSync(file, 'utf8'), inputs.config);
  return selectEnvironment(cfg, inputs.app, inputs.environment);
}

export function recorderFor(
  io: ActionIO,
  inputs: CommonInputs,
  deps: Pick<DeployDeps, 'githubRecorder'>,
): DeploymentRecorder {
  if (!inputs.recordDeployment) return new MemoryRecorder();
  const repo = io.env.GITHUB_REPOSITORY;
  if (!inputs.githubToken)
    throw new UserError(
      'is required to record GitHub Deployments (or set record-deployment: false)',
      'github-token',
    );
  if (!repo || !repo.includes('/'))
    throw new UserError(
      'GITHUB_REPOSITORY is not set: cannot record GitHub Deployments',
      'record-deployment',
    );
  return deps.githubRecorder(inputs.githubToken, repo);
}

export function logUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

export function effectsFor(
  io: ActionIO,
  deps: DeployDeps,
  target: DeployEffects['target'],
  recorder: DeploymentRecorder,
): DeployEffects {
  return {
    target,
    recorder,
    probe: deps.probe,
    smoke: deps.smoke,
    now: deps.now,
    sleep: deps.sleep,
    log: { info: (m) => io.info(m), warning: (m) => io.warning(m), group: (n, fn) => io.group(n, fn) },
  };
}

export async function reportResult(io: ActionIO, title: string, r: DeployResult): Promise<void> {
  io.setOutput('phase', r.phase);
  io.setOutput('outcome', r.outcome);
  io.setOutput('color', r.color ?? '');
  io.setOutput('previous-color', r.previousColor ?? '');
  io.setOutput('image', r.image);
  io.setOutput('previous-image', r.previousImage ?? '');
  io.setOutput('url', r.url);
  io.setOutput('deployment-id', r.deploymentId ?? '');
  io.setOutput('rollback-deployment-id', r.rollbackDeploymentId ?? '');
  await io.summary(renderSummary(title, r));
  if (r.outcome === 'rolled-back') {
    io.annotate('error', r.message, { title: `${title}: rolled back` });
  }
  if (r.outcome !== 'success') throw new UserError(r.message);
}

export async function main(io: ActionIO, deps: DeployDeps): Promise<void> {
  const inputs = readDeployInputs((n) => io.getInput(n), io.env);
  const env = loadEnvironment(io, inputs);
  const factory = deps.factories[env.target];
  if (!factory) throw new UserError(`target '${env.target}' is not available in this version`, env.where);
  const recorder = recorderFor(io, inputs, deps);
  maskSecrets(io, env);
  const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
  const plan = buildDeployPlan(
    env,
    {
      image: inputs.image,
      target: inputs.target,
      health: inputs.health,
      bakeSeconds: inputs.bakeSeconds,
      keepWarmMinutes: inputs.keepWarmMinutes,
      autoRollback: inputs.autoRollback,
      smokeCommand: inputs.smokeCommand,
      versionExpect: inputs.versionExpect,
      reason: inputs.reason,
      ref: inputs.ref,
      logUrl: logUrl(io.env),
    },
    runtime,
  );
  const fx = effectsFor(io, deps, target, recorder);
  await withDeployLock(
    io,
    deps,
    env,
    inputs,
    async () => {
      if (inputs.promotion === 'manual') {
        const api =
          inputs.githubToken && inputs.recordDeployment && io.env.GITHUB_REPOSITORY
            ? deps.promotionApi?.(inputs.githubToken, io.env.GITHUB_REPOSITORY)
            : undefined;
        const c = await runCandidate(plan, fx, api);
        io.setOutput('phase', 'verify-idle');
        io.setOutput('outcome', c.outcome);
        io.setOutput('color', c.live ?? '');
        io.setOutput('previous-color', c.live ?? '');
        io.setOutput('image', c.image);
        io.setOutput('previous-image', c.previousImage ?? '');
        io.setOutput('url', c.url);
        io.setOutput('deployment-id', c.deploymentId ?? '');
        io.setOutput('candidate-color', c.color);
        await io.summary(
          [
            c.outcome === 'awaiting-promotion'
              ? `### ⏸ deploy ${env.app} to ${env.environment}: ${c.color} ready, awaiting promotion`
              : `### ❌ deploy ${env.app} to ${env.environment}: candidate not ready`,
            '',
            c.message,
            ...(c.superseded.length ? ['', `Superseded candidates: ${c.superseded.join(', ')}.`] : []),
            '',
          ].join('\n'),
        );
        if (c.outcome !== 'awaiting-promotion') throw new UserError(c.message);
        return;
      }
      const result = await runDeploy(plan, fx);
      await reportResult(io, `deploy ${env.app} to ${env.environment}`, result);
    },
    plan.release.image,
  );
}

/**
 * Runs `fn` holding the deploy lock of this app and environment on its target (when the target
 * has one and `lock` is on): waits for or takes over the lock first, releases it afterwards and
 * when the job is cancelled.
 */
export async function withDeployLock<T>(
  io: ActionIO,
  deps: DeployDeps,
  env: EnvironmentConfig,
  inputs: { lock: { enabled: boolean; waitMs: number; ttlMs: number }; githubToken: string },
  fn: () => Promise<T>,
  image?: string,
): Promise<T> {
  const repo = io.env.GITHUB_REPOSITORY ?? 'local/local';
  const owner = io.env.GITHUB_RUN_ID ?? `local-${process.pid}`;
  const store = inputs.lock.enabled ? deps.lockStore?.(env, image) : undefined;
  if (!store) return fn();
  const held = await acquireLock(
    {
      owner,
      repo,
      runUrl: logUrl(io.env),
      app: env.app,
      environment: env.environment,
      ttlMs: inputs.lock.ttlMs,
      waitMs: inputs.lock.waitMs,
      pollMs: 5000,
    },
    {
      store,
      lookupRun: inputs.githubToken ? deps.lookupRun?.(inputs.githubToken) : undefined,
      now: deps.now,
      sleep: deps.sleep,
      log: { info: (m) => io.info(m), warning: (m) => io.warning(m) },
    },
  );
  io.info(`deploy lock held (${store.where}) until ${held.record.expiresAt}`);
  deps.onCancel?.(async () => {
    await releaseLock({ owner, repo }, { store, log: { info: () => {}, warning: () => {} } });
  });
  try {
    return await fn();
  } finally {
    const r = await releaseLock(
      { owner, repo },
      { store, log: { info: (m) => io.info(m), warning: (m) => io.warning(m) } },
    );
    if (r === 'released') io.info('deploy lock released');
  }
}
