import { main } from '../../actions/rollback/main.js';
import type { CliCommand } from '../args.js';
import { COMMON_OPTIONS, cliDeps, terminalIO } from './deploy.js';

export const command: CliCommand = {
  help: `slipway rollback: roll an app back (the rollback action, locally)

options:
  --app NAME              app in the config (required)
  --environment NAME      environment in the config (default production)
  --to WHAT               previous (default), blue, green, or an image (started with the current config)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --health-<field> VALUE  override a health field
  --reason TEXT           recorded in the deployment payload
  --github-token TOKEN    record GitHub Deployments (with --repository OWNER/REPO)
While the previous color is warm this is an instant switch; otherwise its recorded container
(image and config) is started again, checked, and switched to.`,
  options: { ...COMMON_OPTIONS, to: { type: 'string' } },
  async run(args) {
    await main(terminalIO(args), cliDeps);
    return 0;
  },
};
