/**
 * Command target: the user's own commands do the work (an App Service slot swap, the CapRover CLI,
 * a script driving HAProxy); the engine still runs every phase, health check and rollback.
 *
 * Each command runs through `sh -c` with this environment (documented in docs/targets.md):
 *   SLIPWAY_ACTION          start | switch | stop | health | status
 *   SLIPWAY_APP, SLIPWAY_ENVIRONMENT
 *   SLIPWAY_COLOR           the color acted on (switch: the color that becomes live)
 *   SLIPWAY_PREVIOUS_COLOR  switch: the color live before ('' on the first deploy)
 *   SLIPWAY_IMAGE, SLIPWAY_CONFIG_DIGEST   start: the release
 *   SLIPWAY_RUNTIME         start: the runtime settings as JSON ({"env":{...},"args":[...]})
 * Exit codes: 0 success; anything else is a failure (TargetError) with the output's last lines.
 * health: 0 ok, 75 (EX_TEMPFAIL) still starting, anything else failed.
 * status (required): prints `key=value` lines: `live=blue|green|` and, per color,
 *   `blue.state=running|starting|stopped|missing`, `blue.image=...`, `blue.config-digest=...`,
 *   `blue.url=...`. Unknown keys are ignored, so the script can print more.
 * start may print `url=<base url of the color>` as its last line; else `color-url` is used.
 * lock (optional): keeps the deploy lock on the target (see CommandLockStore).
 *
 * Pure: the shell comes in as a function.
 */
import { UserError } from '../../errors.js';
import type { LockStore, StoredLock } from '../lock.js';
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

export type Shell = (
  command: string,
  env: Record<string, string>,
  timeoutMs: number,
) => Promise<{ code: number; output: string }>;

export const EXIT_STARTING = 75;

export interface CommandTargetOptions {
  app: string;
  environment: string;
  commands: {
    start: string;
    switch: string;
    stop: string;
    status: string;
    health?: string;
    lock?: string;
  };
  /** Base URL of a color; `{color}` and `{app}` are replaced. Used when start prints no `url=`. */
  colorUrl?: string;
  timeoutMs: number;
}

const KNOWN = ['start', 'switch', 'stop', 'status', 'health', 'lock', 'color-url', 'timeout-seconds'];

/** Validates the `command:` section of the deploy config. */
export function commandOptions(
  app: string,
  environment: string,
  raw: Record<string, unknown> | undefined,
  where = 'command',
): CommandTargetOptions {
  if (!raw)
    throw new UserError(
      `target command needs a '${where}' section with start, switch, stop and status commands`,
      where,
    );
  for (const k of Object.keys(raw))
    if (!KNOWN.includes(k))
      throw new UserError(`unknown setting '${k}' (known: ${KNOWN.join(', ')})`, `${where}.${k}`);
  const cmd = (k: string, required: boolean): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null || v === '') {
      if (required) throw new UserError(`a ${k} command is required`, `${where}.${k}`);
      return undefined;
    }
    if (typeof v !== 'string') throw new UserError(`expected a command line (string)`, `${where}.${k}`);
    return v;
  };
  const colorUrl = raw['color-url'] === undefined ? undefined : String(raw['color-url']);
  if (colorUrl !== undefined && (!/^https?:\/\//.test(colorUrl) || !colorUrl.includes('{color}')))
    throw new UserError(
      `expected an http(s) URL containing {color}, got '${colorUrl}'`,
      `${where}.color-url`,
    );
  const t = raw['timeout-seconds'] === undefined ? 300 : Number(raw['timeout-seconds']);
  if (!Number.isInteger(t) || t < 1 || t > 3600)
    throw new UserError(
      `expected whole seconds 1..3600, got '${String(raw['timeout-seconds'])}'`,
      `${where}.timeout-seconds`,
    );
  return {
    app,
    environment,
    commands: {
      start: cmd('start', true)!,
      switch: cmd('switch', true)!,
      stop: cmd('stop', true)!,
      status: cmd('status', true)!,
      health: cmd('health', false),
      lock: cmd('lock', false),
    },
    colorUrl,
    timeoutMs: t * 1000,
  };
}

/** Parses `key=value` lines printed by the status command. */
export function parseStatus(output: string): TargetStatus {
  const kv = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^\s*([a-z][a-z.-]*)=(.*?)\s*$/.exec(line);
    if (m) kv.set(m[1]!, m[2]!);
  }
  const live = kv.get('live') ?? '';
  if (live !== '' && !isColor(live))
    throw new TargetError(`status command printed live=${live}; expected blue, green or nothing`, 'status');
  const colors = {} as Record<Color, ColorStatus>;
  for (const c of COLORS) {
    const state = kv.get(`${c}.state`) ?? 'missing';
    if (!['running', 'starting', 'restarting', 'stopped', 'missing'].includes(state))
      throw new TargetError(`status command printed ${c}.state=${state}`, 'status');
    const s: ColorStatus = { color: c, state: state as ColorStatus['state'] };
    const image = kv.get(`${c}.image`);
    if (image) s.image = image;
    const digest = kv.get(`${c}.config-digest`);
    if (digest) s.configDigest = digest;
    const url = kv.get(`${c}.url`);
    if (url) s.endpoint = { url };
    colors[c] = s;
  }
  return { live: isColor(live) ? live : undefined, colors };
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-3).join(' | ');
}

export class CommandTarget implements DeployTarget {
  readonly kind = 'command';

  constructor(
    readonly opts: CommandTargetOptions,
    private readonly shell: Shell,
  ) {}

  private env(action: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      SLIPWAY_ACTION: action,
      SLIPWAY_APP: this.opts.app,
      SLIPWAY_ENVIRONMENT: this.opts.environment,
      ...extra,
    };
  }

  private async exec(
    op: TargetError['operation'],
    action: keyof CommandTargetOptions['commands'],
    env: Record<string, string>,
  ) {
    const command = this.opts.commands[action]!;
    const r = await this.shell(command, this.env(action, env), this.opts.timeoutMs);
    if (r.code !== 0 && !(action === 'health' && r.code === EXIT_STARTING))
      throw new TargetError(`${action} command exited ${r.code}: ${tail(r.output)}`, op);
    return r;
  }

  async prepare(): Promise<void> {
    // The status command is the only one without side effects: running it proves the commands can run.
    const r = await this.shell(this.opts.commands.status, this.env('status'), this.opts.timeoutMs);
    if (r.code !== 0)
      throw new UserError(`status command exited ${r.code}: ${tail(r.output)}`, 'command.status');
    try {
      parseStatus(r.output);
    } catch (e) {
      throw new UserError((e as Error).message, 'command.status');
    }
  }

  async status(): Promise<TargetStatus> {
    return parseStatus((await this.exec('status', 'status', {})).output);
  }

  private url(color: Color): string {
    return (this.opts.colorUrl ?? '').replaceAll('{color}', color).replaceAll('{app}', this.opts.app);
  }

  async start(color: Color, release: Release): Promise<ColorEndpoint> {
    const r = await this.exec('start', 'start', {
      SLIPWAY_COLOR: color,
      SLIPWAY_IMAGE: release.image,
      SLIPWAY_CONFIG_DIGEST: release.configDigest,
      SLIPWAY_RUNTIME: JSON.stringify(release.runtime),
    });
    const printed = /(?:^|\n)url=(\S+)\s*$/.exec(r.output.trimEnd())?.[1];
    const url = printed ?? (this.opts.colorUrl ? this.url(color) : undefined);
    if (!url)
      throw new TargetError(
        `start command printed no 'url=<base url>' line and command.color-url is not set`,
        'start',
      );
    return { url };
  }

  async health(color: Color): Promise<TargetHealth> {
    if (!this.opts.commands.health) return { state: 'ok' };
    const r = await this.shell(
      this.opts.commands.health,
      this.env('health', { SLIPWAY_COLOR: color }),
      this.opts.timeoutMs,
    );
    if (r.code === 0) return { state: 'ok' };
    if (r.code === EXIT_STARTING) return { state: 'starting', detail: tail(r.output) };
    return { state: 'failed', detail: `health command exited ${r.code}: ${tail(r.output)}` };
  }

  async switch(to: Color): Promise<void> {
    const before = (await this.status()).live;
    await this.exec('switch', 'switch', { SLIPWAY_COLOR: to, SLIPWAY_PREVIOUS_COLOR: before ?? '' });
  }

  async verify(color: Color): Promise<RouteCheck> {
    const st = await this.status();
    return st.live === color
      ? { ok: true, live: st.live }
      : { ok: false, live: st.live, detail: `status command says live=${st.live ?? ''}` };
  }

  async stop(color: Color): Promise<void> {
    await this.exec('stop', 'stop', { SLIPWAY_COLOR: color });
  }
}

/** Exit codes of the lock command (see CommandLockStore). */
export const EXIT_LOCK_TAKEN = 3;
export const EXIT_LOCK_MISSING = 4;

/**
 * The deploy lock kept by the user's `lock` command, on the target the other commands act on (a
 * file on the host, guarded by flock, in the reference script
 * test/integration/deploy-targets/command-scripts/lock.sh). The command gets the usual
 * SLIPWAY_APP and SLIPWAY_ENVIRONMENT, and:
 *   SLIPWAY_ACTION=lock-read     print `lock=<text>` (exit 0), or exit 4 when there is none
 *   SLIPWAY_ACTION=lock-create   store SLIPWAY_LOCK only if there is no lock (else exit 3)
 *   SLIPWAY_ACTION=lock-replace  store SLIPWAY_LOCK only if the stored text still equals
 *                                SLIPWAY_LOCK_EXPECT (else exit 3)
 *   SLIPWAY_ACTION=lock-remove   remove it only if it still equals SLIPWAY_LOCK_EXPECT (else
 *                                exit 3; exit 4 when there is none)
 * Each must be atomic with respect to the others (the compare and the write under one lock).
 * The stored text is its own version. Any other exit code is a failure naming the command.
 */
export class CommandLockStore implements LockStore {
  readonly where: string;
  constructor(
    private readonly opts: CommandTargetOptions,
    private readonly shell: Shell,
  ) {
    this.where = `the lock command of ${opts.app} in ${opts.environment}`;
  }

  private async run(action: string, env: Record<string, string> = {}) {
    const r = await this.shell(
      this.opts.commands.lock!,
      {
        SLIPWAY_ACTION: action,
        SLIPWAY_APP: this.opts.app,
        SLIPWAY_ENVIRONMENT: this.opts.environment,
        ...env,
      },
      this.opts.timeoutMs,
    );
    if (r.code !== 0 && r.code !== EXIT_LOCK_TAKEN && r.code !== EXIT_LOCK_MISSING)
      throw new TargetError(`lock command (${action}) exited ${r.code}: ${tail(r.output)}`, 'prepare');
    return r;
  }

  async read(): Promise<StoredLock | undefined> {
    const r = await this.run('lock-read');
    if (r.code === EXIT_LOCK_MISSING) return undefined;
    const m = /(?:^|\n)lock=([^\n]*)/.exec(r.output);
    if (r.code !== 0 || !m)
      throw new TargetError(
        `lock command (lock-read) exited ${r.code} without a 'lock=' line: ${tail(r.output)}`,
        'prepare',
      );
    return { raw: m[1]!, version: m[1]! };
  }

  async create(raw: string): Promise<'ok' | 'exists'> {
    const r = await this.run('lock-create', { SLIPWAY_LOCK: raw });
    return r.code === 0 ? 'ok' : 'exists';
  }

  async replace(raw: string, version: string): Promise<'ok' | 'conflict'> {
    const r = await this.run('lock-replace', { SLIPWAY_LOCK: raw, SLIPWAY_LOCK_EXPECT: version });
    return r.code === 0 ? 'ok' : 'conflict';
  }

  async remove(version: string): Promise<'ok' | 'conflict' | 'missing'> {
    const r = await this.run('lock-remove', { SLIPWAY_LOCK_EXPECT: version });
    return r.code === 0 ? 'ok' : r.code === EXIT_LOCK_MISSING ? 'missing' : 'conflict';
  }
}
