/**
 * Markdown for the job summary and the sticky PR comment, and the annotations on uncovered
 * changed lines, all sized to GitHub's limits (comment body 65,536 characters, step summary
 * 1 MiB, 10 warning + 10 error annotations shown per step).
 */
import type { BaseLookup } from './base.js';
import type { Check, GateResult, UncoveredLine } from './gate.js';
import { type Count, type FileCounts, pct } from './model.js';

export const COMMENT_LIMIT = 65_536;
export const SUMMARY_LIMIT = 1_000_000;
export const ANNOTATIONS_PER_LEVEL = 10;

export function marker(id: string): string {
  return `<!-- slipway:coverage-gate${id ? `:${id}` : ''} -->`;
}

const fmtPct = (c: Count): string => {
  const p = pct(c);
  return p === undefined ? '–' : `${(Math.round(p * 100) / 100).toFixed(2)}%`;
};
const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');

export interface Range {
  path: string;
  start: number;
  end: number;
  status: 'missed' | 'partial';
}

/** Consecutive uncovered lines of one file and status, merged into ranges. */
export function toRanges(lines: UncoveredLine[]): Range[] {
  const out: Range[] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (last && last.path === l.path && last.status === l.status && last.end + 1 === l.line) last.end = l.line;
    else out.push({ path: l.path, start: l.line, end: l.line, status: l.status });
  }
  return out;
}

const rangeText = (r: Range) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`);

function statusIcon(c: Check): string {
  return c.status === 'pass' ? '✅' : c.status === 'fail' ? '❌' : '➖';
}

export function verdict(r: GateResult): string {
  const failed = r.checks.filter((c) => c.status === 'fail');
  const lines = fmtPct(r.totals.lines);
  if (failed.length === 0) return `✅ **Coverage gate passed**: lines ${lines}${r.patch ? `, changed lines ${fmtPct(r.patch.lines)}` : ''}`;
  const why = failed.map((c) => (c.name === 'drop' ? `dropped ${c.actual} points (max ${c.threshold})` : c.name === 'file' ? `${c.note} (min ${c.threshold}%)` : `${c.label.toLowerCase()} ${c.actual?.toFixed(2)}% < ${c.threshold}%`));
  return `❌ **Coverage gate failed**: ${why.join('; ')}`;
}

function totalsTable(r: GateResult): string {
  const rows: string[] = ['| | Coverage | Covered / total | Threshold | |', '|---|---:|---:|---:|---|'];
  const check = (n: Check['name']) => r.checks.find((c) => c.name === n);
  const metricRow = (label: string, c: Count, ch?: Check) =>
    rows.push(`| ${label} | ${fmtPct(c)} | ${c.hit} / ${c.found} | ${ch?.threshold !== undefined ? `${ch.threshold}%` : ''} | ${ch ? statusIcon(ch) + (ch.note ? ` ${esc(ch.note)}` : '') : ''} |`);
  metricRow('Lines', r.totals.lines, check('lines'));
  if (r.totals.branches.found > 0 || check('branches')) metricRow('Branches', r.totals.branches, check('branches'));
  if (r.totals.functions.found > 0 || check('functions')) metricRow('Functions', r.totals.functions, check('functions'));
  if (r.totals.statements.found > 0) metricRow('Statements', r.totals.statements);
  const f = check('file');
  if (f) rows.push(`| Each file (lines) | ${f.actual !== undefined ? `min ${f.actual.toFixed(2)}%` : '–'} | | ${f.threshold}% | ${statusIcon(f)}${f.note ? ` ${esc(f.note)}` : ''} |`);
  const p = check('patch');
  if (r.patch) metricRow('Changed lines', r.patch.lines, p);
  else if (p) rows.push(`| Changed lines | – | | ${p.threshold}% | ${statusIcon(p)} ${esc(p.note ?? '')} |`);
  const d = check('drop');
  if (r.delta !== undefined || d)
    rows.push(
      `| Change vs base | ${r.delta !== undefined ? `${r.delta >= 0 ? '+' : ''}${r.delta.toFixed(2)} pts` : '–'} | | ${d ? `max drop ${d.threshold}` : ''} | ${d ? statusIcon(d) + (d.note ? ` ${esc(d.note)}` : '') : ''} |`,
    );
  return rows.join('\n');
}

function fileRow(path: string, c: FileCounts, base?: Record<string, Count>): string {
  const b = base?.[path];
  const d = b && pct(b) !== undefined && pct(c.lines) !== undefined ? pct(c.lines)! - pct(b)! : undefined;
  return `| ${esc(path)} | ${fmtPct(c.lines)} | ${c.lines.found - c.lines.hit} | ${c.branches.found ? fmtPct(c.branches) : '–'} | ${d === undefined ? '' : `${d >= 0 ? '+' : ''}${d.toFixed(2)}`} |`;
}

function filesTable(files: GateResult['files'], base?: Record<string, Count>): string {
  return ['| File | Lines | Missed lines | Branches | Δ lines |', '|---|---:|---:|---:|---:|', ...files.map((f) => fileRow(f.path, f.counts, base))].join('\n');
}

export interface RenderInput {
  result: GateResult;
  base: BaseLookup;
  /** Warnings to show (path mapping, incomplete change set, comment not posted...). */
  notes: string[];
  /** Link to the job summary / run, for the comment. */
  runUrl?: string;
  reportNames: string[];
}

interface Budget {
  worst: number;
  allFiles: boolean;
  uncoveredRanges: number;
}

function render(inp: RenderInput, b: Budget, forComment: boolean): string {
  const r = inp.result;
  const parts: string[] = [verdict(r), '', totalsTable(r), ''];
  if (inp.base.found) {
    const f = inp.base.found;
    parts.push(`Base: \`${f.sha.slice(0, 7)}\`${f.distance > 0 ? ` (nearest ancestor with coverage, ${f.distance} commit${f.distance === 1 ? '' : 's'} before the base)` : ''}.`, '');
  } else parts.push(`No base coverage to compare with: ${inp.base.reason ?? 'not looked up'}.`, '');
  for (const n of inp.notes) parts.push(`> [!WARNING]\n> ${n.replace(/\n/g, '\n> ')}`, '');
  const baseFiles = inp.base.found?.summary.files;
  const measured = r.files.filter((f) => f.counts.lines.found > 0);
  const worst = [...measured].sort((x, y) => pct(x.counts.lines)! - pct(y.counts.lines)! || y.counts.lines.found - x.counts.lines.found).filter((f) => f.counts.lines.hit < f.counts.lines.found);
  if (b.worst > 0 && worst.length > 0) {
    parts.push(`**Least covered files** (${Math.min(b.worst, worst.length)} of ${worst.length} not fully covered)`, '', filesTable(worst.slice(0, b.worst), baseFiles), '');
  }
  if (r.patch && r.patch.uncovered.length > 0 && b.uncoveredRanges > 0) {
    const ranges = toRanges(r.patch.uncovered);
    const byFile = new Map<string, Range[]>();
    for (const x of ranges.slice(0, b.uncoveredRanges)) byFile.set(x.path, [...(byFile.get(x.path) ?? []), x]);
    const lines = [...byFile].map(([p, rs]) => `- \`${esc(p)}\`: ${rs.map((x) => `${rangeText(x)}${x.status === 'partial' ? ' (branch not taken)' : ''}`).join(', ')}`);
    if (ranges.length > b.uncoveredRanges) lines.push(`- ... and ${ranges.length - b.uncoveredRanges} more ranges${forComment ? ' (see the job summary)' : ''}`);
    parts.push(`<details><summary>Changed lines not covered (${r.patch.uncovered.length})</summary>`, '', ...lines, '', '</details>', '');
  }
  if (b.allFiles && r.files.length > 0) {
    parts.push(`<details><summary>All files (${r.files.length})</summary>`, '', filesTable(r.files, baseFiles), '', '</details>', '');
  }
  const formula = 'Totals are sums over all files (covered / total), never averages of file percentages; changed lines count as covered only when executed with every branch on them taken.';
  parts.push(`<sub>${esc(inp.reportNames.join(', '))} · ${formula}${forComment && inp.runUrl ? ` · [Full report](${inp.runUrl})` : ''}</sub>`);
  return parts.join('\n');
}

function fit(inp: RenderInput, limit: number, forComment: boolean, head: string): string {
  const tries: Budget[] = [
    { worst: 10, allFiles: true, uncoveredRanges: 200 },
    { worst: 10, allFiles: false, uncoveredRanges: 200 },
    { worst: 10, allFiles: false, uncoveredRanges: 50 },
    { worst: 5, allFiles: false, uncoveredRanges: 10 },
    { worst: 0, allFiles: false, uncoveredRanges: 0 },
  ];
  for (const b of tries) {
    const text = head + render(inp, b, forComment);
    if (text.length <= limit) return text;
  }
  // Even the smallest form is too long (huge notes or paths): cut it hard, keeping the verdict.
  const tail = '\n\n… cut to fit GitHub’s size limit; see the job summary.';
  return (head + render(inp, tries[tries.length - 1]!, forComment)).slice(0, limit - tail.length) + tail;
}

export function summaryMarkdown(inp: RenderInput, limit = SUMMARY_LIMIT): string {
  return fit(inp, limit, false, '## Coverage\n\n');
}

export function commentMarkdown(inp: RenderInput, id = '', limit = COMMENT_LIMIT): string {
  return fit(inp, limit, true, `${marker(id)}\n### Coverage\n\n`);
}

export interface PlannedAnnotation {
  level: 'error' | 'warning';
  message: string;
  title: string;
  file: string;
  startLine: number;
  endLine: number;
}

/**
 * Annotations on uncovered changed lines: ranges merged, the largest first (missed before
 * partial), at most 10 (what GitHub shows per level and step). `rest` says how many were left out.
 */
export function planAnnotations(r: GateResult): { annotations: PlannedAnnotation[]; rest: number } {
  if (!r.patch) return { annotations: [], rest: 0 };
  const failedPatch = r.checks.some((c) => c.name === 'patch' && c.status === 'fail');
  const ranges = toRanges(r.patch.uncovered).sort(
    (a, b) => (a.status === b.status ? 0 : a.status === 'missed' ? -1 : 1) || b.end - b.start - (a.end - a.start) || a.path.localeCompare(b.path) || a.start - b.start,
  );
  const annotations = ranges.slice(0, ANNOTATIONS_PER_LEVEL).map((x) => ({
    level: failedPatch ? ('error' as const) : ('warning' as const),
    title: x.status === 'missed' ? 'Changed lines not covered by tests' : 'Changed line partly covered',
    message:
      x.status === 'missed'
        ? `Line${x.start === x.end ? ` ${x.start} is` : `s ${x.start}-${x.end} are`} changed in this pull request and never run by the tests.`
        : `Line${x.start === x.end ? ` ${x.start}` : `s ${x.start}-${x.end}`}: a branch here is never taken by the tests.`,
    file: x.path,
    startLine: x.start,
    endLine: x.end,
  }));
  return { annotations, rest: Math.max(0, ranges.length - annotations.length) };
}
