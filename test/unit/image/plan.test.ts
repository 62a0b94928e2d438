import { describe, expect, it } from 'vitest';
import { gitContext, type ContextSource } from '../../../src/image/context.js';
import { buildMatrix, planImages, sanitizeTag } from '../../../src/image/plan.js';
import { parseServicesFile } from '../../../src/image/services.js';
import { loadEvent } from '../../support/harness.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const services = (latest = 'release', cache = 'gha') =>
  parseServicesFile(
    `latest: ${latest}\ncache: ${cache}\nflavors:\n  gighive: { build-args: { FLAVOR: gighive } }\n  stormpigs: { build-args: { FLAVOR: stormpigs } }\n` +
      `services:\n  web: { target: web }\n  worker: { target: worker, flavors: [gighive, stormpigs] }\n`,
    'slipway.yml',
  );

function ctx(eventName: string, fixture: string, ref: string, extra: Partial<ContextSource> = {}) {
  const payload = loadEvent(fixture);
  return gitContext({ eventName, ref, sha: SHA, repository: 'Codertocat/Hello-World', payload, ...extra });
}

const releases = ['v1.0.0', 'v1.1.0', 'v1.1.4', 'v1.2.0', 'v1.2.2', 'v2.0.0-rc.1', 'simple-tag'];

describe('image plan tags', () => {
  const cases: {
    name: string;
    event: string;
    fixture: string;
    ref: string;
    latest?: string;
    tags: string[];
    version: string;
    releaseTags?: string[] | undefined;
  }[] = [
    {
      name: 'push to the default branch (latest: release)',
      event: 'push',
      fixture: 'push-branch.json',
      ref: 'refs/heads/master',
      tags: ['master', `sha-${SHA.slice(0, 7)}`],
      version: 'master',
    },
    {
      name: 'push to the default branch (latest: default-branch)',
      event: 'push',
      fixture: 'push-branch.json',
      ref: 'refs/heads/master',
      latest: 'default-branch',
      tags: ['master', 'latest', `sha-${SHA.slice(0, 7)}`],
      version: 'master',
    },
    {
      name: 'push to another branch (latest: default-branch)',
      event: 'push',
      fixture: 'push-branch.json',
      ref: 'refs/heads/feature/Login_v2',
      latest: 'default-branch',
      tags: ['feature-Login_v2', `sha-${SHA.slice(0, 7)}`],
      version: 'feature-Login_v2',
    },
    {
      name: 'the newest release tag',
      event: 'push',
      fixture: 'push-tag.json',
      ref: 'refs/tags/v1.2.3',
      releaseTags: releases,
      tags: ['v1.2.3', 'v1.2', 'v1', 'latest', `sha-${SHA.slice(0, 7)}`],
      version: '1.2.3',
    },
    {
      name: 'a backport older than the newest release',
      event: 'push',
      fixture: 'push-tag.json',
      ref: 'refs/tags/v1.1.5',
      releaseTags: releases,
      tags: ['v1.1.5', 'v1.1', `sha-${SHA.slice(0, 7)}`],
      version: '1.1.5',
    },
    {
      name: 'a pre-release tag',
      event: 'push',
      fixture: 'push-tag.json',
      ref: 'refs/tags/v2.0.0-rc.2',
      releaseTags: releases,
      tags: ['v2.0.0-rc.2', `sha-${SHA.slice(0, 7)}`],
      version: '2.0.0-rc.2',
    },
    {
      name: 'a release tag whose history cannot be read',
      event: 'push',
      fixture: 'push-tag.json',
      ref: 'refs/tags/v3.0.0',
      releaseTags: undefined,
      tags: ['v3.0.0', `sha-${SHA.slice(0, 7)}`],
      version: '3.0.0',
    },
    {
      name: 'a tag that is not a version',
      event: 'push',
      fixture: 'push-tag.json',
      ref: 'refs/tags/simple-tag',
      releaseTags: releases,
      tags: ['simple-tag', `sha-${SHA.slice(0, 7)}`],
      version: 'simple-tag',
    },
    {
      name: 'a pull request (head commit sha)',
      event: 'pull_request',
      fixture: 'pull_request-opened.json',
      ref: 'refs/pull/2/merge',
      tags: ['pr-2', 'sha-ec26c3e'],
      version: 'pr-2',
    },
    {
      name: 'a schedule',
      event: 'schedule',
      fixture: 'push-branch.json',
      ref: 'refs/heads/master',
      latest: 'default-branch',
      tags: ['nightly', `sha-${SHA.slice(0, 7)}`],
      version: 'nightly',
    },
    {
      name: 'a workflow_dispatch on the default branch',
      event: 'workflow_dispatch',
      fixture: 'workflow_dispatch.json',
      ref: 'refs/heads/master',
      latest: 'default-branch',
      tags: ['master', 'latest', `sha-${SHA.slice(0, 7)}`],
      version: 'master',
    },
  ];

  it.each(cases)('$name', (c) => {
    const plan = planImages(services(c.latest), ctx(c.event, c.fixture, c.ref), {
      images: 'ghcr.io/codertocat/hello-world',
      releaseTags: 'releaseTags' in c ? c.releaseTags : [],
      now: '2026-11-22T00:00:00.000Z',
    });
    for (const b of plan.builds) expect(b.tagNames).toEqual(c.tags);
    expect(plan.version).toBe(c.version);
  });

  it('says why moving tags were not given', () => {
    const plan = planImages(services(), ctx('push', 'push-tag.json', 'refs/tags/v1.1.5'), {
      images: 'ghcr.io/o/r',
      releaseTags: releases,
      now: 'x',
    });
    expect(plan.notes).toEqual([
      'v1 stays on a newer 1.x release',
      'latest stays on a newer release than v1.1.5',
    ]);
  });

  it('sanitises tags to what a registry accepts', () => {
    expect(sanitizeTag('feature/ünïcode thing')).toBe('feature--n-code-thing');
    expect(sanitizeTag('-.lead')).toBe('lead');
    expect(sanitizeTag('x'.repeat(200))).toHaveLength(128);
  });
});

describe('image plan builds', () => {
  const plan = (event = 'push', fixture = 'push-branch.json', ref = 'refs/heads/master', cache = 'gha') =>
    planImages(services('release', cache), ctx(event, fixture, ref), {
      images: 'ghcr.io/codertocat/hello-world',
      releaseTags: [],
      now: '2026-11-22T00:00:00.000Z',
      stages: { Dockerfile: 4 },
    });

  it('plans one image per service and flavor, with the flavor build args', () => {
    const p = plan();
    expect(p.builds.map((b) => [b.key, b.image, b.target, b.buildArgs])).toEqual([
      ['web', 'ghcr.io/codertocat/hello-world/web', 'web', {}],
      ['worker/gighive', 'ghcr.io/codertocat/hello-world/worker-gighive', 'worker', { FLAVOR: 'gighive' }],
      [
        'worker/stormpigs',
        'ghcr.io/codertocat/hello-world/worker-stormpigs',
        'worker',
        { FLAVOR: 'stormpigs' },
      ],
    ]);
    expect(buildMatrix(p).include.map((m) => m.key)).toEqual(['web', 'worker/gighive', 'worker/stormpigs']);
    expect(p.builds[0]!.tags[0]).toBe('ghcr.io/codertocat/hello-world/web:master');
  });

  it('labels images with source, revision, version and creation time', () => {
    const labels = plan().builds[1]!.labels;
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/Codertocat/Hello-World',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.version': 'master',
      'org.opencontainers.image.created': '2026-11-22T00:00:00.000Z',
      'org.opencontainers.image.title': 'worker-gighive',
      'dev.slipway.flavor': 'gighive',
    });
  });

  it('gives each service and flavor its own gha cache scope, written only from trusted refs', () => {
    const push = plan();
    expect(new Set(push.builds.map((b) => b.cacheFrom[0])).size).toBe(3);
    expect(push.builds[1]!.cacheTo).toEqual(['type=gha,scope=worker-gighive,mode=max,ignore-error=true']);
    const pr = plan('pull_request', 'pull_request-opened.json', 'refs/pull/2/merge');
    expect(pr.builds.every((b) => b.cacheTo.length === 0 && b.cacheFrom.length === 1)).toBe(true);
  });

  it('reads the registry cache of this branch, then the default branch', () => {
    const pr = plan('pull_request', 'pull_request-opened.json', 'refs/pull/2/merge', 'registry');
    expect(pr.builds[0]!.cacheFrom).toEqual([
      'type=registry,ref=ghcr.io/codertocat/hello-world/web:buildcache-changes',
      'type=registry,ref=ghcr.io/codertocat/hello-world/web:buildcache-master',
    ]);
    expect(pr.builds[0]!.cacheTo).toEqual([]);
    const main = plan('push', 'push-branch.json', 'refs/heads/master', 'registry');
    expect(main.builds[0]!.cacheFrom).toHaveLength(1);
    expect(main.builds[0]!.cacheTo[0]).toContain(
      'ref=ghcr.io/codertocat/hello-world/web:buildcache-master,mode=max',
    );
  });

  it('exports only the final stage (mode=min) for a single-stage Dockerfile', () => {
    const p = planImages(services(), ctx('push', 'push-branch.json', 'refs/heads/master'), {
      images: 'ghcr.io/o/r',
      now: 'x',
      stages: { Dockerfile: 1 },
    });
    expect(p.builds[0]!.cacheTo[0]).toContain('mode=min');
  });

  it('plans a single service and flavor for one build step', () => {
    const p = planImages(services(), ctx('push', 'push-branch.json', 'refs/heads/master'), {
      images: 'ghcr.io/o/r',
      now: 'x',
      service: 'worker',
      flavor: 'stormpigs',
    });
    expect(p.builds.map((b) => b.key)).toEqual(['worker/stormpigs']);
  });
});
