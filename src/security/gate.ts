/**
 * The gate: de-duplicates findings across tools, drops unfixed ones when asked, applies the
 * suppressions (never expired ones), compares with a baseline when there is one, and decides.
 * Pure: "today" comes in as a YYYY-MM-DD string, never from the clock.
 */
import { UserError } from '../errors.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from './finding.js';
import { daysLeft, isExpired, matches, type Suppression } from './suppressions.js';

export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface GateOptions {
  failOn: FailOn;
  ignoreUnfixed: boolean;
  suppressions: Suppression[];
  /** Fingerprints of the base branch's findings; undefined = no baseline (every finding counts as new). */
  baseline?: Set<string>;
  /** YYYY-MM-DD (UTC). */
  today: string;
  /** Suppressions expiring within this many days are flagged in the report. */
  warnDays?: number;
}

export interface SuppressedFinding {
  finding: Finding;
  by: Suppression;
}

export interface ExpiredMatch {
  finding: Finding;
  entry: Suppression;
}

export interface GateResult {
  /** All findings after de-duplication. */
  findings: Finding[];
  /** Findings that count: not suppressed, not dropped by ignore-unfixed. */
  active: Finding[];
  suppressed: SuppressedFinding[];
  ignoredUnfixed: Finding[];
  /** Active findings not in the baseline (all active ones without a baseline). */
  newFindings: Finding[];
  /** Baseline fingerprints no longer found (0 without a baseline). */
  fixed: number;
  /** Findings that fail the gate: active, new, at or above fail-on. Worst first. */
  blocking: Finding[];
  /** Entries in force that hid at least one finding, with how many. */
  inForce: { entry: Suppression; count: number; daysLeft: number }[];
  expired: Suppression[];
  /** Findings that an expired entry would have hidden: they count again. */
  expiredMatches: ExpiredMatch[];
  /** Unexpired entries that hid nothing. */
  stale: Suppression[];
  passed: boolean;
  failOn: FailOn;
  hasBaseline: boolean;
}

export function parseFailOn(v: string, where = 'fail-on'): FailOn {
  const s = v.trim().toLowerCase();
  if ((FAIL_ON as readonly string[]).includes(s)) return s as FailOn;
  throw new UserError(`expected one of ${FAIL_ON.join(', ')}, got '${v}'`, where);
}

export function atOrAbove(s: Severity, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return severityRank(s) >= severityRank(failOn);
}

/** Merges findings with the same fingerprint; the worst severity and the richest details win. */
export function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const seen = byKey.get(f.fingerprint);
    if (!seen) {
      byKey.set(f.fingerprint, { ...f, tools: [...f.tools] });
      continue;
    }
    for (const t of f.tools) if (!seen.tools.includes(t)) seen.tools.push(t);
    if (severityRank(f.severity) > severityRank(seen.severity) || seen.severity === 'unknown') {
      if (f.severity !== 'unknown') seen.severity = f.severity;
    }
    if (f.package && seen.package) {
      seen.package = {
        ...f.package,
        ...seen.package,
        ...((seen.package.fixed ?? f.package.fixed) ? { fixed: seen.package.fixed ?? f.package.fixed } : {}),
      };
    } else if (f.package && !seen.package) seen.package = f.package;
    if (seen.fixable === undefined && f.fixable !== undefined) seen.fixable = f.fixable;
    if (f.fixable === true) seen.fixable = true;
    if (!seen.location && f.location) seen.location = f.location;
    if (!seen.target && f.target) seen.target = f.target;
    if (!seen.vulnId && f.vulnId) seen.vulnId = f.vulnId;
    if (!seen.helpUri && f.helpUri) seen.helpUri = f.helpUri;
  }
  return [...byKey.values()];
}

export function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

export function evaluate(all: Finding[], opts: GateOptions): GateResult {
  const findings = dedupe(all).sort(bySeverity);
  const valid = opts.suppressions.filter((s) => !isExpired(s, opts.today));
  const expired = opts.suppressions.filter((s) => isExpired(s, opts.today));
  const hits = new Map<Suppression, number>();
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const ignoredUnfixed: Finding[] = [];
  const expiredMatches: ExpiredMatch[] = [];
  for (const f of findings) {
    if (opts.ignoreUnfixed && f.kind === 'vulnerability' && f.fixable === false) {
      ignoredUnfixed.push(f);
      continue;
    }
    const by = valid.find((s) => matches(s, f));
    if (by) {
      hits.set(by, (hits.get(by) ?? 0) + 1);
      suppressed.push({ finding: f, by });
      continue;
    }
    const old = expired.find((s) => matches(s, f));
    if (old) expiredMatches.push({ finding: f, entry: old });
    active.push(f);
  }
  const newFindings = opts.baseline ? active.filter((f) => !opts.baseline!.has(f.fingerprint)) : active;
  let fixed = 0;
  if (opts.baseline) {
    const now = new Set(findings.map((f) => f.fingerprint));
    for (const fp of opts.baseline) if (!now.has(fp)) fixed++;
  }
  const blocking = newFindings.filter((f) => atOrAbove(f.severity, opts.failOn));
  const inForce = valid
    .filter((s) => hits.has(s))
    .map((entry) => ({ entry, count: hits.get(entry)!, daysLeft: daysLeft(entry, opts.today) }));
  const stale = valid.filter((s) => !hits.has(s));
  return {
    findings,
    active,
    suppressed,
    ignoredUnfixed,
    newFindings,
    fixed,
    blocking,
    inForce,
    expired,
    expiredMatches,
    stale,
    passed: blocking.length === 0,
    failOn: opts.failOn,
    hasBaseline: opts.baseline !== undefined,
  };
}

/** The one-line reason a failing gate gives (also the step's failure message). */
export function verdict(r: GateResult): string {
  if (r.passed) {
    const scope = r.hasBaseline ? 'new findings' : 'findings';
    return r.failOn === 'none'
      ? `passed: fail-on is none (${r.active.length} findings reported)`
      : `passed: no ${scope} at or above ${r.failOn}`;
  }
  const n = r.blocking.length;
  const worst = r.blocking[0]!;
  let msg = `${n} ${r.hasBaseline ? 'new ' : ''}finding${n === 1 ? '' : 's'} at or above ${r.failOn} (worst: ${worst.severity} ${worst.vulnId ?? worst.ruleId}${worst.package ? ` in ${worst.package.name}` : ''})`;
  const exp = r.expiredMatches.filter((m) => r.blocking.includes(m.finding));
  if (exp.length > 0) {
    const e = exp[0]!.entry;
    msg += `; suppression ${e.id ?? e.rule} (entry ${e.index + 1}, line ${e.line}) expired on ${e.expires}`;
    if (exp.length > 1) msg += ` and ${exp.length - 1} more blocking finding(s) lost an expired suppression`;
  }
  return msg;
}
