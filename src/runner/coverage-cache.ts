/**
 * Where coverage summaries of default-branch commits are kept, keyed by commit SHA. The action
 * uses the Actions cache (readable by pull requests of the repository, no server of our own); the
 * CLI and tests use a directory.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** The Actions cache: one entry per commit, restored by exact key. */
export function actionsCacheStore(tmp: string): CoverageStore {
  const unavailable = () => {
    if (!cache.isFeatureAvailable())
      throw new Error('the Actions cache service is not available to this job');
  };
  return {
    async get(sha) {
      unavailable();
      const dir = join(tmp, `slipway-coverage-base-${sha}`);
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'summary.json');
      const hit = await cache.restoreCache([file], key(sha), [], { lookupOnly: false });
      if (!hit) return undefined;
      const text = await readFile(file, 'utf8').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      return text === undefined ? undefined : parseStored(text);
    },
    async put(s) {
      unavailable();
      const dir = join(tmp, `slipway-coverage-save-${s.sha}`);
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'summary.json');
      await writeFile(file, JSON.stringify(s));
      try {
        await cache.saveCache([file], key(s.sha));
      } catch (e) {
        // the same commit stored twice (re-run): keep the first
        if (!(e instanceof Error && /already exists|ReserveCacheError/i.test(e.name + e.message))) throw e;
      }
    },
  };
}
