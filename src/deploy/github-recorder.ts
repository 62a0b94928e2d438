/**
 * Deploys recorded as GitHub Deployments and statuses, so the repository's Environments page,
 * the deployment history and other tools (GHCR retention reads `payload.slipway.image`) see
 * exactly what runs where. Takes any client with octokit's `request(route, params)` shape, so
 * this file needs no network code of its own.
 */
import type { DeploymentRecorder, DeploymentState, RecordedDeployment, SlipwayPayload } from './types.js';

export interface RequestClient {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown }>;
}

interface ApiDeployment {
  id: number;
  payload: unknown;
  created_at?: string;
}

function slipwayPayload(p: unknown): SlipwayPayload | undefined {
  let v = p;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  const s = (v as { slipway?: unknown } | null)?.slipway;
  return s && typeof s === 'object' ? (s as SlipwayPayload) : undefined;
}

export class GitHubRecorder implements DeploymentRecorder {
  constructor(
    private readonly client: RequestClient,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  async create(input: {
    ref: string;
    environment: string;
    task: string;
    description: string;
    payload: SlipwayPayload;
  }): Promise<string> {
    const { data } = await this.client.request('POST /repos/{owner}/{repo}/deployments', {
      owner: this.owner,
      repo: this.repo,
      ref: input.ref,
      environment: input.environment,
      task: input.task,
      description: input.description,
      payload: { slipway: input.payload },
      auto_merge: false,
      required_contexts: [],
      production_environment: /^prod(uction)?$/i.test(input.environment),
      transient_environment: false,
    });
    const id = (data as { id?: number }).id;
    if (typeof id !== 'number')
      throw new Error(`GitHub did not create a deployment: ${JSON.stringify(data).slice(0, 200)}`);
    return String(id);
  }

  async setStatus(
    id: string,
    state: DeploymentState,
    opts: { description: string; environmentUrl?: string; logUrl?: string },
  ): Promise<void> {
    const params: Record<string, unknown> = {
      owner: this.owner,
      repo: this.repo,
      deployment_id: Number(id),
      state,
      description: opts.description,
      // Slipway marks superseded deployments inactive itself (GitHub skips production ones).
      auto_inactive: false,
    };
    if (opts.environmentUrl) params.environment_url = opts.environmentUrl;
    if (opts.logUrl) params.log_url = opts.logUrl;
    await this.client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', params);
  }

  async lastSuccessful(app: string, environment: string): Promise<RecordedDeployment | undefined> {
    const { data } = await this.client.request('GET /repos/{owner}/{repo}/deployments', {
      owner: this.owner,
      repo: this.repo,
      environment,
      per_page: 30,
    });
    for (const d of data as ApiDeployment[]) {
      const payload = slipwayPayload(d.payload);
      if (!payload || payload.app !== app) continue;
      const st = await this.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: this.owner,
        repo: this.repo,
        deployment_id: d.id,
        per_page: 1,
      });
      const latest = (st.data as { state: DeploymentState; created_at: string }[])[0];
      if (latest?.state === 'success')
        return {
          id: String(d.id),
          payload,
          state: latest.state,
          createdAt: d.created_at,
          succeededAt: latest.created_at,
        };
    }
    return undefined;
  }
}

/** Keeps deployments in memory (the CLI without a token). */
export class MemoryRecorder implements DeploymentRecorder {
  readonly deployments: {
    id: string;
    payload: SlipwayPayload;
    environment: string;
    statuses: DeploymentState[];
  }[] = [];
  async create(input: { environment: string; payload: SlipwayPayload }): Promise<string> {
    const id = String(this.deployments.length + 1);
    this.deployments.push({ id, payload: input.payload, environment: input.environment, statuses: [] });
    return id;
  }
  async setStatus(id: string, state: DeploymentState): Promise<void> {
    this.deployments.find((d) => d.id === id)?.statuses.push(state);
  }
  async lastSuccessful(): Promise<RecordedDeployment | undefined> {
    return undefined;
  }
}
