import { readFile } from 'node:fs/promises';
import { runAction } from '../../runner/action.js';
import { localTags, remoteTags } from '../../runner/git.js';
import { createGitHubClient } from '../../runner/octokit.js';
import { messageOf } from '../../errors.js';
import { main } from './main.js';

await runAction('image-plan', async (io) => {
  await main(io, {
    readFile: (p) => readFile(p, 'utf8').catch(() => undefined),
    now: () => new Date(),
    releaseTags: async (token) => {
      const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
      let apiProblem = 'no github-token';
      if (token && owner && repo) {
        try {
          const client = createGitHubClient({
            token,
            baseUrl: process.env.GITHUB_API_URL,
            retries: 2,
            log: io.warning,
          });
          return { tags: await remoteTags(client, owner, repo), source: 'the GitHub API' };
        } catch (e) {
          apiProblem = messageOf(e);
        }
      }
      const local = await localTags(process.env.GITHUB_WORKSPACE ?? process.cwd());
      if (local && local.length > 1) {
        return { tags: local, source: `the checkout (the API failed: ${apiProblem})` };
      }
      return {
        source: 'nowhere',
        problem:
          `could not read the repository's tags (${apiProblem}; the checkout has ${local?.length ?? 0}): ` +
          'version aliases and latest are not moved. Give the job `contents: read`, or check out with fetch-depth: 0.',
      };
    },
  });
});
