import { UserError } from '../../errors.js';
import { parseFailOn, type FailOn } from '../../security/gate.js';

export const DEFAULT_SUPPRESSIONS = '.github/slipway-suppressions.yml';

export interface SecurityGateInputs {
  /** Report paths or globs (SARIF 2.1.0, Trivy JSON, gitleaks JSON). */
  reports: string[];
  failOn: FailOn;
  ignoreUnfixed: boolean;
  /** Suppressions file; `required` is false when it is the default path (a missing default file is fine). */
  suppressions: { path: string; required: boolean } | undefined;
  /** Baseline report paths or globs; empty when there is no baseline. */
  baseline: string[];
  /** Prefix of the SARIF categories, e.g. `slipway/api`. */
  category: string;
  /** Directory for the merged SARIF files; empty: `<RUNNER_TEMP>/slipway-security`. */
  outputDir: string;
}

function list(v: string): string[] {
  return v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

function bool(v: string, name: string, dflt: boolean): boolean {
  const s = v.trim().toLowerCase();
  if (s === '') return dflt;
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new UserError(`expected true or false, got '${v}'`, `input ${name}`);
}

/** Reads and checks every input before anything happens. */
export function readInputs(read: (name: string) => string): SecurityGateInputs {
  const reports = list(read('reports'));
  if (reports.length === 0)
    throw new UserError('is empty: give report files or globs, e.g. reports/*.sarif', 'input reports');
  const suppressionsRaw = read('suppressions').trim();
  const category = read('category').trim() || 'slipway';
  if (!/^[A-Za-z0-9._/@:-]+$/.test(category)) {
    throw new UserError(`'${category}' may only contain letters, digits and . _ / @ : -`, 'input category');
  }
  return {
    reports,
    failOn: parseFailOn(read('fail-on') || 'high', 'input fail-on'),
    ignoreUnfixed: bool(read('ignore-unfixed'), 'ignore-unfixed', false),
    suppressions:
      suppressionsRaw === '' || suppressionsRaw === 'none'
        ? undefined
        : { path: suppressionsRaw, required: suppressionsRaw !== DEFAULT_SUPPRESSIONS },
    baseline: list(read('baseline')),
    category: category.replace(/\/+$/, ''),
    outputDir: read('output-dir').trim(),
  };
}
