import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { runGate } from '../../coverage/run.js';
import { readInputs } from '../../actions/coverage-gate/inputs.js';
import { directoryStore } from '../../runner/coverage-cache.js';
import { expandReports, listFiles, openReport } from '../../runner/coverage-files.js';
import { firstParents, gitChangedLines, revParse, trackedFiles } from '../../runner/coverage-git.js';
import type { CliCommand } from '../args.js';

export const command: CliCommand = {
  help: `slipway coverage: the coverage gate on this checkout (same core as the coverage-gate action)

options:
  --files GLOB            coverage report(s) to read (repeatable; globs allowed)
  --format F              auto (default), lcov, cobertura, jacoco, clover, istanbul-final,
                          istanbul-summary, go, coveragepy-json
  --min-lines N           minimum line coverage in percent (default 80; '' turns it off)
  --min-branches N        minimum branch coverage
  --min-functions N       minimum function coverage
  --min-file N            minimum line coverage of every file
  --min-patch N           minimum coverage of the lines changed since --base
  --max-drop N            largest drop of line coverage against the base, in points (needs --store)
  --path-strip PREFIX     prefix to remove from report paths (repeatable)
  --path-prefix DIR       folder to put in front of report paths
  --base REF              compare with this commit or branch: changed lines from git diff REF...HEAD,
                          and the base summary (nearest ancestor with one) from --store
  --store DIR             directory of stored summaries (one JSON per commit)
  --save                  store this commit's summary in --store (what the action does on the
                          default branch)
  --allow-empty           do not fail on a report with no executable lines
  --json                  print the result as JSON instead of markdown

exit status: 0 passed, 1 a threshold failed, 2 bad input`,
  options: {
    files: { type: 'string', repeatable: true },
    format: { type: 'string' },
    'min-lines': { type: 'string' },
    'min-branches': { type: 'string' },
    'min-functions': { type: 'string' },
    'min-file': { type: 'string' },
    'min-patch': { type: 'string' },
    'max-drop': { type: 'string' },
    'path-strip': { type: 'string', repeatable: true },
    'path-prefix': { type: 'string' },
    base: { type: 'string' },
    store: { type: 'string' },
    save: { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args) {
    const cwd = process.cwd();
    const read = (name: string): string => {
      if (name === 'files' || name === 'path-strip') return (args.lists[name] ?? []).join('\n');
      if (name === 'min-lines') return args.values[name] ?? '80';
      if (name === 'fail-on-empty') return args.flags['allow-empty'] ? 'false' : 'true';
      return args.values[name] ?? '';
    };
    const inputs = readInputs((n) => read(n));
    const rev = async (ref: string, where: string): Promise<string> => {
      const sha = await revParse(cwd, ref);
      if (!sha) throw new UserError(`'${ref}' is not a commit of this checkout`, where);
      return sha;
    };
    const baseSha = args.values.base ? await rev(args.values.base, '--base') : undefined;
    if (args.flags.save && !args.values.store) throw new UserError('--save needs --store DIR');
    const store = args.values.store ? directoryStore(args.values.store) : undefined;
    const run = await runGate(
      {
        reports: await expandReports(inputs.files, cwd),
        format: inputs.format,
        thresholds: inputs.thresholds,
        pathStrip: inputs.pathStrip,
        pathPrefix: inputs.pathPrefix,
        workspace: cwd,
        failOnEmpty: inputs.failOnEmpty,
        baseSha,
        commentId: '',
      },
      {
        open: (p) => openReport(p, cwd),
        repoFiles: async () => (await trackedFiles(cwd)) ?? (await listFiles(cwd)),
        readText: (p) => readFile(join(cwd, p), 'utf8').catch(() => undefined),
        changedLines: async () => {
          if (!baseSha) return undefined;
          const changed = await gitChangedLines(cwd, baseSha);
          if (!changed) throw new UserError(`git diff ${args.values.base}...HEAD failed`, '--base');
          return { changed, source: 'git diff' };
        },
        ancestors: (sha) => firstParents(cwd, sha),
        loadSummary: store ? (sha) => store.get(sha) : undefined,
        log: (m) => process.stderr.write(`${m}\n`),
      },
    );
    if (args.flags.save && store) {
      const head = await rev('HEAD', '--save');
      await store.put(run.stored(head));
      process.stderr.write(`summary of ${head.slice(0, 7)} stored in ${args.values.store}\n`);
    }
    if (args.flags.json) {
      const r = run.result;
      process.stdout.write(
        JSON.stringify(
          {
            passed: r.passed,
            totals: r.totals,
            checks: r.checks,
            delta: r.delta ?? null,
            patch: r.patch ?? null,
            base: run.base,
            notes: run.notes,
          },
          null,
          2,
        ) + '\n',
      );
    } else process.stdout.write(run.summary + '\n');
    return run.result.passed ? 0 : 1;
  },
};
