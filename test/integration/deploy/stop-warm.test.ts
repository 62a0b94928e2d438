/**
 * Keep-warm expiry on the real Docker engine behind HAProxy: the stop-warm bundle keeps the
 * previous color while keep-warm lasts, stops it (kept, restartable) once it has passed, waits
 * for the deploy lock like a deploy, and a rollback afterwards restarts the stopped color.
 * Rollback holds the same lock.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DockerLockStore, lockName } from '../../../src/deploy/lock-stores.js';
import { acquireLock, releaseLock, type LockEffects } from '../../../src/deploy/lock.js';
import { createDockerCli } from '../../../src/runner/swarm.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { runActionBundle, type ActionRun } from '../../support/harness.js';
import { BASE_IMAGE, docker, dockerResult, uniqueSuffix } from '../../support/services.js';
import { buildDeployApp, freePort, publicVersion, startHaproxy, type Proxy } from './support.js';

const app = `warm-${uniqueSuffix()}`;
const images = { v1: `deploy-web:${app}-v1`, v2: `deploy-web:${app}-v2` };
const LOCK = lockName(app, 'production');

let dir: string;
let proxy: Proxy;
let fake: GitHubFake;
let configFile: string;

function run(
  action: 'deploy' | 'rollback' | 'stop-warm',
  inputs: Record<string, string>,
): Promise<ActionRun> {
  return runActionBundle(action, {
    inputs: { app, config: configFile, ref: 'main', ...inputs },
    apiUrl: fake.url,
    timeoutMs: 120_000,
  });
}

const state = (color: string): string =>
  docker(['inspect', '--format', '{{.State.Status}}', `${app}-${color}`]).trim();

/** Another run of the same repository holding the deploy lock (still in progress on the fake). */
function otherRun(): { hold(): Promise<void>; release(): Promise<void> } {
  const req = { owner: '777', repo: 'octo-org/octo-repo', app, environment: 'production' };
  const fx: LockEffects = {
    store: new DockerLockStore(createDockerCli(), LOCK, BASE_IMAGE),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info: () => {}, warning: () => {} },
  };
  return {
    hold: async () => {
      await acquireLock({ ...req, ttlMs: 3_600_000, waitMs: 0, pollMs: 100 }, fx);
    },
    release: async () => {
      await releaseLock(req, fx);
    },
  };
}

describe('stop-warm on Docker behind HAProxy', () => {
  beforeAll(async () => {
    await buildDeployApp(images);
    dir = mkdtempSync(join(tmpdir(), 'deploy-warm-'));
    const ports = { blue: await freePort(), green: await freePort() };
    proxy = await startHaproxy(dir, ports);
    fake = await startGitHubFake({ seed: 11 });
    fake.seed.repo('octo-org', 'octo-repo');
    fake.seed.workflowRun('octo-org', 'octo-repo', { id: 777, status: 'in_progress' });
    configFile = join(dir, 'slipway-deploy.yml');
    const px = proxy.config as { socket: string; backend: string };
    writeFileSync(
      configFile,
      `apps:
  ${app}:
    environments:
      production:
        target: docker
        url: ${proxy.publicUrl}
        health: { path: /health, interval-seconds: 0.2, healthy-threshold: 2, start-period-seconds: 0, deadline-seconds: 15 }
        version: { path: /version, deadline-seconds: 10, interval-seconds: 0.05 }
        bake-seconds: 0
        keep-warm-minutes: 30
        docker:
          network: host
          ports: { blue: ${ports.blue}, green: ${ports.green} }
          proxy: { kind: haproxy, socket: ${px.socket}, backend: ${px.backend} }
`,
    );
    for (const image of [images.v1, images.v2]) {
      const r = await run('deploy', { image });
      expect(r.exitCode, r.errors.join('\n')).toBe(0);
    }
  }, 600_000);

  afterEach(() => fake?.assertNoViolations());

  afterAll(async () => {
    dockerResult(['rm', '--force', `${app}-blue`, `${app}-green`, LOCK]);
    for (const i of Object.values(images)) dockerResult(['rmi', '--force', i]);
    await proxy?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the previous color while keep-warm lasts, and says until when', async () => {
    const t0 = Date.now();
    const r = await run('stop-warm', {});
    expect(r.exitCode, r.stderr + r.errors.join('\n')).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: 'kept', color: 'blue', image: images.v1 });
    // the v2 deployment succeeded moments ago: keep-warm ends about 30 minutes from then
    const until = Date.parse(r.outputs['warm-until']!);
    expect(until - t0).toBeGreaterThan(25 * 60_000);
    expect(until - t0).toBeLessThanOrEqual(30 * 60_000);
    expect(r.summary).toMatch(/stop-warm .*: kept/);
    expect(state('blue')).toBe('running');
  });

  it('waits for the deploy lock like a deploy, and changes nothing when it cannot get it', async () => {
    const other = otherRun();
    await other.hold();
    try {
      const r = await run('stop-warm', { 'keep-warm-minutes': '0', 'lock-wait-minutes': '0' });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toMatch(/another deploy of .* to production holds the lock/);
      expect(state('blue')).toBe('running');
      // rollback holds the same lock
      const rb = await run('rollback', { 'lock-wait-minutes': '0' });
      expect(rb.exitCode).toBe(1);
      expect(rb.errors.join('\n')).toMatch(/holds the lock/);
      expect(await publicVersion(proxy.publicUrl)).toBe('v2');
    } finally {
      await other.release();
    }
  });

  it('stops it once keep-warm has passed, keeps serving the live color, and releases the lock', async () => {
    const r = await run('stop-warm', { 'keep-warm-minutes': '0' });
    expect(r.exitCode, r.stderr + r.errors.join('\n')).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: 'stopped', color: 'blue', image: images.v1 });
    expect(state('blue')).toBe('exited');
    expect(state('green')).toBe('running');
    expect(await publicVersion(proxy.publicUrl)).toBe('v2');
    expect(dockerResult(['container', 'inspect', LOCK]).status).not.toBe(0);
    const again = await run('stop-warm', { force: 'true' });
    expect(again.outputs).toMatchObject({ outcome: 'none', color: 'blue' });
  });

  it('a rollback afterwards restarts the stopped color (same container)', async () => {
    const id = docker(['inspect', '--format', '{{.Id}}', `${app}-blue`]).trim();
    const r = await run('rollback', {});
    expect(r.exitCode, r.stderr + r.errors.join('\n')).toBe(0);
    expect(r.outputs).toMatchObject({ outcome: 'success', color: 'blue', image: images.v1 });
    expect(await publicVersion(proxy.publicUrl)).toBe('v1');
    expect(docker(['inspect', '--format', '{{.Id}} {{.State.Status}}', `${app}-blue`]).trim()).toBe(
      `${id} running`,
    );
  });
});
