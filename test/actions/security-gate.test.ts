/**
 * The built security-gate bundle, run as the Actions runner runs it, on real scanner reports in a
 * workspace laid out like a checkout.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runActionBundle } from '../support/harness.js';

const fx = (rel: string) => readFileSync(join(repoRoot, 'fixtures', 'security', rel), 'utf8');

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A checkout with the scanned files and the reports the scanners wrote. */
function workspace(files: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'slipway-secgate-ws-'));
  const put = (rel: string, text: string) => {
    mkdirSync(join(ws, rel, '..'), { recursive: true });
    writeFileSync(join(ws, rel), text);
  };
  put('src/handler.js', fx('eslint/handler.js'));
  put('auth.py', 'password = "a secret"\n');
  // ESLint wrote absolute file URIs of the checkout it ran in; here that checkout is `ws`.
  put(
    'reports/eslint.sarif',
    fx('eslint/eslint.sarif').replaceAll('file:///home/runner/work/app/app', `file://${ws}`),
  );
  put('reports/trivy-image.json', fx('trivy/alpine-310.json'));
  put('reports/trivy-image.sarif', fx('trivy/alpine-310.sarif'));
  put('reports/grype.sarif', fx('grype/TestSarifPresenter_image.sarif'));
  put('reports/gitleaks.json', fx('gitleaks/json_simple.json'));
  for (const [k, v] of Object.entries(files)) put(k, v);
  return ws;
}

const suppressions = (expires: string) => `suppressions:
  - rule: test-rule
    scope: { path: auth.py }
    reason: Test credential from the fixture, revoked (SEC-7)
    expires: ${expires}
  - id: CVE-1999-0002
    scope: { package: package-2 }
    reason: No fix upstream; the package is not on the request path
    expires: ${expires}
  - rule: no-eval
    scope: { path: "src/**" }
    reason: The evaluator runs in a sandboxed worker (ADR-12)
    expires: ${expires}
`;

describe('security-gate bundle', () => {
  it('passing set: everything blocking is suppressed; outputs, summary, annotations and SARIF are right', async () => {
    const ws = workspace({ '.github/slipway-suppressions.yml': suppressions(day(60)) });
    const run = await runActionBundle('security-gate', {
      workspace: ws,
      inputs: { reports: 'reports/*.sarif\nreports/*.json', 'fail-on': 'high' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    // 8 Trivy CVEs (JSON and SARIF merged), 1 grype low, ESLint no-new-func;
    // the gitleaks secret, the grype critical and ESLint no-eval are suppressed
    expect(run.outputs.passed).toBe('true');
    expect(run.outputs.findings).toBe('10');
    expect(run.outputs['new-findings']).toBe('10');
    expect(run.outputs.blocking).toBe('0');
    expect(JSON.parse(run.outputs['sarif-files']!)).toHaveLength(1);
    const sarif = JSON.parse(readFileSync(JSON.parse(run.outputs['sarif-files']!)[0], 'utf8'));
    const suppressed = sarif.runs
      .flatMap((r: { results: { suppressions?: unknown[] }[] }) => r.results)
      .filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(suppressed).toHaveLength(3);
    // only the medium ESLint finding is annotated (a warning); image findings have no file here
    expect(run.annotations.map((a) => [a.level, a.file, a.line])).toEqual([['warning', 'src/handler.js', 8]]);

    expect(run.summary).toMatch(/^### ✅ Security gate passed: no findings at or above high/);
    expect(run.summary).toContain('#### Suppressions in force (3)');
    expect(run.summary).toContain(
      `| 1 (line 2) | test-rule (path auth.py) | 1 | Test credential from the fixture, revoked (SEC-7) | ${day(60)} |`,
    );
  }, 60_000);

  it('failing set: blocking findings first, annotations on files, expired and stale suppressions reported', async () => {
    const expired = `suppressions:
  - id: CVE-1999-0002
    scope: { package: package-2 }
    reason: No fix upstream
    expires: ${day(-3)}
  - id: CVE-2000-9999
    scope: { package: nothing-like-this }
    reason: Left over from an old image
    expires: ${day(30)}
`;
    const ws = workspace({ '.github/slipway-suppressions.yml': expired });
    const run = await runActionBundle('security-gate', {
      workspace: ws,
      inputs: { reports: 'reports/grype.sarif, reports/gitleaks.json, reports/eslint.sarif' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.passed).toBe('false');
    // grype critical (suppression expired), gitleaks high, ESLint no-eval high
    expect(run.outputs.blocking).toBe('3');
    expect(run.errors.at(-1)).toBe(
      `security-gate: 3 findings at or above high (worst: critical CVE-1999-0002 in package-2); suppression CVE-1999-0002 (entry 1, line 2) expired on ${day(-3)}`,
    );
    const errs = run.annotations.filter((a) => a.level === 'error' && a.file);
    expect(errs.map((a) => [a.file, a.line, a.title])).toEqual([
      ['src/handler.js', 3, 'HIGH no-eval (ESLint)'],
      ['auth.py', 1, 'HIGH test-rule (gitleaks)'],
    ]);
    const warns = run.annotations.filter((a) => a.level === 'warning');
    expect(warns.map((a) => [a.file, a.line, a.title])).toEqual([
      ['src/handler.js', 8, 'MEDIUM no-new-func (ESLint)'],
      ['.github/slipway-suppressions.yml', 2, 'Expired suppression'],
      ['.github/slipway-suppressions.yml', 6, 'Stale suppression'],
    ]);
    // the summary: verdict, counts by severity and tool, blocking table worst first
    const s = run.summary;
    expect(s).toMatch(/^### ❌ Security gate 3 findings at or above high/);
    expect(s).toContain('| severity | ESLint | gitleaks | grype | total |');
    expect(s).toContain('| **critical** | 0 | 0 | 1 | 1 |');
    expect(s).toContain('| **high** | 1 | 1 | 0 | 2 |');
    const blocking = s.slice(s.indexOf('#### Blocking (3)'));
    expect(blocking.indexOf('CVE-1999-0002')).toBeLessThan(blocking.indexOf('test-rule'));
    expect(s).toContain(
      '| critical | [CVE-1999-0002](https://github.com/anchore/grype) | package-2 | 2.2.2 → (no fix) | image/somefile-2.txt:1 | grype |',
    );
    expect(s).toContain(`#### Expired suppressions (1): no longer applied`);
    expect(s).toContain('#### Stale suppressions (1): they match no finding, delete them');
    // SARIF is still written so the findings reach code scanning
    expect(Number(run.outputs['sarif-count'])).toBe(1);
  }, 60_000);

  it('warns on a suppression that expires within 14 days, on its line', async () => {
    const ws = workspace({ '.github/slipway-suppressions.yml': suppressions(day(5)) });
    const run = await runActionBundle('security-gate', {
      workspace: ws,
      inputs: { reports: 'reports/gitleaks.json' },
    });
    expect(run.exitCode).toBe(0);
    const soon = run.annotations.filter((a) => a.title === 'Suppression expires soon');
    expect(soon.map((a) => [a.file, a.line])).toEqual([['.github/slipway-suppressions.yml', 2]]);
    expect(soon[0]!.message).toBe(
      `Suppression test-rule expires on ${day(5)} (in 5 day(s)): fix the finding or renew it with a reason.`,
    );
    expect(run.summary).toContain(`| ${day(5)} ⚠️ in 5 day(s) |`);
    // the two entries that matched nothing in this run are stale
    expect(run.annotations.filter((a) => a.title === 'Stale suppression').map((a) => a.line)).toEqual([
      6, 10,
    ]);
  }, 60_000);

  it('annotates at most 10 errors and 10 warnings, most severe first, and says how many more', async () => {
    const results = Array.from({ length: 30 }, (_, i) => ({
      ruleId: i < 15 ? 'no-eval' : 'no-new-func',
      level: i < 15 ? 'error' : 'warning',
      message: { text: `finding ${i}` },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/handler.js' }, region: { startLine: i + 1 } } },
      ],
    }));
    const big = { version: '2.1.0', runs: [{ tool: { driver: { name: 'ESLint' } }, results }] };
    const ws = workspace({ 'reports/many.sarif': JSON.stringify(big) });
    const run = await runActionBundle('security-gate', {
      workspace: ws,
      inputs: { reports: 'reports/many.sarif' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error' && a.file)).toHaveLength(10);
    expect(run.annotations.filter((a) => a.level === 'warning' && a.file)).toHaveLength(10);
    expect(run.summary).toContain('5 error and 5 warning annotation(s) more are listed below only');
  }, 60_000);

  it('baseline on a pull request: old findings pass, a new one fails, fixed ones are counted', async () => {
    const ws = workspace();
    const base = await runActionBundle('security-gate', {
      workspace: ws,
      inputs: {
        reports: 'reports/gitleaks.json\nreports/grype.sarif',
        'fail-on': 'none',
        'output-dir': 'base-sarif',
      },
    });
    expect(base.exitCode).toBe(0);
    const same = await runActionBundle('security-gate', {
      workspace: ws,
      eventName: 'pull_request',
      event: 'pull_request-opened.json',
      inputs: { reports: 'reports/gitleaks.json', baseline: 'base-sarif/*.sarif' },
    });
    expect(same.outputs).toMatchObject({ passed: 'true', 'new-findings': '0', fixed: '2' });
    const withNew = await runActionBundle('security-gate', {
      workspace: ws,
      eventName: 'pull_request',
      event: 'pull_request-opened.json',
      inputs: { reports: 'reports/gitleaks.json\nreports/eslint.sarif', baseline: 'base-sarif/*.sarif' },
    });
    expect(withNew.exitCode).toBe(1);
    expect(withNew.outputs).toMatchObject({ passed: 'false', 'new-findings': '2', blocking: '1' });
    expect(withNew.errors.at(-1)).toMatch(
      /^security-gate: 1 new finding at or above high \(worst: high no-eval\)/,
    );
  }, 60_000);

  describe('bad input: a clear error naming the file and entry, and nothing written for upload', () => {
    const expectNoSarif = (run: { outputs: Record<string, string>; runnerTemp: string }) => {
      expect(run.outputs.sarif).toBeUndefined();
      expect(existsSync(join(run.runnerTemp, 'slipway-security'))).toBe(false);
    };

    it('malformed JSON', async () => {
      const ws = workspace({
        'reports/broken.sarif': '{\n  "version": "2.1.0",\n  "runs": [\n    {"tool": }\n',
      });
      const run = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'reports/*.sarif' },
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toEqual([
        `security-gate: reports/broken.sarif:4:14: not valid JSON: expected a value, found "}\\n"`,
      ]);
      expectNoSarif(run);
    });

    it('SARIF of a wrong version', async () => {
      const ws = workspace({ 'reports/old.sarif': JSON.stringify({ version: '2.0.0', runs: [] }) });
      const run = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'reports/*.sarif' },
      });
      expect(run.errors).toEqual([
        'security-gate: reports/old.sarif: version: SARIF version "2.0.0" is not supported (need 2.1.0)',
      ]);
      expectNoSarif(run);
    });

    it('a suppressions file with a bad date', async () => {
      const bad = suppressions('2026-02-30');
      const ws = workspace({ '.github/slipway-suppressions.yml': bad });
      const run = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'reports/gitleaks.json' },
      });
      expect(run.errors).toEqual([
        `security-gate: .github/slipway-suppressions.yml:5: suppressions[0] (test-rule): 'expires' is not a valid date (YYYY-MM-DD): "2026-02-30"`,
      ]);
      expectNoSarif(run);
    });

    it('a suppressions file with a missing reason', async () => {
      const bad = `suppressions:\n  - id: CVE-1999-0002\n    scope: { package: package-2 }\n    expires: ${day(10)}\n`;
      const ws = workspace({ '.github/slipway-suppressions.yml': bad });
      const run = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'reports/grype.sarif' },
      });
      expect(run.errors).toEqual([
        'security-gate: .github/slipway-suppressions.yml:2: suppressions[0] (CVE-1999-0002): needs a `reason` saying why this is acceptable',
      ]);
      expectNoSarif(run);
    });

    it('reports that match nothing, and a bad fail-on', async () => {
      const ws = workspace();
      const none = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'out/*.sarif' },
      });
      expect(none.errors).toEqual([
        "security-gate: input reports: no file matches 'out/*.sarif' (did the scanner write its report there?)",
      ]);
      const level = await runActionBundle('security-gate', {
        workspace: ws,
        inputs: { reports: 'reports/grype.sarif', 'fail-on': 'severe' },
      });
      expect(level.errors).toEqual([
        "security-gate: input fail-on: expected one of critical, high, medium, low, none, got 'severe'",
      ]);
      expect(readdirSync(ws)).not.toContain('slipway-security');
    });
  });
});
