/** Action READMEs carry inputs/outputs tables generated from action.yml; they must not drift. */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/harness.js';
// @ts-expect-error plain ESM script without types
import { expectedDocs, inputsTable } from '../scripts/docs.mjs';

const docs = (expectedDocs as () => [string, string][])();

describe('action READMEs', () => {
  it.each(docs.map(([f, t]) => [relative(repoRoot, f), t]))(
    '%s matches its action.yml (npm run docs)',
    (file, text) => {
      expect(existsSync(`${repoRoot}/${file}`), `${file} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(`${repoRoot}/${file}`, 'utf8')).toBe(text);
    },
  );

  it('renders defaults and required inputs in the table', () => {
    const table = (inputsTable as (m: unknown) => string)({
      inputs: {
        'dry-run': { description: 'Only plan.', default: 'false' },
        token: { description: 'A | B', required: true },
      },
    });
    expect(table).toContain('| `dry-run` | Bool | `false` | Only plan. |');
    expect(table).toContain('| `token` (required) | String |  | A \\| B |');
  });
});
