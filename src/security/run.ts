/**
 * One gate run, shared by the security-gate action and `slipway scan-gate`: expand and read the
 * reports, the suppressions file and the baseline, evaluate, and write the merged SARIF.
 * File access comes in as functions; every input is read and checked before anything is
 * written, so a bad report or suppressions file leaves no SARIF behind (nothing to upload).
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { baselineFingerprints } from './baseline.js';
import type { Finding } from './finding.js';
import { evaluate, type FailOn, type GateResult } from './gate.js';
import { parseReport } from './parse.js';
import { toSarifFiles, type SarifFile, type SarifLimits, type Waiver } from './sarif-out.js';
import { parseSuppressions, type Suppression } from './suppressions.js';

export interface GateFiles {
  /** Absolute paths matching a path or glob (relative to cwd or absolute). */
  expand(pattern: string, cwd: string): Promise<string[]>;
  read(path: string): Promise<string>;
  exists(path: string): boolean;
  write(path: string, text: string): Promise<void>;
}

export interface GateRunOptions {
  reports: string[];
  failOn: FailOn;
  ignoreUnfixed: boolean;
  suppressions?: { path: string; required: boolean };
  baseline: string[];
  category: string;
  outputDir: string;
  /** Repository root: relative paths and file locations are resolved against it. */
  cwd: string;
  /** YYYY-MM-DD (UTC). */
  today: string;
  limits?: SarifLimits;
}

export interface GateRun {
  result: GateResult;
  reports: string[];
  suppressionsFile?: string;
  sarif: { path: string; file: SarifFile }[];
  /** Things worth a warning that do not stop the gate (e.g. no baseline found). */
  notes: string[];
}

function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

export async function runGate(o: GateRunOptions, files: GateFiles): Promise<GateRun> {
  const notes: string[] = [];
  // 1. Reports: every pattern must match something (a typo must not pass the gate silently).
  const reportPaths: string[] = [];
  for (const p of o.reports) {
    const hits = await files.expand(p, o.cwd);
    if (hits.length === 0)
      throw new UserError(
        `no file matches '${p}' (did the scanner write its report there?)`,
        'input reports',
      );
    for (const h of hits) if (!reportPaths.includes(h)) reportPaths.push(h);
  }
  const findings: Finding[] = [];
  for (const path of reportPaths) {
    findings.push(...parseReport(await files.read(path), shown(path, o.cwd), { root: o.cwd }));
  }

  // 2. Suppressions.
  let suppressions: Suppression[] = [];
  let suppressionsFile: string | undefined;
  if (o.suppressions) {
    const abs = resolve(o.cwd, o.suppressions.path);
    if (files.exists(abs)) {
      suppressionsFile = shown(abs, o.cwd);
      suppressions = parseSuppressions(await files.read(abs), suppressionsFile);
    } else if (o.suppressions.required) {
      throw new UserError(`${o.suppressions.path} does not exist`, 'input suppressions');
    }
  }

  // 3. Baseline: missing is not an error (the base branch may not have been scanned yet).
  let baseline: Set<string> | undefined;
  if (o.baseline.length > 0) {
    const paths: string[] = [];
    for (const p of o.baseline)
      for (const h of await files.expand(p, o.cwd)) if (!paths.includes(h)) paths.push(h);
    if (paths.length === 0) {
      notes.push(`no baseline found at ${o.baseline.join(', ')}: every finding counts as new`);
    } else {
      const texts = [];
      for (const p of paths) texts.push({ text: await files.read(p), file: shown(p, o.cwd) });
      baseline = baselineFingerprints(texts, o.cwd);
    }
  }

  // 4. Decide.
  const result = evaluate(findings, {
    failOn: o.failOn,
    ignoreUnfixed: o.ignoreUnfixed,
    suppressions,
    today: o.today,
    ...(baseline ? { baseline } : {}),
  });

  // 5. Merged SARIF: active findings plus suppressed ones marked as such.
  const waivers = new Map<string, Waiver>();
  for (const s of result.suppressed)
    waivers.set(s.finding.fingerprint, { reason: s.by.reason, expires: s.by.expires });
  const sarifFiles = toSarifFiles(
    [...result.active, ...result.suppressed.map((s) => s.finding)],
    o.category,
    o.limits,
    waivers,
  );
  const sarif = [];
  for (const f of sarifFiles) {
    const path = join(o.outputDir, f.name);
    await files.write(path, f.text + '\n');
    sarif.push({ path, file: f });
  }
  return {
    result,
    reports: reportPaths.map((p) => shown(p, o.cwd)),
    ...(suppressionsFile ? { suppressionsFile } : {}),
    sarif,
    notes,
  };
}
