/**
 * An SSH tunnel to a remote Docker host, so the deploy can reach what lives on that host from
 * the runner: the HAProxy admin socket (a unix socket forwarded to a local one) and each color's
 * port (forwarded to a local port, for the health checks). It uses the same `ssh` and the same
 * SSH configuration (key, known hosts) as the docker CLI's own `ssh://` connection, opens once,
 * and is closed when the deploy ends (or the process exits).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TargetError } from '../deploy/target.js';
import { UserError } from '../errors.js';

export interface SshHost {
  user?: string;
  host: string;
  port?: number;
}

/** `ssh://[user@]host[:port]`, as the docker CLI takes it. */
export function parseSshHost(url: string): SshHost {
  const m = /^ssh:\/\/(?:([^@/:]+)@)?(\[[^\]]+\]|[^:/@]+)(?::(\d+))?\/?$/.exec(url);
  if (!m) throw new UserError(`expected ssh://[user@]host[:port], got '${url}'`, 'docker.host');
  const out: SshHost = { host: m[2]!.replace(/^\[|\]$/g, '') };
  if (m[1]) out.user = m[1];
  if (m[3]) out.port = Number(m[3]);
  return out;
}

/** A local end (`/path/to.sock` or `127.0.0.1:port`) forwarded to a remote one (`/path` or `host:port`). */
export interface Forward {
  local: string;
  remote: string;
}

export interface Tunnel {
  close(): void;
}

function reachable(local: string): Promise<boolean> {
  return new Promise((resolve) => {
    const isSocket = local.startsWith('/');
    if (isSocket && !existsSync(local)) return resolve(false);
    const [host, port] = isSocket ? [] : local.split(':');
    const s = isSocket ? net.connect(local) : net.connect({ host: host!, port: Number(port) });
    const done = (v: boolean): void => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(500, () => done(false));
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

export function sshArgs(host: SshHost, forwards: Forward[]): string[] {
  const args = [
    '-N',
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'StreamLocalBindUnlink=yes',
  ];
  if (host.port) args.push('-p', String(host.port));
  if (host.user) args.push('-l', host.user);
  for (const f of forwards) args.push('-L', `${f.local}:${f.remote}`);
  args.push('--', host.host);
  return args;
}

/**
 * Starts `ssh -N` with the forwards and resolves once every local end accepts connections. A
 * failure (authentication, host key, a forward the server refuses) is a TargetError with ssh's
 * own message.
 */
export async function openTunnel(
  host: SshHost,
  forwards: Forward[],
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; ssh?: string } = {},
): Promise<Tunnel> {
  const child: ChildProcess = spawn(opts.ssh ?? 'ssh', sshArgs(host, forwards), {
    env: opts.env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // The tunnel never keeps the process alive: an action or the CLI ends when its work is done,
  // and the exit handler below takes ssh down with it.
  child.unref();
  (child.stderr as unknown as net.Socket).unref();
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));
  const kill = (): void => {
    if (exited === undefined) child.kill('SIGTERM');
  };
  const close = (): void => {
    kill();
    process.removeListener('exit', kill);
    for (const f of forwards) if (f.local.startsWith('/')) rmSync(f.local, { force: true });
  };
  process.once('exit', kill);
  const where = `${host.user ? `${host.user}@` : ''}${host.host}${host.port ? `:${host.port}` : ''}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const failed = await Promise.race([
      spawnError,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 50)),
    ]);
    if (failed) {
      close();
      throw new TargetError(`cannot start ssh for the tunnel to ${where}: ${failed.message}`, 'prepare');
    }
    if (exited !== undefined) {
      close();
      throw new TargetError(
        `the SSH tunnel to ${where} ended (exit ${exited}): ${stderr.trim().split('\n').slice(-2).join(' ')}`,
        'prepare',
      );
    }
    const ready = await Promise.all(forwards.map((f) => reachable(f.local)));
    if (ready.every(Boolean)) return { close };
    if (Date.now() > deadline) {
      close();
      throw new TargetError(
        `the SSH tunnel to ${where} did not open within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)}s: ${stderr.trim() || 'no output from ssh'}`,
        'prepare',
      );
    }
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The tunnel a target needs to a remote `ssh://` Docker host with HAProxy in front: the admin
 * socket forwarded to a local socket, each color's `address:port` to a local port. Opened once,
 * on first use; `localUrl` is where the deploy probes a color from this machine.
 */
export class HostTunnel {
  readonly socket: string;
  private ports: Record<'blue' | 'green', number> | undefined;
  private open: Tunnel | undefined;
  private opening: Promise<void> | undefined;

  constructor(
    private readonly o: {
      /** `ssh://[user@]host[:port]` */
      host: string;
      remoteSocket: string;
      address: string;
      ports: Record<'blue' | 'green', number>;
      /** Names the local socket (`slipway-<name>-<pid>.sock` in the temp dir). */
      name: string;
      env?: NodeJS.ProcessEnv;
      ssh?: string;
      log?: (message: string) => void;
    },
  ) {
    this.socket = join(tmpdir(), `slipway-${o.name}-${process.pid}.sock`);
  }

  async ready(): Promise<void> {
    if (this.open) return;
    this.opening ??= (async () => {
      const { address, ports } = this.o;
      const local = { blue: await freeLocalPort(), green: await freeLocalPort() };
      this.o.log?.(`opening an SSH tunnel to ${this.o.host} for the HAProxy socket and the colors' ports`);
      this.open = await openTunnel(
        parseSshHost(this.o.host),
        [
          { local: this.socket, remote: this.o.remoteSocket },
          { local: `127.0.0.1:${local.blue}`, remote: `${address}:${ports.blue}` },
          { local: `127.0.0.1:${local.green}`, remote: `${address}:${ports.green}` },
        ],
        { ...(this.o.env ? { env: this.o.env } : {}), ...(this.o.ssh ? { ssh: this.o.ssh } : {}) },
      );
      this.ports = local;
    })();
    try {
      await this.opening;
    } catch (e) {
      this.opening = undefined;
      throw e;
    }
  }

  /** Where this machine reaches `color` through the tunnel (after `ready`). */
  localUrl(color: 'blue' | 'green'): string {
    if (!this.ports) throw new Error('the SSH tunnel is not open yet');
    return `http://127.0.0.1:${this.ports[color]}`;
  }

  close(): void {
    this.open?.close();
    this.open = undefined;
    this.opening = undefined;
    this.ports = undefined;
  }
}
