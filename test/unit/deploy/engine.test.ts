import { describe, expect, it } from 'vitest';
import { runDeploy, runRollback } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { DeployPlan, RollbackPlan } from '../../../src/deploy/types.js';
import { UserError } from '../../../src/errors.js';
import { MemRecorder, MemTarget, memEffects, release, type Behaviour } from './fakes.js';

const behaviours: Record<string, Behaviour> = {
  'app:v1': { version: 'v1' },
  'app:v2': { version: 'v2' },
  'app:v3': { version: 'v3', healthy: false },
  'app:v4': { version: 'v4', failAfterMs: 5_000 },
  'app:crash': { version: 'crash', crash: true },
};

function plan(image: string, over: Partial<DeployPlan> = {}): DeployPlan {
  const version = behaviours[image]?.version ?? image;
  return {
    release: release(image),
    publicUrl: 'mem://public',
    health: { ...DEFAULT_HEALTH, startPeriodMs: 2_000, deadlineMs: 30_000 },
    version: {
      kind: 'header',
      name: 'X-Version',
      expect: version,
      deadlineMs: 5_000,
      intervalMs: 100,
      consecutive: 3,
    },
    bakeMs: 10_000,
    keepWarmMs: 600_000,
    autoRollback: true,
    deployment: { ref: 'main', logUrl: 'https://ci/run/1' },
    ...over,
  };
}

function setup() {
  const clock = { t: 0 };
  const target = new MemTarget(clock, behaviours);
  const recorder = new MemRecorder();
  const fx = memEffects(target, recorder);
  return { clock, target, recorder, fx };
}

describe('runDeploy', () => {
  it('deploys v1 to blue, then v2 to green through every phase, keeping blue warm', async () => {
    const { target, recorder, fx } = setup();
    const r1 = await runDeploy(plan('app:v1'), fx);
    expect(r1.outcome).toBe('success');
    expect(r1.color).toBe('blue');
    expect(r1.previousColor).toBeUndefined();

    fx.phases.length = 0;
    fx.logs.length = 0;
    const r2 = await runDeploy(plan('app:v2'), fx);
    expect(r2).toMatchObject({
      outcome: 'success',
      phase: 'finalize',
      color: 'green',
      previousColor: 'blue',
      image: 'app:v2',
      previousImage: 'app:v1',
      deploymentId: '2',
    });
    expect(fx.phases).toEqual([
      'prepare',
      'start',
      'verify-idle',
      'switch',
      'verify-switch',
      'bake',
      'finalize',
    ]);
    expect(r2.phases.map((p) => p.ok)).toEqual([true, true, true, true, true, true, true]);
    expect(target.live).toBe('green');
    expect(target.colors.blue.state).toBe('running'); // warm
    expect(recorder.finalStates()).toEqual(['1:app:v1:inactive', '2:app:v2:success']);
    expect(recorder.deployments[1]!.payload).toEqual({
      app: 'shop',
      environment: 'production',
      image: 'app:v2',
      color: 'green',
      'previous-color': 'blue',
      'previous-image': 'app:v1',
      'config-digest': 'sha256:6',
    });
    const states = recorder.deployments[1]!.statuses.map((s) => `${s.state}:${s.description}`);
    expect(states.slice(0, 6)).toEqual([
      'in_progress:prepare',
      'in_progress:start',
      'in_progress:verify-idle',
      'in_progress:switch',
      'in_progress:verify-switch',
      'in_progress:bake',
    ]);
    expect(typeof r2.switchMs).toBe('number');
    expect(fx.logs.filter((l) => l.startsWith('group'))).toHaveLength(7);
  });

  it('stops the previous color at finalize when keep-warm is 0', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    await runDeploy(plan('app:v2', { keepWarmMs: 0 }), fx);
    expect(target.colors.blue.state).toBe('stopped');
  });

  it('a v3 that fails health never receives traffic', async () => {
    const { target, recorder, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const r = await runDeploy(plan('app:v3'), fx);
    expect(r.outcome).toBe('failed-before-switch');
    expect(r.phase).toBe('verify-idle');
    expect(r.color).toBe('blue');
    expect(r.message).toMatch(
      /verify-idle failed, blue kept serving: green unhealthy: 3 failed checks in a row \(last: status 500/,
    );
    expect(target.calls).not.toContain('switch green');
    expect(target.colors.green.state).toBe('stopped');
    expect(recorder.finalStates()).toEqual(['1:app:v1:success', '2:app:v3:failure']);
  });

  it('a crash-looping idle color fails fast, without waiting for the deadline', async () => {
    const { clock, target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const t0 = clock.t;
    const r = await runDeploy(plan('app:crash'), fx);
    expect(r.outcome).toBe('failed-before-switch');
    expect(r.message).toMatch(/green failed on the target: restarting \(exit 1\)/);
    expect(clock.t - t0).toBeLessThan(1_000);
    expect(target.live).toBe('blue');
  });

  it('a failing smoke command stops the deploy before the switch', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const r = await runDeploy(
      plan('app:v2', { smoke: { command: 'npm run smoke-fail', timeoutMs: 1000 } }),
      fx,
    );
    expect(r.outcome).toBe('failed-before-switch');
    expect(r.message).toMatch(/smoke command exited 3: assertion failed/);
    expect(fx.logs).toContain('smoke npm run smoke-fail mem://green');
    expect(target.live).toBe('blue');
  });

  it('a v4 failing during bake is rolled back, the deployment failed and the rollback recorded', async () => {
    const { target, recorder, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    await runDeploy(plan('app:v2'), fx);
    const r = await runDeploy(
      plan('app:v4', { version: { ...plan('app:v4').version!, expectPrevious: 'v2' } }),
      fx,
    );
    expect(r.outcome).toBe('rolled-back');
    expect(r.phase).toBe('rollback');
    expect(r.color).toBe('green');
    expect(r.message).toMatch(
      /^bake failed: public route unhealthy during bake: 3 failed checks in a row .* rolled back to green \(app:v2\)/,
    );
    expect(target.live).toBe('green');
    expect(target.colors.blue.state).toBe('stopped');
    expect(recorder.finalStates()).toEqual([
      '1:app:v1:inactive',
      '2:app:v2:success',
      '3:app:v4:failure',
      '4:app:v2:success',
    ]);
    expect(recorder.deployments[3]).toMatchObject({
      task: 'deploy:rollback',
      payload: { image: 'app:v2', color: 'green', 'previous-image': 'app:v4', 'config-digest': 'sha256:6' },
    });
    expect(recorder.deployments[3]!.payload.reason).toMatch(/^automatic rollback: bake failed/);
    expect(r.rollbackDeploymentId).toBe('4');
    expect(typeof r.rollbackMs).toBe('number');
  });

  it('the route refusing the switch leaves traffic on the live color', async () => {
    const { target, recorder, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    target.refuseSwitch = true;
    const r = await runDeploy(plan('app:v2'), fx);
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(
      /switch failed: the route refused the switch to green: proxy said: No such server/,
    );
    expect(target.live).toBe('blue');
    expect(recorder.finalStates().at(-1)).toBe('2:app:v2:failure');
  });

  it('with automatic rollback off, a bake failure is reported and the new color keeps serving', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const r = await runDeploy(plan('app:v4', { autoRollback: false }), fx);
    expect(r.outcome).toBe('failed');
    expect(target.live).toBe('green');
  });

  it('a verify-switch that never sees the new version rolls back', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const p = plan('app:v2');
    p.version!.expect = 'v9';
    const r = await runDeploy(p, fx);
    expect(r.outcome).toBe('rolled-back');
    expect(r.message).toMatch(
      /verify-switch failed: public route did not serve v9 within 5.0s \(last: serves v2\)/,
    );
    expect(target.live).toBe('blue');
  });

  it('a user error in prepare changes nothing and is rethrown', async () => {
    const { target, recorder, fx } = setup();
    target.failPrepare = new UserError('socket /run/haproxy.sock does not exist', 'proxy.socket');
    await expect(runDeploy(plan('app:v1'), fx)).rejects.toThrow(/proxy.socket: socket/);
    expect(recorder.deployments).toHaveLength(0);
    expect(target.calls).toEqual(['prepare']);
  });

  it('an error rate check rolls back when too many bake probes fail', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const r = await runDeploy(
      plan('app:v4', {
        health: { ...plan('x').health, unhealthyThreshold: 1000 },
        errorRate: { maxFailureRatio: 0.2, minProbes: 5 },
      }),
      fx,
    );
    expect(r.outcome).toBe('rolled-back');
    expect(r.message).toMatch(/error rate during bake/);
    expect(target.live).toBe('blue');
  });
});

describe('runRollback', () => {
  function rb(over: Partial<RollbackPlan> = {}): RollbackPlan {
    return {
      app: 'shop',
      environment: 'production',
      publicUrl: 'mem://public',
      health: { ...DEFAULT_HEALTH, startPeriodMs: 2_000 },
      to: { kind: 'previous' },
      deployment: { ref: 'main' },
      ...over,
    };
  }

  it('switches back instantly while the previous color is warm', async () => {
    const { target, recorder, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    await runDeploy(plan('app:v2'), fx);
    target.calls.length = 0;
    const r = await runRollback(rb(), fx);
    expect(r).toMatchObject({ outcome: 'success', color: 'blue', previousColor: 'green', image: 'app:v1' });
    expect(target.calls).toEqual(['prepare', 'switch blue']);
    expect(recorder.finalStates()).toEqual(['1:app:v1:inactive', '2:app:v2:inactive', '3:app:v1:success']);
    expect(recorder.deployments[2]!.payload.reason).toBe('manual rollback');
  });

  it('restarts the recorded release when the previous color was stopped', async () => {
    const { target, fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    await runDeploy(plan('app:v2', { keepWarmMs: 0 }), fx);
    target.calls.length = 0;
    const r = await runRollback(rb(), fx);
    expect(r.outcome).toBe('success');
    expect(target.calls).toEqual(['prepare', 'start blue app:v1 reuse', 'switch blue']);
    expect(target.colors.blue.release!.image).toBe('app:v1');
  });

  it('says so when there is nothing to roll back to', async () => {
    const { fx } = setup();
    await runDeploy(plan('app:v1'), fx);
    const r = await runRollback(rb(), fx);
    expect(r.outcome).toBe('failed-before-switch');
    expect(r.message).toMatch(/green has no recorded release to roll back to/);
  });
});
