/**
 * The data the retention core works on. A GHCR "package version" is one manifest digest with
 * 0..n tags; an *image* is a root version plus everything reachable from it (the platform
 * manifests of an index, attestation manifests, cosign-style `sha256-<digest>.sig|.att|.sbom`
 * tags and OCI 1.1 `subject` referrers). Rules are decided per image, never per version.
 */

/** One package version as the Packages REST API lists it. */
export interface VersionInfo {
  id: number;
  /** `sha256:<hex>` (the version's `name`). */
  digest: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** A child descriptor of an image index. */
export interface ChildRef {
  digest: string;
  mediaType: string;
  size: number;
  /** `os/arch[/variant]`, `unknown/unknown` for buildx attestation manifests. */
  platform?: string;
  /** Buildx attestation manifest (`vnd.docker.reference.type: attestation-manifest`). */
  attestation?: boolean;
}

/** What the graph needs from one manifest read from the registry. */
export interface ManifestInfo {
  digest: string;
  mediaType: string;
  /** Children of an index (empty for an image manifest). */
  children: ChildRef[];
  /** OCI 1.1 `subject` digest: this manifest is a referrer (signature, SBOM, attestation) of it. */
  subject?: string;
  artifactType?: string;
  /** Byte size of the manifest itself plus its config and layers, when it is an image manifest. */
  bytes: number;
}

/** The result of reading one version's manifest. */
export type ManifestRead =
  | { kind: 'ok'; manifest: ManifestInfo }
  /** The registry does not have it (a "ghost" version): nothing hangs off it. */
  | { kind: 'missing' }
  /** Not read on purpose (its role is known without reading it). */
  | { kind: 'skipped' }
  | { kind: 'error'; message: string };

export const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export const IMAGE_TYPES = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.artifact.manifest.v1+json',
]);

/** Accept header for manifest reads: every manifest kind the graph understands. */
export const MANIFEST_ACCEPT = [...INDEX_TYPES, ...IMAGE_TYPES].join(', ');

const DIGEST = /^sha256:[0-9a-f]{64}$/;
export function isDigest(s: string): boolean {
  return DIGEST.test(s);
}

/**
 * A cosign / attest-build-provenance style referrer tag: `sha256-<hex>` with an optional
 * suffix (`.sig`, `.att`, `.sbom`, ...). Returns the subject digest, or undefined.
 */
export function referrerTagSubject(tag: string): string | undefined {
  const m = /^sha256-([0-9a-f]{64})(?:\.[A-Za-z0-9_-]+)?$/.exec(tag);
  return m ? `sha256:${m[1]}` : undefined;
}
