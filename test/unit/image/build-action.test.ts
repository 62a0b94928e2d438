/**
 * The shell steps of actions/build-image, run with bash as the runner runs them (inputs through
 * env:, results appended to GITHUB_OUTPUT), and the wiring of its `uses:` steps.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../support/harness.js';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(repoRoot, 'actions/build-image/action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const step = (id: string) => action.runs.steps.find((s) => s.id === id)!;

/** Runs a step's script with the given env; returns exit code, GITHUB_OUTPUT entries and stdout. */
function runStep(id: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'build-action-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['-e', '-c', step(id).run!], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...env },
  });
  const text = readFileSync(output, 'utf8');
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const kv = /^([\w-]+)=(.*)$/.exec(lines[i]!);
    if (kv) outputs[kv[1]!] = kv[2]!;
  }
  return { status: r.status, stdout: r.stdout, outputs, summary: readFileSync(summary, 'utf8') };
}

const inputsEnv = {
  SERVICE: 'site',
  FLAVOR: 'gighive',
  PUSH: 'true',
  REGISTRY: 'ghcr.io',
  IMAGES: '',
  REPOSITORY: 'Acme/Shop',
};

describe('build-image: Check inputs', () => {
  it('accepts good inputs and derives the image prefix (lower-cased) from the registry and repository', () => {
    const r = runStep('inputs', inputsEnv);
    expect(r.status).toBe(0);
    expect(r.outputs.images).toBe('ghcr.io/acme/shop');
    expect(runStep('inputs', { ...inputsEnv, IMAGES: 'registry.example.com/x' }).outputs.images).toBe(
      'registry.example.com/x',
    );
  });

  it.each([
    [{ SERVICE: 'Web' }, "input service: 'Web' is not a service name"],
    [{ SERVICE: '' }, "input service: '' is not a service name"],
    [{ FLAVOR: 'a b' }, "input flavor: 'a b' is not a flavor name"],
    [{ PUSH: 'yes' }, "input push: expected true or false, got 'yes'"],
    [{ REGISTRY: 'https://ghcr.io' }, "input registry: 'https://ghcr.io' is not a registry host"],
  ])('refuses %o naming the input', (over, message) => {
    const r = runStep('inputs', { ...inputsEnv, ...over });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`::error title=build-image::${message}`);
  });
});

describe('build-image: Build args', () => {
  const env = {
    PLAN_ARGS: 'FLAVOR=gighive\nAPP_VERSION=from-file',
    LABELS: `org.opencontainers.image.source=https://github.com/acme/shop\norg.opencontainers.image.revision=${'b'.repeat(40)}`,
    VERSION: '2.3.1',
    PLATFORMS: 'linux/amd64',
  };

  it('passes GIT_SHA and APP_VERSION first, then the plan build args (which win)', () => {
    const r = runStep('args', env);
    expect(r.status).toBe(0);
    expect(r.outputs['build-args']).toBe(
      `GIT_SHA=${'b'.repeat(40)}\nAPP_VERSION=2.3.1\nFLAVOR=gighive\nAPP_VERSION=from-file`,
    );
    expect(r.outputs.qemu).toBe('false');
  });

  it('asks for QEMU only when a platform is not linux/amd64', () => {
    expect(runStep('args', { ...env, PLATFORMS: 'linux/amd64,linux/arm64' }).outputs.qemu).toBe('true');
  });

  it('a build without plan build args', () => {
    expect(runStep('args', { ...env, PLAN_ARGS: '' }).outputs['build-args']).toBe(
      `GIT_SHA=${'b'.repeat(40)}\nAPP_VERSION=2.3.1`,
    );
  });
});

describe('build-image: Result', () => {
  it('outputs image@digest and writes the summary', () => {
    const r = runStep('result', {
      IMAGE: 'ghcr.io/acme/shop/site-gighive',
      DIGEST: `sha256:${'c'.repeat(64)}`,
      TAGS: 'ghcr.io/acme/shop/site-gighive:main\nghcr.io/acme/shop/site-gighive:sha-bbbbbbb',
      KEY: 'site/gighive',
    });
    expect(r.status).toBe(0);
    expect(r.outputs.image).toBe(`ghcr.io/acme/shop/site-gighive@sha256:${'c'.repeat(64)}`);
    expect(r.summary).toContain('| `ghcr.io/acme/shop/site-gighive:sha-bbbbbbb` |');
  });
});

describe('build-image: Result without a digest', () => {
  it('leaves image empty rather than writing name@', () => {
    const r = runStep('result', {
      IMAGE: 'ghcr.io/a/b/web',
      DIGEST: '',
      TAGS: 'ghcr.io/a/b/web:pr-7',
      KEY: 'web',
    });
    expect(r.status).toBe(0);
    expect(r.outputs.image).toBeUndefined();
    expect(r.summary).toContain('### Built `web`: `ghcr.io/a/b/web`');
  });
});

describe('build-image: wiring', () => {
  it('is a composite whose outputs come from its steps', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.outputs.digest!.value).toBe('${{ steps.build.outputs.digest }}');
    expect(action.outputs.image!.value).toBe('${{ steps.result.outputs.image }}');
    expect(action.inputs.service!.required).toBe(true);
  });

  it('builds with the plan: target, flavor args, cache, attestations; cache written only when pushing', () => {
    const b = step('build');
    expect(b.uses).toMatch(/^docker\/build-push-action@[0-9a-f]{40}$/);
    expect(b.with).toMatchObject({
      target: '${{ steps.plan.outputs.target }}',
      'build-args': '${{ steps.args.outputs.build-args }}',
      'cache-from': '${{ steps.plan.outputs.cache-from }}',
      sbom: true,
      provenance: 'mode=max',
    });
    expect(b.with!['cache-to']).toContain("inputs.push == 'true'");
    const plan = step('plan');
    expect(plan.uses).toBe('$/actions/image-plan');
    expect(plan.with).toMatchObject({ service: '${{ inputs.service }}', flavor: '${{ inputs.flavor }}' });
  });

  it('logs in only when pushing; third-party actions pinned by full SHA with a version comment', () => {
    const login = action.runs.steps.find((s) => s.uses?.startsWith('docker/login-action'))!;
    expect(login.if).toBe("inputs.push == 'true'");
    const text = readFileSync(join(repoRoot, 'actions/build-image/action.yml'), 'utf8');
    const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)].filter((m) => !m[1]!.startsWith('$/'));
    expect(uses.length).toBe(4);
    for (const m of uses) {
      expect(m[1]).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(m[2]).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });
});
