import { describe, expect, it } from 'vitest';
import { runDeploy } from '../../../src/deploy/engine.js';
import { DEFAULT_HEALTH } from '../../../src/deploy/health.js';
import {
  checkActor,
  checkStaged,
  parseApprovers,
  promoteCandidate,
  runCandidate,
  selectCandidate,
} from '../../../src/deploy/promotion.js';
import type { DeployPlan } from '../../../src/deploy/types.js';
import { UserError } from '../../../src/errors.js';
import { MemRecorder, MemTarget, memEffects, release, type Behaviour } from '../deploy/fakes.js';
import { MemPromotionApi } from './memory.js';

const behaviours: Record<string, Behaviour> = {
  'app:v1': { version: 'v1' },
  'app:v2': { version: 'v2' },
  'app:v3': { version: 'v3' },
  'app:bad': { version: 'bad', healthy: false },
};

function plan(image: string): DeployPlan {
  return {
    release: release(image),
    publicUrl: 'mem://public',
    health: { ...DEFAULT_HEALTH, startPeriodMs: 2_000, deadlineMs: 30_000 },
    version: {
      kind: 'header',
      name: 'X-Version',
      expect: behaviours[image]!.version,
      deadlineMs: 5_000,
      intervalMs: 100,
      consecutive: 3,
    },
    bakeMs: 10_000,
    keepWarmMs: 600_000,
    autoRollback: true,
    deployment: { ref: 'main' },
  };
}

async function setup() {
  const target = new MemTarget({ t: 0 }, behaviours);
  const recorder = new MemRecorder();
  const fx = memEffects(target, recorder);
  const api = new MemPromotionApi(recorder);
  expect((await runDeploy(plan('app:v1'), fx)).outcome).toBe('success'); // v1 live on blue
  return { target, recorder, fx, api };
}

const approvers = parseApprovers('alice, acme/release');

describe('manual promotion', () => {
  it('stages the candidate on the idle color, verifies it and stops: the live color keeps serving', async () => {
    const { target, recorder, fx, api } = await setup();
    const r = await runCandidate(plan('app:v2'), fx, api);
    expect(r).toMatchObject({
      outcome: 'awaiting-promotion',
      color: 'green',
      live: 'blue',
      deploymentId: '2',
    });
    expect(r.message).toBe('app:v2 is ready on green, awaiting promotion; blue keeps serving app:v1');
    expect(target.live).toBe('blue');
    expect(target.colors.green.state).toBe('running');
    expect(target.calls).not.toContain('switch green');
    const d = recorder.deployments[1]!;
    expect(d.payload).toMatchObject({
      image: 'app:v2',
      color: 'green',
      'previous-color': 'blue',
      promotion: 'awaiting',
    });
    expect(d.statuses.at(-1)).toEqual({ state: 'queued', description: 'green ready, awaiting promotion' });
  });

  it('an allowed actor promotes: the same deployment continues through switch, bake and finalize', async () => {
    const { target, recorder, fx, api } = await setup();
    await runCandidate(plan('app:v2'), fx, api);
    const { candidate } = selectCandidate(await api.candidates('shop'), 'shop', 'production');
    expect(await checkActor('alice', approvers, api, 'promote shop')).toBe('@alice is an approver');
    await checkStaged(target, candidate);
    target.calls.length = 0;
    const r = await promoteCandidate(plan('app:v2'), fx, candidate, 'promoted by @alice');
    expect(r).toMatchObject({ outcome: 'success', color: 'green', previousColor: 'blue', deploymentId: '2' });
    expect(target.live).toBe('green');
    expect(target.calls).toEqual(['prepare', 'start green app:v2 reuse', 'switch green']);
    expect(recorder.deployments).toHaveLength(2); // no new deployment record
    expect(recorder.finalStates()).toEqual(['1:app:v1:inactive', '2:app:v2:success']);
    expect(recorder.deployments[1]!.statuses.at(-1)!.description).toBe(
      'app:v2 live on green (promoted by @alice)',
    );
  });

  it('a team member is allowed through the team membership API', async () => {
    const { api } = await setup();
    expect(await checkActor('bob', approvers, api, 'promote shop')).toBe('@bob is a member of acme/release');
  });

  it('another actor is refused with a clear message and nothing changes', async () => {
    const { target, fx, api } = await setup();
    await runCandidate(plan('app:v2'), fx, api);
    const before = target.calls.length;
    await expect(checkActor('mallory', approvers, api, 'promote shop to production')).rejects.toThrow(
      'actor: @mallory may not promote shop to production: allowed are @alice, members of acme/release',
    );
    expect(target.calls.length).toBe(before);
    expect(target.live).toBe('blue');
  });

  it('an approver that does not exist is a user error, checked before the actor', async () => {
    const { api } = await setup();
    const e = await checkActor('alice', parseApprovers('alice, ghost-user'), api, 'promote').catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe("approvers: user 'ghost-user' does not exist on GitHub");
  });

  it('bad approver syntax names the input', () => {
    expect(() => parseApprovers('alice, acme/')).toThrow(
      /approvers: 'acme\/' is neither a GitHub user name nor an org\/team-slug/,
    );
    expect(parseApprovers('@alice bob,Acme/Release-Managers')).toEqual({
      users: ['alice', 'bob'],
      teams: [{ org: 'Acme', slug: 'release-managers' }],
    });
  });

  it('a newer candidate supersedes an older waiting one', async () => {
    const { target, recorder, fx, api } = await setup();
    await runCandidate(plan('app:v2'), fx, api);
    const r3 = await runCandidate(plan('app:v3'), fx, api);
    expect(r3.superseded).toEqual(['2']);
    expect(recorder.deployments[1]!.statuses.at(-1)).toEqual({
      state: 'inactive',
      description: 'superseded by deployment 3 (app:v3)',
    });
    const all = await api.candidates('shop');
    expect(() => selectCandidate(all, 'shop', 'production', '2')).toThrow(
      /deployment 2 \(app:v2\) is not awaiting promotion: its status is inactive \(superseded by deployment 3/,
    );
    const { candidate } = selectCandidate(all, 'shop', 'production');
    expect(candidate).toMatchObject({ id: '3', payload: { image: 'app:v3' } });
    await checkStaged(target, candidate);
    expect((await promoteCandidate(plan('app:v3'), fx, candidate, 'promoted by @alice')).outcome).toBe(
      'success',
    );
    expect(target.live).toBe('green');
  });

  it('an older id is refused while a newer one awaits, even before it was marked', () => {
    const mk = (id: string, image: string) => ({
      id,
      state: 'queued' as const,
      payload: {
        app: 'shop',
        environment: 'production',
        image,
        color: 'green' as const,
        'previous-color': 'blue' as const,
        'previous-image': 'app:v1',
        'config-digest': 'x',
        promotion: 'awaiting' as const,
      },
    });
    expect(() => selectCandidate([mk('5', 'app:v3'), mk('4', 'app:v2')], 'shop', 'production', '4')).toThrow(
      'deployment-id: deployment 4 (app:v2) was superseded by the newer candidate 5 (app:v3); promote that one instead',
    );
    expect(() => selectCandidate([], 'shop', 'production')).toThrow(
      /shop has no candidate awaiting promotion in production/,
    );
  });

  it('a candidate that never becomes ready is not left awaiting', async () => {
    const { target, recorder, fx, api } = await setup();
    const r = await runCandidate(plan('app:bad'), fx, api);
    expect(r.outcome).toBe('failed-before-switch');
    expect(target.colors.green.state).toBe('stopped');
    expect(recorder.deployments[1]!.statuses.at(-1)!.state).toBe('failure');
    const all = await api.candidates('shop');
    expect(() => selectCandidate(all, 'shop', 'production')).toThrow(/no candidate/);
  });

  it('refuses to promote a candidate whose color was replaced since it was staged', async () => {
    const { target, fx, api } = await setup();
    await runCandidate(plan('app:v2'), fx, api);
    const { candidate } = selectCandidate(await api.candidates('shop'), 'shop', 'production');
    await target.stop('green');
    target.colors.green.release = release('app:v9');
    await expect(checkStaged(target, candidate)).rejects.toThrow(
      /green no longer runs app:v2 \(it is stopped with app:v9\); deploy again/,
    );
  });
});
