/**
 * The shell steps of the security-scan composite and the scan.yml workflow, run with bash as the
 * runner runs them (inputs through env:, results in GITHUB_OUTPUT).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseKeyValueFile, repoRoot } from '../../support/harness.js';

type Step = { id?: string; name?: string; run?: string };

function script(file: string, find: (s: Step) => boolean): string {
  const doc = parse(readFileSync(join(repoRoot, file), 'utf8')) as {
    runs?: { steps: Step[] };
    jobs?: Record<string, { steps: Step[] }>;
  };
  const steps = [...(doc.runs?.steps ?? []), ...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps)];
  const s = steps.find(find);
  if (!s?.run) throw new Error(`no such step in ${file}`);
  return s.run;
}

function run(body: string, env: Record<string, string>) {
  const tmp = mkdtempSync(join(tmpdir(), 'slipway-scan-step-'));
  const out = join(tmp, 'out');
  writeFileSync(out, '');
  const r = spawnSync('bash', ['-e', '-c', body], {
    env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: tmp, GITHUB_OUTPUT: out, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, outputs: parseKeyValueFile(readFileSync(out, 'utf8')) };
}

const digest = 'sha256:' + 'ab'.repeat(32);

describe('security-scan: input check step', () => {
  const body = script('actions/security-scan/action.yml', (s) => s.id === 'plan');

  it('plans the scanners asked for', () => {
    const r = run(body, { IMAGE: `ghcr.io/acme/api@${digest}`, SCAN: 'image, secrets', NAME: 'api/gpu' });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ image: 'true', fs: 'false', config: 'false', secrets: 'true' });
    expect(r.outputs.dir).toMatch(/slipway-scan\/api-gpu$/);
    expect(r.outputs.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('skips the image scan without an image', () => {
    const r = run(body, { IMAGE: '', SCAN: 'image,fs,config,secrets', NAME: 'repo' });
    expect(r.outputs).toMatchObject({ image: 'false', fs: 'true', config: 'true', secrets: 'true' });
  });

  it('refuses an image by tag, an unknown scanner and a name with shell characters', () => {
    const tag = run(body, { IMAGE: 'ghcr.io/acme/api:latest', SCAN: 'image', NAME: 'api' });
    expect(tag.code).toBe(1);
    expect(tag.stdout).toContain("input image: 'ghcr.io/acme/api:latest' is not an image by digest");
    const scanner = run(body, { IMAGE: '', SCAN: 'image,sbom', NAME: 'api' });
    expect(scanner.stdout).toContain("input scan: unknown scanner 'sbom'");
    const name = run(body, { IMAGE: '', SCAN: 'fs', NAME: 'api;rm -rf /' });
    expect(name.code).toBe(1);
    expect(name.stdout).toContain('input name:');
  });
});

describe('scan.yml: images map to matrix', () => {
  const body = script('.github/workflows/scan.yml', (s) => s.id === 'plan');

  it("turns build.yml's images output into matrix entries", () => {
    const images = JSON.stringify({
      api: `ghcr.io/acme/api@${digest}`,
      'worker/gpu': `ghcr.io/acme/worker-gpu@${digest}`,
    });
    const r = run(body, { IMAGES: images });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs.matrix!)).toEqual([
      { name: 'api', image: `ghcr.io/acme/api@${digest}` },
      { name: 'worker/gpu', image: `ghcr.io/acme/worker-gpu@${digest}` },
    ]);
    expect(r.outputs.count).toBe('2');
  });

  it('an empty map scans no image', () => {
    expect(run(body, { IMAGES: '{}' }).outputs).toMatchObject({ matrix: '[]', count: '0' });
  });

  it('refuses images that are not pinned by digest, and input that is not a map', () => {
    const bad = run(body, { IMAGES: JSON.stringify({ api: 'ghcr.io/acme/api:v1' }) });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('not an image by digest (name@sha256:<64 hex>): api=ghcr.io/acme/api:v1');
    const list = run(body, { IMAGES: '["ghcr.io/acme/api"]' });
    expect(list.code).toBe(1);
    expect(list.stdout).toContain('input images: expected a JSON object');
  });
});
