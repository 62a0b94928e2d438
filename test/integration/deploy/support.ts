/**
 * Real proxies for deploy tests: our own HAProxy and nginx instances, configured in a temp dir,
 * listening on unique 127.0.0.1 ports, plus an in-process "target" whose colors are tiny Node
 * HTTP servers (so the engine runs for real without Docker).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DockerConfig, HaproxyConfig, NginxConfig } from '../../../src/deploy/config.js';
import {
  type Color,
  type ColorEndpoint,
  type ColorStatus,
  type DeployTarget,
  type Release,
  type RouteCheck,
  type TargetHealth,
  type TargetStatus,
  type TrafficRouter,
} from '../../../src/deploy/target.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { freeLocalPort } from '../../../src/runner/ssh-tunnel.js';
import { repoRoot } from '../../support/harness.js';
import { busyboxBaseImage, docker } from '../../support/services.js';

/**
 * Builds the deploy test app (busybox httpd serving /, /health and /version) once per tag:
 * `VERSION` is what /version answers; more build args (MODE, FAIL_AFTER) as the Dockerfile says.
 */
export async function buildDeployApp(
  images: Record<string, string>,
  args: Record<string, string> = {},
): Promise<void> {
  const base = await busyboxBaseImage();
  for (const [version, tag] of Object.entries(images)) {
    const a = [
      'build',
      '-q',
      '-t',
      tag,
      '--build-arg',
      `BASE_IMAGE=${base}`,
      '--build-arg',
      `VERSION=${version}`,
    ];
    for (const [k, v] of Object.entries(args)) a.push('--build-arg', `${k}=${v}`);
    docker([...a, join(repoRoot, 'test/integration/deploy/app')]);
  }
}

/** A docker target section on the host network (each color on its 127.0.0.1 port) behind `proxy`. */
export function hostNetworkDocker(
  ports: Record<Color, number>,
  proxy: Proxy,
  over: Partial<DockerConfig> = {},
): DockerConfig {
  return {
    network: 'host',
    ports,
    portEnv: 'PORT',
    address: '127.0.0.1',
    env: {},
    envFrom: [],
    runOptions: [],
    proxy: proxy.config,
    ...over,
  };
}

/** The body of `<url>/version`, or undefined when the route does not answer. */
export async function publicVersion(url: string): Promise<string | undefined> {
  const r = await httpProbe({ method: 'GET', url: `${url}/version`, headers: {}, timeoutMs: 1000 });
  return r.ok ? r.body : undefined;
}

/** A free TCP port on 127.0.0.1. */
export const freePort = freeLocalPort;

async function waitPort(port: number, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const open = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => (s.destroy(), r(true)));
      s.on('error', () => r(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`port ${port} did not open`);
}

export interface Proxy {
  publicUrl: string;
  config: HaproxyConfig | NginxConfig;
  stop(): Promise<void>;
}

export async function startHaproxy(
  dir: string,
  ports: Record<Color, number>,
  opts: { live?: Color; check?: boolean } = {},
): Promise<Proxy> {
  mkdirSync(dir, { recursive: true });
  const publicPort = await freePort();
  const check = opts.check ? ' check inter 1000 rise 3 fall 2' : '';
  const socket = join(dir, 'admin.sock');
  const live = opts.live ?? 'blue';
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      // A connection that fails at connect time is retried on the other (live) server.
      '  retries 3',
      '  option redispatch 1',
      'frontend fe',
      `  bind 127.0.0.1:${publicPort}`,
      '  default_backend app',
      'backend app',
      ...(opts.check ? ['  option httpchk GET /health'] : []),
      `  server blue 127.0.0.1:${ports.blue}${check}${live === 'blue' ? '' : ' disabled'}`,
      `  server green 127.0.0.1:${ports.green}${check}${live === 'green' ? '' : ' disabled'}`,
      '',
    ].join('\n'),
  );
  const child = spawn('haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitPort(publicPort).catch((e: Error) => {
    throw new Error(`${e.message}: ${err}`);
  });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(20);
  return {
    publicUrl: `http://127.0.0.1:${publicPort}`,
    config: { kind: 'haproxy', socket, backend: 'app', servers: { blue: 'blue', green: 'green' } },
    stop: () => stopChild(child),
  };
}

export async function startNginx(
  dir: string,
  ports: Record<Color, number>,
  opts: { live?: Color } = {},
): Promise<Proxy> {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const publicPort = await freePort();
  const live = opts.live ?? 'blue';
  const upstreamFile = join(dir, 'upstream.conf');
  writeFileSync(
    upstreamFile,
    `# slipway-color: ${live}\nupstream app {\n    server 127.0.0.1:${ports[live]};\n}\n`,
  );
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      `  access_log off;`,
      `  client_body_temp_path ${dir}/tmp/body;`,
      `  proxy_temp_path ${dir}/tmp/proxy;`,
      `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
      `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
      `  scgi_temp_path ${dir}/tmp/scgi;`,
      `  include ${upstreamFile};`,
      '  server {',
      `    listen 127.0.0.1:${publicPort};`,
      '    location / {',
      '      proxy_pass http://app;',
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '      proxy_next_upstream error timeout http_502;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitPort(publicPort).catch((e: Error) => {
    throw new Error(`${e.message}: ${err}`);
  });
  return {
    publicUrl: `http://127.0.0.1:${publicPort}`,
    config: {
      kind: 'nginx',
      upstreamFile,
      upstream: 'app',
      testCommand: ['nginx', '-t', '-q', '-c', conf, '-p', dir],
      reloadCommand: ['nginx', '-c', conf, '-p', dir, '-s', 'reload'],
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const closed = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([closed, sleep(3000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export function haveBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** How the fake app of an image behaves. */
export interface AppMode {
  version: string;
  /** /health answers 500 from the start */
  unhealthy?: boolean;
  /** /health answers 500 after this many ms */
  failAfterMs?: number;
  /** /health never answers (timeouts) */
  hang?: boolean;
}

/** Colors as in-process HTTP servers; the route is a real HAProxy or nginx. */
export class ProcessTarget implements DeployTarget {
  readonly kind = 'process';
  servers: Partial<Record<Color, { server: http.Server; release: Release; startedAt: number }>> = {};
  stopped: Partial<Record<Color, Release>> = {};

  constructor(
    readonly ports: Record<Color, number>,
    readonly router: TrafficRouter,
    readonly modes: Record<string, AppMode>,
  ) {}

  endpoint(c: Color): ColorEndpoint {
    return { url: `http://127.0.0.1:${this.ports[c]}` };
  }
  async prepare(): Promise<void> {
    await this.router.prepare();
  }
  async status(): Promise<TargetStatus> {
    const st = (c: Color): ColorStatus => {
      const s = this.servers[c];
      if (s)
        return {
          color: c,
          state: 'running',
          image: s.release.image,
          configDigest: s.release.configDigest,
          endpoint: this.endpoint(c),
        };
      const r = this.stopped[c];
      return r
        ? { color: c, state: 'stopped', image: r.image, configDigest: r.configDigest }
        : { color: c, state: 'missing' };
    };
    return { live: await this.router.live(), colors: { blue: st('blue'), green: st('green') } };
  }
  async start(c: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint> {
    await this.stop(c);
    const rel = opts?.reuse && this.stopped[c] ? this.stopped[c]! : release;
    const mode = this.modes[rel.image] ?? { version: rel.image };
    const startedAt = Date.now();
    const server = http.createServer((req, res) => {
      res.setHeader('x-version', mode.version);
      if (req.url === '/version') return res.end(mode.version);
      if (req.url === '/health') {
        if (mode.hang) return; // never answers
        const failing =
          mode.unhealthy || (mode.failAfterMs !== undefined && Date.now() - startedAt >= mode.failAfterMs);
        res.statusCode = failing ? 500 : 200;
        return res.end(failing ? 'failing' : '{"status":"ok"}');
      }
      res.end(`hello from ${mode.version}`);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((r, j) => server.listen(this.ports[c], '127.0.0.1', r).on('error', j));
    this.servers[c] = { server, release: rel, startedAt };
    delete this.stopped[c];
    return this.endpoint(c);
  }
  async health(c: Color): Promise<TargetHealth> {
    return this.servers[c] ? { state: 'ok' } : { state: 'failed', detail: 'not running' };
  }
  async switch(to: Color): Promise<void> {
    await this.router.switch(to, this.endpoint(to));
  }
  async verify(c: Color): Promise<RouteCheck> {
    const live = await this.router.live();
    return { ok: live === c, live };
  }
  async stop(c: Color): Promise<void> {
    const s = this.servers[c];
    if (!s) return;
    delete this.servers[c];
    this.stopped[c] = s.release;
    s.server.close();
    // Let in-flight requests finish, then drop idle keep-alive connections.
    setTimeout(() => s.server.closeAllConnections(), 2000).unref();
    s.server.closeIdleConnections();
  }
  async close(): Promise<void> {
    for (const c of ['blue', 'green'] as const) {
      this.servers[c]?.server.closeAllConnections();
      this.servers[c]?.server.close();
    }
  }
}
