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
  const refs = await client.paginate(client.rest.git.listMatchingRefs, { owner, repo, ref: 'tags/', per_page: 100 });
  return refs.map((r) => r.ref.replace(/^refs\/tags\//, ''));
}
