/**
 * `npm run demo`: the whole pipeline on this machine, with the same cores the actions use (the
 * `slipway` CLI), on the fixture app in fixtures/apps/stack:
 *
 *   services → build (web + worker, v1 v2 v3, pushed to 127.0.0.1:5000) → test + coverage gate →
 *   security gate → deploy v1 → deploy v2 under load → deploy a broken v3 (automatic rollback) →
 *   retention
 *
 * Each stage checks that it did what the demo expects; the first surprise stops the demo with
 * what was expected and what happened, and exit status 1. The app stays up afterwards (HAProxy on
 * 127.0.0.1:18480, two colors as Docker containers); `npm run demo -- --down` stops it.
 *
 * Options: --down (stop what the demo left running), --state-dir DIR (default $SLIPWAY_DEMO_DIR
 *          or /tmp/slipway-demo), --port N (public port, default 18480; blue N+1, green N+2, HAProxy
 *          stats N+3, the test stage N+9), --name NAME (default stack: images
 *          127.0.0.1:5000/demo/NAME/{web,worker}, containers demo-NAME-web-{blue,green}).
 * Tool output goes to <state dir>/demo.log; its tail is printed when a stage fails.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { startGitHubFake, type GitHubFake } from '../test/support/github-fake/index.js';
import { RegistryPackageStore } from '../test/support/ghcr-registry-store.js';
import { startLoad, type LoadResult } from '../test/support/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REGISTRY = '127.0.0.1:5000';
const SERVICES = ['web', 'worker'] as const;
const VERSIONS = ['v1', 'v2', 'v3'] as const;
type Version = (typeof VERSIONS)[number];
/** The broken v3: /health answers 500 this long after the container started. */
const V3_FAIL_AFTER_SECONDS = 10;

const { values: opts } = parseArgs({
  options: {
    down: { type: 'boolean', default: false },
    'state-dir': { type: 'string' },
    port: { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  process.stdout.write(
    'usage: npm run demo [-- --down] [-- --state-dir DIR] [-- --port N] [-- --name NAME]\n' +
      '  runs the pipeline on the fixture app and leaves it serving; --down stops what it started\n',
  );
  process.exit(0);
}
const name = opts.name ?? 'stack';
if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(name)) {
  process.stderr.write(`demo: --name must be lower-case letters, digits and dashes, got '${name}'\n`);
  process.exit(2);
}
/** Images are 127.0.0.1:5000/demo/<name>/{web,worker}; containers demo-<name>-web-{blue,green}. */
const OWNER = 'demo';
const REPO = name;
const APP = `demo-${name}-web`;
const TEST_CONTAINER = `${APP}-test`;
const stateDir = resolve(opts['state-dir'] ?? process.env.SLIPWAY_DEMO_DIR ?? '/tmp/slipway-demo');
const publicPort = Number(opts.port ?? process.env.SLIPWAY_DEMO_PORT ?? 18480);
if (!Number.isInteger(publicPort) || publicPort < 1024 || publicPort > 65532) {
  process.stderr.write(`demo: --port must be an integer between 1024 and 65532, got '${opts.port}'\n`);
  process.exit(2);
}
const ports = { blue: publicPort + 1, green: publicPort + 2, stats: publicPort + 3, test: publicPort + 9 };
const publicUrl = `http://127.0.0.1:${publicPort}`;
const statsUrl = `http://127.0.0.1:${ports.stats}/`;
const haproxyDir = join(stateDir, 'haproxy');
const haproxyPidFile = join(haproxyDir, 'haproxy.pid');
const haproxySocket = join(haproxyDir, 'admin.sock');
const logFile = join(stateDir, 'demo.log');
const deployConfig = join(stateDir, 'slipway-deploy.yml');

// ---------------------------------------------------------------------------------------------
// output
// ---------------------------------------------------------------------------------------------
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = (s: string) => paint('1', s);
const dim = (s: string) => paint('2', s);
const say = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s: string) => say(`  ${dim('·')} ${s}`);
const log = (s: string) => appendFileSync(logFile, s.endsWith('\n') ? s : `${s}\n`);

/** A stage did something other than what the demo expects. */
class Unexpected extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`expected ${expected}, got ${actual}`);
  }
}
function expect(ok: boolean, expected: string, actual: string): asserts ok {
  if (!ok) throw new Unexpected(expected, actual);
}

interface StageResult {
  name: string;
  result: 'ok' | 'failed' | 'skipped';
  seconds: number;
  detail: string;
}
const results: StageResult[] = [];

async function stage(name: string, fn: () => Promise<string>): Promise<void> {
  say(`\n${bold(`▶ ${name}`)}`);
  log(`\n===== ${name} (${new Date().toISOString()})`);
  const t0 = Date.now();
  try {
    const detail = await fn();
    const seconds = (Date.now() - t0) / 1000;
    results.push({ name, result: 'ok', seconds, detail });
    say(`${paint('32', '✔')} ${name} (${seconds.toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    const seconds = (Date.now() - t0) / 1000;
    const what =
      e instanceof Unexpected
        ? `expected: ${e.expected}\n    got:      ${e.actual}`
        : e instanceof Error
          ? e.message
          : String(e);
    results.push({ name, result: 'failed', seconds, detail: what.split('\n')[0]! });
    say(`${paint('31', '✘')} ${name} (${seconds.toFixed(1)} s)\n    ${what}`);
    log(`FAILED: ${what}\n${e instanceof Error && !(e instanceof Unexpected) ? (e.stack ?? '') : ''}`);
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    say(dim(`\n  last lines of ${logFile}:\n${tail.replace(/^/gm, '    ')}`));
    throw new StopDemo();
  }
}
class StopDemo extends Error {}

// ---------------------------------------------------------------------------------------------
// processes
// ---------------------------------------------------------------------------------------------
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the GitHub fake answers meanwhile); output to the log. */
function run(
  cmd: string,
  args: string[],
  o: {
    cwd?: string;
    env?: Record<string, string>;
    timeoutMs?: number;
    /** called with each complete line of standard error */
    onLine?: (line: string) => void;
  } = {},
): Promise<Run> {
  log(`$ ${[cmd, ...args].join(' ')}`);
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: o.cwd ?? root,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      log(d.toString());
    });
    let partial = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      log(d.toString());
      if (o.onLine) {
        const lines = (partial + d.toString()).split('\n');
        partial = lines.pop()!;
        for (const l of lines) o.onLine(l);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 10 * 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new Error(`${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log(`(exit ${code ?? signal})`);
      done({ code: code ?? -1, stdout, stderr });
    });
  });
}

const tsxCli = join(root, 'node_modules/tsx/dist/cli.mjs');
const cliEntry = join(root, 'src/cli/index.ts');
/** `slipway <args>` from source (the same cores the bundled actions use). */
function slipway(args: string[], o: Parameters<typeof run>[2] = {}): Promise<Run> {
  return run(process.execPath, [tsxCli, cliEntry, ...args], o);
}

async function docker(args: string[], allowFailure = false): Promise<string> {
  const r = await run('docker', args, { timeoutMs: 5 * 60_000 });
  if (r.code !== 0 && !allowFailure) throw new Error(`docker ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(
  url: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string; headers: Headers }> {
  const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: r.status, body: await r.text(), headers: r.headers };
}

/** The version the public route serves now (X-App-Version), or what went wrong. */
async function publicVersion(): Promise<string> {
  try {
    const r = await get(`${publicUrl}/version`);
    return r.status === 200 ? (r.headers.get('x-app-version') ?? '(no version header)') : `HTTP ${r.status}`;
  } catch (e) {
    return `no answer (${(e as Error).message})`;
  }
}

function outputsOf(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([a-z][a-z0-9-]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// HAProxy: our own instance, config and admin socket in the state dir, daemonized (it outlives the demo)
// ---------------------------------------------------------------------------------------------
function pidAlive(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (!pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function stopHaproxy(): Promise<boolean> {
  const pid = pidAlive(haproxyPidFile);
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && pidAlive(haproxyPidFile); i++) await sleep(100);
  if (pidAlive(haproxyPidFile)) process.kill(pid, 'SIGKILL');
  rmSync(haproxyPidFile, { force: true });
  return true;
}

/** Whether nothing listens on 127.0.0.1:port (a listener with SO_REUSEPORT, like HAProxy's, counts). */
function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

async function startHaproxy(): Promise<void> {
  mkdirSync(haproxyDir, { recursive: true });
  for (const [what, port] of [
    ['public', publicPort],
    ['blue', ports.blue],
    ['green', ports.green],
    ['stats', ports.stats],
    ['test', ports.test],
  ] as const) {
    expect(
      await portFree(port),
      `port ${port} (${what}) free on 127.0.0.1`,
      `something else listens there: choose other ports with npm run demo -- --port N`,
    );
  }
  const cfg = join(haproxyDir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      '# written by npm run demo',
      'global',
      `  stats socket ${haproxySocket} mode 600 level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  retries 3',
      '  option redispatch 1',
      'frontend demo',
      `  bind 127.0.0.1:${publicPort}`,
      '  default_backend app',
      'backend app',
      `  server blue 127.0.0.1:${ports.blue}`,
      `  server green 127.0.0.1:${ports.green} disabled`,
      'listen stats',
      `  bind 127.0.0.1:${ports.stats}`,
      '  stats enable',
      '  stats uri /',
      '  stats refresh 5s',
      '',
    ].join('\n'),
  );
  const r = await run('haproxy', ['-D', '-p', haproxyPidFile, '-f', cfg]);
  if (r.code !== 0) throw new Error(`haproxy did not start: ${r.stderr.trim()}`);
  for (let i = 0; i < 100; i++) {
    if (existsSync(haproxySocket) && (await get(statsUrl).catch(() => undefined))?.status === 200) return;
    await sleep(50);
  }
  throw new Error(`haproxy started but its stats page ${statsUrl} does not answer`);
}

async function removeDemoContainers(): Promise<void> {
  await docker(['rm', '--force', `${APP}-blue`, `${APP}-green`, TEST_CONTAINER], true);
}

// ---------------------------------------------------------------------------------------------
// the stages
// ---------------------------------------------------------------------------------------------
interface Built {
  sha: string;
  builtAt: string;
  /** service -> name@digest */
  digests: Record<string, string>;
  tags: Record<string, string[]>;
}
const built: Partial<Record<Version, Built>> = {};
let fake: GitHubFake | undefined;
let store: RegistryPackageStore | undefined;
let loadResult: LoadResult | undefined;
let retentionDeleted: string[] = [];

/** Copies the fixture app into the state dir (v3 gets its bug) with a services file of web and worker. */
function prepareSource(v: Version): string {
  const dir = join(stateDir, 'src', v);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'fixtures/apps/stack'), dir, { recursive: true });
  const services = parseYaml(readFileSync(join(dir, '.github/slipway.yml'), 'utf8')) as {
    services: Record<string, unknown>;
  };
  services.services = Object.fromEntries(SERVICES.map((s) => [s, services.services[s]]));
  writeFileSync(join(dir, '.github/slipway.yml'), stringifyYaml(services));
  writeFileSync(join(dir, 'src/message.txt'), `Hello from the Slipway demo, ${v}.\n`);
  if (v === 'v3') {
    // the bug: health fails a few seconds after start (tests that only look at startup pass)
    const file = join(dir, 'Dockerfile');
    const text = readFileSync(file, 'utf8');
    const marker = 'ENV SERVICE=web\n';
    if (!text.includes(marker))
      throw new Error(`fixtures/apps/stack/Dockerfile: no '${marker.trim()}' line to break`);
    writeFileSync(
      file,
      text.replace(marker, `ENV SERVICE=web FAIL_AFTER_SECONDS=${V3_FAIL_AFTER_SECONDS}\n`),
    );
  }
  return dir;
}

async function stageServices(): Promise<string> {
  mkdirSync(stateDir, { recursive: true });
  progress('scripts/services.sh up (packages, dockerd with host networking, registry, base image)');
  const r = await run('bash', [join(root, 'scripts/services.sh'), 'up'], {
    timeoutMs: 20 * 60_000,
    // services.sh says what it installs or starts (the first run installs packages: minutes)
    onLine: (l) => {
      const m = /^services: (.*)$/.exec(l);
      if (m) progress(dim(m[1]!));
    },
  });
  expect(
    r.code === 0,
    'scripts/services.sh up to succeed',
    `exit ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`,
  );
  const reg = await get(`http://${REGISTRY}/v2/`).catch(() => undefined);
  expect(
    reg?.status === 200,
    `the registry answering on http://${REGISTRY}/v2/`,
    String(reg?.status ?? 'no answer'),
  );
  progress('replacing what an earlier demo left running (HAProxy, demo containers)');
  await stopHaproxy();
  await removeDemoContainers();
  await startHaproxy();
  progress(`HAProxy: ${publicUrl} → blue :${ports.blue} / green :${ports.green}, stats ${statsUrl}`);
  store = new RegistryPackageStore(`http://${REGISTRY}`, { now: () => Date.now() - 30 * 86_400_000 });
  fake = await startGitHubFake({ seed: 1, packageStore: store });
  fake.seed.org(OWNER);
  fake.seed.repo(OWNER, REPO);
  progress(`GitHub fake (stand-in for api.github.com): ${fake.url}`);
  return `dockerd, registry ${REGISTRY}, HAProxy ${publicUrl}`;
}

async function stageBuild(): Promise<string> {
  for (const v of VERSIONS) {
    const dir = prepareSource(v);
    const sha = randomBytes(20).toString('hex'); // a commit per version, new on every run
    const ref = `refs/tags/${v}.0.0`;
    progress(`slipway build ${v} (${ref}, ${sha.slice(0, 7)}): ${SERVICES.join(' + ')}`);
    const out = join(stateDir, `build-${v}.json`);
    const r = await slipway(
      [
        'build',
        '--services',
        '.github/slipway.yml',
        '--repository',
        `${OWNER}/${REPO}`,
        '--ref',
        ref,
        '--sha',
        sha,
        '--registry',
        REGISTRY,
        '--json',
        '--output',
        out,
      ],
      { cwd: dir },
    );
    expect(
      r.code === 0,
      `slipway build of ${v} to succeed`,
      `exit ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`,
    );
    const j = JSON.parse(readFileSync(out, 'utf8')) as {
      digests: Record<string, string>;
      images: { service: string; tags: string[] }[];
    };
    for (const s of SERVICES)
      expect(
        /@sha256:[0-9a-f]{64}$/.test(j.digests[s] ?? ''),
        `a pushed digest for ${s} ${v}`,
        j.digests[s] ?? 'none',
      );
    fake!.seed.ref(OWNER, REPO, `tags/${v}.0.0`, sha);
    built[v] = {
      sha,
      builtAt: new Date().toISOString(),
      digests: j.digests,
      tags: Object.fromEntries(j.images.map((i) => [i.service, i.tags])),
    };
    for (const s of SERVICES)
      progress(
        `  ${s} ${v}: ${j.digests[s]!.split('@')[1]!.slice(0, 19)}… ${dim(built[v].tags[s]!.join(' '))}`,
      );
  }
  return `${VERSIONS.length * SERVICES.length} images pushed to ${REGISTRY}/${OWNER}/${REPO}`;
}

async function stageTest(): Promise<string> {
  // A real test of the built images: start web, check /health and /version.
  for (const v of VERSIONS) {
    const image = built[v]!.digests.web!;
    await docker(['rm', '--force', TEST_CONTAINER], true);
    await docker([
      'run',
      '--detach',
      '--name',
      TEST_CONTAINER,
      '--network',
      'host',
      '-e',
      `PORT=${ports.test}`,
      image,
    ]);
    let health = 'no answer';
    for (let i = 0; i < 50 && health !== '200'; i++) {
      health = await get(`http://127.0.0.1:${ports.test}/health`, 1000)
        .then((r) => String(r.status))
        .catch(() => 'no answer');
      if (health !== '200') await sleep(100);
    }
    const version = await get(`http://127.0.0.1:${ports.test}/version`)
      .then((r) => r.body)
      .catch(() => '');
    await docker(['rm', '--force', TEST_CONTAINER], true);
    expect(health === '200', `web ${v}: GET /health → 200`, health);
    const parsed = JSON.parse(version || '{}') as { service?: string; version?: string; revision?: string };
    expect(
      parsed.service === 'web' && parsed.version === `${v.slice(1)}.0.0` && parsed.revision === built[v]!.sha,
      `web ${v}: /version says web ${v.slice(1)}.0.0 at ${built[v]!.sha.slice(0, 7)}`,
      version.trim() || 'no answer',
    );
    progress(`web ${v}: /health 200, /version ${parsed.version} (${parsed.revision!.slice(0, 7)})`);
  }
  const report = 'fixtures/coverage/vitest-v8/lcov.info';
  const pass = await slipway(['coverage', '--files', report, '--min-lines', '70']);
  expect(pass.code === 0, 'slipway coverage --min-lines 70 to pass (71.43% of lines)', `exit ${pass.code}`);
  progress(`coverage gate on ${report}: lines 71.43% ≥ 70% → passed`);
  const fail = await slipway(['coverage', '--files', report, '--min-lines', '90']);
  expect(fail.code === 1, 'slipway coverage --min-lines 90 to fail the gate (exit 1)', `exit ${fail.code}`);
  progress('the same report against --min-lines 90 → gate fails, as it should');
  return '3 images answer /health and /version; coverage gate passed at 70%';
}

async function stageSecurity(): Promise<string> {
  const reports = [
    'fixtures/security/trivy/alpine-310.json',
    'fixtures/security/grype/TestSarifPresenter_image.sarif',
  ];
  const outDir = join(stateDir, 'security');
  const without = await slipway(['scan-gate', ...reports, '--suppressions', 'none', '--output-dir', outDir]);
  expect(
    without.code === 1,
    'the gate to fail without suppressions (critical CVE-1999-0002)',
    `exit ${without.code}`,
  );
  progress('Trivy + Grype reports without suppressions → fails on critical CVE-1999-0002 in package-2');
  const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const suppressions = join(stateDir, 'slipway-suppressions.yml');
  writeFileSync(
    suppressions,
    stringifyYaml({
      suppressions: [
        {
          id: 'CVE-1999-0002',
          scope: { package: 'package-2' },
          reason: 'Demo: package-2 is never loaded by the app; fix tracked in DEMO-1.',
          expires,
        },
      ],
    }),
  );
  const withS = await slipway([
    'scan-gate',
    ...reports,
    '--suppressions',
    suppressions,
    '--output-dir',
    outDir,
  ]);
  expect(withS.code === 0, 'the gate to pass with the suppressions file', `exit ${withS.code}`);
  progress(`with a suppressions file (reason, expires ${expires}) → passes; merged SARIF in ${outDir}`);
  return 'fails without suppressions, passes with them';
}

function writeDeployConfig(): void {
  writeFileSync(
    deployConfig,
    stringifyYaml({
      apps: {
        [APP]: {
          environments: {
            production: {
              target: 'docker',
              url: publicUrl,
              health: {
                path: '/health',
                'interval-seconds': 0.5,
                'timeout-seconds': 2,
                'healthy-threshold': 2,
                'unhealthy-threshold': 3,
                'start-period-seconds': 0,
                'deadline-seconds': 30,
              },
              version: { header: 'X-App-Version', 'deadline-seconds': 15, 'interval-seconds': 0.1 },
              'bake-seconds': 3,
              'keep-warm-minutes': 60,
              docker: {
                network: 'host',
                ports: { blue: ports.blue, green: ports.green },
                proxy: { kind: 'haproxy', socket: haproxySocket, backend: 'app' },
              },
            },
          },
        },
      },
    }),
  );
}

async function deploy(v: Version, extra: string[] = []): Promise<{ r: Run; out: Record<string, string> }> {
  const image = built[v]!.digests.web!;
  const r = await slipway(
    [
      'deploy',
      '--app',
      APP,
      '--image',
      image,
      '--config',
      deployConfig,
      '--github-token',
      'ghs_demo',
      '--repository',
      `${OWNER}/${REPO}`,
      '--ref',
      `refs/tags/${v}.0.0`,
      '--reason',
      `demo ${v}`,
      ...extra,
    ],
    { env: { GITHUB_API_URL: fake!.url }, timeoutMs: 5 * 60_000 },
  );
  const out = outputsOf(r.stdout);
  const phases =
    /^(?:warning: )?(prepare|start|verify-idle|switch|verify-switch|bake|finalize|rollback)(?: failed)?: (.*)$/;
  for (const line of r.stderr.split('\n')) {
    const m = phases.exec(line);
    if (m)
      progress(
        `${m[1]!.padEnd(13)} ${line.startsWith('warning: ') ? paint('33', m[2]!) : m[2]!}`.replace(
          /@sha256:([0-9a-f]{12})[0-9a-f]{52}/g,
          '@sha256:$1…',
        ),
      );
  }
  return { r, out };
}

async function stageDeployV1(): Promise<string> {
  writeDeployConfig();
  const { r, out } = await deploy('v1');
  expect(
    r.code === 0 && out.outcome === 'success',
    'deploy v1: outcome success',
    `exit ${r.code}, outcome ${out.outcome ?? 'none'}`,
  );
  const v = await publicVersion();
  expect(v === '1.0.0', `${publicUrl} serving 1.0.0`, v);
  progress(`${publicUrl}/version → ${v} (on ${out.color})`);
  return `v1 live on ${out.color}`;
}

async function stageDeployV2(): Promise<string> {
  const load = startLoad({
    url: `${publicUrl}/`,
    rps: 50,
    concurrency: 4,
    maxRequests: 20_000,
    maxMs: 180_000,
    versionHeader: 'x-app-version',
    timeoutMs: 5000,
  });
  progress('load: 50 requests/s on the public route during the deploy');
  await sleep(1000);
  const { r, out } = await deploy('v2');
  await sleep(1000);
  loadResult = await load.stop();
  const lr = loadResult;
  const versions = Object.entries(lr.byVersion)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  progress(`load: ${lr.sent} requests, ${lr.failed} failed (${versions})`);
  expect(
    r.code === 0 && out.outcome === 'success',
    'deploy v2: outcome success',
    `exit ${r.code}, outcome ${out.outcome ?? 'none'}`,
  );
  expect(
    lr.failed === 0,
    '0 failed requests during the switch',
    `${lr.failed} failed: ${lr.failures
      .slice(0, 3)
      .map((f) => f.reason)
      .join('; ')}`,
  );
  expect(lr.sent > 50, 'the load to have sent requests', `${lr.sent} sent`);
  const v = await publicVersion();
  expect(v === '2.0.0', `${publicUrl} serving 2.0.0`, v);
  progress(`${publicUrl}/version → ${v} (on ${out.color}; ${out['previous-color']} stays warm)`);
  return `v2 live on ${out.color}, ${lr.sent} requests, 0 failed`;
}

async function stageDeployV3(): Promise<string> {
  progress(
    `v3 has a bug: its /health fails ${V3_FAIL_AFTER_SECONDS} s after start (after the switch, during the bake)`,
  );
  const { r, out } = await deploy('v3', ['--bake-seconds', '25']);
  expect(
    out.outcome === 'rolled-back',
    'deploy v3: outcome rolled-back (automatic rollback)',
    `exit ${r.code}, outcome ${out.outcome ?? 'none'}`,
  );
  expect(r.code !== 0, 'deploy v3 to exit non-zero (the deploy failed)', `exit ${r.code}`);
  const v = await publicVersion();
  expect(v === '2.0.0', `${publicUrl} serving 2.0.0 again`, v);
  const rollbackId = out['rollback-deployment-id'];
  const ds = fake!.deployments(OWNER, REPO);
  const rb = ds.find((d) => String(d.id) === rollbackId);
  expect(
    rb?.statuses.at(-1)?.state === 'success',
    'a rollback deployment recorded with status success',
    rb ? String(rb.statuses.at(-1)?.state) : `none (id '${rollbackId ?? ''}')`,
  );
  progress(`rolled back: ${publicUrl}/version → ${v}; rollback recorded as deployment ${rollbackId}`);
  return `v3 rolled back automatically, v2 serving`;
}

async function stageRetention(): Promise<string> {
  // The GitHub fake's packages are the registry's repositories (as on GHCR); this run's images get
  // their build times, images left by earlier runs look a month old.
  for (const s of SERVICES) {
    store!.addPackage({ owner: OWNER, name: `${REPO}/${s}`, repository: `${OWNER}/${REPO}` });
    for (const v of VERSIONS) {
      store!.track(OWNER, `${REPO}/${s}`, built[v]!.digests[s]!.split('@')[1]!, {
        createdAt: built[v]!.builtAt,
      });
    }
  }
  store!.invalidate();
  const plan = join(stateDir, 'retention-plan.json');
  const common = [
    'retention',
    '--owner',
    OWNER,
    ...SERVICES.flatMap((s) => ['--package', `${REPO}/${s}`]),
    '--keep-latest',
    '1',
    '--keep-tag',
    'buildcache*',
    '--untagged-after-days',
    '0',
    '--repository',
    `${OWNER}/${REPO}`,
    '--registry',
    `http://${REGISTRY}`,
    '--api-url',
    fake!.url,
  ];
  const env = { GITHUB_TOKEN: 'ghs_demo' };
  progress(
    'rules: keep the newest image per package, buildcache* tags, and whatever is deployed (current and rollback target)',
  );
  const dry = await slipway(
    [...common, '--plan-path', plan, '--summary', join(stateDir, 'retention-plan.md')],
    { env },
  );
  expect(
    dry.code === 0,
    'slipway retention (plan only) to succeed',
    `exit ${dry.code}: ${dry.stderr.trim().split('\n').at(-1)}`,
  );
  interface PlanImage {
    root: { digest: string; tags?: string[] };
    members: { digest: string }[] | number;
    reasons?: string[];
  }
  const p = JSON.parse(readFileSync(plan, 'utf8')) as {
    packages: { package: { name: string }; delete: PlanImage[]; keep: PlanImage[] }[];
  };
  const flat = (which: 'delete' | 'keep') =>
    p.packages.flatMap((pk) =>
      pk[which].map((d) => ({
        pkg: pk.package.name,
        digest: d.root.digest,
        tags: d.root.tags ?? [],
        reasons: d.reasons ?? [],
        members: Array.isArray(d.members) ? d.members.map((m) => m.digest) : [],
      })),
    );
  const planned = flat('delete');
  const kept = flat('keep');
  const plannedDigests = new Set(planned.flatMap((d) => [d.digest, ...d.members]));
  const live = built.v2!.digests.web!.split('@')[1]!;
  const oldWorker = built.v1!.digests.worker!.split('@')[1]!;
  expect(!plannedDigests.has(live), 'the live image (web v2) not in the plan', 'planned for deletion');
  expect(
    plannedDigests.has(oldWorker),
    'worker v1 (not deployed, not newest) planned for deletion',
    'not planned',
  );
  const which = (digest: string) =>
    VERSIONS.find((x) => SERVICES.some((s) => built[x]!.digests[s]!.endsWith(digest)));
  for (const k of kept.filter((d) => which(d.digest)))
    progress(`keep   ${k.pkg} ${which(k.digest)} (${k.reasons.join(', ')})`);
  const thisRun = planned.filter((d) => which(d.digest));
  for (const d of thisRun) progress(`delete ${d.pkg} ${which(d.digest)} ${dim(d.digest.slice(0, 19) + '…')}`);
  const earlier = planned.length - thisRun.length;
  if (earlier) progress(`delete ${earlier} image(s) left by earlier demo runs`);
  retentionDeleted = [
    ...thisRun.map((d) => `${d.pkg} ${which(d.digest)} (${d.digest.slice(0, 19)}…)`),
    ...(earlier ? [`${earlier} image(s) from earlier demo runs`] : []),
  ];
  progress(`plan written to ${plan}; applying it`);
  const apply = await slipway(
    [...common, '--apply', '--plan-file', plan, '--summary', join(stateDir, 'retention.md')],
    { env },
  );
  expect(
    apply.code === 0,
    'slipway retention --apply to succeed',
    `exit ${apply.code}: ${apply.stderr.trim().split('\n').at(-1)}`,
  );
  const deletedCount = Number(/deleted=(\d+)/.exec(apply.stdout)?.[1] ?? -1);
  expect(
    deletedCount === planned.length,
    `${planned.length} image(s) deleted as planned`,
    `deleted=${deletedCount}`,
  );
  const status = async (digest: string, repo: string) =>
    (
      await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, {
        method: 'HEAD',
        headers: {
          accept:
            'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json',
        },
      })
    ).status;
  const liveStatus = await status(live, `${OWNER}/${REPO}/web`);
  expect(liveStatus === 200, 'the live image web v2 still in the registry', `HTTP ${liveStatus}`);
  const oldStatus = await status(oldWorker, `${OWNER}/${REPO}/worker`);
  expect(oldStatus === 404, 'worker v1 gone from the registry', `HTTP ${oldStatus}`);
  const v = await publicVersion();
  expect(v === '2.0.0', `${publicUrl} still serving 2.0.0`, v);
  progress(`deleted ${deletedCount}; web v2 (live) still pulls; ${publicUrl} still serves ${v}`);
  return `${deletedCount} image(s) deleted, deployed images kept`;
}

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  if (opts.down) {
    writeFileSync(logFile, '');
    const stopped = await stopHaproxy();
    await removeDemoContainers();
    // the demo's local image tags (the registry keeps its copies; retention cleans those)
    const prefix = `${REGISTRY}/${OWNER}/${REPO}/`;
    const local = (
      await docker(['image', 'ls', '--digests', '--format', '{{.Repository}} {{.Tag}} {{.Digest}}'], true)
    )
      .split('\n')
      .map((l) => l.split(' '))
      .filter(([repo]) => `${repo}/`.startsWith(prefix))
      .map(([repo, tag, digest]) => (tag !== '<none>' ? `${repo}:${tag}` : `${repo}@${digest}`))
      .filter((ref) => !ref.endsWith('@<none>'));
    if (local.length) await docker(['image', 'rm', ...local], true);
    say(
      `demo: stopped ${stopped ? 'HAProxy and ' : ''}the demo containers, removed ${local.length} local image(s) ` +
        '(scripts/services.sh down stops Docker and the registry)',
    );
    return;
  }
  writeFileSync(logFile, `npm run demo, ${new Date().toISOString()}\n`);
  say(
    bold(
      'Slipway demo: build → test + coverage → security → deploy v1 → v2 under load → broken v3 → retention',
    ),
  );
  say(dim(`state and log: ${stateDir}`));
  const t0 = Date.now();
  const stages: [string, () => Promise<string>][] = [
    ['services', stageServices],
    ['build', stageBuild],
    ['test + coverage gate', stageTest],
    ['security gate', stageSecurity],
    ['deploy v1', stageDeployV1],
    ['deploy v2 under load', stageDeployV2],
    ['deploy broken v3 → rollback', stageDeployV3],
    ['retention', stageRetention],
  ];
  let failed = false;
  for (const [name, fn] of stages) {
    if (failed) {
      results.push({ name, result: 'skipped', seconds: 0, detail: '' });
      continue;
    }
    try {
      await stage(name, fn);
    } catch (e) {
      if (!(e instanceof StopDemo)) throw e;
      failed = true;
    }
  }
  summary((Date.now() - t0) / 1000);
  await fake?.close();
  if (failed) process.exitCode = 1;
}

function summary(total: number): void {
  say(`\n${bold('Summary')}`);
  const w = Math.max(...results.map((r) => r.name.length), 5);
  say(`  ${'stage'.padEnd(w)}  result   time     `);
  say(`  ${'-'.repeat(w)}  -------  -------`);
  for (const r of results) {
    const mark =
      r.result === 'ok'
        ? paint('32', 'ok     ')
        : r.result === 'failed'
          ? paint('31', 'FAILED ')
          : dim('skipped');
    say(
      `  ${r.name.padEnd(w)}  ${mark}  ${r.result === 'skipped' ? '      -' : `${r.seconds.toFixed(1).padStart(5)} s`}  ${dim(r.detail)}`,
    );
  }
  say(`  ${'total'.padEnd(w)}           ${total.toFixed(1).padStart(5)} s`);
  if (fake) {
    say(`\n${bold('GitHub Deployments recorded')} ${dim('(the GitHub fake stops with the demo)')}`);
    for (const d of [...fake.deployments(OWNER, REPO)].reverse()) {
      const p = (d.payload as { slipway?: { image?: string; task?: string } }).slipway ?? {};
      say(
        `  #${d.id} ${d.environment} ${d.task}: ${shortImage(p.image ?? '')} → ${runs(d.statuses.map((s) => s.state))}`,
      );
    }
  }
  if (retentionDeleted.length)
    say(`\n${bold('Deleted by retention')}\n${retentionDeleted.map((x) => `  ${x}`).join('\n')}`);
  say(`\n${bold('Where to look')}`);
  say(`  app:       ${publicUrl}/version   (curl -si ${publicUrl}/version)`);
  say(`  HAProxy:   ${statsUrl}   (admin socket ${haproxySocket})`);
  say(`  registry:  http://${REGISTRY}/v2/_catalog   http://${REGISTRY}/v2/${OWNER}/${REPO}/web/tags/list`);
  say(`  log:       ${logFile}`);
  say(`  stop it:   npm run demo -- --down${opts['state-dir'] ? ` --state-dir ${stateDir}` : ''}`);
}

/** in_progress → in_progress → success as "in_progress ×2 → success". */
function runs(states: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < states.length;) {
    let j = i;
    while (j < states.length && states[j] === states[i]) j++;
    out.push(j - i > 1 ? `${states[i]} ×${j - i}` : states[i]!);
    i = j;
  }
  return out.join(' → ');
}

function shortImage(ref: string): string {
  const m = /^(.*)@sha256:([0-9a-f]{12})/.exec(ref);
  const v = VERSIONS.find((x) => built[x]?.digests.web === ref);
  return m ? `${m[1]}@sha256:${m[2]}…${v ? ` (${v})` : ''}` : ref;
}

await main();
