/**
 * A real sshd on 127.0.0.1 for the tests of ssh:// Docker hosts: its own host key, one authorized
 * client key, and an `ssh` on PATH (in `env`) that uses an ssh_config mapping `alias` to
 * 127.0.0.1, so the docker CLI and Slipway's tunnel both reach it by a name that counts as remote.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLocalPort as freePort } from '../../src/runner/ssh-tunnel.js';

export interface TestSshd {
  port: number;
  alias: string;
  /** process.env with the configured `ssh` first on PATH. */
  env: NodeJS.ProcessEnv;
  /** `ssh://root@<alias>:<port>` */
  dockerHost: string;
  /** Replaces the authorized keys (empty: every login is refused). */
  authorize(on: boolean): void;
  stop(): void;
}

export async function startSshd(dir: string, alias = 'slipway-remote-host'): Promise<TestSshd> {
  mkdirSync(dir, { recursive: true });
  for (const f of ['host_key', 'client_key']) {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, f)]);
    if (r.status !== 0) throw new Error(`ssh-keygen failed: ${String(r.stderr)}`);
  }
  const authorized = join(dir, 'authorized_keys');
  const authorize = (on: boolean) =>
    writeFileSync(authorized, on ? readFileSync(join(dir, 'client_key.pub')) : '');
  authorize(true);
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorized}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'StrictModes no',
      'UsePAM no',
      'AllowTcpForwarding yes',
      'AllowStreamLocalForwarding yes',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: 'ignore',
  });
  writeFileSync(
    join(dir, 'ssh_config'),
    [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  IdentityFile ${join(dir, 'client_key')}`,
      `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
      '  StrictHostKeyChecking accept-new',
      '  BatchMode yes',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${join(dir, 'ssh_config')} "$@"\n`);
  chmodSync(join(dir, 'bin', 'ssh'), 0o755);
  const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` };
  for (let i = 0; i < 100; i++) {
    if (spawnSync('ssh', ['-p', String(port), `root@${alias}`, 'true'], { env }).status === 0) {
      return {
        port,
        alias,
        env,
        dockerHost: `ssh://root@${alias}:${port}`,
        authorize,
        stop: () => sshd.kill(),
      };
    }
    await sleep(100);
  }
  sshd.kill();
  throw new Error('sshd did not accept the test key');
}
