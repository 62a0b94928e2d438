/**
 * The GitHub side of ghcr-retention: resolve packages (org or user, exact names or wildcards),
 * list their versions, delete versions, read deployments. Every HTTP attempt (retries
 * included) goes through one Pacer, so the whole run, across packages, stays under GitHub's
 * secondary rate limits; octokit's retry and throttling plugins handle 5xx, resets and
 * `retry-after`. Refusals come back as outcomes, permission problems as clear errors.
 */
import picomatch from 'picomatch';
import { UserError } from '../errors.js';
import { ApplyAbort, type DeleteOutcome } from '../retention/apply.js';
import type { DeploymentRecord } from '../retention/deployed.js';
import type { VersionInfo } from '../retention/model.js';
import type { Pacer } from '../retention/pace.js';
import { pointsFor } from '../retention/pace.js';
import type { PackageRef, PlannedVersion } from '../retention/plan.js';
import { SlipwayOctokit, type GitHubClient } from './octokit.js';

export interface RetentionGitHubOptions {
  token: string;
  baseUrl: string;
  pacer: Pacer;
  retries?: number;
  /** Seconds multiplier for octokit's retry backoff (1000 on GitHub; tests shorten it). */
  retryAfterBaseValue?: number;
  log?: (message: string) => void;
  fetch?: typeof fetch;
}

interface HttpError {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

const asHttp = (e: unknown): HttpError => (e && typeof e === 'object' ? (e as HttpError) : {});
const apiMessage = (e: unknown): string => {
  const h = asHttp(e);
  const data = h.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : (h.message ?? String(e));
};

const PERMISSION_HELP =
  'with GITHUB_TOKEN, give this repository the Admin role on the package (package settings > Manage Actions access) and grant `packages: write`; with a personal access token (classic), it needs delete:packages and admin on the package';

export class RetentionGitHub {
  readonly octokit: GitHubClient;
  /** HTTP attempts sent to the API (retries included). */
  requests = 0;
  private readonly log: (m: string) => void;

  constructor(opts: RetentionGitHubOptions) {
    this.log = opts.log ?? (() => {});
    const base = opts.fetch ?? fetch;
    const pacedFetch: typeof fetch = async (input, init) => {
      await opts.pacer.take(pointsFor(init?.method ?? 'GET'));
      this.requests++;
      return base(input, init);
    };
    const retries = opts.retries ?? 5;
    // The pacer spaces writes; octokit's default write queue (one a second) would cap deletes at 60/min.
    const unqueued = {
      key: () => ({
        schedule: (_o: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => fn(...args),
      }),
    };
    this.octokit = new SlipwayOctokit({
      auth: opts.token,
      baseUrl: opts.baseUrl.replace(/\/+$/, ''),
      userAgent: 'slipway-ghcr-retention',
      request: { fetch: pacedFetch },
      retry: {
        retries,
        ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
      },
      throttle: {
        write: unqueued,
        ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
        onRateLimit: (after: number, o: { method: string; url: string }, _k: unknown, count: number) => {
          this.log(`rate limit hit for ${o.method} ${o.url}; retrying after ${after}s`);
          return count < retries;
        },
        onSecondaryRateLimit: (
          after: number,
          o: { method: string; url: string },
          _k: unknown,
          count: number,
        ) => {
          this.log(`secondary rate limit hit for ${o.method} ${o.url}; retrying after ${after}s`);
          return count < retries;
        },
      } as never,
    });
  }

  private prefix(pkg: Pick<PackageRef, 'owner' | 'ownerType'>): string {
    if (pkg.ownerType === 'org') return `/orgs/${encodeURIComponent(pkg.owner)}`;
    if (pkg.ownerType === 'authenticated-user') return '/user';
    return `/users/${encodeURIComponent(pkg.owner)}`;
  }

  private packagePath(pkg: PackageRef): string {
    return `${this.prefix(pkg)}/packages/container/${encodeURIComponent(pkg.name)}`;
  }

  /** Org or user, and whether the token is that user (whose private packages live under /user). */
  async ownerType(owner: string): Promise<PackageRef['ownerType']> {
    let type: string | undefined;
    try {
      const res = await this.octokit.request('GET /users/{username}', { username: owner });
      type = (res.data as { type?: string }).type;
    } catch (e) {
      if (asHttp(e).status === 404) throw new UserError(`no user or organization named '${owner}'`, 'owner');
      throw e;
    }
    if (type === 'Organization') return 'org';
    try {
      // No retries: an installation token (GITHUB_TOKEN) is refused here, and that is an answer.
      const me = await this.octokit.request('GET /user', { request: { retries: 0 } });
      if ((me.data as { login?: string }).login?.toLowerCase() === owner.toLowerCase())
        return 'authenticated-user';
    } catch {
      // an installation token (GITHUB_TOKEN) has no user: use /users/{owner}
    }
    return 'user';
  }

  /**
   * Turns `packages` (names and wildcards) into package refs. Exact names are checked when their
   * versions are listed (before anything is deleted); wildcards need a token that can list the
   * owner's packages.
   */
  async resolvePackages(owner: string, patterns: string[]): Promise<PackageRef[]> {
    const ownerType = await this.ownerType(owner);
    const out: PackageRef[] = [];
    const globs = patterns.filter((p) => picomatch.scan(p).isGlob);
    for (const p of patterns) if (!globs.includes(p)) out.push({ owner, ownerType, name: p });
    if (globs.length) {
      let names: string[];
      try {
        const all = await this.octokit.paginate(`GET ${this.prefix({ owner, ownerType })}/packages`, {
          package_type: 'container',
          per_page: 100,
        });
        names = (all as { name: string }[]).map((p) => p.name);
      } catch (e) {
        const s = asHttp(e).status;
        if (s === 401 || s === 403 || s === 404) {
          throw new UserError(
            `cannot list the packages of '${owner}' to expand ${globs.join(', ')} (HTTP ${s}: ${apiMessage(e)}); wildcards need a token that can list packages (a personal access token (classic) with read:packages); GITHUB_TOKEN can only name packages exactly`,
            'packages',
          );
        }
        throw e;
      }
      for (const g of globs) {
        const isMatch = picomatch(g, { dot: true });
        const matched = names.filter((n) => isMatch(n));
        if (!matched.length)
          throw new UserError(
            `'${g}' matches none of the ${names.length} container packages of '${owner}'`,
            'packages',
          );
        for (const n of matched) if (!out.some((o) => o.name === n)) out.push({ owner, ownerType, name: n });
      }
    }
    return out;
  }

  async listVersions(pkg: PackageRef): Promise<VersionInfo[]> {
    try {
      const all = await this.octokit.paginate(`GET ${this.packagePath(pkg)}/versions`, {
        per_page: 100,
        state: 'active',
      });
      return (
        all as {
          id: number;
          name: string;
          created_at: string;
          updated_at: string;
          metadata?: { container?: { tags?: string[] } };
        }[]
      ).map((v) => ({
        id: v.id,
        digest: v.name,
        tags: v.metadata?.container?.tags ?? [],
        createdAt: v.created_at,
        updatedAt: v.updated_at,
      }));
    } catch (e) {
      const s = asHttp(e).status;
      if (s === 404 || s === 403 || s === 401) {
        throw new UserError(
          `package '${pkg.name}' of '${pkg.owner}' not found, or the token cannot read it (HTTP ${s}: ${apiMessage(e)}); check the name, and ${PERMISSION_HELP.replace('Admin role', 'access')}`,
          'packages',
        );
      }
      throw e;
    }
  }

  async deleteVersion(pkg: PackageRef, v: PlannedVersion): Promise<DeleteOutcome> {
    try {
      await this.octokit.request(`DELETE ${this.packagePath(pkg)}/versions/{id}`, { id: v.id });
      return { kind: 'deleted' };
    } catch (e) {
      const s = asHttp(e).status;
      const msg = apiMessage(e);
      if (s === 404 && /package not found/i.test(msg)) {
        // GitHub's answer to a token that may read but not delete (the package was just listed)
        throw new ApplyAbort(
          `the token cannot delete versions of '${pkg.name}' (HTTP 404: ${msg}); ${PERMISSION_HELP}`,
        );
      }
      if (s === 404) return { kind: 'gone' };
      if (s === 400 || s === 422) return { kind: 'refused', message: msg };
      if ((s === 403 || s === 429) && /rate limit/i.test(msg))
        throw new Error(`still rate limited after retries: ${msg}`);
      if (s === 401 || s === 403) {
        throw new ApplyAbort(
          `the token cannot delete versions of '${pkg.name}' (HTTP ${s}: ${msg}); ${PERMISSION_HELP}`,
        );
      }
      throw new Error(`HTTP ${s ?? '?'}: ${msg}`);
    }
  }

  /**
   * Deployment records of a repository, newest first per environment, with statuses fetched
   * only as far as needed: in-flight ones, the current one and the one before it.
   */
  async deploymentRecords(repository: string, maxPages = 3): Promise<DeploymentRecord[]> {
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) throw new UserError(`'${repository}' is not owner/repo`, 'repository');
    type D = { id: number; environment?: string; created_at: string; payload: unknown };
    let list: D[] = [];
    try {
      for (let page = 1; page <= maxPages; page++) {
        const res = await this.octokit.request('GET /repos/{owner}/{repo}/deployments', {
          owner,
          repo,
          per_page: 100,
          page,
        });
        const data = res.data as D[];
        list = list.concat(data);
        if (data.length < 100) break;
      }
    } catch (e) {
      const s = asHttp(e).status;
      if (s === 401 || s === 403 || s === 404) {
        throw new UserError(
          `keep-deployed needs to read the deployments of ${repository} (HTTP ${s}: ${apiMessage(e)}); grant \`deployments: read\` or set keep-deployed: false`,
          'keep-deployed',
        );
      }
      throw e;
    }
    const byEnv = new Map<string, D[]>();
    for (const d of list) {
      const env = d.environment ?? 'production';
      byEnv.set(env, [...(byEnv.get(env) ?? []), d]);
    }
    const out: DeploymentRecord[] = [];
    for (const [env, ds] of byEnv) {
      ds.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
      let current = false;
      for (const d of ds.slice(0, 50)) {
        const res = await this.octokit.request(
          'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
          {
            owner,
            repo,
            deployment_id: d.id,
            per_page: 100,
          },
        );
        const statuses = (res.data as { state: string; created_at: string; id: number }[])
          .slice()
          .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
          .map((s) => s.state);
        out.push({ id: d.id, environment: env, createdAt: d.created_at, payload: d.payload, statuses });
        const everLive = statuses.includes('success') || statuses[0] === 'inactive';
        if (current && everLive) break; // the previous one: enough
        if (!current && everLive) current = true;
      }
    }
    return out;
  }
}
