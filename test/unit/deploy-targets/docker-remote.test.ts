/**
 * A remote Docker host (ssh://, tcp:// elsewhere): containers are driven through the docker CLI,
 * but the proxy is reached locally. When the proxy is not here, prepare says so and what to do,
 * before anything changes. A stand-in docker binary answers `version` so prepare gets that far.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { DockerTarget, isRemoteDockerHost } from '../../../src/runner/docker-target.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'docker-remote-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function target(host: string | undefined): { t: DockerTarget; calls: () => string[] } {
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'docker');
  writeFileSync(bin, `#!/bin/sh\necho "$DOCKER_HOST $*" >> ${log}\n[ "$1" = version ] && echo 20.10.24\n`);
  chmodSync(bin, 0o755);
  const t = new DockerTarget({
    app: 'shop',
    environment: 'production',
    dockerBin: bin,
    docker: {
      ...(host ? { host } : {}),
      network: 'host',
      ports: { blue: 18081, green: 18082 },
      portEnv: 'PORT',
      address: '127.0.0.1',
      env: {},
      envFrom: [],
      runOptions: [],
      proxy: {
        kind: 'haproxy',
        socket: join(dir, 'no-such.sock'),
        backend: 'shop',
        servers: { blue: 'blue', green: 'green' },
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

  it('a proxy socket that is not on this machine fails prepare, saying where the deploy must run', async () => {
    const { t, calls } = target('ssh://deploy@shop-1.example.com');
    const err = await t.prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where).toBe('proxy.socket');
    expect((err as Error).message).toMatch(
      /^proxy\.socket: HAProxy admin socket .*no-such\.sock does not exist\. The proxy and the colors' ports are reached from the machine running the deploy, not through the Docker host ssh:\/\/deploy@shop-1\.example\.com: run the deploy on that host/,
    );
    // only the daemon was asked for its version: nothing was created or started
    expect(calls()).toEqual(['ssh://deploy@shop-1.example.com version --format {{.Server.Version}}']);
  });

  it('on this machine the error stays as it was', async () => {
    const { t } = target(undefined);
    await expect(t.prepare()).rejects.toThrow(/^proxy\.socket: HAProxy admin socket .* does not exist$/);
  });
});
