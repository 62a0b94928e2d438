/**
 * File access for the security gate (action and CLI): expands report globs, relative to the
 * workspace or absolute (e.g. under RUNNER_TEMP), reads and writes files.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { walkFiles } from './walk.js';

/**
 * Paths (absolute) matching one pattern: a literal path if it is a file, else a picomatch glob
 * walked from its static base directory.
 */
export async function expandPattern(pattern: string, cwd: string): Promise<string[]> {
  const abs = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const scan = picomatch.scan(abs.split(sep).join('/'));
  if (!scan.isGlob) return existsSync(abs) && statSync(abs).isFile() ? [abs] : [];
  const base = scan.base || '/';
  const files = await walkFiles(base, 200_000);
  const isMatch = picomatch(abs.split(sep).join('/'), { dot: true });
  return files.filter((f) => isMatch(f.split(sep).join('/'))).sort();
}

/** How a path is shown to users: relative to the workspace when inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

export const nodeFiles = {
  expand: expandPattern,
  read: (path: string) => readFile(path, 'utf8'),
  exists: (path: string) => existsSync(path) && statSync(path).isFile(),
  write: async (path: string, text: string) => {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
  },
};

export type Files = typeof nodeFiles;
