/**
 * Runner-side factories for the swarm, kubernetes and command targets (the counterparts of
 * `dockerFactory`): they validate the target's config section, then wire the pure target to the
 * real docker CLI / kubectl / shell. Register them in the deploy action's `targetFactories`.
 */
import type { EnvironmentConfig, HaproxyConfig, NginxConfig, ProxyConfig } from '../deploy/config.js';
import type { LockStore } from '../deploy/lock.js';
import { DockerLockStore, KubernetesLockStore, SwarmLockStore, lockName } from '../deploy/lock-stores.js';
import type { TargetFactory } from '../deploy/plan.js';
import type {
  Color,
  ColorEndpoint,
  DeployTarget,
  Release,
  RouteCheck,
  TargetHealth,
  TargetStatus,
  TrafficRouter,
} from '../deploy/target.js';
import { CommandLockStore, CommandTarget, commandOptions } from '../deploy/targets/command.js';
import { KubernetesTarget, kubernetesOptions } from '../deploy/targets/kubernetes.js';
import { SwarmTarget, swarmOptions } from '../deploy/targets/swarm.js';
import { UserError } from '../errors.js';
import { runShell } from './docker-target-exec.js';
import { createKubectl } from './kubectl.js';
import { HaproxyRouter } from './proxy-haproxy.js';
import { NginxRouter } from './proxy-nginx.js';
import { isRemoteDockerHost } from './docker-target.js';
import { HostTunnel } from './ssh-tunnel.js';
import { createDockerCli } from './swarm.js';

/** Reads `swarm.proxy` (same shape as the docker target's `proxy`). */
export function swarmProxy(raw: unknown, where: string): ProxyConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new UserError(`target swarm needs a proxy section (kind: haproxy or nginx)`, `${where}.proxy`);
  const o = raw as Record<string, unknown>;
  const str = (k: string, dflt?: string): string => {
    const v = o[k] ?? dflt;
    if (typeof v !== 'string' || !v) throw new UserError(`is required (a string)`, `${where}.proxy.${k}`);
    return v;
  };
  if (o.kind === 'haproxy') {
    const s = (o.servers ?? {}) as Record<string, unknown>;
    const cfg: HaproxyConfig = {
      kind: 'haproxy',
      socket: str('socket'),
      backend: str('backend'),
      servers: { blue: String(s.blue ?? 'blue'), green: String(s.green ?? 'green') },
    };
    return cfg;
  }
  if (o.kind === 'nginx') {
    const cmd = (k: string, d: string[]): string[] => {
      const v = o[k];
      if (v === undefined) return d;
      if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
      throw new UserError(`must be a command (string or list)`, `${where}.proxy.${k}`);
    };
    const cfg: NginxConfig = {
      kind: 'nginx',
      upstreamFile: str('upstream-file'),
      upstream: str('upstream'),
      testCommand: cmd('test-command', ['nginx', '-t']),
      reloadCommand: cmd('reload-command', ['nginx', '-s', 'reload']),
    };
    return cfg;
  }
  throw new UserError(`unknown proxy '${String(o.kind)}' (known: haproxy, nginx)`, `${where}.proxy.kind`);
}

function router(p: ProxyConfig): TrafficRouter {
  return p.kind === 'haproxy' ? new HaproxyRouter(p) : new NginxRouter(p);
}

function runtimeFrom(
  section: Record<string, unknown> | undefined,
  processEnv: Readonly<Record<string, string | undefined>>,
) {
  const env: Record<string, string> = {};
  const e = section?.env;
  if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) env[k] = String(v);
  const from = section?.['env-from'];
  if (Array.isArray(from))
    for (const name of from) {
      const v = processEnv[String(name)];
      if (v === undefined) throw new UserError(`environment variable ${String(name)} is not set`, 'env-from');
      env[String(name)] = v;
    }
  return { env };
}

/**
 * A target on a remote `ssh://` Docker host seen through an SSH tunnel: opens the tunnel before
 * anything else, and gives the engine each color's local tunnel address to probe (the proxy,
 * built on the tunnel's local socket, is still pointed at the color's address on the host).
 */
export class TunnelledTarget implements DeployTarget {
  readonly kind: string;
  constructor(
    private readonly inner: DeployTarget,
    private readonly tunnel: HostTunnel,
    /** Each color's base URL on the host, as the inner target reports it. */
    private readonly hostUrl: Record<Color, string>,
  ) {
    this.kind = inner.kind;
  }

  private local(color: Color, ep: ColorEndpoint): ColorEndpoint {
    const base = this.hostUrl[color];
    return ep.url.startsWith(base) ? { url: this.tunnel.localUrl(color) + ep.url.slice(base.length) } : ep;
  }

  async prepare(): Promise<void> {
    await this.tunnel.ready();
    await this.inner.prepare();
  }
  async status(): Promise<TargetStatus> {
    await this.tunnel.ready();
    const st = await this.inner.status();
    for (const c of ['blue', 'green'] as const) {
      const ep = st.colors[c].endpoint;
      if (ep) st.colors[c].endpoint = this.local(c, ep);
    }
    return st;
  }
  async start(color: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint> {
    await this.tunnel.ready();
    return this.local(color, await this.inner.start(color, release, opts));
  }
  health(color: Color): Promise<TargetHealth> {
    return this.inner.health(color);
  }
  async switch(to: Color): Promise<void> {
    await this.tunnel.ready();
    await this.inner.switch(to);
  }
  async verify(color: Color): Promise<RouteCheck> {
    await this.tunnel.ready();
    return this.inner.verify(color);
  }
  stop(color: Color): Promise<void> {
    return this.inner.stop(color);
  }
  close(): void {
    this.tunnel.close();
  }
}

export const swarmFactory: TargetFactory = async (env, ctx) => {
  const section = { ...(env.targetSection ?? {}) };
  const where = `${env.where}: swarm`;
  const proxy = swarmProxy(section.proxy, where);
  const runtime = runtimeFrom(section, ctx.processEnv);
  delete section.proxy;
  delete section.env;
  delete section['env-from'];
  const opts = swarmOptions(env.app, env.environment, section, where);
  // A manager on another machine over ssh:// (DOCKER_HOST) with HAProxy in front: through a tunnel.
  const host = ctx.processEnv.DOCKER_HOST;
  if (proxy.kind === 'haproxy' && host?.startsWith('ssh://') && isRemoteDockerHost(host)) {
    const tunnel = new HostTunnel({
      host,
      remoteSocket: proxy.socket,
      address: opts.address,
      ports: opts.ports,
      name: `${env.app}-${env.environment}`,
      env: { ...process.env, ...ctx.processEnv },
      log: ctx.log,
    });
    const inner = new SwarmTarget(opts, createDockerCli(), router({ ...proxy, socket: tunnel.socket }));
    const hostUrl = (c: Color) => `http://${opts.address}:${opts.ports[c]}`;
    return {
      target: new TunnelledTarget(inner, tunnel, { blue: hostUrl('blue'), green: hostUrl('green') }),
      runtime,
    };
  }
  return { target: new SwarmTarget(opts, createDockerCli(), router(proxy)), runtime };
};

export const kubernetesFactory: TargetFactory = async (env, ctx) => {
  const section = { ...(env.targetSection ?? {}) };
  const runtime = runtimeFrom(section, ctx.processEnv);
  const kubeconfig = section.kubeconfig === undefined ? undefined : String(section.kubeconfig);
  const context = section.context === undefined ? undefined : String(section.context);
  for (const k of ['env', 'env-from', 'kubeconfig', 'context']) delete section[k];
  const opts = kubernetesOptions(env.app, env.environment, section, `${env.where}: kubernetes`);
  const kubectl = createKubectl({ kubeconfig, context, namespace: opts.namespace });
  return { target: new KubernetesTarget(opts, kubectl), runtime };
};

export const commandFactory: TargetFactory = async (env, ctx) => {
  const section = { ...(env.targetSection ?? {}) };
  const runtime = runtimeFrom(section, ctx.processEnv);
  delete section.env;
  delete section['env-from'];
  const opts = commandOptions(env.app, env.environment, section, `${env.where}: command`);
  return { target: new CommandTarget(opts, runShell), runtime };
};

/**
 * The deploy lock's store on the target of `env` (undefined where the target has none: a command
 * target without a `lock` command, and a docker deploy given no image to hold it).
 */
export function lockStoreFor(env: EnvironmentConfig, image?: string): LockStore | undefined {
  const section = env.targetSection ?? {};
  const name = lockName(env.app, env.environment);
  if (env.target === 'docker' && image) {
    return new DockerLockStore(
      createDockerCli(env.docker?.host ? { host: env.docker.host } : {}),
      name,
      image,
    );
  }
  if (env.target === 'swarm') return new SwarmLockStore(createDockerCli(), name);
  if (env.target === 'command') {
    const { env: _env, 'env-from': _from, ...rest } = section;
    const opts = commandOptions(env.app, env.environment, rest, `${env.where}: command`);
    return opts.commands.lock ? new CommandLockStore(opts, runShell) : undefined;
  }
  if (env.target === 'kubernetes') {
    const str = (k: string) => (section[k] === undefined ? undefined : String(section[k]));
    const kubectl = createKubectl({
      kubeconfig: str('kubeconfig'),
      context: str('context'),
      namespace: str('namespace') ?? 'default',
    });
    return new KubernetesLockStore(kubectl, name);
  }
  return undefined;
}
