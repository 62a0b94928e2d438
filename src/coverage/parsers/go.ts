/**
 * Go cover profiles (golang.org/x/tools/cover profile.go): `mode: set|count|atomic`, then
 * `path/file.go:startLine.startCol,endLine.endCol numStmt count`.
 *
 * - Duplicate blocks (-coverpkg, concatenated profiles; a repeated `mode:` line) are merged as
 *   ParseProfiles does: one block, hits added (set: any hit covers it).
 * - The headline is statement coverage weighted by numStmt (`go tool cover -func`); it is also
 *   the `lines` figure of a Go file. Lines spanned by a block get the block's count (the highest
 *   when blocks share a line) for patch coverage and annotations.
 * - Paths are import paths (module path + directory); the path mapping turns them into repo paths.
 */
import { UserError } from '../../errors.js';
import { type CoverageReport, type FileCoverage, addFile, emptyReport, newFile } from '../model.js';
import { type Text, chunksOf, clip, own } from './util.js';

const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\S+)$/;

export async function parseGoProfile(text: Text, name: string): Promise<CoverageReport> {
  const report = emptyReport();
  report.sources.push(name);
  report.formats.push('go');
  const files = new Map<string, FileCoverage>();
  let rest = '';
  let lineNo = 0;
  let mode: string | undefined;
  const onLine = (raw: string) => {
    lineNo++;
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim() === '') return;
    const where = `${name}:${lineNo}`;
    if (l.startsWith('mode: ')) {
      const m = l.slice(6).trim();
      if (m !== 'set' && m !== 'count' && m !== 'atomic') throw new UserError(`unknown cover mode '${clip(m)}' (expected set, count or atomic)`, where);
      if (mode && m !== mode) throw new UserError(`cover mode changes from ${mode} to ${m}: profiles of different modes cannot be merged`, where);
      mode = m;
      return;
    }
    if (!mode) throw new UserError(`a Go cover profile starts with 'mode: set|count|atomic', got '${clip(l)}'`, where);
    const m = BLOCK.exec(l);
    if (!m) throw new UserError(`'${clip(l)}' is not a cover block (file.go:line.col,line.col numStmt count)`, where);
    const count = Number(m[7]);
    if (!Number.isFinite(count) || !/^-?\d+$/.test(m[7]!)) throw new UserError(`count '${clip(m[7]!)}' is not a number`, where);
    if (count < 0) throw new UserError(`count ${m[7]} is negative`, where);
    const path = m[1]!;
    // (an own copy is made below only for a new file: the map key must not pin the chunk)
    let f = files.get(path);
    if (!f) {
      f = newFile(own(path), 'go');
      f.linesFromStatements = true;
      files.set(f.path, f);
    }
    const start = Number(m[2]);
    const end = Number(m[4]);
    if (end < start) throw new UserError(`block ends (line ${end}) before it starts (line ${start})`, where);
    const key = `${m[2]}.${m[3]},${m[4]}.${m[5]}`;
    const weight = Number(m[6]);
    const cur = f.statements.get(key);
    if (cur) cur.hits += count;
    else f.statements.set(key, { line: start, endLine: end, hits: count, weight });
  };
  for await (const chunk of chunksOf(text)) {
    const t = rest + chunk;
    let s = 0;
    for (;;) {
      const nl = t.indexOf('\n', s);
      if (nl === -1) break;
      onLine(t.slice(s, nl));
      s = nl + 1;
    }
    rest = t.slice(s);
  }
  if (rest) onLine(rest);
  if (!mode) throw new UserError('empty Go cover profile (no mode: line)', name);
  for (const f of files.values()) {
    for (const st of f.statements.values()) {
      if (st.weight === 0) continue;
      for (let l = st.line; l <= st.endLine; l++) if (l > 0) f.lines.keepMax(l, st.hits);
    }
    addFile(report, f);
  }
  return report;
}
