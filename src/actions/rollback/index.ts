import { runAction } from '../../runner/action.js';
import { createGitHubClient } from '../../runner/octokit.js';
import { runShell } from '../../runner/docker-target-exec.js';
import { targetFactories } from '../../runner/docker-target-factories.js';
import { httpProbe } from '../../runner/http-probe.js';
import { GitHubRecorder } from '../../deploy/github-recorder.js';
import type { DeployDeps } from '../deploy/main.js';
import { main } from './main.js';

const deps: DeployDeps = {
  factories: targetFactories,
  githubRecorder: (token, repository) => {
    const [owner, repo] = repository.split('/') as [string, string];
    const client = createGitHubClient({
      token,
      baseUrl: process.env.GITHUB_API_URL,
      log: (m) => console.log(m),
    });
    return new GitHubRecorder(client, owner, repo);
  },
  probe: httpProbe,
  smoke: runShell,
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

await runAction('rollback', (io) => main(io, deps));
