import { runAction } from '../../runner/action.js';
import { createGitHubClient } from '../../runner/octokit.js';
import { runShell } from '../../runner/docker-target-exec.js';
import { targetFactories } from '../../runner/docker-target-factories.js';
import { httpProbe } from '../../runner/http-probe.js';
import { GitHubRecorder } from '../../deploy/github-recorder.js';
import { GitHubPromotionApi } from '../../deploy/promotion-github.js';
import { lockStoreFor } from '../../runner/swarm-factories.js';
import { main, type PromoteDeps } from './main.js';

function client(token: string) {
  return createGitHubClient({ token, baseUrl: process.env.GITHUB_API_URL, log: (m) => console.log(m) });
}

const deps: PromoteDeps = {
  factories: targetFactories,
  githubRecorder: (token, repository) => {
    const [owner, repo] = repository.split('/') as [string, string];
    return new GitHubRecorder(client(token), owner, repo);
  },
  promotionApi: (token, repository) => {
    const [owner, repo] = repository.split('/') as [string, string];
    return new GitHubPromotionApi(client(token), owner, repo);
  },
  probe: httpProbe,
  smoke: runShell,
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  lockStore: lockStoreFor,
  lookupRun: (token) => {
    const c = client(token);
    return async (repository, runId) => {
      const [owner, repo] = repository.split('/') as [string, string];
      try {
        const r = await c.rest.actions.getWorkflowRun({ owner, repo, run_id: Number(runId) });
        return { status: r.data.status ?? 'unknown' };
      } catch (e) {
        if ((e as { status?: number }).status === 404) return undefined;
        throw e;
      }
    };
  },
  // The runner signals a cancelled job; release what we hold, then exit as cancelled.
  onCancel: (fn) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => {
        void fn().finally(() => process.exit(130));
      });
  },
};

await runAction('promote', (io) => main(io, deps));
