/**
 * A PackageStore for the GitHub fake whose versions live in a real registry (Registry HTTP API
 * v2), as on GHCR: a package `owner/name` is the repository `owner/name` (lower-cased); its
 * versions are the manifests in it, tags come from `tags/list`, deleting a version deletes the
 * manifest by digest (which also drops its tags), restoring re-PUTs the manifest bytes.
 *
 * The registry cannot enumerate untagged manifests, so the store discovers versions from the
 * tags (and, transitively, the children of every index it reads) plus whatever a test `track`s
 * (OCI 1.1 referrers pushed by digest, orphans). `track` also sets a version's `created_at`
 * (children inherit their index's) and download count.
 */
import type {
  PackageRecord,
  PackageStore,
  PackageVersionRecord,
  SeedPackage,
} from './github-fake/packages.js';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

interface Known {
  id: number;
  digest: string;
  createdAt: string;
  updatedAt: string;
  downloads: number;
  deletedAt?: string;
  /** Manifest bytes and media type, kept for restore. */
  body?: Buffer;
  contentType?: string;
  children?: string[];
}

interface Repo {
  record: PackageRecord;
  versions: Map<string, Known>;
  tags: Map<string, string>;
  scannedAt: number;
}

const key = (owner: string, name: string) => `${owner.toLowerCase()}\n${name}`;

export class RegistryPackageStore implements PackageStore {
  private readonly repos = new Map<string, Repo>();
  private nextPackageId = 5000;
  private nextVersionId = 700_000;
  /** Registry requests made by the store (not by the code under test). */
  registryRequests = 0;

  constructor(
    readonly baseUrl = 'http://127.0.0.1:5000',
    private readonly opts: { now?: () => number; cacheMs?: number } = {},
  ) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  static repository(owner: string, name: string): string {
    return `${owner}/${name}`.toLowerCase();
  }

  private async req(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<Response> {
    this.registryRequests++;
    return fetch(`${this.baseUrl}${path}`, { method, headers, body });
  }

  addPackage(seed: SeedPackage): PackageRecord {
    const k = key(seed.owner, seed.name);
    const existing = this.repos.get(k);
    if (existing) return existing.record;
    const at = seed.createdAt ?? new Date(this.now()).toISOString();
    const record: PackageRecord = {
      id: this.nextPackageId++,
      name: seed.name,
      owner: seed.owner,
      ownerType: seed.ownerType ?? 'Organization',
      packageType: 'container',
      visibility: seed.visibility ?? 'private',
      repository: seed.repository,
      createdAt: at,
      updatedAt: at,
    };
    this.repos.set(k, { record, versions: new Map(), tags: new Map(), scannedAt: 0 });
    return record;
  }

  /** Registers a pushed manifest (any digest, tagged or not) with its creation time and downloads. */
  track(
    owner: string,
    name: string,
    digest: string,
    opts: { createdAt?: string; downloads?: number } = {},
  ): number {
    const repo = this.repo(owner, name);
    const v = this.known(repo, digest, opts.createdAt);
    if (opts.createdAt) v.createdAt = v.updatedAt = opts.createdAt;
    if (opts.downloads !== undefined) v.downloads = opts.downloads;
    repo.scannedAt = 0;
    return v.id;
  }

  /** Forces the next read to rescan the registry (after pushing outside the store). */
  invalidate(): void {
    for (const r of this.repos.values()) r.scannedAt = 0;
  }

  private repo(owner: string, name: string): Repo {
    const r = this.repos.get(key(owner, name));
    if (!r) throw new Error(`RegistryPackageStore: addPackage(${owner}/${name}) first`);
    return r;
  }

  private known(repo: Repo, digest: string, createdAt?: string): Known {
    let v = repo.versions.get(digest);
    if (!v) {
      const at = createdAt ?? new Date(this.now()).toISOString();
      v = { id: this.nextVersionId++, digest, createdAt: at, updatedAt: at, downloads: 0 };
      repo.versions.set(digest, v);
    }
    return v;
  }

  /** Reads a manifest once (they are immutable) and records its children. */
  private async load(repo: Repo, v: Known): Promise<boolean> {
    if (v.body) return true;
    const path = RegistryPackageStore.repository(repo.record.owner, repo.record.name);
    const res = await this.req('GET', `/v2/${path}/manifests/${v.digest}`, { accept: ACCEPT });
    if (res.status === 404) {
      await res.body?.cancel();
      return false;
    }
    if (res.status !== 200) throw new Error(`registry store: GET ${path}@${v.digest}: HTTP ${res.status}`);
    v.body = Buffer.from(await res.arrayBuffer());
    v.contentType = res.headers.get('content-type') ?? 'application/vnd.oci.image.manifest.v1+json';
    const m = JSON.parse(v.body.toString('utf8')) as { manifests?: { digest: string }[] };
    v.children = (m.manifests ?? []).map((c) => c.digest);
    return true;
  }

  private async scan(repo: Repo): Promise<void> {
    if (this.now() - repo.scannedAt < (this.opts.cacheMs ?? 250) && repo.scannedAt) return;
    const path = RegistryPackageStore.repository(repo.record.owner, repo.record.name);
    const res = await this.req('GET', `/v2/${path}/tags/list?n=100000`);
    const tags = res.status === 200 ? (((await res.json()) as { tags?: string[] | null }).tags ?? []) : [];
    if (res.status !== 200) await res.body?.cancel();
    repo.tags.clear();
    for (const t of tags) {
      const head = await this.req('HEAD', `/v2/${path}/manifests/${t}`, { accept: ACCEPT });
      const d = head.headers.get('docker-content-digest');
      if (head.status === 200 && d) repo.tags.set(t, d);
    }
    // discover: tagged and tracked manifests, then the children of every index, transitively
    const queue = [...new Set([...repo.tags.values(), ...repo.versions.keys()])];
    for (let d = queue.shift(); d; d = queue.shift()) {
      const v = this.known(repo, d);
      if (v.deletedAt) continue;
      if (!(await this.load(repo, v))) {
        v.deletedAt ??= new Date(this.now()).toISOString(); // gone from the registry
        continue;
      }
      for (const c of v.children ?? []) {
        if (!repo.versions.has(c)) {
          this.known(repo, c, v.createdAt);
          queue.push(c);
        }
      }
    }
    repo.scannedAt = this.now();
  }

  private record(repo: Repo, v: Known): PackageVersionRecord {
    const tags = [...repo.tags]
      .filter(([, d]) => d === v.digest)
      .map(([t]) => t)
      .sort();
    const r: PackageVersionRecord = {
      id: v.id,
      name: v.digest,
      tags,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      downloads: v.downloads,
    };
    if (v.deletedAt) r.deletedAt = v.deletedAt;
    return r;
  }

  listPackages(owner: string): PackageRecord[] {
    return [...this.repos.values()]
      .map((r) => r.record)
      .filter((p) => p.owner.toLowerCase() === owner.toLowerCase());
  }

  getPackage(owner: string, name: string): PackageRecord | undefined {
    return this.repos.get(key(owner, name))?.record;
  }

  async listVersions(
    owner: string,
    name: string,
    state: 'active' | 'deleted',
  ): Promise<PackageVersionRecord[]> {
    const repo = this.repos.get(key(owner, name));
    if (!repo) return [];
    await this.scan(repo);
    return [...repo.versions.values()]
      .filter((v) => (state === 'active' ? !v.deletedAt : Boolean(v.deletedAt)))
      .map((v) => this.record(repo, v))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  }

  async getVersion(owner: string, name: string, id: number): Promise<PackageVersionRecord | undefined> {
    const repo = this.repos.get(key(owner, name));
    if (!repo) return undefined;
    await this.scan(repo);
    const v = [...repo.versions.values()].find((x) => x.id === id);
    return v ? this.record(repo, v) : undefined;
  }

  async deleteVersion(owner: string, name: string, id: number, at: string): Promise<void> {
    const repo = this.repo(owner, name);
    const v = [...repo.versions.values()].find((x) => x.id === id);
    if (!v || v.deletedAt) return;
    await this.load(repo, v);
    const path = RegistryPackageStore.repository(owner, name);
    const res = await this.req('DELETE', `/v2/${path}/manifests/${v.digest}`);
    await res.body?.cancel();
    if (res.status !== 202 && res.status !== 404)
      throw new Error(`registry store: DELETE ${path}@${v.digest}: HTTP ${res.status}`);
    v.deletedAt = at;
    for (const [t, d] of repo.tags) if (d === v.digest) repo.tags.delete(t);
  }

  async restoreVersion(owner: string, name: string, id: number, at: string): Promise<void> {
    const repo = this.repo(owner, name);
    const v = [...repo.versions.values()].find((x) => x.id === id);
    if (!v || !v.deletedAt || !v.body) return;
    const path = RegistryPackageStore.repository(owner, name);
    const res = await this.req(
      'PUT',
      `/v2/${path}/manifests/${v.digest}`,
      { 'content-type': v.contentType! },
      v.body,
    );
    await res.body?.cancel();
    if (res.status !== 201)
      throw new Error(`registry store: restore ${path}@${v.digest}: HTTP ${res.status}`);
    v.deletedAt = undefined;
    v.updatedAt = at;
    repo.scannedAt = 0;
  }
}
