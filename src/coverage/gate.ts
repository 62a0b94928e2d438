/**
 * The gate: totals, patch coverage and the change against the base, checked against thresholds.
 * Percentages are compared after rounding to 2 decimals (what the summary shows), so a figure
 * shown as 80.00% never fails a min of 80.
 */
import type { ChangedLines } from './diff.js';
import { type Count, type CoverageReport, type FileCounts, type LineStatus, type Metric, fileCounts, lineStatuses, pct, totals } from './model.js';

export interface Thresholds {
  minLines?: number;
  minBranches?: number;
  minFunctions?: number;
  minFile?: number;
  minPatch?: number;
  maxDrop?: number;
}

export interface UncoveredLine {
  path: string;
  line: number;
  status: Exclude<LineStatus, 'covered'>;
}

export interface PatchResult {
  /** Changed executable lines; covered = executed with every branch on the line taken. */
  lines: Count;
  partial: number;
  uncovered: UncoveredLine[];
  files: { path: string; count: Count }[];
  /** Changed files the report knows nothing about (not code, or not measured). */
  unmeasuredFiles: number;
}

export function patchCoverage(report: CoverageReport, changed: ChangedLines): PatchResult {
  const res: PatchResult = { lines: { found: 0, hit: 0 }, partial: 0, uncovered: [], files: [], unmeasuredFiles: 0 };
  for (const [path, lines] of changed) {
    const f = report.files.get(path);
    if (!f) {
      res.unmeasuredFiles++;
      continue;
    }
    const st = lineStatuses(f);
    const c: Count = { found: 0, hit: 0 };
    for (const l of [...lines].sort((a, b) => a - b)) {
      const s = st.get(l);
      if (!s) continue;
      c.found++;
      if (s === 'covered') c.hit++;
      else {
        if (s === 'partial') res.partial++;
        res.uncovered.push({ path, line: l, status: s });
      }
    }
    if (c.found > 0) res.files.push({ path, count: c });
    res.lines.found += c.found;
    res.lines.hit += c.hit;
  }
  return res;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface Check {
  name: 'lines' | 'branches' | 'functions' | 'file' | 'patch' | 'drop';
  label: string;
  /** The figure shown (a percentage, or the drop in points). */
  actual?: number;
  threshold?: number;
  status: 'pass' | 'fail' | 'skip';
  note?: string;
}

export interface BaseInfo {
  sha: string;
  /** How many commits back from the wanted base it was found (0 = the base itself). */
  distance: number;
  totals: FileCounts;
}

export interface GateResult {
  totals: FileCounts;
  files: { path: string; counts: FileCounts }[];
  patch?: PatchResult;
  base?: BaseInfo;
  /** Lines % now minus lines % of the base, in points. */
  delta?: number;
  checks: Check[];
  passed: boolean;
}

function metricCheck(name: 'lines' | 'branches' | 'functions', label: string, c: Count, min: number | undefined): Check | undefined {
  if (min === undefined) return undefined;
  const p = pct(c);
  if (p === undefined) return { name, label, threshold: min, status: 'skip', note: `the report has no ${name} data` };
  const actual = round2(p);
  return { name, label, actual, threshold: min, status: actual >= min ? 'pass' : 'fail' };
}

export function evaluate(report: CoverageReport, t: Thresholds, patch?: PatchResult, base?: BaseInfo): GateResult {
  const tot = totals(report);
  const files = [...report.files.values()].map((f) => ({ path: f.path, counts: fileCounts(f) })).sort((a, b) => a.path.localeCompare(b.path));
  const checks: Check[] = [];
  const push = (c: Check | undefined) => c && checks.push(c);
  push(metricCheck('lines', 'Lines', tot.lines, t.minLines));
  push(metricCheck('branches', 'Branches', tot.branches, t.minBranches));
  push(metricCheck('functions', 'Functions', tot.functions, t.minFunctions));
  if (t.minFile !== undefined) {
    const low = files.filter((f) => f.counts.lines.found > 0 && round2(pct(f.counts.lines)!) < t.minFile!);
    push({
      name: 'file',
      label: 'Each file (lines)',
      threshold: t.minFile,
      actual: files.length ? Math.min(...files.filter((f) => f.counts.lines.found > 0).map((f) => round2(pct(f.counts.lines)!))) : undefined,
      status: low.length ? 'fail' : 'pass',
      note: low.length ? `${low.length} file${low.length === 1 ? '' : 's'} below: ${low.slice(0, 3).map((f) => f.path).join(', ')}${low.length > 3 ? ', ...' : ''}` : undefined,
    });
  }
  if (t.minPatch !== undefined) {
    if (!patch) push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, status: 'skip', note: 'no change set (not a pull request)' });
    else if (patch.lines.found === 0) push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, status: 'pass', note: 'no changed executable lines' });
    else {
      const actual = round2(pct(patch.lines)!);
      push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, actual, status: actual >= t.minPatch ? 'pass' : 'fail' });
    }
  }
  const now = pct(tot.lines);
  const was = base ? pct(base.totals.lines) : undefined;
  const delta = now !== undefined && was !== undefined ? round2(now - was) : undefined;
  if (t.maxDrop !== undefined) {
    if (delta === undefined) push({ name: 'drop', label: 'Drop vs base (points)', threshold: t.maxDrop, status: 'skip', note: base ? 'the base has no line data' : 'no base coverage found' });
    else push({ name: 'drop', label: 'Drop vs base (points)', threshold: t.maxDrop, actual: round2(-delta), status: -delta <= t.maxDrop ? 'pass' : 'fail' });
  }
  return { totals: tot, files, patch, base, delta, checks, passed: checks.every((c) => c.status !== 'fail') };
}

export function metricPct(r: GateResult, m: Metric): number | undefined {
  const p = pct(r.totals[m]);
  return p === undefined ? undefined : round2(p);
}
