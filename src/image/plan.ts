/**
 * image-plan's core: from a git context and a services file, every image to build, with its
 * tags, OCI labels, cache references and build settings, plus the matrix for a workflow.
 *
 * Tags:
 * - every build: `sha-<7>` (the PR's head commit for pull requests)
 * - branch push: the branch name (sanitised); `latest` on the default branch when `latest: default-branch`
 * - pull request: `pr-<N>`
 * - schedule: `nightly`
 * - tag push of a semver release `v1.2.3`: `v1.2.3`, plus `v1.2` only when it is the highest
 *   1.2.x, `v1` only when it is the highest 1.x, and `latest` (with `latest: release`) only when
 *   it is the highest stable release of all; a pre-release (`v1.3.0-rc.1`) gets only its own tag.
 *   Moving tags are never moved backwards by a backport.
 * - tag push of anything else: the tag name (sanitised).
 */
import semver from 'semver';
import type { GitContext } from './context.js';
import type { CacheBackend, ServicesFile, ServiceSpec } from './services.js';

export interface PlanOptions {
  /** Name prefix of the images, e.g. `ghcr.io/owner/repo` (the file's `images` wins if set there). */
  images: string;
  /** Existing git tags of the repository (release history); undefined when they could not be read. */
  releaseTags?: string[];
  /** ISO time for `org.opencontainers.image.created`. */
  now: string;
  /** Overrides the file's cache backend (`none` turns caching off). */
  cache?: CacheBackend;
  /** Only this service (and flavor), for a single build-image step. */
  service?: string;
  flavor?: string;
  /** Number of build stages per Dockerfile path: mode=max cache export only pays for multi-stage files. */
  stages?: Record<string, number>;
}

export interface ImageBuild {
  /** `service` or `service/flavor`: the key of the digests map. */
  key: string;
  service: string;
  flavor?: string;
  image: string;
  target?: string;
  context: string;
  dockerfile: string;
  buildArgs: Record<string, string>;
  platforms: string[];
  /** Tag names only (`v1.2.3`), and full references (`ghcr.io/o/r/web:v1.2.3`). */
  tagNames: string[];
  tags: string[];
  labels: Record<string, string>;
  cacheFrom: string[];
  cacheTo: string[];
}

export interface ImagePlan {
  version: string;
  context: GitContext;
  builds: ImageBuild[];
  /** Notes for the user (why `latest` was not given, ...). */
  notes: string[];
}

/** Docker tag rules: [A-Za-z0-9_.-], not starting with . or -, at most 128 characters. */
export function sanitizeTag(raw: string): string {
  const t = raw.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '');
  return t.slice(0, 128) || 'unnamed';
}

function releaseVersions(tags: string[], prefix: string): semver.SemVer[] {
  return tags
    .filter((t) => t.startsWith(prefix))
    .map((t) => semver.parse(t.slice(prefix.length)))
    .filter((v): v is semver.SemVer => v !== null);
}

interface TagDecision {
  tags: string[];
  version: string;
  notes: string[];
}

function tagNamesFor(
  ctx: GitContext,
  latest: ServicesFile['latest'],
  releaseTags: string[] | undefined,
): TagDecision {
  const short = ctx.sha.slice(0, 7);
  const notes: string[] = [];
  const tags: string[] = [];
  let version: string;
  switch (ctx.kind) {
    case 'pull_request':
      version = `pr-${ctx.prNumber}`;
      tags.push(version);
      break;
    case 'schedule':
      version = 'nightly';
      tags.push('nightly');
      break;
    case 'branch':
      version = sanitizeTag(ctx.branch!);
      tags.push(version);
      if (ctx.isDefaultBranch && latest === 'default-branch') tags.push('latest');
      break;
    case 'tag': {
      const tag = ctx.tag!;
      const prefix = /^v\d/.test(tag) ? 'v' : '';
      const v = semver.parse(tag.slice(prefix.length));
      if (!v) {
        version = sanitizeTag(tag);
        tags.push(version);
        notes.push(`tag '${tag}' is not a semantic version: no version aliases or latest`);
        break;
      }
      version = v.version;
      tags.push(sanitizeTag(tag));
      if (v.prerelease.length) {
        notes.push(
          `${tag} is a pre-release: no ${prefix}${v.major}.${v.minor}, ${prefix}${v.major} or latest`,
        );
        break;
      }
      if (releaseTags === undefined) {
        notes.push(
          `the release tags could not be read: ${prefix}${v.major}.${v.minor}, ${prefix}${v.major} and latest are not moved`,
        );
        break;
      }
      const stable = [...releaseVersions(releaseTags, prefix), v].filter((r) => r.prerelease.length === 0);
      const highest = (pred: (r: semver.SemVer) => boolean) =>
        stable.filter(pred).every((r) => semver.lte(r, v));
      if (highest((r) => r.major === v.major && r.minor === v.minor))
        tags.push(`${prefix}${v.major}.${v.minor}`);
      else notes.push(`${prefix}${v.major}.${v.minor} stays on a newer ${v.major}.${v.minor}.x release`);
      if (highest((r) => r.major === v.major)) tags.push(`${prefix}${v.major}`);
      else notes.push(`${prefix}${v.major} stays on a newer ${v.major}.x release`);
      if (latest === 'release') {
        if (highest(() => true)) tags.push('latest');
        else notes.push(`latest stays on a newer release than ${tag}`);
      }
      break;
    }
  }
  tags.push(`sha-${short}`);
  return { tags: [...new Set(tags)], version, notes };
}

function imageName(images: string, svc: ServiceSpec, flavor: string | undefined): string {
  const base = svc.image ?? `${images.replace(/\/+$/, '')}/${svc.name}`;
  return flavor ? `${base}-${flavor}` : base;
}

function cacheRefs(
  ctx: GitContext,
  backend: CacheBackend,
  image: string,
  key: string,
  stages: number | undefined,
): { from: string[]; to: string[] } {
  if (backend === 'none') return { from: [], to: [] };
  // mode=max also exports the layers of intermediate stages (dependencies, build): worth its
  // upload time only when there are such stages; a single-stage file's layers are all in the image.
  const mode = stages === 1 ? 'min' : 'max';
  const scope = key.replace('/', '-');
  if (backend === 'gha') {
    // GitHub scopes cache entries by branch already (a branch reads its own, then the default
    // branch's); one scope per service and flavor keeps matrix jobs from overwriting each other.
    return {
      from: [`type=gha,scope=${scope}`],
      to: ctx.trusted ? [`type=gha,scope=${scope},mode=${mode},ignore-error=true`] : [],
    };
  }
  const branch = sanitizeTag(ctx.kind === 'tag' ? ctx.defaultBranch : (ctx.branch ?? ctx.defaultBranch));
  const own = `type=registry,ref=${image}:buildcache-${branch}`;
  const dflt = `type=registry,ref=${image}:buildcache-${sanitizeTag(ctx.defaultBranch)}`;
  const from = own === dflt ? [own] : [own, dflt];
  const writeBranch = ctx.kind === 'tag' ? ctx.defaultBranch : ctx.branch;
  const to =
    ctx.trusted && writeBranch
      ? [
          `type=registry,ref=${image}:buildcache-${sanitizeTag(writeBranch)},mode=${mode},image-manifest=true,oci-mediatypes=true,ignore-error=true`,
        ]
      : [];
  return { from, to };
}

export function planImages(file: ServicesFile, ctx: GitContext, opts: PlanOptions): ImagePlan {
  const images = (file.images ?? opts.images).toLowerCase();
  const decision = tagNamesFor(ctx, file.latest, opts.releaseTags);
  const backend = opts.cache ?? file.cache;
  const builds: ImageBuild[] = [];
  for (const svc of file.services) {
    if (opts.service !== undefined && svc.name !== opts.service) continue;
    const flavors: (string | undefined)[] = svc.flavors.length ? svc.flavors : [undefined];
    for (const flavor of flavors) {
      if (opts.flavor !== undefined && flavor !== opts.flavor) continue;
      const key = flavor ? `${svc.name}/${flavor}` : svc.name;
      const image = imageName(images, svc, flavor);
      const source = `${ctx.serverUrl}/${ctx.repository}`;
      const labels: Record<string, string> = {
        'org.opencontainers.image.title': flavor ? `${svc.name}-${flavor}` : svc.name,
        'org.opencontainers.image.source': source,
        'org.opencontainers.image.url': source,
        'org.opencontainers.image.revision': ctx.sha,
        'org.opencontainers.image.version': decision.version,
        'org.opencontainers.image.created': opts.now,
        ...(ctx.description ? { 'org.opencontainers.image.description': ctx.description } : {}),
        ...(ctx.license ? { 'org.opencontainers.image.licenses': ctx.license } : {}),
        'dev.slipway.service': svc.name,
        ...(flavor ? { 'dev.slipway.flavor': flavor } : {}),
      };
      const cache = cacheRefs(ctx, backend, image, key, opts.stages?.[svc.dockerfile]);
      const build: ImageBuild = {
        key,
        service: svc.name,
        image,
        context: svc.context,
        dockerfile: svc.dockerfile,
        buildArgs: { ...svc.buildArgs, ...(flavor ? file.flavors[flavor]!.buildArgs : {}) },
        platforms: svc.platforms,
        tagNames: decision.tags,
        tags: decision.tags.map((t) => `${image}:${t}`),
        labels,
        cacheFrom: cache.from,
        cacheTo: cache.to,
      };
      if (flavor) build.flavor = flavor;
      if (svc.target !== undefined) build.target = svc.target;
      builds.push(build);
    }
  }
  return { version: decision.version, context: ctx, builds, notes: decision.notes };
}

/** `{include: [...]}` for `strategy.matrix`: one entry per service and flavor. */
export function buildMatrix(plan: ImagePlan): { include: Record<string, string>[] } {
  return {
    include: plan.builds.map((b) => ({
      key: b.key,
      service: b.service,
      flavor: b.flavor ?? '',
      image: b.image,
      target: b.target ?? '',
      context: b.context,
      dockerfile: b.dockerfile,
      platforms: b.platforms.join(','),
    })),
  };
}
