/**
 * The coverage base store on the Actions cache, against a fake of @actions/cache that keeps its
 * rules: an entry's version is derived from the paths exactly as given, a restore only hits an
 * entry of the same key and version, files come back relative to the workspace, and a key is
 * written once.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredSummary } from '../../../src/coverage/base.js';
import { CACHE_PATH, actionsCacheStore, type CacheApi } from '../../../src/runner/coverage-cache.js';

class FakeCache {
  entries = new Map<string, { version: string; files: Record<string, string> }>();
  available = true;
  /** The workspace of the job using it (GITHUB_WORKSPACE on a runner). */
  workspace = '';
  api(): CacheApi {
    const version = (paths: string[]) => createHash('sha256').update(paths.join('|')).digest('hex');
    return {
      isFeatureAvailable: () => this.available,
      saveCache: async (paths, key) => {
        if (this.entries.has(key)) {
          const e = new Error(`Unable to reserve cache with key ${key}, another job may be creating this cache.`);
          e.name = 'ReserveCacheError';
          throw e;
        }
        const files: Record<string, string> = {};
        for (const p of paths) files[p] = readFileSync(join(this.workspace, p), 'utf8');
        this.entries.set(key, { version: version(paths), files });
        return 1;
      },
      restoreCache: async (paths, key) => {
        const e = this.entries.get(key);
        if (!e || e.version !== version(paths)) return undefined;
        for (const [p, text] of Object.entries(e.files)) {
          mkdirSync(dirname(join(this.workspace, p)), { recursive: true });
          writeFileSync(join(this.workspace, p), text);
        }
        return key;
      },
    };
  }
}

const summary = (sha: string, hit: number): StoredSummary => ({
  version: 1,
  sha,
  totals: {
    lines: { found: 100, hit },
    branches: { found: 0, hit: 0 },
    functions: { found: 0, hit: 0 },
    statements: { found: 0, hit: 0 },
  },
  files: { 'src/a.ts': { found: 100, hit } },
});

let dirs: string[] = [];
const workspace = () => {
  const d = mkdtempSync(join(tmpdir(), 'coverage-cache-'));
  dirs.push(d);
  return d;
};
beforeEach(() => {
  dirs = [];
});
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('actionsCacheStore', () => {
  it('a summary saved on the default branch is found by a pull request job on another runner', async () => {
    const cache = new FakeCache();
    cache.workspace = workspace();
    await actionsCacheStore(cache.workspace, cache.api()).put(summary('a1', 81));
    expect(existsSync(join(cache.workspace, CACHE_PATH))).toBe(false); // nothing left behind

    cache.workspace = workspace(); // the pull request's job: another checkout path
    const store = actionsCacheStore(cache.workspace, cache.api());
    expect(await store.get('a1')).toEqual(summary('a1', 81));
    expect(await store.get('b2')).toBeUndefined();
    expect(existsSync(join(cache.workspace, dirname(CACHE_PATH)))).toBe(false);
  });

  it('a re-run of the same commit keeps the first summary', async () => {
    const cache = new FakeCache();
    cache.workspace = workspace();
    const store = actionsCacheStore(cache.workspace, cache.api());
    await store.put(summary('a1', 81));
    await store.put(summary('a1', 50));
    expect((await store.get('a1'))?.totals.lines.hit).toBe(81);
  });

  it('a job without the cache service says so', async () => {
    const cache = new FakeCache();
    cache.available = false;
    cache.workspace = workspace();
    await expect(actionsCacheStore(cache.workspace, cache.api()).get('a1')).rejects.toThrow(
      /Actions cache service is not available/,
    );
  });
});
