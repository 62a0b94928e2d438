import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { createGitHubClient, type GitHubClient } from '../../../src/runner/octokit.js';

let fake: GitHubFake;
let gh: GitHubClient;
const repo = { owner: 'acme', repo: 'app' };

beforeAll(async () => {
  fake = await startGitHubFake();
  fake.seed.repo('acme', 'app');
  fake.seed.ref('acme', 'app', 'tags/v1.0.0', 'a'.repeat(40));
  fake.seed.ref('acme', 'app', 'tags/v1.1.0', 'b'.repeat(40));
  fake.seed.ref('acme', 'app', 'heads/feature');
  gh = createGitHubClient({ token: 'ghs_test', baseUrl: fake.url, retries: 0 });
});
afterEach(() => {
  fake.assertNoViolations();
  fake.clearRequests();
});
afterAll(() => fake.close());

/** Creates a deployment and narrows the 201 body (octokit types the 202 "merged" answer too). */
async function deploy(params: {
  ref: string;
  environment?: string;
  task?: string;
  payload?: Record<string, unknown> | string;
  auto_merge?: boolean;
  required_contexts?: string[];
}) {
  const res: Awaited<ReturnType<GitHubClient['rest']['repos']['createDeployment']>> =
    await gh.rest.repos.createDeployment({
      ...repo,
      ...params,
    });
  if (res.status !== 201 || !('id' in res.data)) throw new Error(`expected 201, got ${res.status}`);
  return { status: res.status, data: { ...res.data, id: Number(res.data.id) } };
}

describe('deployments', () => {
  it('creates a deployment with GitHub’s defaults and resolves the ref to a sha', async () => {
    const { data, status } = await deploy({
      ref: 'v1.0.0',
      auto_merge: false,
      required_contexts: [],
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      ref: 'v1.0.0',
      sha: 'a'.repeat(40),
      environment: 'production',
      task: 'deploy',
      production_environment: true,
    });
    expect(fake.environments('acme', 'app').map((e) => e.name)).toContain('production');
  });

  it('refuses an unknown ref with 422', async () => {
    await expect(deploy({ ref: 'no-such-branch' })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('No ref found for: no-such-branch'),
    });
  });

  it('keeps object and JSON-string payloads as objects', async () => {
    const a = await deploy({
      ref: 'main',
      environment: 'payloads',
      payload: { color: 'blue' },
    });
    const b = await deploy({
      ref: 'main',
      environment: 'payloads',
      payload: '{"color":"green"}',
    });
    expect(a.data.payload).toEqual({ color: 'blue' });
    expect(b.data.payload).toEqual({ color: 'green' });
  });

  it('lists newest first and filters by environment, ref, sha and task', async () => {
    for (const [ref, environment, task] of [
      ['main', 'lst-a', 'deploy'],
      ['feature', 'lst-a', 'deploy:migrate'],
      ['main', 'lst-b', 'deploy'],
    ] as const) {
      await deploy({ ref, environment, task });
    }
    const a = await gh.rest.repos.listDeployments({ ...repo, environment: 'lst-a' });
    expect(a.data.map((d) => d.ref)).toEqual(['feature', 'main']);
    const mig = await gh.rest.repos.listDeployments({ ...repo, task: 'deploy:migrate' });
    expect(mig.data).toHaveLength(1);
    const sha = fake.world.findRepo('acme', 'app')!.repo.refs.get('heads/main')!;
    const bySha = await gh.rest.repos.listDeployments({ ...repo, sha, environment: 'lst-b' });
    expect(bySha.data.map((d) => d.environment)).toEqual(['lst-b']);
    const all = await gh.rest.repos.listDeployments({ ...repo, per_page: 100 });
    const ids = all.data.map((d) => Number(d.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
  });

  it('a success status marks earlier successful deployments of the environment inactive (auto_inactive)', async () => {
    const env = 'blue-green';
    const first = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: first.data.id,
      state: 'success',
      environment_url: 'https://blue.example',
    });
    const failed = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: failed.data.id, state: 'failure' });
    const other = await deploy({ ref: 'main', environment: 'elsewhere' });
    await gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: other.data.id, state: 'success' });
    const second = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: second.data.id,
      state: 'in_progress',
    });
    await gh.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: second.data.id,
      state: 'success',
      log_url: 'https://ci.example/1',
    });

    const latest = async (id: number) =>
      (await gh.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id })).data[0]?.state;
    expect(await latest(first.data.id)).toBe('inactive');
    expect(await latest(failed.data.id)).toBe('failure');
    expect(await latest(other.data.id)).toBe('success');
    expect(await latest(second.data.id)).toBe('success');
    const statuses = await gh.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: second.data.id });
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(statuses.data[0]).toMatchObject({
      log_url: 'https://ci.example/1',
      target_url: 'https://ci.example/1',
      environment: env,
    });
    const one = await gh.rest.repos.getDeploymentStatus({
      ...repo,
      deployment_id: second.data.id,
      status_id: Number(statuses.data[0]!.id),
    });
    expect(one.data.id).toBe(statuses.data[0]!.id);
  });

  it('auto_inactive: false leaves earlier deployments alone', async () => {
    const env = 'keep-both';
    const a = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: a.data.id, state: 'success' });
    const b = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: b.data.id,
      state: 'success',
      auto_inactive: false,
    });
    expect(
      fake
        .deployments('acme', 'app')
        .find((d) => d.id === a.data.id)
        ?.statuses.at(-1)?.state,
    ).toBe('success');
  });

  it('deletes only inactive deployments unless it is the environment’s only one', async () => {
    const env = 'deletable';
    const a = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: a.data.id, state: 'success' });
    const b = await deploy({ ref: 'main', environment: env });
    await gh.rest.repos.createDeploymentStatus({ ...repo, deployment_id: b.data.id, state: 'success' });
    await expect(gh.rest.repos.deleteDeployment({ ...repo, deployment_id: b.data.id })).rejects.toMatchObject(
      { status: 422 },
    );
    expect((await gh.rest.repos.deleteDeployment({ ...repo, deployment_id: a.data.id })).status).toBe(204);
    expect((await gh.rest.repos.deleteDeployment({ ...repo, deployment_id: b.data.id })).status).toBe(204);
    await expect(gh.rest.repos.getDeployment({ ...repo, deployment_id: b.data.id })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses deployments to a token without the deployments permission', async () => {
    fake.seed.token('ghs_ro', { permissions: { deployments: 'read' } });
    const ro = createGitHubClient({ token: 'ghs_ro', baseUrl: fake.url, retries: 0 });
    await expect(ro.rest.repos.createDeployment({ ...repo, ref: 'main' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect((await ro.rest.repos.listDeployments(repo)).status).toBe(200);
  });

  it('answers 404 for an unknown repository', async () => {
    await expect(gh.rest.repos.listDeployments({ owner: 'acme', repo: 'ghost' })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('environments', () => {
  it('creates or updates an environment with required reviewers and a wait timer', async () => {
    fake.seed.user('reviewer');
    const reviewerId = fake.world.findUser('reviewer')!.id;
    const put = await gh.rest.repos.createOrUpdateEnvironment({
      ...repo,
      environment_name: 'prod-eu',
      wait_timer: 5,
      prevent_self_review: true,
      reviewers: [{ type: 'User', id: reviewerId }],
    });
    expect(put.data.name).toBe('prod-eu');
    const got = await gh.rest.repos.getEnvironment({ ...repo, environment_name: 'prod-eu' });
    const rules = got.data.protection_rules ?? [];
    expect(rules.map((r) => r.type).sort()).toEqual(['required_reviewers', 'wait_timer']);
    const reviewers = rules.find((r) => r.type === 'required_reviewers') as {
      reviewers?: { reviewer?: { login?: string } }[];
    };
    expect(reviewers.reviewers?.[0]?.reviewer?.login).toBe('reviewer');
    const list = await gh.rest.repos.getAllEnvironments(repo);
    expect(list.data.environments?.map((e) => e.name)).toContain('prod-eu');
    expect(list.data.total_count).toBe(list.data.environments?.length);
  });

  it('refuses an unknown field in the environment body (additionalProperties: false)', async () => {
    const res = await fetch(`${fake.url}/repos/acme/app/environments/x`, {
      method: 'PUT',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({ required_reviewers: 1 }),
    });
    expect(res.status).toBe(422);
    expect(fake.violations.map((v) => v.issues[0]?.message)).toEqual([
      'must NOT have additional properties: required_reviewers',
    ]);
    fake.clearViolations();
  });

  it('answers 404 for an unknown environment', async () => {
    await expect(
      gh.rest.repos.getEnvironment({ ...repo, environment_name: 'nowhere' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('issues, comments, pulls, compare', () => {
  it('creates, lists (paginated), updates and deletes comments on a pull request', async () => {
    fake.seed.pull('acme', 'app', { number: 12, head: { ref: 'feature' } });
    for (let i = 0; i < 3; i++) fake.seed.comment('acme', 'app', 12, `old ${i}`);
    const created = await gh.rest.issues.createComment({
      ...repo,
      issue_number: 12,
      body: '<!-- slipway:coverage -->\nfirst',
    });
    expect(created.status).toBe(201);
    const page1 = await gh.rest.issues.listComments({ ...repo, issue_number: 12, per_page: 2 });
    expect(page1.data).toHaveLength(2);
    expect(page1.headers.link).toContain('rel="next"');
    const all = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: 12, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(['old 0', 'old 1', 'old 2', '<!-- slipway:coverage -->\nfirst']);
    const updated = await gh.rest.issues.updateComment({
      ...repo,
      comment_id: created.data.id,
      body: '<!-- slipway:coverage -->\nsecond',
    });
    expect(updated.data.body).toContain('second');
    expect(fake.comments('acme', 'app', 12).filter((c) => c.body.includes('slipway:coverage'))).toHaveLength(
      1,
    );
    expect((await gh.rest.issues.getComment({ ...repo, comment_id: created.data.id })).data.body).toContain(
      'second',
    );
    expect((await gh.rest.issues.deleteComment({ ...repo, comment_id: created.data.id })).status).toBe(204);
    expect(fake.comments('acme', 'app', 12)).toHaveLength(3);
    const issue = await gh.rest.issues.get({ ...repo, issue_number: 12 });
    expect(issue.data.pull_request?.url).toContain('/pulls/12');
    expect(issue.data.comments).toBe(3);
  });

  it('refuses a comment without a body', async () => {
    fake.seed.issue('acme', 'app', { number: 13 });
    const res = await fetch(`${fake.url}/repos/acme/app/issues/13/comments`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(res.status).toBe(422);
    expect(fake.violations[0]?.issues).toContainEqual({
      where: 'body.body',
      message: "must have required property 'body'",
    });
    fake.clearViolations();
  });

  it('serves a pull request and its files, paginated, with patches', async () => {
    const files = Array.from({ length: 45 }, (_, i) => ({
      filename: `src/f${i}.ts`,
      status: 'modified' as const,
      additions: i,
      deletions: 1,
      patch: `@@ -1,1 +1,${i + 1} @@`,
    }));
    fake.seed.pull('acme', 'app', { number: 20, head: { ref: 'feature', sha: 'c'.repeat(40) }, files });
    const pr = await gh.rest.pulls.get({ ...repo, pull_number: 20 });
    expect(pr.data).toMatchObject({
      number: 20,
      head: { ref: 'feature', sha: 'c'.repeat(40) },
      base: { ref: 'main' },
      changed_files: 45,
    });
    const listed = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: 20, per_page: 20 });
    expect(listed).toHaveLength(45);
    expect(listed[3]).toMatchObject({
      filename: 'src/f3.ts',
      status: 'modified',
      additions: 3,
      deletions: 1,
      changes: 4,
      patch: '@@ -1,1 +1,4 @@',
    });
    expect(fake.count({ operationId: 'pulls/list-files' })).toBe(3);
  });

  it('compares two refs with files and a merge base', async () => {
    fake.seed.compare('acme', 'app', 'main...feature', {
      mergeBaseSha: 'd'.repeat(40),
      commits: [{ sha: 'e'.repeat(40), message: 'feat: x' }],
      files: [
        { filename: 'src/x.ts', status: 'added', additions: 10, deletions: 0, patch: '@@ -0,0 +1,10 @@' },
      ],
    });
    const res = await gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...feature' });
    expect(res.data).toMatchObject({
      status: 'ahead',
      ahead_by: 1,
      total_commits: 1,
      merge_base_commit: { sha: 'd'.repeat(40) },
    });
    expect(res.data.files?.[0]).toMatchObject({ filename: 'src/x.ts', status: 'added', additions: 10 });
    await expect(
      gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...nope' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('checks, refs, runs, users, teams, permissions, repos', () => {
  it('creates, updates and reads a check run; annotations accumulate', async () => {
    const annotation = {
      path: 'src/a.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning' as const,
      message: 'uncovered',
    };
    const created = await gh.rest.checks.create({
      ...repo,
      name: 'coverage',
      head_sha: 'f'.repeat(40),
      status: 'in_progress',
      output: { title: 'Coverage', summary: 'running', annotations: [annotation] },
    });
    expect(created.data).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      output: { annotations_count: 1 },
    });
    const done = await gh.rest.checks.update({
      ...repo,
      check_run_id: Number(created.data.id),
      conclusion: 'failure',
      output: { title: 'Coverage', summary: '79%', annotations: [annotation] },
    });
    expect(done.data).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { summary: '79%', annotations_count: 2 },
    });
    expect(done.data.completed_at).toBeTruthy();
    expect((await gh.rest.checks.get({ ...repo, check_run_id: Number(created.data.id) })).data.name).toBe(
      'coverage',
    );
  });

  it('refuses more than 50 annotations in one request', async () => {
    const annotations = Array.from({ length: 51 }, (_, i) => ({
      path: 'a.ts',
      start_line: i + 1,
      end_line: i + 1,
      annotation_level: 'notice',
      message: 'm',
    }));
    const res = await fetch(`${fake.url}/repos/acme/app/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'c',
        head_sha: 'f'.repeat(40),
        output: { title: 't', summary: 's', annotations },
      }),
    });
    expect(res.status).toBe(422);
    expect(fake.violations[0]?.issues[0]).toMatchObject({ where: 'body.output.annotations' });
    fake.clearViolations();
  });

  it('lists matching refs by prefix (tags/v)', async () => {
    const res = await gh.rest.git.listMatchingRefs({ ...repo, ref: 'tags/v' });
    expect(res.data.map((r) => r.ref)).toEqual(['refs/tags/v1.0.0', 'refs/tags/v1.1.0']);
    expect(res.data[1]?.object.sha).toBe('b'.repeat(40));
    expect((await gh.rest.git.listMatchingRefs({ ...repo, ref: 'tags/x' })).data).toEqual([]);
  });

  it('serves a workflow run’s status and conclusion', async () => {
    fake.seed.workflowRun('acme', 'app', { id: 4242, status: 'completed', conclusion: 'cancelled' });
    const run = await gh.rest.actions.getWorkflowRun({ ...repo, run_id: 4242 });
    expect(run.data).toMatchObject({ id: 4242, status: 'completed', conclusion: 'cancelled' });
    await expect(gh.rest.actions.getWorkflowRun({ ...repo, run_id: 1 })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('serves users, team memberships and collaborator permissions', async () => {
    fake.seed.user('dana', { name: 'Dana' });
    fake.seed.teamMember('acme', 'releasers', 'dana', { role: 'maintainer' });
    fake.seed.collaborator('acme', 'app', 'dana', 'maintain');
    expect((await gh.rest.users.getByUsername({ username: 'dana' })).data).toMatchObject({
      login: 'dana',
      name: 'Dana',
      type: 'User',
    });
    await expect(gh.rest.users.getByUsername({ username: 'nobody-here' })).rejects.toMatchObject({
      status: 404,
    });
    const m = await gh.rest.teams.getMembershipForUserInOrg({
      org: 'acme',
      team_slug: 'releasers',
      username: 'dana',
    });
    expect(m.data).toMatchObject({ role: 'maintainer', state: 'active' });
    await expect(
      gh.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'other', username: 'dana' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const p = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'dana' });
    expect(p.data).toMatchObject({ permission: 'write', role_name: 'maintain' });
    fake.seed.user('eve');
    expect(
      (await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'eve' })).data.permission,
    ).toBe('none');
  });

  it('serves the repository', async () => {
    const r = await gh.rest.repos.get(repo);
    expect(r.data).toMatchObject({
      full_name: 'acme/app',
      default_branch: 'main',
      private: true,
      owner: { login: 'acme', type: 'Organization' },
    });
  });
});
