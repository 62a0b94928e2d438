/**
 * Fault injection and rate limiting for the GitHub fake: scripted faults (5xx, secondary and primary
 * rate limits, connection resets, latency) chosen with a seeded RNG so probabilistic runs replay,
 * and an enforced secondary rate limit modelled on GitHub's documented rules.
 */
import picomatch from 'picomatch';

export type FaultKind = '5xx' | 'secondary-rate-limit' | 'primary-rate-limit' | 'reset' | 'latency';

export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** A RegExp tested against the raw path (no query), or a glob such as `/orgs/*\/packages/**`. */
  path?: RegExp | string;
  /** The OpenAPI operationId, e.g. `repos/create-deployment`. */
  operationId?: string;
}

export interface FaultSpec {
  match?: FaultMatch;
  kind: FaultKind;
  /** 5xx: 500 (default), 502, 503...; secondary-rate-limit: 403 (default) or 429. */
  status?: number;
  /** Seconds, sent as `retry-after` (secondary) or used for `x-ratelimit-reset` (primary). Default 1. */
  retryAfter?: number;
  /** How many requests this fault hits before it retires (default: unlimited). */
  times?: number;
  /** Chance (0..1) that a matching request is hit, drawn from the fake's seeded RNG. Default 1. */
  probability?: number;
  /** latency: delay before the request is handled (default 100 ms). */
  latencyMs?: number;
  /** reset: destroy the socket before any byte (default) or after the headers and half a body. */
  resetAt?: 'before-response' | 'mid-body';
  /** secondary-rate-limit: omit the retry-after header (clients then wait their fallback). */
  omitRetryAfter?: boolean;
}

export interface Fault extends FaultSpec {
  readonly id: number;
  /** Requests this fault has hit so far. */
  hits: number;
}

/** mulberry32: a small, well-distributed, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;
  private readonly matchers = new WeakMap<Fault, (path: string) => boolean>();

  constructor(private random: () => number) {}

  /** Re-seeds the RNG that decides probabilistic faults and jittered latency. */
  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  add(spec: FaultSpec): Fault {
    if (spec.probability !== undefined && (spec.probability < 0 || spec.probability > 1)) {
      throw new Error(`fault probability must be within 0..1, got ${spec.probability}`);
    }
    const fault: Fault = { ...spec, id: this.nextId++, hits: 0 };
    const path = spec.match?.path;
    if (path !== undefined) {
      this.matchers.set(
        fault,
        typeof path === 'string' ? picomatch(path, { dot: true }) : (p: string) => path.test(p),
      );
    }
    this.list.push(fault);
    return fault;
  }

  remove(fault: Fault | number): void {
    const id = typeof fault === 'number' ? fault : fault.id;
    this.list = this.list.filter((f) => f.id !== id);
  }

  clear(): void {
    this.list = [];
  }

  get active(): readonly Fault[] {
    return this.list;
  }

  /**
   * The faults that hit this request, in the order they were added: at most one latency fault
   * plus at most one failing fault (the first that matches and wins its draw).
   */
  pick(method: string, path: string, operationId: string | undefined): { latency?: Fault; failure?: Fault } {
    const result: { latency?: Fault; failure?: Fault } = {};
    for (const fault of this.list) {
      if (fault.times !== undefined && fault.hits >= fault.times) continue;
      const m = fault.match;
      if (m?.method && m.method.toUpperCase() !== method.toUpperCase()) continue;
      if (m?.operationId && m.operationId !== operationId) continue;
      const pathMatcher = this.matchers.get(fault);
      if (pathMatcher && !pathMatcher(path)) continue;
      const isLatency = fault.kind === 'latency';
      if (isLatency ? result.latency : result.failure) continue;
      if (fault.probability !== undefined && fault.probability < 1 && this.random() >= fault.probability)
        continue;
      fault.hits++;
      if (isLatency) result.latency = fault;
      else result.failure = fault;
    }
    return result;
  }

  /** A draw from the shared seeded RNG (used for jittered latency). */
  draw(): number {
    return this.random();
  }
}

export interface SecondaryLimitOptions {
  /** Points allowed per rolling window (GitHub: 900 per minute for REST). */
  pointsPerMinute?: number;
  /** `endpoint` (GitHub's wording: per endpoint, per token) or `global` (all endpoints, per token). */
  scope?: 'endpoint' | 'global';
  /** Concurrent requests allowed (GitHub: 100). */
  maxConcurrent?: number;
  /**
   * Content-creating requests (POST) allowed per minute and per hour (GitHub: "generally" 80 and
   * 500). `false` turns this rule off.
   */
  contentPerMinute?: number | false;
  contentPerHour?: number | false;
  /**
   * Length of the "minute" in ms (default 60,000; the hour is 60 of them). A benchmark can shrink
   * it to run GitHub's limits faster than real time; retry-after is rounded up to whole seconds.
   */
  windowMs?: number;
  /** Status returned when exceeded: 403 (default) or 429. */
  status?: 403 | 429;
}

/** GitHub's documented point costs: GET/HEAD/OPTIONS 1 point, POST/PATCH/PUT/DELETE 5 points. */
export function pointsFor(method: string): number {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 1 : 5;
}

type Verdict = { ok: true } | { ok: false; retryAfter: number; rule: 'concurrency' | 'points' | 'content' };

/**
 * GitHub's documented secondary rate limits: points per rolling minute (per token and endpoint),
 * concurrent requests, and content-creating requests per minute and per hour.
 */
export class SecondaryLimiter {
  readonly pointsPerMinute: number;
  readonly maxConcurrent: number;
  readonly scope: 'endpoint' | 'global';
  readonly status: 403 | 429;
  readonly windowMs: number;
  readonly contentPerMinute: number;
  readonly contentPerHour: number;
  /** Requests refused by this limiter (the benchmark reports it), in total and per rule. */
  hits = 0;
  readonly hitsBy = { concurrency: 0, points: 0, content: 0 };
  private readonly windows = new Map<string, { at: number; points: number }[]>();
  private readonly content = new Map<string, number[]>();
  private inFlight = 0;

  constructor(
    opts: SecondaryLimitOptions,
    private readonly now: () => number,
  ) {
    this.pointsPerMinute = opts.pointsPerMinute ?? 900;
    this.maxConcurrent = opts.maxConcurrent ?? 100;
    this.scope = opts.scope ?? 'endpoint';
    this.status = opts.status ?? 403;
    this.windowMs = opts.windowMs ?? 60_000;
    this.contentPerMinute = opts.contentPerMinute === false ? Infinity : (opts.contentPerMinute ?? 80);
    this.contentPerHour = opts.contentPerHour === false ? Infinity : (opts.contentPerHour ?? 500);
  }

  private refuse(rule: 'concurrency' | 'points' | 'content', waitMs: number): Verdict {
    this.hits++;
    this.hitsBy[rule]++;
    return { ok: false, rule, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * Admits a request (and counts it) or says how many seconds to wait. Call `release()` when an
   * admitted request has been answered.
   */
  admit(token: string, operationId: string, method: string): Verdict {
    if (this.inFlight >= this.maxConcurrent) return this.refuse('concurrency', 1000);
    const now = this.now();
    const minute = this.windowMs;
    const key = this.scope === 'endpoint' ? `${token}\n${operationId}` : token;
    const window = (this.windows.get(key) ?? []).filter((e) => now - e.at < minute);
    this.windows.set(key, window);
    const used = window.reduce((sum, e) => sum + e.points, 0);
    const cost = pointsFor(method);
    if (used + cost > this.pointsPerMinute) {
      // Wait until enough of the oldest entries have left the window.
      let freed = 0;
      let until = now + minute;
      for (const e of window) {
        freed += e.points;
        if (used - freed + cost <= this.pointsPerMinute) {
          until = e.at + minute;
          break;
        }
      }
      return this.refuse('points', until - now);
    }
    const creates = method.toUpperCase() === 'POST';
    if (creates) {
      const hour = minute * 60;
      const times = (this.content.get(token) ?? []).filter((at) => now - at < hour);
      this.content.set(token, times);
      const lastMinute = times.filter((at) => now - at < minute);
      if (lastMinute.length >= this.contentPerMinute)
        return this.refuse('content', lastMinute[0]! + minute - now);
      if (times.length >= this.contentPerHour) return this.refuse('content', times[0]! + hour - now);
      times.push(now);
    }
    window.push({ at: now, points: cost });
    this.inFlight++;
    return { ok: true };
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
