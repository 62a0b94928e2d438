/** The `slipway` CLI (the built bundle) plans a local checkout exactly as the action plans a run. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';

function slipway(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'slipway.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function checkout(services: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-cli-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github', 'slipway.yml'), services);
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'x');
  return dir;
}

describe('slipway CLI', () => {
  it('lists its commands and refuses an unknown one', () => {
    const r = slipway(repoRoot, 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'nope'");
    expect(r.err).toContain('image-plan');
  });

  it('plans tags for the checkout: release tag with aliases, from local history', () => {
    const dir = checkout('services:\n  web: {}\n');
    execFileSync('git', ['tag', 'v1.4.0'], { cwd: dir });
    execFileSync('git', ['checkout', '-q', '--detach', 'v1.4.0'], { cwd: dir });
    const r = slipway(dir, 'image-plan', '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out) as { builds: { image: string; tagNames: string[] }[] };
    expect(plan.builds[0]!.image).toBe('ghcr.io/acme/shop/web');
    expect(plan.builds[0]!.tagNames.slice(0, 4)).toEqual(['v1.4.0', 'v1.4', 'v1', 'latest']);
  });

  it('plans a pull request', () => {
    const dir = checkout('services:\n  web: {}\n');
    const r = slipway(dir, 'image-plan', '--event', 'pull_request', '--pr', '12');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('ghcr.io/acme/shop/web:pr-12');
  });

  it('names the file, line and field of a bad services file', () => {
    const dir = checkout('services:\n  web:\n    dockerfil: x\n');
    const r = slipway(dir, 'image-plan');
    expect(r.code).toBe(1);
    expect(r.err).toContain('.github/slipway.yml:3: services.web.dockerfil: unknown key');
  });

  it('rejects an unknown option', () => {
    const r = slipway(repoRoot, 'image-plan', '--tagz');
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown option --tagz');
  });
});
