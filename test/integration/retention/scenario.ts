/**
 * The retention scenario, pushed for real to the registry and registered with the GitHub fake:
 * release images v1.0.0…v1.9.0 (multi-arch, attested), `latest`, `sha-*` builds, cosign `.sig` /
 * `.att` tags, OCI 1.1 referrers, two indexes sharing a platform manifest, orphans of different
 * ages, and an image deployed to production with its predecessor.
 */
import { randomBytes } from 'node:crypto';
import { RegistryPackageStore } from '../../support/ghcr-registry-store.js';
import { RegistryPusher, type Descriptor } from '../../support/registry-push.js';
import type { GitHubFake } from '../../support/github-fake/index.js';

export const OWNER = 'octo-org';
export const REPO = 'octo-repo';
export const REGISTRY = 'http://127.0.0.1:5000';

const DAY = 86_400_000;
export const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

export interface Scenario {
  pkg: string;
  repo: string;
  /** Tags that must still pull after cleanup. */
  keptTags: string[];
  /** Digests that must still exist (kept images, their children, signatures, deployed). */
  keptDigests: string[];
  /** Digests that must be gone. */
  deletedDigests: string[];
  deployed: { current: string; previous: string };
}

export function uniquePackage(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Pushes the full scenario; registers every version with the store. */
export async function pushScenario(
  store: RegistryPackageStore,
  fake: GitHubFake,
  pkg: string,
  opts: { visibility?: 'public' | 'private' } = {},
): Promise<Scenario> {
  const push = new RegistryPusher(REGISTRY);
  const repo = RegistryPackageStore.repository(OWNER, pkg);
  store.addPackage({
    owner: OWNER,
    name: pkg,
    visibility: opts.visibility ?? 'private',
    repository: `${OWNER}/${REPO}`,
  });
  const keptTags: string[] = [];
  const keptDigests: string[] = [];
  const deletedDigests: string[] = [];
  const track = (digest: string, days: number) => store.track(OWNER, pkg, digest, { createdAt: ago(days) });
  const multi = async (
    seed: string,
    tag: string | undefined,
    days: number,
    reuse?: Record<string, Descriptor>,
  ) => {
    const img = await push.multiArch(repo, `${pkg}-${seed}`, {
      ...(tag ? { tag } : {}),
      ...(reuse ? { reuse } : {}),
    });
    track(img.digest, days);
    for (const c of img.children) track(c, days);
    return img;
  };

  // v1.0.0 … v1.9.0: old releases, kept by keep-tags `v*`; v1.9.0 is signed (.sig + .att)
  for (let i = 0; i <= 9; i++) {
    const img = await multi(`v1.${i}.0`, `v1.${i}.0`, 200 - i * 10);
    keptTags.push(`v1.${i}.0`);
    keptDigests.push(img.digest, ...img.children);
    if (i === 9) {
      for (const kind of ['sig', 'att'] as const) {
        const s = await push.cosign(repo, img.digest, kind);
        track(s.digest, 110);
        keptDigests.push(s.digest);
        keptTags.push(`sha256-${img.digest.slice(7)}.${kind}`);
      }
    }
  }
  // latest (newest build), with an OCI 1.1 referrer (sigstore bundle) on it
  const latest = await multi('latest', 'latest', 1);
  await push.tag(repo, latest.digest, 'sha-00');
  keptTags.push('latest', 'sha-00');
  keptDigests.push(latest.digest, ...latest.children);
  const bundle = await push.referrer(repo, latest.index);
  track(bundle.digest, 1);
  keptDigests.push(bundle.digest);

  // sha-01 … sha-08 builds, newest first (ages 2 … 9 days)
  const sha: Record<number, Awaited<ReturnType<typeof multi>>> = {};
  for (const i of [1, 2, 3, 4]) {
    sha[i] = await multi(`sha-${i}`, `sha-0${i}`, i + 1);
    keptTags.push(`sha-0${i}`);
    keptDigests.push(sha[i]!.digest, ...sha[i]!.children);
  }
  // sha-05: signed (.sig, .att) and deleted with its signatures
  sha[5] = await multi('sha-5', 'sha-05', 6);
  deletedDigests.push(sha[5].digest, ...sha[5].children);
  for (const kind of ['sig', 'att'] as const) {
    const s = await push.cosign(repo, sha[5].digest, kind);
    track(s.digest, 6);
    deletedDigests.push(s.digest);
  }
  // sha-06 shares its amd64 manifest with the kept sha-03: the shared child must stay
  sha[6] = await multi('sha-6', 'sha-06', 7, { 'linux/amd64': sha[3]!.descriptors['linux/amd64']! });
  const shared = sha[3]!.platforms['linux/amd64']!;
  deletedDigests.push(...[sha[6].digest, ...sha[6].children].filter((d) => d !== shared));
  const refOn6 = await push.referrer(repo, sha[6].index);
  track(refOn6.digest, 7);
  deletedDigests.push(refOn6.digest);
  // sha-07 is deployed to production now, sha-08 was before it (the rollback target)
  for (const i of [7, 8]) {
    sha[i] = await multi(`sha-${i}`, `sha-0${i}`, i + 1);
    keptTags.push(`sha-0${i}`);
    keptDigests.push(sha[i]!.digest, ...sha[i]!.children);
  }
  const image = (d: string) => `ghcr.io/${OWNER}/${pkg}@${d}`;
  fake.seed.deployment(OWNER, REPO, {
    environment: 'production',
    payload: { slipway: { app: pkg, image: image(sha[8]!.digest), color: 'blue' } },
    statuses: ['in_progress', 'success', 'inactive'],
  });
  fake.seed.deployment(OWNER, REPO, {
    environment: 'production',
    payload: {
      slipway: {
        app: pkg,
        image: image(sha[7]!.digest),
        color: 'green',
        'previous-image': image(sha[8]!.digest),
      },
    },
    statuses: ['in_progress', 'success'],
  });

  // orphans: an old untagged index with its children and an old single manifest go; a young one stays
  const oldIndex = await multi('orphan-index', undefined, 30);
  deletedDigests.push(oldIndex.digest, ...oldIndex.children);
  const oldSingle = await push.image(repo, `${pkg}-orphan-old`);
  track(oldSingle.digest, 20);
  deletedDigests.push(oldSingle.digest);
  const young = await push.image(repo, `${pkg}-orphan-young`);
  track(young.digest, 2);
  keptDigests.push(young.digest);

  store.invalidate();
  return {
    pkg,
    repo,
    keptTags,
    keptDigests,
    deletedDigests,
    deployed: { current: sha[7]!.digest, previous: sha[8]!.digest },
  };
}
