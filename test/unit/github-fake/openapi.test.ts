import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOpenApi } from '../../support/github-fake/openapi.js';
import { complete } from '../../support/github-fake/fill.js';
import {
  InMemoryPackageStore,
  startGitHubFake,
  type GitHubFake,
  type PackageStore,
} from '../../support/github-fake/index.js';
import { createGitHubClient } from '../../../src/runner/octokit.js';

describe('routing by the OpenAPI description', () => {
  const api = getOpenApi();

  it('decodes a package name carrying an encoded slash', () => {
    const m = api.match('GET', '/orgs/acme/packages/container/app%2Fapi/versions');
    expect(m?.operation.operationId).toBe('packages/get-all-package-versions-for-package-owned-by-org');
    expect(m?.pathParams).toEqual({ org: 'acme', package_type: 'container', package_name: 'app/api' });
  });

  it('prefers literal segments over parameters (/user/packages is not /users/{username})', () => {
    expect(api.match('GET', '/user/packages')?.operation.operationId).toBe(
      'packages/list-packages-for-authenticated-user',
    );
    expect(api.match('GET', '/users/alice/packages')?.operation.operationId).toBe(
      'packages/list-packages-for-user',
    );
  });

  it('lets only a trailing {ref} or {path} span slashes', () => {
    expect(api.match('GET', '/repos/o/r/git/matching-refs/tags/v')?.pathParams.ref).toBe('tags/v');
    expect(api.match('GET', '/repos/o/r/git/matching-refs/tags%2Fv')?.pathParams.ref).toBe('tags/v');
    expect(api.match('GET', '/repos/o/r/not-a-thing')).toBeUndefined();
  });

  it('tells a HEAD request by its GET operation, and misses unknown methods', () => {
    expect(api.match('HEAD', '/repos/o/r')?.operation.operationId).toBe('repos/get');
    expect(api.match('PATCH', '/repos/o/r/deployments')).toBeUndefined();
  });
});

describe('a custom PackageStore', () => {
  let fake: GitHubFake;
  const calls: string[] = [];

  /** Delegates to the in-memory store and records what the fake asked for. */
  class RecordingStore implements PackageStore {
    readonly inner = new InMemoryPackageStore();
    listPackages(owner: string) {
      calls.push(`listPackages ${owner}`);
      return this.inner.listPackages(owner);
    }
    getPackage(owner: string, name: string) {
      return this.inner.getPackage(owner, name);
    }
    async listVersions(owner: string, name: string, state: 'active' | 'deleted') {
      calls.push(`listVersions ${name} ${state}`);
      await new Promise((r) => setTimeout(r, 1));
      return this.inner.listVersions(owner, name, state);
    }
    getVersion(owner: string, name: string, id: number) {
      return this.inner.getVersion(owner, name, id);
    }
    async deleteVersion(owner: string, name: string, id: number, at: string) {
      calls.push(`deleteVersion ${name} ${id}`);
      this.inner.deleteVersion(owner, name, id, at);
    }
    restoreVersion(owner: string, name: string, id: number, at: string) {
      this.inner.restoreVersion(owner, name, id, at);
    }
  }
  const store = new RecordingStore();

  beforeAll(async () => {
    fake = await startGitHubFake({ packageStore: store });
    fake.seed.org('acme');
    store.inner.addPackage({ owner: 'acme', name: 'svc' });
    store.inner.addVersion('acme', 'svc', { tags: ['v1'] });
    store.inner.addVersion('acme', 'svc', { tags: ['v2'] });
  });
  afterAll(() => fake.close());

  it('reads and deletes through the store, with GitHub’s rules applied on top', async () => {
    const gh = createGitHubClient({ token: 't', baseUrl: fake.url, retries: 0 });
    const versions = await gh.rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: 'acme',
      package_type: 'container',
      package_name: 'svc',
    });
    expect(versions.data).toHaveLength(2);
    const [newest, oldest] = versions.data;
    const del = (id: number) =>
      gh.rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: 'svc',
        package_version_id: id,
      });
    expect((await del(oldest!.id)).status).toBe(204);
    await expect(del(newest!.id)).rejects.toMatchObject({ status: 400 });
    expect(calls).toContain(`deleteVersion svc ${oldest!.id}`);
    expect(calls.filter((c) => c.startsWith('deleteVersion'))).toHaveLength(1);
    expect(() => fake.seed.package({ owner: 'acme', name: 'x' })).toThrow(/in-memory store/);
    fake.assertNoViolations();
  });
});

describe('response validation', () => {
  it('catches a response the description forbids (a bad date from a store) and answers 500', async () => {
    const store = new InMemoryPackageStore();
    const fake = await startGitHubFake({ packageStore: store });
    try {
      fake.seed.org('acme');
      store.addPackage({ owner: 'acme', name: 'svc' });
      store.addVersion('acme', 'svc', { tags: ['v1'], createdAt: 'yesterday' });
      const res = await fetch(`${fake.url}/orgs/acme/packages/container/svc/versions`, {
        headers: { authorization: 'token t' },
      });
      expect(res.status).toBe(500);
      expect(fake.violations).toHaveLength(1);
      expect(fake.violations[0]).toMatchObject({ kind: 'response', status: 200 });
      expect(fake.violations[0]!.issues.map((i) => i.where)).toContain('response.200.0.created_at');
      expect(() => fake.assertNoViolations()).toThrow(/response GET .*created_at/);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('completing responses from the schema', () => {
  const api = getOpenApi();
  const schema = { $ref: '#/components/schemas/deployment' };

  it('fills the required fields the fake does not model and keeps the ones it set', () => {
    const partial = { id: 5, ref: 'main', sha: 'a'.repeat(40), creator: { login: 'bot', id: 9 } };
    const full = complete(api, schema, partial) as Record<string, unknown>;
    expect(full).toMatchObject(partial);
    for (const field of ['node_id', 'task', 'environment', 'payload', 'statuses_url', 'created_at']) {
      expect(full).toHaveProperty(field);
    }
    expect(full.description).toBeNull();
    expect((full.creator as Record<string, unknown>).avatar_url).toEqual(expect.stringMatching(/^https?:/));
    expect(api.validateResponse(api.operation('repos/get-deployment')!, 200, full)).toEqual([]);
  });

  it('still reports a field the fake set with the wrong type', () => {
    const full = complete(api, schema, { id: 'five', ref: 'main' });
    expect(api.validateResponse(api.operation('repos/get-deployment')!, 200, full)).toContainEqual({
      where: 'response.200.id',
      message: 'must be integer',
    });
  });
});
