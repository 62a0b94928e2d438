import { createReadStream, existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../errors.js';
import { walkFiles } from './walk.js';

/** Every file under `root` (relative, `/`-separated), .git and node_modules left out. */
export async function listFiles(root: string, limit = 500_000): Promise<string[]> {
  return (await walkFiles(root, limit)).map((f) => relative(root, f).split(sep).join('/')).sort();
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
 * A report as a stream of byte chunks: huge reports are never held whole in memory. The text
 * parsers decode them in small pieces (see chunksOf); the lcov parser reads the bytes.
 */
export function openReport(path: string, cwd: string): AsyncIterable<Uint8Array> {
  return createReadStream(resolve(cwd, path), { highWaterMark: 512 << 10 });
}
