import { join } from 'node:path';
import { UserError, messageOf } from '../../errors.js';
import type { StoredSummary } from '../../coverage/base.js';
import { type ChangedLines, type PullFile, changedFromPullFiles } from '../../coverage/diff.js';
import { metricPct, round2 } from '../../coverage/gate.js';
import { pct } from '../../coverage/model.js';
import type { Text } from '../../coverage/parsers/util.js';
import { marker, planAnnotations, summaryMarkdown, verdict } from '../../coverage/render.js';
import { runGate } from '../../coverage/run.js';
import type { ActionIO } from '../../runner/io.js';
import { readInputs } from './inputs.js';

export interface GitHubOps {
  upsertComment(issue: number, marker: string, body: string): Promise<'created' | 'updated'>;
  pullFiles(pull: number): Promise<PullFile[]>;
  isPermissionError(e: unknown): boolean;
}

export interface CoverageStoreOps {
  get(sha: string): Promise<StoredSummary | undefined>;
  put(summary: StoredSummary): Promise<void>;
}

export interface CoverageGateDeps {
  readEvent(): Promise<Record<string, unknown> | undefined>;
  expandReports(patterns: string[], cwd: string): Promise<string[]>;
  open(path: string, cwd: string): Text;
  repoFiles(cwd: string): Promise<string[] | undefined>;
  readText(path: string): Promise<string | undefined>;
  gitChangedLines(cwd: string, baseSha: string): Promise<ChangedLines | undefined>;
  ancestors(cwd: string, sha: string): Promise<string[]>;
  store: CoverageStoreOps;
  github(token: string): GitHubOps | undefined;
  writeFile(path: string, text: string): Promise<void>;
}

interface PullContext {
  number: number;
  baseSha: string;
  headSha: string;
  fork: boolean;
}

function pullOf(event: Record<string, unknown> | undefined): PullContext | undefined {
  const pr = (event?.pull_request ?? undefined) as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!pr || typeof pr.number !== 'number') return undefined;
  const baseRepo = pr.base?.repo?.full_name;
  const headRepo = pr.head?.repo?.full_name;
  return {
    number: pr.number,
    baseSha: String(pr.base?.sha ?? ''),
    headSha: String(pr.head?.sha ?? ''),
    fork: Boolean(headRepo && baseRepo && headRepo !== baseRepo),
  };
}

const show = (n: number | undefined) => (n === undefined ? '' : n.toFixed(2));

export async function main(io: ActionIO, deps: CoverageGateDeps): Promise<void> {
  const inputs = readInputs((n) => io.getInput(n));
  const env = io.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const event = await deps.readEvent();
  const pull = pullOf(event);
  const github = inputs.githubToken ? deps.github(inputs.githubToken) : undefined;
  const reports = await deps.expandReports(inputs.files, workspace);

  const run = await runGate(
    {
      reports,
      format: inputs.format,
      thresholds: inputs.thresholds,
      pathStrip: inputs.pathStrip,
      pathPrefix: inputs.pathPrefix,
      workspace,
      failOnEmpty: inputs.failOnEmpty,
      baseSha: pull?.baseSha || undefined,
      commentId: inputs.commentId,
      runUrl:
        env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
    },
    {
      open: (p) => deps.open(p, workspace),
      repoFiles: () => deps.repoFiles(workspace),
      readText: (p) => deps.readText(join(workspace, p)),
      changedLines: async () => {
        if (!pull) return undefined;
        const local = pull.baseSha ? await deps.gitChangedLines(workspace, pull.baseSha) : undefined;
        if (local) return { changed: local, source: 'git diff' };
        if (!github)
          return {
            changed: new Map(),
            source: 'nowhere',
            incomplete:
              'Changed lines unknown: the base commit is not in the checkout (use fetch-depth: 0) and there is no github-token to ask the API.',
          };
        try {
          const files = await github.pullFiles(pull.number);
          const { changed, withoutPatch } = changedFromPullFiles(files);
          const incomplete =
            withoutPatch.length > 0
              ? `GitHub gave no diff for ${withoutPatch.length} changed file${withoutPatch.length === 1 ? '' : 's'} (too large or binary), e.g. ${withoutPatch.slice(0, 3).join(', ')}: their lines are not in the changed-lines figure. Check out with fetch-depth: 0 to diff locally.`
              : files.length >= 3000
                ? 'The pull request has 3,000 files or more, the most GitHub lists: the changed-lines figure may be incomplete. Check out with fetch-depth: 0 to diff locally.'
                : undefined;
          return { changed, source: 'the pull request files API', incomplete };
        } catch (e) {
          return {
            changed: new Map(),
            source: 'nowhere',
            incomplete: `Changed lines unknown: the pull request's files could not be read (${messageOf(e)}).`,
          };
        }
      },
      ancestors: (sha) => deps.ancestors(workspace, sha),
      loadSummary: inputs.storeBase ? (sha) => deps.store.get(sha) : undefined,
      log: (m) => io.info(m),
    },
  );
  const r = run.result;

  // Store the summary of default-branch pushes for later pull requests.
  const onDefault =
    !pull && inputs.defaultBranch !== '' && env.GITHUB_REF === `refs/heads/${inputs.defaultBranch}`;
  if (inputs.storeBase && onDefault && env.GITHUB_SHA) {
    try {
      await deps.store.put(run.stored(env.GITHUB_SHA));
      io.info(`coverage summary of ${env.GITHUB_SHA.slice(0, 7)} stored for pull requests to compare with`);
    } catch (e) {
      run.notes.push(
        `The coverage summary could not be stored, so pull requests will have no base to compare with: ${messageOf(e)}`,
      );
    }
  }

  // Sticky comment; a read-only token (fork) falls back to the summary without failing.
  if (pull && inputs.comment) {
    const body = run.comment;
    if (!github) run.notes.push('No comment posted: no github-token. The results are in this summary.');
    else {
      try {
        const how = await github.upsertComment(pull.number, marker(inputs.commentId), body);
        io.info(`pull request comment ${how}`);
      } catch (e) {
        if (github.isPermissionError(e)) {
          run.notes.push(
            `No comment posted: the token cannot write to pull request #${pull.number}${pull.fork ? ' (a fork: its token is read-only)' : ''}. The results are in this summary; the gate is not failed for this.`,
          );
        } else run.notes.push(`No comment posted: ${messageOf(e)}. The results are in this summary.`);
      }
    }
  }

  if (inputs.annotations) {
    const { annotations, rest } = planAnnotations(r);
    for (const a of annotations)
      io.annotate(a.level, a.message, {
        title: a.title,
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
      });
    if (rest > 0)
      io.info(
        `${rest} more uncovered changed range${rest === 1 ? '' : 's'} not annotated (GitHub shows 10 per step): see the job summary`,
      );
  }
  for (const n of run.notes) io.info(n);
  await io.summary(summaryMarkdown(run.render));

  const reportPath = join(
    env.RUNNER_TEMP ?? workspace,
    `slipway-coverage${inputs.commentId ? `-${inputs.commentId}` : ''}.json`,
  );
  await deps.writeFile(
    reportPath,
    JSON.stringify(
      {
        passed: r.passed,
        totals: r.totals,
        checks: r.checks,
        delta: r.delta ?? null,
        base: run.base.found
          ? { sha: run.base.found.sha, distance: run.base.found.distance }
          : { reason: run.base.reason },
        patch: r.patch
          ? { lines: r.patch.lines, partial: r.patch.partial, uncovered: r.patch.uncovered }
          : null,
        files: r.files.map((f) => ({ path: f.path, ...f.counts })),
        notes: run.notes,
      },
      null,
      2,
    ),
  );
  io.setOutput('lines', show(metricPct(r, 'lines')));
  io.setOutput('branches', show(metricPct(r, 'branches')));
  io.setOutput('functions', show(metricPct(r, 'functions')));
  const patchPct = r.patch ? pct(r.patch.lines) : undefined;
  io.setOutput('patch', show(patchPct === undefined ? undefined : round2(patchPct)));
  io.setOutput('delta', show(r.delta));
  io.setOutput('passed', r.passed);
  io.setOutput('report', reportPath);
  if (!r.passed)
    throw new UserError(verdict(r).replace(/^❌ \*\*Coverage gate failed\*\*: /, 'coverage gate failed: '));
}
