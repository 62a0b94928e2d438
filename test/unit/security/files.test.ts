import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, expandPattern } from '../../../src/runner/security-files.js';

describe('report globs', () => {
  const root = mkdtempSync(join(tmpdir(), 'slipway-secfiles-'));
  const ws = join(root, 'ws');
  const temp = join(root, 'temp', 'slipway-scan', 'api');
  for (const [d, f] of [
    [join(ws, 'reports'), 'a.sarif'],
    [join(ws, 'reports', 'sub'), 'b.sarif'],
    [join(ws, 'node_modules', 'x'), 'c.sarif'],
    [temp, 'trivy-image.json'],
    [temp, 'gitleaks.json'],
    [join(temp, 'sarif'), 'slipway-01.sarif'],
  ] as const) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, f), '{}');
  }

  it('expands relative globs against the workspace, leaving node_modules out', async () => {
    expect((await expandPattern('reports/*.sarif', ws)).map((p) => displayPath(p, ws))).toEqual([
      'reports/a.sarif',
    ]);
    expect((await expandPattern('**/*.sarif', ws)).map((p) => displayPath(p, ws))).toEqual([
      'reports/a.sarif',
      'reports/sub/b.sarif',
    ]);
  });

  it('expands absolute globs (reports under RUNNER_TEMP) and shows them absolute', async () => {
    const hits = await expandPattern(`${temp}/*.json`, ws);
    expect(hits).toEqual([join(temp, 'gitleaks.json'), join(temp, 'trivy-image.json')]);
    expect(displayPath(hits[0]!, ws)).toBe(join(temp, 'gitleaks.json'));
  });

  it('takes a literal path when it is a file, and nothing when it is missing or a directory', async () => {
    expect(await expandPattern('reports/a.sarif', ws)).toEqual([join(ws, 'reports', 'a.sarif')]);
    expect(await expandPattern('reports/missing.sarif', ws)).toEqual([]);
    expect(await expandPattern('reports', ws)).toEqual([]);
  });
});
