import { createHash } from 'node:crypto';
import type { ManifestInfo, ManifestRead, VersionInfo } from '../../../src/retention/model.js';

export const dg = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
export const sigTag = (digest: string, suffix = 'sig') => `sha256-${digest.slice(7)}.${suffix}`;

export const NOW = new Date('2026-11-22T00:00:00Z');
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

/** A small package builder: versions plus the manifests the registry would return. */
export class Pkg {
  versions: VersionInfo[] = [];
  reads = new Map<string, ManifestRead>();
  private nextId = 1000;

  version(name: string, tags: string[], age: number, manifest?: Partial<ManifestInfo>): string {
    const digest = dg(name);
    this.versions.push({ id: this.nextId++, digest, tags, createdAt: daysAgo(age), updatedAt: daysAgo(age) });
    this.reads.set(digest, {
      kind: 'ok',
      manifest: {
        digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        children: [],
        bytes: 1000,
        ...manifest,
      },
    });
    return digest;
  }

  /** A multi-arch image: index (tagged) + amd64 + arm64 + an attestation manifest. */
  multiArch(name: string, tags: string[], age: number, opts: { shared?: string[]; attest?: boolean } = {}) {
    const amd = opts.shared?.[0] ?? this.version(`${name}-amd64`, [], age);
    const arm = opts.shared?.[1] ?? this.version(`${name}-arm64`, [], age);
    const children = [
      {
        digest: amd,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 500,
        platform: 'linux/amd64',
      },
      {
        digest: arm,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 500,
        platform: 'linux/arm64',
      },
    ];
    let att: string | undefined;
    if (opts.attest !== false) {
      att = this.version(`${name}-att`, [], age);
      children.push({
        digest: att,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: 300,
        platform: 'unknown/unknown',
        attestation: true,
      } as never);
    }
    const index = this.version(name, tags, age, {
      mediaType: 'application/vnd.oci.image.index.v1+json',
      children,
      bytes: 800,
    });
    return { index, amd, arm, att };
  }

  byDigest(d: string): VersionInfo {
    return this.versions.find((v) => v.digest === d)!;
  }
}
