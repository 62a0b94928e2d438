import { UserError } from '../errors.js';

export interface OptionSpec {
  /** 'string' options take a value (`--name value` or `--name=value`); repeatable ones collect a list. */
  type: 'string' | 'boolean';
  repeatable?: boolean;
}

export interface ParsedArgs {
  flags: Record<string, boolean>;
  values: Record<string, string>;
  lists: Record<string, string[]>;
  positionals: string[];
}

export interface CliCommand {
  help: string;
  options: Record<string, OptionSpec>;
  run(args: ParsedArgs): Promise<number>;
}

/** Parses `--kebab-case` options; an unknown option or a missing value is a UserError. */
export function parseArgs(argv: string[], options: Record<string, OptionSpec>): ParsedArgs {
  const out: ParsedArgs = { flags: {}, values: {}, lists: {}, positionals: [] };
  const spec: Record<string, OptionSpec> = { help: { type: 'boolean' }, ...options };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UserError(`unknown option --${name}`);
    if (s.type === 'boolean') {
      if (eq !== -1) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new UserError(`--${name} takes true or false, got '${v}'`);
        out.flags[name] = v === 'true';
      } else out.flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined) throw new UserError(`--${name} needs a value`);
    }
    if (s.repeatable) (out.lists[name] ??= []).push(value);
    else out.values[name] = value;
  }
  return out;
}
