import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCommands,
  checkTargets,
  digestMap,
  metadataDigest,
  parseProgress,
  pushDigest,
  rehost,
} from '../../../src/image/build.js';
import type { ImageBuild } from '../../../src/image/plan.js';
import { UserError } from '../../../src/errors.js';
import { repoRoot } from '../../support/harness.js';

const dockerfile = readFileSync(join(repoRoot, 'fixtures/apps/stack/Dockerfile'), 'utf8');

function build(over: Partial<ImageBuild> = {}): ImageBuild {
  return {
    key: 'site/gighive',
    service: 'site',
    flavor: 'gighive',
    image: 'reg:5000/acme/stack/site-gighive',
    target: 'site',
    context: '.',
    dockerfile: 'Dockerfile',
    buildArgs: { FLAVOR: 'gighive' },
    platforms: ['linux/amd64'],
    tagNames: ['main', 'sha-1234567'],
    tags: ['reg:5000/acme/stack/site-gighive:main', 'reg:5000/acme/stack/site-gighive:sha-1234567'],
    labels: { 'org.opencontainers.image.revision': 'abc' },
    cacheFrom: ['type=registry,ref=reg:5000/acme/stack/site-gighive:buildcache-main'],
    cacheTo: [
      'type=registry,ref=reg:5000/acme/stack/site-gighive:buildcache-main,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true',
    ],
    ...over,
  };
}

const opts = { push: true, revision: 'abc', version: 'main', dockerfileText: dockerfile } as const;
const pairs = (argv: string[], flag: string) => argv.flatMap((a, i) => (argv[i - 1] === flag ? [a] : []));

describe('buildCommands (classic BuildKit, inline cache)', () => {
  const cmds = buildCommands(build(), { ...opts, builder: 'classic' });
  const cache = 'reg:5000/acme/stack/site-gighive:buildcache-main';

  it('builds and pushes the intermediate stage chain first, then the image, then pushes every tag', () => {
    expect(cmds.map((c) => c.what)).toEqual([
      'build site/gighive cache of stage build',
      `push ${cache}-build`,
      'build site/gighive',
      'push reg:5000/acme/stack/site-gighive:main',
      'push reg:5000/acme/stack/site-gighive:sha-1234567',
      `push ${cache}`,
    ]);
    expect(cmds.every((c) => c.env?.DOCKER_BUILDKIT === '1')).toBe(true);
    expect(cmds.filter((c) => c.digestOf).map((c) => c.digestOf)).toEqual([
      'reg:5000/acme/stack/site-gighive:main',
    ]);
  });

  it('the image build has target, build args (flavor, GIT_SHA, APP_VERSION), labels, inline cache and every cache source', () => {
    const final = cmds.find((c) => c.final)!.argv;
    expect(final[0]).toBe('build');
    expect(pairs(final, '--target')).toEqual(['site']);
    expect(pairs(final, '--build-arg')).toEqual([
      'GIT_SHA=abc',
      'APP_VERSION=main',
      'FLAVOR=gighive',
      'BUILDKIT_INLINE_CACHE=1',
    ]);
    expect(pairs(final, '--label')).toEqual(['org.opencontainers.image.revision=abc']);
    expect(pairs(final, '--cache-from')).toEqual([cache, `${cache}-build`]);
    expect(pairs(final, '--tag')).toEqual([...build().tags, cache]);
    expect(final.at(-1)).toBe('.');
    expect(final).not.toContain('--cache-to');
  });

  it('the stage build targets the stage and is tagged as its cache image', () => {
    const stage = cmds[0]!.argv;
    expect(pairs(stage, '--target')).toEqual(['build']);
    expect(pairs(stage, '--tag')).toEqual([`${cache}-build`]);
    expect(stage).toContain('BUILDKIT_INLINE_CACHE=1');
  });

  it('stage cache builds that build the same thing share a key (so one run builds it once)', () => {
    const plain = { target: 'web', buildArgs: {}, flavor: undefined };
    const web = buildCommands(
      build({ ...plain, key: 'web', image: 'r/web', cacheTo: ['type=registry,ref=r/web:buildcache-main'] }),
      { ...opts, builder: 'classic' },
    );
    const worker = buildCommands(
      build({
        ...plain,
        target: 'worker',
        key: 'worker',
        image: 'r/worker',
        cacheTo: ['type=registry,ref=r/worker:buildcache-main'],
      }),
      { ...opts, builder: 'classic' },
    );
    expect(web[0]!.stageKey).toBeDefined();
    expect(web[0]!.produces).toBe('r/web:buildcache-main-build');
    expect(worker[0]!.produces).toBe('r/worker:buildcache-main-build');
    expect(worker[0]!.stageKey).toBe(web[0]!.stageKey);
    // the flavor changes the build stage: not the same
    expect(cmds[0]!.stageKey).not.toBe(web[0]!.stageKey);
    expect(cmds.find((c) => c.final)!.stageKey).toBeUndefined();
  });

  it('an untrusted build (no cache-to) reads the cache but writes none', () => {
    const c = buildCommands(build({ cacheTo: [] }), { ...opts, builder: 'classic' });
    expect(c.map((x) => x.what)).toEqual([
      'build site/gighive',
      'push reg:5000/acme/stack/site-gighive:main',
      'push reg:5000/acme/stack/site-gighive:sha-1234567',
    ]);
    expect(pairs(c[0]!.argv, '--cache-from')).toEqual([cache, `${cache}-build`]);
    expect(c[0]!.argv).not.toContain('BUILDKIT_INLINE_CACHE=1');
  });

  it('without push nothing is pushed and no cache is written; command-line build args win', () => {
    const c = buildCommands(build(), {
      ...opts,
      builder: 'classic',
      push: false,
      extraBuildArgs: { FLAVOR: 'stormpigs', DEPS_SCALE: '4' },
    });
    expect(c.map((x) => x.what)).toEqual(['build site/gighive']);
    expect(pairs(c[0]!.argv, '--build-arg')).toEqual([
      'GIT_SHA=abc',
      'APP_VERSION=main',
      'FLAVOR=stormpigs',
      'DEPS_SCALE=4',
    ]);
  });

  it('no cache at all: no cache flags', () => {
    const c = buildCommands(build({ cacheFrom: [], cacheTo: [] }), { ...opts, builder: 'classic' });
    expect(c[0]!.argv).not.toContain('--cache-from');
  });
});

describe('buildCommands (buildx)', () => {
  it('one buildx build with the plan cache refs as they are, platforms, metadata file and --push', () => {
    const [c, ...rest] = buildCommands(build({ platforms: ['linux/amd64', 'linux/arm64'] }), {
      ...opts,
      builder: 'buildx',
      metadataFile: '/tmp/m.json',
    });
    expect(rest).toEqual([]);
    expect(c!.argv.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(pairs(c!.argv, '--cache-to')).toEqual(build().cacheTo);
    expect(pairs(c!.argv, '--cache-from')).toEqual(build().cacheFrom);
    expect(pairs(c!.argv, '--platform')).toEqual(['linux/amd64,linux/arm64']);
    expect(pairs(c!.argv, '--metadata-file')).toEqual(['/tmp/m.json']);
    expect(c!.argv).toContain('--push');
  });

  it('without push: --load and no cache export', () => {
    const [c] = buildCommands(build(), { ...opts, builder: 'buildx', push: false });
    expect(c!.argv).toContain('--load');
    expect(c!.argv).not.toContain('--cache-to');
  });
});

describe('parseProgress', () => {
  const log = [
    '#1 [internal] load build definition from Dockerfile',
    '#1 sha256:aa',
    '#1 DONE 0.0s',
    '#4 [base 1/2] FROM docker.io/slipway/busybox:latest',
    '#5 [base 2/2] RUN mkdir -p /app',
    '#5 CACHED',
    '#8 importing cache manifest from reg/x:buildcache-main',
    '#7 [deps 2/2] RUN sh /src/deps/install.sh',
    '#7 0.512 installed framework 4.2.7 (2 units)',
    '#7 DONE 3.1s',
    '#6 [deps 1/2] COPY deps/ /src/deps/',
    '#6 CACHED',
    '#9 [2/3] COPY . .',
    '#4 [base 1/2] FROM docker.io/slipway/busybox:latest',
    '',
  ].join('\n');

  it('lists instruction steps by id with stage and whether they were CACHED', () => {
    expect(parseProgress(log)).toEqual([
      {
        id: 4,
        name: '[base 1/2] FROM docker.io/slipway/busybox:latest',
        stage: 'base',
        instruction: 'FROM docker.io/slipway/busybox:latest',
        cached: false,
      },
      {
        id: 5,
        name: '[base 2/2] RUN mkdir -p /app',
        stage: 'base',
        instruction: 'RUN mkdir -p /app',
        cached: true,
      },
      {
        id: 6,
        name: '[deps 1/2] COPY deps/ /src/deps/',
        stage: 'deps',
        instruction: 'COPY deps/ /src/deps/',
        cached: true,
      },
      {
        id: 7,
        name: '[deps 2/2] RUN sh /src/deps/install.sh',
        stage: 'deps',
        instruction: 'RUN sh /src/deps/install.sh',
        cached: false,
      },
      { id: 9, name: '[2/3] COPY . .', instruction: 'COPY . .', cached: false },
    ]);
  });
});

describe('digests', () => {
  it('reads the digest docker push prints', () => {
    const d = 'sha256:' + 'ab'.repeat(32);
    expect(pushDigest(`abc: Layer already exists\nmain: digest: ${d} size: 1150\n`)).toBe(d);
    expect(pushDigest('no digest here')).toBeUndefined();
  });

  it("reads buildx's metadata file", () => {
    expect(metadataDigest('{"containerimage.digest":"sha256:12","image.name":"x"}')).toBe('sha256:12');
    expect(metadataDigest('{}')).toBeUndefined();
  });

  it('maps service[/flavor] to image@digest, skipping images without a digest', () => {
    expect(
      digestMap([
        { key: 'web', service: 'web', image: 'r/web', tags: [], digest: 'sha256:1', steps: [], seconds: 1 },
        {
          key: 'site/a',
          service: 'site',
          flavor: 'a',
          image: 'r/site-a',
          tags: [],
          digest: 'sha256:2',
          steps: [],
          seconds: 1,
        },
        { key: 'x', service: 'x', image: 'r/x', tags: [], steps: [], seconds: 1 },
      ]),
    ).toEqual({ web: 'r/web@sha256:1', 'site/a': 'r/site-a@sha256:2' });
  });
});

describe('checkTargets', () => {
  const files: Record<string, string> = { Dockerfile: dockerfile, 'empty/Dockerfile': '# nothing\n' };
  const read = (p: string) => files[p];

  it('returns the Dockerfile texts when every target exists', () => {
    const texts = checkTargets(
      [build(), build({ key: 'web', service: 'web', target: 'web' })],
      'slipway.yml',
      read,
    );
    expect([...texts.keys()]).toEqual(['Dockerfile']);
  });

  it('names the services file, the field and the stages for a missing target; every problem at once', () => {
    let err: unknown;
    try {
      checkTargets(
        [
          build({ service: 'api', target: 'api' }),
          build({ service: 'cron', dockerfile: 'cron/Dockerfile' }),
          build({ service: 'nada', dockerfile: 'empty/Dockerfile' }),
        ],
        '.github/slipway.yml',
        read,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message.split('\n')).toEqual([
      ".github/slipway.yml: services.api.target: stage 'api' is not in Dockerfile (its stages: base, deps, build, runtime, web, worker, scheduler, site)",
      '.github/slipway.yml: services.cron.dockerfile: cron/Dockerfile does not exist',
      '.github/slipway.yml: services.nada.dockerfile: empty/Dockerfile has no FROM instruction',
    ]);
  });
});

describe('rehost', () => {
  it('moves an image name to another registry', () => {
    expect(rehost('ghcr.io/acme/shop/web', '127.0.0.1:5000')).toBe('127.0.0.1:5000/acme/shop/web');
    expect(rehost('registry.example.com:8443/x/y', 'localhost:5000')).toBe('localhost:5000/x/y');
    expect(rehost('localhost/x', 'r:1')).toBe('r:1/x');
    expect(rehost('acme/web', '127.0.0.1:5000')).toBe('127.0.0.1:5000/acme/web');
    expect(rehost('web', '127.0.0.1:5000')).toBe('127.0.0.1:5000/web');
  });
});
