import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runActionBundle } from '../../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { RegistryPackageStore } from '../../support/ghcr-registry-store.js';
import { RegistryPusher } from '../../support/registry-push.js';
import { OWNER, REGISTRY, REPO, ago, pushScenario, uniquePackage } from './scenario.js';

const push = new RegistryPusher(REGISTRY);
let fake: GitHubFake;
let store: RegistryPackageStore;

beforeAll(async () => {
  const ping = await fetch(`${REGISTRY}/v2/`).catch(() => undefined);
  if (!ping || ping.status !== 200)
    throw new Error(`the registry at ${REGISTRY} is not up: run scripts/services.sh up`);
  store = new RegistryPackageStore(REGISTRY);
  fake = await startGitHubFake({ packageStore: store, seed: 11 });
  fake.seed.org(OWNER);
  fake.seed.repo(OWNER, REPO);
});
afterEach(() => {
  fake.faults.clear();
  fake.assertNoViolations();
});
afterAll(async () => fake?.close());

const run = (pkg: string, inputs: Record<string, string> = {}) =>
  runActionBundle('ghcr-retention', {
    apiUrl: fake.url,
    eventName: 'schedule',
    timeoutMs: 280_000,
    inputs: { packages: pkg, registry: REGISTRY, ...inputs },
  });

type PlanFile = { packages: { delete: { root: { digest: string }; members: { digest: string }[] }[] }[] };
const plannedDigests = (path: string) => {
  const plan = JSON.parse(readFileSync(path, 'utf8')) as PlanFile;
  return new Set(
    plan.packages.flatMap((p) => p.delete.flatMap((d) => [d.root.digest, ...d.members.map((m) => m.digest)])),
  );
};

describe('ghcr-retention under faults, refusals and bad configuration', () => {
  it('with 5% 502s, secondary rate limits (retry-after) and connection resets the final state equals the plan', async () => {
    const s = await pushScenario(store, fake, uniquePackage('retention-faults'));
    fake.faults.add({ kind: '5xx', status: 502, probability: 0.05 });
    const secondary = fake.faults.add({
      match: { method: 'DELETE' },
      kind: 'secondary-rate-limit',
      retryAfter: 1,
      times: 3,
    });
    const listLimit = fake.faults.add({
      match: { method: 'GET', path: '**/versions' },
      kind: 'secondary-rate-limit',
      retryAfter: 1,
      times: 1,
    });
    fake.faults.add({ kind: 'reset', probability: 0.03 });
    const resetMid = fake.faults.add({
      match: { method: 'DELETE' },
      kind: 'reset',
      resetAt: 'mid-body',
      times: 2,
    });
    // the same kinds for sure, whatever the draws give
    const bad502 = fake.faults.add({ match: { method: 'DELETE' }, kind: '5xx', status: 502, times: 2 });
    const resetGet = fake.faults.add({ match: { method: 'GET' }, kind: 'reset', times: 2 });
    const r = await run(s.pkg);
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(secondary.hits).toBe(3);
    expect(listLimit.hits).toBe(1);
    expect(resetMid.hits).toBe(2);
    expect(bad502.hits).toBe(2);
    expect(resetGet.hits).toBe(2);
    const planned = plannedDigests(r.outputs.plan!);
    expect(planned).toEqual(new Set(s.deletedDigests));
    const deleted = await fake.versions(OWNER, s.pkg, 'deleted');
    expect(new Set(deleted.map((v) => v.name))).toEqual(planned);
    for (const tag of s.keptTags) expect((await push.checkPull(s.repo, tag)).problems).toEqual([]);
    fake.faults.clear();
    const again = await run(s.pkg);
    expect(again.exitCode).toBe(0);
    expect(again.outputs.deleted).toBe('0');
    expect(again.outputs.planned).toBe('0');
  });

  it('skips GitHub refusals (5,000 downloads, last tagged version) with warnings and succeeds', async () => {
    // public package: the expired image with > 5,000 downloads is refused, the other one goes
    const pkg = uniquePackage('retention-refuse');
    const repo = RegistryPackageStore.repository(OWNER, pkg);
    store.addPackage({ owner: OWNER, name: pkg, visibility: 'public' });
    const keep = await push.multiArch(repo, `${pkg}-keep`, { tag: 'latest' });
    store.track(OWNER, pkg, keep.digest, { createdAt: ago(1) });
    const popular = await push.multiArch(repo, `${pkg}-popular`, { tag: 'sha-popular' });
    store.track(OWNER, pkg, popular.digest, { createdAt: ago(40), downloads: 6000 });
    const plain = await push.multiArch(repo, `${pkg}-plain`, { tag: 'sha-plain' });
    store.track(OWNER, pkg, plain.digest, { createdAt: ago(50) });
    store.invalidate();
    const r = await run(pkg, { 'keep-latest': '1' });
    expect(r.exitCode).toBe(0);
    expect(r.annotations.some((a) => a.level === 'warning' && /5,000 downloads/.test(a.message))).toBe(true);
    expect(await push.resolve(repo, popular.digest)).toBe(popular.digest);
    for (const c of popular.children) expect(await push.resolve(repo, c)).toBe(c); // members held with their image
    expect(await push.resolve(repo, plain.digest)).toBeUndefined();
    expect(Number(r.outputs.skipped)).toBe(1 + popular.children.length);
    expect(r.summary).toMatch(/refused/);

    // a package whose only tagged image is expired: GitHub refuses the last tagged version
    const lone = uniquePackage('retention-lone');
    const loneRepo = RegistryPackageStore.repository(OWNER, lone);
    store.addPackage({ owner: OWNER, name: lone });
    const only = await push.multiArch(loneRepo, `${lone}-only`, { tag: 'sha-only' });
    store.track(OWNER, lone, only.digest, { createdAt: ago(90) });
    store.invalidate();
    const r2 = await run(lone, { 'keep-latest': '0', 'keep-tags': '' });
    expect(r2.exitCode).toBe(0);
    expect(r2.annotations.some((a) => a.level === 'warning' && /last tagged version/.test(a.message))).toBe(
      true,
    );
    expect((await push.checkPull(loneRepo, 'sha-only')).problems).toEqual([]);
    expect(r2.outputs.deleted).toBe('0');
  });

  it.each([
    [{ 'keep-latest': '-1' }, /keep-latest: must be 0 or more|keep-latest: must be a whole number/],
    [{ 'keep-tags': 'v[' }, /keep-tags: 'v\[' is not a valid glob/],
    [{ 'untagged-after-days': 'soon' }, /untagged-after-days: expected a number of days/],
  ])('bad config %o fails before any request', async (inputs, message) => {
    fake.clearRequests();
    const r = await run('anything', inputs);
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it('an unknown package fails before any request that changes state', async () => {
    const s = await pushScenario(store, fake, uniquePackage('retention-known'));
    fake.clearRequests();
    const r = await run(`${s.pkg}\nretention-no-such-package`);
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /packages: package 'retention-no-such-package' of 'octo-org' not found/,
    );
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    for (const d of s.deletedDigests) expect(await push.resolve(s.repo, d)).toBe(d);
  });
});
