/**
 * The deploy and promote bundles, as the runner runs them, on the kubernetes target: the real
 * kubectl against the Kubernetes API fake, the GitHub fake for Deployments and run states, and an
 * HTTP server in the test answering as each color's pods would. Covers the deploy lock (held,
 * taken over from an ended run, released) and manual promotion end to end.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatLock } from '../../../src/deploy/lock.js';
import { runActionBundle } from '../../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { startKubeFake, type KubeFake } from '../../support/kube-fake/server.js';

const OWNER = 'octo-org';
const REPO = 'octo-repo';
let kube: KubeFake;
let gh: GitHubFake;
let app: Server;
let port = 0;
let workspace = '';

/** /<color>/... answers when that color has Ready pods; /public/... follows the Service selector. */
function answer(url: string): { status: number; version?: string } {
  const which = url.split('/')[1] ?? '';
  const selector =
    which === 'public' ? kube.object('services', 'shop')?.spec?.selector : { 'slipway.dev/color': which };
  if (!selector) return { status: 503 };
  const ready = kube
    .list('pods')
    .filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v))
    .filter((p) => p.status?.conditions?.[0]?.status === 'True');
  if (!ready.length) return { status: 503 };
  return { status: 200, version: String(ready[0]!.spec.containers[0].image).split(':').pop()! };
}

beforeAll(async () => {
  app = createServer((req, res) => {
    const a = answer(req.url ?? '/');
    res.writeHead(a.status, a.version ? { 'x-version': a.version } : {}).end(a.version ?? 'no endpoints');
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  port = (app.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => app.close(r));
});

beforeEach(async () => {
  kube = await startKubeFake();
  gh = await startGitHubFake({ seed: 5 });
  gh.seed.repo(OWNER, REPO);
  gh.seed.user('alice');
  workspace = mkdtempSync(join(tmpdir(), 'deploy-k8s-'));
  writeFileSync(
    join(workspace, 'deploy.yml'),
    [
      'apps:',
      '  shop:',
      '    environments:',
      '      production:',
      '        target: kubernetes',
      `        url: http://127.0.0.1:${port}/public`,
      '        health: { path: /health, interval-seconds: 0.1, start-period-seconds: 0, healthy-threshold: 1, deadline-seconds: 5 }',
      '        version: { header: X-Version, deadline-seconds: 5, interval-seconds: 0.1, consecutive: 1 }',
      '        bake-seconds: 0.2',
      '        kubernetes:',
      `          kubeconfig: ${kube.kubeconfig}`,
      `          color-url: http://127.0.0.1:${port}/{color}`,
      '',
    ].join('\n'),
  );
});
afterEach(async () => {
  gh.assertNoViolations();
  await gh.close();
  await kube.close();
});

function deploy(image: string, inputs: Record<string, string> = {}, runId = '1000') {
  return runActionBundle('deploy', {
    inputs: { app: 'shop', config: 'deploy.yml', image, ref: 'main', 'github-token': 'ghs_test', ...inputs },
    eventName: 'workflow_dispatch',
    event: 'workflow_dispatch.json',
    apiUrl: gh.url,
    workspace,
    env: { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_RUN_ID: runId, GITHUB_ACTOR: 'alice' },
  });
}

/** Pid of the bundle process started with GITHUB_RUN_ID=runId (found through /proc). */
function bundlePid(runId: string): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${d}/environ`, 'utf8').split('\0');
      if (env.includes(`GITHUB_RUN_ID=${runId}`) && env.includes('GITHUB_ACTION=deploy')) return Number(d);
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

function putLock(owner: string) {
  const raw = formatLock({
    owner,
    repo: `${OWNER}/${REPO}`,
    app: 'shop',
    environment: 'production',
    acquiredAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  return new Promise<void>((res, rej) => {
    const c = execFile(
      'kubectl',
      [`--kubeconfig=${kube.kubeconfig}`, 'create', '--validate=false', '-f', '-'],
      (e) => (e ? rej(e) : res()),
    );
    c.stdin!.end(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'shop-production-deploy-lock', annotations: { 'slipway.dev/deploy-lock': raw } },
      }),
    );
  });
}

describe('deploy action on kubernetes', () => {
  it('deploys, holding the lock on the cluster during the deploy and releasing it after', async () => {
    const r = await deploy('shop:v1');
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({ outcome: 'success', color: 'blue' });
    expect(r.stdout).toContain('deploy lock held (configmap shop-production-deploy-lock');
    expect(kube.requests.some((q) => q.method === 'POST' && q.path.includes('/configmaps'))).toBe(true);
    expect(kube.object('configmaps', 'shop-production-deploy-lock')).toBeUndefined();
  });

  it('fails clearly while another running deploy holds the lock, changing nothing', async () => {
    gh.seed.workflowRun(OWNER, REPO, { id: 900, status: 'in_progress' });
    await putLock('900');
    const r = await deploy('shop:v1', { 'lock-wait-minutes': '0' });
    expect(r.exitCode).not.toBe(0);
    expect(r.errors[0]).toMatch(
      /^deploy: lock: another deploy of shop to production holds the lock: run 900 of octo-org\/octo-repo/,
    );
    expect(kube.list('deployments')).toEqual([]);
    expect(gh.deployments(OWNER, REPO)).toEqual([]);
  });

  it('takes over the lock of a run that was cancelled', async () => {
    gh.seed.workflowRun(OWNER, REPO, { id: 901, status: 'completed', conclusion: 'cancelled' });
    await putLock('901');
    const r = await deploy('shop:v1');
    expect(r.errors).toEqual([]);
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(
      /took over the production deploy lock of shop from run 901 .*that run has ended/,
    );
    expect(kube.object('configmaps', 'shop-production-deploy-lock')).toBeUndefined();
  });

  it('promotion manual stages green and ends; promote by an approver switches the Service', async () => {
    expect((await deploy('shop:v1')).outputs.outcome).toBe('success');
    const staged = await deploy('shop:v2', { promotion: 'manual' }, '1001');
    expect(staged.errors).toEqual([]);
    expect(staged.outputs).toMatchObject({
      outcome: 'awaiting-promotion',
      color: 'blue',
      'candidate-color': 'green',
    });
    expect(staged.summary).toContain('green ready, awaiting promotion');
    expect(kube.object('services', 'shop')!.spec.selector['slipway.dev/color']).toBe('blue');
    expect(kube.object('deployments', 'shop-green')!.status.readyReplicas).toBe(1);

    const promoted = await runActionBundle('promote', {
      inputs: {
        app: 'shop',
        config: 'deploy.yml',
        approvers: 'alice',
        ref: 'main',
        'github-token': 'ghs_test',
      },
      eventName: 'workflow_dispatch',
      event: 'workflow_dispatch.json',
      apiUrl: gh.url,
      workspace,
      env: { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_RUN_ID: '1002', GITHUB_ACTOR: 'alice' },
    });
    expect(promoted.errors).toEqual([]);
    expect(promoted.outputs).toMatchObject({ outcome: 'success', color: 'green', image: 'shop:v2' });
    expect(kube.object('services', 'shop')!.spec.selector['slipway.dev/color']).toBe('green');
    const d = gh.deployments(OWNER, REPO).find((x) => String(x.id) === staged.outputs['deployment-id'])!;
    expect(d.statuses.at(-1)!.state).toBe('success');
  });

  it('a cancelled run releases the lock', async () => {
    kube.setReady({ 'slipway.dev/color': 'blue' }, false); // the deploy waits in verify-idle
    const running = deploy('shop:v1', { 'health-deadline-seconds': '60' }, '4711');
    for (let i = 0; i < 200 && !kube.object('deployments', 'shop-blue'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(kube.object('configmaps', 'shop-production-deploy-lock')).toBeDefined();
    const pid = bundlePid('4711');
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGINT'); // what the runner sends when the job is cancelled
    const r = await running;
    expect(r.exitCode).toBe(130);
    expect(kube.object('configmaps', 'shop-production-deploy-lock')).toBeUndefined();
  });
});
