/**
 * lcov tracefile parser (geninfo(1) "TRACEFILE FORMAT"), streaming over bytes: DA, BRDA, FN and
 * FNDA lines (nearly all of a big tracefile) are parsed without creating strings, and a file's
 * repeated sections (one per test) are matched record by record with the previous one.
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
import { type BranchPoint, type CoverageReport, type FileCoverage, type FunctionPoint, emptyReport, newFile } from '../model.js';
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

/**
 * What a file's previous section looked like, in order: per-test captures repeat each file's FN,
 * FNDA and BRDA lines in the same order, so the n-th record of a section is checked against the
 * n-th point of the last one (a byte compare, no string, no Map lookup) before the general path.
 */
/** Names by position, their bytes kept together (ASCII, as the report wrote them). */
class Names {
  bytes: Uint8Array = new Uint8Array(512);
  used = 0;
  off: Int32Array = new Int32Array(32);
  /** 0: no name at this position. */
  len: Int32Array = new Int32Array(32);

  set(x: number, b: Buffer, s: number, e: number): void {
    if (x >= this.len.length) {
      const n = Math.max(x + 1, this.len.length * 2);
      const off = new Int32Array(n);
      off.set(this.off);
      this.off = off;
      const len = new Int32Array(n);
      len.set(this.len);
      this.len = len;
    }
    const l = e - s;
    if (this.used + l > this.bytes.length) {
      if (this.bytes.length >= 1 << 16) {
        // sections keep changing order: forget every position rather than grow without end
        this.used = 0;
        this.len.fill(0);
      }
      if (l > this.bytes.length - this.used) {
        const bytes = new Uint8Array(Math.max(this.bytes.length * 2, l));
        bytes.set(this.bytes.subarray(0, this.used));
        this.bytes = bytes;
      }
    }
    this.bytes.set(b.subarray(s, e), this.used);
    this.off[x] = this.used;
    this.len[x] = l;
    this.used += l;
  }
}

function grown(a: Float64Array, x: number): Float64Array {
  const n = new Float64Array(Math.max(x + 1, a.length * 2));
  n.set(a);
  return n;
}

/**
 * What a file's previous section looked like, by position: per-test captures repeat each file's
 * FN, FNDA and BRDA lines in the same order, so the n-th record of a section is checked against
 * the n-th of the last one (bytes compared, no string, no Map lookup) before the general path.
 * Counts of predicted records add up in flat arrays (`brAdd`, `fndaAdd`) kept next to each other
 * for the file (a 200 MB report touches every file's data once per section: scattered objects
 * would miss the cache on each record); they go into the points when the position is given to
 * another point and at the end.
 */
class SectionOrder {
  brKey: Int32Array = new Int32Array(64);
  brAdd: Float64Array = new Float64Array(64);
  br: BranchPoint[] = [];
  fn: FunctionPoint[] = [];
  fnName = new Names();
  fnda: FunctionPoint[] = [];
  fndaAdd: Float64Array = new Float64Array(32);
  fndaName = new Names();

  flush(): void {
    for (let i = 0; i < this.br.length; i++) {
      const p = this.br[i];
      if (p !== undefined && this.brAdd[i] !== 0) p.taken += this.brAdd[i]!;
    }
    this.brAdd.fill(0);
    for (let i = 0; i < this.fnda.length; i++) {
      const p = this.fnda[i];
      if (p !== undefined && this.fndaAdd[i] !== 0) p.hits += this.fndaAdd[i]!;
    }
    this.fndaAdd.fill(0);
  }
}

/**
 * Points are made with `new` rather than as literals: a literal's allocation site changes its
 * tenuring once many points survive, and that throws the optimised parser away mid-report.
 */
class Branch implements BranchPoint {
  constructor(
    public line: number,
    public taken: number,
  ) {}
}

class Fn implements FunctionPoint {
  constructor(
    public name: string,
    public line: number,
    public hits: number,
  ) {}
}

/** An SF line's path bytes and what they led to. */
class KnownFile {
  constructor(
    readonly raw: Buffer,
    readonly file: FileCoverage,
    readonly order: SectionOrder,
  ) {}
}

/**
 * A tiny tracefile with every fast path in it, repeated (so later sections take the predicted
 * paths), parsed once per process before the first real report: the optimising compiler then has
 * type feedback for every branch of `block` when it compiles it during the first chunk, instead of
 * compiling, deoptimising on the first repeated section and compiling again.
 */
const WARM_UP = Buffer.from(
  'TN:t\nSF:a\nFN:1,f\nFN:2,3,g\nFNDA:1,f\nFNDA:0,g\nFNF:2\nFNH:1\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nBRF:2\nBRH:1\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n'.repeat(2),
  'latin1',
);
let warmedUp = false;

export class LcovParser {
  readonly report: CoverageReport = emptyReport();
  private carry: Buffer | undefined;
  private lineNo = 0;
  private file: FileCoverage | undefined;
  private order: SectionOrder | undefined;
  private readonly orders = new Map<FileCoverage, SectionOrder>();
  /** SF lines seen, by a hash of their bytes. */
  private readonly sf = new Map<number, KnownFile>();
  /** Position in the current section's BRDA, FN and FNDA records (see SectionOrder). */
  private bi = 0;
  private fi = 0;
  private di = 0;
  private fnl = new Map<string, number>();
  private sawRecord = false;

  constructor(private readonly name: string) {
    this.report.sources.push(name);
    this.report.formats.push('lcov');
    if (!warmedUp) {
      warmedUp = true;
      const w = new LcovParser('warm-up');
      // V8 keeps type feedback for a function only after a few calls: push it in several pieces
      for (let i = 0; i < 16; i++) w.push(WARM_UP);
      w.end();
    }
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
      const joined = Buffer.concat([this.carry, buf.subarray(0, nl + 1)]);
      this.carry = undefined;
      this.lineNo = this.block(joined, 0, joined.length, this.lineNo);
      start = nl + 1;
    }
    // whole lines only: every line of [start, last) ends with a newline, so the scans below stop
    // at it without bounds checks; the rest waits for the next chunk
    const last = buf.lastIndexOf(NL) + 1;
    if (last > start) this.lineNo = this.block(buf, start, last, this.lineNo);
    const rest = Math.max(start, last);
    if (rest < buf.length) this.carry = Buffer.from(buf.subarray(rest));
  }

  end(): CoverageReport {
    if (this.carry) {
      const c = this.carry;
      this.carry = undefined;
      this.line(c, 0, c.length);
    }
    this.flush();
    for (const o of this.orders.values()) o.flush();
    if (!this.sawRecord) throw new UserError('no lcov records (SF:/DA:/end_of_record) found', this.name);
    this.report.files.delete('');
    return this.report;
  }

  /**
   * Lines b[s, e), each ending with a newline (b[e - 1] is one). The common lines (`DA:<n>,<n>`,
   * `BRDA:<n>,<n>,<n>,<n|->`, `FN:<n>,[<n>,]<name>`, `FNDA:<n>,<name>` with plain numbers and
   * ASCII names) are parsed here from the bytes; anything else takes the general path, `line`.
   * Returns the line number reached. (Nothing after the loop touches `this`: the loop runs
   * optimised from its first chunk on, and code after it without type feedback would throw it
   * back to the interpreter at the end of every chunk.)
   */
  private block(b: Buffer, s: number, e: number, lineNo: number): number {
    let f = this.file;
    let ord = this.order;
    while (s < e) {
      const c0 = b[s]!;
      if (f !== undefined && ord !== undefined) {
        if (c0 === 68 /* D */ && b[s + 1] === 65 && b[s + 2] === COLON) {
          let i = s + 3;
          let c = b[i]!;
          let line = 0;
          while (c >= ZERO && c <= NINE) {
            line = line * 10 + (c - ZERO);
            c = b[++i]!;
          }
          const l = i - s - 3;
          if (l > 0 && l < 10 && c === COMMA) {
            const h0 = ++i;
            c = b[i]!;
            let hits = 0;
            while (c >= ZERO && c <= NINE) {
              hits = hits * 10 + (c - ZERO);
              c = b[++i]!;
            }
            const h = i - h0;
            if (c === CR && b[i + 1] === NL) c = b[++i]!;
            if (h > 0 && h < 10 && c === NL) {
              lineNo++;
              if (line > 0) f.lines.addInt(line, hits);
              s = i + 1;
              continue;
            }
          }
        } else if (c0 === 66 /* B */ && b[s + 1] === 82 && b[s + 2] === 68 && b[s + 3] === 65 && b[s + 4] === COLON) {
          let i = s + 5;
          let c = b[i]!;
          let line = 0;
          while (c >= ZERO && c <= NINE) {
            line = line * 10 + (c - ZERO);
            c = b[++i]!;
          }
          const l = i - s - 5;
          if (l > 0 && l < 10 && c === COMMA && line < 1 << 18) {
            const k0 = ++i;
            c = b[i]!;
            let block = 0;
            while (c >= ZERO && c <= NINE) {
              block = block * 10 + (c - ZERO);
              c = b[++i]!;
            }
            if (i > k0 && i - k0 < 3 && block < 64 && c === COMMA) {
              const r0 = ++i;
              c = b[i]!;
              let branch = 0;
              while (c >= ZERO && c <= NINE) {
                branch = branch * 10 + (c - ZERO);
                c = b[++i]!;
              }
              if (i > r0 && i - r0 < 3 && branch < 64 && c === COMMA) {
                const t0 = ++i;
                c = b[i]!;
                let taken = 0;
                if (c === 45 /* - */) c = b[++i]!;
                else
                  while (c >= ZERO && c <= NINE) {
                    taken = taken * 10 + (c - ZERO);
                    c = b[++i]!;
                  }
                const t = i - t0;
                if (c === CR && b[i + 1] === NL) c = b[++i]!;
                if (t > 0 && t < 10 && c === NL) {
                  lineNo++;
                  s = i + 1;
                  if (line > 0) {
                    const k = line * 4096 + block * 64 + branch; // a small integer key (no heap number)
                    const bi = this.bi++;
                    if (bi < ord.brKey.length && ord.brKey[bi] === k) ord.brAdd[bi] = ord.brAdd[bi]! + taken;
                    else LcovParser.branch(f, ord, bi, k, line, taken);
                  }
                  continue;
                }
              }
            }
          }
        } else if (c0 === 70 /* F */ && b[s + 1] === 78 /* N */) {
          const c2 = b[s + 2];
          const da = c2 === 68 && b[s + 3] === 65 && b[s + 4] === COLON; // FNDA:<count>,<name>
          if (da || c2 === COLON) {
            // FN:<line>,[<end line>,]<name>
            let i = da ? s + 5 : s + 3;
            const d0 = i;
            let c = b[i]!;
            let n = 0;
            while (c >= ZERO && c <= NINE) {
              n = n * 10 + (c - ZERO);
              c = b[++i]!;
            }
            if (i > d0 && i - d0 < 10 && c === COMMA) {
              let n0 = ++i;
              c = b[i]!;
              if (!da) {
                while (c >= ZERO && c <= NINE) c = b[++i]!;
                if (i > n0 && c === COMMA) n0 = i + 1;
              }
              // the name the previous section had here, compared while reading
              const x = da ? this.di : this.fi;
              const nm = da ? ord.fndaName : ord.fnName;
              const len = x < nm.len.length ? nm.len[x]! : 0;
              if (len > 0) {
                const pb = nm.bytes;
                const o = nm.off[x]! - n0;
                let k = n0;
                const ke = n0 + len;
                while (k < ke && b[k] === pb[o + k]) k++;
                if (k === ke) {
                  let j = n0 + len;
                  c = b[j]!;
                  if (c === CR && b[j + 1] === NL) c = b[++j]!;
                  if (c === NL) {
                    lineNo++;
                    s = j + 1;
                    if (da) {
                      ord.fndaAdd[x] = ord.fndaAdd[x]! + n;
                      this.di++;
                    } else this.fi++;
                    continue;
                  }
                }
              }
              i = n0;
              c = b[i]!;
              while (c !== NL && c !== CR && c < 128) c = b[++i]!;
              const n1 = i;
              if (c === CR && b[i + 1] === NL) c = b[++i]!;
              if (c === NL && n1 > n0) {
                lineNo++;
                s = i + 1;
                LcovParser.fn(f, ord, da, x, b, n0, n1, n);
                if (da) this.di++;
                else this.fi++;
                continue;
              }
            }
          }
        }
      }
      // summary and test-name records (LF LH BRF BRH FNF FNH TN) carry nothing we keep
      const c1 = b[s + 1];
      if (
        (c0 === 76 /* L */ && (c1 === 70 || c1 === 72) && b[s + 2] === COLON) ||
        (c0 === 84 /* T */ && c1 === 78 && b[s + 2] === COLON) ||
        ((c0 === 66 /* B */ ? c1 === 82 : c0 === 70 /* F */ && c1 === 78) && (b[s + 2] === 70 || b[s + 2] === 72) && b[s + 3] === COLON)
      ) {
        lineNo++;
        s = find(b, NL, s, e) + 1;
        continue;
      }
      // end_of_record
      if (c0 === 101 /* e */ && c1 === 110 && b[s + 2] === 100 && b[s + 3] === 95 && b[s + 4] === 111 && b[s + 5] === 102 && b[s + 6] === 95 && b[s + 7] === 114 && b[s + 8] === 101 && b[s + 9] === 99 && b[s + 10] === 111 && b[s + 11] === 114 && b[s + 12] === 100) {
        let i = s + 13;
        if (b[i] === CR) i++;
        if (b[i] === NL) {
          lineNo++;
          this.flush();
          this.sawRecord = true;
          f = undefined;
          ord = undefined;
          s = i + 1;
          continue;
        }
      }
      // the general path: one line, as text where it needs to be
      const nl = find(b, NL, s, e);
      // SF:<path> seen before (the same bytes): the same file, without making the path again
      let h = 0;
      let pe = nl;
      if (c0 === 83 /* S */ && c1 === 70 && b[s + 2] === COLON) {
        if (b[pe - 1] === CR) pe--;
        h = 0x811c9dc5;
        for (let i = s + 3; i < pe; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
        const known = this.sf.get(h);
        if (known !== undefined && known.raw.length === pe - s - 3 && b.compare(known.raw, 0, known.raw.length, s + 3, pe) === 0) {
          lineNo++;
          this.flush();
          this.file = f = known.file;
          this.order = ord = known.order;
          this.bi = this.fi = this.di = 0;
          this.sawRecord = true;
          s = nl + 1;
          continue;
        }
      }
      this.lineNo = lineNo;
      this.line(b, s, nl);
      lineNo = this.lineNo;
      f = this.file;
      ord = this.order;
      if (h !== 0 && f !== undefined && ord !== undefined) this.sf.set(h, new KnownFile(Buffer.from(b.subarray(s + 3, pe)), f, ord));
      s = nl + 1;
    }
    return lineNo;
  }

  /** A BRDA point not where the previous section had it (first seen, or in another order). */
  private static branch(f: FileCoverage, ord: SectionOrder, bi: number, k: number, line: number, taken: number): void {
    if (bi >= ord.brKey.length) {
      const key = new Int32Array(Math.max(bi + 1, ord.brKey.length * 2));
      key.set(ord.brKey);
      ord.brKey = key;
      ord.brAdd = grown(ord.brAdd, bi);
    }
    const old = ord.br[bi];
    if (old !== undefined) old.taken += ord.brAdd[bi]!;
    let cur = f.branches.get(k);
    if (cur) cur.taken += taken;
    else f.branches.set(k, (cur = new Branch(line, taken)));
    ord.brKey[bi] = k;
    ord.brAdd[bi] = 0;
    ord.br[bi] = cur;
  }

  /** The same for FN (`da` false, `n` = line) and FNDA (`da` true, `n` = count) with the name in b[n0, n1). */
  private static fn(f: FileCoverage, ord: SectionOrder, da: boolean, x: number, b: Buffer, n0: number, n1: number, n: number): void {
    const name = b.toString('latin1', n0, n1);
    let fn = f.functions.get(name);
    if (da) {
      if (x >= ord.fndaAdd.length) ord.fndaAdd = grown(ord.fndaAdd, x);
      const old = ord.fnda[x];
      if (old !== undefined) old.hits += ord.fndaAdd[x]!;
      ord.fndaAdd[x] = 0;
      if (fn) fn.hits += n;
      else f.functions.set(name, (fn = new Fn(name, 0, n)));
      ord.fnda[x] = fn;
      ord.fndaName.set(x, b, n0, n1);
    } else {
      if (!fn) f.functions.set(name, (fn = new Fn(name, n, 0)));
      ord.fn[x] = fn;
      ord.fnName.set(x, b, n0, n1);
    }
  }

  private where(): string {
    return `${this.name}:${this.lineNo}`;
  }

  private flush(): void {
    this.file = undefined;
    this.order = undefined;
    if (this.fnl.size > 0) this.fnl.clear(); // clear() allocates a new table: not once per record
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
      else f.branches.set(k, new Branch(line, taken));
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
        let ord = this.orders.get(this.file);
        if (!ord) this.orders.set(this.file, (ord = new SectionOrder()));
        this.order = ord;
        this.bi = this.fi = this.di = 0;
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
        if (!f.functions.has(name)) f.functions.set(name, new Fn(name, line, 0));
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
        else f.functions.set(name, new Fn(name, 0, hits));
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
        else f.functions.set(k, new Fn(val.slice(c2 + 1), line, hits));
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
