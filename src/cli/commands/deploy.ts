import type { DeployDeps } from '../../actions/deploy/main.js';
import { main } from '../../actions/deploy/main.js';
import { HEALTH_INPUTS } from '../../actions/deploy/inputs.js';
import { runnerDeployDeps } from '../../runner/deploy-deps.js';
import type { ActionIO } from '../../runner/io.js';
import type { CliCommand, OptionSpec, ParsedArgs } from '../args.js';

/**
 * The actions' deps without the deploy lock and the cancellation hook: a local run takes no lock
 * on the target (see the commands' help).
 */
const {
  lockStore: _lockStore,
  lookupRun: _lookupRun,
  onCancel: _onCancel,
  promotionApi,
  ...base
} = runnerDeployDeps((m) => void process.stderr.write(`${m}\n`));
export const cliDeps: DeployDeps = base;
export const cliPromotionApi = promotionApi;

export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  app: { type: 'string' },
  environment: { type: 'string' },
  config: { type: 'string' },
  reason: { type: 'string' },
  ref: { type: 'string' },
  repository: { type: 'string' },
  'github-token': { type: 'string' },
  ...Object.fromEntries(HEALTH_INPUTS.map((k) => [`health-${k}`, { type: 'string' } as OptionSpec])),
};

/**
 * The action's main() on a terminal: inputs from options, phases as plain log lines, outputs
 * as `name=value` lines on stdout, the summary on stderr. GitHub Deployments are recorded only
 * with --github-token (or GITHUB_TOKEN) and --repository (or GITHUB_REPOSITORY).
 */
export function terminalIO(args: ParsedArgs): ActionIO {
  const token = args.values['github-token'] ?? process.env.GITHUB_TOKEN ?? '';
  const env = { ...process.env, GITHUB_REPOSITORY: args.values.repository ?? process.env.GITHUB_REPOSITORY };
  const out = (s: string): boolean => process.stderr.write(`${s}\n`);
  return {
    getInput: (name) => {
      if (name === 'github-token') return token;
      if (name === 'record-deployment') return token && env.GITHUB_REPOSITORY ? 'true' : 'false';
      if (name === 'ref') return args.values.ref ?? 'HEAD';
      if (name in args.flags) return String(args.flags[name]);
      return args.values[name] ?? '';
    },
    setOutput: (name, value) => process.stdout.write(`${name}=${String(value)}\n`),
    summary: async (md) => void out(`\n${md}`),
    annotate: (level, message) => void out(`${level}: ${message}`),
    setSecret: () => {},
    info: (m) => void out(m),
    warning: (m) => void out(`warning: ${m}`),
    debug: () => {},
    group: async (name, fn) => {
      out(`── ${name}`);
      return fn();
    },
    saveState: () => {},
    getState: () => '',
    env: { ...env, GITHUB_WORKSPACE: process.cwd() },
  };
}

export const command: CliCommand = {
  help: `slipway deploy: blue-green deploy of one app to one environment (the deploy action, locally)

options:
  --app NAME              app in the config (required)
  --image REF             image to deploy (required)
  --environment NAME      environment in the config (default production)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --bake-seconds N        watch the public route this long after the switch
  --keep-warm-minutes N   keep the previous color running this long (0: stop it)
  --auto-rollback BOOL    roll back automatically on failure after the switch (default true)
  --smoke-command CMD     run against the idle color before the switch (gets SLIPWAY_URL)
  --version-expect VALUE  version marker the public route must show
  --health-<field> VALUE  override a health field (path, interval-seconds, deadline-seconds, ...)
  --reason TEXT           recorded in the deployment payload
  --promotion MODE        auto (default) or manual: stop at "ready, awaiting promotion" (slipway promote)
  --github-token TOKEN    record GitHub Deployments (with --repository OWNER/REPO)
Prints the outputs as name=value lines; exit 1 when the deploy failed or was rolled back.`,
  options: {
    ...COMMON_OPTIONS,
    image: { type: 'string' },
    target: { type: 'string' },
    'bake-seconds': { type: 'string' },
    'keep-warm-minutes': { type: 'string' },
    'auto-rollback': { type: 'string' },
    'smoke-command': { type: 'string' },
    'version-expect': { type: 'string' },
    promotion: { type: 'string' },
  },
  async run(args) {
    await main(terminalIO(args), cliDeps);
    return 0;
  },
};
