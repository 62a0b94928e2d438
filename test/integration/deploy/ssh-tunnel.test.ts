/**
 * The docker target on an ssh:// Docker host, against a real sshd: containers are driven by the
 * docker CLI over SSH, and the HAProxy admin socket and the colors' ports are reached through an
 * SSH tunnel the target opens. The "remote" host is this machine under another name (ssh_config
 * maps it to 127.0.0.1), so it counts as remote and every byte really goes through sshd.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import type { DeployPlan } from '../../../src/deploy/types.js';
import { configDigest, type DockerConfig, type HaproxyConfig } from '../../../src/deploy/config.js';
import { DockerTarget, dockerRuntime } from '../../../src/runner/docker-target.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { haproxyCommand, parseServersState } from '../../../src/runner/proxy-haproxy.js';
import { startLoad } from '../../support/load.js';
import { dockerResult, ensureServices, uniqueSuffix } from '../../support/services.js';
import { startSshd, type TestSshd } from '../../support/sshd.js';
import { MemRecorder } from '../../unit/deploy/fakes.js';
import { repoRoot } from '../../support/harness.js';
import {
  buildDeployApp,
  freePort,
  hostNetworkDocker,
  publicVersion,
  startHaproxy,
  type Proxy,
} from './support.js';

const app = `tunnel-${uniqueSuffix()}`;
const images = { v1: `deploy-web:${app}-v1`, v2: `deploy-web:${app}-v2` };

let dir: string;
let proxy: Proxy;
let sshd: TestSshd;
let ports: { blue: number; green: number };

function dockerConfig(): DockerConfig {
  return hostNetworkDocker(ports, proxy, { host: sshd.dockerHost });
}

function target(): DockerTarget {
  return new DockerTarget({ app, environment: 'production', docker: dockerConfig(), env: sshd.env });
}

function plan(image: string): DeployPlan {
  const runtime = dockerRuntime(dockerConfig(), {});
  return {
    release: {
      app,
      environment: 'production',
      image,
      configDigest: configDigest(runtime),
      runtime,
    },
    publicUrl: proxy.publicUrl,
    health: { ...DEFAULT_HEALTH, intervalMs: 200, timeoutMs: 1000, startPeriodMs: 0, deadlineMs: 20_000 },
    version: { kind: 'path', name: '/version', deadlineMs: 10_000, intervalMs: 50, consecutive: 3 },
    bakeMs: 500,
    keepWarmMs: 60_000,
    autoRollback: true,
    deployment: { ref: 'main' },
  };
}

const fx = (t: DockerTarget, recorder: MemRecorder) => ({
  target: t,
  recorder,
  probe: httpProbe,
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  log: { info: () => {}, warning: () => {}, group: <T>(_n: string, f: () => Promise<T>) => f() },
});

describe('docker target on an ssh:// host, through an SSH tunnel', () => {
  beforeAll(async () => {
    await ensureServices();
    await buildDeployApp(images);
    dir = mkdtempSync(join(tmpdir(), 'deploy-tunnel-'));
    ports = { blue: await freePort(), green: await freePort() };
    proxy = await startHaproxy(join(dir, 'haproxy'), ports);
    sshd = await startSshd(join(dir, 'sshd'));
  }, 300_000);

  afterAll(async () => {
    dockerResult(['rm', '--force', `${app}-blue`, `${app}-green`]);
    for (const i of Object.values(images)) dockerResult(['rmi', '--force', i]);
    sshd?.stop();
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys v1 then v2 under load: containers over SSH, socket and health checks through the tunnel', async () => {
    const recorder = new MemRecorder();
    const t = target();
    try {
      const r1 = await runDeploy(plan(images.v1), fx(t, recorder));
      expect(r1.outcome, r1.message).toBe('success');
      // probes went to the tunnel's local ports, not the colors' own ports
      const st = await t.status();
      const local = new URL(st.colors.blue.endpoint!.url);
      expect(local.hostname).toBe('127.0.0.1');
      expect(Number(local.port)).not.toBe(ports.blue);

      const load = startLoad({
        url: proxy.publicUrl,
        rps: 200,
        concurrency: 4,
        maxRequests: 20_000,
        maxMs: 60_000,
      });
      const r2 = await runDeploy(plan(images.v2), fx(t, recorder));
      const res = await load.stop();
      expect(r2.outcome, r2.message).toBe('success');
      expect(res.failed, JSON.stringify(res.failures.slice(0, 5))).toBe(0);
      expect(await publicVersion(proxy.publicUrl)).toBe('v2');
      // HAProxy on the host was pointed at the color's own port, never at the tunnel's
      const state = parseServersState(
        await haproxyCommand((proxy.config as HaproxyConfig).socket, 'show servers state app'),
      );
      expect(state.get('green')).toMatchObject({ addr: '127.0.0.1', port: ports.green });
    } finally {
      t.close();
    }
    expect(existsSync(join(tmpdir(), `slipway-${app}-production-${process.pid}.sock`))).toBe(false);
  });

  it('an open tunnel never keeps the process alive, and ssh goes when the process ends', async () => {
    const port = await freePort();
    const script = join(dir, 'open-and-return.mts');
    writeFileSync(
      script,
      `import { openTunnel } from ${JSON.stringify(join(repoRoot, 'src/runner/ssh-tunnel.ts'))};\n` +
        `await openTunnel({ user: 'root', host: '${sshd.alias}', port: ${sshd.port} }, ` +
        `[{ local: '127.0.0.1:${port}', remote: '127.0.0.1:${ports.blue}' }]);\n` +
        `console.log('tunnel open');\n`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: sshd.env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stdout, r.stderr).toContain('tunnel open');
    expect(r.status).toBe(0); // not killed by the timeout: it ended by itself
    await sleep(300);
    expect(spawnSync('pgrep', ['-f', `127.0.0.1:${port}:127.0.0.1`]).status).toBe(1); // no ssh left
  });

  it('a host that refuses the key fails prepare naming the Docker host, before anything changes', async () => {
    sshd.authorize(false);
    const t = target();
    try {
      const before = dockerResult([
        'ps',
        '-a',
        '--filter',
        `label=slipway.app=${app}`,
        '--format',
        '{{.ID}} {{.State}}',
      ]);
      const err = await t.prepare().catch((e: unknown) => e);
      expect(String((err as Error).message)).toMatch(
        /^docker.host: cannot reach the Docker daemon at ssh:\/\/root@slipway-remote-host:\d+: .*Permission denied/,
      );
      expect(
        dockerResult(['ps', '-a', '--filter', `label=slipway.app=${app}`, '--format', '{{.ID}} {{.State}}'])
          .stdout,
      ).toBe(before.stdout);
    } finally {
      t.close();
      sshd.authorize(true);
    }
  });
});
