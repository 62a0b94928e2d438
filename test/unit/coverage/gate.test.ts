import { describe, expect, it } from 'vitest';
import { type StoredSummary, findBase } from '../../../src/coverage/base.js';
import { evaluate, patchCoverage } from '../../../src/coverage/gate.js';
import { parseReport } from '../../../src/coverage/parse.js';
import { COMMENT_LIMIT, commentMarkdown, marker, planAnnotations, summaryMarkdown, verdict } from '../../../src/coverage/render.js';
import { directoryStore } from '../../../src/runner/coverage-cache.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** lcov for one file: `covered` of `n` lines hit. */
const file = (path: string, n: number, covered: number) =>
  `SF:${path}\n${Array.from({ length: n }, (_, i) => `DA:${i + 1},${i < covered ? 1 : 0}`).join('\n')}\nend_of_record\n`;

const stored = (sha: string, hit: number, found: number): StoredSummary => ({
  version: 1,
  sha,
  totals: { lines: { found, hit }, branches: { found: 0, hit: 0 }, functions: { found: 0, hit: 0 }, statements: { found: 0, hit: 0 } },
  files: {},
});

describe('thresholds', () => {
  it('totals are sums, never averages of file percentages', async () => {
    // 1/1 and 1/99: average of percentages = 50.5%, true figure = 2%
    const r = await parseReport(file('a.ts', 1, 1) + file('b.ts', 99, 1), 'x.info');
    const g = evaluate(r, { minLines: 2 });
    expect(g.checks[0]).toMatchObject({ name: 'lines', actual: 2, status: 'pass' });
  });

  it('compares the figure shown (2 decimals): 79.996% passes a minimum of 80', async () => {
    const r = await parseReport(file('a.ts', 24999, 19999), 'x.info'); // 79.9992%
    expect(evaluate(r, { minLines: 80 }).passed).toBe(true);
    const r2 = await parseReport(file('a.ts', 1000, 799), 'x.info');
    expect(evaluate(r2, { minLines: 80 }).passed).toBe(false);
  });

  it('min-file, missing branch data, patch, max-drop', async () => {
    const r = await parseReport(file('a.ts', 10, 10) + file('b.ts', 10, 5), 'x.info');
    const patch = patchCoverage(r, new Map([['b.ts', new Set([4, 5, 6, 7, 50])], ['README.md', new Set([1])]]));
    expect(patch.lines).toEqual({ found: 4, hit: 2 });
    expect(patch.unmeasuredFiles).toBe(1);
    const g = evaluate(r, { minLines: 70, minBranches: 50, minFile: 60, minPatch: 50, maxDrop: 1 }, patch, { sha: 'b'.repeat(40), distance: 2, totals: stored('b', 80, 100).totals });
    const by = Object.fromEntries(g.checks.map((c) => [c.name, c]));
    expect(by.lines).toMatchObject({ actual: 75, status: 'pass' });
    expect(by.branches).toMatchObject({ status: 'skip', note: 'the report has no branches data' });
    expect(by.file).toMatchObject({ status: 'fail', actual: 50, note: '1 file below: b.ts' });
    expect(by.patch).toMatchObject({ actual: 50, status: 'pass' });
    expect(g.delta).toBe(-5);
    expect(by.drop).toMatchObject({ actual: 5, status: 'fail' });
    expect(g.passed).toBe(false);
    expect(verdict(g)).toBe('❌ **Coverage gate failed**: 1 file below: b.ts (min 60%); dropped 5 points (max 1)');
  });
});

describe('branch and function minimums', () => {
  // 2 functions (1 hit), 4 branches (2 taken, 1 never evaluated), 4 lines (3 hit)
  const report = 'TN:\nSF:src/a.c\nFN:1,f\nFN:3,g\nFNDA:2,f\nFNDA:0,g\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nBRDA:2,0,0,4\nBRDA:2,0,1,-\nDA:1,2\nDA:2,2\nDA:3,0\nDA:4,1\nend_of_record\n';

  it('min-branches compares the branches taken over all branches, a never-evaluated one included', async () => {
    const r = await parseReport(report, 'x.info');
    const pass = Object.fromEntries(evaluate(r, { minLines: 0, minBranches: 50 }).checks.map((c) => [c.name, c]));
    expect(pass.branches).toMatchObject({ status: 'pass', actual: 50 });
    const g = evaluate(r, { minLines: 0, minBranches: 60 });
    const by = Object.fromEntries(g.checks.map((c) => [c.name, c]));
    expect(by.branches).toMatchObject({ status: 'fail', actual: 50 });
    expect(g.passed).toBe(false);
  });

  it('min-functions compares the functions hit over all functions', async () => {
    const r = await parseReport(report, 'x.info');
    const g = evaluate(r, { minLines: 0, minFunctions: 60 });
    const by = Object.fromEntries(g.checks.map((c) => [c.name, c]));
    expect(by.functions).toMatchObject({ status: 'fail', actual: 50 });
    expect(g.passed).toBe(false);
    expect(evaluate(r, { minLines: 75, minFunctions: 50 }).passed).toBe(true);
  });
});

describe('base: nearest ancestor with a stored summary', () => {
  it('walks from the base to the first ancestor that has one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-cov-store-'));
    const store = directoryStore(dir);
    await store.put(stored('c3', 9, 10));
    await store.put(stored('c5', 5, 10));
    const found = await findBase(['c1', 'c2', 'c3', 'c4', 'c5'], (s) => store.get(s));
    expect(found.found).toMatchObject({ sha: 'c3', distance: 2 });
    expect(found.tried).toEqual(['c1', 'c2', 'c3']);
  });

  it('says plainly when none exists, or when the store is unavailable', async () => {
    const none = await findBase(['a', 'b'], async () => undefined);
    expect(none.found).toBeUndefined();
    expect(none.reason).toBe('no stored coverage for the base commit or its 1 nearest ancestors (is the gate run on pushes to the default branch?)');
    const down = await findBase(['a'], async () => {
      throw new Error('the Actions cache service is not available to this job');
    });
    expect(down.reason).toBe('the coverage store is unavailable (the Actions cache service is not available to this job)');
    expect((await findBase([], async () => undefined)).reason).toMatch(/not known/);
  });
});

describe('reporting within GitHub limits', () => {
  it('a huge report still gives one comment under 65,536 characters, verdict first', async () => {
    let text = '';
    for (let i = 0; i < 6000; i++) text += file(`src/module-${i}/a-rather-long-file-name-${i}.ts`, 20, i % 20);
    const r = await parseReport(text, 'big.info');
    const changed = new Map([...r.files.keys()].slice(0, 3000).map((p) => [p, new Set(Array.from({ length: 20 }, (_, i) => i + 1))]));
    const g = evaluate(r, { minLines: 80, minPatch: 80 }, patchCoverage(r, changed));
    const input = { result: g, base: { tried: [], reason: 'not a pull request' }, notes: [], reportNames: ['big.info'] };
    const body = commentMarkdown(input, 'web');
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(`${marker('web')}\n### Coverage\n\n❌ **Coverage gate failed**`)).toBe(true);
    expect(body).toContain('| Lines |');
    const summary = summaryMarkdown(input);
    expect(summary.length).toBeLessThanOrEqual(1_000_000);
    expect(summary).toContain('<details><summary>Changed lines not covered');
  });

  it('annotations: ranges merged, missed before partial, largest first, at most 10', async () => {
    let text = 'SF:a.ts\n';
    for (let l = 1; l <= 100; l++) text += `DA:${l},${l % 7 === 0 ? 1 : 0}\n`;
    text += 'BRDA:7,0,0,1\nBRDA:7,0,1,0\nend_of_record\n';
    const r = await parseReport(text, 'x.info');
    const g = evaluate(r, { minPatch: 90 }, patchCoverage(r, new Map([['a.ts', new Set(Array.from({ length: 100 }, (_, i) => i + 1))]])));
    const { annotations, rest } = planAnnotations(g);
    expect(annotations).toHaveLength(10);
    expect(rest).toBe(6); // 15 missed ranges (1-6, 8-13, ... 99-100) + 1 partial line, 10 shown
    expect(annotations[0]).toMatchObject({ level: 'error', file: 'a.ts', startLine: 1, endLine: 6 });
    expect(annotations.every((a) => a.title === 'Changed lines not covered by tests')).toBe(true);
  });
});
