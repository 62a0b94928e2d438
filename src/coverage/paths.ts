/**
 * Maps the paths a report names (absolute CI or container paths, `./`, Windows `\`, Cobertura
 * source roots, Go import paths, JaCoCo package paths) to paths of files in the checkout.
 *
 * Order: explicit `path-strip` prefixes, then `path-prefix`, then the workspace, then exact
 * match, then each Cobertura `<source>` root, then Go module paths from go.mod files, then the
 * longest unique suffix match against the checkout's files. When most report files match
 * nothing, the caller is told so with examples and the fix, instead of gating on 0%.
 */
import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { type CoverageReport, addFile, emptyReport } from './model.js';

export interface PathOptions {
  /** Prefixes to remove from report paths (`path-strip`). */
  strip: string[];
  /** Prefix to add after stripping (`path-prefix`). */
  prefix: string;
  /** The checkout's absolute path (GITHUB_WORKSPACE). */
  workspace?: string;
  /** Cobertura `<source>` roots. */
  roots?: string[];
  /** Go modules in the checkout: module path -> directory ('' for the root). */
  goModules?: Map<string, string>;
}

export interface PathMapping {
  report: CoverageReport;
  matched: number;
  /** Report paths that match no file in the checkout (kept as they are). */
  unmatched: string[];
  /** Report paths that match several files: [report path, candidates]. */
  ambiguous: [string, string[]][];
}

/** `\` to `/`, `./` and `//` removed, `..` resolved; a drive letter is kept as an absolute root. */
export function cleanPath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  if (s.startsWith('file://')) s = s.slice(7);
  const abs = s.startsWith('/') || /^[A-Za-z]:\//.test(s);
  s = posix.normalize(s);
  if (s === '.') return '';
  if (s.startsWith('./')) s = s.slice(2);
  return abs || !s.startsWith('/') ? s : s.slice(1);
}

function stripPrefix(p: string, prefix: string): string | undefined {
  const pre = cleanPath(prefix).replace(/\/+$/, '');
  if (pre === '') return undefined;
  const cmpP = /^[A-Za-z]:\//.test(p) ? p.toLowerCase() : p;
  const cmpPre = /^[A-Za-z]:\//.test(pre) ? pre.toLowerCase() : pre;
  if (cmpP === cmpPre) return '';
  if (cmpP.startsWith(cmpPre + '/')) return p.slice(pre.length + 1);
  return undefined;
}

export class RepoIndex {
  readonly files: Set<string>;
  private bySuffix = new Map<string, string[] | string>();

  constructor(files: Iterable<string>) {
    this.files = new Set([...files].map((f) => cleanPath(f)));
    for (const f of this.files) {
      const segs = f.split('/');
      // A bare file name matches only when the report gives nothing more: `/app/lib/calc.ts` must not
  // silently become `src/calc.ts`.
  const minSegs = Math.min(2, segs.length);
  for (let k = 0; k <= segs.length - minSegs; k++) {
        const suffix = segs.slice(k).join('/');
        const cur = this.bySuffix.get(suffix);
        if (cur === undefined) this.bySuffix.set(suffix, f);
        else if (typeof cur === 'string') this.bySuffix.set(suffix, [cur, f]);
        else cur.push(f);
      }
    }
  }

  /** Files whose path ends with the whole of `suffix` (segment-aligned). */
  withSuffix(suffix: string): string[] {
    const v = this.bySuffix.get(suffix);
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  }
}

function resolveOne(raw: string, repo: RepoIndex | undefined, opts: PathOptions): { path: string; ambiguous?: string[]; matched: boolean } {
  let p = cleanPath(raw);
  for (const s of opts.strip) {
    const r = stripPrefix(p, s);
    if (r !== undefined) {
      p = r;
      break;
    }
  }
  if (opts.prefix) p = cleanPath(posix.join(opts.prefix, p));
  if (opts.workspace) {
    const r = stripPrefix(p, opts.workspace);
    if (r !== undefined) p = r;
  }
  if (!repo) return { path: p.replace(/^\/+/, ''), matched: true };
  if (repo.files.has(p)) return { path: p, matched: true };
  for (const root of opts.roots ?? []) {
    let joined = cleanPath(posix.join(cleanPath(root), p));
    if (opts.workspace) joined = stripPrefix(joined, opts.workspace) ?? joined;
    if (repo.files.has(joined)) return { path: joined, matched: true };
  }
  for (const [mod, dir] of opts.goModules ?? []) {
    const r = stripPrefix(p, mod);
    if (r !== undefined) {
      const q = dir ? `${dir}/${r}` : r;
      if (repo.files.has(q)) return { path: q, matched: true };
    }
  }
  const segs = p.split('/').filter((s) => s !== '' && !/^[A-Za-z]:$/.test(s));
  // A bare file name matches only when the report gives nothing more: `/app/lib/calc.ts` must not
  // silently become `src/calc.ts`.
  const minSegs = Math.min(2, segs.length);
  for (let k = 0; k <= segs.length - minSegs; k++) {
    const c = repo.withSuffix(segs.slice(k).join('/'));
    if (c.length === 1) return { path: c[0]!, matched: true };
    if (c.length > 1) return { path: p, ambiguous: c.slice(0, 5), matched: false };
  }
  return { path: p, matched: false };
}

export function mapPaths(report: CoverageReport, repo: RepoIndex | undefined, opts: PathOptions): PathMapping {
  const out = emptyReport();
  out.sources = report.sources;
  out.formats = report.formats;
  const unmatched: string[] = [];
  const ambiguous: [string, string[]][] = [];
  let matched = 0;
  for (const f of report.files.values()) {
    const r = resolveOne(f.path, repo, opts);
    if (r.matched) matched++;
    else if (r.ambiguous) ambiguous.push([f.path, r.ambiguous]);
    else unmatched.push(f.path);
    f.path = r.path;
    addFile(out, f);
  }
  return { report: out, matched, unmatched, ambiguous };
}

/** The directory part most unmatched paths share: what `path-strip` should probably be. */
export function suggestStrip(paths: string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const dirs = paths.map((p) => cleanPath(p).split('/').slice(0, -1));
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) {
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  const s = common.join('/');
  return s === '' ? undefined : s.startsWith('/') || /^[A-Za-z]:/.test(s) || common[0] === '' ? s || '/' : s;
}

/**
 * Fails when most of the report's files are not in the checkout: the numbers would be about
 * files we cannot show or diff, and a gate on them would be noise.
 */
export function assertMostlyMatched(m: PathMapping, where: string): void {
  const total = m.matched + m.unmatched.length + m.ambiguous.length;
  if (total === 0 || m.matched * 2 > total) return;
  const missing = [...m.unmatched, ...m.ambiguous.map(([p]) => p)];
  const examples = missing.slice(0, 3).join(', ');
  const strip = suggestStrip(m.unmatched);
  const hint = strip
    ? `set path-strip: ${strip} (the directory the tests ran in), or path-prefix if the report is relative to a subfolder`
    : 'set path-strip to the directory the tests ran in, or path-prefix to the subfolder the report is relative to';
  const amb = m.ambiguous.length ? ` (${m.ambiguous.length} match several files, e.g. ${m.ambiguous[0]![0]} -> ${m.ambiguous[0]![1].join(', ')})` : '';
  throw new UserError(`${missing.length} of ${total} files in the report are not in the repository, e.g. ${examples}${amb}; ${hint}`, where);
}

/** Go modules declared by go.mod files (path -> text), for import-path mapping. */
export function goModules(goMods: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of goMods) {
    const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
    if (m) out.set(m[2]!, posix.dirname(cleanPath(file)) === '.' ? '' : posix.dirname(cleanPath(file)));
  }
  return out;
}
