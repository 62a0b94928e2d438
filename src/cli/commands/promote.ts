import { main, type PromoteDeps } from '../../actions/promote/main.js';
import type { CliCommand } from '../args.js';
import { COMMON_OPTIONS, cliDeps, cliPromotionApi, terminalIO } from './deploy.js';

const deps: PromoteDeps = { ...cliDeps, promotionApi: cliPromotionApi };

export const command: CliCommand = {
  help: `slipway promote: promote or reject the candidate a deploy with --promotion manual staged (the promote action, locally)

options:
  --app NAME              app in the config (required)
  --environment NAME      environment in the config (default production)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --decision WORD         promote (default) or reject
  --deployment-id ID      the candidate (default: the newest one awaiting promotion)
  --actor LOGIN           who asks (default: $GITHUB_ACTOR); checked against --approvers
  --approvers LIST        users and org/team slugs allowed to promote, e.g. "alice, acme/release"
  --bake-seconds N        watch the public route this long after the switch
  --reason TEXT           recorded on the Deployment (why it was rejected)
  --github-token TOKEN    token for candidates and approvers (or GITHUB_TOKEN), with --repository OWNER/REPO
Candidates are GitHub Deployments, so a token and a repository are required.
Prints the outputs as name=value lines; exit 1 when refused or when the promotion failed.`,
  options: {
    ...COMMON_OPTIONS,
    decision: { type: 'string' },
    'deployment-id': { type: 'string' },
    actor: { type: 'string' },
    approvers: { type: 'string' },
    'bake-seconds': { type: 'string' },
  },
  async run(args) {
    await main(terminalIO(args), deps);
    return 0;
  },
};
