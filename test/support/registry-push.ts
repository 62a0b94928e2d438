/**
 * Pushes real images to a Registry HTTP API v2 registry without Docker: blobs (monolithic
 * upload), image manifests, OCI image indexes with platform and buildx-style attestation
 * manifests, cosign-style `sha256-<digest>.sig|.att` tags, and OCI 1.1 referrers (`subject`).
 * `checkPull` then proves an image pulls for every platform: manifest, every child manifest,
 * config and layer blobs, all fetched and digest-checked.
 */
import { createHash } from 'node:crypto';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const ACCEPT = [
  OCI_INDEX,
  OCI_MANIFEST,
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface PushedImage {
  /** The tagged (or top) manifest: an index for multi-arch images. */
  digest: string;
  children: string[];
  /** Per-platform manifests (`linux/amd64` -> digest). */
  platforms: Record<string, string>;
  attestation?: string;
}

export const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export class RegistryPusher {
  /** Requests made, for tests that count. */
  requests = 0;
  constructor(readonly baseUrl = 'http://127.0.0.1:5000') {}

  private async req(
    method: string,
    path: string,
    init: { body?: Buffer | string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    this.requests++;
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const res = await fetch(url, { method, body: init.body, headers: init.headers });
    return res;
  }

  async blob(repo: string, content: Buffer | string): Promise<Descriptor> {
    const body = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const digest = sha256(body);
    const head = await this.req('HEAD', `/v2/${repo}/blobs/${digest}`);
    if (head.status === 200) return { mediaType: OCI_LAYER, digest, size: body.length };
    const start = await this.req('POST', `/v2/${repo}/blobs/uploads/`);
    if (start.status !== 202)
      throw new Error(`blob upload start: HTTP ${start.status} ${await start.text()}`);
    const loc = new URL(start.headers.get('location')!, this.baseUrl);
    loc.searchParams.set('digest', digest);
    const put = await this.req('PUT', loc.toString(), {
      body,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) },
    });
    if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${await put.text()}`);
    return { mediaType: OCI_LAYER, digest, size: body.length };
  }

  /** PUTs a manifest under a tag or its own digest; returns its descriptor. */
  async manifest(repo: string, manifest: object, reference?: string): Promise<Descriptor> {
    const body = Buffer.from(JSON.stringify(manifest));
    const digest = sha256(body);
    const mediaType = (manifest as { mediaType: string }).mediaType;
    const res = await this.req('PUT', `/v2/${repo}/manifests/${reference ?? digest}`, {
      body,
      headers: { 'content-type': mediaType },
    });
    if (res.status !== 201)
      throw new Error(`manifest PUT ${repo}:${reference ?? digest}: HTTP ${res.status} ${await res.text()}`);
    const got = res.headers.get('docker-content-digest');
    if (got && got !== digest) throw new Error(`registry computed ${got} for ${digest}`);
    return { mediaType, digest, size: body.length };
  }

  /** A single-platform image manifest with a config and one small layer, unique per `seed`. */
  async image(
    repo: string,
    seed: string,
    opts: { platform?: string; tag?: string; artifactType?: string; subject?: Descriptor } = {},
  ): Promise<Descriptor> {
    const [os = 'linux', architecture = 'amd64', variant] = (opts.platform ?? 'linux/amd64').split('/');
    const config = await this.blob(
      repo,
      JSON.stringify({
        architecture,
        os,
        ...(variant ? { variant } : {}),
        config: { Labels: { seed } },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
    );
    const layer = await this.blob(
      repo,
      `layer of ${seed} for ${opts.platform ?? 'linux/amd64'}\n`.repeat(16),
    );
    const manifest: Record<string, unknown> = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: OCI_CONFIG, digest: config.digest, size: config.size },
      layers: [{ mediaType: OCI_LAYER, digest: layer.digest, size: layer.size }],
    };
    if (opts.artifactType) manifest.artifactType = opts.artifactType;
    if (opts.subject)
      manifest.subject = {
        mediaType: opts.subject.mediaType,
        digest: opts.subject.digest,
        size: opts.subject.size,
      };
    const d = await this.manifest(repo, manifest, opts.tag);
    return { ...d, platform: { os, architecture, ...(variant ? { variant } : {}) } };
  }

  /**
   * A multi-arch image: one manifest per platform, a buildx-style attestation manifest
   * (`unknown/unknown`) unless `attest: false`, and the index under `tag` (or by digest).
   * `reuse` gives platform descriptors to share with another index.
   */
  async multiArch(
    repo: string,
    seed: string,
    opts: { tag?: string; platforms?: string[]; attest?: boolean; reuse?: Record<string, Descriptor> } = {},
  ): Promise<PushedImage & { descriptors: Record<string, Descriptor>; index: Descriptor }> {
    const platforms = opts.platforms ?? ['linux/amd64', 'linux/arm64'];
    const descriptors: Record<string, Descriptor> = {};
    for (const p of platforms)
      descriptors[p] = opts.reuse?.[p] ?? (await this.image(repo, `${seed}-${p}`, { platform: p }));
    const manifests: Descriptor[] = platforms.map((p) => descriptors[p]!);
    let attestation: string | undefined;
    if (opts.attest !== false) {
      const att = await this.image(repo, `${seed}-attestation`, { platform: 'unknown/unknown' });
      attestation = att.digest;
      manifests.push({
        mediaType: OCI_MANIFEST,
        digest: att.digest,
        size: att.size,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': manifests[0]!.digest,
        },
      });
    }
    const index = await this.manifest(repo, { schemaVersion: 2, mediaType: OCI_INDEX, manifests }, opts.tag);
    const out = {
      digest: index.digest,
      index,
      children: manifests.map((m) => m.digest),
      platforms: Object.fromEntries(platforms.map((p) => [p, descriptors[p]!.digest])),
      descriptors,
    };
    return attestation ? { ...out, attestation } : out;
  }

  /** Re-PUTs the manifest of `digest` under `tag`. */
  async tag(repo: string, digest: string, tag: string): Promise<void> {
    const res = await this.req('GET', `/v2/${repo}/manifests/${digest}`, { headers: { accept: ACCEPT } });
    if (res.status !== 200) throw new Error(`tag: cannot read ${repo}@${digest}: HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const put = await this.req('PUT', `/v2/${repo}/manifests/${tag}`, {
      body,
      headers: { 'content-type': res.headers.get('content-type')! },
    });
    if (put.status !== 201) throw new Error(`tag PUT: HTTP ${put.status}`);
  }

  /** A cosign-style signature (`.sig`) or attestation (`.att`) under the tag schema. */
  async cosign(repo: string, subject: string, kind: 'sig' | 'att' | 'sbom' = 'sig'): Promise<Descriptor> {
    return this.image(repo, `cosign-${kind}-${subject}`, { tag: `sha256-${subject.slice(7)}.${kind}` });
  }

  /** An OCI 1.1 referrer (e.g. a sigstore bundle) with `subject`, pushed by digest (untagged). */
  async referrer(
    repo: string,
    subject: Descriptor,
    artifactType = 'application/vnd.dev.sigstore.bundle.v0.3+json',
  ): Promise<Descriptor> {
    return this.image(repo, `referrer-${artifactType}-${subject.digest}`, { subject, artifactType });
  }

  async tags(repo: string): Promise<string[]> {
    const res = await this.req('GET', `/v2/${repo}/tags/list?n=10000`);
    if (res.status === 404) return [];
    const body = (await res.json()) as { tags?: string[] | null };
    return body.tags ?? [];
  }

  /** Digest a reference resolves to, or undefined when the registry does not have it. */
  async resolve(repo: string, reference: string): Promise<string | undefined> {
    const res = await this.req('HEAD', `/v2/${repo}/manifests/${reference}`, { headers: { accept: ACCEPT } });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`HEAD ${repo}:${reference}: HTTP ${res.status}`);
    return res.headers.get('docker-content-digest') ?? undefined;
  }

  /**
   * Pulls `reference` like a client would, for every platform: the manifest, each child
   * manifest, and every config and layer blob, checking digests. Returns the problems found
   * (empty when the image pulls), and the digests it walked.
   */
  async checkPull(repo: string, reference: string): Promise<{ problems: string[]; digests: string[] }> {
    const problems: string[] = [];
    const digests: string[] = [];
    const fetchManifest = async (ref: string): Promise<Record<string, unknown> | undefined> => {
      const res = await this.req('GET', `/v2/${repo}/manifests/${ref}`, { headers: { accept: ACCEPT } });
      if (res.status !== 200) {
        problems.push(`${repo}@${ref}: manifest HTTP ${res.status}`);
        return undefined;
      }
      const body = Buffer.from(await res.arrayBuffer());
      const d = sha256(body);
      if (ref.startsWith('sha256:') && d !== ref) problems.push(`${repo}@${ref}: digest mismatch ${d}`);
      digests.push(d);
      return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    };
    const checkImage = async (m: Record<string, unknown>, where: string) => {
      const blobs = [m.config as Descriptor, ...((m.layers as Descriptor[]) ?? [])].filter(Boolean);
      for (const b of blobs) {
        const res = await this.req('GET', `/v2/${repo}/blobs/${b.digest}`);
        if (res.status !== 200) {
          problems.push(`${where}: blob ${b.digest} HTTP ${res.status}`);
          continue;
        }
        const body = Buffer.from(await res.arrayBuffer());
        if (sha256(body) !== b.digest) problems.push(`${where}: blob ${b.digest} content mismatch`);
      }
    };
    const top = await fetchManifest(reference);
    if (!top) return { problems, digests };
    if (Array.isArray(top.manifests)) {
      for (const c of top.manifests as Descriptor[]) {
        const child = await fetchManifest(c.digest);
        if (child)
          await checkImage(
            child,
            `${repo}@${c.digest} (${c.platform ? `${c.platform.os}/${c.platform.architecture}` : '?'})`,
          );
      }
    } else {
      await checkImage(top, `${repo}:${reference}`);
    }
    return { problems, digests };
  }
}
