import { INDEX_TYPES, isDigest, type ChildRef, type ManifestInfo } from './model.js';

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
  annotations?: Record<string, unknown>;
}

interface RawManifest {
  mediaType?: unknown;
  schemaVersion?: unknown;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
  blobs?: Descriptor[];
  subject?: Descriptor;
  artifactType?: unknown;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/**
 * Parses a manifest body read from the registry. `contentType` is the response's Content-Type
 * (used when the body has no `mediaType`, as Docker v2 manifests sometimes do). Throws an Error
 * whose message says what is wrong when the body is not a manifest.
 */
export function parseManifest(digest: string, body: string, contentType?: string): ManifestInfo {
  let raw: RawManifest;
  try {
    raw = JSON.parse(body) as RawManifest;
  } catch {
    throw new Error(`manifest ${digest} is not JSON`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`manifest ${digest} is not an object`);
  const mediaType =
    typeof raw.mediaType === 'string' && raw.mediaType
      ? raw.mediaType
      : (contentType?.split(';')[0]?.trim() ??
        (Array.isArray(raw.manifests) ? [...INDEX_TYPES][0]! : 'unknown'));
  const children: ChildRef[] = [];
  const isIndex = INDEX_TYPES.has(mediaType) || (Array.isArray(raw.manifests) && !raw.config);
  if (isIndex) {
    for (const d of raw.manifests ?? []) {
      if (typeof d?.digest !== 'string' || !isDigest(d.digest)) continue;
      const child: ChildRef = {
        digest: d.digest,
        mediaType: typeof d.mediaType === 'string' ? d.mediaType : 'unknown',
        size: num(d.size),
      };
      const p = d.platform;
      if (p && typeof p.os === 'string' && typeof p.architecture === 'string') {
        child.platform = [p.os, p.architecture, typeof p.variant === 'string' ? p.variant : undefined]
          .filter(Boolean)
          .join('/');
      }
      if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') child.attestation = true;
      children.push(child);
    }
  }
  const bytes =
    Buffer.byteLength(body) +
    (isIndex
      ? 0
      : num(raw.config?.size) +
        [...(raw.layers ?? []), ...(raw.blobs ?? [])].reduce((s, l) => s + num(l?.size), 0));
  const info: ManifestInfo = { digest, mediaType, children, bytes };
  if (typeof raw.subject?.digest === 'string' && isDigest(raw.subject.digest))
    info.subject = raw.subject.digest;
  if (typeof raw.artifactType === 'string') info.artifactType = raw.artifactType;
  return info;
}
