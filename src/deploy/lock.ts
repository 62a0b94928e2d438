/**
 * One deploy per app and environment at a time: a lock stored *on the target* (a Kubernetes
 * ConfigMap annotation, a swarm service label), so two CI systems deploying to the same place
 * cannot both hold it, whatever their own concurrency settings say.
 *
 * The lock names its owner (the Actions run id and repository), when it was taken and when it
 * expires (TTL). A lock held by someone else is
 * - waited for (polling, up to `waitMs`), then refused with a message naming the owner's run;
 * - taken over at once when the owning run has ended (asked through the Actions API: a cancelled
 *   or crashed run never released it), or when its TTL has passed and the run is not known to be
 *   still running.
 * Every write is conditional (create-if-absent, replace-if-unchanged), so of two deploys racing
 * for a free or stale lock exactly one wins. A lock text that cannot be read is a UserError
 * naming where it is stored: nothing is changed, a human looks at it.
 *
 * Pure: the store, the run lookup, the clock and sleep come in as effects.
 */
import { UserError } from '../errors.js';

export interface LockRecord {
  /** Owner: the Actions run id (GITHUB_RUN_ID) or another CI's job id. */
  owner: string;
  /** `owner/name` of the repository whose run holds the lock. */
  repo: string;
  runUrl?: string;
  app: string;
  environment: string;
  /** ISO times. */
  acquiredAt: string;
  expiresAt: string;
}

export interface StoredLock {
  raw: string;
  /** The store's version of the lock object (resourceVersion, service id): replace/remove are conditional on it. */
  version: string;
}

export interface LockStore {
  /** Where the lock lives, for messages (e.g. `configmap shop-production-deploy-lock`). */
  readonly where: string;
  read(): Promise<StoredLock | undefined>;
  /** Creates the lock object only if none exists. */
  create(raw: string): Promise<'ok' | 'exists'>;
  /** Replaces it only if it is still at `version`. */
  replace(raw: string, version: string): Promise<'ok' | 'conflict'>;
  /** Removes it only if it is still at `version` (where the store can tell). */
  remove(version: string): Promise<'ok' | 'conflict' | 'missing'>;
}

/** Status of a workflow run as the Actions API reports it (`status` field), or undefined when it does not exist. */
export type RunLookup = (repo: string, runId: string) => Promise<{ status: string } | undefined>;

export interface LockEffects {
  store: LockStore;
  lookupRun?: RunLookup;
  now(): number;
  sleep(ms: number): Promise<void>;
  log: { info(m: string): void; warning(m: string): void };
}

export interface LockRequest {
  owner: string;
  repo: string;
  runUrl?: string;
  app: string;
  environment: string;
  /** How long the lock is valid without being renewed (default 1 h). */
  ttlMs: number;
  /** How long to wait for a lock held by a running deploy (0: fail at once). */
  waitMs: number;
  pollMs: number;
}

export type RunState = 'running' | 'ended' | 'unknown';

const PREFIX = 'slipway-lock/v1 ';

export function formatLock(r: LockRecord): string {
  return PREFIX + JSON.stringify(r);
}

/** Parses a stored lock; anything else is a UserError naming where it is stored. */
export function parseLock(raw: string, where: string): LockRecord {
  const fail = (why: string): never => {
    throw new UserError(
      `malformed deploy lock (${why}): ${JSON.stringify(raw.slice(0, 120))}; fix or delete it by hand once no deploy runs`,
      where,
    );
  };
  if (!raw.startsWith(PREFIX)) fail(`expected it to start with '${PREFIX.trim()}'`);
  let v: unknown;
  try {
    v = JSON.parse(raw.slice(PREFIX.length));
  } catch {
    return fail('not JSON after the prefix');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('not a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of ['owner', 'repo', 'app', 'environment', 'acquiredAt', 'expiresAt'])
    if (typeof o[k] !== 'string' || !o[k]) fail(`field '${k}' missing or not a string`);
  for (const k of ['acquiredAt', 'expiresAt'])
    if (Number.isNaN(Date.parse(o[k] as string))) fail(`field '${k}' is not a time`);
  if (o.runUrl !== undefined && typeof o.runUrl !== 'string') fail(`field 'runUrl' is not a string`);
  return o as unknown as LockRecord;
}

/** Maps an Actions run status onto running/ended. */
export function runStateOf(run: { status: string } | undefined): RunState {
  if (!run) return 'ended'; // deleted runs hold nothing
  return run.status === 'completed' ? 'ended' : 'running';
}

export type LockVerdict = 'mine' | 'wait' | 'take-over-ended' | 'take-over-expired';

/** Decides what to do about a lock `held` by someone, given the owning run's state. */
export function judgeLock(
  held: LockRecord,
  me: Pick<LockRequest, 'owner' | 'repo'>,
  now: number,
  run: RunState,
): LockVerdict {
  if (held.owner === me.owner && held.repo === me.repo) return 'mine';
  if (run === 'ended') return 'take-over-ended';
  if (run !== 'running' && Date.parse(held.expiresAt) <= now) return 'take-over-expired';
  return 'wait';
}

function describe(r: LockRecord): string {
  return `run ${r.owner} of ${r.repo}${r.runUrl ? ` (${r.runUrl})` : ''} since ${r.acquiredAt}`;
}

export interface AcquiredLock {
  record: LockRecord;
  version: string;
  /** The stale lock this acquisition replaced, if any. */
  tookOver?: { record: LockRecord; why: 'ended' | 'expired' };
  waitedMs: number;
}

/** Thrown (as a UserError, a clear one-liner) when the lock stays held by a running deploy. */
export class LockHeldError extends UserError {
  constructor(
    message: string,
    readonly holder: LockRecord,
  ) {
    super(message, 'lock');
  }
}

async function ownerState(held: LockRecord, fx: LockEffects): Promise<RunState> {
  if (!fx.lookupRun) return 'unknown';
  try {
    return runStateOf(await fx.lookupRun(held.repo, held.owner));
  } catch (e) {
    fx.log.warning(`could not ask the Actions API about run ${held.owner}: ${(e as Error).message}`);
    return 'unknown';
  }
}

export async function acquireLock(req: LockRequest, fx: LockEffects): Promise<AcquiredLock> {
  const started = fx.now();
  const mine = (): LockRecord => {
    const now = fx.now();
    const r: LockRecord = {
      owner: req.owner,
      repo: req.repo,
      app: req.app,
      environment: req.environment,
      acquiredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + req.ttlMs).toISOString(),
    };
    if (req.runUrl) r.runUrl = req.runUrl;
    return r;
  };
  let announced = false;
  for (;;) {
    const current = await fx.store.read();
    if (!current) {
      const record = mine();
      if ((await fx.store.create(formatLock(record))) === 'ok') {
        const back = await fx.store.read();
        if (!back) continue;
        return { record, version: back.version, waitedMs: fx.now() - started };
      }
      continue; // someone created it first: look at theirs
    }
    const held = parseLock(current.raw, fx.store.where);
    const verdict = judgeLock(held, req, fx.now(), await ownerState(held, fx));
    if (verdict !== 'wait') {
      const record = mine();
      if ((await fx.store.replace(formatLock(record), current.version)) !== 'ok') continue; // lost a race: re-read
      const back = await fx.store.read();
      if (!back) continue;
      if (verdict === 'mine') return { record, version: back.version, waitedMs: fx.now() - started };
      const why = verdict === 'take-over-ended' ? 'ended' : 'expired';
      fx.log.warning(
        `took over the ${req.environment} deploy lock of ${req.app} from ${describe(held)}: ${
          why === 'ended' ? 'that run has ended without releasing it' : `it expired at ${held.expiresAt}`
        }`,
      );
      return { record, version: back.version, tookOver: { record: held, why }, waitedMs: fx.now() - started };
    }
    const waited = fx.now() - started;
    if (waited >= req.waitMs)
      throw new LockHeldError(
        `another deploy of ${req.app} to ${req.environment} holds the lock: ${describe(held)}, expires ${held.expiresAt}` +
          (req.waitMs > 0 ? `; waited ${Math.round(waited / 1000)} s` : '') +
          ` (lock: ${fx.store.where})`,
        held,
      );
    if (!announced) {
      fx.log.info(`waiting for the ${req.environment} deploy lock of ${req.app}, held by ${describe(held)}`);
      announced = true;
    }
    await fx.sleep(Math.min(req.pollMs, req.waitMs - waited));
  }
}

/**
 * Releases the lock if this owner holds it (on success, failure and cancellation alike). A lock
 * held by someone else is left alone; a malformed one too (reported, not thrown: releasing must
 * never fail a cleanup step).
 */
export async function releaseLock(
  me: Pick<LockRequest, 'owner' | 'repo'>,
  fx: Pick<LockEffects, 'store' | 'log'>,
): Promise<'released' | 'not-held' | 'held-by-other'> {
  const current = await fx.store.read();
  if (!current) return 'not-held';
  let held: LockRecord;
  try {
    held = parseLock(current.raw, fx.store.where);
  } catch (e) {
    fx.log.warning((e as Error).message);
    return 'held-by-other';
  }
  if (held.owner !== me.owner || held.repo !== me.repo) return 'held-by-other';
  const r = await fx.store.remove(current.version);
  return r === 'conflict' ? 'held-by-other' : r === 'missing' ? 'not-held' : 'released';
}
