/**
 * The health spec: method, Host header, expected statuses, body regex, a JSON field; polling
 * with thresholds, a start period and a deadline; reading the version marker. Probes go to a
 * real HTTP server on 127.0.0.1 through the same probe the actions use.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH, judge, probeRequest, readVersion, waitHealthy } from '../../../src/deploy/health.js';
import type { HealthSpec, ProbeResult } from '../../../src/deploy/types.js';
import { httpProbe } from '../../../src/runner/http-probe.js';

const spec = (over: Partial<HealthSpec> = {}): HealthSpec => ({ ...DEFAULT_HEALTH, ...over });
const ok = (status: number, body: string, headers: Record<string, string> = {}): ProbeResult => ({
  ok: true,
  status,
  headers,
  body,
  ms: 1,
});

let server: http.Server;
let base: string;
const seen: { method: string; host: string; url: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method!, host: req.headers.host ?? '', url: req.url! });
    if (req.headers.host !== 'shop.example') {
      res.writeHead(421).end('wrong vhost');
      return;
    }
    if (req.url === '/version') {
      res.writeHead(200).end('{"version":"1.4.1","sha":"abc"}');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-app-version': '1.4.0' })
      .end('{"status":{"db":"up"},"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('judge', () => {
  it('checks the status against the expected list', () => {
    expect(judge(spec(), ok(200, ''))).toBeUndefined();
    expect(judge(spec(), ok(204, ''))).toBe('status 204 (expected 200)');
    expect(judge(spec({ expectStatus: [200, 204] }), ok(204, ''))).toBeUndefined();
    expect(judge(spec(), { ok: false, error: 'ECONNREFUSED', ms: 1 })).toBe('ECONNREFUSED');
  });

  it('checks the body against a regex', () => {
    expect(judge(spec({ bodyRegex: '^OK$' }), ok(200, 'OK'))).toBeUndefined();
    expect(judge(spec({ bodyRegex: '^OK$' }), ok(200, 'DEGRADED'))).toBe('body does not match /^OK$/');
  });

  it('checks a dotted JSON field', () => {
    const s = spec({ json: { field: 'status.db', equals: 'up' } });
    expect(judge(s, ok(200, '{"status":{"db":"up"}}'))).toBeUndefined();
    expect(judge(s, ok(200, '{"status":{"db":"down"}}'))).toBe('status.db is "down" (expected up)');
    expect(judge(s, ok(200, '{"status":{}}'))).toBe('status.db is missing (expected up)');
    expect(judge(s, ok(200, '<html>'))).toBe('body is not JSON');
    expect(judge(spec({ json: { field: 'ok', equals: 'true' } }), ok(200, '{"ok":true}'))).toBeUndefined();
  });
});

describe('probes on a real server', () => {
  it('sends the method, path and Host header of the spec', async () => {
    seen.length = 0;
    const s = spec({ method: 'POST', path: 'healthz', host: 'shop.example' });
    const req = probeRequest(s, `${base}/`);
    expect(req.url).toBe(`${base}/healthz`);
    expect(judge(s, await httpProbe(req))).toBeUndefined();
    expect(seen).toEqual([{ method: 'POST', host: 'shop.example', url: '/healthz' }]);
    // without the Host header the virtual host is not found
    expect(judge(spec(), await httpProbe(probeRequest(spec(), base)))).toBe('status 421 (expected 200)');
  });

  it('reads the version marker from a header or a JSON body', async () => {
    const s = spec({ host: 'shop.example' });
    const marker = { deadlineMs: 1000, intervalMs: 10, consecutive: 1 };
    expect(
      await readVersion({ probe: httpProbe }, s, { kind: 'header', name: 'X-App-Version', ...marker }, base),
    ).toEqual({
      value: '1.4.0',
    });
    expect(
      await readVersion({ probe: httpProbe }, s, { kind: 'path', name: '/version', ...marker }, base),
    ).toEqual({
      value: '1.4.1',
    });
  });
});

describe('waitHealthy', () => {
  /** A probe answering from a script of results, on a fake clock advanced by sleep. */
  function fx(results: ProbeResult[]) {
    const clock = { t: 0 };
    let i = 0;
    return {
      clock,
      probe: async () => results[Math.min(i++, results.length - 1)]!,
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.t += ms;
      },
    };
  }
  const bad = ok(500, 'boom');
  const good = ok(200, 'ok');

  it('needs healthy-threshold successes in a row', async () => {
    const f = fx([good, bad, good, good]);
    const r = await waitHealthy(
      f,
      spec({ healthyThreshold: 2, startPeriodMs: 0, unhealthyThreshold: 5 }),
      base,
    );
    expect(r).toMatchObject({ ok: true, probes: 4, failures: 1 });
  });

  it('does not count failures during the start period', async () => {
    const f = fx([bad, bad, bad, bad, good, good]);
    const r = await waitHealthy(
      f,
      spec({ intervalMs: 1000, startPeriodMs: 10_000, unhealthyThreshold: 3, healthyThreshold: 2 }),
      base,
    );
    expect(r.ok).toBe(true);
  });

  it('is unhealthy after unhealthy-threshold failures in a row once the start period is over', async () => {
    const f = fx([bad]);
    const r = await waitHealthy(
      f,
      spec({ intervalMs: 1000, startPeriodMs: 2000, unhealthyThreshold: 3 }),
      base,
    );
    expect(r.ok).toBe(false);
    expect(r.detail).toBe('unhealthy: 3 failed checks in a row (last: status 500 (expected 200))');
    expect(r.probes).toBe(5); // two inside the start period, then three that count
  });

  it('gives up at the deadline', async () => {
    const f = fx([bad]);
    const r = await waitHealthy(
      f,
      spec({ intervalMs: 1000, startPeriodMs: 60_000, deadlineMs: 5000, unhealthyThreshold: 3 }),
      base,
    );
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/^not healthy within 5s \(last: status 500/);
    expect(f.clock.t).toBeLessThanOrEqual(5000);
  });
});
