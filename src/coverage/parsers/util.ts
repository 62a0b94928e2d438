import { UserError } from '../../errors.js';

/** A report's text, whole or as chunks (files are streamed so huge reports stay small in memory). */
export type Text = string | Iterable<string> | AsyncIterable<string>;

export async function* chunksOf(text: Text): AsyncIterable<string> {
  if (typeof text === 'string') yield text;
  else yield* text as AsyncIterable<string>;
}

export async function readAll(text: Text): Promise<string> {
  if (typeof text === 'string') return text;
  let s = '';
  for await (const c of text as AsyncIterable<string>) s += c;
  return s;
}

/**
 * A hit count: a non-negative finite number (lcov writes floats and exponents, e.g. 1.0e+19).
 * Anything else is the user's broken report, named by file and line.
 */
export function parseCount(raw: string, where: string, what = 'count'): number {
  const n = raw.length > 0 && raw.length < 40 ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new UserError(`${what} '${clip(raw)}' is not a number`, where);
  if (n < 0) throw new UserError(`${what} ${raw} is negative`, where);
  return n;
}

/** A line number: a positive integer. */
export function parseLine(raw: string, where: string, what = 'line number'): number {
  const n = raw.length > 0 && raw.length < 16 ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new UserError(`${what} '${clip(raw)}' is not a line number`, where);
  return n;
}

export function clip(s: string, n = 40): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we replace
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return t.length > n ? `${t.slice(0, n)}...` : t;
}

/** Report paths as the report wrote them, with Windows separators turned into `/`. */
export function normalisePath(p: string): string {
  return p.trim().replace(/\\/g, '/');
}

/** True when the text looks binary (NUL bytes or many replacement characters). */
export function looksBinary(sample: string): boolean {
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < Math.min(sample.length, 4096); i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return bad > 8;
}
