/**
 * lcov tracefile parser (geninfo(1) "TRACEFILE FORMAT"), streaming over bytes: DA and BRDA lines
 * (nearly all of a big tracefile) are parsed without creating strings.
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
 * - CRLF line endings, blank lines, `#` comments and a missing final end_of_record are accepted.
 */
import { UserError } from '../../errors.js';
import { type CoverageReport, type FileCoverage, emptyReport, newFile } from '../model.js';
import { type Text, clip, normalisePath, parseCount, parseLine } from './util.js';

const NL = 10;
const CR = 13;
const COMMA = 44;
const COLON = 58;
const ZERO = 48;
const NINE = 57;

/** Index of byte `c` in b[from, to), or -1 (a JS loop: much cheaper than Buffer#indexOf on short lines). */
function find(b: Buffer, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === c) return i;
  return -1;
}

function findLast(b: Buffer, c: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (b[i] === c) return i;
  return -1;
}

export class LcovParser {
  readonly report: CoverageReport = emptyReport();
  private carry: Buffer | undefined;
  private lineNo = 0;
  private file: FileCoverage | undefined;
  private fnl = new Map<string, number>();
  private sawRecord = false;

  constructor(private readonly name: string) {
    this.report.sources.push(name);
    this.report.formats.push('lcov');
  }

  push(chunk: string | Uint8Array): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.carry) {
      const nl = buf.indexOf(NL);
      if (nl === -1) {
        this.carry = Buffer.concat([this.carry, buf]);
        if (this.carry.length > 1 << 20) throw new UserError('a line is longer than 1 MB: this is not an lcov tracefile', `${this.name}:${this.lineNo + 1}`);
        return;
      }
      const joined = Buffer.concat([this.carry, buf.subarray(0, nl)]);
      this.carry = undefined;
      this.line(joined, 0, joined.length);
      start = nl + 1;
    }
    const len = buf.length;
    while (start < len) {
      const fast = this.fast(buf, start, len);
      if (fast > 0) {
        start = fast;
        continue;
      }
      const nl = find(buf, NL, start, len);
      if (nl === -1) {
        this.carry = Buffer.from(buf.subarray(start));
        return;
      }
      this.line(buf, start, nl);
      start = nl + 1;
    }
  }

  end(): CoverageReport {
    if (this.carry) {
      const c = this.carry;
      this.carry = undefined;
      this.line(c, 0, c.length);
    }
    this.flush();
    if (!this.sawRecord) throw new UserError('no lcov records (SF:/DA:/end_of_record) found', this.name);
    this.report.files.delete('');
    return this.report;
  }

  /**
   * One pass over the common lines (`DA:<n>,<n>` and `BRDA:<n>,<n>,<n>,<n|->` with plain numbers):
   * returns the start of the next line, or 0 to take the general path.
   */
  private fast(b: Buffer, s: number, len: number): number {
    const f = this.file;
    if (f === undefined || s + 6 >= len) return 0;
    let i = s;
    let c = 0;
    if (b[i] === 68 && b[i + 1] === 65 && b[i + 2] === COLON) {
      i += 3;
      const l0 = i;
      let line = 0;
      while (i < len && (c = b[i]!) >= ZERO && c <= NINE) {
        line = line * 10 + (c - ZERO);
        i++;
      }
      if (i === l0 || i - l0 > 15 || i >= len || b[i] !== COMMA) return 0;
      const h0 = ++i;
      let hits = 0;
      while (i < len && (c = b[i]!) >= ZERO && c <= NINE) {
        hits = hits * 10 + (c - ZERO);
        i++;
      }
      if (i === h0 || i - h0 > 15 || i >= len) return 0;
      if (b[i] === CR && i + 1 < len) i++;
      if (b[i] !== NL) return 0;
      this.lineNo++;
      if (line > 0) f.lines.addInt(line, hits > 0x7fffffff ? 0x7fffffff : hits);
      return i + 1;
    }
    if (b[i] === 66 && b[i + 1] === 82 && b[i + 2] === 68 && b[i + 3] === 65 && b[i + 4] === COLON) {
      i += 5;
      let line = 0;
      let block = 0;
      let branch = 0;
      let taken = 0;
      for (let k = 0; k < 4; k++) {
        const d0 = i;
        let v = 0;
        if (k === 3 && i < len && b[i] === 45 /* - */) i++;
        else
          while (i < len && (c = b[i]!) >= ZERO && c <= NINE) {
            v = v * 10 + (c - ZERO);
            i++;
          }
        if (i === d0 || i - d0 > 15 || i >= len) return 0;
        if (k === 0) line = v;
        else if (k === 1) block = v;
        else if (k === 2) branch = v;
        else taken = v;
        if (k < 3) {
          if (b[i] !== COMMA) return 0;
          i++;
        }
      }
      if (b[i] === CR && i + 1 < len) i++;
      if (b[i] !== NL || line >= 1 << 18 || block >= 64 || branch >= 64) return 0;
      this.lineNo++;
      if (line > 0) {
        const k = line * 4096 + block * 64 + branch; // a small integer key (no heap number)
        const cur = f.branches.get(k);
        if (cur) cur.taken += taken;
        else f.branches.set(k, { line, taken });
      }
      return i + 1;
    }
    // FNDA:<count>,<name> with a plain count and an ASCII name
    if (b[i] === 70 && b[i + 1] === 78 && b[i + 2] === 68 && b[i + 3] === 65 && b[i + 4] === COLON) {
      i += 5;
      const h0 = i;
      let hits = 0;
      while (i < len && (c = b[i]!) >= ZERO && c <= NINE) {
        hits = hits * 10 + (c - ZERO);
        i++;
      }
      if (i === h0 || i - h0 > 15 || i >= len || b[i] !== COMMA) return 0;
      const n0 = ++i;
      while (i < len && (c = b[i]!) !== NL && c !== CR && c < 128) i++;
      if (i >= len || i === n0 || (c !== NL && c !== CR)) return 0;
      const n1 = i;
      if (c === CR) {
        if (i + 1 >= len || b[i + 1] !== NL) return 0;
        i++;
      }
      const name = b.toString('latin1', n0, n1);
      this.lineNo++;
      const fn = f.functions.get(name);
      if (fn) fn.hits += hits;
      else f.functions.set(name, { name, line: 0, hits });
      return i + 1;
    }
    return 0;
  }

  private where(): string {
    return `${this.name}:${this.lineNo}`;
  }

  private flush(): void {
    this.file = undefined;
    this.fnl.clear();
  }

  private need(kind: string): FileCoverage {
    if (!this.file) throw new UserError(`${kind} record outside a file section (no SF: before it)`, this.where());
    return this.file;
  }

  /** A plain non-negative integer in b[s, e), or -1 when it is anything else (then parsed as text). */
  private static int(b: Buffer, s: number, e: number): number {
    if (s >= e || e - s > 15) return -1;
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c < ZERO || c > NINE) return -1;
      n = n * 10 + (c - ZERO);
    }
    return n;
  }

  private lineAt(b: Buffer, s: number, e: number): number {
    const n = LcovParser.int(b, s, e);
    return n >= 0 ? n : parseLine(b.toString('utf8', s, e), this.where());
  }

  private countAt(b: Buffer, s: number, e: number, what: string): number {
    const n = LcovParser.int(b, s, e);
    return n >= 0 ? n : parseCount(b.toString('utf8', s, e).trim(), this.where(), what);
  }

  private line(b: Buffer, start: number, endRaw: number): void {
    this.lineNo++;
    let end = endRaw;
    if (end > start && b[end - 1] === CR) end--;
    while (start < end && (b[start] === 32 || b[start] === 9)) start++;
    if (start === end) return;
    const c0 = b[start]!;
    // DA:<line>,<count>[,<checksum>]
    if (c0 === 68 /* D */ && b[start + 1] === 65 /* A */ && b[start + 2] === COLON) {
      const f = this.need('DA');
      const s = start + 3;
      const c1 = find(b, COMMA, s, end);
      if (c1 === -1) throw new UserError(`DA needs <line>,<count>, got '${clip(b.toString('utf8', s, end))}'`, this.where());
      let c2 = find(b, COMMA, c1 + 1, end);
      if (c2 === -1) c2 = end;
      const line = this.lineAt(b, s, c1);
      const hits = this.countAt(b, c1 + 1, c2, 'DA count');
      if (line > 0) f.lines.add(line, hits);
      return;
    }
    // BRDA:<line>,<block>,<branch>,<taken>
    if (c0 === 66 /* B */ && b[start + 1] === 82 && b[start + 2] === 68 && b[start + 3] === 65 && b[start + 4] === COLON) {
      const f = this.need('BRDA');
      const s = start + 5;
      const c1 = find(b, COMMA, s, end);
      const c2 = c1 === -1 ? -1 : find(b, COMMA, c1 + 1, end);
      const cl = findLast(b, COMMA, s, end);
      if (c1 === -1 || c2 === -1 || cl <= c2) throw new UserError(`BRDA needs <line>,<block>,<branch>,<taken>, got '${clip(b.toString('utf8', s, end))}'`, this.where());
      const line = this.lineAt(b, s, c1);
      let te = end;
      while (te > cl + 1 && (b[te - 1] === 32 || b[te - 1] === 9)) te--;
      const taken = te === cl + 2 && b[cl + 1] === 45 /* - */ ? 0 : this.countAt(b, cl + 1, te, 'BRDA taken');
      if (line === 0) return;
      // key: (line, block, branch); plain small numbers make a number key, anything else a string
      const block = LcovParser.int(b, c1 + 1, c2);
      const branch = LcovParser.int(b, c2 + 1, cl);
      // the same key as the fast path for small plain numbers, else the text itself
      const k: string | number = line < 1 << 18 && block >= 0 && block < 64 && branch >= 0 && branch < 64 ? line * 4096 + block * 64 + branch : b.toString('utf8', s, cl);
      const cur = f.branches.get(k);
      if (cur) cur.taken += taken;
      else f.branches.set(k, { line, taken });
      return;
    }
    if (c0 === 35 /* # */) return;
    // summary and test-name records, recognised without making strings: LF LH BRF BRH FNF FNH TN
    const c1 = b[start + 1];
    if (
      (c0 === 76 /* L */ && (c1 === 70 || c1 === 72) && b[start + 2] === COLON) ||
      (c0 === 84 /* T */ && c1 === 78 && b[start + 2] === COLON) ||
      (c0 === 66 /* B */ && c1 === 82 && (b[start + 2] === 70 || b[start + 2] === 72) && b[start + 3] === COLON) ||
      (c0 === 70 /* F */ && c1 === 78 && (b[start + 2] === 70 || b[start + 2] === 72) && b[start + 3] === COLON)
    )
      return;
    const colon = find(b, COLON, start, end);
    if (colon === -1) {
      const word = b.toString('utf8', start, end).trim();
      if (word === 'end_of_record') {
        this.flush();
        this.sawRecord = true;
        return;
      }
      throw new UserError(`'${clip(word)}' is not an lcov record`, this.where());
    }
    const key = b.toString('latin1', start, colon);
    if (key === 'LF' || key === 'LH' || key === 'BRF' || key === 'BRH' || key === 'FNF' || key === 'FNH' || key === 'TN' || key === 'VER' || key === 'MCDC' || key === 'MCF' || key === 'MCH') return;
    const val = b.toString('utf8', colon + 1, end);
    switch (key) {
      case 'SF': {
        this.flush();
        const p = normalisePath(val);
        const cur = this.report.files.get(p);
        this.file = cur ?? newFile(p, 'lcov');
        if (!cur) this.report.files.set(p, this.file); // repeated SF: points go straight into the same file
        this.sawRecord = true;
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
      default:
        if (!/^[A-Z][A-Z0-9_]*$/.test(key)) throw new UserError(`'${clip(b.toString('utf8', start, end))}' is not an lcov record`, this.where());
    }
  }
}

export async function parseLcov(text: Text | AsyncIterable<string | Uint8Array>, name: string): Promise<CoverageReport> {
  const p = new LcovParser(name);
  if (typeof text === 'string') p.push(text);
  else for await (const c of text as AsyncIterable<string | Uint8Array>) p.push(c);
  return p.end();
}
