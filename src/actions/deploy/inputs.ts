import { UserError } from '../../errors.js';

export type Read = (name: string) => string;

export const HEALTH_INPUTS = [
  'method',
  'path',
  'host',
  'expect-status',
  'body-regex',
  'json-field',
  'json-equals',
  'interval-seconds',
  'timeout-seconds',
  'healthy-threshold',
  'unhealthy-threshold',
  'start-period-seconds',
  'deadline-seconds',
] as const;

export interface CommonInputs {
  app: string;
  environment: string;
  config: string;
  health: Record<string, string>;
  githubToken: string;
  recordDeployment: boolean;
  ref: string;
  reason?: string;
}

export interface DeployInputs extends CommonInputs {
  image: string;
  target?: string;
  bakeSeconds?: number;
  keepWarmMinutes?: number;
  autoRollback?: boolean;
  smokeCommand?: string;
  versionExpect?: string;
  /** manual: stage and verify the candidate, then end (see src/deploy/promotion.ts). */
  promotion: 'auto' | 'manual';
  lock: { enabled: boolean; waitMs: number; ttlMs: number };
}

export function optionalNumber(read: Read, name: string, min = 0): number | undefined {
  const v = read(name).trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min)
    throw new UserError(`must be a number of at least ${min}, got '${v}'`, name);
  return n;
}

export function optionalBool(read: Read, name: string): boolean | undefined {
  const v = read(name).trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UserError(`must be true or false, got '${v}'`, name);
}

function required(read: Read, name: string): string {
  const v = read(name).trim();
  if (!v) throw new UserError('is required', name);
  return v;
}

export function readCommon(read: Read, env: Readonly<Record<string, string | undefined>>): CommonInputs {
  const app = required(read, 'app');
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(app))
    throw new UserError(`must be lower-case letters, digits, '.', '_' or '-', got '${app}'`, 'app');
  const health: Record<string, string> = {};
  for (const k of HEALTH_INPUTS) health[k] = read(`health-${k}`).trim();
  const out: CommonInputs = {
    app,
    environment: read('environment').trim() || 'production',
    config: read('config').trim() || '.github/slipway-deploy.yml',
    health,
    githubToken: read('github-token').trim(),
    recordDeployment: optionalBool(read, 'record-deployment') ?? true,
    ref: read('ref').trim() || env.GITHUB_SHA || env.GITHUB_REF || 'HEAD',
  };
  const reason = read('reason').trim();
  if (reason) out.reason = reason;
  return out;
}

/** Every deploy input, validated, before anything happens. */
export function readDeployInputs(
  read: Read,
  env: Readonly<Record<string, string | undefined>>,
): DeployInputs {
  const common = readCommon(read, env);
  const image = required(read, 'image');
  if (/\s/.test(image)) throw new UserError(`must be an image reference, got '${image}'`, 'image');
  const out: DeployInputs = { ...common, image, ...readPromotionAndLock(read) };
  const target = read('target').trim();
  if (target) out.target = target;
  const bake = optionalNumber(read, 'bake-seconds');
  if (bake !== undefined) out.bakeSeconds = bake;
  const warm = optionalNumber(read, 'keep-warm-minutes');
  if (warm !== undefined) out.keepWarmMinutes = warm;
  const ar = optionalBool(read, 'auto-rollback');
  if (ar !== undefined) out.autoRollback = ar;
  const smoke = read('smoke-command').trim();
  if (smoke) out.smokeCommand = smoke;
  const ve = read('version-expect').trim();
  if (ve) out.versionExpect = ve;
  return out;
}

/** The deploy lock inputs (`lock`, `lock-wait-minutes`, `lock-ttl-minutes`) of every action that holds it. */
export function readLock(read: Read): DeployInputs['lock'] {
  return {
    enabled: optionalBool(read, 'lock') ?? true,
    waitMs: (optionalNumber(read, 'lock-wait-minutes') ?? 10) * 60_000,
    ttlMs: (optionalNumber(read, 'lock-ttl-minutes', 1) ?? 60) * 60_000,
  };
}

/** The promotion and lock inputs of the deploy action. */
export function readPromotionAndLock(read: Read): Pick<DeployInputs, 'promotion' | 'lock'> {
  const promotion = read('promotion').trim() || 'auto';
  if (promotion !== 'auto' && promotion !== 'manual')
    throw new UserError(`must be auto or manual, got '${promotion}'`, 'promotion');
  return { promotion, lock: readLock(read) };
}
