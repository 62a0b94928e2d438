import type { PullFile } from '../coverage/diff.js';
import type { GitHubClient } from './octokit.js';

/**
 * Creates the coverage comment, or updates the one carrying `marker` (one comment per pull
 * request and comment id, never duplicated).
 */
export async function upsertComment(
  client: GitHubClient,
  owner: string,
  repo: string,
  issue: number,
  marker: string,
  body: string,
): Promise<'created' | 'updated'> {
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issue,
    per_page: 100,
  })) {
    const mine = page.data.find((c) => c.body?.includes(marker));
    if (mine) {
      await client.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
      return 'updated';
    }
  }
  await client.rest.issues.createComment({ owner, repo, issue_number: issue, body });
  return 'created';
}

/** The pull request's files with their patches (GitHub lists at most 3,000). */
export async function pullFiles(
  client: GitHubClient,
  owner: string,
  repo: string,
  pull: number,
): Promise<PullFile[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pull,
    per_page: 100,
  });
  return files.map((f) => ({ filename: f.filename, status: f.status, patch: f.patch }));
}

/** True for the errors a read-only token gets (fork pull requests): 403 / 404 on write. */
export function isPermissionError(e: unknown): boolean {
  const status = (e as { status?: number }).status;
  return (
    status === 403 ||
    status === 404 ||
    /Resource not accessible by integration/i.test(String((e as Error).message))
  );
}
