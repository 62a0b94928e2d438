/**
 * Docker Swarm target (also CapRover's substrate): two services `<app>-blue` / `<app>-green`, each
 * listening on its own port, and a router in front (HAProxy runtime API or an nginx upstream, the
 * same routers the docker target uses) that sends public traffic to one of them.
 *
 * - start: (re)creates the idle color's service (never touches the live one); a stopped service
 *   that already holds this exact release is scaled back up instead (`reuse`).
 * - health: `failed` once the service's tasks keep failing (3 failed tasks), `ok` when a task runs.
 * - switch / verify: the router's switch and its own view of the live color.
 * - stop: scales the service to 0 replicas; the service (and its release labels) stays, so a
 *   rollback can scale it back.
 * With the default `network: host` the app gets its color's port in `PORT` (see `port-env`).
 *
 * Pure: docker and the router come in as dependencies (src/runner/swarm.ts runs the CLI).
 */
import { UserError } from '../../errors.js';
import {
  COLORS,
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
} from '../target.js';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs `docker <args>`; `env` is added to the client's environment (for `--env NAME` lookups). */
export type DockerCli = (args: string[], env?: Record<string, string>) => Promise<DockerResult>;

export interface SwarmTargetOptions {
  app: string;
  environment: string;
  ports: Record<Color, number>;
  /** Address the engine and router use to reach a color (default 127.0.0.1). */
  address: string;
  /** `host` (default): the task uses the host's network and listens on its color's port. */
  network: string;
  /** Port the app listens on inside the container when not on the host network (default 8080). */
  containerPort: number;
  portEnv: string;
  replicas: number;
  /** Extra `docker service create` options (each must start with --). */
  createOptions: string[];
}

export const SWARM_LABEL = {
  app: 'slipway.app',
  environment: 'slipway.environment',
  color: 'slipway.color',
  image: 'slipway.image',
  digest: 'slipway.config-digest',
} as const;

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,40}$/;
const KNOWN = [
  'ports',
  'address',
  'network',
  'container-port',
  'port-env',
  'replicas',
  'create-options',
  'proxy',
];

/** Validates the `swarm:` section of the deploy config (the `proxy` key is read by the caller). */
export function swarmOptions(
  app: string,
  environment: string,
  raw: Record<string, unknown> | undefined,
  where = 'swarm',
): SwarmTargetOptions {
  if (!NAME_RE.test(app)) throw new UserError(`app '${app}' is not a valid service name`, 'app');
  if (!raw) throw new UserError(`target swarm needs a '${where}' section (ports, proxy)`, where);
  for (const k of Object.keys(raw))
    if (!KNOWN.includes(k))
      throw new UserError(`unknown setting '${k}' (known: ${KNOWN.join(', ')})`, `${where}.${k}`);
  const int = (v: unknown, path: string, dflt: number | undefined, min: number, max: number): number => {
    if (v === undefined && dflt !== undefined) return dflt;
    const n = typeof v === 'number' ? v : Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max)
      throw new UserError(`expected an integer ${min}..${max}, got '${String(v)}'`, `${where}.${path}`);
    return n;
  };
  const p = raw.ports as Record<string, unknown> | undefined;
  if (!p || typeof p !== 'object')
    throw new UserError(`needs a port per color: { blue: 8081, green: 8082 }`, `${where}.ports`);
  const ports = {
    blue: int(p.blue, 'ports.blue', undefined, 1, 65535),
    green: int(p.green, 'ports.green', undefined, 1, 65535),
  };
  if (ports.blue === ports.green)
    throw new UserError(`blue and green need different ports`, `${where}.ports`);
  const network = raw.network === undefined ? 'host' : String(raw.network);
  const replicas = int(raw.replicas, 'replicas', 1, 0, 100);
  const createOptions = raw['create-options'] === undefined ? [] : raw['create-options'];
  if (
    !Array.isArray(createOptions) ||
    createOptions.some((o) => typeof o !== 'string' || !o.startsWith('--'))
  )
    throw new UserError(`expected a list of options starting with --`, `${where}.create-options`);
  return {
    app,
    environment,
    ports,
    address: raw.address === undefined ? '127.0.0.1' : String(raw.address),
    network,
    containerPort: int(raw['container-port'], 'container-port', 8080, 1, 65535),
    portEnv: raw['port-env'] === undefined ? 'PORT' : String(raw['port-env']),
    replicas: replicas === 0 ? 1 : replicas,
    createOptions: createOptions as string[],
  };
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l) ?? ''
  );
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class SwarmTarget implements DeployTarget {
  readonly kind = 'swarm';

  constructor(
    readonly opts: SwarmTargetOptions,
    private readonly docker: DockerCli,
    private readonly router: TrafficRouter,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  name(color: Color): string {
    return `${this.opts.app}-${color}`;
  }

  private async run(
    op: TargetError['operation'],
    args: string[],
    env?: Record<string, string>,
  ): Promise<string> {
    const r = await this.docker(args, env);
    if (r.code !== 0)
      throw new TargetError(
        `docker ${args.slice(0, 2).join(' ')} failed: ${firstLine(r.stderr) || `exit ${r.code}`}`,
        op,
      );
    return r.stdout;
  }

  private async inspect(op: TargetError['operation'], color: Color): Promise<Obj | undefined> {
    const r = await this.docker(['service', 'inspect', this.name(color)]);
    if (r.code !== 0) {
      if (/no such service/i.test(r.stderr)) return undefined;
      throw new TargetError(`docker service inspect failed: ${firstLine(r.stderr)}`, op);
    }
    return (JSON.parse(r.stdout) as Obj[])[0];
  }

  private url(color: Color): string {
    return `http://${this.opts.address}:${this.opts.ports[color]}`;
  }

  async prepare(): Promise<void> {
    const r = await this.docker([
      'info',
      '--format',
      '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}',
    ]);
    if (r.code !== 0) throw new UserError(`cannot reach the Docker daemon: ${firstLine(r.stderr)}`, 'target');
    const [state, manager] = r.stdout.trim().split(' ');
    if (state !== 'active')
      throw new UserError(
        `this Docker engine is not part of a swarm (state '${state}'); run 'docker swarm init' or point DOCKER_HOST at a manager`,
        'target',
      );
    if (manager !== 'true')
      throw new UserError(
        `this Docker engine is a swarm worker; services can only be managed on a manager`,
        'target',
      );
    for (const c of COLORS) {
      const s = await this.inspect('prepare', c);
      if (s && s.Spec?.Labels?.[SWARM_LABEL.app] !== this.opts.app)
        throw new UserError(
          `service '${this.name(c)}' exists but was not created by slipway; refusing to replace it`,
          'target',
        );
    }
    await this.router.prepare();
  }

  private async tasks(
    op: TargetError['operation'],
    color: Color,
  ): Promise<{ state: string; desired: string; error: string }[]> {
    const out = await this.run(op, [
      'service',
      'ps',
      this.name(color),
      '--no-trunc',
      '--format',
      '{{.CurrentState}}|{{.DesiredState}}|{{.Error}}',
    ]);
    return out
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const [state = '', desired = '', error = ''] = l.split('|');
        return { state: state.split(' ')[0]!.toLowerCase(), desired: desired.toLowerCase(), error };
      });
  }

  async status(): Promise<TargetStatus> {
    const colors = {} as Record<Color, ColorStatus>;
    for (const color of COLORS) {
      const s = await this.inspect('status', color);
      if (!s) {
        colors[color] = { color, state: 'missing' };
        continue;
      }
      const replicas = s.Spec?.Mode?.Replicated?.Replicas ?? 1;
      let state: ColorStatus['state'] = 'stopped';
      if (replicas > 0) {
        const running = (await this.tasks('status', color)).filter(
          (t) => t.state === 'running' && t.desired === 'running',
        );
        state = running.length >= replicas ? 'running' : 'starting';
      }
      colors[color] = {
        color,
        state,
        image: s.Spec?.Labels?.[SWARM_LABEL.image],
        configDigest: s.Spec?.Labels?.[SWARM_LABEL.digest],
        endpoint: { url: this.url(color) },
      };
    }
    return { live: await this.router.live(), colors };
  }

  /** Waits until the service's containers are gone (host ports are free again). */
  private async waitGone(color: Color): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const out = await this.run('start', [
        'ps',
        '-q',
        '--filter',
        `label=com.docker.swarm.service.name=${this.name(color)}`,
      ]);
      if (!out.trim()) return;
      await this.sleep(250);
    }
    throw new TargetError(`containers of ${this.name(color)} did not stop within 15 s`, 'start');
  }

  async start(color: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint> {
    const existing = await this.inspect('start', color);
    const labels = existing?.Spec?.Labels ?? {};
    if (
      opts?.reuse &&
      existing &&
      labels[SWARM_LABEL.image] === release.image &&
      labels[SWARM_LABEL.digest] === release.configDigest
    ) {
      await this.run('start', [
        'service',
        'update',
        '--detach',
        '--replicas',
        String(this.opts.replicas),
        this.name(color),
      ]);
      return { url: this.url(color) };
    }
    if (existing) {
      await this.run('start', ['service', 'rm', this.name(color)]);
      await this.waitGone(color);
    }
    const host = this.opts.network === 'host';
    const args = ['service', 'create', '--detach', '--no-resolve-image', '--name', this.name(color)];
    const l = {
      [SWARM_LABEL.app]: this.opts.app,
      [SWARM_LABEL.environment]: this.opts.environment,
      [SWARM_LABEL.color]: color,
      [SWARM_LABEL.image]: release.image,
      [SWARM_LABEL.digest]: release.configDigest,
    };
    for (const [k, v] of Object.entries(l))
      args.push('--label', `${k}=${v}`, '--container-label', `${k}=${v}`);
    args.push(
      '--replicas',
      String(this.opts.replicas),
      '--restart-condition',
      'on-failure',
      '--restart-max-attempts',
      '5',
    );
    if (host) args.push('--network', 'host');
    else
      args.push(
        '--network',
        this.opts.network,
        '--publish',
        `mode=host,target=${this.opts.containerPort},published=${this.opts.ports[color]}`,
      );
    args.push('--env', `${this.opts.portEnv}=${host ? this.opts.ports[color] : this.opts.containerPort}`);
    // Values travel in the client's environment (`--env NAME`), never on the command line.
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(release.runtime.env)) {
      args.push('--env', k);
      env[k] = v;
    }
    args.push(...this.opts.createOptions, release.image, ...(release.runtime.args ?? []));
    await this.run('start', args, env);
    return { url: this.url(color) };
  }

  async health(color: Color): Promise<TargetHealth> {
    const tasks = await this.tasks('health', color);
    if (tasks.some((t) => t.state === 'running' && t.desired === 'running')) return { state: 'ok' };
    const failed = tasks.filter((t) => ['failed', 'rejected', 'orphaned'].includes(t.state));
    if (failed.length >= 3)
      return {
        state: 'failed',
        detail: `${failed.length} failed tasks (last: ${failed[0]?.error || failed[0]?.state})`,
      };
    return { state: 'starting', detail: tasks[0] ? `task ${tasks[0].state}` : 'no task yet' };
  }

  async switch(to: Color): Promise<void> {
    await this.router.switch(to, { url: this.url(to) });
  }

  async verify(color: Color): Promise<RouteCheck> {
    const live = await this.router.live();
    return live === color
      ? { ok: true, live }
      : { ok: false, live, detail: `${this.router.kind} sends traffic to ${live ?? 'no single color'}` };
  }

  async stop(color: Color): Promise<void> {
    const s = await this.inspect('stop', color);
    if (!s || (s.Spec?.Mode?.Replicated?.Replicas ?? 1) === 0) return;
    await this.run('stop', ['service', 'update', '--detach', '--replicas', '0', this.name(color)]);
  }
}
