import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { parseFailOn, verdict } from '../../security/gate.js';
import { renderSummary } from '../../security/report.js';
import { runGate } from '../../security/run.js';
import { nodeFiles } from '../../runner/security-files.js';
import type { CliCommand } from '../args.js';

const DEFAULT_SUPPRESSIONS = '.github/slipway-suppressions.yml';

export const command: CliCommand = {
  help: `slipway scan-gate: the security gate on local reports (same core as the security-gate action)

usage: slipway scan-gate [options] REPORT|GLOB...

Reads SARIF 2.1.0 (any tool), Trivy JSON and gitleaks JSON; prints the summary; exits 1 when
a finding at or above --fail-on remains.

options:
  --fail-on LEVEL        critical, high (default), medium, low or none
  --ignore-unfixed       ignore vulnerabilities without a fixed version
  --suppressions FILE    suppressions file (default ${DEFAULT_SUPPRESSIONS} if present; none to disable)
  --baseline FILE|GLOB   base branch findings; only new findings fail (repeatable)
  --category PREFIX      SARIF category prefix (default slipway)
  --output-dir DIR       where to write the merged SARIF (default .slipway/security)
  --today YYYY-MM-DD     the date suppressions are checked against (default: today, UTC)
  --json                 print the result as JSON instead of the summary`,
  options: {
    'fail-on': { type: 'string' },
    'ignore-unfixed': { type: 'boolean' },
    suppressions: { type: 'string' },
    baseline: { type: 'string', repeatable: true },
    category: { type: 'string' },
    'output-dir': { type: 'string' },
    today: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args) {
    if (args.positionals.length === 0) throw new UserError('give at least one report file or glob');
    const cwd = process.cwd();
    const today = args.values.today ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new UserError(`expected YYYY-MM-DD, got '${today}'`, '--today');
    const supp = args.values.suppressions ?? DEFAULT_SUPPRESSIONS;
    const run = await runGate(
      {
        reports: args.positionals,
        failOn: parseFailOn(args.values['fail-on'] ?? 'high', '--fail-on'),
        ignoreUnfixed: args.flags['ignore-unfixed'] ?? false,
        ...(supp === 'none' ? {} : { suppressions: { path: supp, required: supp !== DEFAULT_SUPPRESSIONS } }),
        baseline: args.lists.baseline ?? [],
        category: (args.values.category ?? 'slipway').replace(/\/+$/, ''),
        outputDir: resolve(cwd, args.values['output-dir'] ?? '.slipway/security'),
        cwd,
        today,
      },
      nodeFiles,
    );
    for (const n of run.notes) process.stderr.write(`warning: ${n}\n`);
    const r = run.result;
    if (args.flags.json) {
      process.stdout.write(
        JSON.stringify(
          {
            passed: r.passed,
            verdict: verdict(r),
            findings: r.active,
            blocking: r.blocking.map((f) => f.fingerprint),
            newFindings: r.newFindings.map((f) => f.fingerprint),
            fixed: r.fixed,
            suppressed: r.suppressed.map((s) => ({
              fingerprint: s.finding.fingerprint,
              entry: s.by.index + 1,
            })),
            expired: r.expired,
            stale: r.stale,
            sarif: run.sarif.map((s) => s.path),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      process.stdout.write(renderSummary(r, { sarifFiles: run.sarif.length }));
      process.stdout.write(`\nSARIF: ${run.sarif.map((s) => s.path).join(', ')}\n`);
    }
    return r.passed ? 0 : 1;
  },
};
