/**
 * `npm run demo` end to end, as a user runs it (twice, then --down), on its own ports, state dir
 * and image names so it does not touch a demo someone left running: the real services, builds,
 * gates, blue-green deploys behind HAProxy, the automatic rollback of v3 and retention.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';
import { dockerResult } from '../../support/services.js';

const PORT = 18780;
const NAME = 'demo-it';
let stateDir: string;

interface DemoRun {
  code: number;
  stdout: string;
  stderr: string;
}

function demo(...args: string[]): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
        join(repoRoot, 'scripts/demo.ts'),
        '--port',
        String(PORT),
        '--name',
        NAME,
        '--state-dir',
        stateDir,
        ...args,
      ],
      { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function publicVersion(): Promise<string | null> {
  const r = await fetch(`http://127.0.0.1:${PORT}/version`, { signal: AbortSignal.timeout(3000) });
  const body = (await r.json()) as { version: string; service: string };
  expect(body.service).toBe('web');
  return r.headers.get('x-app-version');
}

const STAGES = [
  'services',
  'build',
  'test + coverage gate',
  'security gate',
  'deploy v1',
  'deploy v2 under load',
  'deploy broken v3 → rollback',
  'retention',
];

function expectAllStagesPassed(r: DemoRun): void {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  for (const s of STAGES) {
    expect(r.stdout).toContain(`▶ ${s}`);
    expect(r.stdout).toMatch(new RegExp(`✔ ${s.replace(/[+→]/g, '\\$&')} \\(\\d+\\.\\d s\\)`));
    // the summary table has a row per stage
    expect(r.stdout).toMatch(new RegExp(`\\n  ${s.replace(/[+→]/g, '\\$&')} +ok +\\d+\\.\\d s`));
  }
  expect(r.stdout).not.toContain('✘');
}

describe('npm run demo', () => {
  beforeAll(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'demo-it-'));
  });

  afterAll(async () => {
    await demo('--down');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('runs every stage, rolls back the broken v3 and leaves v2 serving', async () => {
    const r = await demo();
    expectAllStagesPassed(r);
    expect(await publicVersion()).toBe('2.0.0');
    // the load during the v2 deploy lost nothing
    expect(r.stdout).toMatch(/deploy v2 under load +ok .* \d+ requests, 0 failed/);
    // the GitHub Deployments the demo printed: v1 superseded, v2 live, v3 failed, a rollback to v2
    const deployments = r.stdout.split('GitHub Deployments recorded')[1]!.split('\n\n')[0]!;
    expect(deployments).toMatch(/production deploy: .*\(v1\) → in_progress ×\d+ → success → inactive/);
    expect(deployments).toMatch(/production deploy: .*\(v2\) → in_progress ×\d+ → success\n/);
    expect(deployments).toMatch(/production deploy: .*\(v3\) → in_progress ×\d+ → failure/);
    expect(deployments).toMatch(/production deploy:rollback: .*\(v2\) → success/);
    expect(r.stdout).toMatch(/bake +public route unhealthy during bake/);
    // retention deleted worker v1 and kept the live image
    expect(r.stdout).toMatch(/delete demo-it\/worker v1 /);
    expect(r.stdout).toMatch(/keep +demo-it\/web v2 \([^)]*deployed/);
    // green (v2) runs and serves; the rolled-back blue (v3) was stopped
    const ps = dockerResult(['ps', '--filter', `name=demo-${NAME}-web-`, '--format', '{{.Names}}']);
    expect(ps.stdout.split('\n').filter(Boolean)).toEqual([`demo-${NAME}-web-green`]);
    expect(r.stdout).toContain(`app:       http://127.0.0.1:${PORT}/version`);
  }, 900_000);

  it('runs again on top of the first run (replaces HAProxy and the containers, cleans the old images)', async () => {
    const r = await demo();
    expectAllStagesPassed(r);
    expect(await publicVersion()).toBe('2.0.0');
    expect(r.stdout).toMatch(/delete \d+ image\(s\) left by earlier demo runs/);
  }, 900_000);

  it('--down stops HAProxy and removes the containers', async () => {
    expect(await publicVersion()).toBe('2.0.0');
    const r = await demo('--down');
    expect(r.code).toBe(0);
    const ps = dockerResult(['ps', '-a', '--filter', `name=demo-${NAME}-web-`, '--format', '{{.Names}}']);
    expect(ps.stdout.trim()).toBe('');
    await expect(
      fetch(`http://127.0.0.1:${PORT}/version`, { signal: AbortSignal.timeout(2000) }),
    ).rejects.toThrow();
  }, 120_000);

  it('stops with exit 1 and says what it expected when a stage goes wrong (public port taken)', async () => {
    const squatter = createServer();
    await new Promise<void>((ok) => squatter.listen(PORT, '127.0.0.1', ok));
    try {
      const r = await demo();
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✘ services');
      expect(r.stdout).toContain(`expected: port ${PORT} (public) free on 127.0.0.1`);
      expect(r.stdout).toMatch(/build +skipped/);
    } finally {
      await new Promise((ok) => squatter.close(ok));
    }
  }, 300_000);
});
