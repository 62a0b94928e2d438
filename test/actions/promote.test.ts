/**
 * The promote bundle as the runner runs it, against the GitHub fake and a command target whose
 * scripts keep their state in files (an HTTP server in the test answers as each color's app).
 * A candidate is staged first by the deploy half (runCandidate) recording to the same fake.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDeployConfig, selectEnvironment } from '../../src/deploy/config.js';
import { GitHubRecorder } from '../../src/deploy/github-recorder.js';
import { buildDeployPlan } from '../../src/deploy/plan.js';
import { GitHubPromotionApi } from '../../src/deploy/promotion-github.js';
import { runCandidate } from '../../src/deploy/promotion.js';
import { runDeploy } from '../../src/deploy/engine.js';
import { commandFactory } from '../../src/runner/swarm-factories.js';
import { httpProbe } from '../../src/runner/http-probe.js';
import { Octokit } from '@octokit/core';
import { runShell } from '../../src/runner/docker-target-exec.js';
import type { DeployEffects } from '../../src/deploy/types.js';
import { runActionBundle } from '../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake/index.js';

const OWNER = 'octo-org';
const REPO = 'octo-repo';

let gh: GitHubFake;
let app: Server;
let port = 0;
let state = '';
let workspace = '';

/** Answers /<color>/... and /public/... as the app in that color would (state from the scripts' files). */
function answer(url: string): { status: number; version?: string } {
  const [, which = ''] = url.split('/');
  const color =
    which === 'public'
      ? existsSync(join(state, 'live'))
        ? readFileSync(join(state, 'live'), 'utf8')
        : ''
      : which;
  if (!color || !existsSync(join(state, `${color}.running`))) return { status: 502 };
  const version = readFileSync(join(state, `${color}.image`), 'utf8')
    .split(':')
    .pop()!;
  return { status: version === 'bad' ? 500 : 200, version };
}

beforeAll(async () => {
  app = createServer((req, res) => {
    const a = answer(req.url ?? '/');
    res.writeHead(a.status, a.version ? { 'x-version': a.version } : {}).end(a.version ?? 'down');
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  port = (app.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => app.close(r));
});

beforeEach(async () => {
  gh = await startGitHubFake({ seed: 1 });
  gh.seed.org(OWNER);
  gh.seed.repo(OWNER, REPO);
  gh.seed.user('alice');
  gh.seed.user('mallory');
  gh.seed.teamMember(OWNER, 'release', 'bob');
  state = mkdtempSync(join(tmpdir(), 'promote-state-'));
  workspace = mkdtempSync(join(tmpdir(), 'promote-ws-'));
  const status = join(state, 'status.sh');
  writeFileSync(
    status,
    [
      '#!/bin/sh',
      'echo "live=$(cat "$STATE_DIR/live" 2>/dev/null)"',
      'for c in blue green; do',
      '  [ -f "$STATE_DIR/$c.image" ] || { echo "$c.state=missing"; continue; }',
      '  if [ -f "$STATE_DIR/$c.running" ]; then echo "$c.state=running"; else echo "$c.state=stopped"; fi',
      '  echo "$c.image=$(cat "$STATE_DIR/$c.image")"',
      'done',
      '',
    ].join('\n'),
  );
  chmodSync(status, 0o755);
  writeFileSync(
    join(workspace, 'slipway-deploy.yml'),
    [
      'version: 1',
      'apps:',
      '  shop:',
      '    environments:',
      '      production:',
      '        target: command',
      `        url: http://127.0.0.1:${port}/public`,
      '        health: { path: /health, interval-seconds: 0.05, timeout-seconds: 1, start-period-seconds: 0, healthy-threshold: 1, unhealthy-threshold: 2, deadline-seconds: 3 }',
      '        version: { header: X-Version, deadline-seconds: 3, interval-seconds: 0.05, consecutive: 1 }',
      '        bake-seconds: 0.2',
      '        command:',
      `          start: printf %s "$SLIPWAY_IMAGE" > "$STATE_DIR/$SLIPWAY_COLOR.image" && touch "$STATE_DIR/$SLIPWAY_COLOR.running" && echo url=http://127.0.0.1:${port}/$SLIPWAY_COLOR`,
      '          switch: printf %s "$SLIPWAY_COLOR" > "$STATE_DIR/live"',
      '          stop: rm -f "$STATE_DIR/$SLIPWAY_COLOR.running"',
      `          status: ${status}`,
      '',
    ].join('\n'),
  );
  process.env.STATE_DIR = state;
});
afterEach(async () => {
  gh.assertNoViolations();
  await gh.close();
});

/** Staging talks to the fake without the runner client's write throttling (1 s between writes). */
function stagingClient() {
  return new Octokit({ auth: 'ghs_test', baseUrl: gh.url });
}

async function effects(): Promise<DeployEffects> {
  const env = selectEnvironment(
    parseDeployConfig(readFileSync(join(workspace, 'slipway-deploy.yml'), 'utf8'), 'slipway-deploy.yml'),
    'shop',
    'production',
  );
  const { target } = await commandFactory(env, { processEnv: process.env, log: () => {} });
  const client = stagingClient();
  return {
    target,
    recorder: new GitHubRecorder(client, OWNER, REPO),
    probe: httpProbe,
    smoke: runShell,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info() {}, warning() {}, group: (_n, fn) => fn() },
  };
}

async function planFor(image: string) {
  const env = selectEnvironment(
    parseDeployConfig(readFileSync(join(workspace, 'slipway-deploy.yml'), 'utf8'), 'slipway-deploy.yml'),
    'shop',
    'production',
  );
  return buildDeployPlan(env, { image, health: {}, ref: 'main' }, { env: {} });
}

/** v1 live on blue, then candidates staged in order (each supersedes the one before). */
async function stage(...images: string[]): Promise<string[]> {
  const fx = await effects();
  expect((await runDeploy(await planFor('shop:v1'), fx)).outcome).toBe('success');
  const api = new GitHubPromotionApi(stagingClient(), OWNER, REPO);
  const ids: string[] = [];
  for (const image of images) {
    const r = await runCandidate(await planFor(image), fx, api);
    expect(r.outcome).toBe('awaiting-promotion');
    ids.push(r.deploymentId!);
  }
  return ids;
}

function run(inputs: Record<string, string>, event: { name: string; file: string; actor: string }) {
  return runActionBundle('promote', {
    inputs: { app: 'shop', config: 'slipway-deploy.yml', 'github-token': 'ghs_test', ref: 'main', ...inputs },
    eventName: event.name,
    event: event.file,
    apiUrl: gh.url,
    workspace,
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_ACTOR: event.actor,
      STATE_DIR: state,
      GITHUB_RUN_ID: '77',
    },
  });
}

const dispatch = (actor: string) => ({ name: 'workflow_dispatch', file: 'workflow_dispatch.json', actor });

describe('promote action', () => {
  it('an allowed actor promotes the staged candidate: traffic switches, the same Deployment succeeds', async () => {
    const [id] = await stage('shop:v2');
    expect(readFileSync(join(state, 'live'), 'utf8')).toBe('blue');
    const deployment = gh.deployments(OWNER, REPO).find((d) => String(d.id) === id)!;
    expect(deployment.statuses.at(-1)).toMatchObject({
      state: 'queued',
      description: 'green ready, awaiting promotion',
    });

    const r = await run({ approvers: `alice, ${OWNER}/release` }, dispatch('alice'));
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({
      decision: 'promote',
      'deployment-id': id,
      image: 'shop:v2',
      color: 'green',
      outcome: 'success',
    });
    expect(readFileSync(join(state, 'live'), 'utf8')).toBe('green');
    const after = gh.deployments(OWNER, REPO).find((d) => String(d.id) === id)!;
    expect(after.statuses.at(-1)).toMatchObject({ state: 'success' });
    expect(after.statuses.at(-1)!.description).toContain('promoted by @alice');
    expect(r.summary).toContain('@alice is an approver');
  });

  it('a team member may promote through a /promote comment', async () => {
    const [id] = await stage('shop:v2');
    const r = await run(
      { approvers: `${OWNER}/release`, command: `/promote ${id}` },
      { name: 'issue_comment', file: 'issue_comment-created.json', actor: 'bob' },
    );
    expect(r.errors).toEqual([]);
    expect(r.outputs.color).toBe('green');
    expect(r.summary).toContain(`@bob is a member of ${OWNER}/release`);
  });

  it('another actor is refused with a clear message and nothing changes', async () => {
    await stage('shop:v2');
    const before = gh.deployments(OWNER, REPO).map((d) => d.statuses.length);
    const r = await run({ approvers: `alice, ${OWNER}/release` }, dispatch('mallory'));
    expect(r.exitCode).not.toBe(0);
    expect(r.errors).toEqual([
      `promote: actor: @mallory may not promote shop in production: allowed are @alice, members of ${OWNER}/release`,
    ]);
    expect(readFileSync(join(state, 'live'), 'utf8')).toBe('blue');
    expect(gh.deployments(OWNER, REPO).map((d) => d.statuses.length)).toEqual(before);
  });

  it('an approver that does not exist fails before anything changes', async () => {
    await stage('shop:v2');
    const r = await run({ approvers: 'alice, nobody-here' }, dispatch('alice'));
    expect(r.errors).toEqual(["promote: approvers: user 'nobody-here' does not exist on GitHub"]);
    expect(readFileSync(join(state, 'live'), 'utf8')).toBe('blue');
  });

  it('a newer candidate supersedes an older waiting one', async () => {
    const [older, newer] = await stage('shop:v2', 'shop:v3');
    const o = gh.deployments(OWNER, REPO).find((d) => String(d.id) === older)!;
    expect(o.statuses.at(-1)).toMatchObject({
      state: 'inactive',
      description: `superseded by deployment ${newer} (shop:v3)`,
    });
    const refused = await run({ approvers: 'alice', 'deployment-id': older! }, dispatch('alice'));
    expect(refused.errors[0]).toMatch(
      new RegExp(`^promote: deployment-id: deployment ${older} \\(shop:v2\\) is not awaiting promotion`),
    );
    const r = await run({ approvers: 'alice' }, dispatch('alice'));
    expect(r.outputs).toMatchObject({ 'deployment-id': newer, image: 'shop:v3', color: 'green' });
  });

  it('/reject stops the candidate and records who rejected it and why', async () => {
    const [id] = await stage('shop:v2');
    const r = await run(
      { approvers: 'alice', command: '/reject checkout is broken' },
      { name: 'issue_comment', file: 'issue_comment-created.json', actor: 'alice' },
    );
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({ decision: 'reject', outcome: 'rejected', color: 'blue' });
    expect(existsSync(join(state, 'green.running'))).toBe(false);
    const d = gh.deployments(OWNER, REPO).find((x) => String(x.id) === id)!;
    expect(d.statuses.at(-1)).toMatchObject({
      state: 'failure',
      description: 'rejected by @alice: checkout is broken',
    });
    expect(r.summary).toContain('rejected');
  });

  it('uses the environment required reviewers when there are no approvers', async () => {
    await stage('shop:v2');
    const noGate = await run({}, dispatch('alice'));
    expect(noGate.errors[0]).toMatch(
      /^promote: approvers: is required: production has no required reviewers/,
    );
    gh.seed.environment(OWNER, REPO, 'production', { reviewers: [{ type: 'User', id: 1 }] });
    const r = await run({}, dispatch('alice'));
    expect(r.errors).toEqual([]);
    expect(r.summary).toMatch(/has required reviewers/);
  });
});
