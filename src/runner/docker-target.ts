/**
 * The `docker` target: one Docker host (local socket, DOCKER_HOST, tcp:// or ssh://) running two
 * containers `<app>-blue` and `<app>-green`, labelled with app, environment, color, image, image
 * digest and config digest, behind a proxy the user already runs (HAProxy or nginx). Colors run
 * on the host network (each on its own port) or on a user-defined bridge network with published
 * ports. Talks to Docker through the `docker` CLI, so every DOCKER_HOST form the CLI knows works.
 */
import net from 'node:net';
import type { DockerConfig } from '../deploy/config.js';
import {
  TargetError,
  type Color,
  type ColorEndpoint,
  type ColorStatus,
  type DeployTarget,
  type Release,
  type RouteCheck,
  type TargetHealth,
  type TargetStatus,
  type TrafficRouter,
} from '../deploy/target.js';
import { UserError } from '../errors.js';
import { run, type ExecResult } from './docker-target-exec.js';
import { HaproxyRouter } from './proxy-haproxy.js';
import { NginxRouter } from './proxy-nginx.js';
import { HostTunnel } from './ssh-tunnel.js';

export const LABEL = {
  app: 'slipway.app',
  environment: 'slipway.environment',
  color: 'slipway.color',
  image: 'slipway.image',
  imageDigest: 'slipway.image-digest',
  configDigest: 'slipway.config-digest',
} as const;

/** The runtime part of a docker release (what the config digest covers). */
export interface DockerRuntime {
  env: Record<string, string>;
  args?: string[];
  network: string;
  containerPort?: number;
  portEnv: string;
  runOptions: string[];
  [key: string]: unknown;
}

/** Builds the release runtime from the config; `processEnv` supplies `env-from` variables. */
export function dockerRuntime(
  cfg: DockerConfig,
  processEnv: Readonly<Record<string, string | undefined>>,
): DockerRuntime {
  const env = { ...cfg.env };
  for (const name of cfg.envFrom) {
    const v = processEnv[name];
    if (v === undefined)
      throw new UserError(
        `env-from names ${name}, which is not set in the step's environment`,
        'docker.env-from',
      );
    env[name] = v;
  }
  const rt: DockerRuntime = { env, network: cfg.network, portEnv: cfg.portEnv, runOptions: cfg.runOptions };
  if (cfg.args) rt.args = cfg.args;
  if (cfg.containerPort !== undefined) rt.containerPort = cfg.containerPort;
  return rt;
}

interface Inspect {
  Name: string;
  State: {
    Status: string;
    Running: boolean;
    Restarting: boolean;
    ExitCode: number;
    Error: string;
    OOMKilled: boolean;
  };
  RestartCount: number;
  Config: { Image: string; Labels: Record<string, string> | null };
}

export interface DockerTargetOptions {
  app: string;
  environment: string;
  docker: DockerConfig;
  /** Environment for the docker CLI (defaults to the process's). */
  env?: NodeJS.ProcessEnv;
  /** Replaces the router built from docker.proxy (tests). */
  router?: TrafficRouter;
  /** docker CLI binary (default `docker`). */
  dockerBin?: string;
  /** ssh binary for the tunnel to an `ssh://` host (default `ssh`). */
  sshBin?: string;
  log?: (message: string) => void;
}

/**
 * A Docker host on another machine (`ssh://`, or `tcp://` to an address other than this one's
 * loopback): its containers are driven through the docker CLI, but the proxy's socket or include
 * file and the colors' ports are still reached locally.
 */
export function isRemoteDockerHost(host: string | undefined): boolean {
  if (!host) return false;
  const m = /^(ssh|tcp):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/.exec(host);
  if (!m) return false;
  return !['localhost', '127.0.0.1', '[::1]'].includes(m[2]!.toLowerCase());
}

function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (v: boolean): void => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

export class DockerTarget implements DeployTarget {
  readonly kind = 'docker';
  readonly router: TrafficRouter;
  private readonly env: NodeJS.ProcessEnv;
  private readonly bin: string;
  /**
   * An `ssh://` Docker host on another machine with HAProxy in front: its admin socket and the
   * colors' ports are reached through an SSH tunnel (a local socket and local ports).
   */
  private readonly tunnel: HostTunnel | undefined;

  constructor(private readonly o: DockerTargetOptions) {
    const host = o.docker.host;
    if (
      !o.router &&
      o.docker.proxy.kind === 'haproxy' &&
      host?.startsWith('ssh://') &&
      isRemoteDockerHost(host)
    ) {
      this.tunnel = new HostTunnel({
        host,
        remoteSocket: o.docker.proxy.socket,
        address: o.docker.address,
        ports: o.docker.ports,
        name: `${o.app}-${o.environment}`,
        env: { ...(o.env ?? process.env), DOCKER_HOST: host },
        ...(o.sshBin ? { ssh: o.sshBin } : {}),
        ...(o.log ? { log: o.log } : {}),
      });
    }
    this.router =
      o.router ??
      (o.docker.proxy.kind === 'haproxy'
        ? new HaproxyRouter(this.tunnel ? { ...o.docker.proxy, socket: this.tunnel.socket } : o.docker.proxy)
        : new NginxRouter(o.docker.proxy));
    this.env = { ...(o.env ?? process.env) };
    if (o.docker.host) this.env.DOCKER_HOST = o.docker.host;
    this.bin = o.dockerBin ?? 'docker';
  }

  name(color: Color): string {
    return `${this.o.app}-${color}`;
  }

  /** Where the deploy probes a color (through the tunnel's local port for a remote host). */
  endpoint(color: Color): ColorEndpoint {
    return this.tunnel ? { url: this.tunnel.localUrl(color) } : this.routeEndpoint(color);
  }

  /** Where the proxy on the Docker host reaches a color. */
  routeEndpoint(color: Color): ColorEndpoint {
    return { url: `http://${this.o.docker.address}:${this.o.docker.ports[color]}` };
  }

  /** Opens the SSH tunnel to a remote host once (no-op otherwise). */
  private async ready(): Promise<void> {
    await this.tunnel?.ready();
  }

  /** Closes the SSH tunnel, if one is open. */
  close(): void {
    this.tunnel?.close();
  }

  private async docker(
    args: string[],
    op: TargetError['operation'],
    opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    const r = await run(this.bin, args, { env: opts.env ?? this.env, timeoutMs: opts.timeoutMs ?? 120_000 });
    if (
      r.code !== 0 &&
      /Cannot connect to the Docker daemon|error during connect|connection refused|Is the docker daemon running/i.test(
        r.stderr,
      )
    ) {
      throw new TargetError(`the Docker daemon is not reachable: ${r.stderr.trim().split('\n')[0]}`, op);
    }
    return r;
  }

  private async inspect(color: Color, op: TargetError['operation']): Promise<Inspect | undefined> {
    const r = await this.docker(['container', 'inspect', this.name(color)], op);
    if (r.code !== 0) {
      if (/No such (container|object)/i.test(r.stderr)) return undefined;
      throw new TargetError(`docker inspect ${this.name(color)} failed: ${r.stderr.trim()}`, op);
    }
    const arr = JSON.parse(r.stdout) as Inspect[];
    return arr[0];
  }

  async prepare(): Promise<void> {
    const v = await run(this.bin, ['version', '--format', '{{.Server.Version}}'], {
      env: this.env,
      timeoutMs: 30_000,
    });
    if (v.code !== 0) {
      throw new UserError(
        `cannot reach the Docker daemon${this.o.docker.host ? ` at ${this.o.docker.host}` : ''}: ${(v.stderr || v.stdout).trim().split('\n')[0]}`,
        'docker.host',
      );
    }
    if (this.o.docker.network !== 'host') {
      const n = await this.docker(['network', 'inspect', this.o.docker.network], 'prepare');
      if (n.code !== 0)
        throw new UserError(`Docker network '${this.o.docker.network}' does not exist`, 'docker.network');
    }
    await this.ready();
    try {
      await this.router.prepare();
    } catch (e) {
      const host = this.o.docker.host;
      if (!(e instanceof UserError) || !isRemoteDockerHost(host) || this.tunnel) throw e;
      const what =
        e.where && e.message.startsWith(`${e.where}: `) ? e.message.slice(e.where.length + 2) : e.message;
      throw new UserError(
        `${what}. The proxy and the colors' ports are reached from the machine running the deploy, ` +
          `not through the Docker host ${host} (only HAProxy on an ssh:// host is reached through an SSH tunnel): ` +
          `run the deploy on that host (a self-hosted runner there, chosen with runs-on) and leave docker.host unset ` +
          `(docs/deploy.md, "Remote Docker hosts")`,
        e.where,
      );
    }
    // A color's port must be free unless that color's own container holds it.
    const both = await this.inspectBoth('prepare');
    for (const c of ['blue', 'green'] as const) {
      const i = both[c];
      if (i?.State.Running) {
        const app = i.Config.Labels?.[LABEL.app];
        if (app !== this.o.app)
          throw new UserError(
            `a container named ${this.name(c)} exists but is not managed by Slipway for ${this.o.app}`,
            'app',
          );
        continue;
      }
      // (Through a tunnel every forwarded port answers locally: the check only means something here.)
      if (!this.tunnel && (await portOpen(this.o.docker.address, this.o.docker.ports[c]))) {
        throw new UserError(
          `port ${this.o.docker.ports[c]} (${c}) is already in use by something else`,
          `docker.ports.${c}`,
        );
      }
    }
  }

  private colorStatus(color: Color, i: Inspect | undefined): ColorStatus {
    if (!i) return { color, state: 'missing' };
    const labels = i.Config.Labels ?? {};
    const s = i.State;
    const state: ColorStatus['state'] = s.Restarting
      ? 'restarting'
      : s.Running
        ? 'running'
        : s.Status === 'created'
          ? 'starting'
          : 'stopped';
    return {
      color,
      state,
      image: labels[LABEL.image] ?? i.Config.Image,
      imageDigest: labels[LABEL.imageDigest],
      configDigest: labels[LABEL.configDigest],
      endpoint: this.endpoint(color),
      detail: `${s.Status}${s.ExitCode ? ` (exit ${s.ExitCode})` : ''}${i.RestartCount ? `, ${i.RestartCount} restarts` : ''}`,
    };
  }

  /** Inspects both colors with one docker call (missing ones are simply absent). */
  private async inspectBoth(op: TargetError['operation']): Promise<Record<Color, Inspect | undefined>> {
    const r = await this.docker(['container', 'inspect', this.name('blue'), this.name('green')], op);
    if (r.code !== 0 && !/No such (container|object)/i.test(r.stderr)) {
      throw new TargetError(`docker inspect failed: ${r.stderr.trim()}`, op);
    }
    const arr = (r.stdout.trim() ? JSON.parse(r.stdout) : []) as Inspect[];
    const find = (c: Color): Inspect | undefined =>
      arr.find((i) => i.Name.replace(/^\//, '') === this.name(c));
    return { blue: find('blue'), green: find('green') };
  }

  async status(): Promise<TargetStatus> {
    await this.ready();
    const { blue: b, green: g } = await this.inspectBoth('status');
    let live: Color | undefined;
    try {
      live = await this.router.live();
    } catch (e) {
      throw new TargetError(`cannot read the ${this.router.kind} route: ${(e as Error).message}`, 'status');
    }
    return { live, colors: { blue: this.colorStatus('blue', b), green: this.colorStatus('green', g) } };
  }

  private async imageDigest(image: string): Promise<string | undefined> {
    let r = await this.docker(
      ['image', 'inspect', '--format', '{{json .RepoDigests}}|{{.Id}}', image],
      'start',
    );
    if (r.code !== 0) {
      const pull = await this.docker(['pull', '--quiet', image], 'start', { timeoutMs: 15 * 60_000 });
      if (pull.code !== 0)
        throw new TargetError(`cannot pull ${image}: ${pull.stderr.trim().split('\n')[0]}`, 'start');
      r = await this.docker(
        ['image', 'inspect', '--format', '{{json .RepoDigests}}|{{.Id}}', image],
        'start',
      );
      if (r.code !== 0) throw new TargetError(`image ${image} not found after pull`, 'start');
    }
    const [repoDigests, id] = r.stdout.trim().split('|');
    try {
      const list = JSON.parse(repoDigests ?? '[]') as string[];
      const at = list[0]?.indexOf('@') ?? -1;
      if (list[0] && at !== -1) return list[0].slice(at + 1);
    } catch {
      // fall through to the image id
    }
    return id;
  }

  async start(color: Color, release: Release, opts: { reuse?: boolean } = {}): Promise<ColorEndpoint> {
    await this.ready();
    const name = this.name(color);
    const existing = await this.inspect(color, 'start');
    if (opts.reuse && existing) {
      const labels = existing.Config.Labels ?? {};
      if (
        labels[LABEL.image] === release.image &&
        (release.configDigest === 'unknown' || labels[LABEL.configDigest] === release.configDigest)
      ) {
        // The recorded release, with its recorded config: start the very same container again.
        const r = await this.docker(['start', name], 'start');
        if (r.code !== 0) throw new TargetError(`docker start ${name} failed: ${r.stderr.trim()}`, 'start');
        return this.endpoint(color);
      }
    }
    const rt = release.runtime as DockerRuntime;
    const digest = await this.imageDigest(release.image);
    if (existing) {
      const rm = await this.docker(['rm', '--force', name], 'start');
      if (rm.code !== 0 && !/No such container/i.test(rm.stderr))
        throw new TargetError(`docker rm ${name} failed: ${rm.stderr.trim()}`, 'start');
    }
    const port = this.o.docker.ports[color];
    const args = ['run', '--detach', '--name', name, '--restart', 'unless-stopped'];
    const labels: Record<string, string> = {
      [LABEL.app]: release.app,
      [LABEL.environment]: release.environment,
      [LABEL.color]: color,
      [LABEL.image]: release.image,
      [LABEL.configDigest]: release.configDigest,
    };
    if (digest) labels[LABEL.imageDigest] = digest;
    for (const [k, v] of Object.entries(labels)) args.push('--label', `${k}=${v}`);
    // Values travel in the docker CLI's environment (`-e NAME`), never on its command line.
    const cliEnv: NodeJS.ProcessEnv = { ...this.env };
    const appEnv: Record<string, string> = { ...rt.env };
    if (rt.network === 'host') {
      args.push('--network', 'host');
      appEnv[rt.portEnv] = String(port);
    } else {
      args.push('--network', rt.network, '--publish', `${this.o.docker.address}:${port}:${rt.containerPort}`);
      appEnv[rt.portEnv] = String(rt.containerPort);
    }
    for (const [k, v] of Object.entries(appEnv)) {
      args.push('--env', k);
      cliEnv[k] = v;
    }
    args.push(...rt.runOptions, release.image, ...(rt.args ?? []));
    const r = await this.docker(args, 'start', { env: cliEnv });
    if (r.code !== 0)
      throw new TargetError(`docker run ${name} failed: ${r.stderr.trim().split('\n')[0]}`, 'start');
    this.o.log?.(`started ${name} (${r.stdout.trim().slice(0, 12)}) from ${release.image} on port ${port}`);
    return this.endpoint(color);
  }

  async health(color: Color): Promise<TargetHealth> {
    const i = await this.inspect(color, 'health');
    if (!i) return { state: 'failed', detail: `${this.name(color)} does not exist` };
    const s = i.State;
    if (s.OOMKilled) return { state: 'failed', detail: 'killed: out of memory' };
    if (s.Restarting || i.RestartCount > 0) {
      return { state: 'failed', detail: `crash-looping (exit ${s.ExitCode}, ${i.RestartCount} restarts)` };
    }
    if (!s.Running)
      return {
        state: s.Status === 'created' ? 'starting' : 'failed',
        detail: `${s.Status} (exit ${s.ExitCode})${s.Error ? `: ${s.Error}` : ''}`,
      };
    return { state: 'ok' };
  }

  async switch(to: Color): Promise<void> {
    await this.ready();
    await this.router.switch(to, this.routeEndpoint(to));
  }

  async verify(color: Color): Promise<RouteCheck> {
    await this.ready();
    const live = await this.router.live();
    return { ok: live === color, live, detail: `${this.router.kind} routes to ${live ?? 'no single color'}` };
  }

  async stop(color: Color): Promise<void> {
    const r = await this.docker(['stop', '--time', '10', this.name(color)], 'stop');
    if (r.code !== 0 && !/No such container/i.test(r.stderr))
      throw new TargetError(`docker stop ${this.name(color)} failed: ${r.stderr.trim()}`, 'stop');
  }
}
