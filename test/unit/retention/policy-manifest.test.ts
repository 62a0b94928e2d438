import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/retention/manifest.js';
import { referrerTagSubject } from '../../../src/retention/model.js';
import { Pacer } from '../../../src/retention/pace.js';
import { compileTagPatterns, DEFAULT_POLICY, validatePolicy } from '../../../src/retention/policy.js';
import { dg } from './fixtures.js';

const names = {
  keepLatest: 'keep-latest',
  keepTags: 'keep-tags',
  untaggedAfterDays: 'untagged-after-days',
  keepDeployed: 'keep-deployed',
};

describe('policy', () => {
  it('matches globs against tags', () => {
    const m = compileTagPatterns(['latest', 'v*', 'release-{1,2}.*'], 'keep-tags');
    expect(m('v1.2.3')).toBe('v*');
    expect(m('latest')).toBe('latest');
    expect(m('release-2.0')).toBe('release-{1,2}.*');
    expect(m('sha-abc')).toBeUndefined();
  });

  it.each([
    ['v[', /keep-tags: 'v\[' is not a valid glob/],
    ['{a,b', /not a valid glob/],
    ['[z-a]', /can never match/],
    ['feature/*', /not a valid tag glob/],
    ['sha256:abc*', /looks like a digest/],
  ])('rejects %s naming the input', (pattern, msg) => {
    expect(() => validatePolicy({ ...DEFAULT_POLICY, keepTags: [pattern] }, names)).toThrow(msg);
  });

  it('rejects a negative keep-latest or untagged-after-days', () => {
    expect(() => validatePolicy({ ...DEFAULT_POLICY, keepLatest: -1 }, names)).toThrow(/^keep-latest: /);
    expect(() => validatePolicy({ ...DEFAULT_POLICY, keepLatest: 1.5 }, names)).toThrow(/keep-latest/);
    expect(() => validatePolicy({ ...DEFAULT_POLICY, untaggedAfterDays: -2 }, names)).toThrow(
      /untagged-after-days/,
    );
  });
});

describe('manifests', () => {
  it('parses an OCI index with platforms and a buildx attestation', () => {
    const [a, b] = [dg('a'), dg('b')];
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: a,
          size: 10,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: b,
          size: 5,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
      ],
    });
    const m = parseManifest(dg('i'), body);
    expect(m.children).toEqual([
      {
        digest: a,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 10,
        platform: 'linux/arm64/v8',
      },
      {
        digest: b,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 5,
        platform: 'unknown/unknown',
        attestation: true,
      },
    ]);
  });

  it('reads subject and sizes of an image manifest; Docker v2 without mediaType uses the content type', () => {
    const s = dg('s');
    const body = JSON.stringify({
      schemaVersion: 2,
      config: { size: 100 },
      layers: [{ size: 1000 }, { size: 24 }],
      subject: { digest: s },
    });
    const m = parseManifest(
      dg('m'),
      body,
      'application/vnd.docker.distribution.manifest.v2+json; charset=utf-8',
    );
    expect(m.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(m.subject).toBe(s);
    expect(m.bytes).toBe(Buffer.byteLength(body) + 1124);
    expect(() => parseManifest('x', '<html>')).toThrow(/not JSON/);
  });

  it('recognises cosign-style referrer tags only', () => {
    const d = dg('d');
    expect(referrerTagSubject(`sha256-${d.slice(7)}.sig`)).toBe(d);
    expect(referrerTagSubject(`sha256-${d.slice(7)}`)).toBe(d);
    expect(referrerTagSubject('sha-1234567')).toBeUndefined();
    expect(referrerTagSubject(`sha256-${d.slice(8)}.sig`)).toBeUndefined();
  });
});

describe('pacer', () => {
  it('spaces requests by points so no 60 s window (ends included) exceeds the 900 GitHub allows', async () => {
    let t = 0;
    const starts: number[] = [];
    const pacer = new Pacer({ pointsPerMinute: 880, now: () => t, sleep: async (ms) => void (t += ms) });
    for (let i = 0; i < 400; i++) {
      await pacer.take(5);
      starts.push(t);
    }
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((s) => s >= starts[i]! && s <= starts[i]! + 60_000).length;
      expect(inWindow * 5).toBeLessThanOrEqual(900);
    }
    // 880 points a minute of 5-point requests: 176 a minute
    expect(Math.round(starts[176]! - starts[0]!)).toBe(60_000);
  });
});
