/**
 * Manual promotion without required reviewers, and without holding a runner or the deploy lane:
 *
 * 1. The deploy job (promotion: manual) runs prepare → start → verify-idle (health, smoke) and
 *    stops there: the idle color runs the candidate, the live color still serves. The GitHub
 *    Deployment is left `queued` with "<color> ready, awaiting promotion" (payload `promotion:
 *    awaiting`); the job ends. Older candidates still awaiting are marked superseded.
 * 2. Later, `promote` (a workflow_dispatch or a `/promote` / `/reject` comment) checks the actor
 *    against the approvers (users, and teams through the API), checks the candidate is still the
 *    newest and still staged on the target, then either continues the same deployment (switch →
 *    verify-switch → bake → finalize, through the engine) or stops the candidate (reject).
 *
 * Where the environment has required reviewers (environments API), GitHub's own gate is used:
 * the promote job declares the environment, so GitHub asks those reviewers before it runs.
 *
 * Pure: target, recorder, API and clock come in as effects.
 */
import { UserError, messageOf } from '../errors.js';
import { runDeploy } from './engine.js';
import { waitHealthy } from './health.js';
import { otherColor, type Color, type DeployTarget, type Release } from './target.js';
import type {
  DeployEffects,
  DeploymentRecorder,
  DeploymentState,
  DeployPlan,
  DeployResult,
  RecordedDeployment,
  SlipwayPayload,
} from './types.js';

export type PromotionMode = 'auto' | 'manual';
export type Decision = 'promote' | 'reject';

/** Payload of a staged candidate: the engine's payload plus the promotion marker. */
export type CandidatePayload = SlipwayPayload & { promotion?: 'awaiting' };

export interface Candidate {
  id: string;
  createdAt?: string;
  payload: CandidatePayload;
  /** Latest status state and description. */
  state?: DeploymentState;
  description?: string;
}

export function awaitingDescription(color: Color): string {
  return `${color} ready, awaiting promotion`;
}

export function isAwaiting(c: Candidate): boolean {
  return c.payload.promotion === 'awaiting' && (c.state === 'queued' || c.state === 'pending');
}

/** What the promote step needs from GitHub (src/deploy/promotion-github.ts implements it). */
export interface PromotionApi {
  /** Deployments of `app` in `environment`, newest first, with their latest status. */
  candidates(app: string, environment: string): Promise<Candidate[]>;
  setStatus(id: string, state: DeploymentState, description: string, logUrl?: string): Promise<void>;
  userExists(login: string): Promise<boolean>;
  /** Team membership state of `login` (`none` when not a member or the team is not visible). */
  teamMembership(org: string, slug: string, login: string): Promise<'active' | 'pending' | 'none'>;
  /** Required reviewers of the environment, or undefined when it has none (or does not exist). */
  requiredReviewers(environment: string): Promise<{ users: string[]; teams: string[] } | undefined>;
}

export interface Approvers {
  users: string[];
  teams: { org: string; slug: string }[];
}

/** Parses `alice, @bob, acme/release-managers` (commas or whitespace). */
export function parseApprovers(text: string, where = 'approvers'): Approvers {
  const out: Approvers = { users: [], teams: [] };
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    const t = raw.replace(/^@/, '');
    const team = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(t);
    if (team) out.teams.push({ org: team[1]!, slug: team[2]!.toLowerCase() });
    else if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(t) && !t.endsWith('-')) out.users.push(t);
    else throw new UserError(`'${raw}' is neither a GitHub user name nor an org/team-slug`, where);
  }
  return out;
}

function listApprovers(a: Approvers): string {
  return [...a.users.map((u) => `@${u}`), ...a.teams.map((t) => `members of ${t.org}/${t.slug}`)].join(', ');
}

/**
 * Checks every approver exists, then that `actor` is one of them (directly or as an active team
 * member). Throws UserError with a clear message otherwise; never changes anything.
 */
export async function checkActor(
  actor: string,
  approvers: Approvers,
  api: PromotionApi,
  what: string,
): Promise<string> {
  for (const u of approvers.users)
    if (!(await api.userExists(u))) throw new UserError(`user '${u}' does not exist on GitHub`, 'approvers');
  if (!actor) throw new UserError('no actor: cannot tell who asked for the promotion', 'actor');
  if (approvers.users.some((u) => u.toLowerCase() === actor.toLowerCase())) return `@${actor} is an approver`;
  for (const t of approvers.teams) {
    const m = await api.teamMembership(t.org, t.slug, actor);
    if (m === 'active') return `@${actor} is a member of ${t.org}/${t.slug}`;
  }
  throw new UserError(
    `@${actor} may not ${what}: allowed are ${listApprovers(approvers) || 'nobody'}`,
    'actor',
  );
}

export interface Selection {
  candidate: Candidate;
  /** Older candidates still awaiting (already superseded by `candidate`). */
  older: Candidate[];
}

/** Picks the candidate to act on: the newest awaiting one; an older id is refused as superseded. */
export function selectCandidate(all: Candidate[], app: string, environment: string, id?: string): Selection {
  const awaiting = all.filter(isAwaiting);
  const newest = awaiting[0];
  if (id) {
    const asked = all.find((c) => c.id === id);
    if (!asked)
      throw new UserError(
        `deployment ${id} is not a deployment of ${app} to ${environment}`,
        'deployment-id',
      );
    if (!isAwaiting(asked))
      throw new UserError(
        `deployment ${id} (${asked.payload.image}) is not awaiting promotion: its status is ${asked.state ?? 'unknown'}${
          asked.description ? ` (${asked.description})` : ''
        }`,
        'deployment-id',
      );
    if (newest && newest.id !== id)
      throw new UserError(
        `deployment ${id} (${asked.payload.image}) was superseded by the newer candidate ${newest.id} (${newest.payload.image}); promote that one instead`,
        'deployment-id',
      );
  }
  if (!newest) throw new UserError(`${app} has no candidate awaiting promotion in ${environment}`, 'app');
  return { candidate: newest, older: awaiting.slice(1) };
}

export interface CandidateResult {
  outcome: 'awaiting-promotion' | 'failed-before-switch';
  color: Color;
  live: Color | undefined;
  image: string;
  previousImage: string | undefined;
  deploymentId: string | undefined;
  url: string;
  message: string;
  superseded: string[];
}

/**
 * The first half of a manual deploy: stage `plan.release` on the idle color and verify it, then
 * stop, leaving the live color serving. Older awaiting candidates are marked superseded.
 */
export async function runCandidate(
  plan: DeployPlan,
  fx: DeployEffects,
  api?: Pick<PromotionApi, 'candidates' | 'setStatus'>,
): Promise<CandidateResult> {
  const { release } = plan;
  await fx.target.prepare();
  const st = await fx.target.status();
  const live = st.live;
  const idle: Color = live ? otherColor(live) : 'blue';
  const previousImage = live ? st.colors[live].image : undefined;
  const older = api ? (await api.candidates(release.app, release.environment)).filter(isAwaiting) : [];
  const payload: CandidatePayload = {
    app: release.app,
    environment: release.environment,
    image: release.image,
    color: idle,
    'previous-color': live ?? null,
    'previous-image': previousImage ?? null,
    'config-digest': release.configDigest,
    promotion: 'awaiting',
  };
  if (plan.deployment.reason) payload.reason = plan.deployment.reason;
  const id = await fx.recorder.create({
    ref: plan.deployment.ref,
    environment: release.environment,
    task: plan.deployment.task ?? 'deploy',
    description: `${release.app}: ${release.image} to ${idle} (manual promotion)`.slice(0, 140),
    payload,
  });
  const status = async (state: DeploymentState, description: string, which = id) => {
    try {
      await fx.recorder.setStatus(which, state, {
        description: description.slice(0, 140),
        logUrl: plan.deployment.logUrl,
        environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
      });
    } catch (e) {
      fx.log.warning(`could not set deployment ${which} status ${state}: ${messageOf(e)}`);
    }
  };
  const base = {
    color: idle,
    live,
    image: release.image,
    previousImage,
    deploymentId: id,
    url: plan.publicUrl,
  };
  await status('in_progress', 'start');
  let url = '';
  try {
    await fx.log.group('start', async () => {
      url = (await fx.target.start(idle, release)).url;
      fx.log.info(`${idle} started with ${release.image} at ${url}`);
    });
    await fx.log.group('verify-idle', async () => {
      const h = await waitHealthy(fx, plan.health, url, { target: fx.target, color: idle });
      if (!h.ok) throw new Error(`${idle} ${h.detail}`);
      fx.log.info(h.detail);
      if (plan.smoke && fx.smoke) {
        const s = await fx.smoke(
          plan.smoke.command,
          { SLIPWAY_URL: url, SLIPWAY_COLOR: idle },
          plan.smoke.timeoutMs,
        );
        if (s.code !== 0)
          throw new Error(
            `smoke command exited ${s.code}: ${s.output.trim().split('\n').slice(-3).join(' | ')}`,
          );
      }
    });
  } catch (e) {
    try {
      await fx.target.stop(idle);
    } catch (stopErr) {
      fx.log.warning(`could not stop ${idle}: ${messageOf(stopErr)}`);
    }
    await status('failure', `verify-idle failed: ${messageOf(e)}`);
    return {
      ...base,
      outcome: 'failed-before-switch',
      superseded: [],
      message: `${release.image} did not become ready on ${idle}${live ? `, ${live} kept serving` : ''}: ${messageOf(e)}`,
    };
  }
  const superseded: string[] = [];
  for (const o of older) {
    await status('inactive', `superseded by deployment ${id} (${release.image})`, o.id);
    superseded.push(o.id);
  }
  await status('queued', awaitingDescription(idle));
  return {
    ...base,
    outcome: 'awaiting-promotion',
    superseded,
    message: `${release.image} is ready on ${idle}, awaiting promotion${live ? `; ${live} keeps serving ${previousImage ?? 'the live release'}` : ''}`,
  };
}

/** Checks the target still holds the candidate as it was staged (nothing deployed since). */
export async function checkStaged(target: DeployTarget, c: Candidate): Promise<void> {
  const st = await target.status();
  const color = c.payload.color;
  if ((st.live ?? null) !== c.payload['previous-color'])
    throw new UserError(
      `deployment ${c.id} was staged while ${c.payload['previous-color'] ?? 'nothing'} was live, but ${st.live ?? 'nothing'} is live now; deploy again`,
      'deployment-id',
    );
  const cs = st.colors[color];
  if (cs.image !== c.payload.image || (cs.state !== 'running' && cs.state !== 'starting'))
    throw new UserError(
      `deployment ${c.id}: ${color} no longer runs ${c.payload.image} (it is ${cs.state}${cs.image ? ` with ${cs.image}` : ''}); deploy again`,
      'deployment-id',
    );
}

/** Continues a staged candidate through the engine on the same GitHub Deployment. */
export async function promoteCandidate(
  plan: DeployPlan,
  fx: DeployEffects,
  candidate: Candidate,
  note: string,
): Promise<DeployResult> {
  const inner = fx.target;
  // The warm candidate is reused (a no-op where it already runs this exact release).
  const target: DeployTarget = {
    kind: inner.kind,
    prepare: () => inner.prepare(),
    status: () => inner.status(),
    start: (color: Color, release: Release) => inner.start(color, release, { reuse: true }),
    health: (color: Color) => inner.health(color),
    switch: (to: Color) => inner.switch(to),
    verify: (color: Color) => inner.verify(color),
    stop: (color: Color) => inner.stop(color),
  };
  const recorder: DeploymentRecorder = {
    create: async () => candidate.id,
    setStatus: (id, state, opts) =>
      fx.recorder.setStatus(
        id,
        state,
        id === candidate.id && state === 'success'
          ? { ...opts, description: `${opts.description} (${note})`.slice(0, 140) }
          : opts,
      ),
    lastSuccessful: (app, env): Promise<RecordedDeployment | undefined> =>
      fx.recorder.lastSuccessful(app, env),
  };
  return runDeploy(plan, { ...fx, target, recorder });
}
