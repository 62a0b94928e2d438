/**
 * The docker CLI, for local builds: runs commands (capturing output, optionally streaming it),
 * and finds a client that builds with BuildKit.
 */
import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';
import type { BuilderKind } from '../image/build.js';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  env?: Record<string, string>;
  /** Called with each chunk of output (stdout and stderr) as it comes. */
  onOutput?: (chunk: string) => void;
}

export function exec(cmd: string, argv: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      opts.onOutput?.(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      opts.onOutput?.(d);
    });
    child.on('error', (err) => reject(new Error(`${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

export interface Builder {
  kind: BuilderKind;
  /** The docker client to run build commands with. */
  client: string;
  /** The daemon's platform, e.g. linux/amd64. */
  platform: string;
}

/**
 * How to build here, in this order:
 * - `docker buildx` with a builder whose driver exports caches (docker-container, remote,
 *   kubernetes): the `buildx` commands, with `--cache-to`;
 * - `docker buildx` whose builder uses the `docker` driver (no cache export without the
 *   containerd image store): the `classic` commands (inline cache), run by that same client, where
 *   `docker build` is buildx;
 * - no buildx: a docker client older than 23, which still builds with BuildKit under
 *   DOCKER_BUILDKIT=1 (newer ones refuse without buildx); Debian's /usr/bin/docker is tried last.
 * SLIPWAY_DOCKER names the client; SLIPWAY_BUILDER=classic|buildx forces the kind.
 */
export async function detectBuilder(
  env: NodeJS.ProcessEnv = process.env,
  run: (cmd: string, argv: string[]) => Promise<ExecResult> = (cmd, argv) => exec(cmd, argv),
): Promise<Builder> {
  const docker = env.SLIPWAY_DOCKER || 'docker';
  const info = await run(docker, ['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}']).catch(
    () => undefined,
  );
  if (!info || info.code !== 0) {
    const why = (info?.stderr || `${docker} not found`).trim().split('\n').pop();
    throw new UserError(`the docker engine does not answer (${why}): start it (scripts/services.sh up)`);
  }
  const platform = info.stdout.trim();
  if (env.SLIPWAY_BUILDER !== 'classic') {
    const bx = await run(docker, ['buildx', 'inspect']).catch(() => undefined);
    if (bx?.code === 0) {
      const driver = /^Driver:\s*(\S+)/m.exec(bx.stdout)?.[1];
      if (driver !== 'docker' || env.SLIPWAY_BUILDER === 'buildx')
        return { kind: 'buildx', client: docker, platform };
      return { kind: 'classic', client: docker, platform };
    }
    if (env.SLIPWAY_BUILDER === 'buildx')
      throw new UserError('SLIPWAY_BUILDER=buildx but `docker buildx` does not work');
  }
  for (const client of [docker, '/usr/bin/docker']) {
    const v = await run(client, ['version', '--format', '{{.Client.Version}}']).catch(() => undefined);
    const major = Number(/^(\d+)\./.exec(v?.stdout.trim() ?? '')?.[1]);
    if (v?.code === 0 && major > 0 && major < 23) return { kind: 'classic', client, platform };
  }
  throw new UserError(
    'no docker client builds with BuildKit here: install docker buildx, or point SLIPWAY_DOCKER at a docker client older than 23',
  );
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * Puts an already pushed manifest under another tag through the registry API, as `crane tag`
 * does: one request instead of a `docker push` that checks every layer again. Only for
 * plain-HTTP registries on this machine (127.0.0.1, localhost), which need no credentials;
 * returns false when it does not apply or fails, and the caller pushes instead.
 */
export async function tagInLocalRegistry(ref: string, digest: string): Promise<boolean> {
  const m = /^((?:127\.0\.0\.1|localhost)(?::\d+)?)\/([^:@]+):([\w][\w.-]{0,127})$/.exec(ref);
  if (!m || !/^sha256:[0-9a-f]{64}$/.test(digest)) return false;
  const [, host, repo, tag] = m;
  try {
    const res = await fetch(`http://${host}/v2/${repo}/manifests/${digest}`, {
      headers: { accept: MANIFEST_TYPES },
    });
    const type = res.headers.get('content-type');
    if (!res.ok || !type) return false;
    const body = Buffer.from(await res.arrayBuffer());
    const put = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': type },
      body,
    });
    return put.status === 201 && put.headers.get('docker-content-digest') === digest;
  } catch {
    return false;
  }
}
