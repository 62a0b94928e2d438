import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import type { ActionIO } from '../../runner/io.js';
import { applyPlan, type ApplyResult } from '../../retention/apply.js';
import { buildPlan, type CollectStats, type ManifestCache } from '../../retention/collect.js';
import { deployedDigests, type DeployedDigest } from '../../retention/deployed.js';
import { isDigest, type ManifestInfo, type VersionInfo } from '../../retention/model.js';
import { DEFAULT_POINTS_PER_MINUTE, Pacer } from '../../retention/pace.js';
import { plannedDeletions, type PlannedVersion, type RetentionPlan } from '../../retention/plan.js';
import { reconcilePlan } from '../../retention/reconcile.js';
import { countPlan, formatBytes, parsePlan, renderSummary } from '../../retention/report.js';
import { RegistryClient } from '../../runner/registry.js';
import { RetentionGitHub } from '../../runner/retention-github.js';
import { readInputs } from './inputs.js';

export interface RetentionDeps {
  now?: () => number;
  /** Points per minute for the shared pace (GitHub allows 900 per endpoint). */
  pointsPerMinute?: number;
  pacer?: Pacer;
  /** Shorter octokit retry backoff (tests). */
  retryAfterBaseValue?: number;
  registryBackoffMs?: number;
  /** Images deleted at once (default 4; the pacer, not this, sets the rate). */
  applyConcurrency?: number;
}

export interface RetentionOutcome {
  plan: RetentionPlan;
  planPath: string;
  result?: ApplyResult;
  stats: CollectStats & { apiRequests: number };
}

/**
 * ghcr-retention: resolve packages, read deployments, build the plan (every package listed and
 * every needed manifest read before anything is deleted), write it, check the circuit breaker,
 * then apply exactly that plan (unless dry-run).
 */
export async function main(io: ActionIO, deps: RetentionDeps = {}): Promise<RetentionOutcome> {
  const now = deps.now ?? Date.now;
  const started = now();
  const inputs = readInputs((n) => io.getInput(n), io.env);
  io.setSecret(inputs.token);
  const pacer =
    deps.pacer ?? new Pacer({ pointsPerMinute: deps.pointsPerMinute ?? DEFAULT_POINTS_PER_MINUTE, now });
  const gh = new RetentionGitHub({
    token: inputs.token,
    baseUrl: inputs.apiUrl,
    pacer,
    log: (m) => io.info(m),
    ...(deps.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: deps.retryAfterBaseValue } : {}),
  });
  const registry = new RegistryClient({
    registry: inputs.registry,
    token: inputs.token,
    username: inputs.owner,
    log: (m) => io.debug(m),
    ...(deps.registryBackoffMs !== undefined ? { backoffMs: deps.registryBackoffMs } : {}),
  });

  const readDeployed = async (): Promise<DeployedDigest[]> => {
    if (!inputs.policy.keepDeployed) return [];
    const deployed = deployedDigests(await gh.deploymentRecords(inputs.repository));
    io.info(
      `deployed images protected: ${deployed.length} (${[...new Set(deployed.map((d) => d.environment))].join(', ') || 'no environments'})`,
    );
    return deployed;
  };

  const stats: CollectStats = { versions: 0, manifestReads: 0, cacheHits: 0 };
  const cache = loadManifestCache(inputs.manifestCache, io);
  let plan: RetentionPlan;
  if (inputs.planFile) {
    let text: string;
    try {
      text = readFileSync(inputs.planFile, 'utf8');
    } catch (e) {
      throw new UserError(`cannot read ${inputs.planFile}: ${(e as Error).message}`, 'plan-file');
    }
    const given = parsePlan(text, 'plan-file');
    const deployed = await readDeployed();
    const current = new Map<string, VersionInfo[]>();
    for (const p of given.packages) current.set(p.package.name, await gh.listVersions(p.package));
    const r = reconcilePlan(given, current, new Set(deployed.map((d) => d.digest)));
    for (const d of r.dropped) io.warning(`${d.package}: not applying ${d.root}: ${d.why}`);
    if (r.alreadyGone) io.info(`${r.alreadyGone} planned versions are already gone`);
    plan = r.plan;
  } else {
    const packages = await gh.resolvePackages(inputs.owner, inputs.packages);
    io.info(`packages: ${packages.map((p) => p.name).join(', ')} (${packages[0]?.ownerType ?? ''})`);
    const deployed = await readDeployed();
    plan = await io.group('Plan', () =>
      buildPlan({
        packages,
        ports: {
          listVersions: (p) => gh.listVersions(p),
          readManifest: (p, d) => registry.readManifest(RegistryClient.repository(p.owner, p.name), d),
        },
        policy: inputs.policy,
        deployed,
        registry: inputs.registry,
        now: new Date(now()),
        stats,
        cache,
      }),
    );
    saveManifestCache(inputs.manifestCache, cache, io);
    for (const p of plan.packages) if (p.note) io.warning(`${p.package.name}: ${p.note}`);
    io.info(
      `listed ${stats.versions} versions; read ${stats.manifestReads} manifests (${stats.cacheHits} from cache)`,
    );
  }

  const planPath = planPathFor(io);
  mkdirSync(dirname(planPath), { recursive: true });
  writeFileSync(planPath, JSON.stringify(plan, null, 2) + '\n');
  io.setOutput('plan', planPath);
  const planned = plannedDeletions(plan);
  const counts = countPlan(plan);
  const keptVersions = counts.reduce((s, c) => s + c.keptVersions, 0);
  io.setOutput('planned', planned);
  io.setOutput('kept', keptVersions);
  for (const c of counts) {
    io.info(
      `${c.package}: ${c.versions} versions, ${c.keptImages} images kept, ${c.plannedImages} images (${c.plannedVersions} versions${
        c.bytesPlanned ? `, ≥ ${formatBytes(c.bytesPlanned)}` : ''
      }) to delete`,
    );
  }
  const outcome: RetentionOutcome = { plan, planPath, stats: { ...stats, apiRequests: gh.requests } };

  if (planned > inputs.maxDeletions) {
    io.setOutput('deleted', 0);
    io.setOutput('skipped', planned);
    await io.summary(renderSummary(plan, { mode: 'breaker', maxDeletions: inputs.maxDeletions, planPath }));
    throw new UserError(
      `the plan deletes ${planned} versions, more than max-deletions (${inputs.maxDeletions}); nothing was deleted. Review the plan (${planPath}) and raise max-deletions if it is right`,
      'max-deletions',
    );
  }
  if (inputs.dryRun) {
    io.setOutput('deleted', 0);
    io.setOutput('skipped', 0);
    await io.summary(renderSummary(plan, { mode: 'dry-run', maxDeletions: inputs.maxDeletions, planPath }));
    io.info(`dry run: would delete ${planned} versions; nothing was deleted`);
    return outcome;
  }

  const deadline = started + inputs.maxRuntimeMinutes * 60_000;
  const result = await io.group('Apply', () =>
    applyPlan(
      plan,
      {
        deleteVersion: (p, v: PlannedVersion) => gh.deleteVersion(p, v),
        listVersions: (p) => gh.listVersions(p),
        now,
        info: (m) => io.info(m),
        warning: (m) => io.warning(m),
      },
      { concurrency: deps.applyConcurrency ?? 4, deadline, progressEvery: inputs.progressEvery },
    ),
  );
  outcome.result = result;
  outcome.stats.apiRequests = gh.requests;
  const skipped = planned - result.deleted;
  io.setOutput('deleted', result.deleted);
  io.setOutput('skipped', skipped);
  io.setOutput('kept', keptVersions + skipped);
  await io.summary(
    renderSummary(plan, { mode: 'applied', result, maxDeletions: inputs.maxDeletions, planPath }),
  );
  io.info(
    `deleted ${result.deleted} of ${planned} planned versions${result.bytesFreed ? ` (≥ ${formatBytes(result.bytesFreed)})` : ''}; ${
      gh.requests
    } API requests`,
  );
  if (result.stoppedAt)
    io.warning(
      `time budget (max-runtime-minutes: ${inputs.maxRuntimeMinutes}) reached; the next run continues`,
    );
  if (result.aborted) throw new UserError(result.aborted, 'github-token');
  if (result.failed.length) {
    throw new UserError(
      `${result.failed.length} deletion(s) failed after retries (first: version ${result.failed[0]!.id}: ${result.failed[0]!.message}); the next run tries again`,
    );
  }
  return outcome;
}

const CACHE_SCHEMA = 'slipway.retention.manifests/v1';

/**
 * Manifests are immutable by digest, so what earlier runs read can be reused: fewer registry
 * reads, fewer downloads counted on GHCR. A missing or unreadable cache file is only a warning.
 */
function loadManifestCache(path: string | undefined, io: ActionIO): ManifestCache {
  const cache: ManifestCache = new Map();
  if (!path || !existsSync(path)) return cache;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as {
      schema?: string;
      manifests?: Record<string, ManifestInfo>;
    };
    if (data.schema !== CACHE_SCHEMA || !data.manifests) throw new Error(`not a ${CACHE_SCHEMA} file`);
    for (const [digest, m] of Object.entries(data.manifests)) {
      if (isDigest(digest) && m && m.digest === digest && Array.isArray(m.children)) cache.set(digest, m);
    }
    io.info(`manifest cache: ${cache.size} manifests from ${path}`);
  } catch (e) {
    io.warning(`manifest-cache: ignoring ${path}: ${(e as Error).message}`);
  }
  return cache;
}

function saveManifestCache(path: string | undefined, cache: ManifestCache, io: ActionIO): void {
  if (!path) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ schema: CACHE_SCHEMA, manifests: Object.fromEntries(cache) }));
  } catch (e) {
    io.warning(`manifest-cache: could not write ${path}: ${(e as Error).message}`);
  }
}

function planPathFor(io: ActionIO): string {
  const explicit = io.getInput('plan-path').trim();
  if (explicit) return explicit;
  const dir = io.env.RUNNER_TEMP || io.env.TMPDIR || '/tmp';
  return join(
    dir,
    `ghcr-retention-plan-${io.env.GITHUB_RUN_ID ?? 'local'}-${io.env.GITHUB_RUN_ATTEMPT ?? '1'}.json`,
  );
}
