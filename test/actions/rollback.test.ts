/** The rollback bundle as the runner runs it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActionBundle } from '../support/harness.js';

describe('rollback action', () => {
  it('refuses a `to` that is neither a color, previous nor an image', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'rollback-action-'));
    writeFileSync(
      join(ws, 'd.yml'),
      `apps:\n  shop:\n    environments:\n      production:\n        target: docker\n        url: http://127.0.0.1:9\n        docker:\n          ports: { blue: 18081, green: 18082 }\n          proxy: { kind: haproxy, socket: /nonexistent.sock, backend: shop }\n`,
    );
    const r = await runActionBundle('rollback', {
      workspace: ws,
      inputs: { app: 'shop', config: 'd.yml', to: 'the old one' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toContain(
      "rollback: to: must be previous, blue, green or an image reference, got 'the old one'",
    );
  });

  it('requires the app', async () => {
    const r = await runActionBundle('rollback', { inputs: {} });
    expect(r.errors).toContain('rollback: app: is required');
  });
});
