import { isUserError, messageOf } from '../errors.js';
import { parseArgs, type CliCommand } from './args.js';

/**
 * Every subcommand, loaded on demand. Each runs the same core as the action of the same name,
 * so what passes here passes in CI.
 */
const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  'image-plan': () => import('./commands/image-plan.js'),
  build: () => import('./commands/build.js'),
  coverage: () => import('./commands/coverage.js'),
  'scan-gate': () => import('./commands/scan-gate.js'),
  retention: () => import('./commands/retention.js'),
  deploy: () => import('./commands/deploy.js'),
  rollback: () => import('./commands/rollback.js'),
  promote: () => import('./commands/promote.js'),
  'stop-warm': () => import('./commands/stop-warm.js'),
};

function usage(): string {
  return [
    'usage: slipway <command> [options]',
    '',
    'commands:',
    ...Object.keys(commands).map((c) => `  ${c}`),
    '',
    'Run `slipway <command> --help` for the options of one command.',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`slipway: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const { command } = await load();
  try {
    const args = parseArgs(rest, command.options);
    if (args.flags.help) {
      process.stdout.write(command.help + '\n');
      return 0;
    }
    return await command.run(args);
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`slipway ${name}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`slipway ${name}: internal error: ${e instanceof Error ? e.stack : messageOf(e)}\n`);
    return 70;
  }
}
