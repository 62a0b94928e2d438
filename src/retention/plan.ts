import { closure, type GraphNode, type ImageGraph, type Role } from './graph.js';
import { compileTagPatterns, type RetentionPolicy } from './policy.js';

/** Where a package lives in the Packages REST API. */
export interface PackageRef {
  owner: string;
  /** `authenticated-user`: the token's own user (its private packages live under /user). */
  ownerType: 'org' | 'user' | 'authenticated-user';
  /** Package name as the API spells it (may contain '/'). */
  name: string;
}

export interface PlannedVersion {
  id: number;
  digest: string;
  tags: string[];
  createdAt: string;
  role: Role;
  bytes?: number;
}

export type KeepReason = 'latest' | 'tag' | 'deployed' | 'recent-untagged' | 'unreadable';

export interface KeptImage {
  root: PlannedVersion;
  reasons: KeepReason[];
  /** The keep-tags pattern(s) that matched, when `tag` is a reason. */
  matched?: string[];
  /** How many other versions (children, signatures, attestations) it keeps. */
  members: number;
}

export type DeleteReason = 'expired' | 'untagged';

export interface DeletedImage {
  root: PlannedVersion;
  reason: DeleteReason;
  /** Versions that go with it: children, signatures and attestations no kept image reaches. */
  members: PlannedVersion[];
}

export interface PackagePlan {
  package: PackageRef;
  versions: number;
  keep: KeptImage[];
  delete: DeletedImage[];
  /** Why nothing in this package is planned for deletion, when the plan refused to decide. */
  note?: string;
}

export interface RetentionPlan {
  schema: 'slipway.retention.plan/v1';
  createdAt: string;
  registry: string;
  policy: RetentionPolicy;
  /** Digests protected as deployed (current / previous / in-flight of an environment). */
  deployed: { digest: string; environment: string; role: string }[];
  packages: PackagePlan[];
}

const DAY = 86_400_000;

function planned(n: GraphNode): PlannedVersion {
  const v: PlannedVersion = {
    id: n.version.id,
    digest: n.version.digest,
    tags: n.version.tags,
    createdAt: n.version.createdAt,
    role: n.role,
  };
  if (n.bytes !== undefined) v.bytes = n.bytes;
  return v;
}

const byNewest = (a: GraphNode, b: GraphNode) =>
  Date.parse(b.version.createdAt) - Date.parse(a.version.createdAt) || b.version.id - a.version.id;

/**
 * Decides, per image, what to keep and what to delete in one package.
 *  - tagged images: the `keepLatest` newest are kept; an image with a tag matching keep-tags is
 *    kept; the rest are deleted;
 *  - untagged roots (orphans: an index whose tag moved, a platform manifest nobody holds, a
 *    signature whose subject is gone) are deleted once older than `untaggedAfterDays`;
 *  - a deployed digest is kept wherever it sits in the graph;
 *  - a kept image keeps everything it reaches; a deleted image takes with it what no kept image
 *    reaches (shared children are reference counted by reachability).
 * If any manifest could not be read the package is left alone (fail closed).
 */
export function planPackage(
  pkg: PackageRef,
  graph: ImageGraph,
  policy: RetentionPolicy,
  opts: { now: Date; deployed: Set<string> },
): PackagePlan {
  const nodes = [...graph.nodes.values()];
  const roots = graph.roots.map((d) => graph.nodes.get(d)!);
  const unreadable = nodes.filter((n) => n.read.kind === 'error');
  if (unreadable.length) {
    const first = unreadable[0]!;
    return {
      package: pkg,
      versions: nodes.length,
      keep: roots.sort(byNewest).map((n) => ({ root: planned(n), reasons: ['unreadable'], members: 0 })),
      delete: [],
      note: `left alone: ${unreadable.length} manifest(s) could not be read (first: ${first.version.digest}: ${
        first.read.kind === 'error' ? first.read.message : ''
      })`,
    };
  }
  const matchTag = compileTagPatterns(policy.keepTags, 'keep-tags');
  const tagged = roots.filter((n) => n.imageTags.length > 0).sort(byNewest);
  const untagged = roots.filter((n) => n.imageTags.length === 0).sort(byNewest);
  const latest = new Set(tagged.slice(0, policy.keepLatest).map((n) => n.version.digest));
  const cutoff = opts.now.getTime() - policy.untaggedAfterDays * DAY;

  const keep: KeptImage[] = [];
  const doomed: { node: GraphNode; reason: DeleteReason }[] = [];
  for (const n of [...tagged, ...untagged]) {
    const reasons: KeepReason[] = [];
    const matched: string[] = [];
    const d = n.version.digest;
    if (latest.has(d)) reasons.push('latest');
    for (const t of n.imageTags) {
      const p = matchTag(t);
      if (p && !matched.includes(p)) matched.push(p);
    }
    if (matched.length) reasons.push('tag');
    if (policy.keepDeployed && opts.deployed.has(d)) reasons.push('deployed');
    if (n.imageTags.length === 0 && !(Date.parse(n.version.createdAt) < cutoff))
      reasons.push('recent-untagged');
    if (reasons.length) {
      const k: KeptImage = { root: planned(n), reasons, members: 0 };
      if (matched.length) k.matched = matched;
      keep.push(k);
    } else doomed.push({ node: n, reason: n.imageTags.length ? 'expired' : 'untagged' });
  }

  // Deployed digests are kept wherever they sit (a platform manifest deployed by digest too).
  const keptStarts = keep.map((k) => k.root.digest);
  if (policy.keepDeployed) for (const d of opts.deployed) if (graph.nodes.has(d)) keptStarts.push(d);
  const kept = closure(graph, keptStarts);
  for (const k of keep) k.members = closure(graph, [k.root.digest]).size - 1;

  // A doomed root reached from another doomed root (a tagged platform manifest of a deleted
  // index) goes as that image's member, so it is deleted only once its holder is.
  const reachedFromDoomed = new Set<string>();
  for (const { node } of doomed) {
    for (const d of closure(graph, [node.version.digest]))
      if (d !== node.version.digest) reachedFromDoomed.add(d);
  }
  const del: DeletedImage[] = [];
  for (const { node, reason } of doomed) {
    // Reached from a kept image (a tagged child of a kept index): it stays with that image.
    if (kept.has(node.version.digest)) continue;
    if (reachedFromDoomed.has(node.version.digest)) continue;
    const members = [...closure(graph, [node.version.digest])]
      .filter((d) => d !== node.version.digest && !kept.has(d))
      .map((d) => graph.nodes.get(d)!)
      // children before referrers, then by id, so the order is stable
      .sort((a, b) => (a.role === b.role ? a.version.id - b.version.id : a.role === 'child' ? -1 : 1))
      .map(planned);
    del.push({ root: planned(node), reason, members });
  }
  return { package: pkg, versions: nodes.length, keep, delete: del };
}

/** Distinct versions a plan deletes (a child shared by two deleted images counts once). */
export function plannedDeletions(plan: RetentionPlan): number {
  let n = 0;
  for (const p of plan.packages) {
    const ids = new Set<number>();
    for (const d of p.delete) {
      ids.add(d.root.id);
      for (const m of d.members) ids.add(m.id);
    }
    n += ids.size;
  }
  return n;
}
