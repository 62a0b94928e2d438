/**
 * What a build is building from: the git context of a workflow run, derived (purely) from the
 * event name, GITHUB_REF/GITHUB_SHA and the webhook payload, the same way on a runner and locally.
 */
export type RefKind = 'branch' | 'tag' | 'pull_request' | 'schedule';

export interface GitContext {
  event: string;
  kind: RefKind;
  /** Branch name for branch builds and scheduled runs; the PR's head branch for pull requests. */
  branch?: string;
  tag?: string;
  prNumber?: number;
  /** The commit the image is built from: the PR's head commit for pull requests (pullable by sha). */
  sha: string;
  defaultBranch: string;
  isDefaultBranch: boolean;
  /** Whether this run may write shared caches: pushes, schedules and dispatches, never PRs. */
  trusted: boolean;
  /** `owner/repo` */
  repository: string;
  serverUrl: string;
  /** From the payload, for labels. */
  description?: string;
  license?: string;
}

export interface ContextSource {
  eventName: string;
  ref: string;
  sha: string;
  repository: string;
  serverUrl?: string;
  defaultBranch?: string;
  payload: Record<string, unknown>;
}

interface PayloadRepo {
  default_branch?: string;
  master_branch?: string;
  description?: string | null;
  license?: { spdx_id?: string | null } | null;
}

export function gitContext(src: ContextSource): GitContext {
  const repo = (src.payload.repository ?? {}) as PayloadRepo;
  const defaultBranch = src.defaultBranch || repo.default_branch || repo.master_branch || 'main';
  const base = {
    event: src.eventName,
    sha: src.sha,
    defaultBranch,
    repository: src.repository,
    serverUrl: (src.serverUrl ?? 'https://github.com').replace(/\/+$/, ''),
    ...(repo.description ? { description: repo.description } : {}),
    ...(repo.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION'
      ? { license: repo.license.spdx_id }
      : {}),
  };
  if (src.eventName.startsWith('pull_request')) {
    const pr = src.payload.pull_request as { number: number; head: { sha: string; ref: string } } | undefined;
    const number = pr?.number ?? Number(/^refs\/pull\/(\d+)\//.exec(src.ref)?.[1]);
    return {
      ...base,
      kind: 'pull_request',
      prNumber: number,
      ...(pr?.head.ref ? { branch: pr.head.ref } : {}),
      sha: pr?.head.sha ?? src.sha,
      isDefaultBranch: false,
      trusted: false,
    };
  }
  const tag = /^refs\/tags\/(.+)$/.exec(src.ref)?.[1];
  if (tag !== undefined) return { ...base, kind: 'tag', tag, isDefaultBranch: false, trusted: true };
  const branch = /^refs\/heads\/(.+)$/.exec(src.ref)?.[1] ?? defaultBranch;
  const isDefaultBranch = branch === defaultBranch;
  if (src.eventName === 'schedule')
    return { ...base, kind: 'schedule', branch, isDefaultBranch, trusted: true };
  return { ...base, kind: 'branch', branch, isDefaultBranch, trusted: true };
}
