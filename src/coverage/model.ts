/**
 * One normalised coverage model for every report format.
 *
 * A file keeps its executable lines (line -> hits), branch points, functions and, where the
 * format has them, statements. Each point has a format-specific key, so the same point seen in
 * two reports (shards of one test suite, or a file repeated inside one report) is counted once.
 *
 * Totals are computed the way each originating tool computes its own headline figure:
 *  - lcov: DA lines, BRDA branches (taken `-` = found, not hit), FN functions (`lcov --summary`);
 *  - Cobertura: `<line>` elements, `condition-coverage` (covered/total) for branches;
 *  - JaCoCo: LINE, BRANCH and METHOD counters (line status from `mi`/`ci`, branches from `mb`/`cb`);
 *  - Clover: the file's `<metrics>` (statements, conditionals, methods), as Clover prints them;
 *  - Istanbul: statements `s`, functions `f`, branches `b`, lines = the max statement hits per
 *    start line (`istanbul-lib-coverage` getLineCoverage);
 *  - Go: statements weighted by `numStmt` (`go tool cover -func`); this is also the `lines` figure
 *    for Go files, since Go has no line metric of its own;
 *  - coverage.py: `covered_lines / num_statements` and `covered_branches / num_branches`.
 * A total is always the sum of hits over the sum of points; file percentages are never averaged.
 */
export type Metric = 'lines' | 'branches' | 'functions' | 'statements';
export const METRICS: readonly Metric[] = ['lines', 'branches', 'functions', 'statements'];

export type Format =
  | 'lcov'
  | 'cobertura'
  | 'jacoco'
  | 'clover'
  | 'istanbul-final'
  | 'istanbul-summary'
  | 'go'
  | 'coveragepy-json';
export const FORMATS: readonly Format[] = [
  'lcov',
  'cobertura',
  'jacoco',
  'clover',
  'istanbul-final',
  'istanbul-summary',
  'go',
  'coveragepy-json',
];

export interface Count {
  found: number;
  hit: number;
}

export interface BranchPoint {
  line: number;
  taken: number;
}

export interface FunctionPoint {
  name: string;
  line: number;
  hits: number;
}

export interface StatementPoint {
  line: number;
  endLine: number;
  hits: number;
  /** How many statements the point stands for (Go blocks carry numStmt). */
  weight: number;
}

/**
 * Executable lines of one file, stored densely by line number (huge reports stay small in
 * memory): hits per line, and for formats that give branches only as per-line counts (Cobertura
 * `condition-coverage`, JaCoCo `mb`/`cb`, Clover) the branches found and covered on the line.
 */
export class LineTable {
  // Hits per line (-1: not an executable line), saturating at 2^31-1: only "hit or not" and
  // sums of lines matter, never the raw count. Branch counts per line saturate at 65,535.
  private hits = new Int32Array(16).fill(-1);
  private brFound: Uint16Array | undefined;
  private brHit: Uint16Array | undefined;
  private count = 0;
  private max = 0;

  private resize(n: number): void {
    const h = new Int32Array(n).fill(-1);
    h.set(this.hits.subarray(0, Math.min(n, this.hits.length)));
    this.hits = h;
    if (this.brFound) {
      const f = new Uint16Array(n);
      f.set(this.brFound.subarray(0, Math.min(n, this.brFound.length)));
      this.brFound = f;
      const t = new Uint16Array(n);
      t.set(this.brHit!.subarray(0, Math.min(n, this.brHit!.length)));
      this.brHit = t;
    }
  }

  private grow(line: number): void {
    if (line < this.hits.length) return;
    let n = this.hits.length;
    while (n <= line) n *= 2;
    this.resize(n);
  }

  /** Trims the storage to the last line (called when a file is complete). */
  compact(): void {
    if (this.hits.length > this.max + 1) this.resize(this.max + 1);
  }

  /** Adds hits to a line (a line seen twice is one line). */
  add(line: number, hits: number): void {
    if (line >= this.hits.length) this.grow(line);
    const cur = this.hits[line]!;
    const h = hits > 0x7fffffff ? 0x7fffffff : hits > 0 && hits < 1 ? 1 : hits;
    if (cur < 0) {
      this.count++;
      if (line > this.max) this.max = line;
      this.hits[line] = h;
    } else this.hits[line] = Math.min(0x7fffffff, cur + h);
  }

  /** `add` for a count already known to be an integer from 0 to 2^31-1 (the parsers' fast paths). */
  addInt(line: number, hits: number): void {
    if (line >= this.hits.length) this.grow(line);
    const cur = this.hits[line]!;
    if (cur < 0) {
      this.count++;
      if (line > this.max) this.max = line;
      this.hits[line] = hits;
    } else {
      const t = cur + hits;
      this.hits[line] = t > 0x7fffffff ? 0x7fffffff : t;
    }
  }

  /** Keeps the larger hit count (the same line written twice in one report). */
  keepMax(line: number, hits: number): void {
    if (line >= this.hits.length) this.grow(line);
    const cur = this.hits[line]!;
    const h = hits > 0x7fffffff ? 0x7fffffff : hits > 0 && hits < 1 ? 1 : hits;
    if (cur < 0) {
      this.count++;
      if (line > this.max) this.max = line;
      this.hits[line] = h;
    } else if (h > cur) this.hits[line] = h;
  }

  get(line: number): number | undefined {
    const v = line < this.hits.length ? this.hits[line]! : -1;
    return v < 0 ? undefined : v;
  }

  get size(): number {
    return this.count;
  }

  /** Per-line branch counts; merging keeps the larger found and covered (no identity to union). */
  setBranches(line: number, found: number, hit: number): void {
    this.grow(line);
    if (!this.brFound) {
      this.brFound = new Uint16Array(this.hits.length);
      this.brHit = new Uint16Array(this.hits.length);
    }
    const f = Math.min(found, 0xffff);
    const h = Math.min(hit, 0xffff);
    if (f > this.brFound[line]!) this.brFound[line] = f;
    if (h > this.brHit![line]!) this.brHit![line] = h;
  }

  branchesAt(line: number): Count | undefined {
    if (!this.brFound || line >= this.brFound.length || this.brFound[line] === 0) return undefined;
    return { found: this.brFound[line]!, hit: this.brHit![line]! };
  }

  get hasLineBranches(): boolean {
    return this.brFound !== undefined;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i <= this.max; i++) {
      const v = this.hits[i]!;
      if (v >= 0) yield [i, v];
    }
  }

  lineCount(): Count {
    let hit = 0;
    for (let i = 0; i <= this.max; i++) if (this.hits[i]! > 0) hit++;
    return { found: this.count, hit };
  }

  lineBranchCount(): Count {
    let found = 0;
    let hit = 0;
    if (this.brFound) {
      for (let i = 0; i < this.brFound.length; i++) {
        found += this.brFound[i]!;
        hit += this.brHit![i]!;
      }
    }
    return { found, hit };
  }

  mergeFrom(o: LineTable): void {
    for (const [line, hits] of o.entries()) this.add(line, hits);
    if (o.brFound) {
      for (let i = 0; i < o.brFound.length; i++) if (o.brFound[i]! > 0) this.setBranches(i, o.brFound[i]!, o.brHit![i]!);
    }
  }
}

export interface FileCoverage {
  /** Path as written in the report, normalised (forward slashes); mapped to the repo later. */
  path: string;
  format: Format;
  lines: LineTable;
  /** Branch points with an identity (lcov BRDA, Istanbul b, coverage.py arcs). */
  branches: Map<string | number, BranchPoint>;
  functions: Map<string, FunctionPoint>;
  statements: Map<string, StatementPoint>;
  /** Go: the `lines` figure is the statement figure (see above). */
  linesFromStatements?: boolean;
  /**
   * Counts the format gives only as totals (Clover metrics, coverage-summary.json, JaCoCo
   * METHOD counters): they replace the count computed from points for that metric.
   */
  fixed: Partial<Record<Metric, Count>>;
}

export function newFile(path: string, format: Format): FileCoverage {
  return { path, format, lines: new LineTable(), branches: new Map(), functions: new Map(), statements: new Map(), fixed: {} };
}

export interface CoverageReport {
  files: Map<string, FileCoverage>;
  /** Where it came from (report file names), for messages. */
  sources: string[];
  formats: Format[];
}

export function emptyReport(): CoverageReport {
  return { files: new Map(), sources: [], formats: [] };
}

/** Adds hits of `add` into the point map (same key = same point). */
function mergeHits<T extends { hits: number }>(into: Map<string, T>, from: Map<string, T>): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur) cur.hits += v.hits;
    else into.set(k, { ...v });
  }
}

/**
 * Merges `from` into `into` (same file): hits add up, each point counted once. Used for a file
 * repeated inside one report (lcov `SF` under several `TN`, Cobertura classes) and across reports
 * (shards). Fixed counts cannot be unioned: the larger hit count wins (documented limitation).
 */
export function mergeFile(into: FileCoverage, from: FileCoverage): void {
  into.lines.mergeFrom(from.lines);
  for (const [k, b] of from.branches) {
    const cur = into.branches.get(k);
    if (cur) cur.taken += b.taken;
    else into.branches.set(k, { ...b });
  }
  mergeHits(into.functions, from.functions);
  mergeHits(into.statements, from.statements);
  into.linesFromStatements ||= from.linesFromStatements;
  for (const m of METRICS) {
    const f = from.fixed[m];
    if (!f) continue;
    const cur = into.fixed[m];
    if (!cur || f.found > cur.found || (f.found === cur.found && f.hit > cur.hit)) into.fixed[m] = { ...f };
  }
}

export function addFile(report: CoverageReport, file: FileCoverage): void {
  const cur = report.files.get(file.path);
  if (cur) mergeFile(cur, file);
  else {
    file.lines.compact();
    report.files.set(file.path, file);
  }
}

export function mergeReports(reports: CoverageReport[]): CoverageReport {
  const out = emptyReport();
  for (const r of reports) {
    for (const f of r.files.values()) addFile(out, f);
    out.sources.push(...r.sources);
    for (const fmt of r.formats) if (!out.formats.includes(fmt)) out.formats.push(fmt);
  }
  return out;
}

function countHits(values: Iterable<number>): Count {
  let found = 0;
  let hit = 0;
  for (const v of values) {
    found++;
    if (v > 0) hit++;
  }
  return { found, hit };
}

function* hitsOf<T extends { hits: number }>(m: Map<string, T>): Iterable<number> {
  for (const v of m.values()) yield v.hits;
}

function branchCount(f: FileCoverage): Count {
  let found = 0;
  let hit = 0;
  for (const v of f.branches.values()) {
    found++;
    if (v.taken > 0) hit++;
  }
  const l = f.lines.lineBranchCount();
  return { found: found + l.found, hit: hit + l.hit };
}

function statementCount(f: FileCoverage): Count {
  let found = 0;
  let hit = 0;
  for (const s of f.statements.values()) {
    found += s.weight;
    if (s.hits > 0) hit += s.weight;
  }
  return { found, hit };
}

export type FileCounts = Record<Metric, Count>;

/** The counts of one file, per metric, as its tool counts them. */
export function fileCounts(f: FileCoverage): FileCounts {
  const statements = f.fixed.statements ?? statementCount(f);
  return {
    lines: f.fixed.lines ?? (f.linesFromStatements ? statements : f.lines.lineCount()),
    branches: f.fixed.branches ?? branchCount(f),
    functions: f.fixed.functions ?? countHits(hitsOf(f.functions)),
    statements,
  };
}

export function zeroCounts(): FileCounts {
  return {
    lines: { found: 0, hit: 0 },
    branches: { found: 0, hit: 0 },
    functions: { found: 0, hit: 0 },
    statements: { found: 0, hit: 0 },
  };
}

export function addCounts(into: FileCounts, c: FileCounts): void {
  for (const m of METRICS) {
    into[m].found += c[m].found;
    into[m].hit += c[m].hit;
  }
}

/** Totals over all files: sums of points, never an average of percentages. */
export function totals(report: CoverageReport): FileCounts {
  const t = zeroCounts();
  for (const f of report.files.values()) addCounts(t, fileCounts(f));
  return t;
}

/** Percentage, or undefined when there is nothing to measure. Not rounded. */
export function pct(c: Count): number | undefined {
  return c.found === 0 ? undefined : (100 * c.hit) / c.found;
}

/**
 * Per-line status for patch coverage and annotations: a line is `covered` when executed and every
 * branch on it was taken, `partial` when executed with a branch never taken, `missed` otherwise.
 */
export type LineStatus = 'covered' | 'partial' | 'missed';

export function lineStatuses(f: FileCoverage): Map<number, LineStatus> {
  const branchByLine = new Map<number, Count>();
  for (const b of f.branches.values()) {
    const c = branchByLine.get(b.line) ?? { found: 0, hit: 0 };
    c.found++;
    if (b.taken > 0) c.hit++;
    branchByLine.set(b.line, c);
  }
  const out = new Map<number, LineStatus>();
  for (const [line, hits] of f.lines.entries()) {
    if (hits <= 0) out.set(line, 'missed');
    else {
      const b = branchByLine.get(line) ?? f.lines.branchesAt(line);
      out.set(line, b && b.hit < b.found ? 'partial' : 'covered');
    }
  }
  return out;
}
