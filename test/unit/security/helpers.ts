import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/security/finding.js';
import { parseReport } from '../../../src/security/parse.js';

export const fixtures = fileURLToPath(new URL('../../../fixtures/security/', import.meta.url));

export function readFixture(rel: string): string {
  return readFileSync(join(fixtures, rel), 'utf8');
}

/** Parses a fixture as the action would (the ESLint fixture was produced in /home/runner/work/app/app). */
export function load(rel: string): Finding[] {
  return parseReport(readFixture(rel), rel, { root: '/home/runner/work/app/app' });
}
