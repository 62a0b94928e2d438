/**
 * The fixture app's run contract (fixtures/apps/README.md), which the deploy tests rely on:
 * PORT/BIND, /health and its controls, /version, headers, a prompt stop on SIGTERM.
 */
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';
import { busyboxBaseImage, docker, dockerBuild, dockerResult, uniqueSuffix } from '../../support/services.js';

const id = uniqueSuffix();
const image = `fixture-test-${id}/web:latest`;
const containers: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function start(env: Record<string, string> = {}): Promise<{ name: string; url: string }> {
  const port = await freePort();
  const name = `fixture-test-${id}-${port}`;
  const envArgs = Object.entries({ PORT: String(port), ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  docker(['run', '-d', '--name', name, '--network', 'host', ...envArgs, image]);
  containers.push(name);
  return { name, url: `http://127.0.0.1:${port}` };
}

async function get(url: string, path: string, timeoutMs = 5000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url + path);
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('fixture app run contract', () => {
  beforeAll(async () => {
    const base = await busyboxBaseImage();
    dockerBuild([
      '--network',
      'host',
      '--progress',
      'plain',
      '--target',
      'web',
      '--build-arg',
      `BASE_IMAGE=${base}`,
      '--build-arg',
      'GIT_SHA=0123456789abcdef0123456789abcdef01234567',
      '--build-arg',
      'APP_VERSION=9.9.9',
      '-t',
      image,
      join(repoRoot, 'fixtures/apps/stack'),
    ]);
  });

  afterAll(() => {
    for (const c of containers) dockerResult(['rm', '-f', c]);
    dockerResult(['image', 'rm', image]);
  });

  it('serves /health, /version and / with version headers on PORT', async () => {
    const { url } = await start({ INSTANCE: 'blue' });
    const health = await get(url, '/health');
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect(health.headers.get('x-app-version')).toBe('9.9.9');
    expect(health.headers.get('x-app-service')).toBe('web');
    const version = await (await get(url, '/version')).json();
    expect(version).toMatchObject({
      service: 'web',
      flavor: '',
      version: '9.9.9',
      revision: '0123456789abcdef0123456789abcdef01234567',
      instance: 'blue',
    });
    expect((await get(url, '/nope')).status).toBe(404);
  });

  it('HEALTH_STATUS makes /health answer that status', async () => {
    const { url } = await start({ HEALTH_STATUS: '500' });
    expect((await get(url, '/health')).status).toBe(500);
    expect((await get(url, '/version')).status).toBe(200);
  });

  it('FAIL_AFTER_SECONDS: healthy first, failing after', async () => {
    const { url } = await start({ FAIL_AFTER_SECONDS: '2' });
    expect((await get(url, '/health')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await get(url, '/health')).status).toBe(500);
  });

  it('/admin/fail and /admin/recover flip /health at run time', async () => {
    const { url } = await start();
    expect((await get(url, '/health')).status).toBe(200);
    expect((await fetch(`${url}/admin/fail`, { method: 'POST' })).status).toBe(200);
    expect((await get(url, '/health')).status).toBe(503);
    expect((await fetch(`${url}/admin/recover`)).status).toBe(200);
    expect((await get(url, '/health')).status).toBe(200);
  });

  it('stops promptly on SIGTERM (docker stop) with exit code 0', async () => {
    const { name, url } = await start();
    await get(url, '/health');
    const t0 = Date.now();
    docker(['stop', '--time', '10', name]);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(docker(['inspect', '--format', '{{.State.ExitCode}}', name]).trim()).toBe('0');
  });
});
