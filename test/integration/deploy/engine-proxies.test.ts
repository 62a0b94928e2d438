/**
 * The engine for real, without Docker: colors are Node HTTP servers, the route is our own
 * HAProxy (runtime API) or nginx (include + reload), and a bounded load client counts every
 * failed request during the deploys and rollbacks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy, runRollback } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { HaproxyConfig } from '../../../src/deploy/config.js';
import type { DeployEffects, DeployPlan, HealthSpec } from '../../../src/deploy/types.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { HaproxyRouter } from '../../../src/runner/proxy-haproxy.js';
import { NginxRouter } from '../../../src/runner/proxy-nginx.js';
import { startLoad, type LoadResult } from '../../support/load.js';
import { MemRecorder, release } from '../../unit/deploy/fakes.js';
import {
  ProcessTarget,
  freePort,
  haveBinary,
  startHaproxy,
  startNginx,
  type AppMode,
  type Proxy,
} from './support.js';

const modes: Record<string, AppMode> = {
  'app:v1': { version: 'v1' },
  'app:v2': { version: 'v2' },
  'app:v3': { version: 'v3', unhealthy: true },
  'app:v4': { version: 'v4', failAfterMs: 1500 },
  'app:hang': { version: 'hang', hang: true },
};

const health: HealthSpec = {
  ...DEFAULT_HEALTH,
  intervalMs: 100,
  timeoutMs: 300,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  startPeriodMs: 0,
  deadlineMs: 5_000,
};

/**
 * HAProxy switches through its runtime API: nothing may fail. nginx reloads: its old workers
 * close idle keep-alive connections, so a request racing that close gets ECONNRESET (the
 * documented keep-alive caveat): at most one per open client connection per reload.
 */
function expectDropped(
  kind: 'haproxy' | 'nginx',
  res: LoadResult,
  reloads: number,
  connections: number,
): void {
  if (kind === 'haproxy') {
    expect(res.failed, JSON.stringify(res.failures.slice(0, 5))).toBe(0);
    return;
  }
  expect(res.failures.filter((f) => f.reason !== 'ECONNRESET')).toEqual([]);
  expect(res.failed).toBeLessThanOrEqual(reloads * connections);
}

function effects(target: ProcessTarget, recorder: MemRecorder, log: string[]): DeployEffects {
  return {
    target,
    recorder,
    probe: httpProbe,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info: (m) => log.push(m), warning: (m) => log.push(`warning: ${m}`), group: (_n, fn) => fn() },
  };
}

for (const kind of ['haproxy', 'nginx'] as const) {
  describe.skipIf(!haveBinary(kind))(`engine behind ${kind}`, () => {
    let dir: string;
    let proxy: Proxy;
    let target: ProcessTarget;
    const recorder = new MemRecorder();
    const log: string[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `deploy-${kind}-`));
      const ports = { blue: await freePort(), green: await freePort() };
      proxy = kind === 'haproxy' ? await startHaproxy(dir, ports) : await startNginx(dir, ports);
      const router =
        proxy.config.kind === 'haproxy' ? new HaproxyRouter(proxy.config) : new NginxRouter(proxy.config);
      target = new ProcessTarget(ports, router, modes);
    });
    afterAll(async () => {
      await target?.close();
      await proxy?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const plan = (image: string, over: Partial<DeployPlan> = {}): DeployPlan => ({
      release: release(image),
      publicUrl: proxy.publicUrl,
      health,
      version: {
        kind: 'header',
        name: 'x-version',
        deadlineMs: 5_000,
        intervalMs: 20,
        consecutive: 3,
      },
      bakeMs: 1_000,
      keepWarmMs: 60_000,
      autoRollback: true,
      drainMs: 2000, // the config's default: old nginx workers may still forward to a color that left the route
      deployment: { ref: 'main' },
      ...over,
    });

    it('deploys v1 then v2 under load with no failed request', async () => {
      const r1 = await runDeploy(plan('app:v1'), effects(target, recorder, log));
      expect(r1.outcome, r1.message).toBe('success');
      const load = startLoad({
        url: proxy.publicUrl,
        rps: 600,
        concurrency: 16,
        maxRequests: 20_000,
        maxMs: 20_000,
      });
      await new Promise((r) => setTimeout(r, 300));
      const r2 = await runDeploy(plan('app:v2'), effects(target, recorder, log));
      await new Promise((r) => setTimeout(r, 300));
      const res = await load.stop();
      expect(r2.outcome, r2.message).toBe('success');
      expect(r2.color).toBe('green');
      expectDropped(kind, res, 1, 16);
      expect(res.byVersion.v2).toBeGreaterThan(0);
      expect(res.rps).toBeGreaterThanOrEqual(kind === 'haproxy' ? 500 : 300);
      expect(r2.switchMs).toBeLessThan(1000);
    });

    it('a v3 whose /health fails never receives traffic', async () => {
      const load = startLoad({
        url: proxy.publicUrl,
        rps: 300,
        concurrency: 8,
        maxRequests: 10_000,
        maxMs: 20_000,
      });
      const r = await runDeploy(plan('app:v3'), effects(target, recorder, log));
      const res = await load.stop();
      expect(r.outcome).toBe('failed-before-switch');
      expect(r.message).toMatch(/green kept serving: blue unhealthy/);
      expect(res.byVersion.v3 ?? 0).toBe(0);
      expect(res.failed).toBe(0);
    });

    it('a v4 that fails during bake is rolled back to v2; failures stay in the failing window', async () => {
      const load = startLoad({
        url: proxy.publicUrl,
        rps: 300,
        concurrency: 8,
        maxRequests: 20_000,
        maxMs: 30_000,
      });
      // A second client asks for /health itself: it must see v4's failures, and only while v4
      // was live: from the switch to the end of the rollback.
      const healthLoad = startLoad({
        url: `${proxy.publicUrl}/health`,
        rps: 100,
        concurrency: 2,
        maxRequests: 10_000,
        maxMs: 30_000,
      });
      const p = plan('app:v4', { bakeMs: 5_000 });
      const marks: Record<string, number> = {};
      const fx = { ...effects(target, recorder, log), onPhase: (ph: string) => (marks[ph] = Date.now()) };
      const r = await runDeploy(p, fx);
      const rolledBackAt = Date.now();
      await new Promise((res) => setTimeout(res, 200));
      const res = await load.stop();
      const health = await healthLoad.stop();
      expect(health.failed).toBeGreaterThan(0);
      expect(health.failures.filter((f) => f.reason !== 'status 500' && f.reason !== 'ECONNRESET')).toEqual(
        [],
      );
      const fromSwitch = marks.switch! - health.startedAt;
      const toRollbackEnd = rolledBackAt - health.startedAt;
      // `at` is when a failed request completed; it was sent while v4 was live (5 s timeout bound).
      for (const f of health.failures.filter((x) => x.reason === 'status 500')) {
        expect(f.at).toBeGreaterThanOrEqual(fromSwitch);
        expect(f.at).toBeLessThanOrEqual(toRollbackEnd);
      }
      expect(r.outcome, r.message).toBe('rolled-back');
      expect(r.color).toBe('green');
      expect(r.message).toMatch(/bake failed: public route unhealthy during bake/);
      expect(r.rollbackMs).toBeLessThan(2000);
      // The app's pages kept answering (only /health failed), so the rollback itself dropped nothing.
      expectDropped(kind, res, 2, 8);
      expect(res.byVersion.v4).toBeGreaterThan(0);
      const after = await httpProbe({
        method: 'GET',
        url: `${proxy.publicUrl}/version`,
        headers: {},
        timeoutMs: 1000,
      });
      expect(after.ok && after.body).toBe('v2');
      expect(recorder.finalStates().slice(-2)).toEqual(['4:app:v4:failure', '5:app:v2:success']);
    });

    it('a health check that times out fails the deploy before the switch', async () => {
      const r = await runDeploy(
        plan('app:hang', { health: { ...health, deadlineMs: 1_500 } }),
        effects(target, recorder, log),
      );
      expect(r.outcome).toBe('failed-before-switch');
      expect(r.message).toMatch(/timed out after 300 ms/);
      expect((await target.status()).live).toBe('green');
    });

    it('rolls back to a warm color in under 2 s, and restarts a stopped one', async () => {
      // v2 is live on green; deploy v1 to blue, then roll back to v2 (warm).
      expect((await runDeploy(plan('app:v1'), effects(target, recorder, log))).outcome).toBe('success');
      const t0 = Date.now();
      const rb = await runRollback(
        {
          app: 'shop',
          environment: 'production',
          publicUrl: proxy.publicUrl,
          health,
          version: plan('app:v1').version,
          to: { kind: 'previous' },
          deployment: { ref: 'main' },
        },
        effects(target, recorder, log),
      );
      expect(rb.outcome, rb.message).toBe('success');
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(rb.color).toBe('green');
      await target.stop('blue');
      const rb2 = await runRollback(
        {
          app: 'shop',
          environment: 'production',
          publicUrl: proxy.publicUrl,
          health,
          version: plan('app:v1').version,
          to: { kind: 'previous' },
          deployment: { ref: 'main' },
        },
        effects(target, recorder, log),
      );
      expect(rb2.outcome, rb2.message).toBe('success');
      expect(rb2.phases.map((x) => x.phase)).toContain('start');
      const after = await httpProbe({
        method: 'GET',
        url: `${proxy.publicUrl}/version`,
        headers: {},
        timeoutMs: 1000,
      });
      expect(after.ok && after.body).toBe('v1');
    });
  });
}

describe.skipIf(!haveBinary('haproxy'))('engine behind HAProxy with its own health checks', () => {
  let dir: string;
  let proxy: Proxy;
  let target: ProcessTarget;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-haproxy-check-'));
    const ports = { blue: await freePort(), green: await freePort() };
    proxy = await startHaproxy(dir, ports, { check: true });
    target = new ProcessTarget(ports, new HaproxyRouter(proxy.config as HaproxyConfig), modes);
  });
  afterAll(async () => {
    await target?.close();
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches with 0 failed requests when the backend servers have HAProxy checks of their own', async () => {
    const rec = new MemRecorder();
    const plan = (image: string): DeployPlan => ({
      release: release(image),
      publicUrl: proxy.publicUrl,
      health,
      version: { kind: 'header', name: 'x-version', deadlineMs: 5_000, intervalMs: 20, consecutive: 3 },
      bakeMs: 500,
      keepWarmMs: 60_000,
      autoRollback: true,
      deployment: { ref: 'main' },
    });
    expect((await runDeploy(plan('app:v1'), effects(target, rec, []))).outcome).toBe('success');
    // HAProxy's own check must mark blue up before it serves anything.
    await new Promise((r) => setTimeout(r, 1000));
    const load = startLoad({
      url: proxy.publicUrl,
      rps: 400,
      concurrency: 8,
      maxRequests: 20_000,
      maxMs: 20_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    const r = await runDeploy(plan('app:v2'), effects(target, rec, []));
    const res = await load.stop();
    expect(r.outcome, r.message).toBe('success');
    expect(res.failed, JSON.stringify(res.failures.slice(0, 5))).toBe(0);
    expect(res.byVersion.v2).toBeGreaterThan(0);
  });
});
