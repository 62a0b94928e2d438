import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const SKIP = new Set(['.git', 'node_modules']);

/** Every file below `dir` (full paths), .git and node_modules left out, at most `limit`. */
export async function walkFiles(dir: string, limit: number, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (out.length >= limit) return out;
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) await walkFiles(full, limit, out);
    } else if (e.isFile()) out.push(full);
  }
  return out;
}
