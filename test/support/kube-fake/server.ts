/**
 * A small, stateful Kubernetes API server for tests: the real `kubectl` talks to it over HTTP on
 * 127.0.0.1 through a kubeconfig written to a temp file.
 *
 * What it serves:
 * - discovery: /version, /api, /api/v1, /apis, /apis/apps/v1, /apis/discovery.k8s.io/v1 (legacy
 *   discovery; the aggregated form is not offered, so kubectl falls back to it). /openapi/* is
 *   404, so kubectl skips client-side schema checks.
 * - objects: Pods, Services, ConfigMaps (core/v1), Deployments (apps/v1), EndpointSlices
 *   (discovery.k8s.io/v1), namespaced. get (list with labelSelector / one), create, replace (PUT),
 *   patch (merge, strategic-merge treated as merge, json-patch add/replace/remove, server-side
 *   apply), delete. A resourceVersion given in a PUT or a patch body is a precondition: a stale
 *   one is answered with 409 Conflict, as a cluster does.
 *
 * What it simulates, after every write and before every read:
 * - a Deployment owns `replicas` Pods from its template (labels + pod-template-hash); a template
 *   change replaces them. A Pod becomes Ready `readyAfterMs` after creation, except when its
 *   image tag is `broken` (never Ready) or the test overrides readiness (`setReady`).
 * - Deployment status (observedGeneration, replicas, updated/ready/available, conditions).
 * - one EndpointSlice per Service with a selector, listing the matching Pods and their readiness.
 *
 * Test hooks: `requests` (method + path + content type, in order), `setReady`, `object`, `list`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ResourceType {
  group: string; // '' for core
  version: string;
  resource: string; // plural
  kind: string;
  shortNames?: string[];
  singular: string;
}

const TYPES: ResourceType[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', shortNames: ['po'] },
  {
    group: '',
    version: 'v1',
    resource: 'services',
    kind: 'Service',
    singular: 'service',
    shortNames: ['svc'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    singular: 'configmap',
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    singular: 'namespace',
    shortNames: ['ns'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    singular: 'deployment',
    shortNames: ['deploy'],
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    resource: 'endpointslices',
    kind: 'EndpointSlice',
    singular: 'endpointslice',
  },
];

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface KubeFakeOptions {
  /** Namespace written into the kubeconfig's context (default `default`). */
  namespace?: string;
  /** How long after creation a Pod becomes Ready (default 0: at once). */
  readyAfterMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string;
  body?: Obj;
}

export interface KubeFake {
  url: string;
  kubeconfig: string;
  namespace: string;
  requests: RecordedRequest[];
  /** Overrides readiness of Pods whose labels match `selector` (existing and future ones). */
  setReady(selector: Record<string, string>, ready: boolean | undefined): void;
  object(resource: string, name: string, namespace?: string): Obj | undefined;
  list(resource: string, namespace?: string): Obj[];
  /** Makes the next `count` requests matching method and path substring fail with `code`. */
  failNext(method: string, pathPart: string, code: number, count?: number): void;
  close(): Promise<void>;
}

const typeKey = (t: ResourceType) => `${t.group}/${t.resource}`;
const apiVersionOf = (t: ResourceType) => (t.group ? `${t.group}/${t.version}` : t.version);

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function isPlain(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386 merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlain(patch)) return clone(patch);
  const out: Obj = isPlain(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function matchesSelector(labels: Obj | undefined, selector: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** labelSelector query: `a=b,c!=d,e` (equality, inequality, existence). */
function matchesLabelQuery(labels: Obj | undefined, query: string | null): boolean {
  if (!query) return true;
  return query.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    const ne = t.indexOf('!=');
    if (ne !== -1) return labels?.[t.slice(0, ne)] !== t.slice(ne + 2);
    const eq = t.indexOf('=');
    if (eq !== -1) return labels?.[t.slice(0, eq).replace(/=$/, '')] === t.slice(eq + 1).replace(/^=/, '');
    if (t.startsWith('!')) return labels?.[t.slice(1)] === undefined;
    return labels?.[t] !== undefined;
  });
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Obj,
  ) {
    super(message);
  }
}

export async function startKubeFake(options: KubeFakeOptions = {}): Promise<KubeFake> {
  const namespace = options.namespace ?? 'default';
  const readyAfterMs = options.readyAfterMs ?? 0;
  // key: `${group}/${resource}` -> `${ns}/${name}` -> object
  const store = new Map<string, Map<string, Obj>>();
  for (const t of TYPES) store.set(typeKey(t), new Map());
  let rv = 100;
  let podSeq = 0;
  const readiness: { selector: Record<string, string>; ready: boolean }[] = [];
  const requests: RecordedRequest[] = [];
  const faults: { method: string; pathPart: string; code: number; count: number }[] = [];

  const bucket = (t: ResourceType) => store.get(typeKey(t))!;
  const typeOf = (resource: string) => TYPES.find((t) => t.resource === resource || t.singular === resource);

  function stamp(t: ResourceType, obj: Obj, ns: string | undefined): Obj {
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    obj.metadata ??= {};
    if (ns !== undefined) obj.metadata.namespace = ns;
    obj.metadata.resourceVersion = String(++rv);
    return obj;
  }

  function put(t: ResourceType, ns: string, obj: Obj): Obj {
    const b = bucket(t);
    const key = `${ns}/${obj.metadata.name}`;
    const old = b.get(key);
    if (!old) {
      obj.metadata.uid ??= `uid-${t.resource}-${++rv}`;
      obj.metadata.creationTimestamp ??= new Date().toISOString();
      obj.metadata.generation = 1;
    } else {
      obj.metadata.uid = old.metadata.uid;
      obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
      const specChanged = JSON.stringify(old.spec) !== JSON.stringify(obj.spec);
      obj.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
      if (t.kind !== 'Pod' && t.kind !== 'EndpointSlice' && obj.status === undefined) obj.status = old.status;
    }
    stamp(t, obj, ns);
    b.set(key, obj);
    return obj;
  }

  function podReady(pod: Obj): boolean {
    const image: string = pod.spec?.containers?.[0]?.image ?? '';
    let ready =
      !/:broken$/.test(image) && Date.now() - Date.parse(pod.metadata.creationTimestamp) >= readyAfterMs;
    for (const r of readiness) if (matchesSelector(pod.metadata.labels, r.selector)) ready = r.ready;
    return ready;
  }

  function reconcile(): void {
    const pods = bucket(typeOf('pods')!);
    const deployments = bucket(typeOf('deployments')!);
    // Deployments -> Pods
    for (const [key, d] of deployments) {
      const ns = key.split('/')[0]!;
      const hash = createHash('sha256')
        .update(JSON.stringify(d.spec?.template ?? {}))
        .digest('hex')
        .slice(0, 10);
      const replicas: number = d.spec?.replicas ?? 1;
      const owned = [...pods.values()].filter(
        (p) => p.metadata.namespace === ns && p.metadata.ownerReferences?.[0]?.uid === d.metadata.uid,
      );
      for (const p of owned) {
        if (p.metadata.labels?.['pod-template-hash'] !== hash) pods.delete(`${ns}/${p.metadata.name}`);
      }
      const current = owned.filter((p) => p.metadata.labels?.['pod-template-hash'] === hash);
      while (current.length > replicas) {
        const p = current.pop()!;
        pods.delete(`${ns}/${p.metadata.name}`);
      }
      while (current.length < replicas) {
        const name = `${d.metadata.name}-${hash}-${(++podSeq).toString(36).padStart(5, '0')}`;
        const pod: Obj = {
          metadata: {
            name,
            labels: { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: `${d.metadata.name}-${hash}`,
                uid: d.metadata.uid,
              },
            ],
          },
          spec: clone(d.spec?.template?.spec ?? {}),
          status: {},
        };
        current.push(put(typeOf('pods')!, ns, pod));
      }
    }
    // Pod status
    let ip = 10;
    for (const p of [...pods.values()].sort((a, b) =>
      String(a.metadata.name).localeCompare(b.metadata.name),
    )) {
      const ready = podReady(p);
      const want = {
        phase: 'Running',
        podIP: p.status?.podIP ?? `10.1.0.${ip++}`,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: (p.spec?.containers ?? []).map((c: Obj) => ({
          name: c.name,
          image: c.image,
          ready,
          restartCount: 0,
        })),
      };
      if (JSON.stringify(p.status) !== JSON.stringify(want)) {
        p.status = want;
        p.metadata.resourceVersion = String(++rv);
      }
    }
    // Deployment status
    for (const [key, d] of deployments) {
      const ns = key.split('/')[0]!;
      const hash = createHash('sha256')
        .update(JSON.stringify(d.spec?.template ?? {}))
        .digest('hex')
        .slice(0, 10);
      const owned = [...pods.values()].filter(
        (p) => p.metadata.namespace === ns && p.metadata.ownerReferences?.[0]?.uid === d.metadata.uid,
      );
      const updated = owned.filter((p) => p.metadata.labels?.['pod-template-hash'] === hash);
      const ready = owned.filter((p) => podReady(p)).length;
      const replicas = d.spec?.replicas ?? 1;
      const want = {
        observedGeneration: d.metadata.generation,
        replicas: owned.length,
        updatedReplicas: updated.length,
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: Math.max(0, replicas - ready),
        conditions: [
          {
            type: 'Available',
            status: ready >= replicas ? 'True' : 'False',
            reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: ready >= replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          },
        ],
      };
      if (JSON.stringify(d.status) !== JSON.stringify(want)) {
        d.status = want;
        d.metadata.resourceVersion = String(++rv);
      }
    }
    // Services -> EndpointSlices
    const slices = bucket(typeOf('endpointslices')!);
    const services = bucket(typeOf('services')!);
    for (const [key, s] of slices) {
      const svc = s.metadata.labels?.['kubernetes.io/service-name'];
      if (
        s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'kube-fake' &&
        !services.has(`${s.metadata.namespace}/${svc}`)
      )
        slices.delete(key);
    }
    for (const [key, svc] of services) {
      const ns = key.split('/')[0]!;
      if (!svc.spec?.selector) continue;
      const endpoints = [...pods.values()]
        .filter((p) => p.metadata.namespace === ns && matchesSelector(p.metadata.labels, svc.spec.selector))
        .map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: podReady(p), serving: podReady(p), terminating: false },
          targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
        }));
      const name = `${svc.metadata.name}-fake`;
      const want: Obj = {
        metadata: {
          name,
          labels: {
            'kubernetes.io/service-name': svc.metadata.name,
            'endpointslice.kubernetes.io/managed-by': 'kube-fake',
          },
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid },
          ],
        },
        addressType: 'IPv4',
        endpoints,
        ports: (svc.spec.ports ?? []).map((p: Obj) => ({
          name: p.name ?? '',
          port: p.targetPort ?? p.port,
          protocol: p.protocol ?? 'TCP',
        })),
      };
      const old = slices.get(`${ns}/${name}`);
      if (
        !old ||
        JSON.stringify(old.endpoints) !== JSON.stringify(want.endpoints) ||
        JSON.stringify(old.ports) !== JSON.stringify(want.ports)
      )
        put(typeOf('endpointslices')!, ns, want);
    }
  }

  function statusBody(code: number, reason: string, message: string, details?: Obj): Obj {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: code < 400 ? 'Success' : 'Failure',
      message,
      reason,
      details,
      code,
    };
  }

  function discovery(path: string): Obj | undefined {
    if (path === '/version')
      return {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.0-kube-fake',
        platform: 'linux/amd64',
        goVersion: 'go1.23',
      };
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    if (path === '/apis') {
      const groups = [...new Set(TYPES.filter((t) => t.group).map((t) => t.group))];
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((g) => {
          const v = { groupVersion: `${g}/v1`, version: 'v1' };
          return { name: g, versions: [v], preferredVersion: v };
        }),
      };
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/(v1))$/.exec(path);
    if (m) {
      const group = m[2] ?? '';
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/v1` : 'v1',
        resources: TYPES.filter((t) => t.group === group).map((t) => ({
          name: t.resource,
          singularName: t.singular,
          namespaced: t.kind !== 'Namespace',
          kind: t.kind,
          verbs: VERBS,
          shortNames: t.shortNames,
        })),
      };
    }
    return undefined;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function checkVersion(given: unknown, current: Obj, t: ResourceType, name: string) {
    if (given !== undefined && given !== '' && String(given) !== current.metadata.resourceVersion)
      throw new HttpError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${t.resource}${t.group ? '.' + t.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, group: t.group, kind: t.resource },
      );
  }

  function applyJsonPatch(doc: Obj, ops: Obj[]): Obj {
    const out = clone(doc);
    for (const op of ops) {
      const parts = String(op.path)
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      const last = parts.pop()!;
      let node: Obj = out;
      for (const p of parts) {
        if (op.op !== 'remove' && node[p] === undefined) node[p] = {};
        node = node[p];
        if (node === undefined) throw new HttpError(422, 'Invalid', `json patch path ${op.path} not found`);
      }
      if (op.op === 'remove') {
        if (op.path === '/metadata/resourceVersion') continue;
        if (Array.isArray(node)) node.splice(Number(last), 1);
        else delete node[last];
      } else if (op.op === 'add' || op.op === 'replace') {
        if (Array.isArray(node) && last === '-') node.push(op.value);
        else (node as Obj)[last] = op.value;
      } else if (op.op === 'test') {
        if (JSON.stringify(node[last]) !== JSON.stringify(op.value))
          throw new HttpError(422, 'Invalid', `json patch test failed at ${op.path}`);
      } else throw new HttpError(422, 'Invalid', `json patch op ${op.op} is not supported by the fake`);
    }
    return out;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/\/$/, '') || '/';
    const method = req.method ?? 'GET';
    const contentType = String(req.headers['content-type'] ?? '');
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    let body: Obj | undefined;
    if (raw) {
      try {
        body = contentType.includes('yaml') ? (parseYaml(raw) as Obj) : (JSON.parse(raw) as Obj);
      } catch {
        throw new HttpError(400, 'BadRequest', 'request body is not valid JSON/YAML');
      }
    }
    requests.push({ method, path: url.pathname + url.search, contentType, body });
    const fault = faults.find((f) => f.method === method && path.includes(f.pathPart) && f.count > 0);
    if (fault) {
      fault.count--;
      throw new HttpError(
        fault.code,
        fault.code === 409 ? 'Conflict' : 'InternalError',
        `injected fault ${fault.code}`,
      );
    }
    reconcile();

    const disc = discovery(path);
    if (disc && method === 'GET') return send(res, 200, disc);
    if (path.startsWith('/openapi'))
      throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');

    const m =
      /^\/(?:api\/v1|apis\/([^/]+)\/v1)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/(status))?$/.exec(
        path,
      );
    if (!m) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource');
    const group = m[1] ?? '';
    const ns = m[2];
    const t = TYPES.find((x) => x.group === group && x.resource === m[3]);
    if (!t)
      throw new HttpError(404, 'NotFound', `the server could not find the requested resource (${m[3]})`);
    const name = m[4] ? decodeURIComponent(m[4]) : undefined;
    const b = bucket(t);
    const key = `${ns ?? ''}/${name}`;
    const notFound = () =>
      new HttpError(404, 'NotFound', `${t.resource}${t.group ? '.' + t.group : ''} "${name}" not found`, {
        name,
        group: t.group,
        kind: t.resource,
      });

    if (method === 'GET' && !name) {
      if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1')
        throw new HttpError(405, 'MethodNotAllowed', 'watch is not supported by the fake');
      const selector = url.searchParams.get('labelSelector');
      const fieldSelector = url.searchParams.get('fieldSelector');
      const items = [...b.values()]
        .filter((o) => ns === undefined || o.metadata.namespace === ns)
        .filter((o) => matchesLabelQuery(o.metadata.labels, selector))
        .filter((o) => {
          if (!fieldSelector) return true;
          const fm = /^metadata\.name=(.*)$/.exec(fieldSelector);
          return fm ? o.metadata.name === fm[1] : true;
        })
        .sort((a, c) => String(a.metadata.name).localeCompare(c.metadata.name));
      return send(res, 200, {
        kind: `${t.kind}List`,
        apiVersion: apiVersionOf(t),
        metadata: { resourceVersion: String(rv) },
        items,
      });
    }
    if (method === 'GET') {
      const o = b.get(key);
      if (!o) throw notFound();
      return send(res, 200, o);
    }
    if (method === 'POST' && !name) {
      if (!body?.metadata?.name)
        throw new HttpError(422, 'Invalid', `${t.kind} metadata.name: Required value`);
      if (body.kind && body.kind !== t.kind)
        throw new HttpError(400, 'BadRequest', `kind ${body.kind} posted to ${t.resource}`);
      const k = `${ns ?? ''}/${body.metadata.name}`;
      if (b.has(k))
        throw new HttpError(
          409,
          'AlreadyExists',
          `${t.resource}${t.group ? '.' + t.group : ''} "${body.metadata.name}" already exists`,
          {
            name: body.metadata.name,
            group: t.group,
            kind: t.resource,
          },
        );
      delete body.metadata.resourceVersion;
      const created = put(t, ns ?? '', clone(body));
      reconcile();
      return send(res, 201, created);
    }
    if (method === 'PUT' && name) {
      const old = b.get(key);
      if (!old) throw notFound();
      checkVersion(body?.metadata?.resourceVersion, old, t, name);
      const next = clone(body ?? {});
      next.metadata = { ...next.metadata, name };
      const saved = put(t, ns ?? '', next);
      reconcile();
      return send(res, 200, saved);
    }
    if (method === 'PATCH' && name) {
      const old = b.get(key);
      let next: Obj;
      if (contentType.startsWith('application/apply-patch')) {
        if (!url.searchParams.get('fieldManager'))
          throw new HttpError(422, 'Invalid', 'fieldManager is required for apply requests');
        next = old ? (mergePatch(old, body) as Obj) : clone(body ?? {});
        if (old) checkVersion(body?.metadata?.resourceVersion, old, t, name);
      } else {
        if (!old) throw notFound();
        if (contentType.startsWith('application/json-patch')) {
          next = applyJsonPatch(old, (body ?? []) as unknown as Obj[]);
          checkVersion(next.metadata?.resourceVersion, old, t, name);
        } else {
          checkVersion(body?.metadata?.resourceVersion, old, t, name);
          next = mergePatch(old, body) as Obj;
        }
      }
      next.metadata = { ...next.metadata, name };
      const saved = put(t, ns ?? '', next);
      reconcile();
      return send(res, old ? 200 : 201, saved);
    }
    if (method === 'DELETE' && name) {
      const old = b.get(key);
      if (!old) throw notFound();
      const pre = body?.preconditions?.resourceVersion;
      checkVersion(pre, old, t, name);
      b.delete(key);
      if (t.kind === 'Deployment') {
        const pods = bucket(typeOf('pods')!);
        for (const [pk, p] of pods)
          if (p.metadata.ownerReferences?.[0]?.uid === old.metadata.uid) pods.delete(pk);
      }
      reconcile();
      return send(
        res,
        200,
        statusBody(200, '', '', { name, group: t.group, kind: t.resource, uid: old.metadata.uid }),
      );
    }
    throw new HttpError(405, 'MethodNotAllowed', `${method} is not supported on ${path}`);
  }

  function send(res: ServerResponse, code: number, body: Obj): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) send(res, e.code, statusBody(e.code, e.reason, e.message, e.details));
      else send(res, 500, statusBody(500, 'InternalError', String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'kube-fake-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: fake',
      '  cluster:',
      `    server: ${url}`,
      'users:',
      '- name: fake',
      '  user: {}',
      'contexts:',
      '- name: fake',
      '  context:',
      '    cluster: fake',
      '    user: fake',
      `    namespace: ${namespace}`,
      'current-context: fake',
      '',
    ].join('\n'),
  );

  return {
    url,
    kubeconfig,
    namespace,
    requests,
    setReady(selector, ready) {
      const i = readiness.findIndex((r) => JSON.stringify(r.selector) === JSON.stringify(selector));
      if (i !== -1) readiness.splice(i, 1);
      if (ready !== undefined) readiness.push({ selector, ready });
    },
    object(resource, name, ns = namespace) {
      reconcile();
      const t = typeOf(resource);
      if (!t) throw new Error(`kube-fake: unknown resource ${resource}`);
      const o = bucket(t).get(`${ns}/${name}`);
      return o ? clone(o) : undefined;
    },
    list(resource, ns = namespace) {
      reconcile();
      const t = typeOf(resource);
      if (!t) throw new Error(`kube-fake: unknown resource ${resource}`);
      return [...bucket(t).values()].filter((o) => o.metadata.namespace === ns).map(clone);
    },
    failNext(method, pathPart, code, count = 1) {
      faults.push({ method, pathPart, code, count });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
