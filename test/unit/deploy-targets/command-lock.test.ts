/**
 * The command target's deploy lock, kept by the user's `lock` command: here the reference script
 * (a file under flock) run through the real shell, with the lock core on top.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDeployConfig, selectEnvironment } from '../../../src/deploy/config.js';
import { acquireLock, releaseLock, type LockEffects, type LockRequest } from '../../../src/deploy/lock.js';
import { CommandLockStore, commandOptions } from '../../../src/deploy/targets/command.js';
import { TargetError } from '../../../src/deploy/target.js';
import { UserError } from '../../../src/errors.js';
import { runShell } from '../../../src/runner/docker-target-exec.js';
import { lockStoreFor } from '../../../src/runner/swarm-factories.js';
import { startGitHubFake } from '../../support/github-fake/index.js';
import { repoRoot, runActionBundle } from '../../support/harness.js';

const SCRIPT = join(repoRoot, 'test/integration/deploy-targets/command-scripts/lock.sh');
let dir: string;
let file: string;

function store(lock = SCRIPT): CommandLockStore {
  const opts = commandOptions('shop', 'production', {
    start: 'true',
    switch: 'true',
    stop: 'true',
    status: 'true',
    lock,
  });
  return new CommandLockStore(opts, (cmd, env, t) => runShell(cmd, { ...env, SLIPWAY_LOCK_FILE: file }, t));
}

const request = (owner: string): LockRequest => ({
  owner,
  repo: 'acme/shop',
  app: 'shop',
  environment: 'production',
  ttlMs: 3_600_000,
  waitMs: 0,
  pollMs: 50,
});

function effects(runs: Record<string, string> = {}, s = store()): LockEffects {
  return {
    store: s,
    lookupRun: async (_repo, id) => (runs[id] ? { status: runs[id]! } : undefined),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { info: () => {}, warning: () => {} },
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'command-lock-'));
  file = join(dir, 'state', 'shop-production.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('command target deploy lock (reference lock.sh under flock)', () => {
  it('is taken, stored in the file on the host, and released', async () => {
    const got = await acquireLock(request('101'), effects({ '101': 'in_progress' }));
    expect(got.record.owner).toBe('101');
    expect(readFileSync(file, 'utf8')).toContain('"owner":"101"');
    expect(await store().read()).toMatchObject({ raw: readFileSync(file, 'utf8') });
    expect(await releaseLock(request('101'), effects())).toBe('released');
    expect(existsSync(file)).toBe(false);
    expect(await store().read()).toBeUndefined();
  });

  it('of five deploys racing for it exactly one wins', async () => {
    const runs = Object.fromEntries(['1', '2', '3', '4', '5'].map((id) => [id, 'in_progress']));
    const results = await Promise.allSettled(
      Object.keys(runs).map((id) => acquireLock(request(id), effects(runs))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect(String((r as PromiseRejectedResult).reason.message)).toMatch(
        /another deploy of shop to production holds the lock/,
      );
  });

  it('is taken over when the owning run has ended; the old owner can no longer remove it', async () => {
    await acquireLock(request('201'), effects({ '201': 'in_progress' }));
    const got = await acquireLock(request('202'), effects({ '201': 'completed', '202': 'in_progress' }));
    expect(got.tookOver?.why).toBe('ended');
    expect(readFileSync(file, 'utf8')).toContain('"owner":"202"');
    expect(await releaseLock(request('201'), effects())).not.toBe('released');
    expect(readFileSync(file, 'utf8')).toContain('"owner":"202"');
  });

  it('conditional writes: replace and remove only match the text they expect', async () => {
    const s = store();
    expect(await s.create('one')).toBe('ok');
    expect(await s.create('two')).toBe('exists');
    expect(await s.replace('two', 'not-one')).toBe('conflict');
    expect(await s.replace('two', 'one')).toBe('ok');
    expect(await s.remove('one')).toBe('conflict');
    expect(await s.remove('two')).toBe('ok');
    expect(await s.remove('two')).toBe('missing');
  });

  it('a malformed lock is refused, naming where it is, and left alone', async () => {
    const s = store();
    expect(await s.create('garbage')).toBe('ok');
    const err = await acquireLock(request('301'), effects({}, s)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String((err as Error).message)).toMatch(/malformed deploy lock/);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
  });

  it('a lock command that fails is an error naming the command and its output', async () => {
    const broken = join(dir, 'broken.sh');
    writeFileSync(broken, 'echo "permission denied: /var/lib/slipway" >&2; exit 1\n');
    const err = await store(`sh ${broken}`)
      .read()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetError);
    expect((err as Error).message).toMatch(/lock command \(lock-read\) exited 1: permission denied/);
  });
});

describe('command target lock configuration', () => {
  const config = (lock: string) =>
    selectEnvironment(
      parseDeployConfig(
        `apps:\n  shop:\n    environments:\n      production:\n        target: command\n        url: https://shop.example\n        command:\n          start: ./start.sh\n          switch: ./switch.sh\n          stop: ./stop.sh\n          status: ./status.sh\n${lock}`,
        'deploy.yml',
      ),
      'shop',
      'production',
    );

  it('keeps the lock with the lock command when there is one, else has none', () => {
    expect(lockStoreFor(config('          lock: ./lock.sh\n'))).toBeInstanceOf(CommandLockStore);
    expect(lockStoreFor(config(''))).toBeUndefined();
  });

  it('a lock that is not a command line is refused, naming the field', () => {
    expect(() => lockStoreFor(config('          lock: { file: x }\n'))).toThrow(
      /command\.lock.*expected a command line/,
    );
  });
});

describe('the deploy action on a command target with a lock command', () => {
  it('fails clearly while another running deploy holds the lock, before any other command runs', async () => {
    const fake = await startGitHubFake({ seed: 3 });
    try {
      fake.seed.repo('octo-org', 'octo-repo');
      fake.seed.workflowRun('octo-org', 'octo-repo', { id: 555, status: 'in_progress' });
      await acquireLock({ ...request('555'), repo: 'octo-org/octo-repo' }, effects({ '555': 'in_progress' }));
      const ran = join(dir, 'ran.log');
      const cmd = (what: string) => `echo ${what} >> ${ran}`;
      const config = join(dir, 'deploy.yml');
      writeFileSync(
        config,
        [
          'apps:',
          '  shop:',
          '    environments:',
          '      production:',
          '        target: command',
          '        url: http://127.0.0.1:9',
          '        command:',
          `          start: ${cmd('start')}`,
          `          switch: ${cmd('switch')}`,
          `          stop: ${cmd('stop')}`,
          `          status: ${cmd('status')}; echo live=`,
          `          lock: SLIPWAY_LOCK_FILE=${file} sh ${SCRIPT}`,
          '',
        ].join('\n'),
      );
      const r = await runActionBundle('deploy', {
        inputs: { app: 'shop', image: 'shop:v2', config, ref: 'main', 'lock-wait-minutes': '0' },
        apiUrl: fake.url,
      });
      expect(r.exitCode).toBe(1);
      expect(r.errors.join('\n')).toMatch(/another deploy of shop to production holds the lock: .*555/);
      expect(existsSync(ran)).toBe(false);
      expect(readFileSync(file, 'utf8')).toContain('"owner":"555"');
      fake.assertNoViolations();
    } finally {
      await fake.close();
    }
  });
});
