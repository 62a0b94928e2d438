import { UserError } from '../../errors.js';
import { validatePolicy, type RetentionPolicy } from '../../retention/policy.js';
import { registryEndpoint } from '../../runner/registry.js';

export interface RetentionInputs {
  owner: string;
  packages: string[];
  policy: RetentionPolicy;
  /** Repository whose deployments protect images (owner/repo). */
  repository: string;
  dryRun: boolean;
  maxDeletions: number;
  registry: string;
  token: string;
  apiUrl: string;
  maxRuntimeMinutes: number;
  progressEvery: number;
  /** Apply this plan file (from an earlier dry run) instead of planning now. */
  planFile?: string;
  /** JSON file of manifests read by earlier runs, keyed by digest (read, then rewritten). */
  manifestCache?: string;
}

type Read = (name: string) => string;

const list = (raw: string) =>
  raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

function int(read: Read, name: string, min: number, fallback: number): number {
  const raw = read(name).trim();
  if (!raw) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new UserError(`expected a whole number, got '${raw}'`, name);
  const n = Number(raw);
  if (n < min) throw new UserError(`must be ${min} or more, got ${n}`, name);
  return n;
}

function minutes(read: Read, name: string, fallback: number): number {
  const raw = read(name).trim();
  if (!raw) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0)
    throw new UserError(`expected a number of minutes above 0, got '${raw}'`, name);
  return Number(raw);
}

function bool(read: Read, name: string, fallback: boolean): boolean {
  const raw = read(name).trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new UserError(`expected true or false, got '${raw}'`, name);
}

const NAME = /^[a-z0-9][a-z0-9._/*?{},[\]!-]*$/i;

/**
 * Reads and checks every input before anything happens. `env` supplies what the runner knows
 * (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_REPOSITORY_OWNER).
 */
export function readInputs(read: Read, env: Readonly<Record<string, string | undefined>>): RetentionInputs {
  const owner = read('owner').trim() || env.GITHUB_REPOSITORY_OWNER || '';
  if (!owner) throw new UserError('is required (a user or organization login)', 'owner');
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(owner))
    throw new UserError(`'${owner}' is not a GitHub login`, 'owner');
  const packages = list(read('packages'));
  const planFile = read('plan-file').trim();
  if (!packages.length && !planFile)
    throw new UserError('is required: package names or wildcards, one per line', 'packages');
  for (const p of packages)
    if (!NAME.test(p)) throw new UserError(`'${p}' is not a container package name or wildcard`, 'packages');

  const untaggedRaw = read('untagged-after-days').trim();
  let untaggedAfterDays = 7;
  if (untaggedRaw) {
    if (!/^-?\d+(\.\d+)?$/.test(untaggedRaw))
      throw new UserError(`expected a number of days, got '${untaggedRaw}'`, 'untagged-after-days');
    untaggedAfterDays = Number(untaggedRaw);
  }
  const keepLatestRaw = read('keep-latest').trim();
  if (keepLatestRaw && !/^-?\d+$/.test(keepLatestRaw))
    throw new UserError(`expected a whole number of images, got '${keepLatestRaw}'`, 'keep-latest');
  const keepTagsRaw = read('keep-tags');
  const policy = validatePolicy(
    {
      keepLatest: keepLatestRaw ? Number(keepLatestRaw) : 5,
      keepTags: keepTagsRaw.trim() ? list(keepTagsRaw) : [],
      untaggedAfterDays,
      keepDeployed: bool(read, 'keep-deployed', true),
    },
    {
      keepLatest: 'keep-latest',
      keepTags: 'keep-tags',
      untaggedAfterDays: 'untagged-after-days',
      keepDeployed: 'keep-deployed',
    },
  );

  const registry = read('registry').trim() || 'ghcr.io';
  try {
    registryEndpoint(registry);
  } catch (e) {
    throw new UserError(`'${registry}' is not a registry host or URL: ${(e as Error).message}`, 'registry');
  }
  const repository = read('repository').trim() || env.GITHUB_REPOSITORY || '';
  if (policy.keepDeployed && !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
    throw new UserError(
      `keep-deployed reads the deployments of a repository: set owner/repo (got '${repository}')`,
      'repository',
    );
  }
  const token = read('github-token').trim();
  if (!token) throw new UserError('is required', 'github-token');
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const out: RetentionInputs = {
    owner,
    packages,
    policy,
    repository,
    dryRun: bool(read, 'dry-run', false),
    maxDeletions: int(read, 'max-deletions', 0, 500),
    registry,
    token,
    apiUrl,
    maxRuntimeMinutes: minutes(read, 'max-runtime-minutes', 50),
    progressEvery: int(read, 'progress-every', 0, 100),
  };
  if (planFile) out.planFile = planFile;
  const manifestCache = read('manifest-cache').trim();
  if (manifestCache) out.manifestCache = manifestCache;
  return out;
}
