/**
 * Where coverage summaries of default-branch commits are kept, keyed by commit SHA. The action
 * uses the Actions cache (readable by pull requests of the repository, no server of our own); the
 * CLI and tests use a directory.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as cache from '@actions/cache';
import { type StoredSummary, parseStored } from '../coverage/base.js';

export interface CoverageStore {
  /** Undefined for a miss; throws when the store itself cannot be reached. */
  get(sha: string): Promise<StoredSummary | undefined>;
  put(summary: StoredSummary): Promise<void>;
}

const key = (sha: string) => `slipway-coverage-v1-${sha}`;

export function directoryStore(dir: string): CoverageStore {
  return {
    async get(sha) {
      const text = await readFile(join(dir, `${sha}.json`), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : parseStored(text);
    },
    async put(s) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${s.sha}.json`), JSON.stringify(s));
    },
  };
}

/** The parts of @actions/cache the store uses (a fake in tests). */
export type CacheApi = Pick<typeof cache, 'isFeatureAvailable' | 'restoreCache' | 'saveCache'>;

/**
 * The summary's path in the cache entry, relative to the workspace. The Actions cache derives an
 * entry's version from the paths exactly as given and restores files where they were saved, so
 * saving and restoring must name the same path, and a relative one stays the same on every
 * runner (an absolute temp path differs between runner kinds and would never hit).
 */
export const CACHE_PATH = '.slipway-coverage-base/summary.json';

/** The Actions cache: one entry per commit, restored by exact key. */
export function actionsCacheStore(workspace: string, api: CacheApi = cache): CoverageStore {
  const unavailable = () => {
    if (!api.isFeatureAvailable()) throw new Error('the Actions cache service is not available to this job');
  };
  const file = join(workspace, CACHE_PATH);
  const dir = dirname(file);
  return {
    async get(sha) {
      unavailable();
      await rm(dir, { recursive: true, force: true });
      try {
        const hit = await api.restoreCache([CACHE_PATH], key(sha), [], { lookupOnly: false });
        if (!hit) return undefined;
        const text = await readFile(file, 'utf8').catch(() => undefined);
        return text === undefined ? undefined : parseStored(text);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async put(s) {
      unavailable();
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(s));
      try {
        await api.saveCache([CACHE_PATH], key(s.sha));
      } catch (e) {
        // the same commit stored twice (re-run): keep the first
        if (!(e instanceof Error && /already exists|ReserveCacheError/i.test(e.name + e.message))) throw e;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
