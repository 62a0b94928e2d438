/**
 * Streaming parsers for the XML formats: Cobertura (coverage-04.dtd: coverage.py, gcovr,
 * Istanbul, Coverlet...), JaCoCo (report.dtd) and Clover (Clover XSD; PHPUnit and Istanbul
 * dialects). saxes is a non-validating parser: a DOCTYPE's external DTD is never fetched and
 * external entities are never resolved (no XXE, no network).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UserError, isUserError } from '../../errors.js';
import { type CoverageReport, type FileCoverage, type Format, addFile, emptyReport, newFile } from '../model.js';
import { type Text, chunksOf, clip, normalisePath, own, parseCount, parseLine } from './util.js';

type XmlFormat = Extract<Format, 'cobertura' | 'jacoco' | 'clover'>;

export interface XmlReport extends CoverageReport {
  /** Cobertura `<source>` roots (class filenames are relative to one of them). */
  roots: string[];
}

interface Handler {
  open(tag: SaxesTagPlain, stack: string[]): void;
  close(name: string, stack: string[]): void;
  text?(t: string, stack: string[]): void;
}

export async function parseXmlReport(text: Text, name: string, expected?: XmlFormat): Promise<XmlReport> {
  const report: XmlReport = { ...emptyReport(), roots: [] };
  report.sources.push(name);
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const stack: string[] = [];
  let handler: Handler | undefined;
  let failure: unknown;
  const where = () => `${name}:${parser.line}`;
  parser.on('error', (e) => {
    failure ??= new UserError(`not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, where());
  });
  parser.on('opentag', (tag) => {
    if (failure) return;
    try {
      if (!handler) {
        const fmt = rootFormat(tag);
        if (!fmt) throw new UserError(`<${clip(tag.name)}> is not the root of a Cobertura, JaCoCo or Clover report`, where());
        if (expected && fmt !== expected) throw new UserError(`this is a ${fmt} report, not ${expected} (check the format input)`, where());
        report.formats.push(fmt);
        handler = fmt === 'cobertura' ? cobertura(report, where) : fmt === 'jacoco' ? jacoco(report, where) : clover(report, where, tag);
      }
      handler.open(tag, stack);
      stack.push(tag.name);
    } catch (e) {
      failure = e;
    }
  });
  parser.on('closetag', (tag) => {
    if (failure) return;
    stack.pop();
    try {
      handler?.close(tag.name, stack);
    } catch (e) {
      failure = e;
    }
  });
  parser.on('text', (t) => {
    if (!failure && handler?.text) handler.text(t, stack);
  });
  let first = true;
  for await (let chunk of chunksOf(text)) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // BOM
      first = false;
    }
    try {
      parser.write(chunk);
    } catch (e) {
      failure ??= isUserError(e) ? e : new UserError(`not well-formed XML: ${(e as Error).message}`, where());
    }
    if (failure) throw failure;
  }
  try {
    parser.close();
  } catch (e) {
    failure ??= new UserError(`not well-formed XML: ${(e as Error).message.replace(/^[^:]*:\d+:\d+: /, '')}`, where());
  }
  if (failure) throw failure;
  if (!handler) throw new UserError('no XML elements found', name);
  return report;
}

function rootFormat(tag: SaxesTagPlain): XmlFormat | undefined {
  if (tag.name === 'report') return 'jacoco';
  if (tag.name === 'coverage') return 'clover' in tag.attributes || 'generated' in tag.attributes ? 'clover' : 'cobertura';
  return undefined;
}

function attr(tag: SaxesTagPlain, key: string): string | undefined {
  return tag.attributes[key];
}

function num(tag: SaxesTagPlain, key: string, where: () => string, fallback?: number): number {
  const v = attr(tag, key);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UserError(`<${tag.name}> has no ${key} attribute`, where());
  }
  return parseCount(v, where, `${tag.name}@${key}`);
}

function cobertura(report: XmlReport, where: () => string): Handler {
  let file: FileCoverage | undefined;
  let method: { name: string; line: number; hits: number; explicit: boolean } | undefined;
  let sourceText: string | undefined;
  return {
    open(tag) {
      switch (tag.name) {
        case 'source':
          sourceText = '';
          break;
        case 'class': {
          const fn = attr(tag, 'filename');
          if (fn === undefined) throw new UserError('<class> has no filename attribute', where());
          file = newFile(normalisePath(fn), 'cobertura');
          break;
        }
        case 'method':
          if (file) {
            const h = attr(tag, 'hits');
            method = { name: own(`${attr(tag, 'name') ?? ''}${attr(tag, 'signature') ?? ''}`), line: 0, hits: h === undefined ? 0 : parseCount(h, where, 'method@hits'), explicit: h !== undefined };
          }
          break;
        case 'line': {
          if (!file) return;
          const line = parseLine(attr(tag, 'number') ?? '', where, 'line@number');
          const hits = num(tag, 'hits', where);
          if (method) {
            if (method.line === 0 || line < method.line) method.line = line;
            if (!method.explicit) method.hits = Math.max(method.hits, hits);
            return; // a method's lines repeat the class's <lines>
          }
          if (line === 0) return;
          file.lines.keepMax(line, hits);
          if (attr(tag, 'branch') === 'true') {
            const m = /\((\d+)\/(\d+)\)/.exec(attr(tag, 'condition-coverage') ?? '');
            if (m) file.lines.setBranches(line, Number(m[2]), Number(m[1]));
          }
          break;
        }
      }
    },
    text(t, stack) {
      if (sourceText !== undefined && stack[stack.length - 1] === 'source') sourceText += t;
    },
    close(name) {
      if (name === 'source' && sourceText !== undefined) {
        const s = normalisePath(sourceText);
        if (s.length > 0 && !s.startsWith('-')) report.roots.push(s);
        sourceText = undefined;
      } else if (name === 'method' && method && file) {
        file.functions.set(`${method.name}@${method.line}`, { name: method.name, line: method.line, hits: method.hits });
        method = undefined;
      } else if (name === 'class' && file) {
        addFile(report, file);
        file = undefined;
      }
    },
  };
}

function jacoco(report: XmlReport, where: () => string): Handler {
  let pkg = '';
  let file: FileCoverage | undefined;
  return {
    open(tag, stack) {
      const parent = stack[stack.length - 1];
      switch (tag.name) {
        case 'package':
          pkg = own(attr(tag, 'name') ?? '');
          break;
        case 'sourcefile': {
          const n = attr(tag, 'name');
          if (n === undefined) throw new UserError('<sourcefile> has no name attribute', where());
          file = newFile(normalisePath(pkg ? `${pkg}/${n}` : n), 'jacoco');
          break;
        }
        case 'line': {
          if (!file) return;
          const nr = parseLine(attr(tag, 'nr') ?? '', where, 'line@nr');
          const mi = num(tag, 'mi', where, 0);
          const ci = num(tag, 'ci', where, 0);
          const mb = num(tag, 'mb', where, 0);
          const cb = num(tag, 'cb', where, 0);
          if (nr === 0 || mi + ci === 0) return; // JaCoCo counts a line only when it has instructions
          file.lines.keepMax(nr, ci);
          if (mb + cb > 0) file.lines.setBranches(nr, mb + cb, cb);
          break;
        }
        case 'counter': {
          if (!file || parent !== 'sourcefile') return;
          const type = attr(tag, 'type');
          const missed = num(tag, 'missed', where);
          const covered = num(tag, 'covered', where);
          const c = { found: missed + covered, hit: covered };
          if (type === 'METHOD') file.fixed.functions = c;
          else if (type === 'INSTRUCTION') file.fixed.statements = c;
          break;
        }
      }
    },
    close(name) {
      if (name === 'sourcefile' && file) {
        addFile(report, file);
        file = undefined;
      } else if (name === 'package') pkg = '';
    },
  };
}

function clover(report: XmlReport, where: () => string, root: SaxesTagPlain): Handler {
  // Istanbul's Clover writes truecount = branches covered on the line, falsecount = not covered;
  // real Clover writes how often the condition was true and false.
  const istanbul = attr(root, 'clover') === '3.2.0';
  let file: FileCoverage | undefined;
  return {
    open(tag, stack) {
      const parent = stack[stack.length - 1];
      switch (tag.name) {
        case 'file': {
          const p = attr(tag, 'path') ?? attr(tag, 'name');
          if (p === undefined) throw new UserError('<file> has no name or path attribute', where());
          file = newFile(normalisePath(p), 'clover');
          break;
        }
        case 'metrics':
          if (file && parent === 'file') {
            file.fixed.lines = { found: num(tag, 'statements', where, 0), hit: num(tag, 'coveredstatements', where, 0) };
            file.fixed.statements = file.fixed.lines;
            file.fixed.branches = { found: num(tag, 'conditionals', where, 0), hit: num(tag, 'coveredconditionals', where, 0) };
            file.fixed.functions = { found: num(tag, 'methods', where, 0), hit: num(tag, 'coveredmethods', where, 0) };
          }
          break;
        case 'line': {
          if (!file) return;
          const n = parseLine(attr(tag, 'num') ?? '', where, 'line@num');
          const type = attr(tag, 'type') ?? 'stmt';
          const count = num(tag, 'count', where, 0);
          if (n === 0 || type === 'method') return;
          file.lines.keepMax(n, count);
          if (type === 'cond') {
            const t = num(tag, 'truecount', where, 0);
            const f = num(tag, 'falsecount', where, 0);
            if (istanbul) file.lines.setBranches(n, t + f, t);
            else file.lines.setBranches(n, 2, (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0));
          }
          break;
        }
      }
    },
    close(name) {
      if (name === 'file' && file) {
        addFile(report, file);
        file = undefined;
      }
    },
  };
}
