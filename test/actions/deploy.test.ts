/** The deploy bundle as the runner runs it: inputs and config are checked before anything happens. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runActionBundle } from '../support/harness.js';

function workspace(config: string): string {
  const ws = mkdtempSync(join(tmpdir(), 'deploy-action-'));
  writeFileSync(join(ws, 'slipway-deploy.yml'), config);
  return ws;
}

const config = `apps:
  shop:
    environments:
      production:
        target: docker
        url: http://127.0.0.1:9
        health: { path: /health }
        docker:
          ports: { blue: 18081, green: 18082 }
          proxy: { kind: haproxy, socket: /nonexistent/admin.sock, backend: shop }
`;

describe('deploy action', () => {
  it('requires app and image', async () => {
    const r = await runActionBundle('deploy', { inputs: { image: 'x' } });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toContain('deploy: app: is required');
    const r2 = await runActionBundle('deploy', { inputs: { app: 'shop' } });
    expect(r2.errors).toContain('deploy: image: is required');
  });

  it('names a bad input', async () => {
    const ws = workspace(config);
    const r = await runActionBundle('deploy', {
      workspace: ws,
      inputs: { app: 'shop', image: 'x', config: 'slipway-deploy.yml', 'bake-seconds': 'soon' },
    });
    expect(r.errors).toContain("deploy: bake-seconds: must be a number of at least 0, got 'soon'");
  });

  it('names the file, line and field of a config mistake', async () => {
    const ws = workspace(config.replace('target: docker', 'target: nomad'));
    const r = await runActionBundle('deploy', {
      workspace: ws,
      inputs: { app: 'shop', image: 'x', config: 'slipway-deploy.yml' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toContain(
      "deploy: slipway-deploy.yml:5: apps.shop.environments.production.target: unknown target 'nomad' (known: docker, swarm, kubernetes, command)",
    );
    expect(r.outputs.phase).toBeUndefined();
  });

  it('an unknown app or environment lists what is configured', async () => {
    const ws = workspace(config);
    const r = await runActionBundle('deploy', {
      workspace: ws,
      inputs: { app: 'shop', environment: 'staging', image: 'x', config: 'slipway-deploy.yml' },
    });
    expect(r.errors).toContain(
      "deploy: slipway-deploy.yml: no app 'shop' with environment 'staging' (configured: shop/production)",
    );
  });

  it('a health override that makes no sense is refused by its input name', async () => {
    const ws = workspace(config);
    const r = await runActionBundle('deploy', {
      workspace: ws,
      inputs: { app: 'shop', image: 'x', config: 'slipway-deploy.yml', 'health-expect-status': '99' },
    });
    expect(r.errors.join('\n')).toMatch(/deploy: health-expect-status: must be HTTP status codes/);
  });
});

describe('root action.yml', () => {
  it('is the deploy action: same inputs, outputs and bundle as actions/deploy/action.yml', () => {
    const read = (p: string) =>
      parse(readFileSync(join(repoRoot, p), 'utf8')) as Record<string, unknown> & { runs: { main: string } };
    const root = read('action.yml');
    const deploy = read('actions/deploy/action.yml');
    expect(root.inputs).toEqual(deploy.inputs);
    expect(root.outputs).toEqual(deploy.outputs);
    expect(root.runs.main).toBe('dist/deploy/index.js');
    expect(deploy.runs.main).toBe('../../dist/deploy/index.js');
  });
});
