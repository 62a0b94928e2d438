/**
 * The whole gate as one function of plain inputs and injected effects, shared by the action and
 * the `slipway coverage` command: read reports, map paths, merge, patch coverage, base lookup,
 * thresholds, markdown.
 */
import { UserError, messageOf } from '../errors.js';
import { type BaseLookup, type StoredSummary, findBase, toStored } from './base.js';
import type { ChangedLines } from './diff.js';
import { type GateResult, type Thresholds, evaluate, patchCoverage } from './gate.js';
import { type CoverageReport, mergeReports } from './model.js';
import { type FormatChoice, parseReport, reportSize } from './parse.js';
import { RepoIndex, assertMostlyMatched, goModules, mapPaths } from './paths.js';
import type { Text } from './parsers/util.js';
import { type RenderInput, commentMarkdown, planAnnotations, summaryMarkdown } from './render.js';

export interface GateOptions {
  /** Report files (already expanded from globs), as shown in messages. */
  reports: string[];
  format: FormatChoice;
  thresholds: Thresholds;
  pathStrip: string[];
  pathPrefix: string;
  workspace?: string;
  failOnEmpty: boolean;
  /** Base commit to compare with (a pull request's base); undefined on pushes. */
  baseSha?: string;
  commentId: string;
  runUrl?: string;
}

export interface GateDeps {
  open(report: string): Text;
  /** Files tracked in the checkout (repo-relative); undefined when there is no checkout. */
  repoFiles(): Promise<string[] | undefined>;
  readText(repoPath: string): Promise<string | undefined>;
  /** Changed lines of the pull request and where they came from; undefined when not a PR. */
  changedLines(): Promise<{ changed: ChangedLines; source: string; incomplete?: string } | undefined>;
  /** The base commit and its first-parent ancestors, nearest first. */
  ancestors(sha: string): Promise<string[]>;
  /** Stored summary of a commit; throws when the store is unavailable. */
  loadSummary?(sha: string): Promise<StoredSummary | undefined>;
  log(message: string): void;
}

export interface GateRun {
  report: CoverageReport;
  result: GateResult;
  base: BaseLookup;
  notes: string[];
  summary: string;
  comment: string;
  render: RenderInput;
  stored: (sha: string) => StoredSummary;
}

export async function runGate(o: GateOptions, d: GateDeps): Promise<GateRun> {
  if (o.reports.length === 0) throw new UserError('no coverage report matched; check the path and that the tests wrote one', 'input files');
  const notes: string[] = [];
  const parsed: CoverageReport[] = [];
  const roots: string[] = [];
  for (const name of o.reports) {
    const r = await parseReport(d.open(name), name, o.format);
    if (reportSize(r) === 0) {
      const msg = 'the report has no executable lines (did any test run? did the include pattern match the sources?)';
      if (o.failOnEmpty) throw new UserError(msg, name);
      notes.push(`${name}: ${msg}`);
    }
    if ('roots' in r) roots.push(...(r as { roots: string[] }).roots);
    parsed.push(r);
    d.log(`${name}: ${r.formats.join(', ')}, ${r.files.size} file${r.files.size === 1 ? '' : 's'}`);
  }
  const files = await d.repoFiles();
  const goMods = new Map<string, string>();
  if (files && parsed.some((r) => r.formats.includes('go'))) {
    for (const f of files.filter((x) => x === 'go.mod' || x.endsWith('/go.mod'))) {
      const t = await d.readText(f);
      if (t) goMods.set(f, t);
    }
  }
  const repo = files ? new RepoIndex(files) : undefined;
  const mapped: CoverageReport[] = [];
  for (const r of parsed) {
    const m = mapPaths(r, repo, { strip: o.pathStrip, prefix: o.pathPrefix, workspace: o.workspace, roots, goModules: goModules(goMods) });
    assertMostlyMatched(m, r.sources.join(', '));
    const missing = m.unmatched.length + m.ambiguous.length;
    if (missing > 0) {
      notes.push(
        `${missing} file${missing === 1 ? '' : 's'} in ${r.sources.join(', ')} ${missing === 1 ? 'is' : 'are'} not in the repository and ${missing === 1 ? 'is' : 'are'} counted under the report's path: ${[...m.unmatched, ...m.ambiguous.map(([p]) => p)].slice(0, 3).join(', ')}${missing > 3 ? ', ...' : ''}`,
      );
    }
    mapped.push(m.report);
  }
  const report = mergeReports(mapped);

  let patch;
  const change = await d.changedLines();
  if (change) {
    patch = patchCoverage(report, change.changed);
    d.log(`changed lines from ${change.source}: ${patch.lines.found} executable, ${patch.lines.hit} covered`);
    if (change.incomplete) notes.push(change.incomplete);
  }

  let base: BaseLookup = { tried: [], reason: 'no base commit (not a pull request)' };
  if (o.baseSha) {
    if (!d.loadSummary) base = { tried: [], reason: 'no coverage store is available' };
    else {
      const ancestors = await d.ancestors(o.baseSha).catch(() => [o.baseSha!]);
      base = await findBase(ancestors.length ? ancestors : [o.baseSha], d.loadSummary);
    }
  }
  if (!base.found && o.thresholds.maxDrop !== undefined && o.baseSha) d.log(`max-drop not checked: ${base.reason}`);
  const result = evaluate(report, o.thresholds, patch, base.found ? { sha: base.found.sha, distance: base.found.distance, totals: base.found.summary.totals } : undefined);
  const render: RenderInput = { result, base, notes, runUrl: o.runUrl, reportNames: o.reports };
  return {
    report,
    result,
    base,
    notes,
    summary: summaryMarkdown(render),
    comment: commentMarkdown(render, o.commentId),
    render,
    stored: (sha) => toStored(sha, result.totals, result.files),
  };
}

export { planAnnotations, messageOf };
