import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import { totals } from '../../../src/coverage/model.js';
import { parseReport } from '../../../src/coverage/parse.js';
import { RepoIndex, assertMostlyMatched, cleanPath, goModules, mapPaths, suggestStrip } from '../../../src/coverage/paths.js';

const fx = (f: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/coverage', f), 'utf8');
const lcov = (...paths: string[]) => paths.map((p) => `SF:${p}\nDA:1,1\nend_of_record\n`).join('');
const none = { strip: [], prefix: '' };

describe('path mapping', () => {
  it('cleans Windows, ./ and .. forms', () => {
    expect(cleanPath('.\\src\\app\\utils.ts')).toBe('src/app/utils.ts');
    expect(cleanPath('C:\\Users\\dev\\project\\src\\lib.rs')).toBe('C:/Users/dev/project/src/lib.rs');
    expect(cleanPath('./a/../b/c.ts')).toBe('b/c.ts');
  });

  it('absolute CI paths, container prefixes, Windows paths and ./ all land on repo files', async () => {
    const repo = new RepoIndex(['src/a.ts', 'src/b.ts', 'lib/c.py', 'pkg/d.go', 'README.md']);
    const r = await parseReport(lcov('/home/runner/work/app/app/src/a.ts', './src/b.ts', 'C:\\a\\app\\lib\\c.py', '/app/pkg/d.go'), 'x.info');
    const m = mapPaths(r, repo, { strip: ['/app'], prefix: '', workspace: '/home/runner/work/app/app' });
    expect([...m.report.files.keys()].sort()).toEqual(['lib/c.py', 'pkg/d.go', 'src/a.ts', 'src/b.ts']);
    expect(m.unmatched).toEqual([]);
  });

  it('the same file from two shards under different roots merges into one', async () => {
    const repo = new RepoIndex(['src/a.ts']);
    const r = await parseReport('SF:/ci/one/src/a.ts\nDA:1,1\nDA:2,0\nend_of_record\nSF:/ci/two/src/a.ts\nDA:2,3\nend_of_record\n', 'x.info');
    const m = mapPaths(r, repo, none);
    expect(totals(m.report).lines).toEqual({ found: 2, hit: 2 });
  });

  it('Go import paths map through go.mod; JaCoCo package paths by suffix; Cobertura through its source root', async () => {
    const files = ['go/go.mod', 'go/calc/calc.go', 'java/src/main/java/com/example/calc/Calc.java', 'py/pkg/calc.py', 'py/pkg/__init__.py'];
    const repo = new RepoIndex(files);
    const mods = goModules(new Map([['go/go.mod', fx('src/go/go.mod')]]));
    expect([...mods]).toEqual([['example.com/slipway/gocalc', 'go']]);
    const go = mapPaths(await parseReport(fx('go/set.out'), 'set.out'), repo, { ...none, goModules: mods });
    expect([...go.report.files.keys()]).toEqual(['go/calc/calc.go']);
    const jacoco = mapPaths(await parseReport(fx('jacoco/jacoco.xml'), 'jacoco.xml'), repo, none);
    expect([...jacoco.report.files.keys()]).toEqual(['java/src/main/java/com/example/calc/Calc.java']);
    const cob = await parseReport(fx('coveragepy/coverage.xml'), 'coverage.xml');
    const py = mapPaths(cob, repo, { ...none, roots: ['/home/runner/work/app/app/py'], workspace: '/home/runner/work/app/app' });
    expect([...py.report.files.keys()].sort()).toEqual(['py/pkg/__init__.py', 'py/pkg/calc.py']);
  });

  it('ambiguous suffixes are not guessed', async () => {
    const repo = new RepoIndex(['a/src/x.ts', 'b/src/x.ts']);
    const m = mapPaths(await parseReport(lcov('/w/src/x.ts'), 'x.info'), repo, none);
    expect(m.ambiguous).toEqual([['/w/src/x.ts', ['a/src/x.ts', 'b/src/x.ts']]]);
  });

  it('when most files match nothing: examples and the fix, not 0%', async () => {
    const repo = new RepoIndex(['src/a.ts', 'src/b.ts']);
    const m = mapPaths(await parseReport(lcov('/app/build/a.ts', '/app/build/b.ts', '/app/build/c.ts'), 'lcov.info'), repo, none);
    expect(m.unmatched).toHaveLength(3);
    expect(suggestStrip(m.unmatched)).toBe('/app/build');
    let err: unknown;
    try {
      assertMostlyMatched(m, 'lcov.info');
    } catch (e) {
      err = e;
    }
    expect(isUserError(err)).toBe(true);
    expect((err as Error).message).toBe(
      'lcov.info: 3 of 3 files in the report are not in the repository, e.g. /app/build/a.ts, /app/build/b.ts, /app/build/c.ts; set path-strip: /app/build (the directory the tests ran in), or path-prefix if the report is relative to a subfolder',
    );
    const fixed = mapPaths(await parseReport(lcov('/app/build/a.ts', '/app/build/b.ts'), 'lcov.info'), repo, { strip: ['/app/build'], prefix: 'src' });
    expect(fixed.unmatched).toEqual([]);
  });
});
