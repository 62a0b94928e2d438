/**
 * Package storage behind the fake's `/orgs|users|user/.../packages` endpoints. The fake keeps the
 * rules GitHub enforces (last version, downloads, permissions) and asks a `PackageStore` for the
 * data, so a store backed by a real registry (versions = manifests, delete = delete the manifest by
 * digest) can replace the in-memory default without touching the HTTP side.
 */

export type PackageVisibility = 'public' | 'private' | 'internal';

export interface PackageRecord {
  id: number;
  /** May contain `/` (e.g. `app/api`); the API path carries it URL-encoded (`app%2Fapi`). */
  name: string;
  owner: string;
  ownerType: 'Organization' | 'User';
  packageType: 'container';
  visibility: PackageVisibility;
  /** `owner/repo` the package is linked to, if any. */
  repository?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PackageVersionRecord {
  id: number;
  /** The manifest digest (`sha256:...`). */
  name: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  /** Set when the version is deleted (restorable); deleted versions list under `state=deleted`. */
  deletedAt?: string;
  /** Download count: public versions above 5,000 cannot be deleted. */
  downloads?: number;
}

/** What the fake needs from a package backend. All methods may be async (a registry is). */
export interface PackageStore {
  listPackages(owner: string): Promise<PackageRecord[]> | PackageRecord[];
  getPackage(owner: string, name: string): Promise<PackageRecord | undefined> | PackageRecord | undefined;
  /** Versions in the given state, newest first (the order GitHub lists them). */
  listVersions(
    owner: string,
    name: string,
    state: 'active' | 'deleted',
  ): Promise<PackageVersionRecord[]> | PackageVersionRecord[];
  /** A version in any state. */
  getVersion(
    owner: string,
    name: string,
    id: number,
  ): Promise<PackageVersionRecord | undefined> | PackageVersionRecord | undefined;
  deleteVersion(owner: string, name: string, id: number, at: string): Promise<void> | void;
  restoreVersion(owner: string, name: string, id: number, at: string): Promise<void> | void;
}

export interface SeedPackage {
  owner: string;
  name: string;
  ownerType?: 'Organization' | 'User';
  visibility?: PackageVisibility;
  repository?: string;
  createdAt?: string;
}

export interface SeedVersion {
  /** Digest; generated from the id when omitted. */
  name?: string;
  tags?: string[];
  createdAt?: string;
  updatedAt?: string;
  downloads?: number;
  deleted?: boolean;
}

const key = (owner: string, name: string) => `${owner.toLowerCase()}\n${name}`;

/** The default store: everything in memory, ids allocated from a counter. */
export class InMemoryPackageStore implements PackageStore {
  private readonly packages = new Map<string, PackageRecord>();
  private readonly versions = new Map<string, PackageVersionRecord[]>();
  private nextPackageId = 1000;
  private nextVersionId = 100_000;
  private readonly unsorted = new Set<string>();
  private readonly byId = new Map<number, { k: string; v: PackageVersionRecord }>();

  addPackage(seed: SeedPackage): PackageRecord {
    const existing = this.packages.get(key(seed.owner, seed.name));
    if (existing) return existing;
    const at = seed.createdAt ?? new Date().toISOString();
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
    this.packages.set(key(seed.owner, seed.name), record);
    this.versions.set(key(seed.owner, seed.name), []);
    return record;
  }

  addVersion(owner: string, name: string, seed: SeedVersion): PackageVersionRecord {
    const list = this.versions.get(key(owner, name));
    if (!list) throw new Error(`seed the package ${owner}/${name} before its versions`);
    const id = this.nextVersionId++;
    const createdAt = seed.createdAt ?? new Date().toISOString();
    const version: PackageVersionRecord = {
      id,
      name: seed.name ?? `sha256:${id.toString(16).padStart(64, '0')}`,
      tags: [...(seed.tags ?? [])],
      createdAt,
      updatedAt: seed.updatedAt ?? createdAt,
      downloads: seed.downloads ?? 0,
      deletedAt: seed.deleted ? createdAt : undefined,
    };
    list.push(version);
    this.unsorted.add(key(owner, name));
    this.byId.set(id, { k: key(owner, name), v: version });
    return version;
  }

  listPackages(owner: string): PackageRecord[] {
    return [...this.packages.values()].filter((p) => p.owner.toLowerCase() === owner.toLowerCase());
  }

  getPackage(owner: string, name: string): PackageRecord | undefined {
    return this.packages.get(key(owner, name));
  }

  listVersions(owner: string, name: string, state: 'active' | 'deleted'): PackageVersionRecord[] {
    const k = key(owner, name);
    const list = this.versions.get(k) ?? [];
    // Kept sorted newest first between additions: 20,000-version packages list and delete fast.
    if (this.unsorted.delete(k)) list.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    return list.filter((v) => (state === 'active' ? !v.deletedAt : Boolean(v.deletedAt)));
  }

  getVersion(owner: string, name: string, id: number): PackageVersionRecord | undefined {
    const hit = this.byId.get(id);
    return hit && hit.k === key(owner, name) ? hit.v : undefined;
  }

  deleteVersion(owner: string, name: string, id: number, at: string): void {
    const v = this.getVersion(owner, name, id);
    if (v) v.deletedAt = at;
  }

  restoreVersion(owner: string, name: string, id: number, at: string): void {
    const v = this.getVersion(owner, name, id);
    if (v) {
      v.deletedAt = undefined;
      v.updatedAt = at;
    }
  }
}
