import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { gitContext } from '../../image/context.js';
import { planImages } from '../../image/plan.js';
import { parseServicesFile, type CacheBackend } from '../../image/services.js';
import { localGit } from '../../runner/git.js';
import type { CliCommand } from '../args.js';

export const command: CliCommand = {
  help: `slipway image-plan: the tags, labels and cache references image-plan gives this checkout

options:
  --services FILE         services file (default .github/slipway.yml)
  --images PREFIX         image name prefix (default: the file's images, else ghcr.io/<owner>/<repo>)
  --repository OWNER/REPO repository (default: from the origin remote)
  --event NAME            event to plan for: push (default), pull_request, schedule, workflow_dispatch
  --ref REF               git ref (default: the checkout's branch, or the tag HEAD is at)
  --sha SHA               commit (default: HEAD)
  --pr N                  pull request number (with --event pull_request)
  --default-branch NAME   default branch (default main)
  --cache gha|registry|none
  --json                  print the whole plan as JSON`,
  options: {
    services: { type: 'string' },
    images: { type: 'string' },
    repository: { type: 'string' },
    event: { type: 'string' },
    ref: { type: 'string' },
    sha: { type: 'string' },
    pr: { type: 'string' },
    'default-branch': { type: 'string' },
    cache: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args) {
    const file = args.values.services ?? '.github/slipway.yml';
    const text = await readFile(resolve(file), 'utf8').catch(() => {
      throw new UserError('file not found', file);
    });
    const services = parseServicesFile(text, file);
    const local = await localGit(process.cwd());
    const repository = args.values.repository ?? local?.repository;
    if (!repository)
      throw new UserError('cannot tell the repository from the origin remote: pass --repository owner/repo');
    const event = args.values.event ?? 'push';
    const sha = args.values.sha ?? local?.sha;
    if (!sha) throw new UserError('not a git checkout: pass --sha and --ref');
    const pr = args.values.pr;
    if (event.startsWith('pull_request') && !pr) throw new UserError('--event pull_request needs --pr N');
    const cache = args.values.cache as CacheBackend | undefined;
    if (cache && !['gha', 'registry', 'none'].includes(cache))
      throw new UserError(`--cache: gha, registry or none, got '${cache}'`);
    const ctx = gitContext({
      eventName: event,
      ref: args.values.ref ?? (pr ? `refs/pull/${pr}/merge` : (local?.ref ?? 'refs/heads/main')),
      sha,
      repository,
      defaultBranch: args.values['default-branch'] ?? 'main',
      payload: pr
        ? {
            pull_request: {
              number: Number(pr),
              head: { sha, ref: local?.ref.replace(/^refs\/heads\//, '') ?? '' },
            },
          }
        : {},
    });
    const plan = planImages(services, ctx, {
      images: args.values.images ?? `ghcr.io/${repository.toLowerCase()}`,
      releaseTags: local?.tags,
      now: new Date().toISOString(),
      ...(cache ? { cache } : {}),
    });
    if (args.flags.json) {
      process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(
      `version ${plan.version} (${ctx.kind}${ctx.branch ? ` ${ctx.branch}` : ''}${ctx.tag ? ` ${ctx.tag}` : ''})\n`,
    );
    for (const b of plan.builds) {
      process.stdout.write(`\n${b.key}${b.target ? ` (target ${b.target})` : ''}\n`);
      for (const t of b.tags) process.stdout.write(`  ${t}\n`);
    }
    for (const n of plan.notes) process.stdout.write(`\nnote: ${n}\n`);
    return 0;
  },
};
