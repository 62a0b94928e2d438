import { writeFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import type { ActionIO } from '../../runner/io.js';
import { main } from '../../actions/ghcr-retention/main.js';
import type { CliCommand } from '../args.js';

export const command: CliCommand = {
  help: `slipway retention: clean up container images in GHCR under retention rules (the ghcr-retention action)

Plans only unless --apply is given: the plan is written as JSON and summarised; nothing is deleted.

options:
  --owner LOGIN              user or organization owning the packages (required)
  --package NAME             package name or wildcard (repeatable; wildcards need a classic PAT)
  --keep-latest N            keep the N newest tagged images per package (default 5)
  --keep-tag GLOB            keep images with a tag matching GLOB (repeatable; default latest and v*)
  --no-keep-tags             keep no image because of its tags
  --untagged-after-days N    delete untagged orphans older than N days (default 7)
  --keep-deployed BOOL       protect deployed images (default true; reads --repository's deployments)
  --repository OWNER/REPO    repository whose deployments protect images
  --max-deletions N          circuit breaker (default 500)
  --max-runtime-minutes N    stop starting deletions after N minutes (default 50)
  --plan-path FILE           where to write the plan (default a temp file)
  --plan-file FILE           apply this reviewed plan instead of planning (with --apply)
  --summary FILE             write the markdown summary to FILE (default: printed)
  --registry HOST|URL        registry (default ghcr.io; http://127.0.0.1:5000 for a local one)
  --api-url URL              GitHub API (default $GITHUB_API_URL or https://api.github.com)
  --apply                    delete what the plan says

The token is read from $GITHUB_TOKEN (or $GH_TOKEN): a classic PAT with read:packages, and
delete:packages to apply.`,
  options: {
    owner: { type: 'string' },
    package: { type: 'string', repeatable: true },
    'keep-latest': { type: 'string' },
    'keep-tag': { type: 'string', repeatable: true },
    'no-keep-tags': { type: 'boolean' },
    'untagged-after-days': { type: 'string' },
    'keep-deployed': { type: 'string' },
    repository: { type: 'string' },
    'max-deletions': { type: 'string' },
    'max-runtime-minutes': { type: 'string' },
    'progress-every': { type: 'string' },
    'plan-path': { type: 'string' },
    'plan-file': { type: 'string' },
    summary: { type: 'string' },
    registry: { type: 'string' },
    'api-url': { type: 'string' },
    apply: { type: 'boolean' },
  },
  async run(args) {
    const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN || '';
    if (!token) throw new UserError('set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the packages');
    if (!args.values.owner) throw new UserError('--owner is required');
    if (!args.lists.package?.length && !args.values['plan-file'])
      throw new UserError('--package is required');
    if (args.values['plan-file'] && !args.flags.apply)
      throw new UserError('--plan-file applies a plan: add --apply');
    if (args.flags['no-keep-tags'] && args.lists['keep-tag']?.length) {
      throw new UserError('--no-keep-tags and --keep-tag contradict each other');
    }
    const inputs: Record<string, string> = {
      owner: args.values.owner,
      packages: (args.lists.package ?? []).join('\n'),
      'keep-latest': args.values['keep-latest'] ?? '5',
      'keep-tags': args.flags['no-keep-tags'] ? '' : (args.lists['keep-tag'] ?? ['latest', 'v*']).join('\n'),
      'untagged-after-days': args.values['untagged-after-days'] ?? '7',
      'keep-deployed': args.values['keep-deployed'] ?? 'true',
      repository: args.values.repository ?? '',
      'dry-run': args.flags.apply ? 'false' : 'true',
      'max-deletions': args.values['max-deletions'] ?? '500',
      'max-runtime-minutes': args.values['max-runtime-minutes'] ?? '50',
      'progress-every': args.values['progress-every'] ?? '100',
      'plan-file': args.values['plan-file'] ?? '',
      'plan-path': args.values['plan-path'] ?? '',
      registry: args.values.registry ?? 'ghcr.io',
      'github-token': token,
    };
    if (inputs['keep-deployed'] === 'true' && !inputs.repository) {
      throw new UserError(
        '--keep-deployed reads deployments: pass --repository owner/repo (or --keep-deployed false)',
      );
    }
    const summaries: string[] = [];
    const outputs: Record<string, string> = {};
    const err = (m: string) => process.stderr.write(m + '\n');
    const io: ActionIO = {
      getInput: (n) => inputs[n] ?? '',
      setOutput: (n, v) => void (outputs[n] = String(v)),
      summary: async (md) => void summaries.push(md),
      annotate: (level, m) => err(`${level}: ${m}`),
      setSecret: () => {},
      info: (m) => err(m),
      warning: (m) => err(`warning: ${m}`),
      debug: () => {},
      group: async (name, fn) => {
        err(`— ${name}`);
        return fn();
      },
      saveState: () => {},
      getState: () => '',
      env: {
        ...process.env,
        GITHUB_API_URL: args.values['api-url'] ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
      },
    };
    try {
      await main(io);
    } finally {
      const md = summaries.join('\n');
      if (args.values.summary) writeFileSync(args.values.summary, md);
      else if (md) process.stdout.write(md);
    }
    process.stdout.write(
      `\ndeleted=${outputs.deleted ?? 0} planned=${outputs.planned ?? 0} kept=${outputs.kept ?? 0} skipped=${outputs.skipped ?? 0} plan=${outputs.plan ?? ''}\n`,
    );
    return 0;
  },
};
