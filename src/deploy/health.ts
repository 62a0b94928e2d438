/**
 * The health-check spec in action: judging one probe result, and polling until a URL is
 * healthy (N in a row), unhealthy (N in a row after the start period), or the deadline passes.
 * Pure: the probe, clock and sleep come in as effects.
 */
import { messageOf } from '../errors.js';
import type { Color, DeployTarget } from './target.js';
import type { DeployEffects, HealthSpec, ProbeRequest, ProbeResult, VersionMarker } from './types.js';

export const DEFAULT_HEALTH: HealthSpec = {
  method: 'GET',
  path: '/health',
  expectStatus: [200],
  intervalMs: 1000,
  timeoutMs: 2000,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  startPeriodMs: 10_000,
  deadlineMs: 120_000,
};

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

export function probeRequest(spec: HealthSpec, baseUrl: string, path = spec.path): ProbeRequest {
  const headers: Record<string, string> = {};
  if (spec.host) headers.host = spec.host;
  return { method: spec.method, url: joinUrl(baseUrl, path), headers, timeoutMs: spec.timeoutMs };
}

function lookup(value: unknown, dotted: string): unknown {
  let cur = value;
  for (const key of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Judges one probe result: undefined when healthy, else a short reason. */
export function judge(spec: HealthSpec, r: ProbeResult): string | undefined {
  if (!r.ok) return r.error;
  if (!spec.expectStatus.includes(r.status))
    return `status ${r.status} (expected ${spec.expectStatus.join('|')})`;
  if (spec.bodyRegex !== undefined && !new RegExp(spec.bodyRegex).test(r.body)) {
    return `body does not match /${spec.bodyRegex}/`;
  }
  if (spec.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      return 'body is not JSON';
    }
    const v = lookup(parsed, spec.json.field);
    if (v === undefined || String(v) !== spec.json.equals) {
      return `${spec.json.field} is ${v === undefined ? 'missing' : JSON.stringify(v)} (expected ${spec.json.equals})`;
    }
  }
  return undefined;
}

export interface WaitResult {
  ok: boolean;
  detail: string;
  probes: number;
  failures: number;
}

/**
 * Polls `baseUrl` with the spec until healthy (healthyThreshold in a row), unhealthy
 * (unhealthyThreshold failures in a row once the start period is over), the target reports the
 * color failed (crash loop, exit), or the deadline passes.
 */
export async function waitHealthy(
  fx: Pick<DeployEffects, 'probe' | 'now' | 'sleep'>,
  spec: HealthSpec,
  baseUrl: string,
  watch?: { target: DeployTarget; color: Color },
): Promise<WaitResult> {
  const started = fx.now();
  let okInRow = 0;
  let failInRow = 0;
  let probes = 0;
  let failures = 0;
  let last = 'no probe yet';
  for (;;) {
    if (watch) {
      let th;
      try {
        th = await watch.target.health(watch.color);
      } catch (e) {
        return {
          ok: false,
          detail: `target health check failed: ${messageOf(e)}`,
          probes,
          failures,
        };
      }
      if (th.state === 'failed') {
        return {
          ok: false,
          detail: `failed on the target: ${th.detail ?? 'not running'}`,
          probes,
          failures,
        };
      }
    }
    const r = await fx.probe(probeRequest(spec, baseUrl));
    probes++;
    const why = judge(spec, r);
    if (why === undefined) {
      okInRow++;
      failInRow = 0;
      if (okInRow >= spec.healthyThreshold) {
        return { ok: true, detail: `healthy (${okInRow} in a row, ${probes} probes)`, probes, failures };
      }
    } else {
      failures++;
      okInRow = 0;
      last = why;
      if (fx.now() - started >= spec.startPeriodMs) {
        failInRow++;
        if (failInRow >= spec.unhealthyThreshold) {
          return {
            ok: false,
            detail: `unhealthy: ${failInRow} failed checks in a row (last: ${last})`,
            probes,
            failures,
          };
        }
      }
    }
    if (fx.now() - started + spec.intervalMs > spec.deadlineMs) {
      return {
        ok: false,
        detail: `not healthy within ${Math.round(spec.deadlineMs / 1000)}s (last: ${okInRow ? 'ok' : last})`,
        probes,
        failures,
      };
    }
    await fx.sleep(spec.intervalMs);
  }
}

/** Reads the version marker from the public route; undefined when it cannot be read. */
export async function readVersion(
  fx: Pick<DeployEffects, 'probe'>,
  spec: HealthSpec,
  marker: VersionMarker,
  publicUrl: string,
): Promise<{ value: string | undefined; error?: string }> {
  const req = probeRequest(spec, publicUrl, marker.kind === 'path' ? marker.name : spec.path);
  req.method = 'GET';
  const r = await fx.probe(req);
  if (!r.ok) return { value: undefined, error: r.error };
  if (marker.kind === 'header') {
    const v = r.headers[marker.name.toLowerCase()];
    return v === undefined ? { value: undefined, error: `no ${marker.name} header` } : { value: v.trim() };
  }
  if (r.status < 200 || r.status >= 300) return { value: undefined, error: `status ${r.status}` };
  const body = r.body.trim();
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'version' in parsed) {
      return { value: String((parsed as { version: unknown }).version) };
    }
  } catch {
    // plain text body
  }
  return { value: body };
}

/**
 * Polls the public route until the marker shows `expect` `consecutive` times in a row, or the
 * deadline passes.
 */
export async function waitVersion(
  fx: Pick<DeployEffects, 'probe' | 'now' | 'sleep'>,
  spec: HealthSpec,
  marker: VersionMarker,
  publicUrl: string,
  expect: string,
): Promise<{ ok: boolean; detail: string }> {
  const started = fx.now();
  let inRow = 0;
  let last = 'no read yet';
  for (;;) {
    const { value, error } = await readVersion(fx, spec, marker, publicUrl);
    if (value === expect) {
      inRow++;
      if (inRow >= marker.consecutive) return { ok: true, detail: `public route serves ${expect}` };
    } else {
      inRow = 0;
      last = value !== undefined ? `serves ${value}` : (error ?? 'unreadable');
    }
    if (fx.now() - started + marker.intervalMs > marker.deadlineMs) {
      return {
        ok: false,
        detail: `public route did not serve ${expect} within ${(marker.deadlineMs / 1000).toFixed(1)}s (last: ${last})`,
      };
    }
    await fx.sleep(marker.intervalMs);
  }
}
