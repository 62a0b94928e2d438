import { describe, expect, it } from 'vitest';
import { runDeploy, runRollback } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { DeployPlan } from '../../../src/deploy/types.js';
import { stopExpiredWarm, type StopWarmPlan } from '../../../src/deploy/warm.js';
import { UserError } from '../../../src/errors.js';
import { MemRecorder, MemTarget, memEffects, release } from './fakes.js';

const MIN = 60_000;
const behaviours = { 'app:v1': { version: 'v1' }, 'app:v2': { version: 'v2' }, 'app:v3': { version: 'v3' } };

function deployPlan(image: string, keepWarmMs = 30 * MIN): DeployPlan {
  return {
    release: release(image),
    publicUrl: 'mem://public',
    health: { ...DEFAULT_HEALTH, startPeriodMs: 0, deadlineMs: 30_000 },
    bakeMs: 0,
    keepWarmMs,
    autoRollback: true,
    deployment: { ref: 'main' },
  };
}

const warmPlan = (over: Partial<StopWarmPlan> = {}): StopWarmPlan => ({
  app: 'shop',
  environment: 'production',
  keepWarmMs: 30 * MIN,
  force: false,
  ...over,
});

/** v1 then v2 deployed at a real-looking time: blue holds v1, warm. */
async function twoDeploys(opts: { recorderClock?: boolean } = {}) {
  const clock = { t: Date.parse('2026-11-22T10:00:00Z') };
  const target = new MemTarget(clock, behaviours);
  const recorder = new MemRecorder(opts.recorderClock === false ? undefined : clock);
  const fx = memEffects(target, recorder);
  expect((await runDeploy(deployPlan('app:v1'), fx)).outcome).toBe('success');
  expect((await runDeploy(deployPlan('app:v2'), fx)).outcome).toBe('success');
  const liveAt = clock.t;
  return { clock, target, recorder, fx, liveAt };
}

describe('stopExpiredWarm', () => {
  it('keeps the previous color within keep-warm and says until when', async () => {
    const { clock, target, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 29 * MIN;
    const r = await stopExpiredWarm(warmPlan(), fx);
    expect(r).toMatchObject({ outcome: 'kept', color: 'blue', image: 'app:v1' });
    expect(r.warmUntil).toBe(new Date(liveAt + 30 * MIN).toISOString());
    expect(r.message).toMatch(/blue \(app:v1\) stays warm until 2026-11-22T10:30/);
    expect(target.colors.blue.state).toBe('running');
    expect(target.calls.filter((c) => c.startsWith('stop'))).toEqual([]);
  });

  it('stops it once keep-warm has passed; a rollback then restarts it', async () => {
    const { clock, target, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 30 * MIN + 1;
    const r = await stopExpiredWarm(warmPlan(), fx);
    expect(r).toMatchObject({ outcome: 'stopped', color: 'blue', image: 'app:v1' });
    expect(r.message).toMatch(/keep-warm ended 2026-11-22T10:30/);
    expect(target.colors.blue.state).toBe('stopped');
    expect(target.colors.green.state).toBe('running');
    expect(target.live).toBe('green');
    // stopped, not removed: the rollback restarts the recorded release
    const rb = await runRollback(
      {
        app: 'shop',
        environment: 'production',
        publicUrl: 'mem://public',
        health: { ...DEFAULT_HEALTH, startPeriodMs: 0, deadlineMs: 30_000 },
        to: { kind: 'previous' },
        deployment: { ref: 'main' },
      },
      fx,
    );
    expect(rb.outcome, rb.message).toBe('success');
    expect(target.live).toBe('blue');
    expect(target.calls).toContain('start blue app:v1 reuse');
  });

  it('a second run finds nothing warm', async () => {
    const { clock, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 31 * MIN;
    expect((await stopExpiredWarm(warmPlan(), fx)).outcome).toBe('stopped');
    const again = await stopExpiredWarm(warmPlan(), fx);
    expect(again).toMatchObject({ outcome: 'none', color: 'blue' });
    expect(again.message).toMatch(/blue is stopped: no warm color/);
  });

  it('force stops it at once', async () => {
    const { target, fx } = await twoDeploys();
    const r = await stopExpiredWarm(warmPlan({ force: true }), fx);
    expect(r.outcome).toBe('stopped');
    expect(r.message).toMatch(/forced/);
    expect(target.colors.blue.state).toBe('stopped');
  });

  it('nothing deployed, or only one color: nothing to stop', async () => {
    const clock = { t: 0 };
    const target = new MemTarget(clock, behaviours);
    const fx = memEffects(target, new MemRecorder(clock));
    expect((await stopExpiredWarm(warmPlan(), fx)).outcome).toBe('none');
    await runDeploy(deployPlan('app:v1'), fx);
    const r = await stopExpiredWarm(warmPlan({ force: true }), fx);
    expect(r).toMatchObject({ outcome: 'none', color: 'green' });
    expect(target.colors.blue.state).toBe('running');
  });

  it('never stops a color the route still points at', async () => {
    const { clock, target, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 60 * MIN;
    target.verify = async () => ({ ok: false, live: 'blue', detail: 'haproxy sends app/blue' });
    await expect(stopExpiredWarm(warmPlan(), fx)).rejects.toThrow(
      /route does not point at green \(haproxy sends app\/blue\): blue may be serving, so it is not stopped/,
    );
    expect(target.colors.blue.state).toBe('running');
  });

  it('refuses when the recorded deployment and the live color disagree', async () => {
    const { clock, target, recorder, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 60 * MIN;
    recorder.deployments.at(-1)!.payload.color = 'blue';
    const err = await stopExpiredWarm(warmPlan(), fx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/is on blue, but green is live: nothing is stopped/);
    expect(target.colors.blue.state).toBe('running');
  });

  it('keeps an idle color that runs something other than the previous release (a candidate)', async () => {
    const { clock, target, fx, liveAt } = await twoDeploys();
    // a candidate started in the idle color and awaiting promotion
    await target.start('blue', release('app:v3'));
    clock.t = liveAt + 60 * MIN;
    const r = await stopExpiredWarm(warmPlan(), fx);
    expect(r.outcome).toBe('kept');
    expect(r.message).toMatch(/blue runs app:v3, not the previous release app:v1/);
    expect(target.colors.blue.state).toBe('running');
  });

  it('without a recorded time it keeps the color unless forced', async () => {
    const { clock, target, fx, liveAt } = await twoDeploys({ recorderClock: false });
    clock.t = liveAt + 60 * MIN;
    const r = await stopExpiredWarm(warmPlan(), fx);
    expect(r.outcome).toBe('kept');
    expect(r.message).toMatch(/has no time/);
    expect(target.colors.blue.state).toBe('running');
    expect((await stopExpiredWarm(warmPlan({ force: true }), fx)).outcome).toBe('stopped');
  });

  it('without any recorded deployment it keeps the color unless forced', async () => {
    const { clock, target, recorder, fx, liveAt } = await twoDeploys();
    clock.t = liveAt + 60 * MIN;
    recorder.deployments.length = 0;
    const r = await stopExpiredWarm(warmPlan(), fx);
    expect(r.outcome).toBe('kept');
    expect(r.message).toMatch(/no successful deployment of shop in production is recorded/);
    expect(target.colors.blue.state).toBe('running');
  });
});
