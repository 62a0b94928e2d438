/**
 * A remote Docker host (ssh://, tcp:// elsewhere): containers are driven through the docker CLI.
 * HAProxy on an ssh:// host is reached through an SSH tunnel (tested against a real sshd in
 * test/integration/deploy/ssh-tunnel.test.ts); any other proxy must be on this machine, and when
 * it is not, prepare says so and what to do, before anything changes. Stand-in docker and ssh
 * binaries answer, so prepare gets that far.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TargetError } from '../../../src/deploy/target.js';
import { UserError } from '../../../src/errors.js';
import { DockerTarget, isRemoteDockerHost } from '../../../src/runner/docker-target.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'docker-remote-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function target(
  host: string | undefined,
  proxy: 'haproxy' | 'nginx' = 'haproxy',
): { t: DockerTarget; calls: () => string[] } {
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'docker');
  writeFileSync(bin, `#!/bin/sh\necho "$DOCKER_HOST $*" >> ${log}\n[ "$1" = version ] && echo 20.10.24\n`);
  chmodSync(bin, 0o755);
  // an ssh that fails as ssh does when the host name does not resolve
  const ssh = join(dir, 'ssh');
  writeFileSync(
    ssh,
    `#!/bin/sh\necho "ssh $*" >> ${log}\necho "ssh: Could not resolve hostname shop-1.example.com: Name or service not known" >&2\nexit 255\n`,
  );
  chmodSync(ssh, 0o755);
  const t = new DockerTarget({
    app: 'shop',
    environment: 'production',
    dockerBin: bin,
    sshBin: ssh,
    docker: {
      ...(host ? { host } : {}),
      network: 'host',
      ports: { blue: 18081, green: 18082 },
      portEnv: 'PORT',
      address: '127.0.0.1',
      env: {},
      envFrom: [],
      runOptions: [],
      proxy:
        proxy === 'haproxy'
          ? {
              kind: 'haproxy',
              socket: join(dir, 'no-such.sock'),
              backend: 'shop',
              servers: { blue: 'blue', green: 'green' },
            }
          : {
              kind: 'nginx',
              upstreamFile: join(dir, 'no-such-dir', 'upstream.conf'),
              upstream: 'shop',
              testCommand: ['nginx', '-t'],
              reloadCommand: ['nginx', '-s', 'reload'],
            },
    },
  });
  return { t, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

describe('remote Docker hosts', () => {
  it('tells remote hosts from this machine', () => {
    expect(isRemoteDockerHost('ssh://deploy@shop-1.example.com')).toBe(true);
    expect(isRemoteDockerHost('ssh://deploy@shop-1.example.com:2222')).toBe(true);
    expect(isRemoteDockerHost('tcp://10.0.0.5:2376')).toBe(true);
    expect(isRemoteDockerHost('ssh://deploy@localhost')).toBe(false);
    expect(isRemoteDockerHost('tcp://127.0.0.1:2375')).toBe(false);
    expect(isRemoteDockerHost('unix:///var/run/docker.sock')).toBe(false);
    expect(isRemoteDockerHost(undefined)).toBe(false);
  });

  it("HAProxy on an ssh:// host is reached through an SSH tunnel; its failure is ssh's own message", async () => {
    const { t, calls } = target('ssh://deploy@shop-1.example.com:2222');
    const err = await t.prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    expect((err as Error).message).toMatch(
      /^the SSH tunnel to deploy@shop-1\.example\.com:2222 ended \(exit 255\): ssh: Could not resolve hostname/,
    );
    const ssh = calls().find((c) => c.startsWith('ssh '))!;
    // the admin socket to a local one, each color's port to a local port, on the docker CLI's host
    expect(ssh).toMatch(
      /^ssh -N -T -o BatchMode=yes -o ExitOnForwardFailure=yes .* -p 2222 -l deploy -L \/\S+\.sock:\S+no-such\.sock -L 127\.0\.0\.1:\d+:127\.0\.0\.1:18081 -L 127\.0\.0\.1:\d+:127\.0\.0\.1:18082 -- shop-1\.example\.com$/,
    );
    // nothing but `docker version` ran on the host
    expect(calls().filter((c) => !c.startsWith('ssh '))).toEqual([
      'ssh://deploy@shop-1.example.com:2222 version --format {{.Server.Version}}',
    ]);
  });

  it('an nginx include that is not on this machine fails prepare, saying where the deploy must run', async () => {
    const { t, calls } = target('ssh://deploy@shop-1.example.com', 'nginx');
    const err = await t.prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where).toBe('proxy.upstream-file');
    expect((err as Error).message).toMatch(
      /^proxy\.upstream-file: directory .*no-such-dir of the upstream file does not exist\. The proxy and the colors' ports are reached from the machine running the deploy, not through the Docker host ssh:\/\/deploy@shop-1\.example\.com \(only HAProxy on an ssh:\/\/ host is reached through an SSH tunnel\): run the deploy on that host/,
    );
    expect(calls()).toEqual(['ssh://deploy@shop-1.example.com version --format {{.Server.Version}}']);
  });

  it('on this machine the error stays as it was', async () => {
    const { t } = target(undefined);
    await expect(t.prepare()).rejects.toThrow(/^proxy\.socket: HAProxy admin socket .* does not exist$/);
  });
});
