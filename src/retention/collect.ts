import { buildGraph, type ImageGraph } from './graph.js';
import {
  INDEX_TYPES,
  referrerTagSubject,
  type ManifestInfo,
  type ManifestRead,
  type VersionInfo,
} from './model.js';
import { planPackage, type PackageRef, type RetentionPlan } from './plan.js';
import type { RetentionPolicy } from './policy.js';
import type { DeployedDigest } from './deployed.js';

export interface CollectPorts {
  /** Every version of the package (all pages, materialised before anything is deleted). */
  listVersions(pkg: PackageRef): Promise<VersionInfo[]>;
  /** Reads one manifest by digest from the registry. */
  readManifest(pkg: PackageRef, digest: string): Promise<ManifestRead>;
}

/** Manifests are immutable by digest: one cache for the run (and across runs when persisted). */
export type ManifestCache = Map<string, ManifestInfo>;

export interface CollectStats {
  versions: number;
  /** Registry manifest GETs made (each is a download on GHCR). */
  manifestReads: number;
  cacheHits: number;
}

const hasImageTag = (v: VersionInfo) => v.tags.some((t) => referrerTagSubject(t) === undefined);

/**
 * Lists a package and reads only the manifests needed to place every version in the graph:
 * every tagged image (it may be an index), nested indexes among their children, and untagged
 * versions no index or referrer tag accounts for (orphan indexes, OCI 1.1 referrers), newest
 * first so an orphan index's children are placed by it rather than read one by one. Platform
 * manifests of a read index and `sha256-<digest>.*` tagged referrers are not read.
 */
export async function collectPackage(
  pkg: PackageRef,
  ports: CollectPorts,
  cache: ManifestCache,
  stats: CollectStats,
  concurrency = 6,
): Promise<{ versions: VersionInfo[]; graph: ImageGraph }> {
  const versions = await ports.listVersions(pkg);
  stats.versions += versions.length;
  const byDigest = new Map(versions.map((v) => [v.digest, v]));
  const reads = new Map<string, ManifestRead>();
  const held = new Set<string>();

  const readAll = async (list: VersionInfo[]) => {
    const queue = list.filter((v) => !reads.has(v.digest));
    const worker = async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        if (reads.has(v.digest)) continue;
        const cached = cache.get(v.digest);
        let r: ManifestRead;
        if (cached) {
          stats.cacheHits++;
          r = { kind: 'ok', manifest: cached };
        } else {
          stats.manifestReads++;
          r = await ports.readManifest(pkg, v.digest);
          if (r.kind === 'ok') cache.set(v.digest, r.manifest);
        }
        reads.set(v.digest, r);
        if (r.kind === 'ok') for (const c of r.manifest.children) held.add(c.digest);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  // 1. tagged images
  await readAll(versions.filter(hasImageTag));
  // 2. nested indexes among the children of what was read (rare), until none are left
  for (;;) {
    const nested: VersionInfo[] = [];
    for (const r of reads.values()) {
      if (r.kind !== 'ok') continue;
      for (const c of r.manifest.children) {
        const v = byDigest.get(c.digest);
        if (v && INDEX_TYPES.has(c.mediaType) && !reads.has(v.digest)) nested.push(v);
      }
    }
    if (!nested.length) break;
    await readAll(nested);
  }
  // 3. untagged versions nothing accounts for, newest first, in small batches
  const newestFirst = (a: VersionInfo, b: VersionInfo) =>
    Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id;
  const untagged = versions.filter((v) => v.tags.length === 0).sort(newestFirst);
  for (let i = 0; i < untagged.length;) {
    const batch: VersionInfo[] = [];
    for (; i < untagged.length && batch.length < concurrency; i++) {
      const v = untagged[i]!;
      if (!held.has(v.digest) && !reads.has(v.digest)) batch.push(v);
    }
    if (batch.length) await readAll(batch);
  }
  return { versions, graph: buildGraph(versions, reads) };
}

/** Builds the whole plan: every package is listed and read before anything is deleted. */
export async function buildPlan(opts: {
  packages: PackageRef[];
  ports: CollectPorts;
  policy: RetentionPolicy;
  deployed: DeployedDigest[];
  registry: string;
  now: Date;
  cache?: ManifestCache;
  stats?: CollectStats;
}): Promise<RetentionPlan> {
  const cache = opts.cache ?? new Map();
  const stats = opts.stats ?? { versions: 0, manifestReads: 0, cacheHits: 0 };
  const deployedSet = new Set(opts.deployed.map((d) => d.digest));
  const plan: RetentionPlan = {
    schema: 'slipway.retention.plan/v1',
    createdAt: opts.now.toISOString(),
    registry: opts.registry,
    policy: opts.policy,
    deployed: opts.deployed.map((d) => ({ digest: d.digest, environment: d.environment, role: d.role })),
    packages: [],
  };
  for (const pkg of opts.packages) {
    const { graph } = await collectPackage(pkg, opts.ports, cache, stats);
    plan.packages.push(planPackage(pkg, graph, opts.policy, { now: opts.now, deployed: deployedSet }));
  }
  return plan;
}
