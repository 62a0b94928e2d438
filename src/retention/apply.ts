import type { DeletedImage, PackageRef, PlannedVersion, RetentionPlan } from './plan.js';

/** What one DELETE of a package version came to. */
export type DeleteOutcome =
  | { kind: 'deleted' }
  /** 404: already gone (a retried DELETE that had gone through, or someone else's cleanup). */
  | { kind: 'gone' }
  /** GitHub refused (last tagged version; public version over 5,000 downloads). */
  | { kind: 'refused'; message: string };

export interface ApplyPorts {
  /** Deletes one version. A permission problem throws (it stops the run); refusals are outcomes. */
  deleteVersion(pkg: PackageRef, version: PlannedVersion): Promise<DeleteOutcome>;
  /**
   * Lists the package again after its deletions, to confirm them: a DELETE whose answer was
   * lost or garbled (a connection reset) is sent again. Optional.
   */
  listVersions?(pkg: PackageRef): Promise<{ id: number }[]>;
  now(): number;
  info(message: string): void;
  warning(message: string): void;
}

export interface ApplyOptions {
  /** Images deleted at once (the pacer spaces the requests; this only hides latency). */
  concurrency: number;
  /** Stop starting new images at this time (epoch ms); the next run continues. */
  deadline?: number;
  /** A progress line every this many deleted versions (0: none). */
  progressEvery: number;
}

export type VersionOutcome = 'deleted' | 'gone' | 'refused' | 'failed' | 'held' | 'not-started';

export interface VersionResult {
  package: string;
  id: number;
  digest: string;
  tags: string[];
  outcome: VersionOutcome;
  message?: string;
}

export interface PackageResult {
  package: string;
  deletedImages: number;
  deletedVersions: number;
  skippedVersions: number;
  bytesFreed: number;
}

export interface ApplyResult {
  deleted: number;
  skipped: VersionResult[];
  /** Failed after retries (not refusals): the next run tries again. */
  failed: VersionResult[];
  packages: PackageResult[];
  bytesFreed: number;
  /** The time budget ran out before the plan was done. */
  stoppedAt?: string;
  /** A permission error stopped the run. */
  aborted?: string;
}

export class ApplyAbort extends Error {}

/**
 * Applies exactly the images of a plan: per image the root first (so a stop half-way never
 * leaves a tagged index pointing at deleted children), then its members once every deleted
 * image holding them is gone (shared children are reference counted). A refused root keeps its
 * members; a permission error stops everything; the deadline stops starting new images.
 */
export async function applyPlan(
  plan: RetentionPlan,
  ports: ApplyPorts,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const result: ApplyResult = { deleted: 0, skipped: [], failed: [], packages: [], bytesFreed: 0 };
  let sinceProgress = 0;
  const total = plan.packages.reduce((s, p) => s + p.delete.length, 0);
  let imagesDone = 0;

  for (const pkgPlan of plan.packages) {
    const pkg = pkgPlan.package;
    const pr: PackageResult = {
      package: pkg.name,
      deletedImages: 0,
      deletedVersions: 0,
      skippedVersions: 0,
      bytesFreed: 0,
    };
    result.packages.push(pr);
    if (!pkgPlan.delete.length) continue;
    // Holders left per member digest: a member goes when this reaches 0.
    const holders = new Map<string, number>();
    for (const img of pkgPlan.delete)
      for (const m of img.members) holders.set(m.digest, (holders.get(m.digest) ?? 0) + 1);
    const settled = new Map<string, VersionResult>();

    const record = (v: PlannedVersion, outcome: VersionOutcome, message?: string): VersionResult => {
      const r: VersionResult = { package: pkg.name, id: v.id, digest: v.digest, tags: v.tags, outcome };
      if (message) r.message = message;
      settled.set(v.digest, r);
      if (outcome === 'deleted' || outcome === 'gone') {
        result.deleted++;
        pr.deletedVersions++;
        if (v.bytes) {
          pr.bytesFreed += v.bytes;
          result.bytesFreed += v.bytes;
        }
        if (opts.progressEvery > 0 && ++sinceProgress >= opts.progressEvery) {
          sinceProgress = 0;
          ports.info(`progress: ${result.deleted} versions deleted (${imagesDone}/${total} images)`);
        }
      } else if (outcome === 'failed') {
        result.failed.push(r);
      } else {
        result.skipped.push(r);
        pr.skippedVersions++;
      }
      return r;
    };

    const del = async (v: PlannedVersion): Promise<boolean> => {
      let outcome: DeleteOutcome;
      try {
        outcome = await ports.deleteVersion(pkg, v);
      } catch (e) {
        if (e instanceof ApplyAbort) throw e;
        const msg = e instanceof Error ? e.message : String(e);
        ports.warning(
          `${pkg.name}: could not delete version ${v.id} (${v.digest}): ${msg}; the next run tries again`,
        );
        record(v, 'failed', msg);
        return false;
      }
      if (outcome.kind === 'refused') {
        ports.warning(
          `${pkg.name}: GitHub refused to delete version ${v.id} (${label(v)}): ${outcome.message}; skipped`,
        );
        record(v, 'refused', outcome.message);
        return false;
      }
      record(v, outcome.kind);
      return true;
    };

    const deleteImage = async (img: DeletedImage) => {
      const rootGone = await del(img.root);
      imagesDone++;
      if (!rootGone) return;
      pr.deletedImages++;
      for (const m of img.members) {
        const left = (holders.get(m.digest) ?? 1) - 1;
        holders.set(m.digest, left);
        if (left === 0 && !settled.has(m.digest)) await del(m);
      }
    };

    const queue = [...pkgPlan.delete];
    const worker = async () => {
      for (;;) {
        if (result.aborted) return;
        if (opts.deadline !== undefined && ports.now() >= opts.deadline) {
          result.stoppedAt ??= new Date(ports.now()).toISOString();
          return;
        }
        const img = queue.shift();
        if (!img) return;
        try {
          await deleteImage(img);
        } catch (e) {
          if (!(e instanceof ApplyAbort)) throw e;
          result.aborted ??= e.message;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));

    // Confirm: anything we counted as deleted that the package still lists is deleted again;
    // what is still listed after that is a failure, never counted as deleted.
    if (ports.listVersions && !result.aborted && pr.deletedVersions > 0) {
      const rounds = 2;
      for (let round = 0; round <= rounds; round++) {
        const present = new Set((await ports.listVersions(pkg)).map((v) => v.id));
        const again = pkgPlan.delete
          .flatMap((img) => [img.root, ...img.members])
          .filter((v, i, all) => all.findIndex((x) => x.id === v.id) === i)
          .filter(
            (v) => present.has(v.id) && ['deleted', 'gone'].includes(settled.get(v.digest)?.outcome ?? ''),
          );
        if (!again.length) break;
        for (const v of again) {
          settled.delete(v.digest);
          result.deleted--;
          pr.deletedVersions--;
          if (v.bytes) {
            pr.bytesFreed -= v.bytes;
            result.bytesFreed -= v.bytes;
          }
        }
        if (round === rounds) {
          for (const v of again) record(v, 'failed', 'still listed after its DELETE was answered');
          break;
        }
        ports.warning(
          `${pkg.name}: ${again.length} version(s) still listed after their DELETE; deleting them again`,
        );
        for (const v of again) await del(v);
      }
    }

    // Whatever did not go, and why.
    const stopMessage = result.aborted ? 'run stopped' : 'time budget reached; the next run continues';
    for (const img of pkgPlan.delete) {
      if (!settled.has(img.root.digest)) record(img.root, 'not-started', stopMessage);
      const root = settled.get(img.root.digest)!;
      for (const m of img.members) {
        if (settled.has(m.digest)) continue;
        if (root.outcome === 'not-started') record(m, 'not-started', stopMessage);
        else if (root.outcome !== 'deleted' && root.outcome !== 'gone') {
          record(m, 'held', `kept because its image ${label(img.root)} was not deleted`);
        }
      }
    }
    // members whose own image went but another holder did not
    for (const img of pkgPlan.delete) {
      for (const m of img.members) {
        if (!settled.has(m.digest))
          record(m, 'held', 'kept because another image holding it was not deleted');
      }
    }
    if (result.aborted) break;
  }
  return result;
}

function label(v: PlannedVersion): string {
  return v.tags.length ? v.tags.join(', ') : v.digest;
}
