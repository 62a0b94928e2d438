import { describe, expect, it } from 'vitest';
import { deployedDigests, digestOf, payloadDigests } from '../../../src/retention/deployed.js';
import { dg } from './fixtures.js';

const rec = (
  id: number,
  environment: string,
  day: number,
  image: string,
  statuses: string[],
  previous?: string,
) => ({
  id,
  environment,
  createdAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`,
  payload: {
    slipway: {
      app: 'api',
      image: `ghcr.io/octo-org/api@${image}`,
      color: 'blue',
      'previous-image': previous ? `ghcr.io/octo-org/api@${previous}` : undefined,
    },
  },
  statuses,
});

describe('deployed digests', () => {
  it('reads current and previous per environment, and in-flight deployments', () => {
    const [d1, d2, d3, d4, d5] = [1, 2, 3, 4, 5].map((i) => dg(`img${i}`));
    const out = deployedDigests([
      rec(1, 'production', 1, d1!, ['inactive', 'success', 'in_progress']),
      rec(2, 'production', 2, d2!, ['inactive', 'success']),
      rec(3, 'production', 3, d3!, ['success', 'in_progress'], d2),
      rec(4, 'production', 4, d4!, ['failure']),
      rec(5, 'staging', 5, d5!, ['in_progress']),
    ]);
    expect(out.map((o) => [o.environment, o.role, o.digest])).toEqual([
      ['production', 'current', d3],
      ['production', 'previous', d2],
      ['staging', 'in-flight', d5],
    ]);
  });

  it('keeps the last image that succeeded when nothing is live', () => {
    const d = dg('x');
    expect(deployedDigests([rec(1, 'prod', 1, d, ['inactive', 'success'])])).toMatchObject([
      { digest: d, role: 'previous' },
    ]);
  });

  it('accepts payload.image and JSON-string payloads, and ignores tags without digests', () => {
    const d = dg('y');
    expect(payloadDigests({ image: `ghcr.io/o/a@${d}` }).image).toEqual([d]);
    expect(payloadDigests(JSON.stringify({ slipway: { image: d } })).image).toEqual([d]);
    expect(payloadDigests({ image: 'ghcr.io/o/a:latest' }).image).toEqual([]);
    expect(digestOf('nope')).toBeUndefined();
  });
});
