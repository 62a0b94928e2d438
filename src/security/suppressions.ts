/**
 * The suppressions file (.github/slipway-suppressions.yml): one list for every scanner, where
 * each entry must say what it hides (id or rule), where (scope: image, path, package), why
 * (reason) and until when (expires). Nothing is permanent: an expired entry stops hiding its
 * findings, and an entry that hides nothing is reported as stale.
 *
 * ```yaml
 * suppressions:
 *   - id: CVE-2019-1549
 *     scope: { package: libssl1.1, image: "ghcr.io/acme/api*" }
 *     reason: Not reachable: we never fork after seeding the RNG (SEC-123).
 *     expires: 2026-12-31
 * ```
 */
import picomatch from 'picomatch';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';
import type { Finding } from './finding.js';

export interface SuppressionScope {
  image?: string;
  path?: string;
  package?: string;
}

export interface Suppression {
  /** Position in the file's list (0-based) and its line, for messages. */
  index: number;
  line: number;
  id?: string;
  rule?: string;
  scope: SuppressionScope;
  reason: string;
  /** YYYY-MM-DD; the entry works up to and including this day (UTC). */
  expires: string;
}

const ENTRY_KEYS = new Set(['id', 'rule', 'scope', 'reason', 'expires']);
const SCOPE_KEYS = new Set(['image', 'path', 'package']);

/** Parses and validates the whole file; the first problem throws a UserError naming file:line and entry. */
export function parseSuppressions(text: string, file: string): Suppression[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw new UserError(`not valid YAML: ${e.message.split('\n')[0]}`, `${file}:${line}`);
  }
  const lineOf = (n: YamlNode | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const root = doc.contents;
  if (root === null || root === undefined) return [];
  if (!isMap(root))
    throw new UserError('expected a mapping with a `suppressions:` list', `${file}:${lineOf(root)}`);
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
    if (key !== 'suppressions') {
      throw new UserError(
        `unknown key '${key}' (only 'suppressions' is allowed)`,
        `${file}:${lineOf(pair.key as YamlNode)}`,
      );
    }
  }
  const list = root.get('suppressions', true) as YamlNode | undefined;
  if (list === undefined || list === null || (list as { value?: unknown }).value === null) return [];
  if (!isSeq(list)) throw new UserError('`suppressions` must be a list', `${file}:${lineOf(list)}`);
  return list.items.map((item, index) => {
    const line = lineOf(item as YamlNode);
    const at = `${file}:${line}`;
    const raw = (item as { toJSON?: () => unknown })?.toJSON?.() ?? item;
    if (!isMap(item) || typeof raw !== 'object' || raw === null) {
      throw new UserError(`suppressions[${index}]: each entry must be a mapping`, at);
    }
    const e = raw as Record<string, unknown>;
    const label = `suppressions[${index}]${typeof e.id === 'string' ? ` (${e.id})` : typeof e.rule === 'string' ? ` (${e.rule})` : ''}`;
    const fail = (msg: string, key?: string): never => {
      const keyNode = key ? (item.get(key, true) as YamlNode | undefined) : undefined;
      throw new UserError(`${label}: ${msg}`, keyNode ? `${file}:${lineOf(keyNode)}` : at);
    };
    for (const k of Object.keys(e))
      if (!ENTRY_KEYS.has(k)) fail(`unknown key '${k}' (allowed: id, rule, scope, reason, expires)`, k);
    for (const k of ['id', 'rule', 'reason'] as const) {
      if (e[k] !== undefined && typeof e[k] !== 'string') fail(`'${k}' must be a string`, k);
    }
    if (!e.id && !e.rule) fail('needs an `id` (e.g. CVE-2024-1234) or a `rule` (e.g. no-eval)');
    if (typeof e.reason !== 'string' || e.reason.trim() === '')
      fail('needs a `reason` saying why this is acceptable');
    const expires = normaliseDate(e.expires);
    if (e.expires === undefined || e.expires === null)
      fail('needs an `expires` date (YYYY-MM-DD); suppressions are never permanent');
    if (!expires)
      fail(`'expires' is not a valid date (YYYY-MM-DD): ${JSON.stringify(String(e.expires))}`, 'expires');
    const scopeRaw = e.scope;
    if (typeof scopeRaw !== 'object' || scopeRaw === null || Array.isArray(scopeRaw)) {
      fail(
        'needs a `scope` with at least one of image, path, package (use path: "**" for the whole repository)',
        e.scope === undefined ? undefined : 'scope',
      );
    }
    const scope: SuppressionScope = {};
    for (const [k, v] of Object.entries(scopeRaw as Record<string, unknown>)) {
      if (!SCOPE_KEYS.has(k)) fail(`unknown scope key '${k}' (allowed: image, path, package)`, 'scope');
      if (typeof v !== 'string' || v === '') fail(`scope.${k} must be a non-empty string`, 'scope');
      scope[k as keyof SuppressionScope] = v as string;
    }
    if (Object.keys(scope).length === 0) fail('scope needs at least one of image, path, package', 'scope');
    return {
      index,
      line,
      ...(typeof e.id === 'string' ? { id: e.id } : {}),
      ...(typeof e.rule === 'string' ? { rule: e.rule } : {}),
      scope,
      reason: (e.reason as string).trim(),
      expires: expires!,
    };
  });
}

/** Accepts YYYY-MM-DD strings (and the Date YAML 1.1 may make of them); rejects impossible dates. */
function normaliseDate(v: unknown): string | undefined {
  let s: string;
  if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else if (typeof v === 'string') s = v.trim();
  else return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (
    d.getUTCFullYear() !== Number(m[1]) ||
    d.getUTCMonth() !== Number(m[2]) - 1 ||
    d.getUTCDate() !== Number(m[3])
  ) {
    return undefined;
  }
  return s;
}

/** `today` as YYYY-MM-DD (UTC). An entry expiring on `today` still works today. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires < today;
}

/** Days from today until the entry stops working (0 = last day today). */
export function daysLeft(s: Suppression, today: string): number {
  return Math.round((Date.parse(s.expires + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000);
}

export function describe(s: Suppression): string {
  const what = s.id ?? s.rule!;
  const scope = Object.entries(s.scope)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${what} (${scope})`;
}

const globOpts = { dot: true, nocase: true };

export function matches(s: Suppression, f: Finding): boolean {
  if (s.id) {
    const id = s.id.toUpperCase();
    if (f.vulnId?.toUpperCase() !== id && f.ruleId.toUpperCase() !== id) return false;
  }
  if (s.rule && !picomatch.isMatch(f.ruleId, s.rule, globOpts)) return false;
  if (
    s.scope.package !== undefined &&
    !(f.package && picomatch.isMatch(f.package.name, s.scope.package, globOpts))
  )
    return false;
  if (
    s.scope.path !== undefined &&
    !(f.location && picomatch.isMatch(f.location.path, s.scope.path, globOpts))
  )
    return false;
  if (s.scope.image !== undefined && !(f.target && picomatch.isMatch(f.target, s.scope.image, globOpts)))
    return false;
  return true;
}
