import type { VersionInfo } from './model.js';
import type { DeletedImage, RetentionPlan } from './plan.js';

export interface Dropped {
  package: string;
  root: string;
  why: string;
}

/**
 * Checks a plan made earlier (a reviewed dry run) against the package as it is now. An image
 * is applied only if every one of its versions still has the digest and tags the plan saw and
 * none of them is now deployed; anything else is dropped with the reason. Versions already gone
 * are left out (nothing to do).
 */
export function reconcilePlan(
  plan: RetentionPlan,
  current: Map<string, VersionInfo[]>,
  deployed: Set<string>,
): { plan: RetentionPlan; dropped: Dropped[]; alreadyGone: number } {
  const dropped: Dropped[] = [];
  let alreadyGone = 0;
  const packages = plan.packages.map((p) => {
    const now = new Map((current.get(p.package.name) ?? []).map((v) => [v.id, v]));
    const keep: DeletedImage[] = [];
    for (const img of p.delete) {
      const label = img.root.tags.join(', ') || img.root.digest;
      const all = [img.root, ...img.members];
      const changed = all.find((v) => {
        const c = now.get(v.id);
        return c && (c.digest !== v.digest || [...c.tags].sort().join(',') !== [...v.tags].sort().join(','));
      });
      if (changed) {
        dropped.push({
          package: p.package.name,
          root: label,
          why: `version ${changed.id} changed since the plan (tags or digest)`,
        });
        continue;
      }
      const live = all.find((v) => deployed.has(v.digest));
      if (live) {
        dropped.push({ package: p.package.name, root: label, why: `${live.digest} is deployed now` });
        continue;
      }
      const members = img.members.filter((m) => now.has(m.id));
      alreadyGone += img.members.length - members.length;
      if (!now.has(img.root.id)) {
        alreadyGone++;
        if (!members.length) continue;
        // the root went already: its members still go (nothing else held them at plan time)
      }
      keep.push({ ...img, members });
    }
    return { ...p, delete: keep };
  });
  return { plan: { ...plan, packages }, dropped, alreadyGone };
}
