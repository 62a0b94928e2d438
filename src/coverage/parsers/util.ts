import { UserError } from '../../errors.js';

/** A piece of a report: text, or bytes (UTF-8) as a file stream gives them. */
export type Chunk = string | Uint8Array;

/** A report's text, whole or as chunks (files are streamed so huge reports stay small in memory). */
export type Text = string | Iterable<Chunk> | AsyncIterable<Chunk>;

/** The chunks as they come (text or bytes). */
export async function* rawChunks(text: Text): AsyncIterable<Chunk> {
  if (typeof text === 'string') yield text;
  else yield* text as AsyncIterable<Chunk>;
}

/**
 * Bytes decoded per piece: the decoded text stays under V8's large-object size (128 KB). A larger
 * string lands in the large-object space, which only a full GC frees, so peak memory grew with
 * the report (a 200 MB Cobertura report peaked near 200 MB RSS decoded in 512 KB pieces, about
 * 165 MB in these). The lcov parser reads the bytes themselves, in the stream's larger chunks.
 */
const DECODE_PIECE = 64 << 10;

/** The chunks as text: bytes are decoded as UTF-8, a character split across chunks kept whole. */
export async function* chunksOf(text: Text): AsyncIterable<string> {
  const dec = new TextDecoder('utf-8');
  for await (const c of rawChunks(text)) {
    if (typeof c === 'string') yield c;
    else
      for (let o = 0; o < c.length; o += DECODE_PIECE) {
        const s = dec.decode(c.subarray(o, o + DECODE_PIECE), { stream: true });
        if (s) yield s;
      }
  }
  const tail = dec.decode();
  if (tail) yield tail;
}

export async function readAll(text: Text): Promise<string> {
  if (typeof text === 'string') return text;
  let s = '';
  for await (const c of chunksOf(text)) s += c;
  return s;
}

/**
 * A hit count: a non-negative finite number (lcov writes floats and exponents, e.g. 1.0e+19).
 * Anything else is the user's broken report, named by file and line.
 */
export type Where = string | (() => string);
const at = (w: Where) => (typeof w === 'string' ? w : w());

/** Plain decimal digits (the common case), parsed without allocating; -1 for anything else. */
function digits(raw: string): number {
  const len = raw.length;
  if (len === 0 || len > 15) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function parseCount(raw: string, where: Where, what = 'count'): number {
  const d = digits(raw);
  if (d >= 0) return d;
  const n = raw.length > 0 && raw.length < 40 ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new UserError(`${what} '${clip(raw)}' is not a number`, at(where));
  if (n < 0) throw new UserError(`${what} ${raw} is negative`, at(where));
  return n;
}

/** A line number: a positive integer. */
export function parseLine(raw: string, where: Where, what = 'line number'): number {
  const d = digits(raw);
  if (d >= 0) return d;
  const n = raw.length > 0 && raw.length < 16 ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${what} '${clip(raw)}' is not a line number`, at(where));
  return n;
}

export function clip(s: string, n = 40): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we replace
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

/**
 * A copy of a string that does not point into the chunk it was cut from: a kept substring would
 * otherwise keep its whole (up to 1 MB) chunk of the report alive.
 */
export function own(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** Report paths as the report wrote them, with Windows separators turned into `/` (an own copy). */
export function normalisePath(p: string): string {
  return own(p.trim().replace(/\\/g, '/'));
}

/** True when the text looks binary (NUL bytes or many replacement characters). */
export function looksBinary(sample: string): boolean {
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < Math.min(sample.length, 4096); i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return bad > 8;
}
