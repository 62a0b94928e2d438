/**
 * One pace for every request of a run, across packages: a leaky bucket of "points" (GitHub's
 * secondary rate limit counts a GET as 1 point and a DELETE as 5, at most 900 points a minute
 * per endpoint). Requests are spaced evenly instead of bursting, so no sliding 60-second window
 * ever holds more than the budget, whatever endpoint or window the server counts by.
 */
export interface PacerOptions {
  /** Points per minute to stay under (GitHub: 900; we default to a margin below it). */
  pointsPerMinute: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_POINTS_PER_MINUTE = 880;

export function pointsFor(method: string): number {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || m === 'OPTIONS' ? 1 : 5;
}

export class Pacer {
  private next = 0;
  private readonly msPerPoint: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Total time spent waiting, for reports. */
  waitedMs = 0;

  constructor(opts: PacerOptions) {
    if (!(opts.pointsPerMinute > 0)) throw new Error('pointsPerMinute must be positive');
    this.msPerPoint = 60_000 / opts.pointsPerMinute;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Waits for this request's turn. Each call reserves its slot at once, so callers queue fairly. */
  async take(points: number): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.next);
    this.next = start + points * this.msPerPoint;
    const wait = start - now;
    if (wait > 0) {
      this.waitedMs += wait;
      await this.sleep(wait);
    }
  }
}
