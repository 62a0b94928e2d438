/**
 * NginxRouter with stand-in test and reload commands (real processes that log their calls),
 * so the file handling and when it reloads are checked without an nginx.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NginxRouter, parseUpstream, renderUpstream } from '../../../src/runner/proxy-nginx.js';

let dir: string;
let file: string;
let calls: string;

function router(opts: { refuse?: string } = {}): NginxRouter {
  const test = opts.refuse
    ? `echo test >> ${calls}; if grep -q '${opts.refuse}' ${file}; then echo 'nginx: [emerg] refused' >&2; exit 1; fi`
    : `echo test >> ${calls}`;
  return new NginxRouter({
    kind: 'nginx',
    upstreamFile: file,
    upstream: 'app',
    testCommand: ['sh', '-c', test],
    reloadCommand: ['sh', '-c', `echo reload >> ${calls}`],
  });
}

const called = (): string[] =>
  existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean) : [];
const blue = { url: 'http://127.0.0.1:18001' };
const green = { url: 'http://127.0.0.1:18002' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nginx-router-'));
  file = join(dir, 'upstream.conf');
  calls = join(dir, 'calls.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('NginxRouter', () => {
  it('parses what an include routes to, ignoring comments', () => {
    expect(
      parseUpstream(
        '# slipway-color: blue\nupstream app {\n  # server 10.0.0.1:1;\n  server 127.0.0.1:8001 max_fails=0;\n}\n',
      ),
    ).toEqual({ color: 'blue', upstream: 'app', servers: ['127.0.0.1:8001'] });
  });

  it('writes the include, tests the config, then reloads', async () => {
    await router().switch('green', green);
    expect(called()).toEqual(['test', 'reload']);
    expect(readFileSync(file, 'utf8')).toBe(renderUpstream('app', 'green', green));
    expect(await router().live()).toBe('green');
  });

  it('does not reload when the include already routes to that color and server', async () => {
    // Written by hand in another layout: same color, upstream and server.
    writeFileSync(file, '# slipway-color: blue\nupstream app {\n    server 127.0.0.1:18001;\n}\n');
    await router().switch('blue', blue);
    expect(called()).toEqual([]);
    // A different server for the same color is a change: it is written and reloaded.
    await router().switch('blue', { url: 'http://127.0.0.1:18003' });
    expect(called()).toEqual(['test', 'reload']);
    expect(parseUpstream(readFileSync(file, 'utf8')).servers).toEqual(['127.0.0.1:18003']);
  });

  it('a refused change restores the include, and switching back then reloads nothing', async () => {
    const before = renderUpstream('app', 'blue', blue);
    writeFileSync(file, before);
    const r = router({ refuse: 'slipway-color: green' });
    await expect(r.switch('green', green)).rejects.toThrow(/nginx config test .* refused/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(called()).toEqual(['test']);
    await r.switch('blue', blue);
    expect(called()).toEqual(['test']);
    expect(await r.live()).toBe('blue');
  });
});
