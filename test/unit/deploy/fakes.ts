/** In-memory target, recorder and clock for fast engine tests. */
import {
  otherColor,
  type Color,
  type ColorEndpoint,
  type ColorStatus,
  type DeployTarget,
  type Release,
  type RouteCheck,
  type TargetHealth,
  type TargetStatus,
} from '../../../src/deploy/target.js';
import { TargetError } from '../../../src/deploy/target.js';
import type {
  DeployEffects,
  DeploymentRecorder,
  DeploymentState,
  ProbeRequest,
  ProbeResult,
  RecordedDeployment,
  SlipwayPayload,
} from '../../../src/deploy/types.js';

/** How an image behaves: healthy or not, and from when (ms after start) it starts failing. */
export interface Behaviour {
  version: string;
  healthy?: boolean;
  failAfterMs?: number;
  crash?: boolean;
}

export class MemTarget implements DeployTarget {
  readonly kind = 'memory';
  live: Color | undefined;
  colors: Record<Color, { state: ColorStatus['state']; release?: Release; startedAt: number }> = {
    blue: { state: 'missing', startedAt: 0 },
    green: { state: 'missing', startedAt: 0 },
  };
  calls: string[] = [];
  refuseSwitch = false;
  failPrepare: Error | undefined;

  constructor(
    readonly clock: { t: number },
    readonly behaviours: Record<string, Behaviour>,
  ) {}

  async prepare(): Promise<void> {
    this.calls.push('prepare');
    if (this.failPrepare) throw this.failPrepare;
  }
  async status(): Promise<TargetStatus> {
    const c = (color: Color): ColorStatus => ({
      color,
      state: this.colors[color].state,
      image: this.colors[color].release?.image,
      configDigest: this.colors[color].release?.configDigest,
      endpoint: { url: `mem://${color}` },
    });
    return { live: this.live, colors: { blue: c('blue'), green: c('green') } };
  }
  async start(color: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint> {
    this.calls.push(`start ${color} ${release.image}${opts?.reuse ? ' reuse' : ''}`);
    if (color === this.live) throw new Error('engine started the live color');
    const prev = this.colors[color].release;
    this.colors[color] = {
      state: 'running',
      release: opts?.reuse && prev ? prev : release,
      startedAt: this.clock.t,
    };
    return { url: `mem://${color}` };
  }
  async health(color: Color): Promise<TargetHealth> {
    const c = this.colors[color];
    const b = c.release ? this.behaviours[c.release.image] : undefined;
    if (c.state !== 'running') return { state: 'failed', detail: c.state };
    if (b?.crash) return { state: 'failed', detail: 'restarting (exit 1), 3 restarts' };
    return { state: 'ok' };
  }
  async switch(to: Color): Promise<void> {
    this.calls.push(`switch ${to}`);
    if (this.refuseSwitch) throw new TargetError('proxy said: No such server.', 'switch');
    this.live = to;
  }
  async verify(color: Color): Promise<RouteCheck> {
    return { ok: this.live === color, live: this.live };
  }
  async stop(color: Color): Promise<void> {
    this.calls.push(`stop ${color}`);
    if (this.colors[color].state !== 'missing') this.colors[color].state = 'stopped';
  }

  /** Answers a probe as the app in `color` would. */
  answer(color: Color | undefined, path: string): ProbeResult {
    if (!color) return { ok: false, error: 'connection refused', ms: 1 };
    const c = this.colors[color];
    if (c.state !== 'running' || !c.release) return { ok: false, error: 'connection refused', ms: 1 };
    const b = this.behaviours[c.release.image] ?? { version: c.release.image };
    const failing =
      b.crash ||
      b.healthy === false ||
      (b.failAfterMs !== undefined && this.clock.t - c.startedAt >= b.failAfterMs);
    const headers = { 'x-version': b.version };
    if (path === '/version') return { ok: true, status: 200, headers, body: b.version, ms: 1 };
    return failing
      ? { ok: true, status: 500, headers, body: 'boom', ms: 1 }
      : { ok: true, status: 200, headers, body: '{"status":"ok"}', ms: 1 };
  }
}

export class MemRecorder implements DeploymentRecorder {
  deployments: {
    id: string;
    task: string;
    payload: SlipwayPayload;
    statuses: { state: DeploymentState; description: string; at?: number }[];
  }[] = [];
  /** With a clock, each status carries its time and lastSuccessful reports `succeededAt`. */
  constructor(readonly clock?: { t: number }) {}
  async create(input: { task: string; payload: SlipwayPayload }): Promise<string> {
    const id = String(this.deployments.length + 1);
    this.deployments.push({ id, task: input.task, payload: input.payload, statuses: [] });
    return id;
  }
  async setStatus(id: string, state: DeploymentState, opts: { description: string }): Promise<void> {
    this.deployments
      .find((d) => d.id === id)!
      .statuses.push({ state, description: opts.description, at: this.clock?.t });
  }
  async lastSuccessful(app: string, environment: string): Promise<RecordedDeployment | undefined> {
    for (const d of [...this.deployments].reverse()) {
      const last = d.statuses.at(-1)?.state;
      if (
        d.payload.app === app &&
        d.payload.environment === environment &&
        (last === 'success' || last === 'inactive')
      ) {
        if (last === 'success') {
          const at = d.statuses.at(-1)!.at;
          return {
            id: d.id,
            payload: d.payload,
            state: last,
            ...(at !== undefined ? { succeededAt: new Date(at).toISOString() } : {}),
          };
        }
      }
    }
    return undefined;
  }
  finalStates(): string[] {
    return this.deployments.map((d) => `${d.id}:${d.payload.image}:${d.statuses.at(-1)?.state}`);
  }
}

export function memEffects(
  target: MemTarget,
  recorder: MemRecorder,
): DeployEffects & { logs: string[]; phases: string[] } {
  const logs: string[] = [];
  const phases: string[] = [];
  return {
    target,
    recorder,
    logs,
    phases,
    async probe(req: ProbeRequest): Promise<ProbeResult> {
      target.clock.t += 1;
      const u = new URL(req.url.replace('mem://', 'http://'));
      const color = u.hostname === 'public' ? target.live : (u.hostname as Color);
      return target.answer(color, u.pathname);
    },
    async smoke(command: string, env: Record<string, string>) {
      logs.push(`smoke ${command} ${env.SLIPWAY_URL}`);
      return command.includes('fail') ? { code: 3, output: 'assertion failed\n' } : { code: 0, output: 'ok' };
    },
    now: () => target.clock.t,
    async sleep(ms: number) {
      target.clock.t += ms;
    },
    log: {
      info: (m) => logs.push(`info ${m}`),
      warning: (m) => logs.push(`warning ${m}`),
      group: async (name, fn) => {
        logs.push(`group ${name}`);
        return fn();
      },
    },
    onPhase: (p) => phases.push(p),
  };
}

export function release(image: string): Release {
  return {
    app: 'shop',
    environment: 'production',
    image,
    configDigest: `sha256:${image.length}`,
    runtime: { env: {} },
  };
}

export { otherColor };
