/**
 * JSON formats: Istanbul `coverage-final.json` (istanbuljs docs/raw-output.md; also Jest's
 * `--json` output with an embedded `coverageMap`), Istanbul `coverage-summary.json`, and
 * coverage.py `coverage json` (doc/commands/cmd_json.rst).
 */
import { UserError } from '../../errors.js';
import { type Count, type CoverageReport, type Format, addFile, emptyReport, newFile } from '../model.js';
import { normalisePath, parseCount } from './util.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJsonText(text: string, name: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? `${name}:${text.slice(0, Number(m[1])).split('\n').length}` : name;
    throw new UserError(`not valid JSON: ${(e as Error).message.replace(/^.*?JSON[^:]*: ?/, '')}`, where);
  }
}

export function jsonFormat(data: unknown): Format | undefined {
  if (!isObj(data)) return undefined;
  if (isObj(data.meta) && isObj(data.files) && isObj(data.totals)) return 'coveragepy-json';
  if (isObj(data.coverageMap)) return 'istanbul-final';
  if (isObj(data.total) && isObj((data.total as Obj).lines)) return 'istanbul-summary';
  const first = Object.values(data)[0];
  if (isObj(first)) {
    const fc = isObj(first.data) ? first.data : first;
    if (isObj(fc.statementMap) && isObj(fc.s)) return 'istanbul-final';
  }
  return undefined;
}

function count(v: unknown, where: string, what: string): number {
  if (typeof v === 'number') return parseCount(String(v), where, what);
  if (typeof v === 'string') return parseCount(v, where, what);
  throw new UserError(`${what} must be a number, got ${JSON.stringify(v)?.slice(0, 40)}`, where);
}

function line(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new UserError(`line must be a non-negative integer, got ${JSON.stringify(v)?.slice(0, 40)}`, where);
  return v;
}

function startLine(loc: unknown): number | undefined {
  if (isObj(loc) && isObj(loc.start) && typeof loc.start.line === 'number') return loc.start.line;
  return undefined;
}

export function parseIstanbulFinal(data: unknown, name: string): CoverageReport {
  const report = emptyReport();
  report.sources.push(name);
  report.formats.push('istanbul-final');
  let map = data;
  if (isObj(data) && isObj(data.coverageMap)) map = data.coverageMap;
  if (!isObj(map)) throw new UserError('expected an object of file coverage keyed by path', name);
  for (const [key, raw] of Object.entries(map)) {
    const fc = isObj(raw) && isObj(raw.data) ? raw.data : raw;
    const at = `${name}: ${key}`;
    if (!isObj(fc) || !isObj(fc.statementMap) || !isObj(fc.s) || !isObj(fc.fnMap) || !isObj(fc.f) || !isObj(fc.branchMap) || !isObj(fc.b))
      throw new UserError('file coverage needs statementMap, s, fnMap, f, branchMap and b', at);
    const file = newFile(normalisePath(typeof fc.path === 'string' ? fc.path : key), 'istanbul-final');
    // Lines: istanbul-lib-coverage getLineCoverage = the max hits of the statements starting on each line.
    const lineMax = new Map<number, number>();
    for (const [id, hitsRaw] of Object.entries(fc.s)) {
      const hits = count(hitsRaw, `${at}.s.${id}`, 'statement count');
      const l = startLine(fc.statementMap[id]);
      if (l === undefined) continue;
      line(l, `${at}.statementMap.${id}`);
      file.statements.set(id, { line: l, endLine: l, hits, weight: 1 });
      const prev = lineMax.get(l);
      if (prev === undefined || prev < hits) lineMax.set(l, hits);
    }
    for (const [l, h] of lineMax) if (l > 0) file.lines.add(l, h);
    for (const [id, hitsRaw] of Object.entries(fc.f)) {
      const hits = count(hitsRaw, `${at}.f.${id}`, 'function count');
      const meta = fc.fnMap[id];
      const fnLine = isObj(meta) ? (startLine(meta.decl) ?? startLine(meta.loc) ?? (typeof meta.line === 'number' ? meta.line : 0)) : 0;
      file.functions.set(id, { name: isObj(meta) && typeof meta.name === 'string' ? meta.name : id, line: fnLine, hits });
    }
    for (const [id, arr] of Object.entries(fc.b)) {
      if (!Array.isArray(arr)) throw new UserError('branch counts must be an array', `${at}.b.${id}`);
      const meta = fc.branchMap[id];
      const locs = isObj(meta) && Array.isArray(meta.locations) ? meta.locations : [];
      const base = isObj(meta) ? (startLine(meta.loc) ?? (typeof meta.line === 'number' ? meta.line : 0)) : 0;
      arr.forEach((v, i) => {
        const taken = count(v, `${at}.b.${id}[${i}]`, 'branch count');
        file.branches.set(`${id}:${i}`, { line: base || startLine(locs[i]) || 0, taken });
      });
    }
    addFile(report, file);
  }
  return report;
}

export function parseIstanbulSummary(data: unknown, name: string): CoverageReport {
  const report = emptyReport();
  report.sources.push(name);
  report.formats.push('istanbul-summary');
  if (!isObj(data)) throw new UserError('expected an object with total and per-file summaries', name);
  for (const [key, raw] of Object.entries(data)) {
    if (key === 'total') continue;
    const at = `${name}: ${key}`;
    if (!isObj(raw)) throw new UserError('file summary must be an object', at);
    const file = newFile(normalisePath(key), 'istanbul-summary');
    for (const m of ['lines', 'statements', 'functions', 'branches'] as const) {
      const s = raw[m];
      if (s === undefined) continue;
      if (!isObj(s)) throw new UserError(`${m} must be an object with total and covered`, at);
      const c: Count = { found: count(s.total, `${at}.${m}.total`, 'total'), hit: count(s.covered, `${at}.${m}.covered`, 'covered') };
      if (c.hit > c.found) throw new UserError(`${m}: covered ${c.hit} is more than total ${c.found}`, at);
      file.fixed[m] = c;
    }
    addFile(report, file);
  }
  return report;
}

export function parseCoveragePyJson(data: unknown, name: string): CoverageReport {
  const report = emptyReport();
  report.sources.push(name);
  report.formats.push('coveragepy-json');
  if (!isObj(data) || !isObj(data.files)) throw new UserError('expected coverage.py JSON with meta, files and totals', name);
  for (const [key, raw] of Object.entries(data.files)) {
    const at = `${name}: files.${key}`;
    if (!isObj(raw) || !Array.isArray(raw.executed_lines) || !Array.isArray(raw.missing_lines))
      throw new UserError('a file needs executed_lines and missing_lines arrays', at);
    const file = newFile(normalisePath(key), 'coveragepy-json');
    raw.executed_lines.forEach((l, i) => {
      const n = line(l, `${at}.executed_lines[${i}]`);
      if (n > 0) file.lines.add(n, 1);
    });
    raw.missing_lines.forEach((l, i) => {
      const n = line(l, `${at}.missing_lines[${i}]`);
      if (n > 0) file.lines.add(n, 0);
    });
    for (const [field, taken] of [
      ['executed_branches', 1],
      ['missing_branches', 0],
    ] as const) {
      const arcs = raw[field];
      if (arcs === undefined) continue;
      if (!Array.isArray(arcs)) throw new UserError(`${field} must be an array`, at);
      arcs.forEach((arc, i) => {
        if (!Array.isArray(arc) || arc.length !== 2 || arc.some((x) => typeof x !== 'number'))
          throw new UserError(`${field}[${i}] must be a [from, to] pair of line numbers`, at);
        const from = arc[0] as number;
        file.branches.set(`${from}>${arc[1] as number}`, { line: Math.abs(from), taken });
      });
    }
    addFile(report, file);
  }
  return report;
}
