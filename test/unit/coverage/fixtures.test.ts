// Our totals must equal each tool's own headline figures (recorded in totals.json by make.sh).
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Count, type Metric, mergeReports, pct, totals } from '../../../src/coverage/model.js';
import { parseReport } from '../../../src/coverage/parse.js';

const dir = join(import.meta.dirname, '../../../fixtures/coverage');
const stream = (rel: string) => createReadStream(join(dir, rel), { encoding: 'utf8', highWaterMark: 4096 });
const tool = (rel: string) => JSON.parse(readFileSync(join(dir, rel, 'totals.json'), 'utf8'));

function expectPct(c: Count, expected: { pct: number; covered?: number; total?: number }) {
  if (expected.total !== undefined) expect(c).toEqual({ found: expected.total, hit: expected.covered });
  // tools print rounded or truncated figures: ours must agree within 0.01 points of what they print
  expect(Math.abs(pct(c)! - expected.pct)).toBeLessThanOrEqual(0.01 + 0.0051);
}

async function totalsOf(rel: string, format: Parameters<typeof parseReport>[2] = 'auto') {
  return totals(await parseReport(stream(rel), rel, format));
}

describe('totals equal the tool’s own', () => {
  it('lcov: two TN sections of one file, merged like lcov -a', async () => {
    const t = await totalsOf('lcov/calc.info');
    const want = tool('lcov');
    for (const m of ['lines', 'functions', 'branches'] as Metric[]) expectPct(t[m], want[m]);
  });

  it('gcovr Cobertura', async () => {
    const r = await parseReport(stream('gcovr/coverage.xml'), 'gcovr/coverage.xml');
    expect(r.formats).toEqual(['cobertura']);
    const t = totals(r);
    const want = tool('gcovr');
    expectPct(t.lines, want.lines);
    expectPct(t.branches, want.branches);
  });

  it('coverage.py XML and JSON agree with coverage json totals', async () => {
    const want = tool('coveragepy');
    for (const f of ['coveragepy/coverage.xml', 'coveragepy/coverage.json']) {
      const t = await totalsOf(f);
      expectPct(t.lines, want.lines);
      expectPct(t.branches, want.branches);
    }
    // coverage.py's percent_covered combines lines and branches
    const t = await totalsOf('coveragepy/coverage.json');
    const combined = (100 * (t.lines.hit + t.branches.hit)) / (t.lines.found + t.branches.found);
    expect(Math.abs(combined - want.percent_covered)).toBeLessThanOrEqual(0.01);
  });

  for (const provider of ['istanbul', 'v8']) {
    it(`vitest ${provider}: every Istanbul format gives the text-summary figures`, async () => {
      const want = tool(`vitest-${provider}`);
      const final = await totalsOf(`vitest-${provider}/coverage-final.json`);
      const summary = await totalsOf(`vitest-${provider}/coverage-summary.json`);
      const lcov = await totalsOf(`vitest-${provider}/lcov.info`);
      const clover = await totalsOf(`vitest-${provider}/clover.xml`);
      for (const m of ['lines', 'statements', 'functions', 'branches'] as Metric[]) {
        expectPct(final[m], want[m]);
        expectPct(summary[m], want[m]);
      }
      for (const m of ['lines', 'functions', 'branches'] as Metric[]) expectPct(lcov[m], want[m]);
      for (const m of ['lines', 'functions', 'branches'] as Metric[]) expectPct(clover[m], want[m]);
      const cob = await totalsOf(`vitest-${provider}/cobertura-coverage.xml`);
      expectPct(cob.lines, want.lines);
      expectPct(cob.branches, want.branches);
    });
  }

  it('JaCoCo: LINE, BRANCH, METHOD and INSTRUCTION counters', async () => {
    const want = tool('jacoco');
    const t = await totalsOf('jacoco/jacoco.xml');
    expectPct(t.lines, want.lines);
    expectPct(t.branches, want.branches);
    expectPct(t.functions, want.functions);
    expectPct(t.statements, want.instructions);
  });

  it('Go: set, atomic and count profiles give go tool cover -func totals', async () => {
    const want = tool('go');
    for (const p of ['set', 'atomic', 'count-shard1']) {
      const t = await totalsOf(`go/${p}.out`);
      expect(Math.abs(pct(t.statements)! - want[p].statements.pct)).toBeLessThanOrEqual(0.05 + 0.01);
      expect(t.lines).toEqual(t.statements);
    }
  });

  it('Go: shards merge without double counting; duplicate blocks in one profile equal the whole run', async () => {
    const whole = await totalsOf('go/set.out');
    const dup = await totalsOf('go/count-duplicates.out');
    const s1 = await parseReport(stream('go/count-shard1.out'), 's1');
    const s2 = await parseReport(stream('go/count-shard2.out'), 's2');
    const merged = totals(mergeReports([s1, s2]));
    expect(dup.statements).toEqual(whole.statements);
    expect(merged.statements).toEqual(whole.statements);
    expect(totals(s1).statements.found).toBe(whole.statements.found);
  });
});
