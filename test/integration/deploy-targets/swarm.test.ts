/**
 * The swarm target on a real single-node swarm (`docker swarm init` on the test engine): services
 * `<app>-blue` / `<app>-green` on the host network, a real HAProxy in front switched through its
 * runtime API, and the engine's v1 -> v2 -> failing v3 sequence with real HTTP checks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwarmTarget, swarmOptions } from '../../../src/deploy/targets/swarm.js';
import { acquireLock, parseLock, releaseLock, type LockRequest } from '../../../src/deploy/lock.js';
import { SwarmLockStore, lockName } from '../../../src/deploy/lock-stores.js';
import { HaproxyRouter, haproxyCommand } from '../../../src/runner/proxy-haproxy.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { run } from '../../../src/runner/docker-target-exec.js';
import { createDockerCli } from '../../../src/runner/swarm.js';
import { parseDeployConfig, selectEnvironment } from '../../../src/deploy/config.js';
import type { DeployTarget } from '../../../src/deploy/target.js';
import { TunnelledTarget, swarmFactory } from '../../../src/runner/swarm-factories.js';
import { startSshd } from '../../support/sshd.js';
import { freePort } from '../deploy/support.js';
import { effects, plan, runSequence } from '../../unit/deploy-targets/sequence.js';
import { MemRecorder } from '../../unit/deploy/fakes.js';
import { runDeploy } from '../../../src/deploy/engine.js';

const APP = 'swarm-shop';
const BASE = 'slipway/busybox:latest';

/** Commits a busybox "app" image per version: /version, /health (absent for `broken`), httpd on $PORT. */
async function appImage(version: string): Promise<string> {
  const tag = `${APP}:${version}`;
  const www = mkdtempSync(join(tmpdir(), 'swarm-www-'));
  writeFileSync(join(www, 'version'), `${version}\n`);
  if (version !== 'broken') writeFileSync(join(www, 'health'), 'ok\n');
  const c = await run('docker', ['create', BASE, 'true']);
  if (c.code !== 0) throw new Error(c.stderr);
  const id = c.stdout.trim();
  await run('docker', ['cp', `${www}/.`, `${id}:/www`]);
  const commit = await run('docker', [
    'commit',
    '--change',
    'CMD ["sh", "-c", "exec httpd -f -p 127.0.0.1:$PORT -h /www"]',
    id,
    tag,
  ]);
  await run('docker', ['rm', id]);
  if (commit.code !== 0) throw new Error(commit.stderr);
  return tag;
}

let haproxy: ChildProcess;
let dir: string;
const ports = { public: 0, blue: 0, green: 0 };

async function cleanup() {
  for (const c of ['blue', 'green', 'production-deploy-lock'])
    await run('docker', ['service', 'rm', `${APP}-${c}`]);
}

beforeAll(async () => {
  const info = await run('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}']);
  if (info.stdout.trim() !== 'active') {
    const init = await run('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    if (init.code !== 0) throw new Error(`docker swarm init failed: ${init.stderr}`);
  }
  await cleanup();
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'swarm-target-'));
  writeFileSync(
    join(dir, 'haproxy.cfg'),
    [
      'global',
      `  stats socket ${dir}/admin.sock level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 5s',
      '  timeout server 5s',
      'frontend public',
      `  bind 127.0.0.1:${ports.public}`,
      '  default_backend app',
      'backend app',
      `  server blue 127.0.0.1:${ports.blue} disabled`,
      `  server green 127.0.0.1:${ports.green} disabled`,
      '',
    ].join('\n'),
  );
  haproxy = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if ((await run('test', ['-S', join(dir, 'admin.sock')])).code === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await cleanup();
  haproxy?.kill();
});

describe('swarm target (real single-node swarm, HAProxy in front)', () => {
  it('runs v1 -> v2 -> failing v3 through the engine', async () => {
    const opts = swarmOptions(APP, 'production', { ports: { blue: ports.blue, green: ports.green } });
    const router = new HaproxyRouter({
      kind: 'haproxy',
      socket: join(dir, 'admin.sock'),
      backend: 'app',
      servers: { blue: 'blue', green: 'green' },
    });
    const target = new SwarmTarget(opts, createDockerCli(), router);
    const images = { v1: await appImage('v1'), v2: await appImage('v2'), v3: await appImage('broken') };
    await runSequence(target, httpProbe, images, `http://127.0.0.1:${ports.public}`, {
      marker: { kind: 'path', name: '/version' },
    });
    const r = await httpProbe({
      method: 'GET',
      url: `http://127.0.0.1:${ports.public}/version`,
      headers: {},
      timeoutMs: 2000,
    });
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect((r as { body: string }).body.trim()).toBe('v2');
    const services = await run('docker', [
      'service',
      'ls',
      '--filter',
      `label=slipway.app=${APP}`,
      '--format',
      '{{.Name}} {{.Replicas}}',
    ]);
    // blue (where v3 was tried) is scaled to 0 (its last task may still be shutting down); green serves.
    const lines = services.stdout.trim().split('\n').sort();
    expect(lines[0]).toMatch(new RegExp(`^${APP}-blue \\d/0$`));
    expect(lines[1]).toBe(`${APP}-green 1/1`);
  });

  it('on an ssh:// manager (DOCKER_HOST), reaches HAProxy and the colors through an SSH tunnel', async () => {
    // a fresh start: no services (their tasks gone, so the ports are free), HAProxy routing to neither color
    await cleanup();
    for (let i = 0; i < 150; i++) {
      const left = await run('docker', [
        'ps',
        '-q',
        '--filter',
        `label=com.docker.swarm.service.name`,
        '--filter',
        `name=${APP}-`,
      ]);
      if (!left.stdout.trim()) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const c of ['blue', 'green'])
      await haproxyCommand(join(dir, 'admin.sock'), `set server app/${c} state maint`);
    const sshd = await startSshd(join(dir, 'sshd'));
    const saved = { DOCKER_HOST: process.env.DOCKER_HOST, PATH: process.env.PATH };
    process.env.DOCKER_HOST = sshd.dockerHost;
    process.env.PATH = sshd.env.PATH;
    let target: DeployTarget | undefined;
    try {
      const config = parseDeployConfig(
        [
          'apps:',
          `  ${APP}:`,
          '    environments:',
          '      production:',
          '        target: swarm',
          `        url: http://127.0.0.1:${ports.public}`,
          '        swarm:',
          `          ports: { blue: ${ports.blue}, green: ${ports.green} }`,
          `          proxy: { kind: haproxy, socket: ${join(dir, 'admin.sock')}, backend: app }`,
          '',
        ].join('\n'),
        'deploy.yml',
      );
      const made = await swarmFactory(selectEnvironment(config, APP, 'production'), {
        processEnv: { ...process.env },
        log: () => {},
      });
      target = made.target;
      expect(target).toBeInstanceOf(TunnelledTarget);
      // v1 then v2 (the failing-release part of the sequence is covered above, on the local engine)
      const fx = effects(target, new MemRecorder(), httpProbe);
      const publicUrl = `http://127.0.0.1:${ports.public}`;
      const marker = { marker: { kind: 'path' as const, name: '/version' } };
      const r1 = await runDeploy(plan(await appImage('v1'), publicUrl, 'v1', marker), fx);
      expect(r1, r1.message).toMatchObject({ outcome: 'success', color: 'blue' });
      const r2 = await runDeploy(plan(await appImage('v2'), publicUrl, 'v2', marker), fx);
      expect(r2, r2.message).toMatchObject({ outcome: 'success', color: 'green', previousColor: 'blue' });
      // the engine probed the colors through the tunnel's local ports
      const st = await target.status();
      expect(Number(new URL(st.colors.green.endpoint!.url).port)).not.toBe(ports.green);
      const r = await httpProbe({
        method: 'GET',
        url: `http://127.0.0.1:${ports.public}/version`,
        headers: {},
        timeoutMs: 2000,
      });
      expect((r as { body: string }).body.trim()).toBe('v2');
    } finally {
      (target as TunnelledTarget | undefined)?.close();
      process.env.DOCKER_HOST = saved.DOCKER_HOST;
      if (saved.DOCKER_HOST === undefined) delete process.env.DOCKER_HOST;
      process.env.PATH = saved.PATH;
      sshd.stop();
    }
  });

  it('refuses to run on an engine that is not a swarm manager, before changing anything', async () => {
    const opts = swarmOptions(APP, 'production', { ports: { blue: 1, green: 2 } });
    const fake = async (args: string[]) =>
      args[0] === 'info'
        ? { code: 0, stdout: 'inactive false\n', stderr: '' }
        : { code: 1, stdout: '', stderr: 'unexpected' };
    const router = {
      kind: 'none',
      prepare: async () => {},
      switch: async () => {},
      live: async () => undefined,
    };
    await expect(new SwarmTarget(opts, fake, router).prepare()).rejects.toThrow(/not part of a swarm/);
  });

  it('keeps the deploy lock on a swarm service label: one holder, stale takeover, release', async () => {
    const store = new SwarmLockStore(createDockerCli(), lockName(APP, 'production'));
    const req = (owner: string): LockRequest => ({
      owner,
      repo: 'acme/shop',
      app: APP,
      environment: 'production',
      ttlMs: 3_600_000,
      waitMs: 0,
      pollMs: 500,
    });
    const runs: Record<string, string> = { '11': 'in_progress', '12': 'in_progress', '13': 'in_progress' };
    const fx = {
      store,
      lookupRun: async (_r: string, id: string) => ({ status: runs[id] ?? 'completed' }),
      now: () => Date.now(),
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
      log: { info() {}, warning() {} },
    };
    await acquireLock(req('11'), fx);
    await expect(acquireLock(req('12'), fx)).rejects.toThrow(/holds the lock: run 11 of acme\/shop/);
    // Run 11 is cancelled without releasing: 12 and 13 race for the stale lock, one wins.
    runs['11'] = 'completed';
    const results = await Promise.allSettled([acquireLock(req('12'), fx), acquireLock(req('13'), fx)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const held = parseLock((await store.read())!.raw, store.where);
    expect(['12', '13']).toContain(held.owner);
    expect(await releaseLock({ owner: held.owner, repo: 'acme/shop' }, fx)).toBe('released');
    expect(await store.read()).toBeUndefined();
  });
});
