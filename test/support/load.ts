/**
 * A bounded HTTP load client for deploy tests and benchmarks: at most `maxRequests` requests and
 * `maxMs` milliseconds, at most `rps` requests per second, only to 127.0.0.1. Counts every
 * failed request (connection error, timeout, non-2xx) with its time, and which version answered
 * (from a header), so a test can say exactly when and how many requests a switch dropped.
 */
import http from 'node:http';

export interface LoadOptions {
  url: string;
  rps: number;
  concurrency: number;
  maxRequests: number;
  maxMs: number;
  /** Header carrying the version that answered (default x-version). */
  versionHeader?: string;
  timeoutMs?: number;
}

export interface LoadFailure {
  /** ms since the load started */
  at: number;
  reason: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  failures: LoadFailure[];
  byVersion: Record<string, number>;
  durationMs: number;
  rps: number;
  /** Wall-clock time (Date.now()) the load started, to line failures up with other events. */
  startedAt: number;
}

export interface LoadRun {
  /** Stops sending; resolves once in-flight requests are done. */
  stop(): Promise<LoadResult>;
  done: Promise<LoadResult>;
}

export function startLoad(o: LoadOptions): LoadRun {
  const url = new URL(o.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    throw new Error(`load only goes to 127.0.0.1, not ${url.hostname}`);
  }
  const vh = (o.versionHeader ?? 'x-version').toLowerCase();
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const res: LoadResult = {
    sent: 0,
    ok: 0,
    failed: 0,
    failures: [],
    byVersion: {},
    durationMs: 0,
    rps: 0,
    startedAt: Date.now(),
  };
  const t0 = performance.now();
  let stopping = false;
  const elapsed = (): number => performance.now() - t0;

  const one = (): Promise<void> =>
    new Promise((resolve) => {
      res.sent++;
      let settled = false;
      const fail = (reason: string): void => {
        if (settled) return;
        settled = true;
        res.failed++;
        if (res.failures.length < 10_000) res.failures.push({ at: Math.round(elapsed()), reason });
        resolve();
      };
      const req = http.get(url, { agent, timeout: o.timeoutMs ?? 5000 }, (r) => {
        r.resume();
        r.on('end', () => {
          if (settled) return;
          if (r.statusCode && r.statusCode >= 200 && r.statusCode < 300) {
            settled = true;
            res.ok++;
            const v = String(r.headers[vh] ?? 'unknown');
            res.byVersion[v] = (res.byVersion[v] ?? 0) + 1;
            resolve();
          } else fail(`status ${r.statusCode}`);
        });
        r.on('error', (e) => fail(e.message));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    });

  const worker = async (): Promise<void> => {
    while (!stopping && res.sent < o.maxRequests && elapsed() < o.maxMs) {
      // Stay under the rate: wait until this request's slot comes up.
      const due = (res.sent / o.rps) * 1000;
      const wait = due - elapsed();
      if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 50)));
      if (stopping || res.sent >= o.maxRequests || elapsed() >= o.maxMs) break;
      if ((res.sent / o.rps) * 1000 > elapsed() + 1) continue;
      await one();
    }
  };
  const done = Promise.all(Array.from({ length: o.concurrency }, worker)).then(() => {
    agent.destroy();
    res.durationMs = Math.round(elapsed());
    res.rps = Math.round((res.sent / res.durationMs) * 1000);
    return res;
  });
  return {
    done,
    stop: () => {
      stopping = true;
      return done;
    },
  };
}
