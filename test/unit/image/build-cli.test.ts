/** `slipway build` refuses bad arguments and files before it talks to Docker. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/main.js';

let stderr: string;
let dir: string;

beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  dir = mkdtempSync(join(tmpdir(), 'build-cli-'));
  writeFileSync(join(dir, 'ok.yml'), 'services:\n  web: { target: web }\n');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const build = (...args: string[]) =>
  runCli([
    'build',
    '--repository',
    'acme/shop',
    '--sha',
    'a'.repeat(40),
    '--ref',
    'refs/heads/main',
    ...args,
  ]);

describe('slipway build: arguments and files', () => {
  it('a missing services file', async () => {
    expect(await build('--services', join(dir, 'nope.yml'))).toBe(1);
    expect(stderr).toMatch(/slipway build: .*nope\.yml: file not found/);
  });

  it('a services file with problems: every one, with file, line and field', async () => {
    const f = join(dir, 'bad.yml');
    writeFileSync(f, 'services:\n  web: { target: web, flavors: [blue] }\n  Web2: { target: web }\n');
    expect(await build('--services', f)).toBe(1);
    expect(stderr).toContain(`${f}:2: services.web.flavors[0]: flavor 'blue' is not declared`);
    expect(stderr).toContain(`${f}:3: services.Web2: service names are lower case`);
  });

  it('--cache gha is for runners only', async () => {
    expect(await build('--services', join(dir, 'ok.yml'), '--cache', 'gha')).toBe(1);
    expect(stderr).toMatch(/--cache: registry or none, got 'gha'/);
  });

  it('--build-arg needs KEY=VALUE', async () => {
    expect(await build('--services', join(dir, 'ok.yml'), '--build-arg', 'DEPS_SCALE')).toBe(1);
    expect(stderr).toMatch(/--build-arg: expected KEY=VALUE, got 'DEPS_SCALE'/);
  });

  it('a pull request needs its number', async () => {
    expect(await build('--services', join(dir, 'ok.yml'), '--event', 'pull_request')).toBe(1);
    expect(stderr).toMatch(/--event pull_request needs --pr N/);
  });

  it('a Dockerfile that does not exist is named with the field', async () => {
    const f = join(dir, 'df.yml');
    writeFileSync(f, `services:\n  web: { target: web, dockerfile: ${join(dir, 'missing.Dockerfile')} }\n`);
    expect(await build('--services', f)).toBe(1);
    expect(stderr).toMatch(/df\.yml: services\.web\.dockerfile: .*missing\.Dockerfile does not exist/);
  });
});
