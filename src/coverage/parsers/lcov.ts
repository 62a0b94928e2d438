/**
 * lcov tracefile parser (geninfo(1) "TRACEFILE FORMAT"), streaming line by line.
 *
 * - Records: TN, SF, VER, FN/FNDA (old), FNL/FNA (lcov >= 2.2, counted per function group),
 *   BRDA (`-` taken = found but never evaluated; `e`/`f`/`U` block flags kept in the key), DA,
 *   end_of_record. Summary records (LF/LH, BRF/BRH, FNF/FNH, MCF/MCH) are ignored: totals are
 *   recomputed from the points, as lcov itself does when merging. MCDC records are ignored.
 * - The same SF in several records (several TN sections, or repeated) is merged: hits add up and
 *   each point (DA line, BRDA line/block/branch, function) counts once.
 * - BRDA's branch may be an expression containing commas: line and block are read from the left,
 *   taken from the right.
 * - Line 0 (coverage.py's `BRDA:0,...`) is not a source line and is dropped.
 */
import { UserError } from '../../errors.js';
import { type CoverageReport, type FileCoverage, addFile, emptyReport, newFile } from '../model.js';
import { type Text, chunksOf, clip, normalisePath, parseCount, parseLine } from './util.js';

export class LcovParser {
  readonly report: CoverageReport = emptyReport();
  private rest = '';
  private lineNo = 0;
  private file: FileCoverage | undefined;
  private fnl = new Map<string, number>();
  private sawRecord = false;

  constructor(private readonly name: string) {
    this.report.sources.push(name);
    this.report.formats.push('lcov');
  }

  push(chunk: string): void {
    let text = this.rest.length > 0 ? this.rest + chunk : chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      this.line(text, start, nl);
      start = nl + 1;
    }
    this.rest = start < text.length ? text.slice(start) : '';
    text = '';
    if (this.rest.length > 1 << 20) throw new UserError('a line is longer than 1 MB: this is not an lcov tracefile', `${this.name}:${this.lineNo + 1}`);
  }

  end(): CoverageReport {
    if (this.rest.length > 0) {
      const t = this.rest;
      this.rest = '';
      this.line(t, 0, t.length);
    }
    this.flush();
    if (!this.sawRecord) throw new UserError('no lcov records (SF:/DA:/end_of_record) found', this.name);
    return this.report;
  }

  private where(): string {
    return `${this.name}:${this.lineNo}`;
  }

  private flush(): void {
    if (this.file) addFile(this.report, this.file);
    this.file = undefined;
    this.fnl.clear();
  }

  private need(kind: string): FileCoverage {
    if (!this.file) throw new UserError(`${kind} record outside a file section (no SF: before it)`, this.where());
    return this.file;
  }

  private line(text: string, start: number, endRaw: number): void {
    this.lineNo++;
    let end = endRaw;
    if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
    // skip leading blanks
    while (start < end && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    if (start === end) return;
    const c0 = text.charCodeAt(start);
    if (c0 === 35 /* # */) return;
    const colon = text.indexOf(':', start);
    if (colon === -1 || colon > end) {
      const word = text.slice(start, end).trim();
      if (word === 'end_of_record') {
        this.flush();
        this.sawRecord = true;
        return;
      }
      throw new UserError(`'${clip(word)}' is not an lcov record`, this.where());
    }
    const key = text.slice(start, colon);
    const val = text.slice(colon + 1, end);
    switch (key) {
      case 'DA': {
        const f = this.need('DA');
        const c1 = val.indexOf(',');
        if (c1 === -1) throw new UserError(`DA needs <line>,<count>, got '${clip(val)}'`, this.where());
        const c2 = val.indexOf(',', c1 + 1);
        const line = parseLine(val.slice(0, c1), this.where());
        const hits = parseCount(c2 === -1 ? val.slice(c1 + 1) : val.slice(c1 + 1, c2), this.where(), 'DA count');
        if (line > 0) f.lines.add(line, hits);
        return;
      }
      case 'BRDA': {
        const f = this.need('BRDA');
        const c1 = val.indexOf(',');
        const c2 = c1 === -1 ? -1 : val.indexOf(',', c1 + 1);
        const cl = val.lastIndexOf(',');
        if (c1 === -1 || c2 === -1 || cl <= c2) throw new UserError(`BRDA needs <line>,<block>,<branch>,<taken>, got '${clip(val)}'`, this.where());
        const line = parseLine(val.slice(0, c1), this.where());
        const takenRaw = val.slice(cl + 1).trim();
        const taken = takenRaw === '-' ? 0 : parseCount(takenRaw, this.where(), 'BRDA taken');
        if (line === 0) return;
        const k = val.slice(0, cl);
        const cur = f.branches.get(k);
        if (cur) cur.taken += taken;
        else f.branches.set(k, { line, taken });
        return;
      }
      case 'SF': {
        this.flush();
        const p = normalisePath(val);
        this.file = p.length > 0 ? newFile(p, 'lcov') : undefined;
        this.sawRecord = true;
        if (!this.file) this.file = newFile('', 'lcov'); // records of an empty SF are read, then dropped
        return;
      }
      case 'FN': {
        const f = this.need('FN');
        const c1 = val.indexOf(',');
        if (c1 === -1) throw new UserError(`FN needs <line>,[<end>,]<name>, got '${clip(val)}'`, this.where());
        const line = parseLine(val.slice(0, c1), this.where());
        let name = val.slice(c1 + 1);
        const c2 = name.indexOf(',');
        if (c2 !== -1 && /^\d+$/.test(name.slice(0, c2))) name = name.slice(c2 + 1);
        if (!f.functions.has(name)) f.functions.set(name, { name, line, hits: 0 });
        return;
      }
      case 'FNDA': {
        const f = this.need('FNDA');
        const c1 = val.indexOf(',');
        if (c1 === -1) throw new UserError(`FNDA needs <count>,<name>, got '${clip(val)}'`, this.where());
        const hits = parseCount(val.slice(0, c1), this.where(), 'FNDA count');
        const name = val.slice(c1 + 1);
        const fn = f.functions.get(name);
        if (fn) fn.hits += hits;
        else f.functions.set(name, { name, line: 0, hits });
        return;
      }
      case 'FNL': {
        this.need('FNL');
        const [idx, startLine] = val.split(',');
        this.fnl.set(idx ?? '', parseLine(startLine ?? '', this.where()));
        return;
      }
      case 'FNA': {
        const f = this.need('FNA');
        const c1 = val.indexOf(',');
        const c2 = c1 === -1 ? -1 : val.indexOf(',', c1 + 1);
        if (c2 === -1) throw new UserError(`FNA needs <index>,<count>,<name>, got '${clip(val)}'`, this.where());
        const idx = val.slice(0, c1);
        const hits = parseCount(val.slice(c1 + 1, c2), this.where(), 'FNA count');
        const line = this.fnl.get(idx);
        if (line === undefined) throw new UserError(`FNA refers to function ${idx}, which has no FNL`, this.where());
        // A function group (aliases share one FNL) counts once, keyed by its location.
        const k = `@${line}`;
        const fn = f.functions.get(k);
        if (fn) fn.hits += hits;
        else f.functions.set(k, { name: val.slice(c2 + 1), line, hits });
        return;
      }
      case 'TN':
      case 'VER':
      case 'LF':
      case 'LH':
      case 'BRF':
      case 'BRH':
      case 'FNF':
      case 'FNH':
      case 'MCDC':
      case 'MCF':
      case 'MCH':
        return;
      default:
        if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new UserError(`'${clip(text.slice(start, end))}' is not an lcov record`, this.where());
    }
  }
}

export async function parseLcov(text: Text, name: string): Promise<CoverageReport> {
  const p = new LcovParser(name);
  for await (const c of chunksOf(text)) p.push(c);
  const r = p.end();
  r.files.delete('');
  return r;
}
