import { UserError } from '../errors.js';
import type { ApplyResult } from './apply.js';
import type { KeepReason, RetentionPlan } from './plan.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(1)} ${units[i]}`;
}

export interface PackageCounts {
  package: string;
  versions: number;
  keptImages: number;
  keptBy: Record<KeepReason, number>;
  keptVersions: number;
  plannedImages: number;
  plannedVersions: number;
  deletedImages: number;
  deletedVersions: number;
  skippedVersions: number;
  bytesPlanned: number;
  bytesFreed: number;
  note?: string;
}

export function countPlan(plan: RetentionPlan, result?: ApplyResult): PackageCounts[] {
  return plan.packages.map((p) => {
    const keptBy: Record<KeepReason, number> = {
      latest: 0,
      tag: 0,
      deployed: 0,
      'recent-untagged': 0,
      unreadable: 0,
    };
    for (const k of p.keep) for (const r of k.reasons) keptBy[r]++;
    const planned = new Map<number, number>();
    for (const d of p.delete) for (const v of [d.root, ...d.members]) planned.set(v.id, v.bytes ?? 0);
    const r = result?.packages.find((x) => x.package === p.package.name);
    const c: PackageCounts = {
      package: p.package.name,
      versions: p.versions,
      keptImages: p.keep.length,
      keptBy,
      keptVersions: p.versions - planned.size,
      plannedImages: p.delete.length,
      plannedVersions: planned.size,
      deletedImages: r?.deletedImages ?? 0,
      deletedVersions: r?.deletedVersions ?? 0,
      skippedVersions: result ? planned.size - (r?.deletedVersions ?? 0) : 0,
      bytesPlanned: [...planned.values()].reduce((s, b) => s + b, 0),
      bytesFreed: r?.bytesFreed ?? 0,
    };
    if (p.note) c.note = p.note;
    return c;
  });
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

/** The job summary: a verdict line, a table per package, details collapsed. */
export function renderSummary(
  plan: RetentionPlan,
  opts: {
    mode: 'dry-run' | 'applied' | 'breaker';
    result?: ApplyResult;
    maxDeletions: number;
    planPath: string;
  },
): string {
  const counts = countPlan(plan, opts.result);
  const planned = counts.reduce((s, c) => s + c.plannedVersions, 0);
  const plannedImages = counts.reduce((s, c) => s + c.plannedImages, 0);
  const lines: string[] = [];
  if (opts.mode === 'breaker') {
    lines.push(
      `### ghcr-retention: stopped — the plan deletes ${planned} versions, more than max-deletions (${opts.maxDeletions}); nothing was deleted`,
    );
  } else if (opts.mode === 'dry-run') {
    lines.push(
      `### ghcr-retention (dry run): would delete ${planned} versions (${plannedImages} images) in ${counts.length} package(s)`,
    );
  } else {
    const r = opts.result!;
    const skipped = counts.reduce((s, c) => s + c.skippedVersions, 0);
    const freed = counts.reduce((s, c) => s + c.bytesFreed, 0);
    lines.push(
      `### ghcr-retention: deleted ${r.deleted} of ${planned} planned versions in ${counts.length} package(s)` +
        (freed ? `, freed at least ${formatBytes(freed)}` : '') +
        (skipped ? `; ${skipped} skipped` : '') +
        (r.stoppedAt ? ' — time budget reached, the next run continues' : '') +
        (r.aborted ? ` — stopped: ${r.aborted}` : ''),
    );
  }
  lines.push('');
  lines.push(
    '| package | versions | kept images (latest / tag / deployed / recent untagged) | deleted images | deleted versions | skipped | freed |',
  );
  lines.push('|---|---:|---|---:|---:|---:|---:|');
  for (const c of counts) {
    const k = c.keptBy;
    const applied = opts.mode === 'applied';
    lines.push(
      `| ${esc(c.package)} | ${c.versions} | ${c.keptImages} (${k.latest} / ${k.tag} / ${k.deployed} / ${k['recent-untagged']})${
        k.unreadable ? ` — ${esc(c.note ?? 'left alone')}` : ''
      } | ${applied ? c.deletedImages : `${c.plannedImages} planned`} | ${applied ? c.deletedVersions : `${c.plannedVersions} planned`} | ${
        applied ? c.skippedVersions : 0
      } | ${applied ? (c.bytesFreed ? `≥ ${formatBytes(c.bytesFreed)}` : '—') : c.bytesPlanned ? `≥ ${formatBytes(c.bytesPlanned)}` : '—'} |`,
    );
  }
  lines.push('');
  lines.push(
    'Kept images keep their platform manifests, signatures and attestations; counts of versions include them.',
  );
  if (plan.deployed.length) {
    lines.push('');
    lines.push(
      `Protected as deployed: ${plan.deployed.map((d) => `\`${d.digest.slice(0, 19)}…\` (${d.environment} ${d.role})`).join(', ')}`,
    );
  }
  const del = plan.packages.flatMap((p) =>
    p.delete.map(
      (d) =>
        `| ${esc(p.package.name)} | ${d.root.tags.length ? esc(d.root.tags.join(', ')) : '_untagged_'} | \`${d.root.digest.slice(0, 19)}…\` | ${d.root.id} | ${d.reason} | ${d.members.length} | ${d.root.createdAt} |`,
    ),
  );
  if (del.length) {
    lines.push('');
    lines.push(
      `<details><summary>${opts.mode === 'applied' ? 'Planned' : 'Would delete'}: ${del.length} images</summary>`,
    );
    lines.push('');
    lines.push('| package | tags | digest | version id | reason | members | created |');
    lines.push('|---|---|---|---:|---|---:|---|');
    lines.push(...del.slice(0, 500));
    if (del.length > 500) lines.push(`| … ${del.length - 500} more in the plan file | | | | | | |`);
    lines.push('');
    lines.push('</details>');
  }
  const skipped = opts.result?.skipped ?? [];
  const failed = opts.result?.failed ?? [];
  if (skipped.length || failed.length) {
    lines.push('');
    lines.push(`<details><summary>Not deleted: ${skipped.length + failed.length} versions</summary>`);
    lines.push('');
    lines.push('| package | version id | tags | outcome | why |');
    lines.push('|---|---:|---|---|---|');
    for (const s of [...failed, ...skipped].slice(0, 500)) {
      lines.push(
        `| ${esc(s.package)} | ${s.id} | ${esc(s.tags.join(', '))} | ${s.outcome} | ${esc(s.message ?? '')} |`,
      );
    }
    lines.push('');
    lines.push('</details>');
  }
  lines.push('');
  lines.push(
    `Plan: \`${opts.planPath}\`. Deleted versions can be restored for 30 days (the plan lists their ids).`,
  );
  return lines.join('\n') + '\n';
}

/** Reads a plan file written by an earlier run; a file that is not one is a UserError. */
export function parsePlan(text: string, where: string): RetentionPlan {
  let plan: RetentionPlan;
  try {
    plan = JSON.parse(text) as RetentionPlan;
  } catch (e) {
    throw new UserError(`not JSON: ${(e as Error).message}`, where);
  }
  if (!plan || plan.schema !== 'slipway.retention.plan/v1') {
    throw new UserError(`not a ghcr-retention plan (schema must be slipway.retention.plan/v1)`, where);
  }
  if (!Array.isArray(plan.packages)) throw new UserError('packages: expected a list', where);
  plan.packages.forEach((p, i) => {
    if (!p?.package?.owner || !p.package.name || !Array.isArray(p.delete) || !Array.isArray(p.keep)) {
      throw new UserError(
        `packages[${i}]: expected package {owner, ownerType, name}, keep and delete`,
        where,
      );
    }
    p.delete.forEach((d, j) => {
      for (const v of [d?.root, ...(d?.members ?? [])]) {
        if (!v || !Number.isInteger(v.id) || typeof v.digest !== 'string' || !Array.isArray(v.tags)) {
          throw new UserError(`packages[${i}].delete[${j}]: every version needs id, digest and tags`, where);
        }
      }
    });
  });
  return plan;
}
