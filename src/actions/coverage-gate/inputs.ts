import { UserError } from '../../errors.js';
import type { Thresholds } from '../../coverage/gate.js';
import { type FormatChoice, parseFormatChoice } from '../../coverage/parse.js';

export interface CoverageGateInputs {
  files: string[];
  format: FormatChoice;
  thresholds: Thresholds;
  pathStrip: string[];
  pathPrefix: string;
  failOnEmpty: boolean;
  comment: boolean;
  commentId: string;
  annotations: boolean;
  storeBase: boolean;
  defaultBranch: string;
  githubToken: string;
}

/** A list input: one item per line or comma-separated, blanks dropped. */
export function listInput(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function percent(raw: string, name: string, max = 100): number | undefined {
  const v = raw.trim().replace(/%$/, '');
  if (v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > max)
    throw new UserError(`must be a number from 0 to ${max} (percent), got '${raw.trim()}'`, `input ${name}`);
  return n;
}

function bool(raw: string, name: string, dflt: boolean): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '') return dflt;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UserError(`must be true or false, got '${raw.trim()}'`, `input ${name}`);
}

/** Reads and checks every input before anything happens. */
export function readInputs(read: (name: string) => string): CoverageGateInputs {
  const files = listInput(read('files'));
  if (files.length === 0)
    throw new UserError(
      'is required: the coverage report(s) your tests write, e.g. coverage/lcov.info',
      'input files',
    );
  const commentId = read('comment-id').trim();
  if (commentId && !/^[\w.-]{1,64}$/.test(commentId))
    throw new UserError(
      `must be letters, digits, '.', '_' or '-' (at most 64), got '${commentId}'`,
      'input comment-id',
    );
  const thresholds: Thresholds = {};
  const set = (k: keyof Thresholds, v: number | undefined) => {
    if (v !== undefined) thresholds[k] = v;
  };
  set('minLines', percent(read('min-lines'), 'min-lines'));
  set('minBranches', percent(read('min-branches'), 'min-branches'));
  set('minFunctions', percent(read('min-functions'), 'min-functions'));
  set('minFile', percent(read('min-file'), 'min-file'));
  set('minPatch', percent(read('min-patch'), 'min-patch'));
  set('maxDrop', percent(read('max-drop'), 'max-drop'));
  return {
    files,
    format: parseFormatChoice(read('format'), 'input format'),
    thresholds,
    pathStrip: listInput(read('path-strip')),
    pathPrefix: read('path-prefix').trim(),
    failOnEmpty: bool(read('fail-on-empty'), 'fail-on-empty', true),
    comment: bool(read('comment'), 'comment', true),
    commentId,
    annotations: bool(read('annotations'), 'annotations', true),
    storeBase: bool(read('store-base'), 'store-base', true),
    defaultBranch: read('default-branch').trim(),
    githubToken: read('github-token').trim(),
  };
}
