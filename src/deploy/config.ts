/**
 * The deploy config file (`.github/slipway-deploy.yml` or the `config` input): per app and
 * environment, which target, how to run the app, the proxy, health, version marker, smoke, bake
 * and keep-warm. Parsed and validated here, before anything happens; every mistake is a
 * UserError naming `file:line: field`. The JSON Schema (schemas/slipway-deploy.schema.json)
 * documents the same shape for editors.
 */
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isMap } from 'yaml';
import { UserError } from '../errors.js';
import { DEFAULT_HEALTH } from './health.js';
import type { Color } from './target.js';
import type { ErrorRateCheck, HealthSpec, VersionMarker } from './types.js';

export const TARGET_KINDS = ['docker', 'swarm', 'kubernetes', 'command'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface HaproxyConfig {
  kind: 'haproxy';
  /** Admin socket (`stats socket ... level admin`), a unix path. */
  socket: string;
  backend: string;
  servers: Record<Color, string>;
}

export interface NginxConfig {
  kind: 'nginx';
  /** The include file Slipway renders (`upstream <name> { server ...; }`). */
  upstreamFile: string;
  upstream: string;
  /** Command that tests the full config (default `nginx -t`). */
  testCommand: string[];
  /** Command that reloads gracefully (default `nginx -s reload`). */
  reloadCommand: string[];
}

export type ProxyConfig = HaproxyConfig | NginxConfig;

export interface DockerConfig {
  /** DOCKER_HOST value (unix://, tcp://, ssh://); undefined: the environment's. */
  host?: string;
  /** `host` (each color on its own port) or a user-defined bridge network name. */
  network: string;
  /** Host port per color. */
  ports: Record<Color, number>;
  /** Port the app listens on inside the container (bridge networks); host network: the color's port. */
  containerPort?: number;
  /** Env var that tells the app its port (default PORT). */
  portEnv: string;
  /** Address the engine and proxy use to reach a color (default 127.0.0.1). */
  address: string;
  env: Record<string, string>;
  /** Names of variables copied from the step's environment (secrets), never written to the file. */
  envFrom: string[];
  args?: string[];
  /** Extra `docker run` options such as `--memory=512m` (validated: must start with --). */
  runOptions: string[];
  proxy: ProxyConfig;
}

export interface EnvironmentConfig {
  app: string;
  environment: string;
  target: TargetKind;
  /** Public URL (through the proxy). */
  url: string;
  image?: string;
  health: HealthSpec;
  version?: Omit<VersionMarker, 'expect' | 'expectPrevious'> & { expect?: string };
  smoke?: { command: string; timeoutMs: number };
  bakeMs: number;
  keepWarmMs: number;
  autoRollback: boolean;
  drainMs: number;
  errorRate?: ErrorRateCheck;
  docker?: DockerConfig;
  /** Raw section of the other targets (swarm/kubernetes/command), validated by their own code. */
  targetSection?: Record<string, unknown>;
  /** `file:line` of this environment, for messages. */
  where: string;
}

export interface DeployConfig {
  file: string;
  environments: EnvironmentConfig[];
}

type Path = (string | number)[];

class Reader {
  constructor(
    private readonly file: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  where(path: Path): string {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && node.range) {
        const { line } = this.lines.linePos(node.range[0]);
        return `${this.file}:${line}: ${path.join('.') || '(top)'}`;
      }
    }
    return `${this.file}: ${path.join('.')}`;
  }

  fail(path: Path, message: string): never {
    throw new UserError(message, this.where(path));
  }

  obj(v: unknown, path: Path, allowed: readonly string[]): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'must be a mapping');
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k))
        this.fail([...path, k], `unknown field '${k}' (known: ${allowed.join(', ')})`);
    }
    return o;
  }

  str(o: Record<string, unknown>, key: string, path: Path, required: true): string;
  str(o: Record<string, unknown>, key: string, path: Path, required?: false): string | undefined;
  str(o: Record<string, unknown>, key: string, path: Path, required = false): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail(path, `missing required field '${key}'`);
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') this.fail([...path, key], 'must be a string');
    const s = String(v).trim();
    if (required && !s) this.fail([...path, key], 'must not be empty');
    return s;
  }

  num(
    o: Record<string, unknown>,
    key: string,
    path: Path,
    def: number,
    opts: { min?: number; max?: number; int?: boolean } = {},
  ): number {
    const v = o[key];
    if (v === undefined || v === null) return def;
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail([...path, key], `must be a number, got ${JSON.stringify(v)}`);
    if (opts.int && !Number.isInteger(v)) this.fail([...path, key], `must be a whole number, got ${v}`);
    if (opts.min !== undefined && v < opts.min)
      this.fail([...path, key], `must be at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max)
      this.fail([...path, key], `must be at most ${opts.max}, got ${v}`);
    return v;
  }

  bool(o: Record<string, unknown>, key: string, path: Path, def: boolean): boolean {
    const v = o[key];
    if (v === undefined || v === null) return def;
    if (typeof v !== 'boolean') this.fail([...path, key], 'must be true or false');
    return v;
  }

  strList(o: Record<string, unknown>, key: string, path: Path): string[] | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
      this.fail([...path, key], 'must be a list of strings');
    }
    return (v as unknown[]).map(String);
  }

  command(o: Record<string, unknown>, key: string, path: Path, def: string[]): string[] {
    const v = o[key];
    if (v === undefined || v === null) return def;
    if (typeof v === 'string') {
      const parts = v.trim().split(/\s+/).filter(Boolean);
      if (!parts.length) this.fail([...path, key], 'must not be empty');
      return parts;
    }
    const list = this.strList(o, key, path);
    if (!list || !list.length) this.fail([...path, key], 'must be a command (string or list)');
    return list;
  }
}

const HEALTH_KEYS = [
  'method',
  'path',
  'host',
  'expect-status',
  'body-regex',
  'json-field',
  'json-equals',
  'interval-seconds',
  'timeout-seconds',
  'healthy-threshold',
  'unhealthy-threshold',
  'start-period-seconds',
  'deadline-seconds',
] as const;

/** Parses a health section (also used for the health-* action inputs, with `where` naming them). */
export function parseHealth(
  raw: Record<string, unknown>,
  fail: (key: string, message: string) => never,
  base: HealthSpec = DEFAULT_HEALTH,
): HealthSpec {
  const num = (key: string, def: number, min: number, int = false): number => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return def;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) fail(key, `must be a number, got ${JSON.stringify(v)}`);
    if (int && !Number.isInteger(n)) fail(key, `must be a whole number, got ${n}`);
    if (n < min) fail(key, `must be at least ${min}, got ${n}`);
    return n;
  };
  const out: HealthSpec = { ...base };
  if (raw.method !== undefined && raw.method !== '') {
    const m = String(raw.method).toUpperCase();
    if (m !== 'GET' && m !== 'HEAD' && m !== 'POST')
      fail('method', `must be GET, HEAD or POST, got ${String(raw.method)}`);
    out.method = m;
  }
  if (raw.path !== undefined && raw.path !== '') {
    const p = String(raw.path);
    if (!p.startsWith('/')) fail('path', `must start with '/', got '${p}'`);
    out.path = p;
  } else if (raw.path === '' || raw.path === null) {
    fail('path', 'a health check needs a path, such as /health');
  }
  if (raw.host !== undefined && raw.host !== '') out.host = String(raw.host);
  if (raw['expect-status'] !== undefined && raw['expect-status'] !== '') {
    const v = raw['expect-status'];
    const list = (Array.isArray(v) ? v : String(v).split(/[\s,|]+/)).filter((x) => x !== '');
    const codes = list.map((x) => Number(x));
    if (!codes.length || codes.some((c) => !Number.isInteger(c) || c < 100 || c > 599)) {
      fail('expect-status', `must be HTTP status codes (100-599), got ${JSON.stringify(v)}`);
    }
    out.expectStatus = codes;
  }
  if (raw['body-regex'] !== undefined && raw['body-regex'] !== '') {
    const r = String(raw['body-regex']);
    try {
      new RegExp(r);
    } catch (e) {
      fail('body-regex', `is not a valid regular expression: ${(e as Error).message}`);
    }
    out.bodyRegex = r;
  }
  const jf = raw['json-field'];
  const je = raw['json-equals'];
  if ((jf !== undefined && jf !== '') !== (je !== undefined && je !== '')) {
    fail(
      jf !== undefined && jf !== '' ? 'json-equals' : 'json-field',
      'json-field and json-equals go together',
    );
  }
  if (jf !== undefined && jf !== '') out.json = { field: String(jf), equals: String(je) };
  out.intervalMs = Math.round(num('interval-seconds', base.intervalMs / 1000, 0.01) * 1000);
  out.timeoutMs = Math.round(num('timeout-seconds', base.timeoutMs / 1000, 0.01) * 1000);
  out.healthyThreshold = num('healthy-threshold', base.healthyThreshold, 1, true);
  out.unhealthyThreshold = num('unhealthy-threshold', base.unhealthyThreshold, 1, true);
  out.startPeriodMs = Math.round(num('start-period-seconds', base.startPeriodMs / 1000, 0) * 1000);
  out.deadlineMs = Math.round(num('deadline-seconds', base.deadlineMs / 1000, 0.1) * 1000);
  if (out.timeoutMs > out.deadlineMs) fail('timeout-seconds', 'must not be longer than deadline-seconds');
  return out;
}

const ENV_KEYS = [
  'target',
  'url',
  'image',
  'health',
  'version',
  'smoke',
  'bake-seconds',
  'keep-warm-minutes',
  'auto-rollback',
  'drain-seconds',
  'error-rate',
  'docker',
  'swarm',
  'kubernetes',
  'command',
] as const;

function parseDocker(r: Reader, raw: unknown, path: Path): DockerConfig {
  const o = r.obj(raw, path, [
    'host',
    'network',
    'ports',
    'container-port',
    'port-env',
    'address',
    'env',
    'env-from',
    'args',
    'run-options',
    'proxy',
  ]);
  const network = r.str(o, 'network', path) ?? 'host';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(network))
    r.fail([...path, 'network'], `is not a valid network name: '${network}'`);
  if (o.ports === undefined)
    r.fail(path, "missing required field 'ports' (a port per color: { blue: 8081, green: 8082 })");
  const po = r.obj(o.ports, [...path, 'ports'], ['blue', 'green']);
  const port = (c: Color): number => {
    if (po[c] === undefined) r.fail([...path, 'ports'], `missing the ${c} port`);
    return r.num(po, c, [...path, 'ports'], 0, { min: 1, max: 65535, int: true });
  };
  const ports = { blue: port('blue'), green: port('green') };
  if (ports.blue === ports.green)
    r.fail([...path, 'ports'], `blue and green need different ports (both ${ports.blue})`);
  const containerPort =
    o['container-port'] === undefined
      ? undefined
      : r.num(o, 'container-port', path, 0, { min: 1, max: 65535, int: true });
  if (network !== 'host' && containerPort === undefined) {
    r.fail(
      path,
      `network '${network}' publishes ports: 'container-port' (the port the app listens on) is required`,
    );
  }
  const env: Record<string, string> = {};
  if (o.env !== undefined) {
    const eo = r.obj(o.env, [...path, 'env'], Object.keys(o.env ?? {}));
    for (const [k, v] of Object.entries(eo)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) r.fail([...path, 'env', k], `is not a valid variable name`);
      if (v === null || typeof v === 'object') r.fail([...path, 'env', k], 'must be a string');
      env[k] = String(v);
    }
  }
  const envFrom = r.strList(o, 'env-from', path) ?? [];
  for (const [i, n] of envFrom.entries()) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
      r.fail([...path, 'env-from', i], `is not a valid variable name: '${n}'`);
  }
  const runOptions = r.strList(o, 'run-options', path) ?? [];
  for (const [i, opt] of runOptions.entries()) {
    if (!opt.startsWith('--')) r.fail([...path, 'run-options', i], `must be a --option, got '${opt}'`);
    if (/^--(name|network|net|label|publish|p|rm|detach|d)(=|$)/.test(opt)) {
      r.fail([...path, 'run-options', i], `${opt.split('=')[0]} is set by Slipway`);
    }
  }
  const host = r.str(o, 'host', path);
  if (host !== undefined && !/^(unix|tcp|ssh|npipe):\/\//.test(host)) {
    r.fail([...path, 'host'], `must be a unix://, tcp:// or ssh:// address, got '${host}'`);
  }
  if (o.proxy === undefined) r.fail(path, "missing required field 'proxy' (haproxy or nginx)");
  return {
    host,
    network,
    ports,
    containerPort,
    portEnv: r.str(o, 'port-env', path) ?? 'PORT',
    address: r.str(o, 'address', path) ?? '127.0.0.1',
    env,
    envFrom,
    args: r.strList(o, 'args', path),
    runOptions,
    proxy: parseProxy(r, o.proxy, [...path, 'proxy']),
  };
}

function parseProxy(r: Reader, raw: unknown, path: Path): ProxyConfig {
  if (raw === null || typeof raw !== 'object') r.fail(path, 'must be a mapping with kind: haproxy or nginx');
  const kind = (raw as Record<string, unknown>).kind;
  if (kind === 'haproxy') {
    const o = r.obj(raw, path, ['kind', 'socket', 'backend', 'servers']);
    const socket = r.str(o, 'socket', path, true);
    if (!socket.startsWith('/'))
      r.fail([...path, 'socket'], `must be an absolute path to the admin socket, got '${socket}'`);
    const servers = { blue: 'blue', green: 'green' };
    if (o.servers !== undefined) {
      const so = r.obj(o.servers, [...path, 'servers'], ['blue', 'green']);
      servers.blue = r.str(so, 'blue', [...path, 'servers']) ?? 'blue';
      servers.green = r.str(so, 'green', [...path, 'servers']) ?? 'green';
    }
    return { kind, socket, backend: r.str(o, 'backend', path, true), servers };
  }
  if (kind === 'nginx') {
    const o = r.obj(raw, path, ['kind', 'upstream-file', 'upstream', 'test-command', 'reload-command']);
    const upstreamFile = r.str(o, 'upstream-file', path, true);
    if (!upstreamFile.startsWith('/'))
      r.fail([...path, 'upstream-file'], `must be an absolute path, got '${upstreamFile}'`);
    const upstream = r.str(o, 'upstream', path, true);
    if (!/^[A-Za-z0-9_.-]+$/.test(upstream))
      r.fail([...path, 'upstream'], `is not a valid upstream name: '${upstream}'`);
    return {
      kind,
      upstreamFile,
      upstream,
      testCommand: r.command(o, 'test-command', path, ['nginx', '-t']),
      reloadCommand: r.command(o, 'reload-command', path, ['nginx', '-s', 'reload']),
    };
  }
  return r.fail([...path, 'kind'], `unknown proxy '${String(kind)}' (known: haproxy, nginx)`);
}

function parseEnvironment(
  r: Reader,
  app: string,
  env: string,
  raw: unknown,
  appImage: string | undefined,
): EnvironmentConfig {
  const path: Path = ['apps', app, 'environments', env];
  const o = r.obj(raw, path, ENV_KEYS);
  const target = r.str(o, 'target', path, true);
  if (!(TARGET_KINDS as readonly string[]).includes(target)) {
    r.fail([...path, 'target'], `unknown target '${target}' (known: ${TARGET_KINDS.join(', ')})`);
  }
  const url = r.str(o, 'url', path, true);
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
  } catch {
    r.fail([...path, 'url'], `must be an http(s) URL, got '${url}'`);
  }
  let health = { ...DEFAULT_HEALTH };
  if (o.health !== undefined) {
    const ho = r.obj(o.health, [...path, 'health'], HEALTH_KEYS);
    if (ho.path === undefined || ho.path === null || ho.path === '') {
      r.fail([...path, 'health'], 'a health check needs a path, such as /health');
    }
    health = parseHealth(ho, (key, message) => r.fail([...path, 'health', key], message));
  }
  let version: EnvironmentConfig['version'];
  if (o.version !== undefined) {
    const vp = [...path, 'version'];
    const vo = r.obj(o.version, vp, [
      'header',
      'path',
      'expect',
      'deadline-seconds',
      'interval-seconds',
      'consecutive',
    ]);
    const header = r.str(vo, 'header', vp);
    const vpath = r.str(vo, 'path', vp);
    if ((header === undefined) === (vpath === undefined))
      r.fail(vp, "needs exactly one of 'header' or 'path'");
    if (vpath !== undefined && !vpath.startsWith('/'))
      r.fail([...vp, 'path'], `must start with '/', got '${vpath}'`);
    version = {
      kind: header !== undefined ? 'header' : 'path',
      name: (header ?? vpath)!,
      expect: r.str(vo, 'expect', vp),
      deadlineMs: Math.round(r.num(vo, 'deadline-seconds', vp, 30, { min: 0.1 }) * 1000),
      intervalMs: Math.round(r.num(vo, 'interval-seconds', vp, 0.1, { min: 0.01 }) * 1000),
      consecutive: r.num(vo, 'consecutive', vp, 3, { min: 1, int: true }),
    };
  }
  let smoke: EnvironmentConfig['smoke'];
  if (o.smoke !== undefined) {
    const so = r.obj(o.smoke, [...path, 'smoke'], ['command', 'timeout-seconds']);
    smoke = {
      command: r.str(so, 'command', [...path, 'smoke'], true),
      timeoutMs: Math.round(r.num(so, 'timeout-seconds', [...path, 'smoke'], 300, { min: 1 }) * 1000),
    };
  }
  let errorRate: ErrorRateCheck | undefined;
  if (o['error-rate'] !== undefined) {
    const ep = [...path, 'error-rate'];
    const eo = r.obj(o['error-rate'], ep, ['max-percent', 'min-probes']);
    errorRate = {
      maxFailureRatio: r.num(eo, 'max-percent', ep, 5, { min: 0, max: 100 }) / 100,
      minProbes: r.num(eo, 'min-probes', ep, 10, { min: 1, int: true }),
    };
  }
  const cfg: EnvironmentConfig = {
    app,
    environment: env,
    target: target as TargetKind,
    url,
    image: r.str(o, 'image', path) ?? appImage,
    health,
    version,
    smoke,
    bakeMs: Math.round(r.num(o, 'bake-seconds', path, 60, { min: 0 }) * 1000),
    keepWarmMs: Math.round(r.num(o, 'keep-warm-minutes', path, 30, { min: 0 }) * 60_000),
    autoRollback: r.bool(o, 'auto-rollback', path, true),
    drainMs: Math.round(r.num(o, 'drain-seconds', path, 2, { min: 0 }) * 1000),
    errorRate,
    where: r.where(path),
  };
  if (target === 'docker') {
    if (o.docker === undefined) r.fail(path, "target docker needs a 'docker' section (ports, proxy)");
    cfg.docker = parseDocker(r, o.docker, [...path, 'docker']);
  } else {
    const section = o[target];
    if (section !== undefined)
      cfg.targetSection = r.obj(section, [...path, target], Object.keys(section ?? {}));
  }
  return cfg;
}

/** Parses and validates a whole config file. */
export function parseDeployConfig(text: string, file: string): DeployConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
    throw new UserError(`not valid YAML: ${e.message.split('\n')[0]}`, line ? `${file}:${line}` : file);
  }
  if (!isMap(doc.contents)) throw new UserError('must be a mapping with an apps: section', file);
  const r = new Reader(file, doc, lines);
  const top = r.obj(doc.toJS(), [], ['version', 'apps']);
  if (top.version !== undefined && top.version !== 1)
    r.fail(['version'], `only version 1 is known, got ${String(top.version)}`);
  const apps = r.obj(top.apps, ['apps'], Object.keys((top.apps as object | null) ?? {}));
  const environments: EnvironmentConfig[] = [];
  for (const [app, rawApp] of Object.entries(apps)) {
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(app))
      r.fail(['apps', app], `app names are lower-case letters, digits, '.', '_' and '-': '${app}'`);
    const ao = r.obj(rawApp, ['apps', app], ['image', 'environments']);
    const appImage = r.str(ao, 'image', ['apps', app]);
    const envs = r.obj(
      ao.environments,
      ['apps', app, 'environments'],
      Object.keys((ao.environments as object | null) ?? {}),
    );
    if (!Object.keys(envs).length) r.fail(['apps', app, 'environments'], 'needs at least one environment');
    for (const [env, rawEnv] of Object.entries(envs))
      environments.push(parseEnvironment(r, app, env, rawEnv, appImage));
  }
  // Two colors of two apps (or environments) on the same Docker host cannot share a port.
  const seen = new Map<string, string>();
  for (const e of environments) {
    if (!e.docker) continue;
    for (const c of ['blue', 'green'] as const) {
      const key = `${e.docker.host ?? 'local'}|${e.docker.ports[c]}`;
      const owner = `${e.app}/${e.environment} ${c}`;
      const other = seen.get(key);
      if (other)
        r.fail(
          ['apps', e.app, 'environments', e.environment, 'docker', 'ports', c],
          `port ${e.docker.ports[c]} is also used by ${other}`,
        );
      seen.set(key, owner);
    }
  }
  return { file, environments };
}

/** Finds one app/environment in the config, with a clear error when it is not there. */
export function selectEnvironment(cfg: DeployConfig, app: string, environment: string): EnvironmentConfig {
  const e = cfg.environments.find((x) => x.app === app && x.environment === environment);
  if (e) return e;
  const known = cfg.environments.map((x) => `${x.app}/${x.environment}`).join(', ');
  throw new UserError(
    `no app '${app}' with environment '${environment}' (configured: ${known || 'none'})`,
    cfg.file,
  );
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** `sha256:<hex>` of the canonical JSON of a runtime config (same config, same digest). */
export function configDigest(runtime: unknown): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(runtime)))
    .digest('hex')}`;
}
