/**
 * The v1 -> v2 -> failing v3 sequence from the engine tests, run by the real engine against a
 * real target implementation (kubernetes through kubectl and the API fake, command through shell
 * scripts, swarm on a real swarm). Each target test supplies the target and a probe that answers
 * the way the app behind that target would.
 */
import { expect } from 'vitest';
import { runDeploy } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { DeployTarget, Release } from '../../../src/deploy/target.js';
import type { DeployEffects, DeployPlan, ProbeRequest, ProbeResult } from '../../../src/deploy/types.js';
import { MemRecorder } from '../deploy/fakes.js';

export function release(image: string, app = 'shop'): Release {
  return {
    app,
    environment: 'production',
    image,
    configDigest: `sha256:${image}`,
    runtime: { env: { GREETING: 'hi' } },
  };
}

export interface SequenceOptions {
  /** Version marker: the `X-Version` header (default) or the body of a path such as /version. */
  marker?: { kind: 'header' | 'path'; name: string };
  over?: Partial<DeployPlan>;
}

export function plan(
  image: string,
  publicUrl: string,
  version: string,
  opts: SequenceOptions = {},
): DeployPlan {
  const marker = opts.marker ?? { kind: 'header', name: 'X-Version' };
  return {
    release: release(image),
    publicUrl,
    health: {
      ...DEFAULT_HEALTH,
      intervalMs: 100,
      timeoutMs: 2000,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      startPeriodMs: 500,
      deadlineMs: 4000,
    },
    version: {
      ...marker,
      expect: version,
      deadlineMs: 10_000,
      intervalMs: 100,
      consecutive: 2,
    },
    bakeMs: 500,
    keepWarmMs: 600_000,
    autoRollback: true,
    deployment: { ref: 'main' },
    ...opts.over,
  };
}

export function effects(
  target: DeployTarget,
  recorder: MemRecorder,
  probe: (req: ProbeRequest) => Promise<ProbeResult>,
): DeployEffects & { logs: string[] } {
  const logs: string[] = [];
  return {
    target,
    recorder,
    logs,
    probe,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: {
      info: (m) => logs.push(`info ${m}`),
      warning: (m) => logs.push(`warning ${m}`),
      group: async (_n, fn) => fn(),
    },
  };
}

/** v1 -> blue, v2 -> green (blue kept warm), v3 never healthy: traffic stays on green. */
export async function runSequence(
  target: DeployTarget,
  probe: (req: ProbeRequest) => Promise<ProbeResult>,
  images: { v1: string; v2: string; v3: string },
  publicUrl: string,
  opts: SequenceOptions = {},
): Promise<{ recorder: MemRecorder }> {
  const recorder = new MemRecorder();
  const fx = effects(target, recorder, probe);
  const r1 = await runDeploy(plan(images.v1, publicUrl, 'v1', opts), fx);
  expect(r1.message).toContain('is live on blue');
  expect(r1).toMatchObject({ outcome: 'success', color: 'blue' });
  expect((await target.status()).live).toBe('blue');

  const r2 = await runDeploy(plan(images.v2, publicUrl, 'v2', opts), fx);
  expect(r2.message).toContain('is live on green');
  expect(r2).toMatchObject({
    outcome: 'success',
    color: 'green',
    previousColor: 'blue',
    previousImage: images.v1,
  });
  const st2 = await target.status();
  expect(st2.live).toBe('green');
  expect(st2.colors.blue.state).toBe('running'); // kept warm
  expect(st2.colors.green.image).toBe(images.v2);

  const r3 = await runDeploy(plan(images.v3, publicUrl, 'v3', opts), fx);
  expect(r3).toMatchObject({ outcome: 'failed-before-switch', phase: 'verify-idle', color: 'green' });
  const st3 = await target.status();
  expect(st3.live).toBe('green');
  expect(st3.colors.blue.state).toBe('stopped');
  expect(recorder.finalStates()).toEqual([
    `1:${images.v1}:inactive`,
    `2:${images.v2}:success`,
    `3:${images.v3}:failure`,
  ]);
  return { recorder };
}
