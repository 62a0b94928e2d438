/**
 * Where the deploy lock (./lock.ts) lives on each target, with the conditional writes it needs:
 * - kubernetes: the annotation `slipway.dev/deploy-lock` on a ConfigMap `<app>-<env>-deploy-lock`
 *   (create fails with AlreadyExists; replace carries the resourceVersion, a stale one is a 409).
 * - swarm: the label `slipway.deploy-lock` on a service `<app>-<env>-deploy-lock` with 0 replicas
 *   (create fails when the name is taken; replace/remove go by service id, which changes on every
 *   replace, so a racing deploy's remove of the old id fails).
 * - docker: the same label on a container `<app>-<env>-deploy-lock` that is created, never started
 *   (container names are unique on a host; replace/remove go by container id, as for swarm).
 */
import { UserError } from '../errors.js';
import type { LockStore, StoredLock } from './lock.js';
import type { Kubectl } from './targets/kubernetes.js';
import type { DockerCli } from './targets/swarm.js';

export const LOCK_ANNOTATION = 'slipway.dev/deploy-lock';
export const LOCK_LABEL = 'slipway.deploy-lock';

/** `<app>-<environment>-deploy-lock`, lowercased and reduced to a valid object name. */
export function lockName(app: string, environment: string): string {
  const n = `${app}-${environment}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `${n}-deploy-lock`;
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim()) ?? '';
}

export class KubernetesLockStore implements LockStore {
  readonly where: string;
  constructor(
    private readonly kubectl: Kubectl,
    readonly name: string,
  ) {
    this.where = `configmap ${name} annotation ${LOCK_ANNOTATION}`;
  }

  private object(raw: string, version?: string): string {
    const metadata: Record<string, unknown> = {
      name: this.name,
      labels: { 'app.kubernetes.io/managed-by': 'slipway' },
      annotations: { [LOCK_ANNOTATION]: raw },
    };
    if (version) metadata.resourceVersion = version;
    return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} });
  }

  async read(): Promise<StoredLock | undefined> {
    const r = await this.kubectl(['get', 'configmap', this.name, '--ignore-not-found', '-o', 'json']);
    if (r.code !== 0) throw new UserError(`cannot read the deploy lock: ${firstLine(r.stderr)}`, this.where);
    if (!r.stdout.trim()) return undefined;
    const o = JSON.parse(r.stdout) as {
      metadata?: { resourceVersion?: string; annotations?: Record<string, string> };
    };
    return {
      raw: o.metadata?.annotations?.[LOCK_ANNOTATION] ?? '',
      version: o.metadata?.resourceVersion ?? '',
    };
  }

  async create(raw: string): Promise<'ok' | 'exists'> {
    const r = await this.kubectl(['create', '--validate=false', '-f', '-'], this.object(raw));
    if (r.code === 0) return 'ok';
    if (/AlreadyExists|already exists/.test(r.stderr)) return 'exists';
    throw new UserError(`cannot create the deploy lock: ${firstLine(r.stderr)}`, this.where);
  }

  async replace(raw: string, version: string): Promise<'ok' | 'conflict'> {
    const r = await this.kubectl(['replace', '--validate=false', '-f', '-'], this.object(raw, version));
    if (r.code === 0) return 'ok';
    if (/Conflict|NotFound|not found|has been modified/.test(r.stderr)) return 'conflict';
    throw new UserError(`cannot update the deploy lock: ${firstLine(r.stderr)}`, this.where);
  }

  async remove(version: string): Promise<'ok' | 'conflict' | 'missing'> {
    const cur = await this.read();
    if (!cur) return 'missing';
    if (cur.version !== version) return 'conflict';
    const r = await this.kubectl(['delete', 'configmap', this.name, '--ignore-not-found']);
    if (r.code !== 0)
      throw new UserError(`cannot delete the deploy lock: ${firstLine(r.stderr)}`, this.where);
    return 'ok';
  }
}

/**
 * A lock held in the labels of a Docker object addressed by a unique name and removed by id:
 * creating fails when the name is taken, and removing by the id read earlier fails once another
 * deploy has replaced the object, so of two racing writers exactly one wins.
 */
abstract class DockerObjectLockStore implements LockStore {
  abstract readonly where: string;
  protected abstract readonly kind: 'service' | 'container';
  protected abstract createArgs(raw: string): string[];

  constructor(
    protected readonly docker: DockerCli,
    readonly name: string,
  ) {}

  async read(): Promise<StoredLock | undefined> {
    const r = await this.docker([this.kind, 'inspect', this.name]);
    if (r.code !== 0) {
      if (/no such (service|container|object)/i.test(r.stderr)) return undefined;
      throw new UserError(`cannot read the deploy lock: ${firstLine(r.stderr)}`, this.where);
    }
    const o = (
      JSON.parse(r.stdout) as {
        ID?: string;
        Id?: string;
        Spec?: { Labels?: Record<string, string> };
        Config?: { Labels?: Record<string, string> };
      }[]
    )[0]!;
    const labels = o.Spec?.Labels ?? o.Config?.Labels ?? {};
    return { raw: labels[LOCK_LABEL] ?? '', version: o.ID ?? o.Id ?? '' };
  }

  async create(raw: string): Promise<'ok' | 'exists'> {
    const r = await this.docker(this.createArgs(raw));
    if (r.code === 0) return 'ok';
    if (/already exists|name conflicts|already in use/i.test(r.stderr)) return 'exists';
    throw new UserError(`cannot create the deploy lock: ${firstLine(r.stderr)}`, this.where);
  }

  async replace(raw: string, version: string): Promise<'ok' | 'conflict'> {
    const rm = await this.remove(version);
    if (rm !== 'ok') return 'conflict';
    return (await this.create(raw)) === 'ok' ? 'ok' : 'conflict';
  }

  async remove(version: string): Promise<'ok' | 'conflict' | 'missing'> {
    const r = await this.docker([this.kind, 'rm', version]);
    if (r.code === 0) return 'ok';
    if (/no such (service|container)|not found/i.test(r.stderr))
      return (await this.read()) ? 'conflict' : 'missing';
    throw new UserError(`cannot remove the deploy lock: ${firstLine(r.stderr)}`, this.where);
  }
}

/**
 * The docker target's lock: a container that is created and never started. A container needs an
 * image, so the store is given one the host has or is about to pull for this operation (the
 * image being deployed); it is never run.
 */
export class DockerLockStore extends DockerObjectLockStore {
  readonly where: string;
  protected readonly kind = 'container';
  constructor(
    docker: DockerCli,
    name: string,
    private readonly image: string,
  ) {
    super(docker, name);
    this.where = `docker container ${name} label ${LOCK_LABEL}`;
  }
  protected createArgs(raw: string): string[] {
    return [
      'container',
      'create',
      '--name',
      this.name,
      '--label',
      `${LOCK_LABEL}=${raw}`,
      '--label',
      'slipway.managed-by=slipway',
      '--network',
      'none',
      this.image,
    ];
  }
}

export class SwarmLockStore extends DockerObjectLockStore {
  readonly where: string;
  protected readonly kind = 'service';
  constructor(
    docker: DockerCli,
    name: string,
    /** Image reference for the 0-replica service (never pulled or run). */
    private readonly image = 'slipway/deploy-lock:none',
  ) {
    super(docker, name);
    this.where = `swarm service ${name} label ${LOCK_LABEL}`;
  }
  protected createArgs(raw: string): string[] {
    return [
      'service',
      'create',
      '--detach',
      '--no-resolve-image',
      '--replicas',
      '0',
      '--name',
      this.name,
      '--label',
      `${LOCK_LABEL}=${raw}`,
      '--label',
      'slipway.managed-by=slipway',
      this.image,
    ];
  }
}
