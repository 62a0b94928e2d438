import { describe, expect, it } from 'vitest';
import { CommandTarget, commandOptions, parseStatus } from '../../../src/deploy/targets/command.js';
import { TargetError } from '../../../src/deploy/target.js';
import { UserError } from '../../../src/errors.js';
import { release } from './sequence.js';

const cmds = { start: 'start', switch: 'switch', stop: 'stop', status: 'status', health: 'health' };

function fakeShell(answers: Record<string, { code: number; output: string }>) {
  const calls: { command: string; env: Record<string, string> }[] = [];
  const shell = async (command: string, env: Record<string, string>) => {
    calls.push({ command, env });
    return answers[command] ?? { code: 0, output: '' };
  };
  return { calls, shell };
}

describe('command target', () => {
  it('hands the documented environment to each command', async () => {
    const { calls, shell } = fakeShell({
      status: { code: 0, output: 'live=blue\nblue.state=running\nblue.image=shop:v1\n' },
      start: { code: 0, output: 'deploying\nurl=http://10.0.0.5:8080\n' },
    });
    const t = new CommandTarget(commandOptions('shop', 'production', cmds), shell);
    expect(await t.start('green', release('shop:v2'))).toEqual({ url: 'http://10.0.0.5:8080' });
    await t.switch('green');
    const start = calls.find((c) => c.command === 'start')!.env;
    expect(start).toMatchObject({
      SLIPWAY_ACTION: 'start',
      SLIPWAY_APP: 'shop',
      SLIPWAY_ENVIRONMENT: 'production',
      SLIPWAY_COLOR: 'green',
      SLIPWAY_IMAGE: 'shop:v2',
      SLIPWAY_CONFIG_DIGEST: 'sha256:shop:v2',
    });
    expect(JSON.parse(start.SLIPWAY_RUNTIME!)).toEqual({ env: { GREETING: 'hi' } });
    expect(calls.find((c) => c.command === 'switch')!.env).toMatchObject({
      SLIPWAY_COLOR: 'green',
      SLIPWAY_PREVIOUS_COLOR: 'blue',
    });
  });

  it('maps health exit codes: 0 ok, 75 starting, other failed', async () => {
    for (const [code, state] of [
      [0, 'ok'],
      [75, 'starting'],
      [3, 'failed'],
    ] as const) {
      const { shell } = fakeShell({ health: { code, output: 'x' } });
      const t = new CommandTarget(commandOptions('shop', 'p', cmds), shell);
      expect((await t.health('blue')).state).toBe(state);
    }
  });

  it('a failing command is a TargetError with the output tail', async () => {
    const { shell } = fakeShell({ switch: { code: 2, output: 'a\nb\nERROR: slot not found\n' } });
    const t = new CommandTarget(commandOptions('shop', 'p', cmds), shell);
    const e = await t.switch('green').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TargetError);
    expect((e as Error).message).toBe('switch command exited 2: a | b | ERROR: slot not found');
  });

  it('prepare turns a broken status command into a user error', async () => {
    const { shell } = fakeShell({ status: { code: 0, output: 'live=purple' } });
    const t = new CommandTarget(commandOptions('shop', 'p', cmds), shell);
    await expect(t.prepare()).rejects.toThrow(UserError);
    await expect(t.prepare()).rejects.toThrow(/command.status: status command printed live=purple/);
  });

  it('parses status lines and ignores what it does not know', () => {
    expect(parseStatus('live=\nblue.state=stopped\nblue.image=a:1\nnoise\nx.y=z')).toEqual({
      live: undefined,
      colors: {
        blue: { color: 'blue', state: 'stopped', image: 'a:1' },
        green: { color: 'green', state: 'missing' },
      },
    });
  });

  it('bad settings name the field', () => {
    expect(() => commandOptions('shop', 'p', undefined)).toThrow(/needs a 'command' section/);
    expect(() => commandOptions('shop', 'p', { ...cmds, stop: '' })).toThrow(
      /command.stop: a stop command is required/,
    );
    expect(() => commandOptions('shop', 'p', { ...cmds, restart: 'x' })).toThrow(
      /command.restart: unknown setting/,
    );
    expect(() => commandOptions('shop', 'p', { ...cmds, 'timeout-seconds': 0 })).toThrow(
      /command.timeout-seconds/,
    );
  });
});
