/**
 * ghcr-retention throughput: 20,000 package versions (4 packages × 1,250 multi-arch images:
 * index + 2 platforms + attestation) behind the GitHub fake with simulated latency and its
 * secondary rate limit enforced (900 points per rolling minute per endpoint; DELETE = 5), the
 * manifests served by an in-process registry. The whole run is timed on a clock that runs
 * SCALE times faster than the wall clock (the fake's rate-limit windows, its timestamps and our
 * pacer all use it; latency is scaled the same way), so two hours of GitHub time take minutes.
 * Reports deletions per (GitHub) minute, API requests per deletion and secondary-limit hits.
 *
 *   npm run bench -- retention            (RETENTION_BENCH_SCALE=5, RETENTION_BENCH_IMAGES=1250; a faster clock on a busy 2-core machine starves the event loop and undercounts)
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/actions/ghcr-retention/main.js';
import type { ActionIO } from '../src/runner/io.js';
import { Pacer, DEFAULT_POINTS_PER_MINUTE } from '../src/retention/pace.js';
import { startGitHubFake } from '../test/support/github-fake/index.js';
import { machineLine, writeBenchSection } from './report.js';

const SCALE = Number(process.env.RETENTION_BENCH_SCALE ?? 5);
const IMAGES = Number(process.env.RETENTION_BENCH_IMAGES ?? 1250);
const PACKAGES = 4;
const LATENCY = { minMs: 80, maxMs: 250 }; // GitHub-side latency per request, in GitHub time
const OWNER = 'bench-org';

const realStart = Date.now();
const scaled = () => realStart + (Date.now() - realStart) * SCALE;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// --- registry: manifests by digest, served from memory -------------------------------------
const manifests = new Map<string, string>();
const put = (obj: object) => {
  const body = JSON.stringify(obj);
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  manifests.set(digest, body);
  return { digest, size: Buffer.byteLength(body) };
};
const registry = createServer((req, res) => {
  const m = /\/manifests\/(sha256:[0-9a-f]{64})$/.exec(req.url ?? '');
  const body = m ? manifests.get(m[1]!) : undefined;
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  const type = (JSON.parse(body) as { mediaType: string }).mediaType;
  res.writeHead(200, { 'content-type': type, 'docker-content-digest': m![1]! }).end(body);
});
await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
const registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;

// --- GitHub fake with 20,000 versions --------------------------------------------------------
const fake = await startGitHubFake({
  seed: 3,
  now: scaled,
  latency: { minMs: LATENCY.minMs / SCALE, maxMs: LATENCY.maxMs / SCALE },
  secondaryRateLimit: true,
});
fake.seed.org(OWNER);
fake.seed.repo(OWNER, 'app');
const DAY = 86_400_000;
let versions = 0;
for (let p = 0; p < PACKAGES; p++) {
  const name = `svc-${p}`;
  fake.seed.package({ owner: OWNER, name });
  for (let i = 0; i < IMAGES; i++) {
    const at = new Date(scaled() - ((IMAGES - i) * DAY) / 10).toISOString();
    const layer = (arch: string) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: `sha256:${createHash('sha256').update(`${name}${i}${arch}`).digest('hex')}`,
      size: 30_000_000,
    });
    const plat = (arch: string) =>
      put({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: layer(`${arch}cfg`).digest,
          size: 1500,
        },
        layers: [layer(arch)],
      });
    const amd = plat('amd64');
    const arm = plat('arm64');
    const att = plat('att');
    const index = put({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...amd,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...arm,
          platform: { os: 'linux', architecture: 'arm64' },
        },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...att,
          platform: { os: 'unknown', architecture: 'unknown' },
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
      ],
    });
    for (const d of [amd, arm, att])
      fake.seed.version(OWNER, name, { name: d.digest, tags: [], createdAt: at });
    fake.seed.version(OWNER, name, {
      name: index.digest,
      tags: [`sha-${p}${i.toString(16).padStart(6, '0')}`],
      createdAt: at,
    });
    versions += 4;
  }
}

// --- run the action's main in-process on the scaled clock ------------------------------------
const inputs: Record<string, string> = {
  owner: OWNER,
  packages: 'svc-*',
  'keep-latest': '5',
  'keep-tags': 'latest\nv*',
  'untagged-after-days': '7',
  'keep-deployed': 'true',
  'max-deletions': '100000',
  'max-runtime-minutes': '100000',
  'progress-every': '2000',
  registry: registryUrl,
  'github-token': 'ghp_benchmarktoken',
};
const logs: string[] = [];
const io: ActionIO = {
  getInput: (n) => inputs[n] ?? '',
  setOutput: () => {},
  summary: async () => {},
  annotate: () => {},
  setSecret: () => {},
  info: (m) => {
    logs.push(m);
    if (/progress|deleted \d+ of/.test(m))
      console.log(`[${((Date.now() - realStart) / 1000).toFixed(0)}s] ${m}`);
  },
  warning: (m) => console.log(`warning: ${m}`),
  debug: () => {},
  group: (_n, fn) => fn(),
  saveState: () => {},
  getState: () => '',
  env: {
    GITHUB_API_URL: fake.url,
    GITHUB_REPOSITORY: `${OWNER}/app`,
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'retention-bench-')),
  },
};
const pacer = new Pacer({
  pointsPerMinute: DEFAULT_POINTS_PER_MINUTE,
  now: scaled,
  sleep: (ms) => realSleep(ms / SCALE),
});
console.log(`retention bench: ${versions} versions in ${PACKAGES} packages, clock ×${SCALE}`);
const t0 = scaled();
let applyStart = 0;
const origTake = pacer.take.bind(pacer);
pacer.take = async (points: number) => {
  if (points === 5 && !applyStart) applyStart = scaled();
  return origTake(points);
};
const out = await main(io, {
  now: scaled,
  pacer,
  retryAfterBaseValue: 1000 / SCALE,
  applyConcurrency: Number(process.env.RETENTION_BENCH_CONCURRENCY ?? 4),
});
const t1 = scaled();
const deleted = out.result?.deleted ?? 0;
const requests = fake.requests.length;
const applyMinutes = (t1 - applyStart) / 60_000;
const perMin = deleted / applyMinutes;
const perDeletion = requests / deleted;
const hits = fake.rateLimits.secondaryHits;
const planMinutes = (applyStart - t0) / 60_000;
const lines = [
  `| measure | value | goal |`,
  `|---|---:|---:|`,
  `| versions listed | ${versions.toLocaleString('en')} in ${PACKAGES} packages | |`,
  `| versions deleted | ${deleted.toLocaleString('en')} (${out.result?.packages.reduce((s, p) => s + p.deletedImages, 0)} images) | |`,
  `| deletions per minute (apply phase, sustained) | **${perMin.toFixed(1)}** | ≥ 170 |`,
  `| API requests per deletion (everything: listing, deployments, deletes, confirmation) | **${perDeletion.toFixed(3)}** (${requests.toLocaleString('en')} requests) | ≤ 1.05 |`,
  `| secondary rate limit hits | **${hits}** | 0 |`,
  `| plan phase (list + ${out.stats.manifestReads.toLocaleString('en')} manifest reads from the registry; the in-process registry's time is scaled too, so this is not a GitHub figure) | ${planMinutes.toFixed(1)} min | |`,
  `| apply phase | ${applyMinutes.toFixed(1)} min | |`,
];
const md = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineLine()}.`,
  '',
  `Setup: the GitHub fake with GitHub's secondary limit enforced (900 points per rolling minute per endpoint, DELETE = 5 points, so at most 180 deletions a minute), ${LATENCY.minMs}–${LATENCY.maxMs} ms latency per request, ${PACKAGES} packages × ${IMAGES} multi-arch images (index + 2 platforms + attestation = ${versions.toLocaleString('en')} versions), \`keep-latest: 5\`; manifests from an in-process registry (only the ${PACKAGES * IMAGES} tagged indexes are read: platform and attestation manifests are placed by their index). Times are GitHub minutes: the fake, its rate-limit windows and the action's pacer share a clock running ×${SCALE} (wall time ${((Date.now() - realStart) / 1000).toFixed(0)} s).`,
  '',
  ...lines,
  '',
  `The pace is one leaky bucket for the whole run at ${DEFAULT_POINTS_PER_MINUTE} points a minute (176 deletions a minute), spaced evenly so no rolling minute exceeds 900 whatever the endpoint or window. Note: a personal access token's primary limit (5,000 requests an hour) caps a real run at about 80 deletions a minute averaged over an hour; \`max-runtime-minutes\` stops the run cleanly and the next run continues.`,
].join('\n');
writeBenchSection('retention', md);
console.log(md);
await fake.close();
registry.close();
if (hits > 0 || perDeletion > 1.05 || perMin < 170) process.exitCode = 1;
