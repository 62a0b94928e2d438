/**
 * Local builds with the same plan as the workflow: from image-plan's builds, the docker commands
 * that build, tag and push every service and flavor, and what their output says (digests, which
 * BuildKit steps came from cache). Pure: commands are run through the `exec` it is given.
 *
 * Two builders:
 * - `buildx`: `docker buildx build --push` with the plan's cache refs as they are
 *   (`type=registry,...,mode=max`): every stage's layers go to the cache manifest.
 * - `classic`: BuildKit inside dockerd through a pre-23 client (`DOCKER_BUILDKIT=1 docker build`),
 *   which has no `--cache-to`. The cache is inline (`BUILDKIT_INLINE_CACHE=1`): the image pushed
 *   as `<image>:buildcache-<branch>` carries cache metadata for its own FROM chain, and each
 *   intermediate stage outside that chain (e.g. `build FROM deps`, copied from) is pushed as
 *   `<image>:buildcache-<branch>-<stage>` so that a pruned builder reuses the dependency layers too.
 */
import { UserError } from '../errors.js';
import { cacheStages, findTarget, stageGraph } from './dockerfile-graph.js';
import type { ImageBuild } from './plan.js';

export type BuilderKind = 'buildx' | 'classic';

export interface Command {
  /** What it is for, for logs: `build web`, `push web:sha-1234567`, ... */
  what: string;
  argv: string[];
  env?: Record<string, string>;
  /** Reference whose push output carries the digest of the image. */
  digestOf?: string;
  /** The image's own build, or a push of one of its tags (the same manifest under each tag). */
  final?: boolean;
  /**
   * For a stage cache build: what it builds, without tags and cache sources. Two builds with the
   * same key in one run give the same image, so the second can be a `docker tag` of the first.
   */
  stageKey?: string;
  /** The reference a stage cache build tags. */
  produces?: string;
}

export interface BuildOptions {
  builder: BuilderKind;
  push: boolean;
  /** Commit and version passed as build args `GIT_SHA` and `APP_VERSION` (the file's build-args win). */
  revision: string;
  version: string;
  /** Extra build args (command line), over the plan's. */
  extraBuildArgs?: Record<string, string>;
  /** Text of the Dockerfile of this build (for the classic builder's stage cache images). */
  dockerfileText?: string;
  /** Path of the metadata file buildx writes (buildx only). */
  metadataFile?: string;
}

function refOf(cache: string): string | undefined {
  const parts = Object.fromEntries(
    cache.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return i === -1 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
    }),
  );
  return parts.type === 'registry' ? parts.ref : undefined;
}

function buildArgs(b: ImageBuild, o: BuildOptions): string[] {
  const args = { GIT_SHA: o.revision, APP_VERSION: o.version, ...b.buildArgs, ...o.extraBuildArgs };
  return Object.entries(args).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
}

function common(b: ImageBuild): string[] {
  return ['--progress', 'plain', '--network', 'host', '--file', b.dockerfile];
}

/** The commands that build (and push) one planned image, in order. */
export function buildCommands(b: ImageBuild, o: BuildOptions): Command[] {
  const labels = Object.entries(b.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const target = b.target ? ['--target', b.target] : [];
  if (o.builder === 'buildx') {
    const argv = [
      'buildx',
      'build',
      ...common(b),
      ...target,
      ...buildArgs(b, o),
      ...labels,
      '--platform',
      b.platforms.join(','),
      ...b.tags.flatMap((t) => ['--tag', t]),
      ...b.cacheFrom.flatMap((c) => ['--cache-from', c]),
      ...(o.push ? b.cacheTo.flatMap((c) => ['--cache-to', c]) : []),
      ...(o.metadataFile ? ['--metadata-file', o.metadataFile] : []),
      o.push ? '--push' : '--load',
      b.context,
    ];
    return [{ what: `build ${b.key}`, argv, final: true }];
  }

  // classic: inline cache, one cache image per intermediate stage chain
  const env = { DOCKER_BUILDKIT: '1' };
  const exportCache = o.push && b.cacheTo.length > 0;
  const cacheWrite = exportCache ? refOf(b.cacheTo[0]!) : undefined;
  const cacheReads = b.cacheFrom.map(refOf).filter((r): r is string => r !== undefined);
  const stages =
    o.dockerfileText !== undefined && (cacheWrite || cacheReads.length)
      ? cacheStages(stageGraph(o.dockerfileText), b.target)
      : [];
  const from = [
    ...cacheReads.flatMap((r) => [r, ...stages.map((s) => `${r}-${s}`)]),
    ...(cacheWrite && !cacheReads.includes(cacheWrite) ? [cacheWrite] : []),
  ];
  const cacheFrom = from.flatMap((r) => ['--cache-from', r]);
  const inline = exportCache ? ['--build-arg', 'BUILDKIT_INLINE_CACHE=1'] : [];
  const cmds: Command[] = [];
  if (cacheWrite) {
    for (const s of stages) {
      const ref = `${cacheWrite}-${s}`;
      cmds.push({
        what: `build ${b.key} cache of stage ${s}`,
        argv: [
          'build',
          ...common(b),
          '--target',
          s,
          ...buildArgs(b, o),
          ...inline,
          ...cacheFrom,
          '--tag',
          ref,
          b.context,
        ],
        env,
        stageKey: JSON.stringify([...common(b), '--target', s, ...buildArgs(b, o), ...inline, b.context]),
        produces: ref,
      });
      cmds.push({ what: `push ${ref}`, argv: ['push', ref], env });
    }
  }
  const tags = [...b.tags, ...(cacheWrite ? [cacheWrite] : [])];
  cmds.push({
    what: `build ${b.key}`,
    argv: [
      'build',
      ...common(b),
      ...target,
      ...buildArgs(b, o),
      ...inline,
      ...labels,
      ...cacheFrom,
      ...tags.flatMap((t) => ['--tag', t]),
      b.context,
    ],
    env,
    final: true,
  });
  if (o.push) {
    for (const t of tags) {
      cmds.push({
        what: `push ${t}`,
        argv: ['push', t],
        env,
        final: true,
        ...(t === b.tags[0] ? { digestOf: t } : {}),
      });
    }
  }
  return cmds;
}

export interface ProgressStep {
  id: number;
  /** As BuildKit prints it: `[deps 2/2] RUN ...`. */
  name: string;
  /** `deps` (absent for a file without named stages). */
  stage?: string;
  /** `RUN ...` */
  instruction: string;
  cached: boolean;
}

/** Steps of a BuildKit `--progress plain` log (docker build or buildx), with whether each was CACHED. */
export function parseProgress(log: string): ProgressStep[] {
  const steps = new Map<number, ProgressStep>();
  for (const line of log.split(/\r?\n/)) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    const rest = m[2]!;
    if (rest === 'CACHED') {
      const s = steps.get(id);
      if (s) s.cached = true;
      continue;
    }
    if (steps.has(id)) continue;
    // instruction steps only: "[deps 2/2] RUN ...", "[1/3] COPY ..." (not "[internal] ...")
    const bracket = /^\[(?:(\S+) )?(\d+\/\d+)\] (.*)$/.exec(rest);
    if (!bracket) continue;
    const step: ProgressStep = { id, name: rest, instruction: bracket[3]!, cached: false };
    if (bracket[1]) step.stage = bracket[1];
    steps.set(id, step);
  }
  return [...steps.values()].sort((a, b) => a.id - b.id);
}

/** The digest `docker push` printed (`<tag>: digest: sha256:... size: N`). */
export function pushDigest(output: string): string | undefined {
  return /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}

/** The digest buildx wrote to its metadata file. */
export function metadataDigest(json: string): string | undefined {
  const meta = JSON.parse(json) as Record<string, unknown>;
  const d = meta['containerimage.digest'];
  return typeof d === 'string' ? d : undefined;
}

/**
 * Checks every build's Dockerfile has its target; throws one UserError naming the services file,
 * the field and the Dockerfile. `read` returns undefined for a missing file.
 */
export function checkTargets(
  builds: ImageBuild[],
  servicesFile: string,
  read: (path: string) => string | undefined,
): Map<string, string> {
  const texts = new Map<string, string>();
  const problems: string[] = [];
  for (const b of builds) {
    const text = texts.get(b.dockerfile) ?? read(b.dockerfile);
    if (text === undefined) {
      problems.push(`services.${b.service}.dockerfile: ${b.dockerfile} does not exist`);
      continue;
    }
    texts.set(b.dockerfile, text);
    const stages = stageGraph(text);
    if (stages.length === 0) {
      problems.push(`services.${b.service}.dockerfile: ${b.dockerfile} has no FROM instruction`);
      continue;
    }
    if (b.target && !findTarget(stages, b.target)) {
      const names = stages.map((s) => s.name).filter(Boolean);
      const msg =
        `services.${b.service}.target: stage '${b.target}' is not in ${b.dockerfile}` +
        (names.length ? ` (its stages: ${names.join(', ')})` : ' (it has no named stages)');
      if (!problems.includes(msg)) problems.push(msg);
    }
  }
  if (problems.length) throw new UserError(problems.map((p) => `${servicesFile}: ${p}`).join('\n'));
  return texts;
}

export interface BuiltImage {
  key: string;
  service: string;
  flavor?: string;
  image: string;
  tags: string[];
  digest?: string;
  steps: ProgressStep[];
  seconds: number;
}

/** `{ "web": "reg/o/r/web@sha256:...", "site/gighive": ... }`: what later jobs deploy and scan. */
export function digestMap(images: BuiltImage[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of images) if (i.digest) out[i.key] = `${i.image}@${i.digest}`;
  return out;
}

/**
 * The same image name on another registry: `ghcr.io/acme/shop/web` -> `127.0.0.1:5000/acme/shop/web`
 * (a name without a registry host, `acme/web`, is put under it as it is). Local builds push to the
 * local registry even when the services file names GHCR.
 */
export function rehost(name: string, registry: string): string {
  const [first, ...rest] = name.split('/');
  const hasHost = rest.length > 0 && (/[.:]/.test(first!) || first === 'localhost');
  return `${registry}/${hasHost ? rest.join('/') : name}`;
}
