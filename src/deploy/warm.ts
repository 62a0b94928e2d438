/**
 * Keep-warm expiry. After a deploy the previous color stays running (warm) for
 * `keep-warm-minutes`, so a rollback is an instant switch. A deploy job ends when the deploy is
 * done, so nothing inside it can stop that color later: `stopExpiredWarm` does, when it runs
 * (the `stop-warm` action on a schedule, or `slipway stop-warm`).
 *
 * It stops the idle color only when every check passes, and changes nothing otherwise:
 *  - something is live and the route itself says so (the idle color gets no traffic);
 *  - the last successful deployment of this app and environment is on the live color, and the
 *    idle color runs exactly that deployment's previous image (a candidate awaiting promotion
 *    or anything started by hand is never taken for a warm color);
 *  - `keep-warm-minutes` have passed since that deployment succeeded (or `force`).
 * Run it under the deploy lock, so it never races a deploy that is starting the idle color.
 */
import { UserError } from '../errors.js';
import { otherColor, type Color, type DeployTarget } from './target.js';
import type { DeploymentRecorder, Logger } from './types.js';

export interface StopWarmPlan {
  app: string;
  environment: string;
  keepWarmMs: number;
  /** Stop the warm color now, whatever is left of keep-warm. */
  force: boolean;
}

export interface StopWarmEffects {
  target: DeployTarget;
  recorder: DeploymentRecorder;
  now(): number;
  log: Pick<Logger, 'info' | 'warning'>;
}

export interface StopWarmResult {
  /** `stopped`: the warm color was stopped; `kept`: still within keep-warm; `none`: nothing warm. */
  outcome: 'stopped' | 'kept' | 'none';
  /** The idle color (the warm one, when there is one). */
  color?: Color;
  image?: string;
  /** When keep-warm ends (ISO 8601), when known. */
  warmUntil?: string;
  message: string;
}

const RUNNING = new Set(['running', 'starting', 'restarting']);

export async function stopExpiredWarm(plan: StopWarmPlan, fx: StopWarmEffects): Promise<StopWarmResult> {
  const where = `${plan.app} in ${plan.environment}`;
  const st = await fx.target.status();
  const live = st.live;
  if (!live) return { outcome: 'none', message: `nothing is live for ${where}: no warm color` };
  const idle = otherColor(live);
  const cs = st.colors[idle];
  if (!RUNNING.has(cs.state)) {
    return { outcome: 'none', color: idle, message: `${idle} is ${cs.state}: no warm color to stop` };
  }
  const route = await fx.target.verify(live);
  if (!route.ok) {
    throw new UserError(
      `the route does not point at ${live} (${route.detail ?? `it reports ${route.live ?? 'nothing'}`}): ` +
        `${idle} may be serving, so it is not stopped`,
    );
  }
  const last = await fx.recorder.lastSuccessful(plan.app, plan.environment);
  if (!last) {
    if (!plan.force) {
      return {
        outcome: 'kept',
        color: idle,
        image: cs.image,
        message: `no successful deployment of ${where} is recorded, so when ${idle} became warm is unknown; it is kept (force stops it)`,
      };
    }
  } else {
    if (last.payload.color !== live) {
      throw new UserError(
        `the last successful deployment (${last.id}, ${last.payload.image}) is on ${last.payload.color}, but ${live} is live: ` +
          `nothing is stopped until the two agree`,
      );
    }
    const previous = last.payload['previous-image'];
    if (cs.image && previous !== cs.image) {
      return {
        outcome: 'kept',
        color: idle,
        image: cs.image,
        message: `${idle} runs ${cs.image}, not the previous release ${previous ?? '(none)'}: not a warm color (a candidate awaiting promotion?), kept`,
      };
    }
  }
  const since = last ? Date.parse(last.succeededAt ?? last.createdAt ?? '') : NaN;
  const until = Number.isFinite(since) ? since + plan.keepWarmMs : undefined;
  const warmUntil = until !== undefined ? new Date(until).toISOString() : undefined;
  if (!plan.force) {
    if (until === undefined) {
      return {
        outcome: 'kept',
        color: idle,
        image: cs.image,
        message: `the last deployment of ${where} has no time, so when ${idle} became warm is unknown; it is kept (force stops it)`,
      };
    }
    if (fx.now() < until) {
      return {
        outcome: 'kept',
        color: idle,
        image: cs.image,
        warmUntil,
        message: `${idle} (${cs.image ?? 'unknown image'}) stays warm until ${warmUntil}`,
      };
    }
  }
  await fx.target.stop(idle);
  const why = plan.force ? 'forced' : `keep-warm ended ${warmUntil}`;
  fx.log.info(`stopped ${idle} (${cs.image ?? 'unknown image'}): ${why}`);
  const result: StopWarmResult = {
    outcome: 'stopped',
    color: idle,
    message: `${idle} (${cs.image ?? 'unknown image'}) stopped (${why}); it is kept stopped, so a rollback restarts it`,
  };
  if (cs.image) result.image = cs.image;
  if (warmUntil) result.warmUntil = warmUntil;
  return result;
}
