/**
 * The promote step's view of GitHub (PromotionApi) over any octokit-shaped `request` client:
 * deployments and their latest statuses, users, team memberships, environment protection rules.
 */
import type { RequestClient } from './github-recorder.js';
import type { Candidate, CandidatePayload, PromotionApi } from './promotion.js';
import type { DeploymentState } from './types.js';

function payloadOf(p: unknown): CandidatePayload | undefined {
  let v = p;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  const s = (v as { slipway?: unknown } | null)?.slipway;
  return s && typeof s === 'object' ? (s as CandidatePayload) : undefined;
}

function status(e: unknown): number | undefined {
  return (e as { status?: number } | null)?.status;
}

export class GitHubPromotionApi implements PromotionApi {
  constructor(
    private readonly client: RequestClient,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  async candidates(app: string, environment: string): Promise<Candidate[]> {
    const { data } = await this.client.request('GET /repos/{owner}/{repo}/deployments', {
      owner: this.owner,
      repo: this.repo,
      environment,
      per_page: 30,
    });
    const out: Candidate[] = [];
    for (const d of data as { id: number; payload: unknown; created_at?: string }[]) {
      const payload = payloadOf(d.payload);
      if (!payload || payload.app !== app) continue;
      const st = await this.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: this.owner,
        repo: this.repo,
        deployment_id: d.id,
        per_page: 1,
      });
      const latest = (st.data as { state: DeploymentState; description?: string | null }[])[0];
      const c: Candidate = { id: String(d.id), payload };
      if (d.created_at) c.createdAt = d.created_at;
      if (latest) {
        c.state = latest.state;
        if (latest.description) c.description = latest.description;
      }
      out.push(c);
    }
    return out;
  }

  async setStatus(id: string, state: DeploymentState, description: string, logUrl?: string): Promise<void> {
    const params: Record<string, unknown> = {
      owner: this.owner,
      repo: this.repo,
      deployment_id: Number(id),
      state,
      description: description.slice(0, 140),
      auto_inactive: false,
    };
    if (logUrl) params.log_url = logUrl;
    await this.client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', params);
  }

  async userExists(login: string): Promise<boolean> {
    try {
      await this.client.request('GET /users/{username}', { username: login });
      return true;
    } catch (e) {
      if (status(e) === 404) return false;
      throw e;
    }
  }

  async teamMembership(org: string, slug: string, login: string): Promise<'active' | 'pending' | 'none'> {
    try {
      const { data } = await this.client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
        org,
        team_slug: slug,
        username: login,
      });
      return (data as { state?: string }).state === 'active' ? 'active' : 'pending';
    } catch (e) {
      if (status(e) === 404) return 'none';
      throw e;
    }
  }

  async requiredReviewers(environment: string): Promise<{ users: string[]; teams: string[] } | undefined> {
    let data: unknown;
    try {
      ({ data } = await this.client.request('GET /repos/{owner}/{repo}/environments/{environment_name}', {
        owner: this.owner,
        repo: this.repo,
        environment_name: environment,
      }));
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw e;
    }
    const rules = (
      data as {
        protection_rules?: {
          type: string;
          reviewers?: { type: string; reviewer?: Record<string, unknown> }[];
        }[];
      }
    ).protection_rules;
    const rule = rules?.find((r) => r.type === 'required_reviewers');
    if (!rule?.reviewers?.length) return undefined;
    const users: string[] = [];
    const teams: string[] = [];
    for (const r of rule.reviewers) {
      if (r.type === 'Team') teams.push(String(r.reviewer?.slug ?? r.reviewer?.name ?? '?'));
      else users.push(String(r.reviewer?.login ?? '?'));
    }
    return { users, teams };
  }
}
