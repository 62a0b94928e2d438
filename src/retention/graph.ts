import { referrerTagSubject, type ManifestRead, type VersionInfo } from './model.js';

/** How a version hangs in the package: a root image, a child of an index, or a referrer. */
export type Role = 'image' | 'child' | 'referrer';

export interface GraphNode {
  version: VersionInfo;
  read: ManifestRead;
  /** Tags that name the image (referrer tags like `sha256-<hex>.sig` excluded). */
  imageTags: string[];
  /** Digests of present versions this one holds: index children, then referrers. */
  edges: string[];
  /** Present versions that hold this one. */
  heldBy: string[];
  role: Role;
  /** A root: decided by the rules itself (tagged, or held by nothing that is present). */
  root: boolean;
  /** Subject digest when this is a referrer (tag schema or OCI 1.1 `subject`). */
  subject?: string;
  bytes?: number;
}

export interface ImageGraph {
  nodes: Map<string, GraphNode>;
  /** Root digests, in version order. */
  roots: string[];
}

/**
 * Builds the image graph of one package from its versions and the manifests read for them.
 * Edges: index -> platform/attestation children; subject -> referrer (cosign tag schema and OCI
 * 1.1 `subject`). A version held by another present version is not a root unless it carries an
 * image tag of its own; a child held by several indexes has several holders (reference counted
 * by reachability: it goes only when no kept image reaches it).
 */
export function buildGraph(versions: VersionInfo[], reads: Map<string, ManifestRead>): ImageGraph {
  const nodes = new Map<string, GraphNode>();
  for (const v of versions) {
    if (nodes.has(v.digest)) continue; // the API never lists a digest twice; be tolerant anyway
    const read = reads.get(v.digest) ?? { kind: 'skipped' };
    const imageTags = v.tags.filter((t) => referrerTagSubject(t) === undefined);
    let subject: string | undefined;
    for (const t of v.tags) subject ??= referrerTagSubject(t);
    if (read.kind === 'ok' && read.manifest.subject) subject ??= read.manifest.subject;
    const node: GraphNode = { version: v, read, imageTags, edges: [], heldBy: [], role: 'image', root: true };
    if (subject) node.subject = subject;
    if (read.kind === 'ok') node.bytes = read.manifest.bytes;
    nodes.set(v.digest, node);
  }
  const link = (from: GraphNode, to: GraphNode) => {
    if (from === to || from.edges.includes(to.version.digest)) return;
    from.edges.push(to.version.digest);
    to.heldBy.push(from.version.digest);
  };
  for (const node of nodes.values()) {
    if (node.read.kind === 'ok') {
      for (const c of node.read.manifest.children) {
        const child = nodes.get(c.digest);
        if (!child) continue;
        link(node, child);
        if (child.bytes === undefined && c.size) child.bytes = c.size;
        if (child.role === 'image') child.role = 'child';
      }
    }
    if (node.subject) {
      const subject = nodes.get(node.subject);
      if (subject) {
        link(subject, node);
        node.role = 'referrer';
      }
    }
  }
  const roots: string[] = [];
  for (const node of nodes.values()) {
    node.root = node.heldBy.length === 0 || node.imageTags.length > 0;
    if (node.root) roots.push(node.version.digest);
  }
  return { nodes, roots };
}

/** Every present digest reachable from `start` (itself included). */
export function closure(graph: ImageGraph, start: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start].filter((d) => graph.nodes.has(d));
  while (stack.length) {
    const d = stack.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    for (const e of graph.nodes.get(d)!.edges) if (!seen.has(e)) stack.push(e);
  }
  return seen;
}
