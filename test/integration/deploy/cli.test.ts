/** `slipway deploy` and `slipway rollback` on a terminal: the same engine, outputs as name=value. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';
import { dockerResult, uniqueSuffix } from '../../support/services.js';
import { buildDeployApp, freePort, startHaproxy, type Proxy } from './support.js';

const app = `deploy-cli-${uniqueSuffix()}`;
const images = { v1: `deploy-web:${app}-v1`, v2: `deploy-web:${app}-v2` };
let dir: string;
let proxy: Proxy;
let config: string;

function slipway(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    join(repoRoot, 'node_modules/.bin/tsx'),
    [join(repoRoot, 'src/cli/index.ts'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, GITHUB_TOKEN: '', GITHUB_REPOSITORY: '' },
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('slipway deploy | rollback', () => {
  beforeAll(async () => {
    await buildDeployApp(images);
    dir = mkdtempSync(join(tmpdir(), 'deploy-cli-'));
    const ports = { blue: await freePort(), green: await freePort() };
    proxy = await startHaproxy(dir, ports);
    const px = proxy.config as { socket: string };
    config = join(dir, 'deploy.yml');
    writeFileSync(
      config,
      `apps:\n  ${app}:\n    environments:\n      production:\n        target: docker\n        url: ${proxy.publicUrl}\n        health: { path: /health, interval-seconds: 0.2, start-period-seconds: 0 }\n        version: { path: /version }\n        bake-seconds: 0\n        docker:\n          ports: { blue: ${ports.blue}, green: ${ports.green} }\n          proxy: { kind: haproxy, socket: ${px.socket}, backend: app }\n`,
    );
  }, 300_000);
  afterAll(async () => {
    dockerResult(['rm', '--force', `${app}-blue`, `${app}-green`]);
    for (const i of Object.values(images)) dockerResult(['rmi', '--force', i]);
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys twice and rolls back, printing outputs and phases', () => {
    const d1 = slipway(['deploy', '--app', app, '--image', images.v1, '--config', config]);
    expect(d1.code, d1.stderr).toBe(0);
    expect(d1.stdout).toMatch(/^color=blue$/m);
    expect(d1.stderr).toMatch(/── verify-switch/);
    const d2 = slipway(['deploy', '--app', app, '--image', images.v2, '--config', config]);
    expect(d2.code, d2.stderr).toBe(0);
    expect(d2.stdout).toMatch(/^color=green$/m);
    expect(d2.stdout).toMatch(new RegExp(`^previous-image=${images.v1.replace(/[.:]/g, '\\$&')}$`, 'm'));
    const rb = slipway(['rollback', '--app', app, '--config', config]);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/^color=blue$/m);
    expect(rb.stderr).toMatch(/rolled back .* to .*v1 on blue/);
  });

  it('fails with one clear line on a bad option value', () => {
    const r = slipway([
      'deploy',
      '--app',
      app,
      '--image',
      images.v1,
      '--config',
      config,
      '--bake-seconds',
      'x',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      "slipway deploy: bake-seconds: must be a number of at least 0, got 'x'",
    );
  });
});
