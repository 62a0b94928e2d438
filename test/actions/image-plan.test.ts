/**
 * The built image-plan bundle, run as the Actions runner runs it, on real webhook payloads, with
 * the release history read from the (OpenAPI-validated) GitHub fake.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../support/github-fake/index.js';
import { loadEvent, runActionBundle } from '../support/harness.js';

const OWNER = 'Codertocat';
const REPO = 'Hello-World';
const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const SHORT = SHA.slice(0, 7);
const RELEASES = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.3.0', 'v2.4.0-rc.1', 'simple-tag'];

const servicesFile = `
flavors:
  gighive: { build-args: { FLAVOR: gighive } }
  stormpigs: { build-args: { FLAVOR: stormpigs } }
services:
  web: { target: web }
  worker: { target: worker, flavors: [gighive, stormpigs] }
`;
const dockerfile = `FROM scratch AS deps
FROM deps AS build
FROM build AS web
FROM build AS worker
`;

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-plan-ws-'));
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github', 'slipway.yml'), servicesFile);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

let fake: GitHubFake;
beforeAll(async () => {
  fake = await startGitHubFake({ seed: 7 });
  fake.seed.repo(OWNER, REPO, { defaultBranch: 'master' });
  for (const t of RELEASES) fake.seed.ref(OWNER, REPO, `tags/${t}`);
});
afterEach(() => fake.assertNoViolations());
afterAll(() => fake.close());

interface Case {
  name: string;
  eventName: string;
  event: string;
  ref?: string;
  tags: string[];
  version: string;
}

const cases: Case[] = [
  {
    name: 'push to the default branch',
    eventName: 'push',
    event: 'push-branch.json',
    tags: ['master', `sha-${SHORT}`],
    version: 'master',
  },
  {
    name: 'push to a feature branch',
    eventName: 'push',
    event: 'push-branch.json',
    ref: 'refs/heads/feature/new-login',
    tags: ['feature-new-login', `sha-${SHORT}`],
    version: 'feature-new-login',
  },
  {
    name: 'push of the newest release tag',
    eventName: 'push',
    event: 'push-tag.json',
    ref: 'refs/tags/v2.3.1',
    tags: ['v2.3.1', 'v2.3', 'v2', 'latest', `sha-${SHORT}`],
    version: '2.3.1',
  },
  {
    name: 'push of a tag older than the newest release',
    eventName: 'push',
    event: 'push-tag.json',
    ref: 'refs/tags/v1.2.1',
    tags: ['v1.2.1', 'v1.2', 'v1', `sha-${SHORT}`],
    version: '1.2.1',
  },
  {
    name: 'push of a pre-release tag',
    eventName: 'push',
    event: 'push-tag.json',
    ref: 'refs/tags/v2.4.0-rc.2',
    tags: ['v2.4.0-rc.2', `sha-${SHORT}`],
    version: '2.4.0-rc.2',
  },
  {
    name: 'push of a tag that is not a version',
    eventName: 'push',
    event: 'push-tag.json',
    ref: 'refs/tags/simple-tag',
    tags: ['simple-tag', `sha-${SHORT}`],
    version: 'simple-tag',
  },
  {
    name: 'a pull request',
    eventName: 'pull_request',
    event: 'pull_request-synchronize.json',
    tags: ['pr-2', 'sha-ec26c3e'],
    version: 'pr-2',
  },
  {
    name: 'a schedule on the default branch',
    eventName: 'schedule',
    event: 'push-branch.json',
    tags: ['nightly', `sha-${SHORT}`],
    version: 'nightly',
  },
  {
    name: 'a workflow_dispatch',
    eventName: 'workflow_dispatch',
    event: 'workflow_dispatch.json',
    tags: ['master', `sha-${SHORT}`],
    version: 'master',
  },
];

describe('image-plan bundle', () => {
  it.each(cases)('$name', async (c) => {
    const payload = loadEvent(c.event);
    if (c.ref) payload.ref = c.ref;
    const run = await runActionBundle('image-plan', {
      eventName: c.eventName,
      event: payload,
      apiUrl: fake.url,
      workspace: workspace(),
      env: { GITHUB_SHA: SHA, ...(c.eventName === 'schedule' ? { GITHUB_REF: 'refs/heads/master' } : {}) },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const matrix = JSON.parse(run.outputs.matrix!) as {
      include: { key: string; image: string; target: string }[];
    };
    const repo = (payload.repository as { full_name: string }).full_name.toLowerCase();
    expect(matrix.include.map((m) => [m.key, m.image, m.target])).toEqual([
      ['web', `ghcr.io/${repo}/web`, 'web'],
      ['worker/gighive', `ghcr.io/${repo}/worker-gighive`, 'worker'],
      ['worker/stormpigs', `ghcr.io/${repo}/worker-stormpigs`, 'worker'],
    ]);
    const plan = JSON.parse(run.outputs.plan!) as {
      tagNames: string[];
      labels: Record<string, string>;
      cacheTo: string[];
    }[];
    for (const b of plan) expect(b.tagNames).toEqual(c.tags);
    expect(run.outputs.version).toBe(c.version);
    expect(plan[0]!.labels['org.opencontainers.image.source']).toBe(
      `https://github.com/${(payload.repository as { full_name: string }).full_name}`,
    );
    // Pull requests never write the shared cache.
    expect(plan[0]!.cacheTo.length).toBe(c.eventName === 'pull_request' ? 0 : 1);
    expect(run.summary).toContain(`version \`${c.version}\``);
    if (c.event === 'push-tag.json') {
      expect(fake.count({ operationId: 'git/list-matching-refs' })).toBeGreaterThan(0);
    }
  });

  it('gives tags, labels and cache refs of one service and flavor for a single build step', async () => {
    const run = await runActionBundle('image-plan', {
      inputs: { service: 'worker', flavor: 'stormpigs', images: 'registry.example.com/acme/shop' },
      eventName: 'push',
      event: 'push-branch.json',
      apiUrl: fake.url,
      workspace: workspace(),
      env: { GITHUB_SHA: SHA },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.tags!.split('\n')).toEqual([
      'registry.example.com/acme/shop/worker-stormpigs:master',
      `registry.example.com/acme/shop/worker-stormpigs:sha-${SHORT}`,
    ]);
    expect(run.outputs['build-args']).toBe('FLAVOR=stormpigs');
    expect(run.outputs.target).toBe('worker');
    expect(run.outputs['cache-to']).toBe('type=gha,scope=worker-stormpigs,mode=max,ignore-error=true');
    expect(run.outputs.labels).toContain(`org.opencontainers.image.revision=${SHA}`);
  });

  it('falls back to the checkout tags when the API keeps failing, and says so', async () => {
    const dir = workspace();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'x');
    for (const t of ['v3.0.0', 'v3.1.0']) git('tag', t);
    const fault = fake.faults.add({
      match: { operationId: 'git/list-matching-refs' },
      kind: '5xx',
      status: 502,
    });
    const payload = loadEvent('push-tag.json');
    payload.ref = 'refs/tags/v3.0.1';
    const run = await runActionBundle('image-plan', {
      eventName: 'push',
      event: payload,
      apiUrl: fake.url,
      workspace: dir,
    });
    fake.faults.remove(fault);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.plan!)[0].tagNames).toEqual(['v3.0.1', 'v3.0', `sha-${SHORT}`]);
    expect(run.stdout).toContain('from the checkout');
  });

  it('fails on a bad services file, naming the file, line and field, and outputs nothing', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, '.github', 'slipway.yml'),
      'services:\n  web:\n    target: web\n    tagret: oops\n',
    );
    const run = await runActionBundle('image-plan', {
      eventName: 'push',
      event: 'push-branch.json',
      apiUrl: fake.url,
      workspace: dir,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      'image-plan: .github/slipway.yml:4: services.web.tagret: unknown key',
    );
    expect(run.outputs).toEqual({});
  });

  it('fails when the Dockerfile has no stage named by a target', async () => {
    const dir = workspace({ Dockerfile: 'FROM scratch AS web\n' });
    const run = await runActionBundle('image-plan', {
      eventName: 'push',
      event: 'push-branch.json',
      apiUrl: fake.url,
      workspace: dir,
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      "services.worker.target: stage 'worker' is not in Dockerfile (its stages: web)",
    );
  });
});
