import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';

let fake: GitHubFake;
const auth = { authorization: 'token ghs_test', 'content-type': 'application/json' };

beforeAll(async () => {
  fake = await startGitHubFake();
  fake.seed.repo('acme', 'app');
  fake.seed.package({ owner: 'acme', name: 'web' });
});
afterEach(() => {
  fake.clearViolations();
  fake.clearRequests();
});
afterAll(() => fake.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

describe('request validation against the OpenAPI description', () => {
  it('rejects a body field of the wrong type (deployment ref: 123) and records it', async () => {
    const res = await call('POST', '/repos/acme/app/deployments', { ref: 123, environment: 'staging' });
    expect(res.status).toBe(422);
    expect(String(res.body?.message)).toContain("For 'body.ref', must be string");
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).toMatchObject({
      kind: 'request',
      method: 'POST',
      operationId: 'repos/create-deployment',
      issues: [{ where: 'body.ref', message: 'must be string' }],
    });
    expect(fake.deployments('acme', 'app')).toHaveLength(0);
    expect(() => fake.assertNoViolations()).toThrow(/saw 1 request\(s\)[\s\S]*body\.ref: must be string/);
  });

  it('rejects a request missing a required body field', async () => {
    const res = await call('POST', '/repos/acme/app/deployments', { environment: 'staging' });
    expect(res.status).toBe(422);
    expect(fake.violations[0]?.issues).toContainEqual({
      where: 'body.ref',
      message: "must have required property 'ref'",
    });
  });

  it('rejects a request missing a required query parameter (package_type)', async () => {
    const res = await call('GET', '/orgs/acme/packages');
    expect(res.status).toBe(422);
    expect(fake.violations[0]).toMatchObject({
      kind: 'request',
      operationId: 'packages/list-packages-for-organization',
      issues: [{ where: 'query.package_type', message: "must have required property 'package_type'" }],
    });
  });

  it('rejects a query parameter outside its enum and a non-integer page', async () => {
    const res = await call('GET', '/orgs/acme/packages?package_type=container&visibility=secret&page=two');
    expect(res.status).toBe(422);
    const wheres = fake.violations[0]!.issues.map((i) => i.where);
    expect(wheres).toEqual(expect.arrayContaining(['query.visibility', 'query.page']));
  });

  it('rejects a deployment status with a state GitHub does not know', async () => {
    const created = await call('POST', '/repos/acme/app/deployments', { ref: 'main' });
    expect(created.status).toBe(201);
    const res = await call('POST', `/repos/acme/app/deployments/${String(created.body?.id)}/statuses`, {
      state: 'done',
    });
    expect(res.status).toBe(422);
    expect(fake.violations[0]?.issues[0]?.where).toBe('body.state');
  });

  it('answers unparsable JSON with 400 and records it', async () => {
    const res = await call('POST', '/repos/acme/app/deployments', '{"ref":');
    expect(res.status).toBe(400);
    expect(res.body?.message).toBe('Problems parsing JSON');
    expect(fake.violations[0]?.kind).toBe('request');
  });

  it('answers a path no operation has with 404 and records it as an unknown route', async () => {
    const res = await call('GET', '/repos/acme/app/no-such-thing');
    expect(res.status).toBe(404);
    expect(fake.violations[0]?.kind).toBe('unknown-route');
  });

  it('answers a described operation the fake does not model with 501 and records it', async () => {
    const res = await call('GET', '/repos/acme/app/branches');
    expect(res.status).toBe(501);
    expect(fake.violations[0]).toMatchObject({ kind: 'unimplemented', operationId: 'repos/list-branches' });
  });

  it('accepts a valid request without recording anything', async () => {
    const res = await call('GET', '/orgs/acme/packages?package_type=container&per_page=10');
    expect(res.status).toBe(200);
    expect(fake.violations).toEqual([]);
    expect(() => fake.assertNoViolations()).not.toThrow();
  });

  it('requires authentication and knows bad credentials', async () => {
    const none = await call('GET', '/repos/acme/app', undefined, {});
    expect(none.status).toBe(401);
    expect(none.body?.message).toBe('Requires authentication');
    const strict = await startGitHubFake({ acceptAnyToken: false });
    try {
      strict.seed.repo('acme', 'app');
      strict.seed.token('ghs_known');
      const bad = await fetch(`${strict.url}/repos/acme/app`, { headers: { authorization: 'Bearer nope' } });
      expect(bad.status).toBe(401);
      const good = await fetch(`${strict.url}/repos/acme/app`, {
        headers: { authorization: 'Bearer ghs_known' },
      });
      expect(good.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('sends x-ratelimit headers that count down per token', async () => {
    const a = await call('GET', '/repos/acme/app');
    const b = await call('GET', '/repos/acme/app');
    expect(a.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(
      Number(a.headers.get('x-ratelimit-remaining')) - Number(b.headers.get('x-ratelimit-remaining')),
    ).toBe(1);
    expect(b.headers.get('x-ratelimit-resource')).toBe('core');
  });

  it('logs every request with its operation and status', async () => {
    await call('GET', '/repos/acme/app');
    await call('GET', '/orgs/acme/packages');
    expect(fake.requests.map((r) => [r.method, r.path, r.operationId, r.status])).toEqual([
      ['GET', '/repos/acme/app', 'repos/get', 200],
      ['GET', '/orgs/acme/packages', 'packages/list-packages-for-organization', 422],
    ]);
    expect(fake.count({ operationId: 'repos/get' })).toBe(1);
    expect(fake.count({ path: '/orgs/**' })).toBe(1);
  });
});
