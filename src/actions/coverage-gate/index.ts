import { readFile, writeFile } from 'node:fs/promises';
import { runAction } from '../../runner/action.js';
import { actionsCacheStore } from '../../runner/coverage-cache.js';
import { expandReports, listFiles, openReport } from '../../runner/coverage-files.js';
import { firstParents, gitChangedLines, trackedFiles } from '../../runner/coverage-git.js';
import { isPermissionError, pullFiles, upsertComment } from '../../runner/coverage-github.js';
import { createGitHubClient } from '../../runner/octokit.js';
import { main } from './main.js';

await runAction('coverage-gate', async (io) => {
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '/').split('/');
  await main(io, {
    readEvent: async () => {
      const p = process.env.GITHUB_EVENT_PATH;
      if (!p) return undefined;
      return JSON.parse(await readFile(p, 'utf8')) as Record<string, unknown>;
    },
    expandReports,
    open: openReport,
    repoFiles: async (cwd) => (await trackedFiles(cwd)) ?? (await listFiles(cwd)),
    readText: (p) => readFile(p, 'utf8').catch(() => undefined),
    gitChangedLines,
    ancestors: (cwd, sha) => firstParents(cwd, sha),
    store: actionsCacheStore(process.env.GITHUB_WORKSPACE ?? process.cwd()),
    github: (token) => {
      const client = createGitHubClient({
        token,
        baseUrl: process.env.GITHUB_API_URL,
        retries: 2,
        log: (m) => io.info(m),
      });
      return {
        upsertComment: (issue, marker, body) => upsertComment(client, owner, repo, issue, marker, body),
        pullFiles: (n) => pullFiles(client, owner, repo, n),
        isPermissionError,
      };
    },
    writeFile: (p, t) => writeFile(p, t),
  });
});
