/**
 * Writes findings back out as SARIF 2.1.0 for code scanning, split to stay inside GitHub's upload
 * limits: at most 20 runs per file, 25,000 results per run, 10 MB gzip per file, and one run per
 * tool + category (each run carries its own `automationDetails.id`).
 */
import { gzipSync } from 'node:zlib';
import type * as Sarif from 'sarif';
import type { Finding, Severity } from './finding.js';

export interface SarifLimits {
  runsPerFile: number;
  resultsPerRun: number;
  /** Bytes, gzip-compressed. */
  gzipBytes: number;
}

export const GITHUB_LIMITS: SarifLimits = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  gzipBytes: 10 * 1024 * 1024,
};

/** The key under partialFingerprints that carries Slipway's fingerprint (read back by baselines). */
export const FINGERPRINT_KEY = 'slipway/v1';

/** A suppression in force for a finding, carried into SARIF so code scanning shows it as such. */
export interface Waiver {
  reason: string;
  expires: string;
}

export interface SarifFile {
  name: string;
  log: Sarif.Log;
  text: string;
  gzipBytes: number;
  runs: number;
  results: number;
}

const SCORE: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  unknown: '0.0',
};

function level(s: Severity): Sarif.Result.level {
  if (s === 'critical' || s === 'high') return 'error';
  if (s === 'medium') return 'warning';
  return 'note';
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'tool'
  );
}

function toResult(f: Finding, ruleIndex: number, waived?: Waiver): Sarif.Result {
  const pkg = f.package;
  const lines = [f.title !== f.message ? `${f.title}: ${f.message}` : f.message];
  if (pkg) {
    lines.push(`Package: ${pkg.name}`);
    if (pkg.installed) lines.push(`Installed Version: ${pkg.installed}`);
    if (f.kind === 'vulnerability') lines.push(`Fixed Version: ${pkg.fixed ?? ''}`);
  }
  lines.push(`Severity: ${f.severity.toUpperCase()}`);
  if (f.tools.length > 1) lines.push(`Reported by: ${f.tools.join(', ')}`);
  const uri = f.location?.path || f.target || pkg?.purl || pkg?.name || 'unknown';
  const region: Sarif.Region = { startLine: f.location?.startLine ?? 1 };
  if (f.location?.endLine) region.endLine = f.location.endLine;
  if (f.location?.startColumn) region.startColumn = f.location.startColumn;
  if (f.location?.endColumn) region.endColumn = f.location.endColumn;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: lines.join('\n') },
    locations: [
      { physicalLocation: { artifactLocation: { uri: encodeURI(uri).replace(/%25/g, '%') }, region } },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(waived
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${waived.reason} (until ${waived.expires})`,
            },
          ],
        }
      : {}),
    properties: {
      severity: f.severity,
      kind: f.kind,
      ...(pkg
        ? {
            package: pkg.name,
            ...(pkg.installed ? { installedVersion: pkg.installed } : {}),
            ...(pkg.fixed ? { fixedVersion: pkg.fixed } : {}),
          }
        : {}),
      ...(f.target ? { target: f.target } : {}),
      tools: f.tools,
    },
  };
}

function buildRun(
  tool: string,
  category: string,
  findings: Finding[],
  waivers?: Map<string, Waiver>,
): Sarif.Run {
  const rules: Sarif.ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const results: Sarif.Result[] = [];
  for (const f of findings) {
    let i = index.get(f.ruleId);
    if (i === undefined) {
      i = rules.length;
      index.set(f.ruleId, i);
      rules.push({
        id: f.ruleId,
        shortDescription: { text: f.title.slice(0, 1000) || f.ruleId },
        ...(f.helpUri ? { helpUri: f.helpUri } : {}),
        defaultConfiguration: { level: level(f.severity) },
        properties: { 'security-severity': SCORE[f.severity], tags: ['security', f.kind] },
      });
    } else {
      // A rule's security-severity is the worst of its results.
      const r = rules[i]!;
      if (Number(SCORE[f.severity]) > Number(r.properties!['security-severity'])) {
        r.properties!['security-severity'] = SCORE[f.severity];
        r.defaultConfiguration = { level: level(f.severity) };
      }
    }
    results.push(toResult(f, i, waivers?.get(f.fingerprint)));
  }
  return {
    tool: { driver: { name: tool, rules } },
    automationDetails: { id: `${category}/` },
    results,
  };
}

function serialise(log: Sarif.Log): { text: string; gzipBytes: number } {
  const text = JSON.stringify(log);
  return { text, gzipBytes: gzipSync(text).length };
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Groups findings by the first tool that reported them, cuts each group into runs of at most
 * `resultsPerRun`, then packs runs into files of at most `runsPerFile` runs and `gzipBytes`.
 * A run that alone exceeds the size limit is halved until it fits.
 * `categoryPrefix` names the analysis, e.g. `slipway/api/image`; each run gets
 * `<prefix>/<tool>[/part-N]`, so no two runs share a tool + category.
 */
export function toSarifFiles(
  findings: Finding[],
  categoryPrefix = 'slipway',
  limits: SarifLimits = GITHUB_LIMITS,
  waivers?: Map<string, Waiver>,
): SarifFile[] {
  const byTool = new Map<string, Finding[]>();
  for (const f of findings) {
    const t = f.tools[0] ?? 'unknown';
    (byTool.get(t) ?? byTool.set(t, []).get(t)!).push(f);
  }
  // Every tool gets a run even with no results, so "fixed" alerts close on upload.
  const chunks: { tool: string; items: Finding[] }[] = [];
  for (const [tool, items] of [...byTool.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < items.length; i += limits.resultsPerRun)
      chunks.push({ tool, items: items.slice(i, i + limits.resultsPerRun) });
  }
  // Halve any chunk whose run alone is over the size limit.
  const sized: { tool: string; items: Finding[] }[] = [];
  const queue = [...chunks];
  while (queue.length > 0) {
    const c = queue.shift()!;
    const { gzipBytes } = serialise({
      version: '2.1.0',
      $schema: SCHEMA,
      runs: [buildRun(c.tool, 'x', c.items)],
    });
    if (gzipBytes > limits.gzipBytes && c.items.length > 1) {
      const mid = Math.ceil(c.items.length / 2);
      queue.unshift(
        { tool: c.tool, items: c.items.slice(0, mid) },
        { tool: c.tool, items: c.items.slice(mid) },
      );
    } else sized.push(c);
  }
  const partsOf = new Map<string, number>();
  for (const c of sized) partsOf.set(c.tool, (partsOf.get(c.tool) ?? 0) + 1);
  const seen = new Map<string, number>();
  const runs = sized.map((c) => {
    const n = (seen.get(c.tool) ?? 0) + 1;
    seen.set(c.tool, n);
    const category = `${categoryPrefix}/${slug(c.tool)}${partsOf.get(c.tool)! > 1 ? `/part-${n}` : ''}`;
    return buildRun(c.tool, category, c.items, waivers);
  });

  const files: SarifFile[] = [];
  let current: Sarif.Run[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const log: Sarif.Log = { version: '2.1.0', $schema: SCHEMA, runs: current };
    const { text, gzipBytes } = serialise(log);
    files.push({
      name: `slipway-${String(files.length + 1).padStart(2, '0')}.sarif`,
      log,
      text,
      gzipBytes,
      runs: current.length,
      results: current.reduce((n, r) => n + (r.results?.length ?? 0), 0),
    });
    current = [];
  };
  for (const run of runs) {
    if (current.length >= limits.runsPerFile) flush();
    if (current.length > 0) {
      const { gzipBytes } = serialise({ version: '2.1.0', $schema: SCHEMA, runs: [...current, run] });
      if (gzipBytes > limits.gzipBytes) flush();
    }
    current.push(run);
  }
  flush();
  if (files.length === 0) {
    // No findings at all: one empty run, so earlier alerts are closed as fixed.
    const log: Sarif.Log = {
      version: '2.1.0',
      $schema: SCHEMA,
      runs: [buildRun('slipway', `${categoryPrefix}/slipway`, [])],
    };
    const { text, gzipBytes } = serialise(log);
    files.push({ name: 'slipway-01.sarif', log, text, gzipBytes, runs: 1, results: 0 });
  }
  return files;
}
