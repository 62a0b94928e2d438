/**
 * Which images are deployed, from the Deployments API: for each environment the current
 * deployment (newest whose latest status is `success`), the one before it (the rollback
 * target: newest older one that ever succeeded) and any newer one still in flight
 * (queued / pending / in_progress). Slipway's deploy action writes
 * `payload.slipway.image` (`name@sha256:...`) and `payload.slipway["previous-image"]`; a plain
 * `payload.image` is accepted too.
 */
export interface DeploymentRecord {
  id: number;
  environment: string;
  createdAt: string;
  payload: unknown;
  /** Status states, newest first (as the statuses endpoint lists them). */
  statuses: string[];
}

export interface DeployedDigest {
  digest: string;
  environment: string;
  role: 'current' | 'previous' | 'in-flight';
  deploymentId: number;
}

const IN_FLIGHT = new Set(['queued', 'pending', 'in_progress']);

/** Digests named by a deployment payload (image and previous-image), tolerant of shapes. */
export function payloadDigests(payload: unknown): { image: string[]; previous: string[] } {
  const out = { image: [] as string[], previous: [] as string[] };
  let p: unknown = payload;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return out;
    }
  }
  if (!p || typeof p !== 'object') return out;
  const obj = p as Record<string, unknown>;
  const slipway = (obj.slipway && typeof obj.slipway === 'object' ? obj.slipway : {}) as Record<
    string,
    unknown
  >;
  for (const [list, keys] of [
    [out.image, [slipway.image, obj.image]],
    [out.previous, [slipway['previous-image'], slipway.previousImage, obj['previous-image']]],
  ] as const) {
    for (const v of keys) {
      const d = typeof v === 'string' ? digestOf(v) : undefined;
      if (d && !list.includes(d)) list.push(d);
    }
  }
  return out;
}

/** `sha256:<hex>` from `name@sha256:<hex>` or a bare digest. */
export function digestOf(ref: string): string | undefined {
  const m = /(?:^|@)(sha256:[0-9a-f]{64})$/.exec(ref.trim());
  return m?.[1];
}

/**
 * Picks the deployed digests from deployment records (any order). A deployment whose latest
 * status is `inactive` once succeeded (GitHub marks superseded deployments inactive).
 */
export function deployedDigests(records: DeploymentRecord[]): DeployedDigest[] {
  const byEnv = new Map<string, DeploymentRecord[]>();
  for (const r of records) {
    const list = byEnv.get(r.environment) ?? [];
    list.push(r);
    byEnv.set(r.environment, list);
  }
  const out: DeployedDigest[] = [];
  const add = (digest: string, environment: string, role: DeployedDigest['role'], deploymentId: number) => {
    if (!out.some((o) => o.digest === digest && o.environment === environment))
      out.push({ digest, environment, role, deploymentId });
  };
  for (const [env, list] of byEnv) {
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
    const currentIdx = list.findIndex((r) => r.statuses[0] === 'success');
    const inFlightEnd = currentIdx === -1 ? list.length : currentIdx;
    for (const r of list.slice(0, inFlightEnd)) {
      if (r.statuses.length === 0 || IN_FLIGHT.has(r.statuses[0]!)) {
        for (const d of payloadDigests(r.payload).image) add(d, env, 'in-flight', r.id);
      }
    }
    if (currentIdx === -1) {
      // Nothing live right now: the newest deployment that ever succeeded is the rollback target.
      const last = list.find((r) => r.statuses.includes('success') || r.statuses[0] === 'inactive');
      if (last) for (const d of payloadDigests(last.payload).image) add(d, env, 'previous', last.id);
      continue;
    }
    const current = list[currentIdx]!;
    const cur = payloadDigests(current.payload);
    for (const d of cur.image) add(d, env, 'current', current.id);
    for (const d of cur.previous) add(d, env, 'previous', current.id);
    const prev = list
      .slice(currentIdx + 1)
      .find((r) => r.statuses.includes('success') || r.statuses[0] === 'inactive');
    if (prev) for (const d of payloadDigests(prev.payload).image) add(d, env, 'previous', prev.id);
  }
  return out;
}
