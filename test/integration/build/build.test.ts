/**
 * `slipway build` on the real engine and registry: the fixture app (web, worker, scheduler, and a
 * site in two flavors) is built, pushed, run; tags and labels are read back from the registry;
 * source-only rebuilds must reuse every dependency-stage layer, also from the registry after the
 * builder cache is pruned.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/harness.js';
import {
  REGISTRY,
  busyboxBaseImage,
  docker,
  dockerResult,
  ensureServices,
  registryFetch,
  registryTags,
  uniqueSuffix,
} from '../../support/services.js';

interface Step {
  stage?: string;
  name: string;
  cached: boolean;
}
interface BuildJson {
  version: string;
  digests: Record<string, string>;
  images: { key: string; image: string; tags: string[]; digest?: string; steps: Step[] }[];
}

const cli = join(repoRoot, 'src/cli/index.ts');
const id = uniqueSuffix();
const owner = `build-${id}`;
let app: string;
const containers: string[] = [];

function git(...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd: app,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function slipway(args: string[]) {
  return spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [cli, ...args], {
    cwd: app,
    encoding: 'utf8',
    timeout: 280_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

function build(args: string[]): BuildJson {
  const r = slipway(['build', '--json', ...args]);
  if (r.status !== 0) throw new Error(`slipway build ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as BuildJson;
}

/** image-plan's tags for the same arguments (the build-only options left out). */
function plannedTags(args: string[]): Record<string, string[]> {
  const planArgs = args.filter((a, i) => a !== '--service' && args[i - 1] !== '--service');
  const r = slipway(['image-plan', '--json', '--cache', 'registry', ...planArgs]);
  if (r.status !== 0) throw new Error(`slipway image-plan exited ${r.status}:\n${r.stderr}`);
  const plan = JSON.parse(r.stdout) as { builds: { key: string; tagNames: string[]; cacheTo: string[] }[] };
  return Object.fromEntries(plan.builds.map((b) => [b.key, b.tagNames]));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function runAndGet(ref: string, path: string): Promise<{ status: number; body: string }> {
  const port = await freePort();
  const name = `build-test-${id}-${port}`;
  docker(['run', '-d', '--name', name, '--network', 'host', '-e', `PORT=${port}`, ref]);
  containers.push(name);
  for (let i = 0; i < 50; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, body: await res.text() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${ref} did not answer on port ${port}: ${docker(['logs', name])}`);
}

async function configLabels(repository: string, tag: string): Promise<Record<string, string>> {
  const res = await registryFetch(`${repository}/manifests/${tag}`);
  expect(res.status).toBe(200);
  const manifest = (await res.json()) as { config: { digest: string } };
  const blob = await registryFetch(`${repository}/blobs/${manifest.config.digest}`);
  const config = (await blob.json()) as { config: { Labels: Record<string, string> } };
  return config.config.Labels;
}

const depsSteps = (b: BuildJson) => b.images.flatMap((i) => i.steps.filter((s) => s.stage === 'deps'));

describe('slipway build (fixture app, real engine and registry)', () => {
  let first: BuildJson;
  let sha: string;

  beforeAll(async () => {
    await ensureServices();
    await busyboxBaseImage();
    app = mkdtempSync(join(tmpdir(), 'build-app-'));
    cpSync(join(repoRoot, 'fixtures/apps/stack'), app, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture app');
    sha = git('rev-parse', 'HEAD');
    first = build(['--repository', `${owner}/stack`]);
  });

  afterAll(() => {
    for (const c of containers) dockerResult(['rm', '-f', c]);
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('builds one image per service and flavor and prints their digests', () => {
    expect(Object.keys(first.digests).sort()).toEqual(
      ['scheduler', 'site/gighive', 'site/stormpigs', 'web', 'worker'].sort(),
    );
    for (const [key, ref] of Object.entries(first.digests)) {
      const image = key.replace('/', '-');
      expect(ref).toMatch(new RegExp(`^${REGISTRY}/${owner}/stack/${image}@sha256:[0-9a-f]{64}$`));
    }
    // the digests are distinct images
    expect(new Set(Object.values(first.digests).map((r) => r.split('@')[1])).size).toBe(5);
  });

  it('each image, pulled by digest, serves its own /version and /health', async () => {
    for (const [key, ref] of Object.entries(first.digests)) {
      const [service, flavor = ''] = key.split('/');
      docker(['image', 'rm', '-f', ...first.images.find((i) => i.key === key)!.tags]);
      docker(['pull', ref!]);
      const version = await runAndGet(ref!, '/version');
      expect(version.status).toBe(200);
      expect(JSON.parse(version.body)).toMatchObject({ service, flavor, revision: sha, version: 'main' });
    }
    const health = await runAndGet(first.digests.web!, '/health');
    expect(health).toEqual({ status: 200, body: 'ok\n' });
  });

  it('pushes the OCI labels image-plan gives', async () => {
    const labels = await configLabels(`${owner}/stack/web`, 'main');
    expect(labels['org.opencontainers.image.source']).toBe(`https://github.com/${owner}/stack`);
    expect(labels['org.opencontainers.image.revision']).toBe(sha);
    expect(labels['org.opencontainers.image.version']).toBe('main');
    expect(Date.parse(labels['org.opencontainers.image.created']!)).not.toBeNaN();
    const site = await configLabels(`${owner}/stack/site-stormpigs`, `sha-${sha.slice(0, 7)}`);
    expect(site['dev.slipway.flavor']).toBe('stormpigs');
  });

  it('tags in the registry match image-plan for a default-branch push', async () => {
    const planned = plannedTags(['--repository', `${owner}/stack`]);
    for (const key of Object.keys(first.digests)) {
      const repo = `${owner}/stack/${key.replace('/', '-')}`;
      // plus the cache: the image with inline cache, and the intermediate stage chain (build FROM deps)
      expect(await registryTags(repo)).toEqual(
        [...planned[key]!, 'buildcache-main', 'buildcache-main-build'].sort(),
      );
      // every tag (pushed, or put through the registry API) is the same manifest
      const digest = first.digests[key]!.split('@')[1];
      for (const tag of [...planned[key]!, 'buildcache-main']) {
        const head = await registryFetch(`${repo}/manifests/${tag}`, { method: 'HEAD' });
        expect(head.headers.get('docker-content-digest'), `${repo}:${tag}`).toBe(digest);
      }
    }
  });

  it('tags for a v2.3.1 tag push: version aliases and latest, cache written to the default branch', async () => {
    git('tag', 'v2.3.1');
    const args = ['--repository', `${owner}/release`, '--ref', 'refs/tags/v2.3.1', '--service', 'web'];
    const r = build(args);
    expect(r.version).toBe('2.3.1');
    const planned = plannedTags(args);
    expect(planned.web).toEqual(['v2.3.1', 'v2.3', 'v2', 'latest', `sha-${sha.slice(0, 7)}`]);
    expect(await registryTags(`${owner}/release/web`)).toEqual(
      [...planned.web!, 'buildcache-main', 'buildcache-main-build'].sort(),
    );
    const labels = await configLabels(`${owner}/release/web`, 'v2.3.1');
    expect(labels['org.opencontainers.image.version']).toBe('2.3.1');
  });

  it('tags for a pull request: pr-N and sha only, no cache written', async () => {
    const args = ['--repository', `${owner}/pr`, '--event', 'pull_request', '--pr', '7', '--service', 'web'];
    build(args);
    const planned = plannedTags(args);
    expect(planned.web).toEqual(['pr-7', `sha-${sha.slice(0, 7)}`]);
    expect(await registryTags(`${owner}/pr/web`)).toEqual([...planned.web!].sort());
  });

  it('a source-only change reuses every dependency-stage layer', async () => {
    writeFileSync(join(app, 'src/message.txt'), 'Changed source, same dependencies.\n');
    git('commit', '-q', '-am', 'source change');
    const second = build(['--repository', `${owner}/stack`]);
    const deps = depsSteps(second);
    expect(deps.length).toBeGreaterThanOrEqual(5 * 2);
    expect(deps.filter((s) => !s.cached)).toEqual([]);
    // the application layers were rebuilt (once: web, worker and scheduler share the build stage)
    const web = second.images.find((i) => i.key === 'web')!;
    expect(web.steps.filter((s) => s.stage === 'build' && !s.cached).length).toBeGreaterThan(0);
    const out = await runAndGet(second.digests.worker!, '/');
    expect(out.body).toContain('Changed source, same dependencies.');
  });

  it('after `docker builder prune -af` and without local images, the cache comes from the registry', async () => {
    docker(['builder', 'prune', '-af']);
    // a second machine: none of this repository's images or cache images locally
    const local = docker([
      'image',
      'ls',
      '--format',
      '{{.Repository}}:{{.Tag}}',
      `${REGISTRY}/${owner}/stack/*`,
    ])
      .split('\n')
      .filter((ref) => ref && !ref.endsWith(':<none>'));
    expect(local.length).toBeGreaterThan(0);
    docker(['image', 'rm', '-f', ...local]);
    writeFileSync(join(app, 'src/message.txt'), 'Changed again after the prune.\n');
    git('commit', '-q', '-am', 'another source change');
    const third = build(['--repository', `${owner}/stack`]);
    const deps = depsSteps(third);
    expect(deps.length).toBeGreaterThanOrEqual(5 * 2);
    expect(deps.filter((s) => !s.cached)).toEqual([]);
    const out = await runAndGet(third.digests['site/gighive']!, '/');
    expect(out.body).toContain('Changed again after the prune.');
    expect(out.body).toContain('GigHive theme');
  });

  it('image names from the services file (ghcr.io) are moved to the local registry', async () => {
    writeFileSync(
      join(app, 'ghcr.yml'),
      `images: ghcr.io/${owner}/named\nservices:\n  web: { target: web }\n`,
    );
    const r = build(['--services', 'ghcr.yml', '--repository', `${owner}/stack`]);
    expect(r.digests.web).toMatch(new RegExp(`^${REGISTRY}/${owner}/named/web@sha256:`));
    expect(await registryTags(`${owner}/named/web`)).toContain('main');
  });

  it('a bad services file fails naming the file and field, and pushes nothing', async () => {
    writeFileSync(
      join(app, 'bad.yml'),
      'services:\n  web: { target: web }\n  api: { target: web, buildargs: { A: b } }\n',
    );
    const r = slipway(['build', '--services', 'bad.yml', '--repository', `${owner}/bad`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yml:3: services\.api\.buildargs: unknown key/);
    expect(await registryTags(`${owner}/bad/web`)).toEqual([]);
  });

  it('a target missing from the Dockerfile fails before anything is built or pushed', async () => {
    writeFileSync(join(app, 'notarget.yml'), 'services:\n  web: { target: web }\n  api: { target: api }\n');
    const r = slipway(['build', '--services', 'notarget.yml', '--repository', `${owner}/notarget`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /notarget\.yml: services\.api\.target: stage 'api' is not in Dockerfile \(its stages: base, deps, build, runtime, web, worker, scheduler, site\)/,
    );
    expect(r.stderr).not.toMatch(/- build /);
    expect(await registryTags(`${owner}/notarget/web`)).toEqual([]);
  });
});
