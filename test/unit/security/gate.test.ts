import { describe, expect, it } from 'vitest';
import { baselineFingerprints } from '../../../src/security/baseline.js';
import type { Finding, Severity } from '../../../src/security/finding.js';
import { fingerprintOf } from '../../../src/security/finding.js';
import { dedupe, evaluate, parseFailOn, verdict, type FailOn } from '../../../src/security/gate.js';
import { toSarifFiles } from '../../../src/security/sarif-out.js';
import { parseSuppressions } from '../../../src/security/suppressions.js';
import { load } from './helpers.js';

const today = '2026-11-22';

function vuln(id: string, severity: Severity, pkg: string, fixed?: string, tool = 'Trivy'): Finding {
  const base = {
    kind: 'vulnerability' as const,
    ruleId: id,
    vulnId: id,
    severity,
    title: id,
    message: `${id} in ${pkg}`,
    package: { name: pkg, installed: '1.0.0', ...(fixed ? { fixed } : {}) },
    fixable: fixed !== undefined,
    target: 'ghcr.io/acme/api@sha256:abc',
  };
  return { ...base, tools: [tool], fingerprint: fingerprintOf(base) };
}

const oneOfEach: Finding[] = [
  vuln('CVE-2026-0001', 'critical', 'a', '2.0.0'),
  vuln('CVE-2026-0002', 'high', 'b', '2.0.0'),
  vuln('CVE-2026-0003', 'medium', 'c', '2.0.0'),
  vuln('CVE-2026-0004', 'low', 'd', '2.0.0'),
  vuln('CVE-2026-0005', 'unknown', 'e', '2.0.0'),
];

const gate = (findings: Finding[], failOn: FailOn, more: Partial<Parameters<typeof evaluate>[1]> = {}) =>
  evaluate(findings, { failOn, ignoreUnfixed: false, suppressions: [], today, ...more });

describe('severity threshold', () => {
  it.each([
    ['critical', ['CVE-2026-0001']],
    ['high', ['CVE-2026-0001', 'CVE-2026-0002']],
    ['medium', ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003']],
    ['low', ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003', 'CVE-2026-0004', 'CVE-2026-0005']],
    ['none', []],
  ] as const)('fail-on %s blocks exactly the findings at or above it', (failOn, ids) => {
    const r = gate(oneOfEach, failOn);
    expect(r.blocking.map((f) => f.ruleId).sort()).toEqual([...ids].sort());
    expect(r.passed).toBe(ids.length === 0);
  });

  it('each level passes when the worst finding is just below it', () => {
    expect(gate([vuln('CVE-1', 'high', 'x', '1')], 'critical').passed).toBe(true);
    expect(gate([vuln('CVE-1', 'medium', 'x', '1')], 'high').passed).toBe(true);
    expect(gate([vuln('CVE-1', 'low', 'x', '1')], 'medium').passed).toBe(true);
    expect(gate([], 'low').passed).toBe(true);
  });

  it('parseFailOn accepts the levels in any case and names the input otherwise', () => {
    expect(parseFailOn(' HIGH ')).toBe('high');
    expect(() => parseFailOn('severe')).toThrow(
      "fail-on: expected one of critical, high, medium, low, none, got 'severe'",
    );
  });

  it('real reports: the alpine image fails at medium and passes at high', () => {
    const findings = [...load('trivy/alpine-310.json'), ...load('trivy/alpine-310.sarif')];
    expect(gate(findings, 'high').passed).toBe(true);
    const m = gate(findings, 'medium');
    expect(m.passed).toBe(false);
    expect(m.blocking).toHaveLength(6);
    expect(verdict(m)).toMatch(/^6 findings at or above medium \(worst: medium CVE-2019-15\d\d in lib/);
  });
});

describe('de-duplication across tools', () => {
  it('Trivy JSON (4) + Trivy SARIF (8) of one image give 8 findings, the 4 overlapping ones merged', () => {
    const r = gate([...load('trivy/alpine-310.json'), ...load('trivy/alpine-310.sarif')], 'high');
    expect(r.findings).toHaveLength(8);
    const merged = r.findings.filter((f) => f.package?.purl !== undefined);
    expect(merged).toHaveLength(4);
    // details from both: the purl from the JSON, the location from the SARIF
    for (const f of merged) expect(f.location?.path).toBe('testdata/fixtures/images/alpine-310.tar.gz');
  });

  it('Trivy and Grype reporting the same CVE in the same package give one finding from both tools', () => {
    const [m] = dedupe([
      vuln('CVE-2026-7', 'medium', 'zlib', '1.3'),
      vuln('CVE-2026-7', 'high', 'zlib', '1.3', 'grype'),
    ]);
    expect(m!.tools).toEqual(['Trivy', 'grype']);
    expect(m!.severity).toBe('high');
  });

  it('gitleaks JSON, gitleaks SARIF and a Trivy secret on the same line are one secret', () => {
    const trivyLike: Finding = {
      ...load('gitleaks/json_simple.json')[0]!,
      tools: ['Trivy'],
      severity: 'critical',
    };
    const merged = dedupe([
      ...load('gitleaks/json_simple.json'),
      ...load('gitleaks/sarif_simple.sarif'),
      trivyLike,
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.tools).toEqual(['gitleaks', 'Trivy']);
    expect(merged[0]!.severity).toBe('critical');
  });

  it('keeps the fixed version one tool knows and the other does not', () => {
    const a = vuln('CVE-2026-9', 'high', 'p');
    const b = vuln('CVE-2026-9', 'high', 'p', '1.0.1', 'grype');
    delete a.fixable;
    const [m] = dedupe([a, b]);
    expect(m!.package!.fixed).toBe('1.0.1');
    expect(m!.fixable).toBe(true);
  });
});

describe('ignore-unfixed', () => {
  const findings = [vuln('CVE-2026-1', 'critical', 'nofix'), vuln('CVE-2026-2', 'high', 'hasfix', '1.2.3')];
  it('without it, an unfixed critical blocks', () => {
    expect(gate(findings, 'high').blocking.map((f) => f.ruleId)).toEqual(['CVE-2026-1', 'CVE-2026-2']);
  });
  it('with it, only findings with a fix count', () => {
    const r = gate(findings, 'high', { ignoreUnfixed: true });
    expect(r.blocking.map((f) => f.ruleId)).toEqual(['CVE-2026-2']);
    expect(r.ignoredUnfixed.map((f) => f.ruleId)).toEqual(['CVE-2026-1']);
  });
  it('real Grype report: the unfixed critical is dropped and the gate passes', () => {
    const grype = load('grype/TestSarifPresenter_image.sarif');
    expect(gate(grype, 'high').passed).toBe(false);
    expect(gate(grype, 'high', { ignoreUnfixed: true }).passed).toBe(true);
  });
  it('never drops secrets or findings whose fixability is unknown', () => {
    const secret = load('gitleaks/json_simple.json');
    expect(gate(secret, 'high', { ignoreUnfixed: true }).blocking).toHaveLength(1);
  });
});

describe('suppressions in the gate', () => {
  const file = (expires: string, extra = '') =>
    parseSuppressions(
      `suppressions:\n  - id: CVE-2026-0002\n    scope:\n      package: b\n    reason: Not reachable from our code (SEC-1)\n    expires: ${expires}\n${extra}`,
      '.github/slipway-suppressions.yml',
    );

  it('an entry with a reason and a future expiry suppresses its finding', () => {
    const r = gate([vuln('CVE-2026-0002', 'high', 'b', '2')], 'high', { suppressions: file('2027-01-31') });
    expect(r.passed).toBe(true);
    expect(r.suppressed).toHaveLength(1);
    expect(r.inForce[0]).toMatchObject({ count: 1, daysLeft: 70 });
  });

  it('an entry expiring today still works today', () => {
    expect(
      gate([vuln('CVE-2026-0002', 'high', 'b', '2')], 'high', { suppressions: file(today) }).passed,
    ).toBe(true);
  });

  it('an expired entry stops suppressing, fails the gate and says which entry expired', () => {
    const r = gate([vuln('CVE-2026-0002', 'high', 'b', '2')], 'high', { suppressions: file('2026-11-21') });
    expect(r.passed).toBe(false);
    expect(r.suppressed).toHaveLength(0);
    expect(r.expired.map((e) => e.id)).toEqual(['CVE-2026-0002']);
    expect(verdict(r)).toBe(
      '1 finding at or above high (worst: high CVE-2026-0002 in b); suppression CVE-2026-0002 (entry 1, line 2) expired on 2026-11-21',
    );
  });

  it('an entry that matches nothing is reported as stale', () => {
    const extra = `  - rule: no-eval\n    scope: { path: "legacy/**" }\n    reason: old code, removed in Q1\n    expires: 2027-03-01\n`;
    const r = gate([vuln('CVE-2026-0002', 'high', 'b', '2')], 'high', {
      suppressions: file('2027-01-31', extra),
    });
    expect(r.passed).toBe(true);
    expect(r.stale.map((s) => s.rule)).toEqual(['no-eval']);
  });

  it('scope must match: same id in another package is not suppressed', () => {
    const r = gate([vuln('CVE-2026-0002', 'high', 'other', '2')], 'high', {
      suppressions: file('2027-01-31'),
    });
    expect(r.passed).toBe(false);
    expect(r.stale).toHaveLength(1);
  });

  it('image scope matches the scanned image reference of a Trivy image report', () => {
    const s = parseSuppressions(
      'suppressions:\n  - id: CVE-2019-1551\n    scope: { image: "testdata/fixtures/images/alpine-*", package: "lib*" }\n    reason: r\n    expires: 2027-01-01\n',
      's.yml',
    );
    const r = gate(load('trivy/alpine-310.json'), 'medium', { suppressions: s });
    expect(r.suppressed.map((x) => x.finding.package!.name)).toEqual(['libcrypto1.1', 'libssl1.1']);
    expect(r.blocking.map((f) => f.ruleId)).toEqual(['CVE-2019-1549', 'CVE-2019-1549']);
    const other = parseSuppressions(
      'suppressions:\n  - id: CVE-2019-1551\n    scope: { image: "ghcr.io/acme/*" }\n    reason: r\n    expires: 2027-01-01\n',
      's.yml',
    );
    expect(gate(load('trivy/alpine-310.json'), 'medium', { suppressions: other }).suppressed).toHaveLength(0);
  });

  it('rule + path scope suppresses a file-located finding from ESLint', () => {
    const s = parseSuppressions(
      'suppressions:\n  - rule: no-eval\n    scope: { path: "src/**" }\n    reason: sandboxed evaluator\n    expires: 2027-01-01\n',
      's.yml',
    );
    const r = gate(load('eslint/eslint.sarif'), 'high', { suppressions: s });
    expect(r.passed).toBe(true);
    expect(r.suppressed.map((x) => x.finding.ruleId)).toEqual(['no-eval']);
  });
});

describe('baseline', () => {
  it('old findings pass, a new one fails, fixed ones are counted', () => {
    const base = [vuln('CVE-2026-0001', 'critical', 'a', '2'), vuln('CVE-2026-0009', 'high', 'gone', '2')];
    const files = toSarifFiles(base, 'slipway/api');
    const baseline = baselineFingerprints(files.map((f, i) => ({ text: f.text, file: `base-${i}.sarif` })));
    expect(baseline.size).toBe(2);

    const head = [vuln('CVE-2026-0001', 'critical', 'a', '2')];
    const same = gate(head, 'high', { baseline });
    expect(same.passed).toBe(true);
    expect(same.fixed).toBe(1);
    expect(same.newFindings).toHaveLength(0);

    const withNew = gate([...head, vuln('CVE-2026-0100', 'high', 'n', '2')], 'high', { baseline });
    expect(withNew.passed).toBe(false);
    expect(withNew.blocking.map((f) => f.ruleId)).toEqual(['CVE-2026-0100']);
    expect(verdict(withNew)).toMatch(/^1 new finding at or above high/);
  });

  it('a baseline can be any report the gate reads, e.g. the base branch Trivy SARIF', () => {
    const baseline = baselineFingerprints([
      { text: JSON.stringify(JSON.parse(loadText('trivy/alpine-310.sarif'))), file: 'b.sarif' },
    ]);
    const r = gate(load('trivy/alpine-310.json'), 'low', { baseline });
    expect(r.passed).toBe(true);
    expect(r.fixed).toBe(4);
  });
});

import { readFixture as loadText } from './helpers.js';
