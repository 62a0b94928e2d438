/**
 * Kubernetes target: two Deployments `<app>-blue` / `<app>-green`, a preview Service per color
 * (`<app>-blue` / `<app>-green`, so each color can be probed and its Ready endpoints counted), and
 * the public Service `<app>` whose selector names the live color.
 *
 * - start: server-side apply of the color's Deployment and preview Service.
 * - health: Pods crash-looping or unable to pull are `failed` at once; the color is `ok` only when
 *   every replica is Ready *and* its preview Service's EndpointSlices list that many Ready endpoints.
 * - switch: refuses (TargetError) while the new color has fewer Ready endpoints than replicas, so
 *   the public selector can never point at nothing; then patches the selector.
 * - verify: the selector names the color and the public Service's Ready endpoints are all Pods
 *   of that color.
 * - stop: scales the color to 0 replicas (the Deployment stays, so a rollback can scale it back).
 * The old color is left running by switch: keep-warm is the engine's decision (stop at finalize).
 *
 * Pure: kubectl comes in as a function (src/runner/kubectl.ts runs the real binary).
 */
import { UserError } from '../../errors.js';
import {
  COLORS,
  TargetError,
  isColor,
  type Color,
  type ColorEndpoint,
  type ColorStatus,
  type DeployTarget,
  type Release,
  type RouteCheck,
  type TargetHealth,
  type TargetStatus,
} from '../target.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs kubectl with `args` (and `stdin`); resolves with its exit code and output, never rejects on exit codes. */
export type Kubectl = (args: string[], stdin?: string) => Promise<KubectlResult>;

export interface KubernetesTargetOptions {
  app: string;
  environment: string;
  /** Port the container listens on (default 8080). */
  containerPort: number;
  /** Port of the Services (default 80). */
  servicePort: number;
  replicas: number;
  /**
   * URL of one color as the runner can reach it; `{app}`, `{color}`, `{namespace}` and `{port}`
   * are replaced. Default: cluster DNS of the preview Service (a runner inside the cluster).
   */
  colorUrl: string;
  /** Namespace for the URL template (kubectl's own namespace flag is set on the runner side). */
  namespace: string;
}

export const LABEL_APP = 'app.kubernetes.io/name';
export const LABEL_COLOR = 'slipway.dev/color';
export const LABEL_ENV = 'slipway.dev/environment';
export const ANN_IMAGE = 'slipway.dev/image';
export const ANN_DIGEST = 'slipway.dev/config-digest';
const FIELD_MANAGER = 'slipway';

const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Validates target settings from the deploy config (`where` names the file/field for errors). */
export function kubernetesOptions(
  app: string,
  environment: string,
  raw: Record<string, unknown> = {},
  where = 'kubernetes',
): KubernetesTargetOptions {
  if (!NAME_RE.test(app) || app.length > 50)
    throw new UserError(
      `app '${app}' is not a valid Kubernetes name (lowercase letters, digits and '-', at most 50 characters)`,
      'app',
    );
  const known = ['container-port', 'service-port', 'replicas', 'color-url', 'namespace'];
  for (const k of Object.keys(raw))
    if (!known.includes(k))
      throw new UserError(`unknown setting '${k}' (known: ${known.join(', ')})`, `${where}.${k}`);
  const int = (k: string, dflt: number, min: number, max: number): number => {
    const v = raw[k];
    if (v === undefined) return dflt;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UserError(`expected an integer ${min}..${max}, got '${String(v)}'`, `${where}.${k}`);
    return n;
  };
  const namespace = raw.namespace === undefined ? 'default' : String(raw.namespace);
  if (!NAME_RE.test(namespace))
    throw new UserError(`'${namespace}' is not a valid namespace`, `${where}.namespace`);
  const colorUrl =
    raw['color-url'] === undefined
      ? 'http://{app}-{color}.{namespace}.svc.cluster.local:{port}'
      : String(raw['color-url']);
  if (!/^https?:\/\//.test(colorUrl) || !colorUrl.includes('{color}'))
    throw new UserError(
      `expected an http(s) URL containing {color}, got '${colorUrl}'`,
      `${where}.color-url`,
    );
  return {
    app,
    environment,
    containerPort: int('container-port', 8080, 1, 65535),
    servicePort: int('service-port', 80, 1, 65535),
    replicas: int('replicas', 1, 1, 100),
    colorUrl,
    namespace,
  };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l) ?? ''
  );
}

export class KubernetesTarget implements DeployTarget {
  readonly kind = 'kubernetes';

  constructor(
    readonly opts: KubernetesTargetOptions,
    private readonly kubectl: Kubectl,
  ) {}

  private name(color?: Color): string {
    return color ? `${this.opts.app}-${color}` : this.opts.app;
  }

  private async run(op: TargetError['operation'], args: string[], stdin?: string): Promise<string> {
    const r = await this.kubectl(args, stdin);
    if (r.code !== 0)
      throw new TargetError(
        `kubectl ${args.slice(0, 2).join(' ')} failed: ${firstLine(r.stderr) || `exit ${r.code}`}`,
        op,
      );
    return r.stdout;
  }

  /** `kubectl get` one object as JSON, undefined when it does not exist. */
  private async get(op: TargetError['operation'], kind: string, name: string): Promise<Obj | undefined> {
    const out = await this.run(op, ['get', kind, name, '--ignore-not-found', '-o', 'json']);
    return out.trim() ? (JSON.parse(out) as Obj) : undefined;
  }

  private async list(op: TargetError['operation'], kind: string, selector: string): Promise<Obj[]> {
    const out = await this.run(op, ['get', kind, '-l', selector, '-o', 'json']);
    return ((JSON.parse(out) as Obj).items ?? []) as Obj[];
  }

  private url(color: Color): string {
    return this.opts.colorUrl
      .replaceAll('{app}', this.opts.app)
      .replaceAll('{color}', color)
      .replaceAll('{namespace}', this.opts.namespace)
      .replaceAll('{port}', String(this.opts.servicePort));
  }

  async prepare(): Promise<void> {
    const v = await this.kubectl(['version', '--client', '-o', 'json']);
    if (v.code !== 0) throw new UserError(`kubectl does not run: ${firstLine(v.stderr)}`, 'target');
    const r = await this.kubectl(['get', 'deployments', '-l', `${LABEL_APP}=${this.opts.app}`, '-o', 'json']);
    if (r.code !== 0)
      throw new UserError(
        `cannot reach the cluster with kubectl: ${firstLine(r.stderr) || `exit ${r.code}`}`,
        'target',
      );
    const svc = await this.get('prepare', 'service', this.name());
    if (svc && svc.metadata?.labels?.[LABEL_APP] !== this.opts.app)
      throw new UserError(
        `Service '${this.name()}' exists but was not created by slipway (no ${LABEL_APP}=${this.opts.app} label); refusing to take it over`,
        'target',
      );
  }

  async status(): Promise<TargetStatus> {
    const deployments = await this.list('status', 'deployments', `${LABEL_APP}=${this.opts.app}`);
    const svc = await this.get('status', 'service', this.name());
    const sel = svc?.spec?.selector?.[LABEL_COLOR];
    const colors = {} as Record<Color, ColorStatus>;
    for (const color of COLORS) {
      const d = deployments.find((x) => x.metadata?.name === this.name(color));
      if (!d) {
        colors[color] = { color, state: 'missing' };
        continue;
      }
      const want = d.spec?.replicas ?? 1;
      const ready = d.status?.readyReplicas ?? 0;
      colors[color] = {
        color,
        state: want === 0 ? 'stopped' : ready >= want ? 'running' : 'starting',
        image: d.metadata?.annotations?.[ANN_IMAGE] ?? d.spec?.template?.spec?.containers?.[0]?.image,
        configDigest: d.metadata?.annotations?.[ANN_DIGEST],
        endpoint: { url: this.url(color) },
        detail: `${ready}/${want} ready`,
      };
    }
    return { live: isColor(sel) ? sel : undefined, colors };
  }

  private labels(color?: Color): Record<string, string> {
    const l: Record<string, string> = { [LABEL_APP]: this.opts.app, [LABEL_ENV]: this.opts.environment };
    if (color) l[LABEL_COLOR] = color;
    return l;
  }

  private service(name: string, color: Color): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: this.labels() },
      spec: {
        selector: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: color },
        ports: [
          { name: 'http', port: this.opts.servicePort, targetPort: this.opts.containerPort, protocol: 'TCP' },
        ],
      },
    };
  }

  private async apply(op: TargetError['operation'], obj: Obj): Promise<void> {
    await this.run(
      op,
      [
        'apply',
        '--server-side',
        `--field-manager=${FIELD_MANAGER}`,
        '--force-conflicts',
        '--validate=false',
        '-f',
        '-',
      ],
      JSON.stringify(obj),
    );
  }

  private async scale(op: TargetError['operation'], color: Color, replicas: number): Promise<void> {
    await this.run(op, [
      'patch',
      'deployment',
      this.name(color),
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { replicas } }),
    ]);
  }

  async start(color: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint> {
    const existing = await this.get('start', 'deployment', this.name(color));
    const same =
      existing?.metadata?.annotations?.[ANN_IMAGE] === release.image &&
      existing?.metadata?.annotations?.[ANN_DIGEST] === release.configDigest;
    if (opts?.reuse && existing && same) {
      await this.scale('start', color, this.opts.replicas);
    } else {
      const port = typeof release.runtime.port === 'number' ? release.runtime.port : this.opts.containerPort;
      const container: Obj = {
        name: 'app',
        image: release.image,
        ports: [{ name: 'http', containerPort: port }],
        env: Object.entries(release.runtime.env)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => ({ name, value })),
      };
      if (release.runtime.args?.length) container.args = release.runtime.args;
      await this.apply('start', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: this.name(color),
          labels: this.labels(color),
          annotations: { [ANN_IMAGE]: release.image, [ANN_DIGEST]: release.configDigest },
        },
        spec: {
          replicas: this.opts.replicas,
          selector: { matchLabels: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: color } },
          template: {
            metadata: {
              labels: this.labels(color),
              annotations: { [ANN_DIGEST]: release.configDigest },
            },
            spec: { containers: [container] },
          },
        },
      });
    }
    await this.apply('start', this.service(this.name(color), color));
    return { url: this.url(color) };
  }

  /** Ready endpoints of a Service, with the Pod names behind them. */
  private async readyEndpoints(
    op: TargetError['operation'],
    service: string,
  ): Promise<{ ready: string[]; notReady: string[] }> {
    const slices = await this.list(op, 'endpointslices', `kubernetes.io/service-name=${service}`);
    const ready: string[] = [];
    const notReady: string[] = [];
    for (const s of slices)
      for (const e of (s.endpoints ?? []) as Obj[]) {
        const pod = String(e.targetRef?.name ?? e.addresses?.[0] ?? '?');
        // `ready` unset means ready (EndpointSlice API: nil should be interpreted as "true").
        if (e.conditions?.ready === false) notReady.push(pod);
        else ready.push(pod);
      }
    return { ready, notReady };
  }

  async health(color: Color): Promise<TargetHealth> {
    const d = await this.get('health', 'deployment', this.name(color));
    if (!d) return { state: 'failed', detail: `deployment ${this.name(color)} does not exist` };
    const pods = await this.list('health', 'pods', `${LABEL_APP}=${this.opts.app},${LABEL_COLOR}=${color}`);
    for (const p of pods)
      for (const cs of (p.status?.containerStatuses ?? []) as Obj[]) {
        const reason = cs.state?.waiting?.reason as string | undefined;
        if (
          reason &&
          [
            'CrashLoopBackOff',
            'ImagePullBackOff',
            'ErrImagePull',
            'InvalidImageName',
            'CreateContainerConfigError',
          ].includes(reason)
        )
          return { state: 'failed', detail: `pod ${p.metadata?.name}: ${reason}` };
        if ((cs.restartCount ?? 0) >= 3)
          return { state: 'failed', detail: `pod ${p.metadata?.name}: ${cs.restartCount} restarts` };
      }
    const want = this.opts.replicas;
    const ready = d.status?.readyReplicas ?? 0;
    const gen = (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
    const eps = await this.readyEndpoints('health', this.name(color));
    if (gen && ready >= want && eps.ready.length >= want)
      return { state: 'ok', detail: `${ready}/${want} ready, ${eps.ready.length} ready endpoints` };
    return { state: 'starting', detail: `${ready}/${want} ready, ${eps.ready.length} ready endpoints` };
  }

  async switch(to: Color): Promise<void> {
    const eps = await this.readyEndpoints('switch', this.name(to));
    if (eps.ready.length < this.opts.replicas)
      throw new TargetError(
        `refusing to point ${this.name()} at ${to}: ${eps.ready.length}/${this.opts.replicas} Ready endpoints`,
        'switch',
      );
    const svc = await this.get('switch', 'service', this.name());
    if (!svc) {
      await this.apply('switch', this.service(this.name(), to));
      return;
    }
    await this.run('switch', [
      'patch',
      'service',
      this.name(),
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { selector: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: to } } }),
    ]);
  }

  async verify(color: Color): Promise<RouteCheck> {
    const svc = await this.get('verify', 'service', this.name());
    const sel = svc?.spec?.selector?.[LABEL_COLOR];
    const live = isColor(sel) ? sel : undefined;
    if (live !== color)
      return { ok: false, live, detail: `selector of ${this.name()} names ${sel ?? 'no color'}` };
    const eps = await this.readyEndpoints('verify', this.name());
    const prefix = `${this.name(color)}-`;
    const foreign = eps.ready.filter((p) => !p.startsWith(prefix));
    if (eps.ready.length === 0)
      return { ok: false, live, detail: `${this.name()} has no Ready endpoints yet` };
    if (foreign.length)
      return { ok: false, live, detail: `${this.name()} still lists ${foreign.join(', ')}` };
    return { ok: true, live, detail: `${eps.ready.length} Ready endpoints, all ${color}` };
  }

  async stop(color: Color): Promise<void> {
    const d = await this.get('stop', 'deployment', this.name(color));
    if (!d || d.spec?.replicas === 0) return;
    await this.scale('stop', color, 0);
  }
}
