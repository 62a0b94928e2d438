/**
 * A small client for the OCI Distribution (Registry HTTP API v2) reads the retention action
 * needs: manifests by digest. ghcr.io (and any registry answering 401 with a Bearer challenge)
 * gets the standard token exchange with the GitHub token as the basic-auth password; a
 * registry given as `http://host:port` is spoken to in plain HTTP. Transient failures (5xx,
 * 429, connection resets) are retried with backoff, honouring `retry-after`.
 */
import { createHash } from 'node:crypto';
import { parseManifest } from '../retention/manifest.js';
import { MANIFEST_ACCEPT, type ManifestRead } from '../retention/model.js';

export interface RegistryOptions {
  /** `ghcr.io`, `registry.example.com:5000` (https) or a URL with scheme (`http://127.0.0.1:5000`). */
  registry: string;
  /** Password for the token exchange (the GitHub token for ghcr.io). */
  token?: string;
  username?: string;
  retries?: number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** Backoff base in ms (tests shorten it). */
  backoffMs?: number;
}

/** The registry's base URL and the host name images are named by (`ghcr.io`, `127.0.0.1:5000`). */
export function registryEndpoint(registry: string): { baseUrl: string; host: string } {
  const r = registry.trim().replace(/\/+$/, '');
  if (!r) throw new Error('registry is empty');
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(r) ? r : `https://${r}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`registry URL must be http or https: ${registry}`);
  return { baseUrl: `${url.protocol}//${url.host}`, host: url.host };
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface Challenge {
  realm: string;
  service?: string;
  scope?: string;
}

function parseChallenge(header: string | null): Challenge | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-z_]+)="([^"]*)"/gi)) params[m[1]!.toLowerCase()] = m[2]!;
  if (!params.realm) return undefined;
  const c: Challenge = { realm: params.realm };
  if (params.service) c.service = params.service;
  if (params.scope) c.scope = params.scope;
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RegistryClient {
  readonly baseUrl: string;
  readonly host: string;
  /** Manifest GETs sent (each one counts as a download on GHCR). */
  manifestRequests = 0;
  private readonly tokens = new Map<string, string>();
  private readonly fetchFn: typeof fetch;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly log: (m: string) => void;

  constructor(private readonly opts: RegistryOptions) {
    const ep = registryEndpoint(opts.registry);
    this.baseUrl = ep.baseUrl;
    this.host = ep.host;
    this.fetchFn = opts.fetch ?? fetch;
    this.retries = opts.retries ?? 4;
    this.backoffMs = opts.backoffMs ?? 500;
    this.log = opts.log ?? (() => {});
  }

  /** Registry repositories are lower-case (`Octo-Org/API` is stored as `octo-org/api`). */
  static repository(owner: string, name: string): string {
    return `${owner}/${name}`.toLowerCase();
  }

  private async send(url: string, init: RequestInit, what: string): Promise<Response> {
    let lastError = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1));
      let res: Response;
      try {
        res = await this.fetchFn(url, init);
      } catch (e) {
        lastError =
          e instanceof Error
            ? `${e.message}${e.cause ? ` (${String((e.cause as Error).message ?? e.cause)})` : ''}`
            : String(e);
        this.log(`registry: ${what} failed (${lastError}); retrying`);
        continue;
      }
      if (res.status >= 500 || res.status === 429) {
        lastError = `HTTP ${res.status}`;
        await res.body?.cancel();
        const after = Number(res.headers.get('retry-after'));
        if (after > 0) await sleep(Math.min(after, 60) * 1000);
        this.log(`registry: ${what} answered ${res.status}; retrying`);
        continue;
      }
      return res;
    }
    throw new RegistryError(`${what}: ${lastError} after ${this.retries + 1} attempts`);
  }

  private async bearer(challenge: Challenge, repository: string): Promise<string> {
    const scope = challenge.scope ?? `repository:${repository}:pull`;
    const key = `${challenge.realm} ${challenge.service ?? ''} ${scope}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    if (this.opts.token) {
      headers.authorization = `Basic ${Buffer.from(`${this.opts.username ?? 'slipway'}:${this.opts.token}`).toString('base64')}`;
    }
    const res = await this.send(url.toString(), { headers }, `token for ${repository}`);
    if (!res.ok) {
      await res.body?.cancel();
      throw new RegistryError(
        `registry ${this.host} refused a pull token for ${repository} (HTTP ${res.status}); the token needs read access to the package (packages: read)`,
        res.status,
      );
    }
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`registry ${this.host} sent no token for ${repository}`);
    this.tokens.set(key, token);
    return token;
  }

  /** GETs a manifest (by digest or tag) with the token dance when the registry asks for it. */
  async fetchManifest(repository: string, reference: string): Promise<Response> {
    const url = `${this.baseUrl}/v2/${repository}/manifests/${reference}`;
    const headers: Record<string, string> = { accept: MANIFEST_ACCEPT };
    const what = `GET ${repository}@${reference}`;
    this.manifestRequests++;
    let res = await this.send(url, { headers }, what);
    if (res.status === 401) {
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      await res.body?.cancel();
      if (!challenge)
        throw new RegistryError(
          `registry ${this.host} wants credentials for ${repository} but sent no Bearer challenge`,
          401,
        );
      headers.authorization = `Bearer ${await this.bearer(challenge, repository)}`;
      res = await this.send(url, { headers }, what);
    }
    return res;
  }

  /**
   * Reads one manifest by digest for the retention graph. 404 is `missing` (a version the
   * registry no longer has); a body whose digest does not match is an error (never trusted).
   */
  async readManifest(repository: string, digest: string): Promise<ManifestRead> {
    let res: Response;
    try {
      res = await this.fetchManifest(repository, digest);
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return { kind: 'missing' };
    }
    if (!res.ok) {
      await res.body?.cancel();
      const hint =
        res.status === 401 || res.status === 403 ? ' (the token needs read access to the package)' : '';
      return { kind: 'error', message: `HTTP ${res.status} reading ${repository}@${digest}${hint}` };
    }
    const body = Buffer.from(await res.arrayBuffer());
    const actual = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (digest.startsWith('sha256:') && actual !== digest) {
      return { kind: 'error', message: `manifest ${repository}@${digest} has digest ${actual}` };
    }
    try {
      return {
        kind: 'ok',
        manifest: parseManifest(digest, body.toString('utf8'), res.headers.get('content-type') ?? undefined),
      };
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
}
