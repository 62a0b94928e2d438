/**
 * The fake's world: users, tokens, repositories and what lives in them. Plain records; the HTTP
 * handlers (handlers.ts) turn them into GitHub's JSON shapes.
 */
import { createHash } from 'node:crypto';
import type { PackageStore } from './packages.js';

export type Access = 'none' | 'read' | 'write' | 'admin';

/** Permissions as GitHub App / GITHUB_TOKEN scopes name them. Missing = `admin` (all allowed). */
export type PermissionName =
  | 'actions'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'environments'
  | 'issues'
  | 'members'
  | 'metadata'
  | 'packages'
  | 'pull_requests'
  | 'statuses';

export interface TokenRecord {
  token: string;
  login: string;
  permissions: Partial<Record<PermissionName, Access>>;
}

export interface UserRecord {
  id: number;
  login: string;
  type: 'User' | 'Organization' | 'Bot';
  name?: string;
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  visibility: 'public' | 'private' | 'internal';
  /** `heads/main`, `tags/v1.2.0` -> sha. */
  refs: Map<string, string>;
  createdAt: string;
}

export interface DeploymentStatusRecord {
  id: number;
  state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  targetUrl: string;
  creator: string;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  originalEnvironment: string;
  payload: Record<string, unknown> | string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: string;
  createdAt: string;
  updatedAt: string;
  statuses: DeploymentStatusRecord[];
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  waitTimer?: number;
  preventSelfReview?: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  createdAt: string;
  updatedAt: string;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  labels: string[];
  isPull: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FileRecord {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  patch?: string;
  previousFilename?: string;
  sha?: string;
}

export interface PullRecord {
  number: number;
  id: number;
  title: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  user: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  files: FileRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface CompareRecord {
  base: string;
  head: string;
  status: 'diverged' | 'ahead' | 'behind' | 'identical';
  aheadBy: number;
  behindBy: number;
  mergeBaseSha: string;
  commits: { sha: string; message: string }[];
  files: FileRecord[];
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: unknown[] };
}

export interface WorkflowRunRecord {
  id: number;
  name: string;
  headSha: string;
  headBranch: string | null;
  event: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  runNumber: number;
  runAttempt: number;
  createdAt: string;
  updatedAt: string;
}

export interface RepoData {
  deployments: DeploymentRecord[];
  environments: Map<string, EnvironmentRecord>;
  issues: Map<number, IssueRecord>;
  comments: CommentRecord[];
  pulls: Map<number, PullRecord>;
  compares: Map<string, CompareRecord>;
  checkRuns: Map<number, CheckRunRecord>;
  runs: Map<number, WorkflowRunRecord>;
  collaborators: Map<string, Access | 'maintain' | 'triage'>;
}

/** A deterministic 40-hex sha for a label (seeded refs without an explicit sha). */
export function fakeSha(label: string): string {
  return createHash('sha1').update(label).digest('hex');
}

export class World {
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly repos = new Map<string, RepoRecord>();
  readonly data = new Map<string, RepoData>();
  /** org -> team slug -> username -> membership. */
  readonly teams = new Map<
    string,
    Map<string, Map<string, { role: 'member' | 'maintainer'; state: 'active' | 'pending' }>>
  >();
  private nextId = 1;

  constructor(
    readonly packages: PackageStore,
    readonly now: () => number,
  ) {}

  id(): number {
    return this.nextId++;
  }

  iso(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  user(login: string, type: UserRecord['type'] = 'User'): UserRecord {
    const k = login.toLowerCase();
    let u = this.users.get(k);
    if (!u) {
      u = { id: this.id(), login, type };
      this.users.set(k, u);
    }
    return u;
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  repoKey(owner: string, repo: string): string {
    return `${owner.toLowerCase()}/${repo.toLowerCase()}`;
  }

  findRepo(owner: string, repo: string): { repo: RepoRecord; data: RepoData } | undefined {
    const k = this.repoKey(owner, repo);
    const r = this.repos.get(k);
    return r ? { repo: r, data: this.data.get(k)! } : undefined;
  }

  addRepo(seed: {
    owner: string;
    name: string;
    defaultBranch?: string;
    private?: boolean;
    visibility?: RepoRecord['visibility'];
    ownerType?: 'User' | 'Organization';
  }): RepoRecord {
    const k = this.repoKey(seed.owner, seed.name);
    const existing = this.repos.get(k);
    if (existing) return existing;
    this.user(seed.owner, seed.ownerType ?? 'Organization');
    const defaultBranch = seed.defaultBranch ?? 'main';
    const visibility = seed.visibility ?? (seed.private === false ? 'public' : 'private');
    const record: RepoRecord = {
      id: this.id(),
      owner: seed.owner,
      name: seed.name,
      defaultBranch,
      private: visibility !== 'public',
      visibility,
      refs: new Map([[`heads/${defaultBranch}`, fakeSha(`${k}:heads/${defaultBranch}`)]]),
      createdAt: this.iso(),
    };
    this.repos.set(k, record);
    this.data.set(k, {
      deployments: [],
      environments: new Map(),
      issues: new Map(),
      comments: [],
      pulls: new Map(),
      compares: new Map(),
      checkRuns: new Map(),
      runs: new Map(),
      collaborators: new Map(),
    });
    return record;
  }
}
