import { describe, expect, it } from 'vitest';
import { fingerprintOf, type Finding } from '../../../src/security/finding.js';
import { evaluate } from '../../../src/security/gate.js';
import { planAnnotations, renderSummary } from '../../../src/security/report.js';

function finding(over: Partial<Finding>): Finding {
  const base = {
    kind: 'vulnerability' as const,
    ruleId: 'CVE-2026-1',
    vulnId: 'CVE-2026-1',
    severity: 'high' as const,
    title: 'x',
    message: 'x',
    package: { name: 'p', installed: '1' },
    ...over,
  };
  return { ...base, tools: over.tools ?? ['t'], fingerprint: fingerprintOf(base) };
}

describe('report', () => {
  it('escapes scanner text in the summary: no HTML, no broken tables, no script links', () => {
    const f = finding({
      package: { name: 'evil|pkg<img src=x onerror=alert(1)>', installed: '1', fixed: '2' },
      helpUri: 'javascript:alert(1)',
    });
    const r = evaluate([f], { failOn: 'high', ignoreUnfixed: false, suppressions: [], today: '2026-11-22' });
    const s = renderSummary(r);
    expect(s).toContain('| high | CVE-2026-1 | evil\\|pkg&lt;img src=x onerror=alert(1)&gt; | 1 → 2 |');
    expect(s).not.toContain('<img');
    expect(s).not.toContain('javascript:');
  });

  it('annotates only findings in files that exist, blocking ones as errors, worst first', () => {
    const located = (line: number, severity: Finding['severity'], path = 'src/a.ts') =>
      finding({ kind: 'code', ruleId: `r${line}`, severity, location: { path, startLine: line } });
    const r = evaluate(
      [located(1, 'medium'), located(2, 'critical'), located(3, 'high'), located(4, 'high', 'gone.ts')],
      {
        failOn: 'high',
        ignoreUnfixed: false,
        suppressions: [],
        today: '2026-11-22',
      },
    );
    const plan = planAnnotations(r, (p) => p === 'src/a.ts');
    expect(plan.annotations.map((a) => [a.level, a.startLine])).toEqual([
      ['error', 2],
      ['error', 3],
      ['warning', 1],
    ]);
    expect(plan.omittedErrors).toBe(0);
  });
});
