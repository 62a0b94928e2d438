/**
 * The command target driving a real HAProxy through shell scripts (command-scripts/): the engine's
 * v1 -> v2 -> failing v3 sequence, with real HTTP health checks and the real runtime API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandTarget, commandOptions } from '../../../src/deploy/targets/command.js';
import { runShell } from '../../../src/runner/docker-target-exec.js';
import { httpProbe } from '../../../src/runner/http-probe.js';
import { runSequence } from '../../unit/deploy-targets/sequence.js';

const scripts = resolve(fileURLToPath(new URL('./command-scripts', import.meta.url)));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

let haproxy: ChildProcess;
let stateDir: string;
const ports = { public: 0, admin: 0, blue: 0, green: 0 };

beforeAll(async () => {
  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
  stateDir = mkdtempSync(join(tmpdir(), 'command-target-'));
  const cfg = join(stateDir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      `  stats socket ipv4@127.0.0.1:${ports.admin} level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 1s',
      '  timeout client 5s',
      '  timeout server 5s',
      'frontend public',
      `  bind 127.0.0.1:${ports.public}`,
      '  default_backend app',
      'backend app',
      `  server blue 127.0.0.1:${ports.blue} disabled`,
      `  server green 127.0.0.1:${ports.green} disabled`,
      '',
    ].join('\n'),
  );
  haproxy = spawn('haproxy', ['-db', '-f', cfg], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const r = await runShell(`exec 3<>/dev/tcp/127.0.0.1/${ports.admin}`, {}, 2000);
    if (r.code === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  for (const c of ['blue', 'green']) {
    const pid = join(stateDir, `${c}.pid`);
    if (existsSync(pid)) {
      try {
        process.kill(Number(readFileSync(pid, 'utf8')));
      } catch {
        // already gone
      }
    }
  }
  haproxy?.kill();
});

describe('command target (shell scripts driving HAProxy)', () => {
  it('runs v1 -> v2 -> failing v3 through the engine', async () => {
    const env = {
      STATE_DIR: stateDir,
      HAPROXY_ADMIN_PORT: String(ports.admin),
      PORT_BLUE: String(ports.blue),
      PORT_GREEN: String(ports.green),
    };
    const opts = commandOptions('shop', 'production', {
      start: `${scripts}/start.sh`,
      switch: `${scripts}/switch.sh`,
      stop: `${scripts}/stop.sh`,
      status: `${scripts}/status.sh`,
      health: `${scripts}/health.sh`,
    });
    const seen: string[] = [];
    const shell = (cmd: string, e: Record<string, string>, t: number) => {
      seen.push(`${e.SLIPWAY_ACTION} ${e.SLIPWAY_COLOR ?? ''} ${e.SLIPWAY_PREVIOUS_COLOR ?? ''}`.trim());
      return runShell(cmd, { ...env, ...e }, t);
    };
    const target = new CommandTarget(opts, shell);
    await runSequence(
      target,
      httpProbe,
      { v1: 'shop:v1', v2: 'shop:v2', v3: 'shop:broken' },
      `http://127.0.0.1:${ports.public}`,
    );
    // The public route still answers with v2.
    const r = await httpProbe({
      method: 'GET',
      url: `http://127.0.0.1:${ports.public}/version`,
      headers: {},
      timeoutMs: 2000,
    });
    expect(r).toMatchObject({ ok: true, status: 200, body: 'v2' });
    expect(seen.filter((s) => s.startsWith('switch'))).toEqual(['switch blue', 'switch green blue']);
  });
});
