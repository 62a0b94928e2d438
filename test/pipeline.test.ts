/**
 * The shell steps of pipeline.yml and the deploy-credentials action, run with bash exactly as a
 * runner runs them (env in, GITHUB_OUTPUT / GITHUB_ENV out).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseKeyValueFile, parseWorkflowCommands, repoRoot } from './support/harness.js';

type Step = { id?: string; name?: string; run?: string };

function script(file: string, pick: (s: Step) => boolean): string {
  const doc = parse(readFileSync(join(repoRoot, file), 'utf8')) as {
    jobs?: Record<string, { steps?: Step[] }>;
    runs?: { steps?: Step[] };
  };
  const steps = [...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? []), ...(doc.runs?.steps ?? [])];
  const step = steps.find(pick);
  if (!step?.run) throw new Error(`no such step in ${file}`);
  return step.run;
}

function runStep(run: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-step-'));
  const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_ENV: join(dir, 'env') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const r = spawnSync('bash', ['-e', '-c', run], {
    env: { PATH: process.env.PATH!, HOME: dir, RUNNER_TEMP: dir, ...files, ...env },
    encoding: 'utf8',
  });
  return {
    code: r.status,
    stdout: r.stdout,
    commands: parseWorkflowCommands(r.stdout),
    outputs: parseKeyValueFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    env: parseKeyValueFile(readFileSync(files.GITHUB_ENV, 'utf8')),
    home: dir,
  };
}

describe('pipeline.yml deploy plan', () => {
  const plan = script('.github/workflows/pipeline.yml', (s) => s.id === 'plan');
  const images = JSON.stringify({
    backend: 'ghcr.io/o/r/backend@sha256:' + 'a'.repeat(64),
    frontend: 'ghcr.io/o/r/frontend@sha256:' + 'b'.repeat(64),
  });
  const base = {
    APPS: '{"api": "backend", "web": "frontend"}',
    IMAGES: images,
    EVENT: 'push',
    DEFAULT_BRANCH: 'main',
    STAGING_ENV: 'staging',
    STAGING_BRANCH: 'develop',
    PRODUCTION_ENV: 'production',
    PRODUCTION_BRANCH: 'main',
    PRODUCTION_ON_TAGS: 'false',
  };

  it.each([
    ['develop deploys to staging only', { REF: 'refs/heads/develop' }, 'true', 'false'],
    ['main deploys to production only', { REF: 'refs/heads/main' }, 'false', 'true'],
    ['a feature branch deploys nowhere', { REF: 'refs/heads/feature/x' }, 'false', 'false'],
    ['a pull request deploys nowhere', { REF: 'refs/pull/3/merge', EVENT: 'pull_request' }, 'false', 'false'],
    [
      'main with the default branches deploys to staging, then production',
      { REF: 'refs/heads/main', STAGING_BRANCH: '', PRODUCTION_BRANCH: '' },
      'true',
      'true',
    ],
    [
      'a release tag deploys to staging and production with production-on-tags',
      { REF: 'refs/tags/v1.2.0', STAGING_BRANCH: '', PRODUCTION_BRANCH: 'none', PRODUCTION_ON_TAGS: 'true' },
      'true',
      'true',
    ],
    [
      'production-branch none keeps branch pushes out of production',
      { REF: 'refs/heads/main', STAGING_BRANCH: '', PRODUCTION_BRANCH: 'none', PRODUCTION_ON_TAGS: 'true' },
      'true',
      'false',
    ],
    [
      'an empty staging environment skips staging',
      { REF: 'refs/heads/develop', STAGING_ENV: '' },
      'false',
      'false',
    ],
    ['no apps deploy nothing', { REF: 'refs/heads/main', APPS: '{}' }, 'false', 'false'],
  ])('%s', (_name, env, staging, production) => {
    const r = runStep(plan, { ...base, ...env });
    expect(r.code, r.stdout).toBe(0);
    expect([r.outputs.staging, r.outputs.production]).toEqual([staging, production]);
  });

  it('deploys each app by the digest the build pushed', () => {
    const r = runStep(plan, { ...base, REF: 'refs/heads/main' });
    expect(JSON.parse(r.outputs.targets!)).toEqual([
      { app: 'api', key: 'backend', image: JSON.parse(images).backend },
      { app: 'web', key: 'frontend', image: JSON.parse(images).frontend },
    ]);
  });

  it('fails clearly when an app names an image the build did not produce', () => {
    const r = runStep(plan, { ...base, REF: 'refs/heads/main', APPS: '{"api": "backnd"}' });
    expect(r.code).toBe(1);
    expect(r.commands[0]?.message).toContain('input apps: jq: error');
    expect(r.commands[0]?.message).toContain(
      'apps.api: no image "backnd" was built (built: backend, frontend)',
    );
  });
});

describe('deploy-credentials action', () => {
  const run = script('actions/deploy-credentials/action.yml', (s) => s.name === 'Deploy credentials');
  const empty = { SSH_KEY: '', KNOWN_HOSTS: '', KUBECONFIG_DATA: '', DEPLOY_ENV: '' };

  it('exports deploy variables with every value masked, multi-line safe', () => {
    const r = runStep(run, {
      ...empty,
      DEPLOY_ENV: '# comment\nDATABASE_URL=postgres://u:p@db/x\nJWT_SECRET=s3cr=t\n',
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.env).toEqual({ DATABASE_URL: 'postgres://u:p@db/x', JWT_SECRET: 's3cr=t' });
    expect(r.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual([
      'postgres://u:p@db/x',
      's3cr=t',
    ]);
  });

  it('refuses a line that is not KEY=value without printing it', () => {
    const r = runStep(run, { ...empty, DEPLOY_ENV: 'OK=1\nthis is a secret\n' });
    expect(r.code).toBe(1);
    expect(r.commands.find((c) => c.command === 'error')?.message).toBe(
      'deploy-env line 2 is not KEY=value (the value is not shown)',
    );
    expect(r.stdout).not.toContain('this is a secret');
  });

  it('installs an SSH key only with known hosts, and a kubeconfig', () => {
    const refused = runStep(run, { ...empty, SSH_KEY: 'KEY' });
    expect(refused.code).toBe(1);
    expect(refused.commands[0]?.message).toContain('ssh-known-hosts is required');
    const r = runStep(run, {
      ...empty,
      SSH_KEY: 'KEY',
      KNOWN_HOSTS: 'host ssh-ed25519 AAAA',
      KUBECONFIG_DATA: 'apiVersion: v1',
    });
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(join(r.home, '.ssh', 'known_hosts'), 'utf8')).toBe('host ssh-ed25519 AAAA\n');
    expect(readFileSync(join(r.home, '.ssh', 'config'), 'utf8')).toContain('StrictHostKeyChecking yes');
    expect(readFileSync(r.env.KUBECONFIG!, 'utf8')).toBe('apiVersion: v1\n');
  });
});

describe('deployed records: deploy.yml writes one per deploy, pipeline.yml merges them', () => {
  const record = script('.github/workflows/deploy.yml', (s) => s.name === 'Record what was deployed');
  const merge = script('.github/workflows/pipeline.yml', (s) => s.id === 'merge');

  it('merges every leg of the matrix into environment -> app, with a summary table', () => {
    const runner = mkdtempSync(join(tmpdir(), 'slipway-runner-'));
    const legs = [
      {
        APP: 'web',
        ENVIRONMENT: 'staging',
        IMAGE: 'ghcr.io/o/r/web@sha256:' + 'a'.repeat(64),
        OUTCOME: 'success',
        URL: 'https://staging.shop',
        COLOR: 'green',
      },
      {
        APP: 'api',
        ENVIRONMENT: 'staging',
        IMAGE: 'ghcr.io/o/r/api@sha256:' + 'b'.repeat(64),
        OUTCOME: 'rolled-back',
        URL: 'https://api.staging.shop',
        COLOR: 'blue',
      },
      {
        APP: 'web',
        ENVIRONMENT: 'production',
        IMAGE: 'ghcr.io/o/r/web@sha256:' + 'a'.repeat(64),
        OUTCOME: 'success',
        URL: 'https://shop|x',
        COLOR: 'blue',
      },
    ];
    for (const leg of legs) expect(runStep(record, { ...leg, RUNNER_TEMP: runner }).code).toBe(0);
    const summary = join(runner, 'summary.md');
    writeFileSync(summary, '');
    const r = runStep(merge, { RECORDS: join(runner, 'slipway-deployed'), GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.deployed!)).toEqual({
      staging: {
        web: { image: legs[0]!.IMAGE, outcome: 'success', url: 'https://staging.shop', color: 'green' },
        api: {
          image: legs[1]!.IMAGE,
          outcome: 'rolled-back',
          url: 'https://api.staging.shop',
          color: 'blue',
        },
      },
      production: {
        web: { image: legs[2]!.IMAGE, outcome: 'success', url: 'https://shop|x', color: 'blue' },
      },
    });
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('| production | web | success | `ghcr.io/o/r/web@sha256:');
    expect(md).toContain('| staging | api | rolled-back |');
    expect(md).toContain('https://shopx |'); // a | in a value cannot break the table
  });

  it('says so when no deploy left a record', () => {
    const runner = mkdtempSync(join(tmpdir(), 'slipway-runner-'));
    const summary = join(runner, 'summary.md');
    writeFileSync(summary, '');
    const r = runStep(merge, { RECORDS: join(runner, 'none'), GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    expect(r.outputs.deployed).toBe('{}');
    expect(readFileSync(summary, 'utf8')).toMatch(/No deploys in this run/);
  });
});
