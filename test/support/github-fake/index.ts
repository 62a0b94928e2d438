/**
 * GitHub fake: a stateful HTTP server on 127.0.0.1 speaking the REST endpoints Slipway uses, with
 * every request and response checked against GitHub's OpenAPI description (@octokit/openapi,
 * api.github.com), and faults on demand.
 *
 * ## Start and stop
 * ```ts
 * const fake = await startGitHubFake({ seed: 42 });   // fake.url = http://127.0.0.1:<port>
 * afterEach(() => fake.assertNoViolations());          // fail tests whose requests GitHub would refuse
 * afterAll(() => fake.close());
 * const client = createGitHubClient({ token: 'ghs_test', baseUrl: fake.url });
 * ```
 * Options (`GitHubFakeOptions`): `seed` (RNG for probabilistic faults and jittered latency),
 * `acceptAnyToken` (default true: any token authenticates as `defaultLogin`, `octocat`, with every
 * permission; false: only seeded tokens, others get 401 "Bad credentials"), `packageStore` (a
 * `PackageStore`, default in-memory), `latency: {minMs, maxMs}` (added to every request),
 * `secondaryRateLimit` (true or options: enforce GitHub's documented secondary limits: GET/HEAD/
 * OPTIONS cost 1 point, POST/PATCH/PUT/DELETE 5, at most 900 points per rolling minute per token and
 * endpoint (`scope: 'global'` for all endpoints), at most 100 concurrent requests, at most 80
 * content-creating (POST) requests a minute and 500 an hour (`contentPerMinute`/`contentPerHour`,
 * `false` to drop); `windowMs` shrinks the minute for benchmarks; refusals are 403 (or
 * `status: 429`) with `retry-after` and a "secondary rate limit" message, counted in
 * `fake.rateLimits.secondaryHits` and `.secondaryHitsBy`), `primaryRateLimit` (number: requests
 * per hour per token before 403 with `x-ratelimit-remaining: 0`; `x-ratelimit-*` headers are always
 * sent, limit 5000), `now` (a clock in ms, default Date.now; drives timestamps and rate-limit
 * windows).
 *
 * ## Seeding and inspecting state (`fake.seed.*`, then read back)
 * - `seed.token(token, { login, permissions })`: permissions per area (`packages`, `deployments`,
 *   `environments`, `issues`, `pull_requests`, `checks`, `contents`, `actions`, `members`, `metadata`)
 *   as `none|read|write|admin`; an area not listed is `admin`. Too little -> 403 "Resource not
 *   accessible by integration" (packages: unreadable, or delete/restore without `admin` -> 404
 *   "Package not found.", which is what GitHub answers a GITHUB_TOKEN lacking admin on a package).
 * - `seed.user(login)`, `seed.org(login)`; `seed.repo(owner, name, { defaultBranch, private })`
 *   (creates `heads/<default>` with a deterministic sha); `seed.ref(owner, repo, 'tags/v1.0.0', sha?)`.
 * - `seed.package({ owner, name, ownerType?, visibility?, repository? })` and
 *   `seed.version(owner, name, { name?: digest, tags, createdAt, downloads, deleted })`
 *   (in-memory store only; a custom store seeds itself). Names may contain `/`.
 * - `seed.environment(owner, repo, name, { reviewers, waitTimer })`, `seed.deployment(...)`.
 * - `seed.issue(owner, repo, { number, title })`, `seed.pull(owner, repo, { number, head, base,
 *   files })` (also an issue, as on GitHub), `seed.comment(...)`,
 *   `seed.compare(owner, repo, 'base...head', { files, commits, mergeBaseSha, aheadBy })`,
 *   `seed.workflowRun(owner, repo, { id, status, conclusion })`,
 *   `seed.teamMember(org, team, user, { role, state })`, `seed.collaborator(owner, repo, user, role)`.
 * - Read back: `fake.deployments(owner, repo)` (newest first, each with `statuses`),
 *   `fake.environments(owner, repo)`, `fake.comments(owner, repo, issue)`, `fake.checkRuns(owner,
 *   repo)`, `await fake.versions(owner, pkg, 'active'|'deleted')`, `fake.world` (everything).
 *
 * ## Endpoints (real GitHub semantics, `link` pagination with per_page (max 100)/page)
 * Container packages for orgs, users and the authenticated user (list, get, list versions with
 * `state=active|deleted`, get/delete/restore version; refusals: the only active version -> 400
 * "You cannot delete the last version of a package. You must delete the package instead.", the last
 * tagged version while untagged ones remain -> 400 "...last tagged version...", a public version with
 * more than 5,000 downloads -> 400; the 400s are real GitHub behaviour the description omits);
 * deployments (create: unknown ref -> 422 "No ref found for: x"; list filters sha/ref/task/
 * environment, newest first; delete: an active one -> 422 unless it is its environment's only one)
 * and statuses (a `success` status with `auto_inactive` (default true) adds an `inactive` status to
 * earlier deployments of the same environment whose latest status was success; creating a
 * deployment creates its environment); environments (get, list, create-or-update with reviewers,
 * wait_timer -> `protection_rules`); issues (get) and comments (list/create/get/update/delete);
 * pulls (get, list files); compare (`base...head`, seeded); check runs (create/update/get;
 * annotations accumulate); `git/matching-refs/{ref}`; `actions/runs/{id}`; `users/{username}`;
 * team membership; collaborator permission; `repos/{owner}/{repo}`.
 *
 * ## Validation
 * Path/query parameters (types, enums, required) and JSON bodies are validated against the
 * operation; a failure answers 422 (400 for unparsable JSON) and is recorded in `fake.violations`
 * (`kind: 'request'`), as are unknown paths (404, `unknown-route`) and described operations the fake
 * does not model (501, `unimplemented`). A request a failing fault answers is not validated (its
 * retry is). Responses: the status must be documented for the
 * operation (error statuses GitHub sends undocumented are checked as a basic error) and the body must
 * match its schema; required fields the fake does not model are filled from the schema's examples
 * (fill.ts). A response failure is a bug in the fake: recorded (`kind: 'response'`), logged to stderr,
 * answered 500. `fake.assertNoViolations()` throws listing all of them (and clears them, so one bad
 * test does not fail the next).
 *
 * ## Faults (`fake.faults`)
 * `fake.faults.add({ match: { method?, path?: RegExp | glob, operationId? }, kind, status?,
 * retryAfter?, times?, probability?, latencyMs?, resetAt? })` with kind `5xx` (status 500 default,
 * 502/503), `secondary-rate-limit` (403 default or 429, `retry-after` = retryAfter (1 s default),
 * message "You have exceeded a secondary rate limit..."), `primary-rate-limit` (403,
 * `x-ratelimit-remaining: 0`, `x-ratelimit-reset` = now + retryAfter), `reset` (socket destroyed
 * before any byte of the response; `resetAt: 'mid-body'` sends headers and half a body first:
 * plain @octokit/request would return that as a 200 with `data: ""`, createGitHubClient retries it)
 * and `latency` (delay, combines with one failing fault; a delayed request holds its concurrency
 * slot). `times` limits hits; `probability` draws from the seeded RNG (`fake.reseed(n)` replays).
 * Returns the fault (`hits` counts); `fake.faults.remove(fault)`, `fake.faults.clear()`.
 *
 * ## Request log
 * `fake.requests`: `{ method, path, query, operationId, status, fault?, token, durationMs }` in
 * arrival order (faulted and refused requests included; a reset has status 0; `path` is the raw,
 * still percent-encoded path: `app%2Fapi`). `fake.count({ method?, path?, operationId?, status? })`
 * counts (path: RegExp or glob); `fake.clearRequests()` empties it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import picomatch from 'picomatch';
import { getOpenApi, type Operation, type ValidationIssue } from './openapi.js';
import { complete } from './fill.js';
import {
  Faults,
  SecondaryLimiter,
  seededRandom,
  type Fault,
  type FaultKind,
  type SecondaryLimitOptions,
} from './faults.js';
import { HANDLERS, HttpError, ensureEnvironment, type HandlerResult } from './handlers.js';
import {
  InMemoryPackageStore,
  type PackageStore,
  type PackageVersionRecord,
  type SeedPackage,
  type SeedVersion,
} from './packages.js';
import {
  fakeSha,
  World,
  type Access,
  type CheckRunRecord,
  type CommentRecord,
  type DeploymentRecord,
  type EnvironmentRecord,
  type FileRecord,
  type PermissionName,
  type TokenRecord,
  type WorkflowRunRecord,
} from './state.js';

export { InMemoryPackageStore };
export { PACKAGE_MESSAGES } from './handlers.js';
export type {
  PackageStore,
  PackageRecord,
  PackageVersionRecord,
  SeedPackage,
  SeedVersion,
} from './packages.js';
export type { FaultSpec, FaultKind, Fault, FaultMatch, SecondaryLimitOptions } from './faults.js';
export { fakeSha } from './state.js';

export interface GitHubFakeOptions {
  seed?: number;
  acceptAnyToken?: boolean;
  defaultLogin?: string;
  packageStore?: PackageStore;
  latency?: { minMs: number; maxMs: number };
  secondaryRateLimit?: boolean | SecondaryLimitOptions;
  primaryRateLimit?: number;
  now?: () => number;
}

export interface RequestLogEntry {
  method: string;
  /** The raw path as sent, still percent-encoded (`/orgs/acme/packages/container/app%2Fapi`). */
  path: string;
  query: string;
  operationId?: string;
  status: number;
  fault?: FaultKind | 'secondary-limit' | 'primary-limit';
  token?: string;
  durationMs: number;
}

export interface Violation {
  kind: 'request' | 'response' | 'unknown-route' | 'unimplemented';
  method: string;
  path: string;
  operationId?: string;
  status: number;
  issues: ValidationIssue[];
}

export interface RequestFilter {
  method?: string;
  /** RegExp or glob matched against the path. */
  path?: RegExp | string;
  operationId?: string;
  status?: number;
}

export interface GitHubFake {
  readonly url: string;
  readonly world: World;
  readonly faults: Faults;
  readonly requests: RequestLogEntry[];
  readonly violations: Violation[];
  readonly rateLimits: {
    secondaryHits: number;
    secondaryHitsBy: { concurrency: number; points: number; content: number };
    primaryHits: number;
  };
  readonly seed: Seeder;
  close(): Promise<void>;
  assertNoViolations(): void;
  clearViolations(): void;
  clearRequests(): void;
  count(filter?: RequestFilter): number;
  reseed(seed: number): void;
  deployments(owner: string, repo: string): DeploymentRecord[];
  environments(owner: string, repo: string): EnvironmentRecord[];
  comments(owner: string, repo: string, issueNumber: number): CommentRecord[];
  checkRuns(owner: string, repo: string): CheckRunRecord[];
  versions(owner: string, packageName: string, state?: 'active' | 'deleted'): Promise<PackageVersionRecord[]>;
}

export interface Seeder {
  token(
    token: string,
    opts?: { login?: string; permissions?: Partial<Record<PermissionName, Access>> },
  ): TokenRecord;
  user(login: string, opts?: { name?: string }): void;
  org(login: string): void;
  repo(
    owner: string,
    name: string,
    opts?: { defaultBranch?: string; private?: boolean; ownerType?: 'User' | 'Organization' },
  ): void;
  ref(owner: string, repo: string, ref: string, sha?: string): string;
  package(seed: SeedPackage): void;
  version(owner: string, packageName: string, seed?: SeedVersion): PackageVersionRecord;
  environment(
    owner: string,
    repo: string,
    name: string,
    opts?: { reviewers?: { type: 'User' | 'Team'; id: number }[]; waitTimer?: number },
  ): EnvironmentRecord;
  deployment(
    owner: string,
    repo: string,
    opts: {
      ref?: string;
      sha?: string;
      environment?: string;
      task?: string;
      payload?: Record<string, unknown> | string;
      statuses?: DeploymentRecord['statuses'][number]['state'][];
      creator?: string;
    },
  ): DeploymentRecord;
  issue(
    owner: string,
    repo: string,
    opts: { number: number; title?: string; body?: string; user?: string; state?: 'open' | 'closed' },
  ): void;
  pull(
    owner: string,
    repo: string,
    opts: {
      number: number;
      title?: string;
      head?: { ref: string; sha?: string };
      base?: { ref: string; sha?: string };
      files?: FileRecord[];
      user?: string;
      draft?: boolean;
    },
  ): void;
  comment(owner: string, repo: string, issueNumber: number, body: string, user?: string): CommentRecord;
  compare(
    owner: string,
    repo: string,
    basehead: string,
    opts: {
      files?: FileRecord[];
      commits?: { sha: string; message: string }[];
      mergeBaseSha?: string;
      aheadBy?: number;
      behindBy?: number;
      status?: 'diverged' | 'ahead' | 'behind' | 'identical';
    },
  ): void;
  workflowRun(
    owner: string,
    repo: string,
    opts: Partial<WorkflowRunRecord> & { id: number },
  ): WorkflowRunRecord;
  teamMember(
    org: string,
    team: string,
    username: string,
    opts?: { role?: 'member' | 'maintainer'; state?: 'active' | 'pending' },
  ): void;
  collaborator(owner: string, repo: string, username: string, role: Access | 'maintain' | 'triage'): void;
}

const DOCS = 'https://docs.github.com/rest';
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';

function matchesFilter(
  entry: { method: string; path: string; operationId?: string; status?: number },
  f: RequestFilter,
): boolean {
  if (f.method && f.method.toUpperCase() !== entry.method) return false;
  if (f.operationId && f.operationId !== entry.operationId) return false;
  if (f.status !== undefined && f.status !== entry.status) return false;
  if (f.path !== undefined) {
    const ok =
      typeof f.path === 'string' ? picomatch(f.path, { dot: true })(entry.path) : f.path.test(entry.path);
    if (!ok) return false;
  }
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `For '${i.where}', ${i.message}.`).join('\n');
}

export async function startGitHubFake(opts: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const api = getOpenApi();
  const now = opts.now ?? Date.now;
  const random = seededRandom(opts.seed ?? 1);
  const faults = new Faults(random);
  const store = opts.packageStore ?? new InMemoryPackageStore();
  const world = new World(store, now);
  const defaultLogin = opts.defaultLogin ?? 'octocat';
  world.user(defaultLogin);
  const requests: RequestLogEntry[] = [];
  const violations: Violation[] = [];
  const rateLimits = { primaryHits: 0 };
  const secondary = opts.secondaryRateLimit
    ? new SecondaryLimiter(opts.secondaryRateLimit === true ? {} : opts.secondaryRateLimit, now)
    : undefined;
  const primaryLimit = opts.primaryRateLimit ?? 5000;
  const enforcePrimary = opts.primaryRateLimit !== undefined;
  const primaryWindows = new Map<string, { resetAt: number; used: number }>();
  const sockets = new Set<Socket>();
  const entries = new WeakMap<IncomingMessage, RequestLogEntry>();
  let baseUrl = '';

  function authenticate(req: IncomingMessage): TokenRecord | 'missing' | 'bad' {
    const header = req.headers.authorization;
    if (!header) return 'missing';
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
    if (!m) return 'bad';
    const token = m[1]!;
    const known = world.tokens.get(token);
    if (known) return known;
    if (opts.acceptAnyToken === false) return 'bad';
    return { token, login: defaultLogin, permissions: {} };
  }

  function rateHeaders(token: string | undefined): Record<string, string> {
    const key = token ?? 'anonymous';
    const t = now();
    let w = primaryWindows.get(key);
    if (!w || w.resetAt <= t) {
      w = { resetAt: t + 3600_000, used: 0 };
      primaryWindows.set(key, w);
    }
    w.used++;
    return {
      'x-ratelimit-limit': String(primaryLimit),
      'x-ratelimit-remaining': String(Math.max(0, primaryLimit - w.used)),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(Math.floor(w.resetAt / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const requestId = randomUUID().toUpperCase().slice(0, 18);
    const entry: RequestLogEntry = { method, path, query: url.search, status: 0, durationMs: 0 };
    requests.push(entry);
    entries.set(req, entry);
    const rawBody = await readBody(req);
    const match = api.match(method, path);
    entry.operationId = match?.operation.operationId;
    const auth = authenticate(req);
    entry.token = typeof auth === 'object' ? auth.token : undefined;

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      entry.durationMs = performance.now() - started;
      const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        'x-github-request-id': requestId,
        'x-github-api-version-selected': '2022-11-28',
        ...headers,
      });
      res.end(method === 'HEAD' ? undefined : text);
    };

    // Latency (baseline jitter plus a latency fault) is the time the server spends on a request:
    // it is served after admission, so slow requests hold concurrency slots as on GitHub.
    const picked = faults.pick(method, path, entry.operationId);
    let delay = 0;
    if (opts.latency) delay += opts.latency.minMs + faults.draw() * (opts.latency.maxMs - opts.latency.minMs);
    if (picked.latency) delay += picked.latency.latencyMs ?? 100;

    const fault = picked.failure;
    if (fault) {
      entry.fault = fault.kind;
      if (delay > 0) await sleep(delay);
      if (applyFault(fault, res, send, entry, started)) return;
    }

    if (auth === 'missing') {
      return send(401, { message: 'Requires authentication', documentation_url: DOCS });
    }
    if (auth === 'bad') return send(401, { message: 'Bad credentials', documentation_url: DOCS });

    // Primary rate limit (always reported, enforced when configured).
    const rate = rateHeaders(auth.token);
    if (
      enforcePrimary &&
      rate['x-ratelimit-remaining'] === '0' &&
      Number(rate['x-ratelimit-used']) > primaryLimit
    ) {
      rateLimits.primaryHits++;
      entry.fault = 'primary-limit';
      const u = world.user(auth.login);
      return send(
        403,
        {
          message: `API rate limit exceeded for user ID ${u.id}.`,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        rate,
      );
    }

    if (!match) {
      const issues = [
        { where: 'path', message: `no operation in GitHub's REST description matches ${method} ${path}` },
      ];
      violations.push({ kind: 'unknown-route', method, path, status: 404, issues });
      return send(404, { message: 'Not Found', documentation_url: DOCS }, rate);
    }
    const operation = match.operation;

    // Secondary rate limit.
    let admitted = false;
    if (secondary) {
      const verdict = secondary.admit(auth.token, operation.operationId, method);
      if (!verdict.ok) {
        entry.fault = 'secondary-limit';
        return send(
          secondary.status,
          {
            message: `${SECONDARY_MESSAGE} ${requestId}.`,
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          },
          { ...rate, 'retry-after': String(verdict.retryAfter) },
        );
      }
      admitted = true;
    }
    try {
      if (delay > 0) await sleep(delay);
      await dispatch(operation, match.pathParams, url, rawBody, req, auth, rate, send, entry);
    } finally {
      if (admitted) secondary?.release();
    }
  }

  function applyFault(
    fault: Fault,
    res: ServerResponse,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
    entry: RequestLogEntry,
    started: number,
  ): boolean {
    const retryAfter = fault.retryAfter ?? 1;
    switch (fault.kind) {
      case '5xx': {
        const status = fault.status ?? 500;
        send(status, {
          message:
            status === 502
              ? 'Server Error'
              : status === 503
                ? 'Service Unavailable'
                : 'Internal Server Error',
        });
        return true;
      }
      case 'secondary-rate-limit':
        send(
          fault.status ?? 403,
          {
            message: `${SECONDARY_MESSAGE} fault-${fault.id}.`,
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
          },
          fault.omitRetryAfter ? {} : { 'retry-after': String(retryAfter) },
        );
        return true;
      case 'primary-rate-limit':
        send(
          fault.status ?? 403,
          {
            message: 'API rate limit exceeded for user ID 1.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          {
            'x-ratelimit-limit': String(primaryLimit),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(primaryLimit),
            'x-ratelimit-reset': String(Math.ceil(now() / 1000) + retryAfter),
            'x-ratelimit-resource': 'core',
          },
        );
        return true;
      case 'reset': {
        entry.status = 0;
        entry.durationMs = performance.now() - started;
        if (fault.resetAt === 'mid-body') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
          res.write('{"partial":');
          setImmediate(() => res.socket?.destroy());
        } else {
          res.socket?.destroy();
        }
        return true;
      }
      default:
        return false;
    }
  }

  async function dispatch(
    operation: Operation,
    pathParams: Record<string, string>,
    url: URL,
    rawBody: string,
    req: IncomingMessage,
    token: TokenRecord,
    rate: Record<string, string>,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
    entry: RequestLogEntry,
  ): Promise<void> {
    const method = entry.method;
    const path = entry.path;
    let body: unknown;
    const hasBody = rawBody.trim().length > 0;
    if (hasBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        const issues = [{ where: 'body', message: 'is not valid JSON' }];
        violations.push({
          kind: 'request',
          method,
          path,
          operationId: operation.operationId,
          status: 400,
          issues,
        });
        return send(400, { message: 'Problems parsing JSON', documentation_url: DOCS }, rate);
      }
    }
    const query: Record<string, unknown> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key.replace(/\[\]$/, '')] = all.length > 1 ? all : all[0];
    }
    const params: Record<string, unknown> = { ...pathParams };
    const issues = api.validateRequest(operation, { pathParams: params, query, body, hasBody });
    if (issues.length) {
      violations.push({
        kind: 'request',
        method,
        path,
        operationId: operation.operationId,
        status: 422,
        issues,
      });
      return send(
        422,
        { message: `Invalid request.\n\n${describeIssues(issues)}`, documentation_url: DOCS, status: '422' },
        rate,
      );
    }
    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      violations.push({
        kind: 'unimplemented',
        method,
        path,
        operationId: operation.operationId,
        status: 501,
        issues: [{ where: 'operation', message: `the GitHub fake does not model ${operation.operationId}` }],
      });
      return send(501, { message: `The GitHub fake does not implement ${operation.operationId}` }, rate);
    }
    let result: HandlerResult;
    try {
      result = await handler({
        world,
        params: { ...query, ...params },
        body: (body ?? {}) as Record<string, unknown>,
        token,
        baseUrl,
        requestUrl: new URL(req.url ?? '/', baseUrl),
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = {
        status: error.status,
        body: { message: error.message, ...error.extra },
        undocumented: error.undocumented,
      };
    }
    let payload = result.body;
    const responseIssues: ValidationIssue[] = [];
    const documented = api.documents(operation, result.status);
    if (result.status < 400 && !documented) {
      responseIssues.push({
        where: `response.${result.status}`,
        message: 'status is not documented for this operation',
      });
    } else if (payload !== undefined) {
      const basicError = api.description.components.schemas['basic-error']!;
      const schema = documented ? api.responseSchema(operation, result.status) : basicError;
      if (schema) {
        payload = complete(api, schema, payload);
        responseIssues.push(
          ...api.validateResponse(operation, result.status, payload, documented ? undefined : basicError),
        );
      }
    }
    if (responseIssues.length) {
      violations.push({
        kind: 'response',
        method,
        path,
        operationId: operation.operationId,
        status: result.status,
        issues: responseIssues,
      });
      process.stderr.write(
        `GitHub fake produced an invalid response for ${method} ${path}:\n${describeIssues(responseIssues)}\n`,
      );
      return send(
        500,
        { message: `GitHub fake bug: invalid response.\n${describeIssues(responseIssues)}` },
        rate,
      );
    }
    send(result.status, payload, { ...rate, ...(result.headers ?? {}) });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`GitHub fake crashed on ${req.method} ${req.url}: ${message}\n`);
      violations.push({
        kind: 'response',
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: 500,
        issues: [{ where: 'handler', message }],
      });
      const entry = entries.get(req);
      if (entry) entry.status = 500;
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `GitHub fake crashed: ${message}` }));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const inMemory = store instanceof InMemoryPackageStore ? store : undefined;
  const repoData = (owner: string, repo: string) => {
    const found = world.findRepo(owner, repo);
    if (!found) throw new Error(`seed the repository ${owner}/${repo} first`);
    return found;
  };
  const addIssue = (
    owner: string,
    repo: string,
    number: number,
    title: string,
    user: string,
    isPull: boolean,
    body: string | null = null,
  ) => {
    const { data } = repoData(owner, repo);
    const at = world.iso();
    data.issues.set(number, {
      id: world.id(),
      number,
      title,
      body,
      state: 'open',
      user,
      labels: [],
      isPull,
      createdAt: at,
      updatedAt: at,
    });
    world.user(user);
  };

  const seed: Seeder = {
    token(token, o = {}) {
      const record: TokenRecord = { token, login: o.login ?? defaultLogin, permissions: o.permissions ?? {} };
      world.user(record.login);
      world.tokens.set(token, record);
      return record;
    },
    user(login, o = {}) {
      const u = world.user(login, 'User');
      if (o.name) u.name = o.name;
    },
    org(login) {
      world.user(login, 'Organization');
    },
    repo(owner, name, o = {}) {
      world.addRepo({
        owner,
        name,
        defaultBranch: o.defaultBranch,
        private: o.private,
        ownerType: o.ownerType,
      });
    },
    ref(owner, repo, ref, sha) {
      const { repo: r } = repoData(owner, repo);
      const name = ref.replace(/^refs\//, '');
      const value = sha ?? fakeSha(`${owner}/${repo}:${name}`);
      r.refs.set(name, value);
      return value;
    },
    package(s) {
      if (!inMemory)
        throw new Error('seed.package works with the in-memory store; seed a custom store directly');
      world.user(s.owner, s.ownerType === 'User' ? 'User' : 'Organization');
      inMemory.addPackage(s);
    },
    version(owner, name, s = {}) {
      if (!inMemory)
        throw new Error('seed.version works with the in-memory store; seed a custom store directly');
      return inMemory.addVersion(owner, name, s);
    },
    environment(owner, repo, name, o = {}) {
      const { data } = repoData(owner, repo);
      const e = ensureEnvironment(world, data, name);
      if (o.reviewers) e.reviewers = o.reviewers;
      if (o.waitTimer) e.waitTimer = o.waitTimer;
      return e;
    },
    deployment(owner, repo, o) {
      const { repo: r, data } = repoData(owner, repo);
      const ref = o.ref ?? r.defaultBranch;
      const environment = o.environment ?? 'production';
      const at = world.iso();
      const creator = o.creator ?? defaultLogin;
      const d: DeploymentRecord = {
        id: world.id(),
        sha: o.sha ?? r.refs.get(`heads/${ref}`) ?? fakeSha(`${owner}/${repo}:${ref}`),
        ref,
        task: o.task ?? 'deploy',
        environment,
        originalEnvironment: environment,
        payload: o.payload ?? {},
        description: null,
        transientEnvironment: false,
        productionEnvironment: environment === 'production',
        creator,
        createdAt: at,
        updatedAt: at,
        statuses: [],
      };
      for (const state of o.statuses ?? []) {
        d.statuses.push({
          id: world.id(),
          state,
          description: '',
          environment,
          environmentUrl: '',
          logUrl: '',
          targetUrl: '',
          creator,
          createdAt: at,
        });
      }
      data.deployments.push(d);
      ensureEnvironment(world, data, environment);
      return d;
    },
    issue(owner, repo, o) {
      addIssue(
        owner,
        repo,
        o.number,
        o.title ?? `Issue ${o.number}`,
        o.user ?? defaultLogin,
        false,
        o.body ?? null,
      );
      if (o.state) repoData(owner, repo).data.issues.get(o.number)!.state = o.state;
    },
    pull(owner, repo, o) {
      const { repo: r, data } = repoData(owner, repo);
      const user = o.user ?? defaultLogin;
      addIssue(owner, repo, o.number, o.title ?? `Pull request ${o.number}`, user, true);
      const headRef = o.head?.ref ?? `feature-${o.number}`;
      const baseRef = o.base?.ref ?? r.defaultBranch;
      const at = world.iso();
      data.pulls.set(o.number, {
        number: o.number,
        id: world.id(),
        title: o.title ?? `Pull request ${o.number}`,
        state: 'open',
        merged: false,
        draft: o.draft ?? false,
        user,
        head: { ref: headRef, sha: o.head?.sha ?? fakeSha(`${owner}/${repo}:pull/${o.number}/head`) },
        base: {
          ref: baseRef,
          sha: o.base?.sha ?? r.refs.get(`heads/${baseRef}`) ?? fakeSha(`${owner}/${repo}:${baseRef}`),
        },
        files: o.files ?? [],
        createdAt: at,
        updatedAt: at,
      });
    },
    comment(owner, repo, issueNumber, body, user) {
      const { data } = repoData(owner, repo);
      if (!data.issues.has(issueNumber)) throw new Error(`seed issue #${issueNumber} first`);
      const at = world.iso();
      const c: CommentRecord = {
        id: world.id(),
        issueNumber,
        body,
        user: user ?? defaultLogin,
        createdAt: at,
        updatedAt: at,
      };
      world.user(c.user);
      data.comments.push(c);
      return c;
    },
    compare(owner, repo, basehead, o) {
      const { data } = repoData(owner, repo);
      const [base, head] = basehead.split('...');
      if (!base || !head) throw new Error(`compare needs "base...head", got ${basehead}`);
      const commits = o.commits ?? [];
      data.compares.set(basehead, {
        base,
        head,
        status: o.status ?? (commits.length ? 'ahead' : 'identical'),
        aheadBy: o.aheadBy ?? commits.length,
        behindBy: o.behindBy ?? 0,
        mergeBaseSha: o.mergeBaseSha ?? fakeSha(`${owner}/${repo}:${base}`),
        commits,
        files: o.files ?? [],
      });
    },
    workflowRun(owner, repo, o) {
      const { repo: r, data } = repoData(owner, repo);
      const at = world.iso();
      const run: WorkflowRunRecord = {
        name: 'deploy',
        headSha: r.refs.get(`heads/${r.defaultBranch}`)!,
        headBranch: r.defaultBranch,
        event: 'push',
        status: 'in_progress',
        conclusion: null,
        runNumber: o.id,
        runAttempt: 1,
        createdAt: at,
        updatedAt: at,
        ...o,
      };
      data.runs.set(run.id, run);
      return run;
    },
    teamMember(org, team, username, o = {}) {
      world.user(org, 'Organization');
      world.user(username);
      const teams = world.teams.get(org.toLowerCase()) ?? new Map();
      world.teams.set(org.toLowerCase(), teams);
      const members = teams.get(team.toLowerCase()) ?? new Map();
      teams.set(team.toLowerCase(), members);
      members.set(username.toLowerCase(), { role: o.role ?? 'member', state: o.state ?? 'active' });
    },
    collaborator(owner, repo, username, role) {
      world.user(username);
      repoData(owner, repo).data.collaborators.set(username.toLowerCase(), role);
    },
  };

  return {
    url: baseUrl,
    world,
    faults,
    requests,
    violations,
    get rateLimits() {
      return {
        secondaryHits: secondary?.hits ?? 0,
        secondaryHitsBy: { ...(secondary?.hitsBy ?? { concurrency: 0, points: 0, content: 0 }) },
        primaryHits: rateLimits.primaryHits,
      };
    },
    seed,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
    assertNoViolations() {
      if (!violations.length) return;
      const seen = violations.splice(0);
      const lines = seen.map(
        (v) =>
          `- ${v.kind} ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''} -> ${v.status}: ${v.issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`,
      );
      throw new Error(
        `GitHub fake saw ${seen.length} request(s) GitHub would refuse or answered wrongly:\n${lines.join('\n')}`,
      );
    },
    clearViolations() {
      violations.length = 0;
    },
    clearRequests() {
      requests.length = 0;
    },
    count(filter = {}) {
      return requests.filter((r) => matchesFilter(r, filter)).length;
    },
    reseed(n) {
      faults.reseed(n);
    },
    deployments(owner, repo) {
      return [...repoData(owner, repo).data.deployments].sort((a, b) => b.id - a.id);
    },
    environments(owner, repo) {
      return [...repoData(owner, repo).data.environments.values()];
    },
    comments(owner, repo, issueNumber) {
      return repoData(owner, repo).data.comments.filter((c) => c.issueNumber === issueNumber);
    },
    checkRuns(owner, repo) {
      return [...repoData(owner, repo).data.checkRuns.values()];
    },
    async versions(owner, packageName, state = 'active') {
      return store.listVersions(owner, packageName, state);
    },
  };
}
