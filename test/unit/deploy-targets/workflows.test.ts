/**
 * promote.yml and hotfix.yml: linted with the real tools, their security rules checked, and the
 * hotfix path exercised: the deploy bundle records the reason in the Deployment payload, and the
 * workflow's own summary step (its `run:` script, executed with bash) writes it, escaped.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runActionBundle } from '../../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { actionlint, workflowParser } from '../../support/workflow-lint.js';

type Job = {
  if?: string;
  environment?: unknown;
  permissions?: unknown;
  steps?: { run?: string; env?: Record<string, string>; uses?: string; with?: Record<string, string> }[];
};
const workflow = (name: string) =>
  parse(readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8')) as {
    permissions: unknown;
    jobs: Record<string, Job>;
  };

describe.each(['promote.yml', 'hotfix.yml'])('%s', (name) => {
  it('passes actionlint and the workflow parser', async () => {
    const file = join(repoRoot, '.github', 'workflows', name);
    expect(await actionlint(file)).toEqual([]);
    expect(workflowParser(file)).toEqual([]);
  });

  it('grants nothing at the top, never expands inputs or event data inside run:, pins third-party actions', () => {
    const text = readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8');
    const wf = workflow(name);
    expect(wf.permissions).toEqual({});
    for (const job of Object.values(wf.jobs)) {
      expect(job.permissions).toBeDefined();
      for (const s of job.steps ?? []) {
        if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
        if (s.uses && !s.uses.startsWith('$/')) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
        if (s.uses?.startsWith('actions/checkout@')) expect(s.with?.['persist-credentials']).toBe(false);
      }
    }
    expect(text).not.toMatch(/pull_request_target/);
    for (const m of text.matchAll(/uses: ([^$\s][^\s]*@[0-9a-f]{40})(.*)$/gm))
      expect(m[2]).toMatch(/# v\d+\.\d+\.\d+/);
  });
});

describe('promote.yml', () => {
  it('starts on comments only for /promote or /reject by owners, members and collaborators, and declares the environment', () => {
    const job = workflow('promote.yml').jobs.promote!;
    expect(job.if).toContain("startsWith(github.event.comment.body, '/promote')");
    expect(job.if).toContain("startsWith(github.event.comment.body, '/reject')");
    expect(job.if).toContain('github.event.comment.author_association');
    expect(job.environment).toBe('${{ inputs.environment }}');
  });
});

describe('hotfix.yml', () => {
  let gh: GitHubFake;
  let app: Server;
  let port = 0;
  let state = '';
  let workspace = '';

  beforeAll(async () => {
    state = mkdtempSync(join(tmpdir(), 'hotfix-state-'));
    workspace = mkdtempSync(join(tmpdir(), 'hotfix-ws-'));
    app = createServer((req, res) => res.writeHead(200, { 'x-version': 'hotfix' }).end('ok'));
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    port = (app.address() as AddressInfo).port;
    gh = await startGitHubFake({ seed: 3 });
    gh.seed.repo('octo-org', 'octo-repo');
    const status = join(state, 'status.sh');
    writeFileSync(
      status,
      '#!/bin/sh\necho "live=$(cat "$STATE_DIR/live" 2>/dev/null)"\nfor c in blue green; do [ -f "$STATE_DIR/$c" ] && echo "$c.state=running" && echo "$c.image=$(cat "$STATE_DIR/$c")"; done; true\n',
    );
    chmodSync(status, 0o755);
    writeFileSync(
      join(workspace, 'deploy.yml'),
      [
        'apps:',
        '  shop:',
        '    environments:',
        '      production:',
        '        target: command',
        `        url: http://127.0.0.1:${port}/`,
        '        health: { path: /health, interval-seconds: 0.05, start-period-seconds: 0, healthy-threshold: 1, deadline-seconds: 3 }',
        '        bake-seconds: 60',
        '        command:',
        `          start: printf %s "$SLIPWAY_IMAGE" > "$STATE_DIR/$SLIPWAY_COLOR" && echo url=http://127.0.0.1:${port}/`,
        '          switch: printf %s "$SLIPWAY_COLOR" > "$STATE_DIR/live"',
        '          stop: "true"',
        `          status: ${status}`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await gh.close();
    await new Promise((r) => app.close(r));
  });

  it('a dispatch with a reason deploys, with a short bake, and the reason is in the Deployment payload', async () => {
    const deploy = workflow('hotfix.yml').jobs.deploy!;
    const step = deploy.steps!.find((s) => s.uses === '$/actions/deploy')!;
    expect(step.with!.reason).toBe('hotfix: ${{ inputs.reason }}');
    expect(deploy.environment).toBe('${{ inputs.environment }}'); // approval kept
    const r = await runActionBundle('deploy', {
      inputs: {
        app: 'shop',
        config: 'deploy.yml',
        image: 'shop:1.2.4-hotfix',
        reason: 'hotfix: checkout 500s (INC-42)',
        'bake-seconds': '0.2',
        ref: 'main',
        'github-token': 'ghs_test',
      },
      eventName: 'workflow_dispatch',
      event: 'workflow_dispatch.json',
      apiUrl: gh.url,
      workspace,
      env: { GITHUB_REPOSITORY: 'octo-org/octo-repo', STATE_DIR: state },
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs.outcome).toBe('success');
    const [d] = gh.deployments('octo-org', 'octo-repo');
    expect((d!.payload as { slipway: { reason: string; image: string } }).slipway).toMatchObject({
      image: 'shop:1.2.4-hotfix',
      reason: 'hotfix: checkout 500s (INC-42)',
    });
    gh.assertNoViolations();
  });

  function runStep(job: string, stepName: string, env: Record<string, string>) {
    const step = (workflow('hotfix.yml').jobs[job]!.steps as { name?: string; run?: string }[]).find(
      (s) => s.name === stepName,
    )!;
    const summary = join(mkdtempSync(join(tmpdir(), 'hotfix-summary-')), 'summary.md');
    writeFileSync(summary, '');
    const p = spawnSync('bash', ['-e', '-c', step.run!], {
      env: { PATH: process.env.PATH, GITHUB_STEP_SUMMARY: summary, ...env },
      encoding: 'utf8',
    });
    return { code: p.status, stdout: p.stdout, summary: readFileSync(summary, 'utf8') };
  }

  it('the summary step records the reason, escaped', () => {
    const r = runStep('deploy', 'Record the hotfix', {
      REASON: 'checkout 500s [see](http://evil) <b>',
      ACTOR: 'alice',
      IMAGE: 'shop:1.2.4-hotfix',
    });
    expect(r.code).toBe(0);
    expect(r.summary).toContain('### Hotfix by @alice');
    expect(r.summary).toContain('**Reason:** checkout 500s \\[see\\]\\(http://evil\\) \\<b\\>');
    expect(r.summary).toContain('Image: `shop:1.2.4-hotfix`');
  });

  it('refuses a blank reason and a dispatch with nothing to deploy', () => {
    const blank = runStep('check', 'A hotfix needs a reason and something to deploy', {
      REASON: '  ',
      IMAGE: 'x',
      SERVICE: '',
    });
    expect(blank.code).toBe(1);
    expect(blank.stdout).toContain('::error title=hotfix::reason is required');
    const nothing = runStep('check', 'A hotfix needs a reason and something to deploy', {
      REASON: 'x',
      IMAGE: '',
      SERVICE: '',
    });
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain('give an image to deploy, or a service to build');
  });
});
