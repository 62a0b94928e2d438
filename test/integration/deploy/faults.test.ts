/**
 * Faults: the proxy refusing the change, and the Docker daemon going away mid-deploy (before
 * and after the switch). Traffic must always end on the last good color, and the result must
 * say what happened.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { DeployTarget } from '../../../src/deploy/target.js';
import type { DeployEffects, DeployPlan } from '../../../src/deploy/types.js';
import { configDigest, type NginxConfig } from '../../../src/deploy/config.js';
import { DockerTarget, dockerRuntime } from '../../../src/runner/docker-target.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { NginxRouter } from '../../../src/runner/proxy-nginx.js';
import { startLoad } from '../../support/load.js';
import { dockerResult, uniqueSuffix } from '../../support/services.js';
import { MemRecorder } from '../../unit/deploy/fakes.js';
import {
  ProcessTarget,
  buildDeployApp,
  freePort,
  hostNetworkDocker,
  publicVersion,
  startHaproxy,
  startNginx,
  type Proxy,
} from './support.js';

const health = { ...DEFAULT_HEALTH, intervalMs: 200, timeoutMs: 1000, startPeriodMs: 0, deadlineMs: 10_000 };

function effects(
  target: DeployTarget,
  recorder: MemRecorder,
  onPhase?: DeployEffects['onPhase'],
): DeployEffects {
  return {
    target,
    recorder,
    probe: httpProbe,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info: () => {}, warning: () => {}, group: (_n, fn) => fn() },
    onPhase,
  };
}

describe('nginx refusing the change', () => {
  let dir: string;
  let proxy: Proxy;
  let target: ProcessTarget;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-fault-nginx-'));
    const ports = { blue: await freePort(), green: await freePort() };
    proxy = await startNginx(dir, ports);
    const cfg = proxy.config as NginxConfig;
    // A config test that rejects any config routing to green, as `nginx -t` rejects a broken one.
    const refuse = {
      ...cfg,
      testCommand: [
        'sh',
        '-c',
        `if grep -q 'slipway-color: green' ${cfg.upstreamFile}; then echo 'nginx: [emerg] host not found in upstream "green"' >&2; exit 1; fi; ${cfg.testCommand.join(' ')}`,
      ],
    };
    target = new ProcessTarget(ports, new NginxRouter(refuse), {
      'app:v1': { version: 'v1' },
      'app:v2': { version: 'v2' },
    });
  });
  afterAll(async () => {
    await target?.close();
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps traffic on the live color, restores the include and says nginx refused', async () => {
    const rec = new MemRecorder();
    const plan = (image: string): DeployPlan => ({
      release: {
        app: 'shop',
        environment: 'production',
        image,
        configDigest: 'sha256:x',
        runtime: { env: {} },
      },
      publicUrl: proxy.publicUrl,
      health,
      version: { kind: 'path', name: '/version', deadlineMs: 5000, intervalMs: 50, consecutive: 3 },
      bakeMs: 0,
      keepWarmMs: 60_000,
      autoRollback: true,
      deployment: { ref: 'main' },
    });
    expect((await runDeploy(plan('app:v1'), effects(target, rec))).outcome).toBe('success');
    const load = startLoad({
      url: proxy.publicUrl,
      rps: 200,
      concurrency: 4,
      maxRequests: 10_000,
      maxMs: 30_000,
    });
    const r = await runDeploy(plan('app:v2'), effects(target, rec));
    const res = await load.stop();
    expect(r.outcome).toBe('failed');
    expect(r.message).toMatch(
      /switch failed: the route refused the switch to green: nginx config test .* host not found in upstream "green".*traffic stays on blue/,
    );
    expect(await publicVersion(proxy.publicUrl)).toBe('v1');
    expect(await new NginxRouter(proxy.config as never).live()).toBe('blue');
    // Nothing was reloaded (the refused include was restored and the switch back found it in
    // place), so not one request may fail.
    expect(res.failed, JSON.stringify(res.failures.slice(0, 5))).toBe(0);
    expect(rec.finalStates().at(-1)).toBe('2:app:v2:failure');
  });
});

describe('the Docker daemon going away mid-deploy', () => {
  const app = `deploy-fault-${uniqueSuffix()}`;
  const images = { v1: `deploy-web:${app}-v1`, v2: `deploy-web:${app}-v2` };
  let dir: string;
  let proxy: Proxy;
  let ports: { blue: number; green: number };
  let flag: string;
  let wrapper: string;

  beforeAll(async () => {
    await buildDeployApp(images);
    dir = mkdtempSync(join(tmpdir(), 'deploy-fault-docker-'));
    ports = { blue: await freePort(), green: await freePort() };
    proxy = await startHaproxy(dir, ports);
    flag = join(dir, 'daemon-gone');
    wrapper = join(dir, 'docker');
    // A docker CLI that loses its daemon once the flag file exists (or right after `run` with ARM_ON_RUN).
    writeFileSync(
      wrapper,
      `#!/bin/sh
if [ -e "${flag}" ]; then
  echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
  exit 1
fi
if [ "$1" = run ] && [ -n "$ARM_ON_RUN" ]; then docker "$@"; rc=$?; touch "${flag}"; exit $rc; fi
exec docker "$@"
`,
    );
    chmodSync(wrapper, 0o755);
  }, 300_000);
  afterAll(async () => {
    dockerResult(['rm', '--force', `${app}-blue`, `${app}-green`]);
    for (const i of Object.values(images)) dockerResult(['rmi', '--force', i]);
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function dockerTarget(env: NodeJS.ProcessEnv = process.env): DockerTarget {
    return new DockerTarget({
      app,
      environment: 'production',
      docker: hostNetworkDocker(ports, proxy),
      dockerBin: wrapper,
      env,
    });
  }
  function plan(image: string, bakeMs = 0): DeployPlan {
    const runtime = dockerRuntime(hostNetworkDocker(ports, proxy), {});
    return {
      release: { app, environment: 'production', image, configDigest: configDigest(runtime), runtime },
      publicUrl: proxy.publicUrl,
      health,
      version: { kind: 'path', name: '/version', deadlineMs: 5000, intervalMs: 50, consecutive: 3 },
      bakeMs,
      keepWarmMs: 60_000,
      autoRollback: true,
      deployment: { ref: 'main' },
    };
  }

  it('before the switch: the deploy fails, says the daemon is gone, and traffic stays on the live color', async () => {
    const rec = new MemRecorder();
    expect((await runDeploy(plan(images.v1), effects(dockerTarget(), rec))).outcome).toBe('success');
    const r = await runDeploy(
      plan(images.v2),
      effects(dockerTarget({ ...process.env, ARM_ON_RUN: '1' }), rec),
    );
    expect(existsSync(flag)).toBe(true);
    rmSync(flag);
    expect(r.outcome).toBe('failed-before-switch');
    expect(r.message).toMatch(
      /verify-idle failed, blue kept serving: green target health check failed: the Docker daemon is not reachable/,
    );
    expect(await publicVersion(proxy.publicUrl)).toBe('v1');
  });

  it('after the switch: bake cannot watch the color, so it rolls back through the proxy alone', async () => {
    const rec = new MemRecorder();
    const r = await runDeploy(
      plan(images.v2, 3000),
      effects(dockerTarget(), rec, (phase) => {
        if (phase === 'bake') writeFileSync(flag, '');
      }),
    );
    rmSync(flag);
    expect(r.outcome).toBe('rolled-back');
    expect(r.message).toMatch(
      /bake failed: green failed on the target during bake: the Docker daemon is not reachable.*rolled back to blue/,
    );
    expect(await publicVersion(proxy.publicUrl)).toBe('v1');
  });
});
