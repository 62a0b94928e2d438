/**
 * Base comparison without a server: on the default branch the summary of each commit is stored
 * (keyed by its SHA); on a pull request the nearest ancestor of the base that has one is used.
 */
import type { FileCounts } from './model.js';

export interface StoredSummary {
  version: 1;
  sha: string;
  totals: FileCounts;
  /** Per-file line counts, for file deltas. */
  files: Record<string, { found: number; hit: number }>;
}

export interface BaseLookup {
  found?: { sha: string; distance: number; summary: StoredSummary };
  /** SHAs looked up, nearest first. */
  tried: string[];
  /** Why nothing was found, in plain words. */
  reason?: string;
}

/**
 * Walks `ancestors` (the base commit first, then its first parents) and returns the first with a
 * stored summary. `lookup` returns undefined for a miss; a thrown error means the store itself is
 * unavailable, which stops the walk and is reported as such.
 */
export async function findBase(ancestors: string[], lookup: (sha: string) => Promise<StoredSummary | undefined>, limit = 20): Promise<BaseLookup> {
  const tried: string[] = [];
  if (ancestors.length === 0) return { tried, reason: 'the base commit is not known (no history fetched?)' };
  for (const sha of ancestors.slice(0, limit)) {
    tried.push(sha);
    let s: StoredSummary | undefined;
    try {
      s = await lookup(sha);
    } catch (e) {
      return { tried, reason: `the coverage store is unavailable (${e instanceof Error ? e.message : String(e)})` };
    }
    if (s && s.version === 1 && s.totals) return { found: { sha, distance: tried.length - 1, summary: s }, tried };
  }
  return {
    tried,
    reason: `no stored coverage for the base commit or its ${tried.length - 1} nearest ancestors (is the gate run on pushes to the default branch?)`,
  };
}

export function toStored(sha: string, totals: FileCounts, files: { path: string; counts: FileCounts }[]): StoredSummary {
  const out: StoredSummary = { version: 1, sha, totals, files: {} };
  for (const f of files) out.files[f.path] = f.counts.lines;
  return out;
}

export function parseStored(text: string): StoredSummary | undefined {
  try {
    const v = JSON.parse(text) as StoredSummary;
    return v && v.version === 1 && typeof v.sha === 'string' && v.totals ? v : undefined;
  } catch {
    return undefined;
  }
}
