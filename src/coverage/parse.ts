/**
 * One entry for every format: detects the format from the report's first bytes (or takes the one
 * forced by the user), then streams the text through the right parser.
 */
import { UserError } from '../errors.js';
import { type CoverageReport, type Format, FORMATS, lineStatuses } from './model.js';
import { parseGoProfile } from './parsers/go.js';
import { jsonFormat, parseCoveragePyJson, parseIstanbulFinal, parseIstanbulSummary, parseJsonText } from './parsers/json.js';
import { parseLcov } from './parsers/lcov.js';
import { type Chunk, type Text, clip, looksBinary, rawChunks, readAll } from './parsers/util.js';
import { parseXmlReport } from './parsers/xml.js';

export type FormatChoice = Format | 'auto';

export function parseFormatChoice(raw: string, where: string): FormatChoice {
  const v = raw.trim() || 'auto';
  if (v === 'auto' || (FORMATS as readonly string[]).includes(v)) return v as FormatChoice;
  throw new UserError(`'${clip(v)}' is not a coverage format; expected auto or one of ${FORMATS.join(', ')}`, where);
}

/** Detects the format from the start of a report; undefined when it is none we know. */
export function sniffFormat(sample: string): Format | 'xml' | 'json' | undefined {
  const s = sample.replace(/^\ufeff/, '').trimStart();
  if (s.startsWith('<')) {
    if (/<report[\s>]/.test(s)) return 'jacoco';
    if (/<coverage[^>]*\sclover=/.test(s) || /<coverage[^>]*\sgenerated=/.test(s)) return 'clover';
    if (/<coverage[\s>]/.test(s)) return 'cobertura';
    return 'xml';
  }
  if (s.startsWith('{')) {
    try {
      return jsonFormat(JSON.parse(s)) ?? 'json';
    } catch {
      // a sample cut in the middle of the JSON: look at the keys
      if (/"meta"\s*:\s*\{[^}]*"version"/.test(s) && /"files"/.test(s)) return 'coveragepy-json';
      if (/^\{\s*"total"\s*:/.test(s)) return 'istanbul-summary';
      if (/"statementMap"\s*:/.test(s) || /"coverageMap"\s*:/.test(s)) return 'istanbul-final';
      return 'json';
    }
  }
  if (/^mode: /.test(s)) return 'go';
  const first = s.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#'));
  if (first !== undefined && /^(TN|SF|VER|FN|FNL|DA|BRDA):/.test(first)) return 'lcov';
  return undefined;
}

async function* prepend(first: Chunk[], it: AsyncIterator<Chunk>): AsyncIterable<Chunk> {
  yield* first;
  for (;;) {
    const n = await it.next();
    if (n.done) return;
    yield n.value;
  }
}

/**
 * Parses one report. `text` is the whole text or its chunks; `name` (the file name) prefixes every
 * error, with the line where one applies.
 */
export async function parseReport(text: Text, name: string, format: FormatChoice = 'auto'): Promise<CoverageReport> {
  const it = rawChunks(text)[Symbol.asyncIterator]();
  const head: Chunk[] = [];
  let first = '';
  const dec = new TextDecoder('utf-8');
  // gather enough to sniff
  while (first.length < 8192) {
    const n = await it.next();
    if (n.done) break;
    head.push(n.value);
    first += typeof n.value === 'string' ? n.value : dec.decode(n.value, { stream: true });
  }
  if (looksBinary(first)) throw new UserError('this is a binary file, not a coverage report', name);
  if (first.trim() === '') throw new UserError('the report is empty', name);
  const sniffed = sniffFormat(first);
  let fmt: Format;
  if (format === 'auto') {
    if (!sniffed || sniffed === 'xml' || sniffed === 'json')
      throw new UserError(
        `could not recognise the report format (${sniffed ? `${sniffed.toUpperCase()} of an unknown kind` : `starts with '${clip(first.trimStart(), 30)}'`}); set format to one of ${FORMATS.join(', ')}`,
        name,
      );
    fmt = sniffed;
  } else {
    fmt = format;
    if (sniffed && sniffed !== fmt && sniffed !== 'xml' && sniffed !== 'json')
      throw new UserError(`format is set to ${fmt} but this looks like ${sniffed}: fix the format input or the file`, name);
  }
  const body = prepend(head, it);
  let report: CoverageReport;
  switch (fmt) {
    case 'lcov':
      report = await parseLcov(body, name);
      break;
    case 'go':
      report = await parseGoProfile(body, name);
      break;
    case 'cobertura':
    case 'jacoco':
    case 'clover':
      report = await parseXmlReport(body, name, fmt);
      break;
    default: {
      const data = parseJsonText(await readAll(body), name);
      const jf = jsonFormat(data);
      if (jf && jf !== fmt) throw new UserError(`format is set to ${fmt} but this looks like ${jf}`, name);
      report =
        fmt === 'istanbul-final' ? parseIstanbulFinal(data, name) : fmt === 'istanbul-summary' ? parseIstanbulSummary(data, name) : parseCoveragePyJson(data, name);
    }
  }
  return report;
}

/** Number of executable lines/points in a report (0 means an empty report). */
export function reportSize(r: CoverageReport): number {
  let n = 0;
  for (const f of r.files.values()) {
    n += f.lines.size + f.statements.size + f.branches.size;
    for (const c of Object.values(f.fixed)) n += c.found;
    if (n > 0) return n;
  }
  return n;
}

export { lineStatuses };
