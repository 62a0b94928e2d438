/**
 * Applying a plan made earlier (a reviewed dry run): only images that are exactly as the plan
 * saw them go; anything changed or deployed since is dropped with the reason; what is already
 * gone is counted, not deleted again.
 */
import { describe, expect, it } from 'vitest';
import type { VersionInfo } from '../../../src/retention/model.js';
import type { PlannedVersion, RetentionPlan } from '../../../src/retention/plan.js';
import { reconcilePlan } from '../../../src/retention/reconcile.js';

const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const pv = (id: number, tags: string[] = [], role: PlannedVersion['role'] = 'image'): PlannedVersion => ({
  id,
  digest: digest(id),
  tags,
  createdAt: '2026-01-01T00:00:00Z',
  role,
});
const info = (v: PlannedVersion, over: Partial<VersionInfo> = {}): VersionInfo => ({
  id: v.id,
  digest: v.digest,
  tags: [...v.tags],
  createdAt: v.createdAt,
  updatedAt: v.createdAt,
  ...over,
});

// three old images, each an index (root) with two platform manifests
const images = [1, 2, 3].map((n) => ({
  root: pv(n * 10, [`sha-${n}`]),
  reason: 'expired' as const,
  members: [pv(n * 10 + 1, [], 'child'), pv(n * 10 + 2, [], 'child')],
}));
const plan: RetentionPlan = {
  schema: 'slipway.retention.plan/v1',
  createdAt: '2026-11-01T00:00:00Z',
  registry: 'ghcr.io',
  policy: {} as RetentionPlan['policy'],
  deployed: [],
  packages: [
    { package: { owner: 'acme', ownerType: 'org', name: 'web' }, versions: 9, keep: [], delete: images },
  ],
};
const everything = () => images.flatMap((i) => [i.root, ...i.members]).map((v) => info(v));

describe('reconcilePlan', () => {
  it('applies a plan whose images are unchanged, as planned', () => {
    const r = reconcilePlan(plan, new Map([['web', everything()]]), new Set());
    expect(r.dropped).toEqual([]);
    expect(r.alreadyGone).toBe(0);
    expect(r.plan.packages[0]!.delete.map((d) => [d.root.id, d.members.map((m) => m.id)])).toEqual([
      [10, [11, 12]],
      [20, [21, 22]],
      [30, [31, 32]],
    ]);
  });

  it('drops an image one of whose versions was retagged or re-pushed since the plan', () => {
    const now = everything().map((v) =>
      v.id === 10 ? { ...v, tags: ['sha-1', 'v1.0.0'] } : v.id === 22 ? { ...v, digest: digest(999) } : v,
    );
    const r = reconcilePlan(plan, new Map([['web', now]]), new Set());
    expect(r.dropped).toEqual([
      { package: 'web', root: 'sha-1', why: 'version 10 changed since the plan (tags or digest)' },
      { package: 'web', root: 'sha-2', why: 'version 22 changed since the plan (tags or digest)' },
    ]);
    expect(r.plan.packages[0]!.delete.map((d) => d.root.id)).toEqual([30]);
  });

  it('drops an image that is deployed now, through its index or one of its platforms', () => {
    const r = reconcilePlan(plan, new Map([['web', everything()]]), new Set([digest(31)]));
    expect(r.dropped).toEqual([{ package: 'web', root: 'sha-3', why: `${digest(31)} is deployed now` }]);
    expect(r.plan.packages[0]!.delete.map((d) => d.root.id)).toEqual([10, 20]);
  });

  it('counts versions already gone and deletes only what is left', () => {
    // image 1 entirely gone; image 2's root gone but one platform left; image 3 lost a platform
    const now = everything().filter((v) => ![10, 11, 12, 20, 21, 32].includes(v.id));
    const r = reconcilePlan(plan, new Map([['web', now]]), new Set());
    expect(r.alreadyGone).toBe(6);
    expect(r.plan.packages[0]!.delete.map((d) => [d.root.id, d.members.map((m) => m.id)])).toEqual([
      [20, [22]],
      [30, [31]],
    ]);
    expect(r.dropped).toEqual([]);
  });
});
