import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runActionBundle } from '../support/harness.js';
import { startGitHubFake, type GitHubFake } from '../support/github-fake/index.js';

/**
 * The bundle as the runner runs it, against the GitHub fake (in-memory packages) and a small
 * registry that serves the manifests behind a Bearer challenge, the way ghcr.io does.
 */
const OWNER = 'octo-org';
const TOKEN = 'ghs_retentionactiontest';
const DAY = 86_400_000;
const ago = (d: number) => new Date(Date.now() - d * DAY).toISOString();

const manifests = new Map<string, string>();
const tokenRequests: string[] = [];
let manifestGets = 0;
let registry: Server;
let registryUrl = '';
let fake: GitHubFake;

function put(obj: object): string {
  const body = JSON.stringify(obj);
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  manifests.set(digest, body);
  return digest;
}

/** index + amd64 + arm64, seeded into the fake; returns the digests. */
function image(pkg: string, seed: string, tags: string[], days: number) {
  const plat = (arch: string) =>
    put({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { size: 10, digest: `sha256:${'0'.repeat(64)}` },
      layers: [{ size: 1000, digest: `sha256:${'1'.repeat(64)}` }],
      annotations: { seed: `${seed}-${arch}` },
    });
  const amd = plat('amd64');
  const arm = plat('arm64');
  const index = put({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: amd,
        size: 1,
        platform: { os: 'linux', architecture: 'amd64' },
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: arm,
        size: 1,
        platform: { os: 'linux', architecture: 'arm64' },
      },
    ],
  });
  for (const d of [amd, arm]) fake.seed.version(OWNER, pkg, { name: d, tags: [], createdAt: ago(days) });
  fake.seed.version(OWNER, pkg, { name: index, tags, createdAt: ago(days) });
  return { index, amd, arm };
}

beforeAll(async () => {
  registry = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      tokenRequests.push(`${req.headers.authorization ?? ''} ${url.searchParams.get('scope')}`);
      const basic = Buffer.from(
        (req.headers.authorization ?? '').replace(/^Basic /, ''),
        'base64',
      ).toString();
      if (!basic.endsWith(`:${TOKEN}`) && !basic.endsWith(':ghs_notadmin'))
        return void res.writeHead(401).end();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: 'registry-bearer' }));
      return;
    }
    if (req.headers.authorization !== 'Bearer registry-bearer') {
      const scope = `repository:${url.pathname.split('/').slice(2, -2).join('/')}:pull`;
      res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${registryUrl}/token",service="test-registry",scope="${scope}"`,
        })
        .end();
      return;
    }
    manifestGets++;
    const digest = url.pathname.split('/').pop()!;
    const body = manifests.get(digest);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': (JSON.parse(body) as { mediaType: string }).mediaType }).end(body);
  });
  await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  fake = await startGitHubFake({ seed: 5 });
  fake.seed.org(OWNER);
  fake.seed.repo(OWNER, 'octo-repo');
  fake.seed.token(TOKEN, { login: 'octocat' });
  fake.seed.token('ghs_notadmin', { login: 'octocat', permissions: { packages: 'write' } });
});
afterEach(() => fake.assertNoViolations());
afterAll(async () => {
  await fake?.close();
  registry?.close();
});

const run = (inputs: Record<string, string>) =>
  runActionBundle('ghcr-retention', {
    apiUrl: fake.url,
    eventName: 'schedule',
    timeoutMs: 120_000,
    inputs: { registry: registryUrl, 'github-token': TOKEN, ...inputs },
  });

describe('ghcr-retention bundle', () => {
  it('dry run: plans images (not versions) through the registry token exchange and deletes nothing', async () => {
    fake.seed.package({ owner: OWNER, name: 'svc-dry' });
    const kept = [1, 2].map((i) => image('svc-dry', `dry${i}`, [`sha-${i}`], i));
    const old = image('svc-dry', 'dry-old', ['sha-old'], 30);
    fake.clearRequests();
    manifestGets = 0;
    const r = await run({ packages: 'svc-dry', 'keep-latest': '2', 'dry-run': 'true' });
    expect(r.errors).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ planned: '3', deleted: '0', skipped: '0', kept: '6' });
    const plan = JSON.parse(readFileSync(r.outputs.plan!, 'utf8')) as {
      packages: { delete: { root: { digest: string }; members: { digest: string }[] }[] }[];
    };
    expect(plan.packages[0]!.delete).toHaveLength(1);
    expect(plan.packages[0]!.delete[0]!.root.digest).toBe(old.index);
    expect(plan.packages[0]!.delete[0]!.members.map((m) => m.digest).sort()).toEqual(
      [old.amd, old.arm].sort(),
    );
    expect(kept.length).toBe(2);
    expect(r.summary).toMatch(/^### ghcr-retention \(dry run\): would delete 3 versions \(1 images\)/);
    expect(fake.count({ method: 'DELETE' })).toBe(0);
    // only the three tagged indexes were read; platform manifests are placed by their index
    expect(manifestGets).toBe(3);
    expect(tokenRequests.at(-1)).toMatch(/^Basic .+ repository:octo-org\/svc-dry:pull$/);
    expect(r.masks).toContain(TOKEN);
  });

  it('expands wildcards, deletes, and reports per package', async () => {
    for (const pkg of ['svc-a', 'svc-b']) {
      fake.seed.package({ owner: OWNER, name: pkg });
      image(pkg, `${pkg}-new`, ['latest'], 1);
      image(pkg, `${pkg}-old`, ['sha-old'], 40);
    }
    const r = await run({ packages: 'svc-[ab]', 'keep-latest': '1' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ deleted: '6', planned: '6', skipped: '0' });
    expect(r.summary).toMatch(/\| svc-a \| 6 \| 1 \(1 \/ 1 \/ 0 \/ 0\) \| 1 \| 3 \| 0 \|/);
    expect(r.summary).toMatch(/\| svc-b \|/);
    expect(await fake.versions(OWNER, 'svc-a', 'active')).toHaveLength(3);
  });

  it('the circuit breaker stops before any deletion and says how to proceed', async () => {
    fake.seed.package({ owner: OWNER, name: 'svc-breaker' });
    image('svc-breaker', 'b-new', ['latest'], 1);
    image('svc-breaker', 'b-old', ['sha-old'], 40);
    fake.clearRequests();
    const r = await run({ packages: 'svc-breaker', 'keep-latest': '1', 'max-deletions': '2' });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /max-deletions: the plan deletes 3 versions, more than max-deletions \(2\); nothing was deleted/,
    );
    expect(r.summary).toMatch(/stopped — the plan deletes 3 versions/);
    expect(fake.count({ method: 'DELETE' })).toBe(0);
  });

  it('a token without admin on the package stops at the first DELETE naming the missing grant', async () => {
    fake.seed.package({ owner: OWNER, name: 'svc-perm' });
    image('svc-perm', 'p-new', ['latest'], 1);
    image('svc-perm', 'p-old', ['sha-old'], 40);
    fake.clearRequests();
    const r = await run({ packages: 'svc-perm', 'keep-latest': '1', 'github-token': 'ghs_notadmin' });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toMatch(
      /github-token: the token cannot delete versions of 'svc-perm' \(HTTP 40[34].*Admin role on the package.*delete:packages/,
    );
    expect(fake.count({ method: 'DELETE' })).toBe(1);
    expect(await fake.versions(OWNER, 'svc-perm', 'deleted')).toEqual([]);
  });

  it('reuses manifests read by an earlier run (manifest-cache): no registry read the second time', async () => {
    fake.seed.package({ owner: OWNER, name: 'svc-cache' });
    image('svc-cache', 'c-new', ['latest'], 1);
    image('svc-cache', 'c-old', ['sha-old'], 40);
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'retention-cache-')), 'manifests.json');
    manifestGets = 0;
    const first = await run({ packages: 'svc-cache', 'dry-run': 'true', 'manifest-cache': cacheFile });
    expect(first.exitCode).toBe(0);
    expect(manifestGets).toBe(2);
    const second = await run({ packages: 'svc-cache', 'dry-run': 'true', 'manifest-cache': cacheFile });
    expect(second.exitCode).toBe(0);
    expect(manifestGets).toBe(2);
    expect(second.stdout).toMatch(/read 0 manifests \(2 from cache\)/);
    expect(second.outputs.planned).toBe(first.outputs.planned);
    writeFileSync(cacheFile, 'not json');
    const third = await run({ packages: 'svc-cache', 'dry-run': 'true', 'manifest-cache': cacheFile });
    expect(third.exitCode).toBe(0);
    expect(
      third.annotations.some((a) => a.level === 'warning' && /manifest-cache: ignoring/.test(a.message)),
    ).toBe(true);
  });

  it.each([['hubot', '/users/hubot/packages/container/svc-mine/versions']])(
    'user-owned packages of %s go through %s',
    async (login, path) => {
      fake.seed.user(login);
      fake.seed.package({ owner: login, name: 'svc-mine', ownerType: 'User' });
      const old = (i: number) => {
        const d = put({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { size: 1, digest: `sha256:${'2'.repeat(64)}` },
          layers: [],
          annotations: { login, i: String(i) },
        });
        fake.seed.version(login, 'svc-mine', { name: d, tags: [`sha-${i}`], createdAt: ago(10 + i) });
      };
      for (let i = 0; i < 3; i++) old(i);
      fake.clearRequests();
      const r = await run({
        owner: login,
        packages: 'svc-mine',
        'keep-latest': '1',
        'keep-deployed': 'false',
      });
      expect(r.errors).toEqual([]);
      expect(r.outputs.deleted).toBe('2');
      expect(fake.count({ method: 'DELETE', path: `${path}/*` })).toBe(2);
      expect(await fake.versions(login, 'svc-mine', 'active')).toHaveLength(1);
      // The fake does not model GET /user (is the token this user?); the action asks once, without
      // retries, and takes "no" for an answer. That is the only request the fake may not know.
      expect(fake.violations.map((v) => `${v.kind} ${v.method} ${v.path}`)).toEqual([
        'unimplemented GET /user',
      ]);
      fake.clearViolations();
    },
  );

  it('stops cleanly at max-runtime-minutes, and the next run continues', async () => {
    fake.seed.package({ owner: OWNER, name: 'svc-budget' });
    image('svc-budget', 'bud-new', ['latest'], 1);
    for (let i = 0; i < 6; i++) image('svc-budget', `bud-old-${i}`, [`sha-${i}`], 20 + i);
    const first = await run({ packages: 'svc-budget', 'keep-latest': '1', 'max-runtime-minutes': '0.02' });
    expect(first.exitCode).toBe(0);
    expect(
      first.annotations.some(
        (a) => a.level === 'warning' && /time budget .* reached; the next run continues/.test(a.message),
      ),
    ).toBe(true);
    const done = Number(first.outputs.deleted);
    expect(done % 3).toBe(0); // whole images only: an image that was started is finished
    // 18 deletions take at least 6 s at the pace GitHub allows, far past the 1.2 s budget
    expect(done).toBeLessThan(18);
    expect(Number(first.outputs.skipped)).toBe(18 - done);
    expect(first.summary).toMatch(/time budget reached, the next run continues/);
    const second = await run({ packages: 'svc-budget', 'keep-latest': '1' });
    expect(second.exitCode).toBe(0);
    expect(Number(second.outputs.deleted)).toBe(18 - done);
    expect(await fake.versions(OWNER, 'svc-budget', 'active')).toHaveLength(3);
  });
});
