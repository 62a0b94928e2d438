/**
 * Local services for integration tests: `ensureServices()` runs `scripts/services.sh up` once per
 * test process (dockerd with host networking only, a registry on 127.0.0.1:5000 with deletes
 * enabled, the base image slipway/busybox:latest), and small helpers around the docker CLI.
 *
 * Use unique names (container names, ports, image repositories prefixed by your area) so tests of
 * different areas can share the engine and the registry.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness.js';

export const REGISTRY = '127.0.0.1:5000';
/** Base image made FROM scratch with Debian's busybox-static (built by services.sh up). */
export const BASE_IMAGE = 'slipway/busybox:latest';
export const SERVICES_DIR = process.env.SLIPWAY_SERVICES_DIR ?? '/tmp/slipway-services';

let ensured: Promise<void> | undefined;

/** Brings the services up once per test process; throws with the script's output when it fails. */
export function ensureServices(): Promise<void> {
  ensured ??= Promise.resolve().then(() => {
    const r = spawnSync('bash', [join(repoRoot, 'scripts/services.sh'), 'up'], {
      encoding: 'utf8',
      timeout: 15 * 60_000,
    });
    if (r.status !== 0) {
      ensured = undefined;
      throw new Error(
        `scripts/services.sh up failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`,
      );
    }
  });
  return ensured;
}

export interface DockerOptions {
  /** Working directory. */
  cwd?: string;
  /** Extra environment. */
  env?: Record<string, string | undefined>;
  /** Written to the command's standard input. */
  input?: string;
  /** Milliseconds; default 5 minutes. */
  timeout?: number;
  /** Return stdout+stderr even when the command fails (no throw). */
  allowFailure?: boolean;
}

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: DockerOptions, env?: Record<string, string>): CommandResult {
  const spawnOpts: SpawnSyncOptions = {
    cwd: opts.cwd,
    env: { ...process.env, ...env, ...opts.env },
    input: opts.input,
    timeout: opts.timeout ?? 5 * 60_000,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  };
  const r = spawnSync(cmd, args, spawnOpts);
  const result = { status: r.status ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
  if (r.error && !opts.allowFailure) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (result.status !== 0 && !opts.allowFailure) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
    );
  }
  return result;
}

/** Runs `docker <args>` and returns stdout; throws with stderr when it fails. */
export function docker(args: string[], opts: DockerOptions = {}): string {
  return run('docker', args, opts).stdout;
}

/** Like docker() but returns status, stdout and stderr without throwing. */
export function dockerResult(args: string[], opts: DockerOptions = {}): CommandResult {
  return run('docker', args, { ...opts, allowFailure: true });
}

/**
 * The client that builds with BuildKit, as services.sh found it: "buildx" (docker buildx works)
 * or the path of a docker client older than 23 that builds with DOCKER_BUILDKIT=1.
 */
export function buildkitClient(): string {
  try {
    const env = readFileSync(join(SERVICES_DIR, 'env'), 'utf8');
    const m = /^SLIPWAY_BUILDKIT_DOCKER=(.+)$/m.exec(env);
    if (m?.[1]) return m[1];
  } catch {
    // services.sh up has not run in this state dir
  }
  throw new Error('no BuildKit client recorded: call ensureServices() first');
}

/**
 * Runs a BuildKit build (`docker buildx build --load ...` or `DOCKER_BUILDKIT=1 docker build ...`)
 * and returns stdout+stderr (with --progress plain, the step log: "#5 CACHED" lines and so on).
 */
export function dockerBuild(args: string[], opts: DockerOptions = {}): CommandResult {
  const client = buildkitClient();
  const r =
    client === 'buildx'
      ? run('docker', ['buildx', 'build', '--load', ...args], { ...opts, allowFailure: true })
      : run(client, ['build', ...args], { ...opts, allowFailure: true }, { DOCKER_BUILDKIT: '1' });
  if (r.status !== 0 && !opts.allowFailure) {
    throw new Error(`docker build ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  return r;
}

/**
 * The local base image made FROM scratch with busybox-static (ensures services are up, which
 * builds it idempotently). Dockerfiles use it as `FROM slipway/busybox:latest`; nothing is pulled.
 */
export async function busyboxBaseImage(): Promise<string> {
  await ensureServices();
  if (dockerResult(['image', 'inspect', BASE_IMAGE]).status !== 0) {
    // removed since services.sh ran in this process: run it again (it rebuilds the base)
    ensured = undefined;
    await ensureServices();
  }
  return BASE_IMAGE;
}

/** A short random suffix for unique container names, repositories and tags. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** GET/HEAD/DELETE against the local registry's HTTP API (http://127.0.0.1:5000/v2/...). */
export async function registryFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) {
    headers.set(
      'accept',
      [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.docker.distribution.manifest.v2+json',
      ].join(', '),
    );
  }
  return fetch(`http://${REGISTRY}/v2/${path.replace(/^\//, '')}`, { ...init, headers });
}

/** Tags of a repository in the local registry ([] when it does not exist). */
export async function registryTags(repository: string): Promise<string[]> {
  const res = await registryFetch(`${repository}/tags/list`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`GET ${repository}/tags/list: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { tags?: string[] | null };
  return (body.tags ?? []).sort();
}
