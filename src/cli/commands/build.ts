import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import {
  buildCommands,
  checkTargets,
  digestMap,
  metadataDigest,
  parseProgress,
  pushDigest,
  rehost,
  type BuiltImage,
  type Command,
} from '../../image/build.js';
import { gitContext } from '../../image/context.js';
import { dockerfileStages } from '../../image/dockerfile-stages.js';
import { planImages, type ImageBuild } from '../../image/plan.js';
import { parseServicesFile, type CacheBackend } from '../../image/services.js';
import { detectBuilder, exec, tagInLocalRegistry } from '../../runner/docker.js';
import { localGit } from '../../runner/git.js';
import type { CliCommand } from '../args.js';

const help = `slipway build: build every service and flavor of a services file with the local Docker
engine (BuildKit), tag them as image-plan says, push them and print their digests

options:
  --services FILE         services file (default .github/slipway.yml)
  --registry HOST[:PORT]  registry to push to (default 127.0.0.1:5000); image names from the
                          services file are moved to it (ghcr.io/acme/shop -> <registry>/acme/shop)
  --images PREFIX         image name prefix, over the file's images (default <registry>/<owner>/<repo>)
  --repository OWNER/REPO repository (default: from the origin remote, else local/<directory>)
  --event NAME            push (default), pull_request, schedule, workflow_dispatch
  --ref REF               git ref (default: the checkout's branch, or the tag HEAD is at)
  --sha SHA               commit (default: HEAD)
  --pr N                  pull request number (with --event pull_request)
  --default-branch NAME   default branch (default main)
  --service NAME          build only this service (and --flavor FLAVOR of it)
  --flavor NAME
  --cache registry|none   layer cache in the registry (default registry; gha is for runners only)
  --build-arg KEY=VALUE   extra build arg (repeatable)
  --push=false            build and tag only
  --json                  print {digests, images} as JSON (steps included) instead of a table
  --output FILE           also write that JSON to FILE
  --jobs N                images built at the same time (default 1; concurrent builds
                          may miss cache imported from the registry with the classic builder)
  --verbose               stream the docker output

Build args GIT_SHA (the commit) and APP_VERSION (image-plan's version) are passed to every build.
An image's tags are pushed only after all of its builds succeeded. Exit 0 when everything was
built (and pushed); 1 on a bad services file, a missing target or a failed build (nothing is
pushed when the services file or a target is wrong).`;

const isPush = (c: Command) => c.argv[0] === 'push';

export const command: CliCommand = {
  help,
  options: {
    services: { type: 'string' },
    registry: { type: 'string' },
    images: { type: 'string' },
    repository: { type: 'string' },
    event: { type: 'string' },
    ref: { type: 'string' },
    sha: { type: 'string' },
    pr: { type: 'string' },
    'default-branch': { type: 'string' },
    service: { type: 'string' },
    flavor: { type: 'string' },
    cache: { type: 'string' },
    'build-arg': { type: 'string', repeatable: true },
    push: { type: 'boolean' },
    json: { type: 'boolean' },
    output: { type: 'string' },
    verbose: { type: 'boolean' },
    jobs: { type: 'string' },
  },
  async run(args) {
    const log = (line: string) => process.stderr.write(line + '\n');
    const file = args.values.services ?? '.github/slipway.yml';
    const text = await readFile(resolve(file), 'utf8').catch(() => {
      throw new UserError('file not found', file);
    });
    const services = parseServicesFile(text, file);

    const extraBuildArgs: Record<string, string> = {};
    for (const kv of args.lists['build-arg'] ?? []) {
      const i = kv.indexOf('=');
      if (i <= 0) throw new UserError(`--build-arg: expected KEY=VALUE, got '${kv}'`);
      extraBuildArgs[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const cache = (args.values.cache ?? 'registry') as CacheBackend;
    if (cache !== 'registry' && cache !== 'none')
      throw new UserError(`--cache: registry or none, got '${args.values.cache}'`);
    const push = args.flags.push ?? true;

    const local = await localGit(process.cwd());
    const repository = (
      args.values.repository ??
      local?.repository ??
      `local/${basename(process.cwd())}`
    ).toLowerCase();
    if (!/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(repository))
      throw new UserError(`--repository: expected owner/repo, got '${repository}'`);
    const event = args.values.event ?? 'push';
    const sha = args.values.sha ?? local?.sha;
    if (!sha) throw new UserError('not a git checkout: pass --sha and --ref');
    const pr = args.values.pr;
    if (event.startsWith('pull_request') && !pr) throw new UserError('--event pull_request needs --pr N');
    const ctx = gitContext({
      eventName: event,
      ref: args.values.ref ?? (pr ? `refs/pull/${pr}/merge` : (local?.ref ?? 'refs/heads/main')),
      sha,
      repository,
      defaultBranch: args.values['default-branch'] ?? 'main',
      payload: pr
        ? {
            pull_request: {
              number: Number(pr),
              head: { sha, ref: local?.ref.replace(/^refs\/heads\//, '') ?? '' },
            },
          }
        : {},
    });

    const read = (p: string) => (existsSync(resolve(p)) ? readFileSync(resolve(p), 'utf8') : undefined);
    const stages: Record<string, number> = {};
    for (const svc of services.services) {
      const df = read(svc.dockerfile);
      if (df !== undefined) stages[svc.dockerfile] = dockerfileStages(df).length;
    }
    const registry = args.values.registry ?? '127.0.0.1:5000';
    // a local build pushes to the local registry, whatever registry the services file names
    if (args.values.images) delete services.images;
    else if (services.images) services.images = rehost(services.images, registry);
    for (const svc of services.services) if (svc.image) svc.image = rehost(svc.image, registry);
    const plan = planImages(services, ctx, {
      images: args.values.images ?? `${registry}/${repository}`,
      releaseTags: local?.tags,
      now: new Date().toISOString(),
      cache,
      stages,
      ...(args.values.service ? { service: args.values.service } : {}),
      ...(args.values.flavor ? { flavor: args.values.flavor } : {}),
    });
    if (plan.builds.length === 0)
      throw new UserError(
        `no build matches --service ${args.values.service ?? ''} --flavor ${args.values.flavor ?? ''} in ${file}`,
      );

    // Everything that can be wrong in the user's files is checked before the first build.
    const dockerfiles = checkTargets(plan.builds, file, read);
    for (const b of plan.builds) {
      if (!existsSync(resolve(b.context)) || !statSync(resolve(b.context)).isDirectory())
        throw new UserError(`services.${b.service}.context: ${b.context} is not a directory`, file);
    }

    const builder = await detectBuilder();
    log(
      `slipway build: ${plan.builds.length} image(s), version ${plan.version}, ${builder.kind} builder (${builder.client})`,
    );
    for (const note of plan.notes) log(`note: ${note}`);
    const jobs = Number(args.values.jobs ?? '1');
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`--jobs: a positive integer, got '${args.values.jobs}'`);
    const tmp = await mkdtemp(join(tmpdir(), 'slipway-build-'));
    const built: BuiltImage[] = new Array(plan.builds.length);
    let failed: unknown;

    // stage cache builds already done in this run: identical ones are tagged, not rebuilt
    const stageBuilt = new Map<string, string>();
    const run = async (c: Command, b: ImageBuild, image: BuiltImage) => {
      const same = c.stageKey ? stageBuilt.get(c.stageKey) : undefined;
      if (same && c.produces) {
        log(`- ${c.what}: same as ${same}`);
        const t = await exec(builder.client, ['tag', same, c.produces]);
        if (t.code === 0) return;
      }
      log(`- ${c.what}`);
      const r = await exec(builder.client, c.argv, {
        ...(c.env ? { env: c.env } : {}),
        ...(args.flags.verbose ? { onOutput: (d: string) => process.stderr.write(d) } : {}),
      });
      const output = r.stdout + r.stderr;
      if (r.code !== 0) {
        if (!args.flags.verbose) process.stderr.write(output.split('\n').slice(-30).join('\n') + '\n');
        throw new UserError(`${c.what} failed (docker exit ${r.code})`, `services.${b.service}`);
      }
      if (c.argv[0] === 'build' || c.argv[1] === 'build') image.steps.push(...parseProgress(output));
      if (c.digestOf) image.digest = pushDigest(output);
      if (c.stageKey && c.produces) stageBuilt.set(c.stageKey, c.produces);
    };

    const buildOne = async (b: ImageBuild, index: number) => {
      if (builder.kind === 'classic' && b.platforms.some((p) => p !== builder.platform))
        log(
          `note: ${b.key}: the classic builder builds for ${builder.platform} only (asked: ${b.platforms.join(', ')})`,
        );
      const metadataFile = join(tmp, `${b.key.replace('/', '-')}.json`);
      const cmds = buildCommands(b, {
        builder: builder.kind,
        push,
        revision: ctx.sha,
        version: plan.version,
        extraBuildArgs,
        dockerfileText: dockerfiles.get(b.dockerfile)!,
        metadataFile,
      });
      const started = Date.now();
      const image: BuiltImage = {
        key: b.key,
        service: b.service,
        image: b.image,
        tags: b.tags,
        steps: [],
        seconds: 0,
      };
      if (b.flavor) image.flavor = b.flavor;
      // builds first; pushes only once every build of this image succeeded. One at a time: the
      // distribution registry's filesystem storage races on concurrent pushes of the same blobs
      // to one repository (500 "invalid checksum digest format").
      for (const c of cmds.filter((c) => !isPush(c))) await run(c, b, image);
      for (const c of cmds.filter(isPush)) {
        // the image's other tags: the same manifest, tagged through the API when the registry is local
        if (c.final && !c.digestOf && image.digest && (await tagInLocalRegistry(c.argv[1]!, image.digest))) {
          log(`- ${c.what}: tagged ${image.digest}`);
          continue;
        }
        await run(c, b, image);
      }
      if (builder.kind === 'buildx' && push && existsSync(metadataFile)) {
        image.digest = metadataDigest(readFileSync(metadataFile, 'utf8'));
      }
      if (!push) {
        const id = await exec(builder.client, ['image', 'inspect', '--format', '{{.Id}}', b.tags[0]!]);
        if (id.code === 0) image.digest = id.stdout.trim();
      }
      image.seconds = (Date.now() - started) / 1000;
      const cached = image.steps.filter((s) => s.cached).length;
      log(
        `  ${b.key}: ${image.digest ?? '(no digest)'} in ${image.seconds.toFixed(1)}s, ${cached}/${image.steps.length} steps cached`,
      );
      built[index] = image;
    };

    try {
      // a small pool: BuildKit shares the identical steps (the dependency stage) between builds
      let next = 0;
      const worker = async () => {
        while (failed === undefined && next < plan.builds.length) {
          const i = next++;
          await buildOne(plan.builds[i]!, i).catch((e: unknown) => {
            failed ??= e;
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(jobs, plan.builds.length) }, worker));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    if (failed !== undefined) throw failed;

    const result = { version: plan.version, builder: builder.kind, digests: digestMap(built), images: built };
    if (args.values.output) writeFileSync(args.values.output, JSON.stringify(result, null, 2) + '\n');
    if (args.flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else for (const i of built) process.stdout.write(`${i.key}\t${i.image}@${i.digest ?? ''}\n`);
    return 0;
  },
};
