import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/main.js';
import { readFixture } from './helpers.js';

function capture() {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return { out: () => out, err: () => err };
}

describe('slipway scan-gate', () => {
  const cwd = process.cwd();
  afterEach(() => {
    process.chdir(cwd);
    vi.restoreAllMocks();
  });

  function dir(): string {
    const d = mkdtempSync(join(tmpdir(), 'slipway-scan-gate-'));
    mkdirSync(join(d, '.github'));
    writeFileSync(join(d, 'grype.sarif'), readFixture('grype/TestSarifPresenter_image.sarif'));
    writeFileSync(join(d, 'leaks.json'), readFixture('gitleaks/json_simple.json'));
    process.chdir(d);
    return d;
  }

  it('fails with exit 1 and the summary on a critical finding, passes with --ignore-unfixed', async () => {
    const d = dir();
    const io = capture();
    expect(await runCli(['scan-gate', 'grype.sarif'])).toBe(1);
    expect(io.out()).toMatch(
      /^### ❌ Security gate 1 finding at or above high \(worst: critical CVE-1999-0002 in package-2\)/,
    );
    expect(
      await runCli(['scan-gate', 'grype.sarif', '--ignore-unfixed', '--json', '--output-dir', 'out']),
    ).toBe(0);
    const sarif = JSON.parse(readFileSync(join(d, 'out', 'slipway-01.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
  });

  it('checks suppressions against --today', async () => {
    dir();
    writeFileSync(
      '.github/slipway-suppressions.yml',
      'suppressions:\n  - rule: test-rule\n    scope: { path: auth.py }\n    reason: revoked\n    expires: 2026-06-30\n',
    );
    const io = capture();
    expect(await runCli(['scan-gate', 'leaks.json', '--today', '2026-06-30'])).toBe(0);
    expect(await runCli(['scan-gate', 'leaks.json', '--today', '2026-07-01'])).toBe(1);
    expect(io.out()).toContain('suppression test-rule (entry 1, line 2) expired on 2026-06-30');
  });

  it('a bad suppressions file is a one-line error, exit 1', async () => {
    dir();
    writeFileSync('bad.yml', 'suppressions:\n  - rule: x\n    scope: { path: a }\n    expires: 2027-01-01\n');
    const io = capture();
    expect(await runCli(['scan-gate', 'leaks.json', '--suppressions', 'bad.yml'])).toBe(1);
    expect(io.err()).toBe(
      'slipway scan-gate: bad.yml:2: suppressions[0] (x): needs a `reason` saying why this is acceptable\n',
    );
  });
});
