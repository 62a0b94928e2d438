import { main } from '../../actions/stop-warm/main.js';
import type { CliCommand } from '../args.js';
import { COMMON_OPTIONS, cliDeps, terminalIO } from './deploy.js';

export const command: CliCommand = {
  help: `slipway stop-warm: stop an app's previous (warm) color once keep-warm has passed (the stop-warm action, locally)

options:
  --app NAME                app in the config (required)
  --environment NAME        environment in the config (default production)
  --config FILE             deploy config (default .github/slipway-deploy.yml)
  --keep-warm-minutes N     override the config's keep-warm-minutes
  --force                   stop it now, whatever is left of keep-warm
  --github-token TOKEN      read when the live release went live from GitHub Deployments
                            (with --repository OWNER/REPO); without them only --force stops
Stops the idle color only when the route points at the live color, the last successful
deployment is on it, and the idle color runs that deployment's previous image. Locally no deploy
lock is taken: do not run it while a deploy of the same app is running.`,
  options: {
    ...COMMON_OPTIONS,
    'keep-warm-minutes': { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(args) {
    await main(terminalIO(args), cliDeps);
    return 0;
  },
};
