import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_MESSAGES, startGitHubFake, type GitHubFake } from '../../support/github-fake/index.js';
import { createGitHubClient } from '../../../src/runner/octokit.js';

let fake: GitHubFake;
let n = 0;

beforeAll(async () => {
  fake = await startGitHubFake();
  fake.seed.org('acme');
  fake.seed.repo('acme', 'app');
});
afterEach(() => {
  fake.assertNoViolations();
  fake.clearRequests();
});
afterAll(() => fake.close());

const gh = (token = 'ghs_admin') => createGitHubClient({ token, baseUrl: fake.url, retries: 0 });

/** A fresh package with `count` versions, oldest first; version i tagged per `tags(i)`. */
function seedPackage(
  count: number,
  tags: (i: number) => string[] = (i) => [`v${i}`],
  extra: { visibility?: 'public' | 'private' } = {},
) {
  const name = `svc-${++n}/api`;
  fake.seed.package({ owner: 'acme', name, ...extra });
  const versions = Array.from({ length: count }, (_, i) =>
    fake.seed.version('acme', name, {
      tags: tags(i),
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
    }),
  );
  return { name, versions };
}

describe('container packages', () => {
  it('lists an org’s container packages; names with "/" travel URL-encoded', async () => {
    const { name } = seedPackage(3);
    const list = await gh().rest.packages.listPackagesForOrganization({
      org: 'acme',
      package_type: 'container',
    });
    expect(list.data.map((p) => p.name)).toContain(name);
    const one = await gh().rest.packages.getPackageForOrganization({
      org: 'acme',
      package_type: 'container',
      package_name: name,
    });
    expect(one.data).toMatchObject({
      name,
      package_type: 'container',
      version_count: 3,
      visibility: 'private',
    });
    expect(fake.requests.at(-1)?.path).toBe(`/orgs/acme/packages/container/${encodeURIComponent(name)}`);
    const npm = await gh().rest.packages.listPackagesForOrganization({ org: 'acme', package_type: 'npm' });
    expect(npm.data).toEqual([]);
  });

  it('paginates versions newest first with link headers, and octokit.paginate walks them all', async () => {
    const { name, versions } = seedPackage(250, (i) => (i % 10 === 0 ? [`v${i}`] : []));
    const first = await gh().rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
      per_page: 100,
    });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]?.id).toBe(versions.at(-1)!.id);
    expect(first.data[0]?.metadata?.container?.tags).toEqual([]);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const client = gh();
    const all = await client.paginate(client.rest.packages.getAllPackageVersionsForPackageOwnedByOrg, {
      org: 'acme',
      package_type: 'container',
      package_name: name,
      per_page: 100,
    });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((v) => v.id)).size).toBe(250);
    expect(all.find((v) => v.id === versions[240]!.id)?.metadata?.container?.tags).toEqual(['v240']);
    expect(fake.count({ operationId: 'packages/get-all-package-versions-for-package-owned-by-org' })).toBe(4);
  });

  it('caps per_page at 100 and defaults to 30', async () => {
    const { name } = seedPackage(150);
    const d = await gh().rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
    });
    expect(d.data).toHaveLength(30);
    const big = await gh().rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
      per_page: 500,
    });
    expect(big.data).toHaveLength(100);
  });

  it('deletes a version (204), lists it under state=deleted, restores it', async () => {
    const { name, versions } = seedPackage(3);
    const target = versions[0]!;
    const del = await gh().rest.packages.deletePackageVersionForOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
      package_version_id: target.id,
    });
    expect(del.status).toBe(204);
    expect((await fake.versions('acme', name)).map((v) => v.id)).not.toContain(target.id);
    const deleted = await gh().rest.packages.getAllPackageVersionsForPackageOwnedByOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
      state: 'deleted',
    });
    expect(deleted.data.map((v) => v.id)).toEqual([target.id]);
    expect(deleted.data[0]?.deleted_at).toBeTruthy();
    await expect(
      gh().rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: target.id,
      }),
    ).rejects.toMatchObject({ status: 404 });
    const restored = await gh().rest.packages.restorePackageVersionForOrg({
      org: 'acme',
      package_type: 'container',
      package_name: name,
      package_version_id: target.id,
    });
    expect(restored.status).toBe(204);
    expect((await fake.versions('acme', name)).map((v) => v.id)).toContain(target.id);
  });

  it('refuses to delete the only version of a package', async () => {
    const { name, versions } = seedPackage(1);
    await expect(
      gh().rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: versions[0]!.id,
      }),
    ).rejects.toMatchObject({ status: 400, response: { data: { message: PACKAGE_MESSAGES.lastVersion } } });
    expect(await fake.versions('acme', name)).toHaveLength(1);
  });

  it('refuses to delete the last tagged version while untagged ones remain', async () => {
    const { name, versions } = seedPackage(3, (i) => (i === 2 ? ['latest'] : []));
    const call = (id: number) =>
      gh().rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: id,
      });
    await expect(call(versions[2]!.id)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('last tagged version'),
    });
    // Untagged ones go.
    expect((await call(versions[0]!.id)).status).toBe(204);
  });

  it('refuses to delete a public version downloaded more than 5,000 times', async () => {
    const name = `popular-${++n}`;
    fake.seed.package({ owner: 'acme', name, visibility: 'public' });
    const hot = fake.seed.version('acme', name, { tags: ['v1'], downloads: 5001 });
    const cold = fake.seed.version('acme', name, { tags: ['v2'], downloads: 5000 });
    fake.seed.version('acme', name, { tags: ['v3'] });
    const call = (id: number) =>
      gh().rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: id,
      });
    await expect(call(hot.id)).rejects.toMatchObject({
      status: 400,
      response: { data: { message: PACKAGE_MESSAGES.downloads } },
    });
    expect((await call(cold.id)).status).toBe(204);
  });

  it('answers 404 for an unknown package and version', async () => {
    const { name } = seedPackage(2);
    await expect(
      gh().rest.packages.getPackageForOrganization({
        org: 'acme',
        package_type: 'container',
        package_name: 'nope',
      }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Package not found.' } } });
    await expect(
      gh().rest.packages.getPackageVersionForOrganization({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: 1,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('enforces token permissions: no access hides the package; without admin a delete answers 404 Package not found.', async () => {
    const { name, versions } = seedPackage(3);
    fake.seed.token('ghs_none', { permissions: { packages: 'none' } });
    fake.seed.token('ghs_read', { permissions: { packages: 'read' } });
    await expect(
      gh('ghs_none').rest.packages.getPackageForOrganization({
        org: 'acme',
        package_type: 'container',
        package_name: name,
      }),
    ).rejects.toMatchObject({ status: 404 });
    const read = await gh('ghs_read').rest.packages.getPackageForOrganization({
      org: 'acme',
      package_type: 'container',
      package_name: name,
    });
    expect(read.status).toBe(200);
    await expect(
      gh('ghs_read').rest.packages.deletePackageVersionForOrg({
        org: 'acme',
        package_type: 'container',
        package_name: name,
        package_version_id: versions[0]!.id,
      }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Package not found.' } } });
    expect(await fake.versions('acme', name)).toHaveLength(3);
  });

  it('serves user-owned and the authenticated user’s packages', async () => {
    fake.seed.token('ghs_alice', { login: 'alice' });
    fake.seed.package({ owner: 'alice', name: 'tool', ownerType: 'User' });
    const v1 = fake.seed.version('alice', 'tool', { tags: ['v1'] });
    fake.seed.version('alice', 'tool', { tags: ['v2'] });
    const byUser = await gh().rest.packages.getAllPackageVersionsForPackageOwnedByUser({
      username: 'alice',
      package_type: 'container',
      package_name: 'tool',
    });
    expect(byUser.data).toHaveLength(2);
    const mine = await gh('ghs_alice').rest.packages.listPackagesForAuthenticatedUser({
      package_type: 'container',
    });
    expect(mine.data.map((p) => p.name)).toEqual(['tool']);
    const del = await gh('ghs_alice').rest.packages.deletePackageVersionForAuthenticatedUser({
      package_type: 'container',
      package_name: 'tool',
      package_version_id: v1.id,
    });
    expect(del.status).toBe(204);
    const got = await gh().rest.packages.getPackageVersionForUser({
      username: 'alice',
      package_type: 'container',
      package_name: 'tool',
      package_version_id: v1.id,
    });
    expect(got.data.deleted_at).toBeTruthy();
  });

  it('answers 404 when listing packages of an org that does not exist', async () => {
    await expect(
      gh().rest.packages.listPackagesForOrganization({ org: 'ghost-org', package_type: 'container' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('a large package', () => {
  it('lists 20,000 versions in 200 pages and deletes from it', async () => {
    const name = `big-${++n}`;
    fake.seed.package({ owner: 'acme', name });
    const base = Date.UTC(2023, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      fake.seed.version('acme', name, {
        tags: i % 1000 === 0 ? [`r${i}`] : [],
        createdAt: new Date(base + i * 60_000).toISOString(),
      });
    }
    const client = gh();
    const all = await client.paginate(client.rest.packages.getAllPackageVersionsForPackageOwnedByOrg, {
      org: 'acme',
      package_type: 'container',
      package_name: name,
      per_page: 100,
    });
    expect(all).toHaveLength(20_000);
    expect(fake.count({ operationId: 'packages/get-all-package-versions-for-package-owned-by-org' })).toBe(
      200,
    );
    const oldest = all.at(-1)!;
    expect(oldest.metadata?.container?.tags).toEqual(['r0']);
    expect(
      (
        await client.rest.packages.deletePackageVersionForOrg({
          org: 'acme',
          package_type: 'container',
          package_name: name,
          package_version_id: all[5]!.id,
        })
      ).status,
    ).toBe(204);
    expect(await fake.versions('acme', name)).toHaveLength(19_999);
  });

  it('answers 404 for the packages of a user that does not exist', async () => {
    await expect(
      gh().rest.packages.listPackagesForUser({ username: 'ghost-user', package_type: 'container' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });
});
