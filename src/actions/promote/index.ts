import { runAction } from '../../runner/action.js';
import { createGitHubClient } from '../../runner/octokit.js';
import { runShell } from '../../runner/docker-target-exec.js';
import { targetFactories } from '../../runner/docker-target-factories.js';
import { httpProbe } from '../../runner/http-probe.js';
import { GitHubRecorder } from '../../deploy/github-recorder.js';
import { GitHubPromotionApi } from '../../deploy/promotion-github.js';
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
};

await runAction('promote', (io) => main(io, deps));
