import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireLock,
  formatLock,
  judgeLock,
  parseLock,
  releaseLock,
  type LockEffects,
  type LockRecord,
  type LockRequest,
  type LockStore,
  type StoredLock,
} from '../../../src/deploy/lock.js';
import { KubernetesLockStore, lockName } from '../../../src/deploy/lock-stores.js';
import { createKubectl } from '../../../src/runner/kubectl.js';
import { createGitHubClient } from '../../../src/runner/octokit.js';
import { UserError } from '../../../src/errors.js';
import { startKubeFake, type KubeFake } from '../../support/kube-fake/server.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';

class MemStore implements LockStore {
  readonly where = 'memory lock';
  lock: StoredLock | undefined;
  n = 0;
  writes = 0;
  async read() {
    return this.lock ? { ...this.lock } : undefined;
  }
  async create(raw: string) {
    if (this.lock) return 'exists' as const;
    this.writes++;
    this.lock = { raw, version: String(++this.n) };
    return 'ok' as const;
  }
  async replace(raw: string, version: string) {
    if (this.lock?.version !== version) return 'conflict' as const;
    this.writes++;
    this.lock = { raw, version: String(++this.n) };
    return 'ok' as const;
  }
  async remove(version: string) {
    if (!this.lock) return 'missing' as const;
    if (this.lock.version !== version) return 'conflict' as const;
    this.writes++;
    this.lock = undefined;
    return 'ok' as const;
  }
}

const T0 = Date.parse('2026-11-22T01:00:00Z');

function request(owner: string, over: Partial<LockRequest> = {}): LockRequest {
  return {
    owner,
    repo: 'acme/shop',
    app: 'shop',
    environment: 'production',
    ttlMs: 3_600_000,
    waitMs: 0,
    pollMs: 1000,
    ...over,
  };
}

function effects(store: LockStore, runs: Record<string, string | undefined> = {}, clock = { t: T0 }) {
  const logs: string[] = [];
  const fx: LockEffects & { logs: string[]; clock: { t: number } } = {
    store,
    clock,
    logs,
    lookupRun: async (_repo, id) => (runs[id] === undefined ? undefined : { status: runs[id]! }),
    now: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
    log: { info: (m) => logs.push(`info ${m}`), warning: (m) => logs.push(`warning ${m}`) },
  };
  return fx;
}

function held(owner: string, over: Partial<LockRecord> = {}): string {
  return formatLock({
    owner,
    repo: 'acme/shop',
    runUrl: `https://github.com/acme/shop/actions/runs/${owner}`,
    app: 'shop',
    environment: 'production',
    acquiredAt: new Date(T0 - 60_000).toISOString(),
    expiresAt: new Date(T0 + 3_540_000).toISOString(),
    ...over,
  });
}

describe('deploy lock (core)', () => {
  it('takes a free lock and records owner and TTL', async () => {
    const store = new MemStore();
    const got = await acquireLock(request('101', { runUrl: 'https://ci/101' }), effects(store));
    expect(got.record).toEqual({
      owner: '101',
      repo: 'acme/shop',
      runUrl: 'https://ci/101',
      app: 'shop',
      environment: 'production',
      acquiredAt: '2026-11-22T01:00:00.000Z',
      expiresAt: '2026-11-22T02:00:00.000Z',
    });
    expect(parseLock(store.lock!.raw, 'x')).toEqual(got.record);
  });

  it('a second deploy fails clearly while a running deploy holds the lock', async () => {
    const store = new MemStore();
    store.lock = { raw: held('101'), version: '1' };
    const e = await acquireLock(request('102'), effects(store, { '101': 'in_progress' })).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(
      'lock: another deploy of shop to production holds the lock: run 101 of acme/shop (https://github.com/acme/shop/actions/runs/101) since 2026-11-22T00:59:00.000Z, expires 2026-11-22T01:59:00.000Z (lock: memory lock)',
    );
    expect(store.writes).toBe(0);
  });

  it('a second deploy waits, and gets the lock once the first releases it', async () => {
    const store = new MemStore();
    const runs: Record<string, string> = { '101': 'in_progress' };
    const fx = effects(store, runs);
    await acquireLock(request('101'), fx);
    const sleep = fx.sleep;
    let polls = 0;
    fx.sleep = async (ms) => {
      await sleep(ms);
      if (++polls === 3) expect(await releaseLock({ owner: '101', repo: 'acme/shop' }, fx)).toBe('released');
    };
    const got = await acquireLock(request('102', { waitMs: 60_000, pollMs: 5000 }), fx);
    expect(got.record.owner).toBe('102');
    expect(got.waitedMs).toBe(15_000);
    expect(got.tookOver).toBeUndefined();
    expect(fx.logs[0]).toMatch(/^info waiting for the production deploy lock of shop, held by run 101/);
  });

  it('gives up after the wait with the time waited', async () => {
    const store = new MemStore();
    store.lock = { raw: held('101'), version: '1' };
    await expect(
      acquireLock(request('102', { waitMs: 10_000, pollMs: 3000 }), effects(store, { '101': 'queued' })),
    ).rejects.toThrow(/holds the lock: run 101 .*; waited 10 s/);
  });

  it('takes over a lock whose owning run has ended', async () => {
    const store = new MemStore();
    store.lock = { raw: held('101'), version: '1' };
    const fx = effects(store, { '101': 'completed' });
    const got = await acquireLock(request('102'), fx);
    expect(got.tookOver?.why).toBe('ended');
    expect(got.tookOver?.record.owner).toBe('101');
    expect(parseLock(store.lock!.raw, 'x').owner).toBe('102');
    expect(fx.logs.join('\n')).toMatch(/took over .* from run 101 .*that run has ended without releasing it/);
  });

  it('takes over an expired lock when the run is unknown, never while it still runs', () => {
    const rec = parseLock(held('101', { expiresAt: new Date(T0 - 1).toISOString() }), 'x');
    expect(judgeLock(rec, { owner: '102', repo: 'acme/shop' }, T0, 'unknown')).toBe('take-over-expired');
    expect(judgeLock(rec, { owner: '102', repo: 'acme/shop' }, T0, 'running')).toBe('wait');
    expect(judgeLock(rec, { owner: '101', repo: 'acme/shop' }, T0, 'running')).toBe('mine');
    const fresh = parseLock(held('101'), 'x');
    expect(judgeLock(fresh, { owner: '102', repo: 'acme/shop' }, T0, 'unknown')).toBe('wait');
  });

  it('a malformed lock is a clear error naming where it is, and nothing is written', async () => {
    for (const raw of ['locked by bob', 'slipway-lock/v1 {"owner":1}', 'slipway-lock/v1 {not json']) {
      const store = new MemStore();
      store.lock = { raw, version: '1' };
      const e = await acquireLock(request('102'), effects(store)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UserError);
      expect((e as Error).message).toMatch(/^memory lock: malformed deploy lock \(/);
      expect(store.writes).toBe(0);
    }
  });

  it('release leaves a lock held by another run alone', async () => {
    const store = new MemStore();
    store.lock = { raw: held('101'), version: '1' };
    expect(await releaseLock({ owner: '102', repo: 'acme/shop' }, effects(store))).toBe('held-by-other');
    expect(store.lock).toBeDefined();
    expect(await releaseLock({ owner: '101', repo: 'acme/shop' }, effects(store))).toBe('released');
    expect(store.lock).toBeUndefined();
  });
});

describe('deploy lock on Kubernetes (real kubectl, API fake)', () => {
  let kube: KubeFake;
  beforeAll(async () => {
    kube = await startKubeFake();
  });
  afterAll(async () => kube.close());

  it('of two deploys racing for a stale lock exactly one wins', async () => {
    const store = new KubernetesLockStore(
      createKubectl({ kubeconfig: kube.kubeconfig }),
      lockName('shop', 'Production'),
    );
    expect(store.name).toBe('shop-production-deploy-lock');
    expect(await store.create(held('100'))).toBe('ok');
    const runs = { '100': 'completed', '201': 'in_progress', '202': 'in_progress' };
    const results = await Promise.allSettled([
      acquireLock(request('201'), effects(store, runs)),
      acquireLock(request('202'), effects(store, runs)),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ record: LockRecord }>).value.record.owner;
    expect(String((lost[0] as PromiseRejectedResult).reason.message)).toContain(
      `holds the lock: run ${winner} of acme/shop`,
    );
    const cm = kube.object('configmaps', 'shop-production-deploy-lock')!;
    expect(parseLock(cm.metadata.annotations['slipway.dev/deploy-lock'], 'x').owner).toBe(winner);
    expect(
      await releaseLock({ owner: winner, repo: 'acme/shop' }, { store, log: { info() {}, warning() {} } }),
    ).toBe('released');
    expect(kube.object('configmaps', 'shop-production-deploy-lock')).toBeUndefined();
  });

  it('a malformed lock annotation is refused before anything changes', async () => {
    const store = new KubernetesLockStore(
      createKubectl({ kubeconfig: kube.kubeconfig }),
      'web-production-deploy-lock',
    );
    await store.create('held by hand');
    const before = kube.requests.length;
    await expect(acquireLock({ ...request('301'), app: 'web' }, effects(store))).rejects.toThrow(
      /^configmap web-production-deploy-lock annotation slipway.dev\/deploy-lock: malformed deploy lock/,
    );
    expect(kube.requests.slice(before).every((r) => r.method === 'GET')).toBe(true);
  });
});

describe('deploy lock with run states from the Actions API (GitHub fake)', () => {
  let gh: GitHubFake;
  beforeAll(async () => {
    gh = await startGitHubFake({ seed: 7 });
    gh.seed.repo('acme', 'shop');
    gh.seed.workflowRun('acme', 'shop', { id: 501, status: 'completed', conclusion: 'cancelled' });
    gh.seed.workflowRun('acme', 'shop', { id: 502, status: 'in_progress' });
  });
  afterEach(() => gh.assertNoViolations());
  afterAll(async () => gh.close());

  function lookup() {
    const client = createGitHubClient({ token: 'ghs_test', baseUrl: gh.url });
    return async (repo: string, id: string) => {
      const [owner, name] = repo.split('/');
      try {
        const r = await client.rest.actions.getWorkflowRun({
          owner: owner!,
          repo: name!,
          run_id: Number(id),
        });
        return { status: r.data.status ?? 'unknown' };
      } catch (e) {
        if ((e as { status?: number }).status === 404) return undefined;
        throw e;
      }
    };
  }

  it('takes over the lock of a cancelled run, waits for a running one', async () => {
    const store = new MemStore();
    store.lock = { raw: held('501'), version: '1' };
    const fx = { ...effects(store), lookupRun: lookup() };
    const got = await acquireLock(request('503'), fx);
    expect(got.tookOver).toMatchObject({ why: 'ended', record: { owner: '501' } });

    store.lock = { raw: held('502'), version: '9' };
    await expect(acquireLock(request('504'), { ...effects(store), lookupRun: lookup() })).rejects.toThrow(
      /holds the lock: run 502/,
    );
  });
});
