/**
 * The docker target's deploy lock on a real Docker engine: a created, never-started container
 * `<app>-<env>-deploy-lock` whose label holds the lock. Two deploys racing for it: exactly one
 * wins; a lock whose run has ended is taken over; release removes it; a malformed label changes
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerLockStore, LOCK_LABEL, lockName } from '../../../src/deploy/lock-stores.js';
import { acquireLock, releaseLock, type LockEffects, type LockRequest } from '../../../src/deploy/lock.js';
import { createDockerCli } from '../../../src/runner/swarm.js';
import { BASE_IMAGE, docker, dockerResult, ensureServices } from '../../support/services.js';

const APP = `locktest${process.pid}`;
const NAME = lockName(APP, 'production');
const store = () => new DockerLockStore(createDockerCli(), NAME, BASE_IMAGE);

function request(owner: string): LockRequest {
  return {
    owner,
    repo: 'acme/shop',
    app: APP,
    environment: 'production',
    ttlMs: 3_600_000,
    waitMs: 0,
    pollMs: 100,
  };
}

function effects(runs: Record<string, string>): LockEffects {
  return {
    store: store(),
    lookupRun: async (_repo, id) => (runs[id] ? { status: runs[id]! } : undefined),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info: () => {}, warning: () => {} },
  };
}

const cleanup = () => dockerResult(['rm', '-f', NAME]);

beforeAll(async () => {
  await ensureServices();
  cleanup();
});
afterAll(() => {
  cleanup();
});

describe('docker target deploy lock', () => {
  it('lets exactly one of two racing deploys take it, and never starts the container', async () => {
    const runs = { '101': 'in_progress', '102': 'in_progress' };
    const results = await Promise.allSettled([
      acquireLock(request('101'), effects(runs)),
      acquireLock(request('102'), effects(runs)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(loser.reason.message)).toMatch(
      /another deploy of locktest\d+ to production holds the lock: .*10[12]/,
    );
    const state = JSON.parse(docker(['container', 'inspect', NAME]))[0];
    expect(state.State.Status).toBe('created');
    expect(state.Config.Labels[LOCK_LABEL]).toContain('acme/shop');
  });

  it('is taken over when the owning run has ended, and released by its new owner', async () => {
    const holder = JSON.parse(docker(['container', 'inspect', NAME]))[0].Config.Labels[LOCK_LABEL] as string;
    const owner = /10[12]/.exec(holder)![0];
    const runs: Record<string, string> = { [owner]: 'completed', '103': 'in_progress' };
    const got = await acquireLock(request('103'), effects(runs));
    expect(got.tookOver?.why).toBe('ended');
    expect(await releaseLock(request('103'), effects(runs))).toBe('released');
    expect(dockerResult(['container', 'inspect', NAME]).status).not.toBe(0);
  });

  it('refuses a malformed lock label without touching it', async () => {
    docker([
      'container',
      'create',
      '--name',
      NAME,
      '--label',
      `${LOCK_LABEL}=not a lock`,
      '--network',
      'none',
      BASE_IMAGE,
    ]);
    await expect(acquireLock(request('104'), effects({ '104': 'in_progress' }))).rejects.toThrow(
      /docker container .*deploy-lock/,
    );
    expect(JSON.parse(docker(['container', 'inspect', NAME]))[0].Config.Labels[LOCK_LABEL]).toBe(
      'not a lock',
    );
  });
});
