import { describe, expect, it } from 'vitest';
import { parseSuppressions } from '../../../src/security/suppressions.js';

const F = '.github/slipway-suppressions.yml';
const err = (text: string) => {
  try {
    parseSuppressions(text, F);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('suppressions file', () => {
  it('parses valid entries with their line numbers', () => {
    const s = parseSuppressions(
      [
        'suppressions:',
        '  - id: CVE-2019-1549',
        '    scope: { package: "libssl*", image: "ghcr.io/acme/*" }',
        '    reason: Not reachable (SEC-12)',
        '    expires: 2026-12-31',
        '  - rule: github-pat',
        '    scope:',
        '      path: test/fixtures/**',
        '    reason: revoked test token',
        '    expires: "2027-01-15"',
        '',
      ].join('\n'),
      F,
    );
    expect(s).toEqual([
      {
        index: 0,
        line: 2,
        id: 'CVE-2019-1549',
        scope: { package: 'libssl*', image: 'ghcr.io/acme/*' },
        reason: 'Not reachable (SEC-12)',
        expires: '2026-12-31',
      },
      {
        index: 1,
        line: 6,
        rule: 'github-pat',
        scope: { path: 'test/fixtures/**' },
        reason: 'revoked test token',
        expires: '2027-01-15',
      },
    ]);
  });

  it('an empty file or an empty list is no suppressions', () => {
    expect(parseSuppressions('', F)).toEqual([]);
    expect(parseSuppressions('suppressions: []\n', F)).toEqual([]);
    expect(parseSuppressions('suppressions:\n', F)).toEqual([]);
  });

  it('a missing reason is an error naming the file, line and entry', () => {
    expect(err('suppressions:\n  - id: CVE-1\n    scope: { package: a }\n    expires: 2027-01-01\n')).toBe(
      `${F}:2: suppressions[0] (CVE-1): needs a \`reason\` saying why this is acceptable`,
    );
  });

  it('a missing expiry is an error', () => {
    expect(err('suppressions:\n  - id: CVE-1\n    scope: { package: a }\n    reason: r\n')).toMatch(
      /^\.github\/slipway-suppressions\.yml:2: suppressions\[0\] \(CVE-1\): needs an `expires` date/,
    );
  });

  it.each(['2026-13-01', '2026-02-30', '31/12/2026', 'next year', '2026-1-5'])(
    'a bad date (%s) names the line of `expires`',
    (d) => {
      expect(
        err(`suppressions:\n  - id: CVE-1\n    scope: { package: a }\n    reason: r\n    expires: ${d}\n`),
      ).toBe(
        `${F}:5: suppressions[0] (CVE-1): 'expires' is not a valid date (YYYY-MM-DD): ${JSON.stringify(d)}`,
      );
    },
  );

  it('needs an id or a rule, and a scope', () => {
    expect(err('suppressions:\n  - scope: { package: a }\n    reason: r\n    expires: 2027-01-01\n')).toMatch(
      /suppressions\[0\]: needs an `id`/,
    );
    expect(err('suppressions:\n  - id: X\n    reason: r\n    expires: 2027-01-01\n')).toMatch(
      /needs a `scope`/,
    );
    expect(err('suppressions:\n  - id: X\n    scope: {}\n    reason: r\n    expires: 2027-01-01\n')).toMatch(
      /scope needs at least one/,
    );
  });

  it('refuses unknown keys (typos would otherwise widen a suppression)', () => {
    expect(
      err('suppressions:\n  - id: X\n    scope: { pakage: a }\n    reason: r\n    expires: 2027-01-01\n'),
    ).toMatch(/:3: suppressions\[0\] \(X\): unknown scope key 'pakage'/);
    expect(
      err('suppressions:\n  - id: X\n    scope: { package: a }\n    reason: r\n    expiry: 2027-01-01\n'),
    ).toMatch(/:5: suppressions\[0\] \(X\): unknown key 'expiry'/);
    expect(err('ignores: []\n')).toMatch(/:1: unknown key 'ignores'/);
  });

  it('invalid YAML names the line', () => {
    expect(err('suppressions:\n  - id: [unclosed\n')).toMatch(
      /^\.github\/slipway-suppressions\.yml:\d+: not valid YAML/,
    );
  });
});
