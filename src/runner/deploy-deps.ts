/**
 * What the deploy-family actions (deploy, rollback, promote, stop-warm) run with on a runner:
 * the real targets, GitHub Deployments, HTTP probes, the deploy lock on the target, the Actions
 * API to see whether a lock's run has ended, and cancellation.
 */
import type { DeployDeps } from '../actions/deploy/main.js';
import { GitHubPromotionApi } from '../deploy/promotion-github.js';
import { GitHubRecorder } from '../deploy/github-recorder.js';
import { runShell } from './docker-target-exec.js';
import { targetFactories } from './docker-target-factories.js';
import { httpProbe } from './http-probe.js';
import { createGitHubClient } from './octokit.js';
import { lockStoreFor } from './swarm-factories.js';

function client(token: string, log?: (m: string) => void) {
  return createGitHubClient({ token, baseUrl: process.env.GITHUB_API_URL, ...(log ? { log } : {}) });
}

function split(repository: string): [string, string] {
  return repository.split('/') as [string, string];
}

/**
 * `log` receives the API client's retry and rate-limit notes (the job log on a runner; the CLI
 * keeps its stdout for outputs and passes stderr).
 */
export function runnerDeployDeps(
  log: (m: string) => void = (m) => console.log(m),
): Required<Pick<DeployDeps, 'promotionApi'>> & DeployDeps {
  return {
    factories: targetFactories,
    githubRecorder: (token, repository) => new GitHubRecorder(client(token, log), ...split(repository)),
    promotionApi: (token, repository) => new GitHubPromotionApi(client(token), ...split(repository)),
    probe: httpProbe,
    smoke: runShell,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    lockStore: lockStoreFor,
    lookupRun: (token) => {
      const c = client(token);
      return async (repository, runId) => {
        const [owner, repo] = split(repository);
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
}
