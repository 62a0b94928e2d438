import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { createGitHubClient } from '../../../src/runner/octokit.js';

let fake: GitHubFake;
const logs: string[] = [];

beforeAll(async () => {
  fake = await startGitHubFake({ seed: 7 });
  fake.seed.repo('acme', 'app');
});
afterEach(() => {
  fake.assertNoViolations();
  fake.faults.clear();
  fake.clearRequests();
  logs.length = 0;
});
afterAll(() => fake.close());

const client = () =>
  createGitHubClient({ token: 'ghs_test', baseUrl: fake.url, retries: 3, log: (m) => logs.push(m) });
const statuses = (operationId: string) =>
  fake.requests.filter((r) => r.operationId === operationId).map((r) => r.status);

describe('fault injection seen through createGitHubClient (retry + throttling plugins)', () => {
  it('retries a 502 and a 503 and then succeeds', async () => {
    fake.faults.add({ match: { method: 'GET', path: '/repos/*/*' }, kind: '5xx', status: 502, times: 1 });
    fake.faults.add({ match: { method: 'GET', path: '/repos/*/*' }, kind: '5xx', status: 503, times: 1 });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(res.data.full_name).toBe('acme/app');
    expect(statuses('repos/get')).toEqual([502, 503, 200]);
  });

  it('waits out a secondary rate limit (403 + retry-after) and re-sends the write', async () => {
    const fault = fake.faults.add({
      match: { operationId: 'repos/create-deployment' },
      kind: 'secondary-rate-limit',
      retryAfter: 1,
      times: 1,
    });
    const res = await client().rest.repos.createDeployment({
      owner: 'acme',
      repo: 'app',
      ref: 'main',
      environment: 'qa',
    });
    expect(res.status).toBe(201);
    expect(fault.hits).toBe(1);
    expect(statuses('repos/create-deployment')).toEqual([403, 201]);
    expect(fake.requests[0]?.fault).toBe('secondary-rate-limit');
    expect(logs.join('\n')).toMatch(/secondary rate limit hit for POST .*deployments; retrying after 1s/);
    // One deployment, not two: the refused attempt changed nothing.
    expect(fake.deployments('acme', 'app').filter((d) => d.environment === 'qa')).toHaveLength(1);
  });

  it('waits out a 429 secondary rate limit too', async () => {
    fake.faults.add({
      match: { path: /\/repos\/acme\/app$/ },
      kind: 'secondary-rate-limit',
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(statuses('repos/get')).toEqual([429, 200]);
  });

  it('retries after a connection reset', async () => {
    fake.faults.add({ match: { path: '/repos/acme/app' }, kind: 'reset', times: 1 });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(statuses('repos/get')).toEqual([0, 200]);
    expect(fake.requests[0]?.fault).toBe('reset');
  });

  it('survives 5xx, secondary limit and reset on one request in a row', async () => {
    const match = { operationId: 'repos/get' };
    fake.faults.add({ match, kind: '5xx', times: 1 });
    fake.faults.add({ match, kind: 'secondary-rate-limit', retryAfter: 1, times: 1 });
    fake.faults.add({ match, kind: 'reset', times: 1 });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(statuses('repos/get')).toEqual([500, 403, 0, 200]);
  });

  it('waits for x-ratelimit-reset after a primary rate limit', async () => {
    fake.faults.add({
      match: { operationId: 'repos/get' },
      kind: 'primary-rate-limit',
      retryAfter: 0,
      times: 1,
    });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(statuses('repos/get')).toEqual([403, 200]);
    expect(logs.join('\n')).toMatch(/^rate limit hit for GET/m);
  });

  it('gives up when the faults outlast the retries', async () => {
    fake.faults.add({ match: { operationId: 'repos/get' }, kind: '5xx', status: 500 });
    const gh = createGitHubClient({ token: 'ghs_test', baseUrl: fake.url, retries: 1 });
    await expect(gh.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({ status: 500 });
    expect(statuses('repos/get')).toEqual([500, 500]);
  });

  it('delays a request by a latency fault without failing it', async () => {
    const fault = fake.faults.add({
      match: { operationId: 'repos/get' },
      kind: 'latency',
      latencyMs: 50,
      times: 1,
    });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(fault.hits).toBe(1);
    expect(statuses('repos/get')).toEqual([200]);
  });

  it('draws probabilistic faults from the seeded RNG, reproducibly', async () => {
    const run = async () => {
      fake.reseed(1234);
      fake.faults.clear();
      fake.clearRequests();
      fake.faults.add({ match: { operationId: 'repos/get' }, kind: '5xx', probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await fetch(`${fake.url}/repos/acme/app`, { headers: { authorization: 'token t' } });
        out.push(r.status);
        await r.arrayBuffer();
      }
      return out;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('retries a connection dropped in the middle of a response body', async () => {
    fake.faults.add({ match: { operationId: 'repos/get' }, kind: 'reset', resetAt: 'mid-body', times: 1 });
    const res = await client().rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(res.status).toBe(200);
    expect(res.data.full_name).toBe('acme/app');
    expect(statuses('repos/get')).toEqual([0, 200]);
  });

  it('mid-body resets reach the client as a broken or empty body', async () => {
    fake.faults.add({ match: { operationId: 'repos/get' }, kind: 'reset', resetAt: 'mid-body', times: 1 });
    const outcome = await fetch(`${fake.url}/repos/acme/app`, { headers: { authorization: 'token t' } }).then(
      (r) =>
        r.text().then(
          () => 'read',
          () => 'body-error',
        ),
      () => 'request-error',
    );
    expect(outcome).not.toBe('read');
  });
});

describe('enforced secondary rate limit', () => {
  it('refuses with 403 + retry-after once 900 points are spent in a minute, and counts hits', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const limited = await startGitHubFake({ secondaryRateLimit: { pointsPerMinute: 20 }, now: () => clock });
    try {
      limited.seed.repo('acme', 'app');
      const post = () =>
        fetch(`${limited.url}/repos/acme/app/deployments`, {
          method: 'POST',
          headers: { authorization: 'token t', 'content-type': 'application/json' },
          body: JSON.stringify({ ref: 'main' }),
        });
      const get = () => fetch(`${limited.url}/repos/acme/app`, { headers: { authorization: 'token t' } });
      // POST costs 5 points: four fit in 20, the fifth is refused.
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await post()).status);
      expect(codes).toEqual([201, 201, 201, 201, 403]);
      const refused = await post();
      expect(refused.status).toBe(403);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(((await refused.json()) as { message: string }).message).toMatch(/secondary rate limit/);
      // Per endpoint: GETs to another endpoint still pass.
      expect((await get()).status).toBe(200);
      expect(limited.rateLimits.secondaryHits).toBe(2);
      expect(limited.rateLimits.secondaryHitsBy.points).toBe(2);
      clock += 30_000;
      expect((await post()).status).toBe(403);
      clock += 31_000;
      expect((await post()).status).toBe(201);
      limited.assertNoViolations();
    } finally {
      await limited.close();
    }
  });

  it('limits content-creating requests per minute and per hour, on a scaled clock', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const limited = await startGitHubFake({
      // A 1-second "minute": GitHub's rules, 60 times faster.
      secondaryRateLimit: { pointsPerMinute: 10_000, contentPerMinute: 2, contentPerHour: 3, windowMs: 1000 },
      now: () => clock,
    });
    try {
      limited.seed.repo('acme', 'app');
      limited.seed.issue('acme', 'app', { number: 1 });
      const comment = async () =>
        (
          await fetch(`${limited.url}/repos/acme/app/issues/1/comments`, {
            method: 'POST',
            headers: { authorization: 'token t', 'content-type': 'application/json' },
            body: JSON.stringify({ body: 'x' }),
          })
        ).status;
      expect([await comment(), await comment(), await comment()]).toEqual([201, 201, 403]);
      clock += 1000;
      expect([await comment(), await comment()]).toEqual([201, 403]);
      clock += 1000;
      expect(await comment()).toBe(403);
      // PATCH is not content creation.
      const id = limited.comments('acme', 'app', 1)[0]!.id;
      const patch = await fetch(`${limited.url}/repos/acme/app/issues/comments/${id}`, {
        method: 'PATCH',
        headers: { authorization: 'token t', 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'y' }),
      });
      expect(patch.status).toBe(200);
      expect(limited.rateLimits.secondaryHitsBy).toEqual({ concurrency: 0, points: 0, content: 3 });
      clock += 60_000;
      expect(await comment()).toBe(201);
      limited.assertNoViolations();
    } finally {
      await limited.close();
    }
  });

  it('enforces a primary limit of N requests per hour when asked', async () => {
    const limited = await startGitHubFake({ primaryRateLimit: 2 });
    try {
      limited.seed.repo('acme', 'app');
      const get = () => fetch(`${limited.url}/repos/acme/app`, { headers: { authorization: 'token t' } });
      const a = await get();
      const b = await get();
      const c = await get();
      expect([a.status, b.status, c.status]).toEqual([200, 200, 403]);
      expect(b.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(c.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.rateLimits.primaryHits).toBe(1);
    } finally {
      await limited.close();
    }
  });
});

describe('concurrency and latency', () => {
  it('refuses requests beyond maxConcurrent while slow ones are in flight', async () => {
    const limited = await startGitHubFake({ secondaryRateLimit: { maxConcurrent: 2 } });
    try {
      limited.seed.repo('acme', 'app');
      limited.faults.add({ match: { operationId: 'repos/get' }, kind: 'latency', latencyMs: 500, times: 2 });
      const get = () => fetch(`${limited.url}/repos/acme/app`, { headers: { authorization: 'token t' } });
      const slow = [get(), get()];
      // Wait until both slow requests are admitted, then a third one is over the limit.
      while (limited.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      const third = await get();
      expect(third.status).toBe(403);
      expect(third.headers.get('retry-after')).toBe('1');
      expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
      expect((await get()).status).toBe(200);
      expect(limited.rateLimits.secondaryHits).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('a delayed request answers after an undelayed one sent later', async () => {
    fake.faults.add({ match: { operationId: 'repos/get' }, kind: 'latency', latencyMs: 400, times: 1 });
    const order: string[] = [];
    const slow = fetch(`${fake.url}/repos/acme/app`, { headers: { authorization: 'token t' } }).then((r) => {
      order.push('slow');
      return r.status;
    });
    while (fake.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    const fast = fetch(`${fake.url}/repos/acme/app/deployments`, {
      headers: { authorization: 'token t' },
    }).then((r) => {
      order.push('fast');
      return r.status;
    });
    expect(await Promise.all([slow, fast])).toEqual([200, 200]);
    expect(order).toEqual(['fast', 'slow']);
  });
});
