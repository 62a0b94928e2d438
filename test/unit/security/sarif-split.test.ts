import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../../src/security/finding.js';
import { fingerprintOf } from '../../../src/security/finding.js';
import { parseSarif } from '../../../src/security/parse.js';
import { GITHUB_LIMITS, toSarifFiles } from '../../../src/security/sarif-out.js';
import { load } from './helpers.js';

// Both are CommonJS with a default export; under NodeNext the callable sits on `.default`.
interface AjvT {
  compile(schema: object): ((doc: unknown) => boolean) & { errors?: unknown };
  errorsText(errors: unknown): string;
}
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as unknown as new (
  o: object,
) => AjvT;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (a: AjvT) => AjvT;

const schema = JSON.parse(
  readFileSync(new URL('../../../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
) as object;
// The published schema has a language-tag pattern that is not valid with the `u` flag.
const ajv = new Ajv({ allErrors: false, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(doc: unknown) {
  const ok = validate(doc);
  if (!ok) throw new Error(`invalid SARIF: ${ajv.errorsText(validate.errors)}`);
}

const SEVS: Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

function synthetic(n: number, tool: string): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      kind: 'code' as const,
      ruleId: `rule-${i % 300}`,
      severity: SEVS[i % SEVS.length]!,
      title: `Rule ${i % 300} says something about this code`,
      message: `Finding number ${i} in a generated report`,
      location: { path: `src/module-${i % 977}/file-${i}.ts`, startLine: (i % 400) + 1 },
    };
    out.push({ ...base, tools: [tool], fingerprint: fingerprintOf(base) });
  }
  return out;
}

describe('merged SARIF within GitHub limits', () => {
  it('the schema rejects a wrong document (the validator is live)', () => {
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });

  it('real reports merge into valid SARIF that reads back into the same findings', () => {
    const findings = [
      ...load('trivy/alpine-310.json'),
      ...load('grype/TestSarifPresenter_image.sarif'),
      ...load('gitleaks/json_simple.json'),
      ...load('eslint/eslint.sarif'),
    ];
    const files = toSarifFiles(findings, 'slipway/api');
    expect(files).toHaveLength(1);
    assertValid(JSON.parse(files[0]!.text));
    const categories = files[0]!.log.runs.map((r) => r.automationDetails?.id);
    expect(categories).toEqual([
      'slipway/api/eslint/',
      'slipway/api/gitleaks/',
      'slipway/api/grype/',
      'slipway/api/trivy/',
    ]);
    const back = parseSarif(JSON.parse(files[0]!.text), 'merged.sarif');
    expect(back.map((f) => f.fingerprint).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });

  it('a 60,000-result SARIF is split into valid files under every limit', () => {
    const findings = [...synthetic(60_000, 'bigscan'), ...synthetic(10, 'small')];
    const files = toSarifFiles(findings, 'slipway/big');
    let total = 0;
    const categories = new Set<string>();
    for (const f of files) {
      const doc = JSON.parse(f.text) as {
        runs: { results: unknown[]; automationDetails: { id: string }; tool: { driver: { name: string } } }[];
      };
      assertValid(doc);
      expect(doc.runs.length).toBeLessThanOrEqual(GITHUB_LIMITS.runsPerFile);
      expect(gzipSync(f.text).length).toBe(f.gzipBytes);
      expect(f.gzipBytes).toBeLessThanOrEqual(GITHUB_LIMITS.gzipBytes);
      for (const run of doc.runs) {
        expect(run.results.length).toBeLessThanOrEqual(GITHUB_LIMITS.resultsPerRun);
        const key = `${run.tool.driver.name}|${run.automationDetails.id}`;
        expect(categories.has(key)).toBe(false);
        categories.add(key);
        total += run.results.length;
      }
    }
    expect(total).toBe(60_010);
    // 60,000 results need 3 runs of bigscan (25k + 25k + 10k) plus 1 of small
    expect(categories.size).toBe(4);
    expect([...categories].filter((c) => c.startsWith('bigscan|'))).toEqual([
      'bigscan|slipway/big/bigscan/part-1/',
      'bigscan|slipway/big/bigscan/part-2/',
      'bigscan|slipway/big/bigscan/part-3/',
    ]);
  });

  it('splits by run count and by compressed size when those limits bind', () => {
    const findings = Array.from({ length: 45 }, (_, i) =>
      synthetic(3, `tool-${String(i).padStart(2, '0')}`),
    ).flat();
    const byRuns = toSarifFiles(findings, 'c');
    expect(byRuns.map((f) => f.runs)).toEqual([20, 20, 5]);

    const limits = { runsPerFile: 20, resultsPerRun: 25_000, gzipBytes: 20_000 };
    const bySize = toSarifFiles(synthetic(3_000, 'one'), 'c', limits);
    expect(bySize.length).toBeGreaterThan(1);
    for (const f of bySize) {
      expect(f.gzipBytes).toBeLessThanOrEqual(limits.gzipBytes);
      assertValid(JSON.parse(f.text));
    }
    expect(bySize.reduce((n, f) => n + f.results, 0)).toBe(3_000);
  });

  it('no findings still gives one valid file with an empty run (so fixed alerts close)', () => {
    const [f, ...rest] = toSarifFiles([], 'slipway/api');
    expect(rest).toHaveLength(0);
    assertValid(JSON.parse(f!.text));
    expect(f!.results).toBe(0);
  });
});
