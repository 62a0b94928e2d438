import { resolve } from 'node:path';
import type { ActionIO } from '../../runner/io.js';
import { UserError } from '../../errors.js';
import { verdict } from '../../security/gate.js';
import { planAnnotations, renderSummary } from '../../security/report.js';
import { runGate, type GateFiles } from '../../security/run.js';
import { readInputs } from './inputs.js';

/** Suppressions in force that expire within this many days get a warning. */
export const EXPIRY_WARNING_DAYS = 14;

export interface Deps {
  files: GateFiles;
  now: () => Date;
}

export async function main(io: ActionIO, deps: Deps): Promise<void> {
  const inputs = readInputs((n) => io.getInput(n));
  const cwd = io.env.GITHUB_WORKSPACE || process.cwd();
  const outputDir = inputs.outputDir
    ? resolve(cwd, inputs.outputDir)
    : resolve(io.env.RUNNER_TEMP || cwd, 'slipway-security');
  const today = deps.now().toISOString().slice(0, 10);

  const run = await runGate({ ...inputs, cwd, outputDir, today }, deps.files);
  const r = run.result;
  for (const n of run.notes) io.warning(n);
  io.info(`Read ${run.reports.length} report(s): ${run.reports.join(', ')}`);

  const plan = planAnnotations(r, (p) => deps.files.exists(resolve(cwd, p)));
  for (const a of plan.annotations) {
    io.annotate(a.level, a.message, {
      title: a.title,
      file: a.file,
      startLine: a.startLine,
      ...(a.endLine ? { endLine: a.endLine } : {}),
      ...(a.startColumn ? { startColumn: a.startColumn } : {}),
      ...(a.endColumn ? { endColumn: a.endColumn } : {}),
    });
  }
  const file = run.suppressionsFile ?? '';
  for (const e of r.expired) {
    io.annotate(
      'warning',
      `Suppression ${e.id ?? e.rule} expired on ${e.expires}: it no longer applies. Renew it with a new reason or delete it.`,
      {
        title: 'Expired suppression',
        ...(file ? { file, startLine: e.line } : {}),
      },
    );
  }
  for (const s of r.inForce.filter((x) => x.daysLeft <= EXPIRY_WARNING_DAYS)) {
    io.annotate(
      'warning',
      `Suppression ${s.entry.id ?? s.entry.rule} expires on ${s.entry.expires} (in ${s.daysLeft} day(s)): fix the finding or renew it with a reason.`,
      { title: 'Suppression expires soon', ...(file ? { file, startLine: s.entry.line } : {}) },
    );
  }
  for (const e of r.stale) {
    io.annotate('warning', `Suppression ${e.id ?? e.rule} matches no finding: delete it.`, {
      title: 'Stale suppression',
      ...(file ? { file, startLine: e.line } : {}),
    });
  }

  io.setOutput('findings', r.active.length);
  io.setOutput('new-findings', r.newFindings.length);
  io.setOutput('blocking', r.blocking.length);
  io.setOutput('fixed', r.fixed);
  io.setOutput('passed', r.passed);
  io.setOutput('sarif', outputDir);
  io.setOutput('sarif-files', JSON.stringify(run.sarif.map((s) => s.path)));
  io.setOutput('sarif-count', run.sarif.length);
  await io.summary(renderSummary(r, { plan, sarifFiles: run.sarif.length, warnDays: EXPIRY_WARNING_DAYS }));

  if (!r.passed) throw new UserError(verdict(r));
  io.info(`Security gate ${verdict(r)}`);
}
