/**
 * Public types of the blue-green engine (./engine.ts): the plan it runs, the effects it is
 * given (clock, sleep, HTTP probe, target, deployment recorder, logger) and what it returns.
 * The engine itself is pure: every effect comes in through `DeployEffects`.
 */
import type { Color, DeployTarget, Release } from './target.js';

/** The phases of a deploy, in order; `rollback` can follow any phase after `switch`. */
export const PHASES = [
  'prepare',
  'start',
  'verify-idle',
  'switch',
  'verify-switch',
  'bake',
  'finalize',
  'rollback',
] as const;
export type Phase = (typeof PHASES)[number];

/** One HTTP health check, used against the idle color, the public route and during bake. */
export interface HealthSpec {
  method: 'GET' | 'HEAD' | 'POST';
  /** Path with leading slash, e.g. `/health`. */
  path: string;
  /** Host header to send (virtual hosts behind the proxy), if any. */
  host?: string;
  /** Status codes that count as healthy (default [200]). */
  expectStatus: number[];
  /** Regex (source) the body must match, if any. */
  bodyRegex?: string;
  /** Dotted path into a JSON body and the value it must equal (as a string), if any. */
  json?: { field: string; equals: string };
  intervalMs: number;
  timeoutMs: number;
  /** N successes in a row make a color healthy. */
  healthyThreshold: number;
  /** N failures in a row (after the start period) make it unhealthy. */
  unhealthyThreshold: number;
  /** Failures during this long after start do not count towards the unhealthy threshold. */
  startPeriodMs: number;
  /** Give up after this long overall. */
  deadlineMs: number;
}

/** How the engine tells which release the public route serves (verified switch). */
export interface VersionMarker {
  /** `header`: read `name` from the health/version response; `path`: GET `path` and read the body. */
  kind: 'header' | 'path';
  /** Header name (kind header) or path such as `/version` (kind path). */
  name: string;
  /**
   * What the new release answers with (e.g. the image tag or a version string). When not set,
   * the engine reads the marker from the idle color itself once it is healthy, so the check is
   * "the public route serves what the new color serves".
   */
  expect?: string;
  /** Expected value for the previous release (default: read from the previous color itself). */
  expectPrevious?: string;
  /** How long to poll the public route for the marker. */
  deadlineMs: number;
  intervalMs: number;
  /** How many reads in a row must show the new release (default 3) */
  consecutive: number;
}

export interface ErrorRateCheck {
  /** Maximum failed fraction of bake probes (0..1) before rolling back. */
  maxFailureRatio: number;
  /** Minimum probes before the ratio is judged. */
  minProbes: number;
}

export interface DeployPlan {
  release: Release;
  /** Public URL of the app (through the proxy), e.g. `http://127.0.0.1:8080`. */
  publicUrl: string;
  health: HealthSpec;
  /** Smoke command run against the idle color before the switch; gets SLIPWAY_URL. */
  smoke?: { command: string; timeoutMs: number };
  version?: VersionMarker;
  bakeMs: number;
  /** Health checks on the public route during bake use this spec (default: `health` with its interval). */
  errorRate?: ErrorRateCheck;
  /** Keep the previous color running this long after success (0: stop it at finalize). */
  keepWarmMs: number;
  /** Whether to roll back automatically when verify-switch or bake fails (default true). */
  autoRollback: boolean;
  /**
   * How long a color that just left the route keeps running before it is stopped, so requests
   * still in flight to it (nginx's old workers, keep-alive connections) can finish. Default 0.
   */
  drainMs?: number;
  /** GitHub Deployment settings. */
  deployment: { ref: string; task?: string; logUrl?: string; environmentUrl?: string; reason?: string };
}

export interface RollbackPlan {
  app: string;
  environment: string;
  publicUrl: string;
  health: HealthSpec;
  /** Marker to verify the switch with; `expect` values are ignored (read from the color itself). */
  version?: VersionMarker;
  /**
   * What to go back to: `previous` (the release before the live one), a color, or an image
   * (started with the live release's config). Defaults to previous.
   */
  to: { kind: 'previous' } | { kind: 'color'; color: Color } | { kind: 'image'; image: string };
  /** Runtime config used when `to` is an image not found on the target. */
  runtime?: Release['runtime'];
  configDigestOf?: (runtime: Release['runtime']) => string;
  deployment: { ref: string; logUrl?: string; environmentUrl?: string; reason?: string };
}

export type DeploymentState =
  'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'queued' | 'pending';

/** Payload written to each GitHub Deployment (other tools read `payload.slipway.image`). */
export interface SlipwayPayload {
  app: string;
  environment: string;
  image: string;
  color: Color;
  'previous-color': Color | null;
  'previous-image': string | null;
  'config-digest': string;
  reason?: string;
}

export interface RecordedDeployment {
  id: string;
  payload: SlipwayPayload;
  /** Latest status state, if known. */
  state?: DeploymentState;
  createdAt?: string;
  /** When its latest status (`success` for lastSuccessful) was set: when it went live. */
  succeededAt?: string;
}

/** Where deploys are recorded: GitHub Deployments on a runner, memory or a file elsewhere. */
export interface DeploymentRecorder {
  create(input: {
    ref: string;
    environment: string;
    task: string;
    description: string;
    payload: SlipwayPayload;
  }): Promise<string>;
  setStatus(
    id: string,
    state: DeploymentState,
    opts: { description: string; environmentUrl?: string; logUrl?: string },
  ): Promise<void>;
  /** The latest successful deployment of this app in this environment, newest first. */
  lastSuccessful(app: string, environment: string): Promise<RecordedDeployment | undefined>;
}

export interface ProbeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export type ProbeResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string; ms: number }
  | { ok: false; error: string; ms: number };

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface DeployEffects {
  target: DeployTarget;
  recorder: DeploymentRecorder;
  probe(req: ProbeRequest): Promise<ProbeResult>;
  /** Runs the smoke command with SLIPWAY_URL (and the given env); resolves to its exit code and output tail. */
  smoke?(
    command: string,
    env: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ code: number; output: string }>;
  now(): number;
  sleep(ms: number): Promise<void>;
  log: Logger;
  /** Called when each phase starts (the action sets the `phase` output from it). */
  onPhase?(phase: Phase): void;
}

export interface PhaseRecord {
  phase: Phase;
  ok: boolean;
  ms: number;
  detail: string;
}

export type DeployOutcome = 'success' | 'failed-before-switch' | 'rolled-back' | 'failed';

export interface DeployResult {
  outcome: DeployOutcome;
  /** The last phase entered. */
  phase: Phase;
  phases: PhaseRecord[];
  /** Color serving the public route at the end. */
  color: Color | undefined;
  previousColor: Color | undefined;
  image: string;
  previousImage: string | undefined;
  url: string;
  deploymentId: string | undefined;
  rollbackDeploymentId?: string;
  /** One line saying what happened (also the failure message). */
  message: string;
  /** ms from "idle color healthy" to "public route serves it" (verified switch). */
  switchMs?: number;
  /** ms from "rollback decided" to "public route serves the previous color again". */
  rollbackMs?: number;
}
