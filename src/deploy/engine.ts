/**
 * The blue-green state machine, the same for every target:
 *
 *   prepare → start (idle color) → verify-idle (health + smoke) → switch → verify-switch (public
 *   route serves the new release) → bake (watch the public route) → finalize
 *
 * and `rollback` from any phase after the switch. Before the switch a failure only stops the idle
 * color: the live color never stops serving. Each phase is a log group, a record with its
 * duration, a `phase` callback and a GitHub Deployment status.
 */
import { isUserError, messageOf } from '../errors.js';
import { judge, probeRequest, readVersion, waitHealthy, waitVersion } from './health.js';
import { otherColor, type Color, type Release } from './target.js';
import type {
  DeployEffects,
  DeployPlan,
  DeployResult,
  DeploymentState,
  Phase,
  PhaseRecord,
  RecordedDeployment,
  RollbackPlan,
  SlipwayPayload,
} from './types.js';

/** Failure of one phase; carries the one-line reason shown in logs, summary and status. */
class PhaseFailure extends Error {}

function shortDescription(s: string): string {
  // GitHub caps deployment status descriptions at 140 characters.
  return s.length > 140 ? `${s.slice(0, 137)}...` : s;
}

/** Runs phases, recording durations and statuses. */
class PhaseRunner {
  readonly records: PhaseRecord[] = [];
  current: Phase = 'prepare';
  deploymentId: string | undefined;

  constructor(
    private readonly fx: DeployEffects,
    private readonly urls: { environmentUrl?: string; logUrl?: string },
  ) {}

  private chain: Promise<void> = Promise.resolve();

  /**
   * Queues a deployment status. Statuses are sent in order but off the critical path (an API
   * round trip never delays a switch or a rollback); final states wait for the queue.
   */
  async status(state: DeploymentState, description: string, id = this.deploymentId): Promise<void> {
    if (!id) return;
    this.chain = this.chain.then(async () => {
      try {
        await this.fx.recorder.setStatus(id, state, {
          description: shortDescription(description),
          environmentUrl: this.urls.environmentUrl,
          logUrl: this.urls.logUrl,
        });
      } catch (e) {
        // The deploy itself is what matters; a status the API refused is reported, not fatal.
        this.fx.log.warning(`could not set deployment ${id} status ${state}: ${messageOf(e)}`);
      }
    });
    if (state !== 'in_progress') await this.chain;
  }

  /** Waits until every queued status has been sent. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Runs one phase; `fn` returns a detail line or throws PhaseFailure / anything. */
  async run(phase: Phase, fn: () => Promise<string>): Promise<string> {
    this.current = phase;
    this.fx.onPhase?.(phase);
    const t0 = this.fx.now();
    await this.status('in_progress', `${phase}`);
    return this.fx.log.group(`${phase}`, async () => {
      try {
        const detail = await fn();
        this.records.push({ phase, ok: true, ms: this.fx.now() - t0, detail });
        this.fx.log.info(`${phase}: ${detail}`);
        return detail;
      } catch (e) {
        const detail = messageOf(e);
        this.records.push({ phase, ok: false, ms: this.fx.now() - t0, detail });
        this.fx.log.warning(`${phase} failed: ${detail}`);
        throw e;
      }
    });
  }
}

function payloadOf(
  release: Pick<Release, 'app' | 'environment' | 'image' | 'configDigest'>,
  color: Color,
  previous: { color?: Color; image?: string },
  reason?: string,
): SlipwayPayload {
  const p: SlipwayPayload = {
    app: release.app,
    environment: release.environment,
    image: release.image,
    color,
    'previous-color': previous.color ?? null,
    'previous-image': previous.image ?? null,
    'config-digest': release.configDigest,
  };
  if (reason) p.reason = reason;
  return p;
}

/** Switches back to `to` and checks the public route serves it again. Never throws. */
async function switchBack(
  fx: DeployEffects,
  plan: { publicUrl: string; health: DeployPlan['health']; version?: DeployPlan['version'] },
  to: Color,
  expectVersion: string | undefined,
): Promise<{ ok: boolean; detail: string }> {
  const steps: string[] = [];
  if (plan.version && expectVersion === undefined) {
    expectVersion = await markerOf(fx, plan, to);
  }
  try {
    await fx.target.switch(to);
    steps.push(`route switched back to ${to}`);
  } catch (e) {
    return { ok: false, detail: `switching back to ${to} failed: ${messageOf(e)}` };
  }
  try {
    const check = await fx.target.verify(to);
    if (!check.ok)
      return {
        ok: false,
        detail: `route does not point at ${to} after switching back: ${check.detail ?? ''}`,
      };
  } catch (e) {
    return { ok: false, detail: `could not read the route back: ${messageOf(e)}` };
  }
  if (plan.version && expectVersion !== undefined) {
    const v = await waitVersion(fx, plan.health, plan.version, plan.publicUrl, expectVersion);
    if (!v.ok) return { ok: false, detail: `${steps.join('; ')}; ${v.detail}` };
    steps.push(v.detail);
  } else {
    const spec = { ...plan.health, startPeriodMs: 0, healthyThreshold: 1 };
    const h = await waitHealthy(fx, spec, plan.publicUrl);
    if (!h.ok) return { ok: false, detail: `${steps.join('; ')}; public route not healthy: ${h.detail}` };
    steps.push('public route healthy');
  }
  return { ok: true, detail: steps.join('; ') };
}

/** Reads a color's own version marker, retrying a few times (one slow answer is not a verdict). */
async function readMarker(
  fx: DeployEffects,
  spec: DeployPlan['health'],
  marker: NonNullable<DeployPlan['version']>,
  url: string,
): Promise<string | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { value } = await readVersion(fx, spec, marker, url);
    if (value !== undefined) return value;
    await fx.sleep(Math.max(marker.intervalMs, 100));
  }
  return undefined;
}

/** The version marker a color serves, read from the color itself (bypassing the route). */
async function markerOf(
  fx: DeployEffects,
  plan: { health: DeployPlan['health']; version?: DeployPlan['version'] },
  color: Color,
): Promise<string | undefined> {
  if (!plan.version) return undefined;
  try {
    const st = await fx.target.status();
    const url = st.colors[color].endpoint?.url;
    if (!url || st.colors[color].state !== 'running') return undefined;
    return await readMarker(fx, plan.health, plan.version, url);
  } catch {
    return undefined;
  }
}

/** Runs a blue-green deploy of `plan.release`. Throws only UserError (bad setup, nothing changed) or bugs. */
export async function runDeploy(plan: DeployPlan, fx: DeployEffects): Promise<DeployResult> {
  const { release } = plan;
  const runner = new PhaseRunner(fx, {
    environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
    logUrl: plan.deployment.logUrl,
  });
  let live: Color | undefined;
  let idle: Color = 'blue';
  let previousImage: string | undefined;
  let previous: RecordedDeployment | undefined;
  let switched = false;
  let healthyAt = 0;
  let previousMarker: string | undefined;
  const result = (over: Partial<DeployResult> & Pick<DeployResult, 'outcome' | 'message'>): DeployResult => ({
    phase: runner.current,
    phases: runner.records,
    color: live,
    previousColor: live,
    image: release.image,
    previousImage,
    url: plan.publicUrl,
    deploymentId: runner.deploymentId,
    ...over,
  });

  // prepare: every check that could stop the deploy, before anything changes.
  try {
    await runner.run('prepare', async () => {
      await fx.target.prepare();
      const st = await fx.target.status();
      // A route pointing at a color that is not running serves nothing: deploy into that color.
      const routed = st.live;
      live =
        routed && ['running', 'starting', 'restarting'].includes(st.colors[routed].state)
          ? routed
          : undefined;
      idle = live ? otherColor(live) : (routed ?? 'blue');
      previousImage = live ? st.colors[live].image : undefined;
      if (live && plan.version && plan.version.expectPrevious === undefined) {
        const url = st.colors[live].endpoint?.url;
        if (url) previousMarker = await readMarker(fx, plan.health, plan.version, url);
      }
      previous = await fx.recorder.lastSuccessful(release.app, release.environment);
      runner.deploymentId = await fx.recorder.create({
        ref: plan.deployment.ref,
        environment: release.environment,
        task: plan.deployment.task ?? 'deploy',
        description: shortDescription(`${release.app}: ${release.image} to ${idle}`),
        payload: payloadOf(release, idle, { color: live, image: previousImage }, plan.deployment.reason),
      });
      await runner.status('in_progress', 'prepare');
      return live
        ? `${fx.target.kind}: ${live} is live (${previousImage ?? 'unknown image'}); deploying to ${idle}`
        : `${fx.target.kind}: no live color yet; deploying to ${idle}`;
    });
  } catch (e) {
    if (isUserError(e)) throw e;
    await runner.status('failure', `prepare failed: ${messageOf(e)}`);
    return result({ outcome: 'failed-before-switch', message: `prepare failed: ${messageOf(e)}` });
  }

  // start + verify-idle: failures here stop the idle color; the live color keeps serving.
  let endpointUrl = '';
  try {
    await runner.run('start', async () => {
      const ep = await fx.target.start(idle, release);
      endpointUrl = ep.url;
      return `${idle} started with ${release.image} at ${ep.url}`;
    });
    await runner.run('verify-idle', async () => {
      const h = await waitHealthy(fx, plan.health, endpointUrl, { target: fx.target, color: idle });
      if (!h.ok) throw new PhaseFailure(`${idle} ${h.detail}`);
      healthyAt = fx.now();
      if (plan.smoke && fx.smoke) {
        const s = await fx.smoke(
          plan.smoke.command,
          { SLIPWAY_URL: endpointUrl, SLIPWAY_COLOR: idle },
          plan.smoke.timeoutMs,
        );
        if (s.code !== 0)
          throw new PhaseFailure(
            `smoke command exited ${s.code}: ${s.output.trim().split('\n').slice(-3).join(' | ')}`,
          );
        healthyAt = fx.now();
        return `${h.detail}; smoke command passed`;
      }
      return h.detail;
    });
  } catch (e) {
    const why = messageOf(e);
    try {
      await fx.target.stop(idle);
    } catch (stopErr) {
      fx.log.warning(`could not stop ${idle}: ${messageOf(stopErr)}`);
    }
    await runner.status('failure', `${runner.current} failed: ${why}`);
    return result({
      outcome: 'failed-before-switch',
      message: `${runner.current} failed, ${live ? `${live} kept serving` : 'no traffic switched'}: ${why}`,
    });
  }

  // switch + verify-switch + bake: from here on a failure rolls back to the live color.
  let switchMs: number | undefined;
  try {
    await runner.run('switch', async () => {
      try {
        await fx.target.switch(idle);
      } catch (e) {
        throw new PhaseFailure(`the route refused the switch to ${idle}: ${messageOf(e)}`);
      }
      switched = true;
      return `route switched to ${idle}`;
    });
    await runner.run('verify-switch', async () => {
      const check = await fx.target.verify(idle);
      if (!check.ok)
        throw new PhaseFailure(`route does not point at ${idle}: ${check.detail ?? `live is ${check.live}`}`);
      if (plan.version) {
        const expect = plan.version.expect ?? (await readMarker(fx, plan.health, plan.version, endpointUrl));
        if (expect === undefined)
          throw new PhaseFailure(`${idle} does not report a version marker (${plan.version.name})`);
        const v = await waitVersion(fx, plan.health, plan.version, plan.publicUrl, expect);
        if (!v.ok) throw new PhaseFailure(v.detail);
        switchMs = fx.now() - healthyAt;
        return `${v.detail} (${switchMs} ms after ${idle} was healthy)`;
      }
      const h = await waitHealthy(fx, { ...plan.health, startPeriodMs: 0 }, plan.publicUrl);
      if (!h.ok) throw new PhaseFailure(`public route ${h.detail}`);
      switchMs = fx.now() - healthyAt;
      return `public route healthy on ${idle}`;
    });
    if (plan.bakeMs > 0) {
      await runner.run('bake', async () => bake(plan, fx, idle));
    }
  } catch (e) {
    const why = messageOf(e);
    if (!switched) {
      // The switch itself failed: make sure the route is (still) on the live color.
      let detail = '';
      if (live) {
        const back = await switchBack(fx, plan, live, plan.version?.expectPrevious ?? previousMarker);
        detail = back.ok ? `; traffic stays on ${live}` : `; ${back.detail}`;
      }
      try {
        await fx.target.stop(idle);
      } catch (stopErr) {
        fx.log.warning(`could not stop ${idle}: ${messageOf(stopErr)}`);
      }
      await runner.status('failure', `switch failed: ${why}`);
      return result({ outcome: 'failed', message: `switch failed: ${why}${detail}` });
    }
    if (!live) {
      await runner.status('failure', `${runner.current} failed: ${why}`);
      return result({
        outcome: 'failed',
        color: idle,
        message: `${runner.current} failed and there is no previous color to roll back to: ${why}`,
      });
    }
    if (!plan.autoRollback) {
      await runner.status('failure', `${runner.current} failed: ${why} (automatic rollback is off)`);
      return result({
        outcome: 'failed',
        color: idle,
        message: `${runner.current} failed: ${why}; automatic rollback is off, ${idle} still serves`,
      });
    }
    return rollbackAfterSwitch(plan, fx, runner, {
      live,
      idle,
      previousImage,
      previous,
      previousMarker,
      why,
      result,
    });
  }

  // finalize: record success, retire the previous deployment, stop or keep the old color warm.
  await runner.run('finalize', async () => {
    await runner.status('success', `${release.image} live on ${idle}`);
    if (previous) await runner.status('inactive', `superseded by ${release.image}`, previous.id);
    if (!live) return `${idle} is live`;
    if (plan.keepWarmMs <= 0) {
      try {
        if (plan.drainMs) await fx.sleep(plan.drainMs);
        await fx.target.stop(live);
        return `${idle} is live; ${live} stopped (kept for rollback)`;
      } catch (e) {
        fx.log.warning(`could not stop ${live}: ${messageOf(e)}`);
        return `${idle} is live; ${live} could not be stopped: ${messageOf(e)}`;
      }
    }
    return `${idle} is live; ${live} stays warm for ${Math.round(plan.keepWarmMs / 60000)} min`;
  });
  return result({
    outcome: 'success',
    color: idle,
    previousColor: live,
    switchMs,
    message: `${release.image} is live on ${idle}${live ? ` (was ${previousImage ?? live})` : ''}`,
  });
}

async function bake(plan: DeployPlan, fx: DeployEffects, color: Color): Promise<string> {
  const started = fx.now();
  const spec = plan.health;
  let probes = 0;
  let failures = 0;
  let inRow = 0;
  while (fx.now() - started < plan.bakeMs) {
    const th = await fx.target
      .health(color)
      .catch((e: unknown) => ({ state: 'failed' as const, detail: messageOf(e) }));
    if (th.state === 'failed')
      throw new PhaseFailure(`${color} failed on the target during bake: ${th.detail ?? ''}`);
    const r = await fx.probe(probeRequest(spec, plan.publicUrl));
    probes++;
    const why = judge(spec, r);
    if (why !== undefined) {
      failures++;
      inRow++;
      if (inRow >= spec.unhealthyThreshold) {
        throw new PhaseFailure(
          `public route unhealthy during bake: ${inRow} failed checks in a row (last: ${why})`,
        );
      }
    } else inRow = 0;
    if (
      plan.errorRate &&
      probes >= plan.errorRate.minProbes &&
      failures / probes > plan.errorRate.maxFailureRatio
    ) {
      throw new PhaseFailure(
        `error rate during bake ${((100 * failures) / probes).toFixed(1)}% > ${(100 * plan.errorRate.maxFailureRatio).toFixed(1)}%`,
      );
    }
    await fx.sleep(Math.min(spec.intervalMs, Math.max(0, plan.bakeMs - (fx.now() - started))));
  }
  return `${probes} checks over ${Math.round(plan.bakeMs / 1000)}s, ${failures} failed`;
}

async function rollbackAfterSwitch(
  plan: DeployPlan,
  fx: DeployEffects,
  runner: PhaseRunner,
  ctx: {
    live: Color;
    idle: Color;
    previousImage: string | undefined;
    previous: RecordedDeployment | undefined;
    previousMarker: string | undefined;
    why: string;
    result: (over: Partial<DeployResult> & Pick<DeployResult, 'outcome' | 'message'>) => DeployResult;
  },
): Promise<DeployResult> {
  const { live, idle, why } = ctx;
  const failedPhase = runner.current;
  const t0 = fx.now();
  let back: { ok: boolean; detail: string } = { ok: false, detail: '' };
  let rollbackId: string | undefined;
  try {
    await runner.run('rollback', async () => {
      back = await switchBack(fx, plan, live, plan.version?.expectPrevious ?? ctx.previousMarker);
      if (!back.ok) throw new PhaseFailure(back.detail);
      return back.detail;
    });
  } catch {
    // recorded by the runner; reported below
  }
  const rollbackMs = fx.now() - t0;
  await runner.status('failure', `${failedPhase} failed: ${why}; rolled back to ${live}`);
  if (back.ok) {
    try {
      if (plan.drainMs) await fx.sleep(plan.drainMs);
      await fx.target.stop(idle);
    } catch (e) {
      fx.log.warning(`could not stop ${idle}: ${messageOf(e)}`);
    }
    // The history stays truthful: the restored release is deployed again, as a deployment of its own.
    const restored = ctx.previous?.payload;
    try {
      rollbackId = await fx.recorder.create({
        ref: plan.deployment.ref,
        environment: plan.release.environment,
        task: 'deploy:rollback',
        description: shortDescription(`rollback of ${plan.release.image}: ${why}`),
        payload: {
          app: plan.release.app,
          environment: plan.release.environment,
          image: ctx.previousImage ?? restored?.image ?? 'unknown',
          color: live,
          'previous-color': idle,
          'previous-image': plan.release.image,
          'config-digest': restored?.['config-digest'] ?? 'unknown',
          reason: `automatic rollback: ${failedPhase} failed: ${why}`,
        },
      });
      await runner.status('success', `rolled back to ${ctx.previousImage ?? live}`, rollbackId);
    } catch (e) {
      fx.log.warning(`could not record the rollback deployment: ${messageOf(e)}`);
    }
  }
  return ctx.result({
    outcome: back.ok ? 'rolled-back' : 'failed',
    phase: 'rollback',
    color: back.ok ? live : undefined,
    previousColor: live,
    rollbackDeploymentId: rollbackId,
    rollbackMs,
    message: back.ok
      ? `${failedPhase} failed: ${why}; rolled back to ${live} (${ctx.previousImage ?? 'previous release'}) in ${rollbackMs} ms`
      : `${failedPhase} failed: ${why}; ROLLBACK FAILED: ${back.detail}`,
  });
}

/**
 * Manual rollback: back to the previous color while it is warm (an instant switch), otherwise
 * restart the recorded previous release (same image and config) and switch once it is healthy.
 */
export async function runRollback(plan: RollbackPlan, fx: DeployEffects): Promise<DeployResult> {
  const runner = new PhaseRunner(fx, {
    environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
    logUrl: plan.deployment.logUrl,
  });
  let live: Color | undefined;
  let to: Color = 'blue';
  let targetImage = '';
  let liveImage: string | undefined;
  let configDigest = 'unknown';
  let mustStart = false;
  let startRelease: Release | undefined;
  let current: RecordedDeployment | undefined;
  let healthyAt = 0;
  let toMarker: string | undefined;
  const result = (over: Partial<DeployResult> & Pick<DeployResult, 'outcome' | 'message'>): DeployResult => ({
    phase: runner.current,
    phases: runner.records,
    color: live,
    previousColor: live,
    image: targetImage,
    previousImage: liveImage,
    url: plan.publicUrl,
    deploymentId: runner.deploymentId,
    ...over,
  });

  try {
    await runner.run('prepare', async () => {
      await fx.target.prepare();
      const st = await fx.target.status();
      live = st.live;
      if (!live)
        throw new PhaseFailure(`${plan.app} has no live color in ${plan.environment}: nothing to roll back`);
      liveImage = st.colors[live].image;
      current = await fx.recorder.lastSuccessful(plan.app, plan.environment);
      const other = otherColor(live);
      if (plan.to.kind === 'image') {
        if (!plan.runtime || !plan.configDigestOf)
          throw new PhaseFailure('rolling back to an image needs the runtime config');
        to = other;
        targetImage = plan.to.image;
        configDigest = plan.configDigestOf(plan.runtime);
        startRelease = {
          app: plan.app,
          environment: plan.environment,
          image: targetImage,
          configDigest,
          runtime: plan.runtime,
        };
        mustStart = true;
      } else {
        to = plan.to.kind === 'color' ? plan.to.color : other;
        if (to === live) throw new PhaseFailure(`${to} is already live`);
        const cs = st.colors[to];
        if (cs.state === 'missing' || !cs.image) {
          throw new PhaseFailure(
            `${to} has no recorded release to roll back to (it was removed); roll back to an image instead`,
          );
        }
        const failedThere =
          plan.to.kind === 'previous' &&
          current?.payload.reason?.startsWith('automatic rollback') &&
          current.payload['previous-image'] === cs.image;
        if (failedThere) {
          throw new PhaseFailure(
            `${to} holds ${cs.image}, which failed and was rolled back; name an image to roll back to`,
          );
        }
        targetImage = cs.image;
        configDigest = cs.configDigest ?? 'unknown';
        mustStart = cs.state !== 'running';
        if (!mustStart && plan.version) toMarker = await markerOf(fx, plan, to);
        startRelease = {
          app: plan.app,
          environment: plan.environment,
          image: cs.image,
          configDigest,
          runtime: plan.runtime ?? { env: {} },
        };
      }
      runner.deploymentId = await fx.recorder.create({
        ref: plan.deployment.ref,
        environment: plan.environment,
        task: 'deploy:rollback',
        description: shortDescription(`rollback ${plan.app} to ${targetImage}`),
        payload: {
          app: plan.app,
          environment: plan.environment,
          image: targetImage,
          color: to,
          'previous-color': live,
          'previous-image': liveImage ?? null,
          'config-digest': configDigest,
          reason: plan.deployment.reason ?? 'manual rollback',
        },
      });
      await runner.status('in_progress', 'prepare');
      return `${live} is live (${liveImage ?? 'unknown'}); rolling back to ${to} (${targetImage}, ${mustStart ? 'must be restarted' : 'warm'})`;
    });
  } catch (e) {
    if (isUserError(e)) throw e;
    await runner.status('failure', `prepare failed: ${messageOf(e)}`);
    return result({ outcome: 'failed-before-switch', message: `rollback not possible: ${messageOf(e)}` });
  }

  const t0 = fx.now();
  try {
    if (mustStart) {
      let url = '';
      await runner.run('start', async () => {
        const ep = await fx.target.start(to, startRelease!, { reuse: plan.to.kind !== 'image' });
        url = ep.url;
        return `${to} restarted with ${targetImage} at ${ep.url}`;
      });
      await runner.run('verify-idle', async () => {
        const h = await waitHealthy(fx, plan.health, url, { target: fx.target, color: to });
        if (!h.ok) throw new PhaseFailure(`${to} ${h.detail}`);
        return h.detail;
      });
    }
    healthyAt = fx.now();
  } catch (e) {
    try {
      await fx.target.stop(to);
    } catch (stopErr) {
      fx.log.warning(`could not stop ${to}: ${messageOf(stopErr)}`);
    }
    await runner.status('failure', `${runner.current} failed: ${messageOf(e)}`);
    return result({
      outcome: 'failed-before-switch',
      message: `rollback failed, ${live} kept serving: ${messageOf(e)}`,
    });
  }

  let ok = false;
  let detail = '';
  try {
    await runner.run('switch', async () => {
      await fx.target.switch(to);
      return `route switched to ${to}`;
    });
    await runner.run('verify-switch', async () => {
      const check = await fx.target.verify(to);
      if (!check.ok) throw new PhaseFailure(`route does not point at ${to}: ${check.detail ?? ''}`);
      const expect = plan.version ? (toMarker ?? (await markerOf(fx, plan, to))) : undefined;
      if (plan.version && expect !== undefined) {
        const v = await waitVersion(fx, plan.health, plan.version, plan.publicUrl, expect);
        if (!v.ok) throw new PhaseFailure(v.detail);
        return v.detail;
      }
      const h = await waitHealthy(
        fx,
        { ...plan.health, startPeriodMs: 0, healthyThreshold: 1 },
        plan.publicUrl,
      );
      if (!h.ok) throw new PhaseFailure(`public route ${h.detail}`);
      return `public route healthy on ${to}`;
    });
    ok = true;
  } catch (e) {
    detail = messageOf(e);
  }
  if (!ok) {
    const back = await switchBack(fx, plan, live!, undefined);
    await runner.status('failure', `rollback to ${to} failed: ${detail}`);
    return result({
      outcome: 'failed',
      color: back.ok ? live : undefined,
      message: `rollback to ${to} failed: ${detail}; ${back.ok ? `${live} kept serving` : back.detail}`,
    });
  }
  const rollbackMs = fx.now() - t0;
  await runner.run('finalize', async () => {
    await runner.status('success', `rolled back to ${targetImage} on ${to}`);
    if (current) await runner.status('inactive', `rolled back to ${targetImage}`, current.id);
    return `${to} is live again; ${live} stays up for inspection`;
  });
  return result({
    outcome: 'success',
    color: to,
    previousColor: live,
    rollbackMs,
    switchMs: fx.now() - healthyAt,
    message: `rolled back ${plan.app} to ${targetImage} on ${to} in ${rollbackMs} ms (was ${liveImage ?? live})`,
  });
}
