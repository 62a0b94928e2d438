import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type ChangedLines, parseUnifiedDiff } from '../coverage/diff.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return (await run('git', args, { cwd, maxBuffer: 512 << 20 })).stdout;
  } catch {
    return undefined;
  }
}

/** Files tracked in the checkout; undefined when `cwd` is not a git work tree. */
export async function trackedFiles(cwd: string): Promise<string[] | undefined> {
  const out = await git(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  if (out === undefined) return undefined;
  return out.split('\0').filter(Boolean);
}

/**
 * Changed lines between the base and HEAD from the local history (no 300-file limit): the
 * merge-base diff when the history has it, else the diff against the base commit itself (the
 * pull request's merge commit checked out by default has the base as its first parent).
 */
export async function gitChangedLines(
  cwd: string,
  baseSha: string,
  headRef = 'HEAD',
): Promise<ChangedLines | undefined> {
  const args = [
    '-c',
    'core.quotePath=false',
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--unified=0',
    '--find-renames',
  ];
  const out =
    (await git(cwd, [...args, `${baseSha}...${headRef}`])) ?? (await git(cwd, [...args, baseSha, headRef]));
  return out === undefined ? undefined : parseUnifiedDiff(out);
}

/** The commit and its first-parent ancestors, nearest first (as far as the clone's history goes). */
export async function firstParents(cwd: string, sha: string, max = 20): Promise<string[]> {
  const out = await git(cwd, ['rev-list', '--first-parent', `--max-count=${max}`, sha]);
  return out ? out.split('\n').filter(Boolean) : [];
}

/** The commit a ref names in the checkout; undefined when it names none. */
export async function revParse(cwd: string, ref: string): Promise<string | undefined> {
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}
