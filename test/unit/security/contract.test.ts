/** security-gate's action.yml, its input reader and its outputs name the same things. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../src/actions/security-gate/main.js';
import { readInputs } from '../../../src/actions/security-gate/inputs.js';
import type { ActionIO } from '../../../src/runner/io.js';
import { nodeFiles } from '../../../src/runner/security-files.js';
import { readFixture } from './helpers.js';

const meta = parse(
  readFileSync(new URL('../../../actions/security-gate/action.yml', import.meta.url), 'utf8'),
) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

describe('security-gate contract', () => {
  it('reads exactly the inputs action.yml declares', () => {
    const read = new Set<string>();
    readInputs((n) => {
      read.add(n);
      return n === 'reports' ? 'r.json' : (meta.inputs[n]?.default ?? '');
    });
    expect([...read].sort()).toEqual(Object.keys(meta.inputs).sort());
  });

  it('sets exactly the outputs action.yml declares', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'slipway-secgate-contract-'));
    mkdirSync(join(ws, 'r'));
    writeFileSync(join(ws, 'r', 'g.json'), readFixture('gitleaks/json_simple.json'));
    const outputs = new Set<string>();
    const inputs: Record<string, string> = { reports: 'r/*.json', 'fail-on': 'none' };
    const io: ActionIO = {
      getInput: (n) => inputs[n] ?? meta.inputs[n]?.default ?? '',
      setOutput: (n) => void outputs.add(n),
      summary: async () => {},
      annotate: () => {},
      setSecret: () => {},
      info: () => {},
      warning: () => {},
      debug: () => {},
      group: (_n, fn) => fn(),
      saveState: () => {},
      getState: () => '',
      env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: ws },
    };
    await main(io, { files: nodeFiles, now: () => new Date('2026-11-22T12:00:00Z') });
    expect([...outputs].sort()).toEqual(Object.keys(meta.outputs).sort());
  });
});
