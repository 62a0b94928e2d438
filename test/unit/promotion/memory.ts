/** PromotionApi over the in-memory recorder of the engine tests, plus users and teams. */
import type { Candidate, CandidatePayload, PromotionApi } from '../../../src/deploy/promotion.js';
import type { DeploymentState } from '../../../src/deploy/types.js';
import type { MemRecorder } from '../deploy/fakes.js';

export class MemPromotionApi implements PromotionApi {
  users = new Set(['alice', 'bob', 'mallory']);
  teams = new Map<string, string[]>([['acme/release', ['bob']]]);
  reviewers: { users: string[]; teams: string[] } | undefined;
  calls: string[] = [];
  constructor(readonly recorder: MemRecorder) {}
  async candidates(app: string): Promise<Candidate[]> {
    return [...this.recorder.deployments]
      .reverse()
      .filter((d) => d.payload.app === app)
      .map((d) => {
        const last = d.statuses.at(-1);
        const c: Candidate = { id: d.id, payload: d.payload as CandidatePayload };
        if (last) {
          c.state = last.state;
          c.description = last.description;
        }
        return c;
      });
  }
  async setStatus(id: string, state: DeploymentState, description: string) {
    this.calls.push(`status ${id} ${state}`);
    await this.recorder.setStatus(id, state, { description });
  }
  async userExists(login: string) {
    this.calls.push(`user ${login}`);
    return this.users.has(login.toLowerCase());
  }
  async teamMembership(org: string, slug: string, login: string) {
    this.calls.push(`team ${org}/${slug} ${login}`);
    return this.teams.get(`${org}/${slug}`)?.includes(login) ? ('active' as const) : ('none' as const);
  }
  async requiredReviewers() {
    return this.reviewers;
  }
}
