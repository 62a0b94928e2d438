import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/harness.js';
import { runActionBundle } from '../../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { RegistryPackageStore } from '../../support/ghcr-registry-store.js';
import { RegistryPusher } from '../../support/registry-push.js';
import { OWNER, REGISTRY, REPO, pushScenario, uniquePackage, type Scenario } from './scenario.js';

const push = new RegistryPusher(REGISTRY);
let fake: GitHubFake;
let store: RegistryPackageStore;

beforeAll(async () => {
  const ping = await fetch(`${REGISTRY}/v2/`).catch(() => undefined);
  if (!ping || ping.status !== 200)
    throw new Error(`the registry at ${REGISTRY} is not up: run scripts/services.sh up`);
  store = new RegistryPackageStore(REGISTRY);
  fake = await startGitHubFake({ packageStore: store, seed: 7 });
  fake.seed.org(OWNER);
  fake.seed.repo(OWNER, REPO);
});
afterEach(() => fake.assertNoViolations());
afterAll(async () => fake?.close());

const run = (pkg: string, inputs: Record<string, string> = {}) =>
  runActionBundle('ghcr-retention', {
    apiUrl: fake.url,
    eventName: 'schedule',
    timeoutMs: 240_000,
    inputs: { packages: pkg, registry: REGISTRY, ...inputs },
  });

async function assertState(s: Scenario) {
  for (const tag of s.keptTags) {
    const pull = await push.checkPull(s.repo, tag);
    expect(pull.problems, `${tag} must pull for every platform`).toEqual([]);
  }
  for (const d of s.keptDigests) expect(await push.resolve(s.repo, d), `kept ${d}`).toBe(d);
  for (const d of s.deletedDigests) expect(await push.resolve(s.repo, d), `deleted ${d}`).toBeUndefined();
}

describe('ghcr-retention against the registry and the GitHub fake', () => {
  it('deletes old images with their children, signatures and attestations; keeps releases, latest, the newest 5 and what is deployed', async () => {
    const s = await pushScenario(store, fake, uniquePackage('retention-it'));
    const before = (await fake.versions(OWNER, s.pkg, 'active')).length;
    const r = await run(s.pkg);
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(Number(r.outputs.deleted)).toBe(s.deletedDigests.length);
    expect(Number(r.outputs.skipped)).toBe(0);
    expect(Number(r.outputs.kept)).toBe(before - s.deletedDigests.length);
    await assertState(s);
    // the plan on disk is what was applied
    const plan = JSON.parse(readFileSync(r.outputs.plan!, 'utf8')) as {
      packages: { delete: { root: { digest: string }; members: { digest: string }[] }[] }[];
    };
    const planned = new Set(
      plan.packages.flatMap((p) =>
        p.delete.flatMap((d) => [d.root.digest, ...d.members.map((m) => m.digest)]),
      ),
    );
    expect(planned).toEqual(new Set(s.deletedDigests));
    expect(r.summary).toMatch(/deleted \d+ of \d+ planned versions/);
    expect(r.summary).toContain(s.pkg);
    // deleted versions are soft-deleted on GitHub (restorable) and only those
    const deleted = await fake.versions(OWNER, s.pkg, 'deleted');
    expect(new Set(deleted.map((v) => v.name))).toEqual(new Set(s.deletedDigests));

    const again = await run(s.pkg);
    expect(again.exitCode).toBe(0);
    expect(again.outputs.deleted).toBe('0');
    expect(again.outputs.planned).toBe('0');
    expect(fake.count({ method: 'DELETE', path: `**/${s.pkg}/**` })).toBe(s.deletedDigests.length);
  });

  it('dry-run plans and deletes nothing; the circuit breaker stops before any deletion', async () => {
    const s = await pushScenario(store, fake, uniquePackage('retention-dry'));
    const dry = await run(s.pkg, { 'dry-run': 'true' });
    expect(dry.exitCode).toBe(0);
    expect(Number(dry.outputs.planned)).toBe(s.deletedDigests.length);
    expect(dry.summary).toMatch(/dry run/);
    const breaker = await run(s.pkg, { 'max-deletions': '5' });
    expect(breaker.exitCode).toBe(1);
    expect(breaker.errors.join('\n')).toMatch(
      /max-deletions: the plan deletes \d+ versions, more than max-deletions \(5\)/,
    );
    expect(fake.count({ method: 'DELETE', path: `**/${s.pkg}/**` })).toBe(0);
    for (const d of s.deletedDigests) expect(await push.resolve(s.repo, d)).toBe(d);
    // the reviewed dry-run plan is then applied exactly
    const apply = await run(s.pkg, { 'plan-file': dry.outputs.plan! });
    expect(apply.exitCode).toBe(0);
    expect(Number(apply.outputs.deleted)).toBe(s.deletedDigests.length);
    await assertState(s);
  });

  it('slipway retention plans locally with the same core, and deletes only with --apply', async () => {
    const s = await pushScenario(store, fake, uniquePackage('retention-cli'));
    // async: the GitHub fake answers from this process
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(repoRoot, 'src/cli/index.ts'), 'retention', ...args],
          {
            cwd: repoRoot,
            env: { ...process.env, GITHUB_TOKEN: 'ghp_clitoken', GITHUB_API_URL: fake.url },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const base = [
      '--owner',
      OWNER,
      '--package',
      s.pkg,
      '--registry',
      REGISTRY,
      '--repository',
      `${OWNER}/${REPO}`,
    ];
    const plan = await cli(...base);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/\(dry run\): would delete \d+ versions/);
    expect(plan.stdout).toContain(`planned=${s.deletedDigests.length} `);
    expect(fake.count({ method: 'DELETE', path: `**/${s.pkg}/**` })).toBe(0);
    const bad = await cli(...base, '--keep-latest', '-3');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/slipway retention: keep-latest: /);
    const apply = await cli(...base, '--apply');
    expect(apply.status, apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`deleted=${s.deletedDigests.length} `);
    await assertState(s);
  });
});
