/**
 * The built coverage-gate bundle, run as the Actions runner runs it, against the GitHub fake:
 * a passing pull request, the same pull request failing after a push (patch below threshold, the
 * one comment updated in place), a default-branch push, a fork whose token cannot comment, and
 * broken reports.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runActionBundle } from '../support/harness.js';
import { type GitHubFake, startGitHubFake } from '../support/github-fake/index.js';

const fx = (rel: string) => readFileSync(join(repoRoot, 'fixtures', 'coverage', rel), 'utf8');
const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const PR = 2;

/** A checkout of the TypeScript sample with the lcov report vitest (istanbul provider) wrote in CI. */
function workspace(extra: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'slipway-covgate-ws-'));
  const put = (rel: string, text: string) => {
    mkdirSync(join(ws, rel, '..'), { recursive: true });
    writeFileSync(join(ws, rel), text);
  };
  put('src/calc.ts', fx('src/ts/src/calc.ts'));
  put('src/util.ts', fx('src/ts/src/util.ts'));
  put('test/calc.test.ts', fx('src/ts/test/calc.test.ts'));
  put('coverage/lcov.info', fx('vitest-istanbul/lcov.info'));
  for (const [k, v] of Object.entries(extra)) put(k, v);
  return ws;
}

/** A `patch` as the PR files endpoint gives it: the given lines of the new file, all added. */
function addedPatch(text: string, from: number, to: number): string {
  const lines = text.split('\n').slice(from - 1, to);
  return [`@@ -0,0 +${from},${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

let fake: GitHubFake;
beforeAll(async () => {
  fake = await startGitHubFake({ seed: 7 });
  fake.seed.repo(OWNER, REPO, { defaultBranch: 'master' });
});
afterEach(() => fake.assertNoViolations());
afterAll(() => fake.close());

function setPullFiles(files: { filename: string; status: 'modified' | 'added'; patch?: string }[]) {
  const pull = fake.world.findRepo(OWNER, REPO)!.data.pulls.get(PR)!;
  pull.files = files.map((f) => ({ ...f, additions: 1, deletions: 0 }));
}

describe('coverage-gate bundle against the GitHub fake', () => {
  const calc = fx('src/ts/src/calc.ts');

  it('passing pull request: outputs, summary, one comment; then a failing push updates that comment', async () => {
    fake.seed.pull(OWNER, REPO, { number: PR, head: { ref: 'changes' }, base: { ref: 'master' } });
    // clamp(): lines 2 and 4 run with both branches, line 3's `v > hi` is never true (partial)
    setPullFiles([{ filename: 'src/calc.ts', status: 'modified', patch: addedPatch(calc, 1, 5) }]);
    const ws = workspace();
    const first = await runActionBundle('coverage-gate', {
      workspace: ws,
      eventName: 'pull_request',
      event: 'pull_request-opened.json',
      apiUrl: fake.url,
      inputs: { files: 'coverage/*.info', 'min-lines': '60', 'min-patch': '60', 'max-drop': '1' },
    });
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    // vitest's own text-summary: Lines 66.66% (8/12), Branches 38.88% (7/18), Functions 80% (4/5)
    expect(first.outputs.lines).toBe('66.67');
    expect(first.outputs.branches).toBe('38.89');
    expect(first.outputs.functions).toBe('80.00');
    expect(first.outputs.patch).toBe('66.67');
    expect(first.outputs.delta).toBe('');
    expect(first.outputs.passed).toBe('true');
    const report = JSON.parse(readFileSync(first.outputs.report!, 'utf8'));
    expect(report.patch.uncovered).toEqual([{ path: 'src/calc.ts', line: 3, status: 'partial' }]);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['src/calc.ts', 'src/util.ts']);
    // verdict first, then the table; the store is not reachable here and the summary says so
    expect(first.summary).toMatch(/^## Coverage\n\n✅ \*\*Coverage gate passed\*\*/);
    expect(first.summary).toContain('| Lines | 66.67% | 8 / 12 | 60% | ✅ |');
    expect(first.summary).toContain('No base coverage to compare with: the coverage store is unavailable');
    expect(first.summary).toMatch(/Drop vs base|max drop 1/);
    expect(first.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        file: 'src/calc.ts',
        line: 3,
        endLine: 3,
        title: 'Changed line partly covered',
      }),
    ]);
    let comments = fake.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- slipway:coverage-gate -->');
    expect(comments[0]!.body).toContain('✅ **Coverage gate passed**');

    // A push to the same pull request: now sign()'s untested branches and unused() changed.
    setPullFiles([
      { filename: 'src/calc.ts', status: 'modified', patch: addedPatch(calc, 7, 20) },
      { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
    ]);
    const second = await runActionBundle('coverage-gate', {
      workspace: ws,
      eventName: 'pull_request',
      event: 'pull_request-synchronize.json',
      apiUrl: fake.url,
      inputs: { files: 'coverage/lcov.info', 'min-lines': '60', 'min-patch': '60' },
    });
    expect(second.exitCode).toBe(1);
    expect(second.outputs.passed).toBe('false');
    expect(Number(second.outputs.patch)).toBeLessThan(60);
    expect(second.errors.join('\n')).toMatch(
      /coverage-gate: coverage gate failed: changed lines \d+\.\d\d% < 60%/,
    );
    expect(second.errors.join('\n')).not.toMatch(/internal error|\bat .*\.js:\d+/);
    // uncovered changed ranges become error annotations (the patch check failed), largest first, at most 10
    const errs = second.annotations.filter((a) => a.level === 'error' && a.file === 'src/calc.ts');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.length).toBeLessThanOrEqual(10);
    expect(errs.every((a) => a.line! >= 7 && a.endLine! <= 20)).toBe(true);
    comments = fake.comments(OWNER, REPO, PR);
    expect(comments).toHaveLength(1); // updated in place, not duplicated
    expect(comments[0]!.body).toContain('❌ **Coverage gate failed**');
    expect(second.summary).toMatch(/^## Coverage\n\n❌ \*\*Coverage gate failed\*\*: changed lines/);
  });

  it('default-branch push: gates, no comment, and says plainly the summary could not be stored', async () => {
    const before = fake.comments(OWNER, REPO, PR).length;
    const run = await runActionBundle('coverage-gate', {
      workspace: workspace(),
      eventName: 'push',
      event: 'push-branch.json',
      apiUrl: fake.url,
      inputs: { files: 'coverage/lcov.info', 'min-lines': '60' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.outputs.patch).toBe('');
    expect(run.summary).toContain('The coverage summary could not be stored');
    expect(run.summary).toContain('Actions cache service is not available');
    expect(fake.comments(OWNER, REPO, PR)).toHaveLength(before);
  });

  it('a token that cannot write (fork) falls back to the summary without failing', async () => {
    fake.seed.repo(OWNER, 'forked', { defaultBranch: 'master' });
    fake.seed.pull(OWNER, 'forked', {
      number: PR,
      files: [
        {
          filename: 'src/util.ts',
          status: 'modified',
          additions: 1,
          deletions: 0,
          patch: addedPatch(fx('src/ts/src/util.ts'), 1, 4),
        },
      ],
    });
    fake.seed.token('ghs_readonly', {
      login: 'github-actions[bot]',
      permissions: { issues: 'read', pull_requests: 'read', contents: 'read' },
    });
    const run = await runActionBundle('coverage-gate', {
      workspace: workspace(),
      eventName: 'pull_request',
      event: 'pull_request-opened.json',
      apiUrl: fake.url,
      env: { GITHUB_REPOSITORY: `${OWNER}/forked` },
      inputs: { files: 'coverage/lcov.info', 'min-lines': '60', 'github-token': 'ghs_readonly' },
    });
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.summary).toContain('No comment posted: the token cannot write to pull request #2');
    expect(fake.comments(OWNER, 'forked', PR)).toHaveLength(0);
  });

  it('report paths from a container: says which files are missing and how to fix it, instead of 0%', async () => {
    const lcov = fx('vitest-istanbul/lcov.info').replaceAll('SF:src/', 'SF:/app/lib/');
    const run = await runActionBundle('coverage-gate', {
      workspace: workspace({ 'coverage/lcov.info': lcov }),
      inputs: { files: 'coverage/lcov.info' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      'coverage-gate: coverage/lcov.info: 2 of 2 files in the report are not in the repository, e.g. /app/lib/calc.ts',
    );
    expect(run.errors.join('\n')).toContain('set path-strip: /app/lib');
    const fixed = await runActionBundle('coverage-gate', {
      workspace: workspace({ 'coverage/lcov.info': lcov }),
      inputs: {
        files: 'coverage/lcov.info',
        'path-strip': '/app/lib',
        'path-prefix': 'src',
        'min-lines': '60',
      },
    });
    expect(fixed.errors).toEqual([]);
    expect(fixed.outputs.lines).toBe('66.67');
  });

  it('an empty report or a bad input fails with one clear line, no stack', async () => {
    const empty = await runActionBundle('coverage-gate', {
      workspace: workspace({ 'coverage/lcov.info': '' }),
      inputs: { files: 'coverage/lcov.info' },
    });
    expect(empty.exitCode).toBe(1);
    expect(empty.errors).toEqual(['coverage-gate: coverage/lcov.info: the report is empty']);
    const zero = await runActionBundle('coverage-gate', {
      workspace: workspace({
        'coverage/coverage-summary.json':
          '{"total": {"lines": {"total": 0, "covered": 0, "skipped": 0, "pct": "Unknown"}}}',
      }),
      inputs: { files: 'coverage/coverage-summary.json' },
    });
    expect(zero.errors[0]).toMatch(
      /^coverage-gate: coverage\/coverage-summary.json: the report has no executable lines/,
    );
    const badInput = await runActionBundle('coverage-gate', {
      workspace: workspace(),
      inputs: { files: 'coverage/lcov.info', 'min-lines': 'eighty' },
    });
    expect(badInput.errors).toEqual([
      "coverage-gate: input min-lines: must be a number from 0 to 100 (percent), got 'eighty'",
    ]);
    const missing = await runActionBundle('coverage-gate', {
      workspace: workspace(),
      inputs: { files: 'coverage/nope.info' },
    });
    expect(missing.errors[0]).toContain('input files: coverage/nope.info does not exist');
  });
});
