// `slipway coverage` on a real git checkout: a default-branch commit stores its summary, a later
// commit is gated against it (changed lines from git diff, base from the store).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { command } from '../../../src/cli/commands/coverage.js';

const fx = (f: string) => readFileSync(join(import.meta.dirname, '../../../fixtures/coverage', f), 'utf8');

async function cli(cwd: string, argv: string[]): Promise<{ code: number; out: string }> {
  const prev = process.cwd();
  let out = '';
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.chdir(cwd);
  try {
    return { code: await command.run(parseArgs(argv, command.options)), out };
  } finally {
    process.chdir(prev);
    w.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('slipway coverage', () => {
  it('stores a summary on one commit, then gates the next against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-cov-cli-'));
    const git = (...a: string[]) =>
      execFileSync('git', a, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    git('init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'coverage'));
    writeFileSync(join(dir, '.gitignore'), 'coverage/\n.store/\n');
    writeFileSync(join(dir, 'src/calc.ts'), fx('src/ts/src/calc.ts').split('\n').slice(0, 6).join('\n'));
    writeFileSync(join(dir, 'src/util.ts'), fx('src/ts/src/util.ts'));
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    // the base's report: everything covered (util.ts only)
    writeFileSync(join(dir, 'coverage/lcov.info'), 'SF:src/util.ts\nDA:2,1\nDA:3,1\nend_of_record\n');
    const saved = await cli(dir, ['--files', 'coverage/lcov.info', '--store', '.store', '--save']);
    expect(saved.code).toBe(0);

    writeFileSync(join(dir, 'src/calc.ts'), fx('src/ts/src/calc.ts'));
    git('commit', '-q', '-am', 'more code');
    writeFileSync(join(dir, 'coverage/lcov.info'), fx('vitest-istanbul/lcov.info'));
    const gated = await cli(dir, ['--files', 'coverage/*.info', '--min-lines', '50', '--min-patch', '50', '--max-drop', '10', '--base', 'HEAD~1', '--store', '.store', '--json']);
    const res = JSON.parse(gated.out);
    expect(gated.code).toBe(1);
    expect(res.base.found.distance).toBe(0);
    expect(res.delta).toBe(-33.33);
    expect(res.checks.find((c: { name: string }) => c.name === 'drop')).toMatchObject({ status: 'fail', actual: 33.33 });
    expect(res.patch.lines.found).toBeGreaterThan(0);

    const md = await cli(dir, ['--files', 'coverage/lcov.info', '--min-lines', '60']);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^## Coverage\n\n✅ \*\*Coverage gate passed\*\*: lines 66\.67%/);
  });
});
