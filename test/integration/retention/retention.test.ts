import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
});
