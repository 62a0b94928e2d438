import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/retention/graph.js';
import { planPackage, plannedDeletions, type PackagePlan } from '../../../src/retention/plan.js';
import { DEFAULT_POLICY, type RetentionPolicy } from '../../../src/retention/policy.js';
import { Pkg, NOW, dg, sigTag } from './fixtures.js';

const ref = { owner: 'octo-org', ownerType: 'org' as const, name: 'api' };

function plan(p: Pkg, policy: Partial<RetentionPolicy> = {}, deployed: string[] = []): PackagePlan {
  return planPackage(
    ref,
    buildGraph(p.versions, p.reads),
    { ...DEFAULT_POLICY, ...policy },
    { now: NOW, deployed: new Set(deployed) },
  );
}
const deletedDigests = (pp: PackagePlan) =>
  new Set(pp.delete.flatMap((d) => [d.root.digest, ...d.members.map((m) => m.digest)]));
const keptRoots = (pp: PackagePlan) => pp.keep.map((k) => k.root.tags.join(',') || k.root.digest);

describe('image graph', () => {
  it('puts platform and attestation manifests under their index, not as roots', () => {
    const p = new Pkg();
    const img = p.multiArch('a', ['v1.0.0'], 10);
    const g = buildGraph(p.versions, p.reads);
    expect(g.roots).toEqual([img.index]);
    expect(g.nodes.get(img.amd)!.role).toBe('child');
    expect(g.nodes.get(img.att!)!.heldBy).toEqual([img.index]);
  });

  it('attaches cosign tags and OCI 1.1 subject referrers to their subject', () => {
    const p = new Pkg();
    const img = p.version('single', ['sha-abc'], 3);
    const sig = p.version('single-sig', [sigTag(img)], 3);
    const att = p.version('single-att', [sigTag(img, 'att')], 3);
    const bundle = p.version('single-bundle', [], 3, {
      subject: img,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    });
    const g = buildGraph(p.versions, p.reads);
    expect(g.roots).toEqual([img]);
    expect(g.nodes.get(img)!.edges.sort()).toEqual([sig, att, bundle].sort());
    expect(g.nodes.get(sig)!.role).toBe('referrer');
  });

  it('a child shared by two indexes has two holders', () => {
    const p = new Pkg();
    const a = p.multiArch('a', ['sha-a'], 20);
    const b = p.multiArch('b', ['sha-b'], 10, { shared: [a.amd, dg('b-arm64-x')] });
    const g = buildGraph(p.versions, p.reads);
    expect(g.nodes.get(a.amd)!.heldBy.sort()).toEqual([a.index, b.index].sort());
  });
});

describe('retention rules', () => {
  it('keep-latest counts images, not versions: 5 multi-arch images are 20 versions, all kept', () => {
    const p = new Pkg();
    for (let i = 0; i < 7; i++) p.multiArch(`img${i}`, [`sha-${i}`], 10 + i);
    const pp = plan(p);
    expect(pp.keep.map((k) => k.root.tags[0])).toEqual(['sha-0', 'sha-1', 'sha-2', 'sha-3', 'sha-4']);
    expect(pp.keep.every((k) => k.members === 3)).toBe(true);
    expect(pp.delete.map((d) => d.root.tags[0])).toEqual(['sha-5', 'sha-6']);
    // a deleted image takes its platform manifests and attestation with it
    expect(pp.delete[0]!.members).toHaveLength(3);
    expect(pp.delete[0]!.members.every((m) => m.role === 'child')).toBe(true);
  });

  it('keep-tags are matched against tags, never digests; any matching tag keeps the image', () => {
    const p = new Pkg();
    for (let i = 0; i < 6; i++) p.version(`new${i}`, [`sha-n${i}`], i);
    const rel = p.version('rel', ['v1.0.0', 'sha-old'], 100);
    const latest = p.version('latest', ['latest'], 90);
    const old = p.version('old', ['sha-x'], 80);
    const pp = plan(p);
    const del = deletedDigests(pp);
    expect(del.has(rel)).toBe(false);
    expect(del.has(latest)).toBe(false);
    expect(del.has(old)).toBe(true);
    expect(pp.keep.find((k) => k.root.digest === rel)).toMatchObject({ reasons: ['tag'], matched: ['v*'] });
    // a digest is never matched by a pattern, even one that would match its text
    const q = new Pkg();
    for (let i = 0; i < 5; i++) q.version(`n${i}`, [`t${i}`], i);
    const d = q.version('x', ['x'], 50);
    expect(deletedDigests(plan(q, { keepTags: ['sha256*', '*a*'] } as never)).has(d)).toBe(true);
  });

  it('untagged orphans go only after untagged-after-days; children of a kept index are never orphans', () => {
    const p = new Pkg();
    const kept = p.multiArch('k', ['latest'], 400);
    const oldOrphan = p.version('o1', [], 30);
    const youngOrphan = p.version('o2', [], 2);
    const pp = plan(p, { untaggedAfterDays: 7 });
    const del = deletedDigests(pp);
    expect(del).toEqual(new Set([oldOrphan]));
    expect(del.has(kept.amd)).toBe(false);
    expect(pp.keep.find((k) => k.root.digest === youngOrphan)!.reasons).toEqual(['recent-untagged']);
    expect(pp.delete[0]!.reason).toBe('untagged');
  });

  it('an orphan index (tag moved away) is deleted with its children and signatures', () => {
    const p = new Pkg();
    const orphan = p.multiArch('orph', [], 30);
    const sig = p.version('orph-sig', [sigTag(orphan.index)], 30);
    p.version('current', ['latest'], 1);
    const pp = plan(p);
    expect(pp.delete).toHaveLength(1);
    expect(deletedDigests(pp)).toEqual(new Set([orphan.index, orphan.amd, orphan.arm, orphan.att!, sig]));
  });

  it('a shared platform manifest stays while any kept index holds it, goes when the last one goes', () => {
    const p = new Pkg();
    const a = p.multiArch('a', ['sha-a'], 20);
    const b = p.multiArch('b', ['sha-b'], 10, { shared: [a.amd, p.version('b-arm', [], 10)] });
    // keep only the newest: b kept, a deleted; the shared amd64 manifest must stay
    const one = plan(p, { keepLatest: 1, keepTags: [] });
    expect(deletedDigests(one).has(a.amd)).toBe(false);
    expect(deletedDigests(one).has(a.arm)).toBe(true);
    expect(deletedDigests(one).has(b.index)).toBe(false);
    // keep none: both go, the shared child is listed under both images and deleted once
    const none = plan(p, { keepLatest: 0, keepTags: [] });
    expect(none.delete.filter((d) => d.members.some((m) => m.digest === a.amd))).toHaveLength(2);
    expect(plannedDeletions({ packages: [none] } as never)).toBe(7);
  });

  it('a kept image keeps its signatures and attestations, even on its platform manifests', () => {
    const p = new Pkg();
    const img = p.multiArch('m', ['v2.0.0'], 300);
    const sig = p.version('m-sig', [sigTag(img.index)], 300);
    const platSig = p.version('m-amd-sig', [sigTag(img.amd)], 300);
    const bundle = p.version('m-bundle', [], 300, { subject: img.arm });
    for (let i = 0; i < 6; i++) p.version(`n${i}`, [`sha-${i}`], i);
    const del = deletedDigests(plan(p));
    for (const d of [img.index, img.amd, img.arm, sig, platSig, bundle]) expect(del.has(d)).toBe(false);
    expect(del.size).toBe(1);
  });

  it('never deletes a deployed digest, wherever it sits, and says why', () => {
    const p = new Pkg();
    for (let i = 0; i < 5; i++) p.version(`n${i}`, [`sha-${i}`], i);
    const prod = p.multiArch('prod', ['sha-prod'], 50);
    const prev = p.version('prev', ['sha-prev'], 60);
    const orphanDeployed = p.multiArch('gone', [], 70);
    const pp = plan(p, {}, [prod.index, prev, orphanDeployed.amd]);
    const del = deletedDigests(pp);
    expect(del.has(prod.index) || del.has(prod.amd) || del.has(prev)).toBe(false);
    expect(pp.keep.find((k) => k.root.digest === prev)!.reasons).toEqual(['deployed']);
    // the orphan index goes, the deployed platform manifest under it stays
    expect(del.has(orphanDeployed.index)).toBe(true);
    expect(del.has(orphanDeployed.amd)).toBe(false);
    // keep-deployed off: the same images are fair game
    const off = deletedDigests(plan(p, { keepDeployed: false }, [prod.index, prev]));
    expect(off.has(prod.index) && off.has(prev)).toBe(true);
  });

  it('a tagged platform manifest of a deleted index goes with that index, once', () => {
    const p = new Pkg();
    for (let i = 0; i < 5; i++) p.version(`n${i}`, [`sha-${i}`], i);
    const img = p.multiArch('x', ['sha-x'], 40);
    p.byDigest(img.amd).tags = ['sha-x-amd64'];
    const pp = plan(p);
    expect(pp.delete).toHaveLength(1);
    expect(pp.delete[0]!.root.digest).toBe(img.index);
    expect(pp.delete[0]!.members.map((m) => m.digest)).toContain(img.amd);
  });

  it('fails closed: one unreadable manifest leaves the package alone', () => {
    const p = new Pkg();
    for (let i = 0; i < 8; i++) p.version(`n${i}`, [`sha-${i}`], i);
    const bad = p.version('bad', [], 40);
    p.reads.set(bad, { kind: 'error', message: 'HTTP 500' });
    const pp = plan(p);
    expect(pp.delete).toEqual([]);
    expect(pp.note).toMatch(/could not be read/);
  });

  it('a ghost version (manifest missing from the registry) is an untagged orphan like any other', () => {
    const p = new Pkg();
    p.version('keep', ['latest'], 1);
    const ghost = p.version('ghost', [], 30);
    p.reads.set(ghost, { kind: 'missing' });
    expect(deletedDigests(plan(p))).toEqual(new Set([ghost]));
  });

  it('orders by creation time, newest first, with the id as tie-break', () => {
    const p = new Pkg();
    const a = p.version('a', ['a'], 5);
    const b = p.version('b', ['b'], 5);
    const pp = plan(p, { keepLatest: 1, keepTags: [] });
    expect(pp.keep.map((k) => k.root.digest)).toEqual([b]);
    expect(pp.delete.map((d) => d.root.digest)).toEqual([a]);
    expect(keptRoots(pp)).toEqual(['b']);
  });
});
