// Changed lines from a real git diff between two commits of a small repository, and from the
// `patch` fields of the pull request files endpoint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFromPullFiles, hunkLines, parseUnifiedDiff } from '../../../src/coverage/diff.js';
import { patchCoverage } from '../../../src/coverage/gate.js';
import { parseReport } from '../../../src/coverage/parse.js';
import { RepoIndex, mapPaths } from '../../../src/coverage/paths.js';
import { firstParents, gitChangedLines, trackedFiles } from '../../../src/runner/coverage-git.js';

const fx = (f: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/coverage', f), 'utf8');

function repo(): { dir: string; git: (...a: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-cov-git-'));
  const git = (...a: string[]) =>
    execFileSync('git', a, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
  git('init', '-q', '-b', 'main');
  return { dir, git };
}

describe('changed lines', () => {
  it('a real git diff between two commits, mapped onto a real report', async () => {
    const { dir, git } = repo();
    mkdirSync(join(dir, 'src'));
    const calc = fx('src/ts/src/calc.ts');
    // base: calc.ts without sign(); head: sign() added, clamp's line 3 edited, a file renamed, one deleted
    const lines = calc.split('\n');
    writeFileSync(join(dir, 'src/calc.ts'), [...lines.slice(0, 6), ...lines.slice(15)].join('\n'));
    writeFileSync(join(dir, 'src/util.ts'), fx('src/ts/src/util.ts'));
    writeFileSync(join(dir, 'gone.txt'), 'bye\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(dir, 'src/calc.ts'), calc.replace('if (v > hi) return hi;', 'if (v > hi) { return hi; }'));
    git('rm', '-q', 'gone.txt');
    git('mv', 'src/util.ts', 'src/greet.ts');
    git('commit', '-q', '-am', 'head');

    const changed = await gitChangedLines(dir, base);
    expect([...changed!.keys()].sort()).toEqual(['src/calc.ts']);
    expect([...changed!.get('src/calc.ts')!]).toEqual([3, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(await firstParents(dir, 'HEAD')).toEqual([git('rev-parse', 'HEAD'), base]);
    const files = await trackedFiles(dir);
    expect(files!.sort()).toEqual(['src/calc.ts', 'src/greet.ts']);

    // the vitest (istanbul) report of calc.ts: line 3 is partial; sign(): 8, 9 run, 10, 11, 13 not
    const report = mapPaths(await parseReport(fx('vitest-istanbul/lcov.info'), 'lcov.info'), new RepoIndex(files!), { strip: [], prefix: '' }).report;
    const patch = patchCoverage(report, changed!);
    expect(patch.lines).toEqual({ found: 6, hit: 1 });
    expect(patch.partial).toBe(2);
    expect(patch.uncovered).toEqual([
      { path: 'src/calc.ts', line: 3, status: 'partial' },
      { path: 'src/calc.ts', line: 8, status: 'partial' },
      { path: 'src/calc.ts', line: 10, status: 'missed' },
      { path: 'src/calc.ts', line: 11, status: 'missed' },
      { path: 'src/calc.ts', line: 13, status: 'missed' },
    ]);
  });

  it('unified diff details: new files, deletions, quoted paths, no-newline markers', () => {
    const d = [
      'diff --git a/new.ts b/new.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.ts',
      '@@ -0,0 +1,2 @@',
      '+a',
      '+b',
      'diff --git a/old.ts b/old.ts',
      'deleted file mode 100644',
      '--- a/old.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git "a/sp ace.ts" "b/sp ace.ts"',
      '--- "a/sp ace.ts"',
      '+++ "b/sp ace.ts"',
      '@@ -5,2 +5,3 @@ ctx',
      ' same',
      '-gone',
      '+new1',
      '+new2',
      '\\ No newline at end of file',
    ].join('\n');
    const c = parseUnifiedDiff(d);
    expect([...c.get('new.ts')!]).toEqual([1, 2]);
    expect(c.has('old.ts')).toBe(false);
    expect([...c.get('sp ace.ts')!]).toEqual([6, 7]);
  });

  it('PR files endpoint: patches per file; files without a patch are reported as such', () => {
    expect([...hunkLines('@@ -1,3 +1,4 @@\n a\n+b\n c\n+d\n@@ -20 +21 @@\n-x\n+y')]).toEqual([2, 4, 21]);
    const { changed, withoutPatch } = changedFromPullFiles([
      { filename: 'a.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
      { filename: 'big.ts', status: 'modified' },
      { filename: 'gone.ts', status: 'removed' },
    ]);
    expect([...changed.keys()]).toEqual(['a.ts']);
    expect(withoutPatch).toEqual(['big.ts']);
  });
});
