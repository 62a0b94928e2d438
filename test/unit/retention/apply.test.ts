import { describe, expect, it } from 'vitest';
import { applyPlan, ApplyAbort, type DeleteOutcome } from '../../../src/retention/apply.js';
import { buildGraph } from '../../../src/retention/graph.js';
import { planPackage, type RetentionPlan } from '../../../src/retention/plan.js';
import { DEFAULT_POLICY } from '../../../src/retention/policy.js';
import { countPlan, formatBytes, renderSummary } from '../../../src/retention/report.js';
import { Pkg, NOW, sigTag } from './fixtures.js';

const ref = { owner: 'octo-org', ownerType: 'org' as const, name: 'api' };

function scenario() {
  const p = new Pkg();
  for (let i = 0; i < 5; i++) p.version(`n${i}`, [`sha-${i}`], i);
  const a = p.multiArch('a', ['sha-a'], 20);
  const b = p.multiArch('b', ['sha-b'], 30, { shared: [a.amd, p.version('b-arm', [], 30)] });
  const sig = p.version('b-sig', [sigTag(b.index)], 30);
  const plan: RetentionPlan = {
    schema: 'slipway.retention.plan/v1',
    createdAt: NOW.toISOString(),
    registry: 'ghcr.io',
    policy: DEFAULT_POLICY,
    deployed: [],
    packages: [
      planPackage(ref, buildGraph(p.versions, p.reads), DEFAULT_POLICY, { now: NOW, deployed: new Set() }),
    ],
  };
  return { p, a, b, sig, plan };
}

function ports(outcome: (digest: string) => DeleteOutcome | Error, now = () => 0) {
  const calls: string[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    calls,
    warnings,
    infos,
    ports: {
      deleteVersion: async (_pkg: unknown, v: { digest: string }) => {
        calls.push(v.digest);
        const o = outcome(v.digest);
        if (o instanceof Error) throw o;
        return o;
      },
      now,
      info: (m: string) => infos.push(m),
      warning: (m: string) => warnings.push(m),
    },
  };
}

describe('applyPlan', () => {
  it('deletes each root before its members and a shared child only after all its holders', async () => {
    const { a, b, sig, plan } = scenario();
    const t = ports(() => ({ kind: 'deleted' }));
    const r = await applyPlan(plan, t.ports, { concurrency: 1, progressEvery: 3 });
    expect(new Set(t.calls).size).toBe(t.calls.length); // nothing deleted twice
    expect(t.calls.length).toBe(8);
    expect(t.calls.indexOf(a.index)).toBeLessThan(t.calls.indexOf(a.arm));
    expect(t.calls.indexOf(b.index)).toBeLessThan(t.calls.indexOf(sig));
    expect(t.calls.indexOf(a.amd)).toBeGreaterThan(
      Math.max(t.calls.indexOf(a.index), t.calls.indexOf(b.index)),
    );
    expect(r.deleted).toBe(8);
    expect(r.skipped).toEqual([]);
    expect(t.infos).toContain('progress: 3 versions deleted (1/2 images)');
  });

  it('a refused root is skipped with a warning, keeps its members, and the run goes on', async () => {
    const { a, b, plan } = scenario();
    const t = ports((d) =>
      d === b.index
        ? {
            kind: 'refused',
            message: 'Publicly visible package versions with more than 5000 downloads cannot be deleted.',
          }
        : { kind: 'deleted' },
    );
    const r = await applyPlan(plan, t.ports, { concurrency: 2, progressEvery: 0 });
    expect(t.calls).not.toContain(a.amd); // still held by the refused index b
    expect(t.calls).toContain(a.arm);
    expect(r.skipped.find((s) => s.digest === b.index)!.outcome).toBe('refused');
    expect(r.skipped.filter((s) => s.outcome === 'held')).toHaveLength(4); // b-arm, b-att, sig, shared amd
    expect(t.warnings.some((w) => w.includes('5000 downloads'))).toBe(true);
    expect(r.failed).toEqual([]);
  });

  it('bytes freed are the sizes of the versions deleted, not of those that failed; the summary says so', async () => {
    const { b, plan } = scenario();
    const sizes = new Map(
      plan.packages[0]!.delete.flatMap((d) => [d.root, ...d.members]).map((v) => [v.digest, v.bytes ?? 0]),
    );
    expect([...sizes.values()].every((n) => n > 0)).toBe(true);
    const t = ports((d) => (d === b.arm ? new Error('HTTP 502 after retries') : { kind: 'deleted' }));
    const r = await applyPlan(plan, t.ports, { concurrency: 1, progressEvery: 0 });
    const expected = t.calls.filter((d) => d !== b.arm).reduce((sum, d) => sum + sizes.get(d)!, 0);
    expect(r.bytesFreed).toBe(expected);
    expect(countPlan(plan, r)[0]!.bytesFreed).toBe(expected);
    expect(
      renderSummary(plan, { mode: 'applied', result: r, maxDeletions: 100, planPath: 'plan.json' }),
    ).toContain(`freed at least ${formatBytes(expected)}`);
  });

  it('a 404 counts as already gone; a transient failure is reported and does not stop the run', async () => {
    const { a, b, plan } = scenario();
    const t = ports((d) =>
      d === a.index
        ? { kind: 'gone' }
        : d === b.arm
          ? new Error('HTTP 502 after retries')
          : { kind: 'deleted' },
    );
    const r = await applyPlan(plan, t.ports, { concurrency: 1, progressEvery: 0 });
    expect(r.deleted).toBe(7);
    expect(r.failed.map((f) => f.digest)).toEqual([b.arm]);
  });

  it('a permission error stops everything at once', async () => {
    const { plan } = scenario();
    const t = ports(() => new ApplyAbort('the token cannot delete versions of api'));
    const r = await applyPlan(plan, t.ports, { concurrency: 1, progressEvery: 0 });
    expect(t.calls).toHaveLength(1);
    expect(r.aborted).toMatch(/cannot delete/);
    expect(r.deleted).toBe(0);
  });

  it('stops starting images at the deadline but finishes the image it started', async () => {
    const { a, plan } = scenario();
    let clock = 0;
    const t = ports(
      () => {
        clock += 10;
        return { kind: 'deleted' };
      },
      () => clock,
    );
    const r = await applyPlan(plan, t.ports, { concurrency: 1, progressEvery: 0, deadline: 5 });
    expect(t.calls[0]).toBe(a.index);
    expect(t.calls).toHaveLength(3); // a, a-arm, a-att: shared amd still held by b
    expect(r.stoppedAt).toBeDefined();
    // b, its members and the child it shares with a wait for the next run
    expect(r.skipped.filter((s) => s.outcome === 'not-started')).toHaveLength(5);
    expect(r.skipped.map((s) => s.digest)).toContain(a.amd);
  });
});

describe('applyPlan confirmation', () => {
  it('deletes again what the package still lists after a DELETE whose answer was lost', async () => {
    const { a, plan } = scenario();
    const present = new Set(
      plan.packages[0]!.delete.flatMap((d) => [d.root.id, ...d.members.map((m) => m.id)]),
    );
    let lost = true;
    const calls: string[] = [];
    const r = await applyPlan(
      plan,
      {
        deleteVersion: async (_p, v) => {
          calls.push(v.digest);
          // the first DELETE of a's index "succeeds" without deleting anything
          if (v.digest === a.index && lost) lost = false;
          else present.delete(v.id);
          return { kind: 'deleted' };
        },
        listVersions: async () => [...present].map((id) => ({ id })),
        now: () => 0,
        info: () => {},
        warning: () => {},
      },
      { concurrency: 1, progressEvery: 0 },
    );
    expect(calls.filter((d) => d === a.index)).toHaveLength(2);
    expect(present.size).toBe(0);
    expect(r.deleted).toBe(8);
  });
});

describe('applyPlan confirmation that never succeeds', () => {
  it('a version still listed after every retry is a failure, not a deletion', async () => {
    const { plan } = scenario();
    const ids = plan.packages[0]!.delete.flatMap((d) => [d.root.id, ...d.members.map((m) => m.id)]);
    const r = await applyPlan(
      plan,
      {
        deleteVersion: async () => ({ kind: 'gone' }),
        listVersions: async () => ids.map((id) => ({ id })),
        now: () => 0,
        info: () => {},
        warning: () => {},
      },
      { concurrency: 1, progressEvery: 0 },
    );
    expect(r.deleted).toBe(0);
    expect(r.failed).toHaveLength(8);
    expect(r.failed[0]!.message).toMatch(/still listed/);
  });
});
