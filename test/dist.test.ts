/**
 * dist/ is committed and must equal a fresh build: rebuilding changes nothing, adds nothing and
 * removes nothing (`git status --porcelain`, so new and deleted files count too).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/harness.js';

describe('dist', () => {
  it('equals a fresh build of the tree', () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'pipe', timeout: 280_000 });
    const status = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { cwd: repoRoot }).toString();
    expect(status, 'run `npm run build` and commit dist/').toBe('');
  }, 300_000);
});
