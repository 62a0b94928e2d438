/**
 * The one interface every deploy target implements (docker here; swarm, kubernetes and custom
 * commands beside it). The blue-green engine (./engine.ts) only ever talks to a target through
 * this interface, so a new target never touches the engine.
 *
 * A target owns two "colors" of one app in one environment, and the route (proxy, service
 * selector, load balancer) that sends public traffic to one of them. Everything a target does is
 * idempotent: starting a color that already runs the same release replaces it, switching to the
 * live color is a no-op, stopping a stopped color is a no-op.
 *
 * Errors: a target throws `UserError` (src/errors.ts) for a problem in the user's setup (a proxy
 * socket that does not exist, a port already taken) and `TargetError` for a failed operation (the
 * daemon went away, the proxy refused a change); anything else is a bug.
 */

export type Color = 'blue' | 'green';
export const COLORS: readonly Color[] = ['blue', 'green'];

export function otherColor(c: Color): Color {
  return c === 'blue' ? 'green' : 'blue';
}

export function isColor(s: unknown): s is Color {
  return s === 'blue' || s === 'green';
}

/** What runs in a color: the image plus the runtime config it runs with. */
export interface Release {
  app: string;
  environment: string;
  /** Image reference as given (`ghcr.io/o/app:1.2.3` or `...@sha256:...`). */
  image: string;
  /**
   * `sha256:<hex>` over the canonical JSON of `runtime`: two releases with the same image and
   * config digest are the same thing. Computed by `configDigest()` in ./config.ts.
   */
  configDigest: string;
  /** Target-specific runtime settings (env, args, port, ...), already validated. */
  runtime: RuntimeSpec;
}

/** Runtime settings shared by container targets; targets may ignore what they cannot express. */
export interface RuntimeSpec {
  /** Environment for the app; values may come from secrets, so never log them. */
  env: Record<string, string>;
  /** Arguments after the image (the container's command), if any. */
  args?: string[];
  /** Extra target-specific settings, opaque to the engine (validated by the target). */
  [key: string]: unknown;
}

/** Where the engine can reach one color directly (bypassing the public route). */
export interface ColorEndpoint {
  /** Base URL of the color itself, e.g. `http://127.0.0.1:8082`. */
  url: string;
}

export interface ColorStatus {
  color: Color;
  /** `running`: up (maybe not healthy yet); `stopped`: exists but not running (restartable); `missing`: nothing there. */
  state: 'running' | 'starting' | 'restarting' | 'stopped' | 'missing';
  image?: string;
  /** Content digest of the image (`sha256:...`) when the target knows it. */
  imageDigest?: string;
  configDigest?: string;
  endpoint?: ColorEndpoint;
  /** Free text from the target (exit code, restart count, ...). */
  detail?: string;
}

export interface TargetStatus {
  /** The color the public route sends traffic to, or undefined before the first deploy. */
  live: Color | undefined;
  colors: Record<Color, ColorStatus>;
}

/** What the target itself sees about a color (process/container level, not HTTP). */
export interface TargetHealth {
  /** `ok`: running; `starting`: not yet; `failed`: exited, crash-looping, OOM: stop waiting. */
  state: 'ok' | 'starting' | 'failed';
  detail?: string;
}

/** Result of checking the route's own view after a switch (proxy state, selector, ...). */
export interface RouteCheck {
  ok: boolean;
  /** The color the route actually points at, when the target can tell. */
  live: Color | undefined;
  detail?: string;
}

export interface DeployTarget {
  /** `docker`, `swarm`, `kubernetes`, `command`, ... (shown in logs and the summary). */
  readonly kind: string;
  /**
   * Checks everything that could stop a deploy before anything changes: daemon reachable, proxy
   * socket present, ports free, config valid. Throws UserError naming the problem. No side effects.
   */
  prepare(): Promise<void>;
  status(): Promise<TargetStatus>;
  /**
   * Starts `release` in `color` (replacing whatever ran there; never touching the other color)
   * and returns where the color can be probed directly. Returns once started, not once healthy.
   * With `reuse: true` the target may restart an existing stopped color that already holds this
   * exact release (same image and config digest) instead of creating it again.
   */
  start(color: Color, release: Release, opts?: { reuse?: boolean }): Promise<ColorEndpoint>;
  /** Process/container-level health of a color (the engine does the HTTP checks itself). */
  health(color: Color): Promise<TargetHealth>;
  /** Routes all new public traffic to `color`. In-flight requests on the other color may finish. */
  switch(to: Color): Promise<void>;
  /** Reads back the route's own state: does it now point at `color`? */
  verify(color: Color): Promise<RouteCheck>;
  /** Stops a color (kept, so it can be restarted with the same image and config). */
  stop(color: Color): Promise<void>;
}

/** A failed target operation (not the user's mistake, not a bug): the engine reacts to it. */
export class TargetError extends Error {
  override readonly name = 'TargetError';
  constructor(
    message: string,
    readonly operation: 'prepare' | 'status' | 'start' | 'health' | 'switch' | 'verify' | 'stop',
  ) {
    super(message);
  }
}

/**
 * A traffic router a container target uses to switch (HAProxy runtime API, nginx upstream
 * include). Implemented in src/runner/proxy-*.ts.
 */
export interface TrafficRouter {
  readonly kind: string;
  /** Throws UserError when the router cannot be used (socket missing, config not writable). */
  prepare(): Promise<void>;
  /** Sends new traffic to `color` at `endpoint`. */
  switch(to: Color, endpoint: ColorEndpoint): Promise<void>;
  /** The color the router currently sends traffic to, if it can tell. */
  live(): Promise<Color | undefined>;
}
