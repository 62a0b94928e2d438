/**
 * The gate's report: a job-summary in markdown and the annotations to print, both pure.
 * GitHub shows at most 10 error and 10 warning annotations per step, so the most severe
 * file-located findings are annotated and the summary says how many more there are.
 */
import { SEVERITIES, type Finding, type Severity } from './finding.js';
import { atOrAbove, verdict, type GateResult } from './gate.js';
import { describe } from './suppressions.js';

export const ANNOTATION_LIMIT = 10;

export interface PlannedAnnotation {
  level: 'error' | 'warning';
  message: string;
  title: string;
  file: string;
  startLine: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface AnnotationPlan {
  annotations: PlannedAnnotation[];
  /** File-located findings that were not annotated because of the limit. */
  omittedErrors: number;
  omittedWarnings: number;
}

function ident(f: Finding): string {
  return f.vulnId ?? f.ruleId;
}

function where(f: Finding): string {
  if (f.location?.path)
    return f.location.startLine ? `${f.location.path}:${f.location.startLine}` : f.location.path;
  return f.target ?? '';
}

/** `isFile` says whether a location path is a file in the repository (only those can be annotated). */
export function planAnnotations(r: GateResult, isFile: (path: string) => boolean): AnnotationPlan {
  const located = r.active.filter(
    (f) => f.location?.startLine !== undefined && f.location.path && isFile(f.location.path),
  );
  const blocking = new Set(r.blocking);
  const errors = located.filter((f) => blocking.has(f));
  const warnings = located.filter((f) => !blocking.has(f));
  const toAnn = (f: Finding, level: 'error' | 'warning'): PlannedAnnotation => ({
    level,
    title: `${f.severity.toUpperCase()} ${ident(f)} (${f.tools.join(', ')})`,
    message: `${f.title}${f.message && f.message !== f.title ? `: ${firstLine(f.message)}` : ''}`,
    file: f.location!.path,
    startLine: f.location!.startLine!,
    ...(f.location!.endLine ? { endLine: f.location!.endLine } : {}),
    ...(f.location!.startColumn && (!f.location!.endLine || f.location!.endLine === f.location!.startLine)
      ? {
          startColumn: f.location!.startColumn,
          ...(f.location!.endColumn ? { endColumn: f.location!.endColumn } : {}),
        }
      : {}),
  });
  return {
    annotations: [
      ...errors.slice(0, ANNOTATION_LIMIT).map((f) => toAnn(f, 'error')),
      ...warnings.slice(0, ANNOTATION_LIMIT).map((f) => toAnn(f, 'warning')),
    ],
    omittedErrors: Math.max(0, errors.length - ANNOTATION_LIMIT),
    omittedWarnings: Math.max(0, warnings.length - ANNOTATION_LIMIT),
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

/**
 * Report text comes from scanner output (package names, titles, suppression reasons): keep it
 * from breaking the table or injecting HTML into the job summary.
 */
function cell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function pkgCell(f: Finding): string {
  if (!f.package) return '';
  return cell(f.package.name);
}

function versionCell(f: Finding): string {
  if (!f.package) return '';
  const inst = f.package.installed ?? '?';
  return cell(f.package.fixed ? `${inst} → ${f.package.fixed}` : `${inst} → (no fix)`);
}

function findingRow(f: Finding): string {
  const id = f.helpUri && /^https?:\/\/[^\s()]+$/.test(f.helpUri) ? `[${ident(f)}](${f.helpUri})` : ident(f);
  return `| ${f.severity} | ${cell(id)} | ${pkgCell(f)} | ${versionCell(f)} | ${cell(where(f))} | ${cell(f.tools.join(', '))} |`;
}

const FINDING_HEADER = [
  '| severity | id | package | installed → fixed | where | tools |',
  '| --- | --- | --- | --- | --- | --- |',
];

export interface SummaryOptions {
  plan?: AnnotationPlan;
  sarifFiles?: number;
  /** Rows of the blocking table before the rest goes into a collapsed block. */
  maxRows?: number;
  warnDays?: number;
}

export function renderSummary(r: GateResult, opts: SummaryOptions = {}): string {
  const maxRows = opts.maxRows ?? 50;
  const warnDays = opts.warnDays ?? 14;
  const out: string[] = [];
  out.push(`### ${r.passed ? '✅' : '❌'} Security gate ${cell(verdict(r))}`);
  out.push('');
  const baselineNote = r.hasBaseline
    ? `, ${r.newFindings.length} new, ${r.fixed} fixed since the baseline`
    : '';
  out.push(
    `${r.findings.length} finding(s) after de-duplication: ${r.active.length} active${baselineNote}, ${r.suppressed.length} suppressed, ${r.ignoredUnfixed.length} ignored as unfixed. Fail on: **${r.failOn}**.`,
  );
  out.push('');

  // Counts by severity and tool (active findings).
  const tools = [...new Set(r.active.flatMap((f) => f.tools))].sort();
  if (r.active.length > 0) {
    out.push(`| severity | ${tools.map(cell).join(' | ')} | total |`);
    out.push(`| --- | ${tools.map(() => '---:').join(' | ')} | ---: |`);
    for (const s of SEVERITIES) {
      const ofSev = r.active.filter((f) => f.severity === s);
      if (ofSev.length === 0) continue;
      const label = atOrAbove(s as Severity, r.failOn) ? `**${s}**` : s;
      out.push(
        `| ${label} | ${tools.map((t) => ofSev.filter((f) => f.tools.includes(t)).length).join(' | ')} | ${ofSev.length} |`,
      );
    }
    out.push('');
  }

  if (r.blocking.length > 0) {
    out.push(`#### Blocking (${r.blocking.length})`);
    out.push('');
    out.push(...FINDING_HEADER);
    for (const f of r.blocking.slice(0, maxRows)) out.push(findingRow(f));
    if (r.blocking.length > maxRows) out.push(`| | … ${r.blocking.length - maxRows} more | | | | |`);
    out.push('');
  }

  if (r.expired.length > 0) {
    out.push(`#### Expired suppressions (${r.expired.length}): no longer applied`);
    out.push('');
    for (const e of r.expired) {
      const n = r.expiredMatches.filter((m) => m.entry === e).length;
      out.push(
        `- entry ${e.index + 1} (line ${e.line}) ${cell(describe(e))}: expired on ${e.expires}; ${n > 0 ? `${n} finding(s) count again` : 'it matches nothing now: delete it'}. Reason was: ${cell(e.reason)}`,
      );
    }
    out.push('');
  }
  if (r.stale.length > 0) {
    out.push(`#### Stale suppressions (${r.stale.length}): they match no finding, delete them`);
    out.push('');
    for (const e of r.stale)
      out.push(`- entry ${e.index + 1} (line ${e.line}) ${cell(describe(e))}, expires ${e.expires}`);
    out.push('');
  }
  if (r.inForce.length > 0) {
    out.push(`#### Suppressions in force (${r.inForce.length})`);
    out.push('');
    out.push('| entry | suppresses | findings | reason | expires |');
    out.push('| --- | --- | ---: | --- | --- |');
    for (const s of r.inForce) {
      const soon = s.daysLeft <= warnDays ? ` ⚠️ in ${s.daysLeft} day(s)` : '';
      out.push(
        `| ${s.entry.index + 1} (line ${s.entry.line}) | ${cell(describe(s.entry))} | ${s.count} | ${cell(s.entry.reason)} | ${s.entry.expires}${soon} |`,
      );
    }
    out.push('');
  }

  if (opts.plan && (opts.plan.omittedErrors > 0 || opts.plan.omittedWarnings > 0)) {
    out.push(
      `GitHub shows 10 error and 10 warning annotations per step: ${opts.plan.omittedErrors} error and ${opts.plan.omittedWarnings} warning annotation(s) more are listed below only.`,
    );
    out.push('');
  }

  const rest = r.active.filter((f) => !r.blocking.includes(f));
  if (rest.length > 0) {
    out.push(`<details><summary>Other active findings (${rest.length})</summary>`);
    out.push('');
    out.push(...FINDING_HEADER);
    for (const f of rest.slice(0, 500)) out.push(findingRow(f));
    if (rest.length > 500) out.push(`| | … ${rest.length - 500} more | | | | |`);
    out.push('');
    out.push('</details>');
    out.push('');
  }
  if (opts.sarifFiles !== undefined)
    out.push(`Merged SARIF: ${opts.sarifFiles} file(s) within GitHub's upload limits.`);
  return out.join('\n') + '\n';
}
