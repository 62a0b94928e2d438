import { createReadStream, existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../errors.js';

const SKIP = new Set(['.git', 'node_modules']);

async function walk(root: string, dir: string, out: string[], limit: number): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= limit) return;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) await walk(root, full, out, limit);
    } else if (e.isFile()) out.push(relative(root, full).split(sep).join('/'));
  }
}

/** Every file under `root` (relative, `/`-separated), .git and node_modules left out. */
export async function listFiles(root: string, limit = 500_000): Promise<string[]> {
  const out: string[] = [];
  await walk(root, root, out, limit);
  return out.sort();
}

/**
 * Expands the `files` input: literal paths must exist; globs (picomatch) are matched against the
 * workspace's files. Returns paths relative to `cwd` when inside it, sorted, without duplicates.
 */
export async function expandReports(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    if (picomatch.scan(p).isGlob) globs.push(p.replace(/^\.\//, ''));
    else {
      const full = resolve(cwd, p);
      if (!existsSync(full) || !statSync(full).isFile())
        throw new UserError(
          `${p} does not exist (did the tests write their coverage report there?)`,
          'input files',
        );
      found.add(relative(cwd, full).startsWith('..') ? full : relative(cwd, full).split(sep).join('/'));
    }
  }
  if (globs.length > 0) {
    const isMatch = picomatch(globs, { dot: true });
    for (const f of await listFiles(cwd)) if (isMatch(f)) found.add(f);
  }
  return [...found].sort();
}

/**
 * A report as a stream of byte chunks: huge reports are never held whole in memory. Chunks stay
 * under 1 MB so their decoded text is an ordinary heap string, not an external one.
 */
export function openReport(path: string, cwd: string): AsyncIterable<Uint8Array> {
  return createReadStream(resolve(cwd, path), { highWaterMark: 512 << 10 });
}
