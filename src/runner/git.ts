import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GitHubClient } from './octokit.js';

const run = promisify(execFile);

/** Tags of the local checkout; undefined when it is not a git repository. */
export async function localTags(cwd: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['tag', '--list'], { cwd });
    return stdout.split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Every tag of a repository through the API (one paginated request per 100 tags). */
export async function remoteTags(client: GitHubClient, owner: string, repo: string): Promise<string[]> {
  const refs = await client.paginate(client.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: 'tags/',
    per_page: 100,
  });
  return refs.map((r) => r.ref.replace(/^refs\/tags\//, ''));
}

export interface LocalGit {
  /** `refs/heads/<branch>`, or `refs/tags/<tag>` when HEAD is exactly at a tag and detached. */
  ref: string;
  sha: string;
  /** `owner/repo` from the `origin` remote when it is a GitHub URL. */
  repository?: string;
  tags: string[];
}

async function git(cwd: string, ...args: string[]): Promise<string | undefined> {
  try {
    return (await run('git', args, { cwd })).stdout.trim();
  } catch {
    return undefined;
  }
}

/** The git context of a local checkout, for running the pipeline's cores on this machine. */
export async function localGit(cwd: string): Promise<LocalGit | undefined> {
  const sha = await git(cwd, 'rev-parse', 'HEAD');
  if (!sha) return undefined;
  const branch = await git(cwd, 'symbolic-ref', '--quiet', '--short', 'HEAD');
  const tag = branch ? undefined : await git(cwd, 'describe', '--tags', '--exact-match', 'HEAD');
  const origin = await git(cwd, 'remote', 'get-url', 'origin');
  const repository = origin ? /github\.com[:/]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(origin)?.[1] : undefined;
  return {
    ref: branch ? `refs/heads/${branch}` : tag ? `refs/tags/${tag}` : 'refs/heads/detached',
    sha,
    ...(repository ? { repository } : {}),
    tags: (await localTags(cwd)) ?? [],
  };
}
