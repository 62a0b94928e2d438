/**
 * Route handlers of the GitHub fake, keyed by OpenAPI operationId. Each gets the validated request
 * (path + query parameters coerced and defaulted, JSON body) and returns a status and a body; the
 * server completes, validates and sends it.
 */
import type {
  Access,
  CheckRunRecord,
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  EnvironmentRecord,
  FileRecord,
  PermissionName,
  RepoData,
  RepoRecord,
  TokenRecord,
  UserRecord,
  World,
} from './state.js';
import type { PackageRecord, PackageVersionRecord } from './packages.js';

export interface HandlerContext {
  world: World;
  /** Path and query parameters, coerced to their declared types with defaults applied. */
  params: Record<string, unknown>;
  body: Record<string, unknown>;
  token: TokenRecord;
  /** The fake's own base URL (used in `url` fields). */
  baseUrl: string;
  /** The request's full URL (for `link` headers). */
  requestUrl: URL;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Set when GitHub really answers with a status its OpenAPI description does not list (e.g. the
   * 400 for deleting the last version of a package): the server then skips the documented-status
   * check and validates the body as a basic error.
   */
  undocumented?: string;
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly undocumented?: string,
  ) {
    super(message);
  }
}

const DOCS = 'https://docs.github.com/rest';
const notFound = () => new HttpError(404, 'Not Found', { documentation_url: DOCS });

const ORDER: Access[] = ['none', 'read', 'write', 'admin'];
function need(ctx: HandlerContext, permission: PermissionName, level: Exclude<Access, 'none'>): void {
  const have = ctx.token.permissions[permission] ?? 'admin';
  if (ORDER.indexOf(have) < ORDER.indexOf(level)) {
    throw new HttpError(403, 'Resource not accessible by integration', {
      documentation_url: DOCS,
    });
  }
}

const str = (v: unknown) => String(v);
const num = (v: unknown) => Number(v);

// ---------------------------------------------------------------------------------------------
// JSON shapes

function userJson(ctx: HandlerContext, u: UserRecord): Record<string, unknown> {
  const api = `${ctx.baseUrl}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: Buffer.from(`04:User${u.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

function userByLogin(ctx: HandlerContext, login: string): Record<string, unknown> {
  return userJson(ctx, ctx.world.user(login));
}

function repoJson(ctx: HandlerContext, r: RepoRecord): Record<string, unknown> {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  const owner = ctx.world.findUser(r.owner) ?? ctx.world.user(r.owner, 'Organization');
  return {
    id: r.id,
    node_id: Buffer.from(`010:Repository${r.id}`).toString('base64'),
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    owner: userJson(ctx, owner),
    private: r.private,
    visibility: r.visibility,
    html_url: `https://github.com/${r.owner}/${r.name}`,
    url: api,
    description: null,
    fork: false,
    default_branch: r.defaultBranch,
    archived: false,
    disabled: false,
    deployments_url: `${api}/deployments`,
    created_at: r.createdAt,
    updated_at: r.createdAt,
    pushed_at: r.createdAt,
    clone_url: `https://github.com/${r.owner}/${r.name}.git`,
    git_url: `git://github.com/${r.owner}/${r.name}.git`,
    ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
    svn_url: `https://github.com/${r.owner}/${r.name}`,
    license: null,
    homepage: null,
    language: null,
    mirror_url: null,
  };
}

function requireRepo(ctx: HandlerContext): { repo: RepoRecord; data: RepoData } {
  const found = ctx.world.findRepo(str(ctx.params.owner), str(ctx.params.repo));
  if (!found) throw notFound();
  need(ctx, 'metadata', 'read');
  return found;
}

function paginate<T>(ctx: HandlerContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, num(ctx.params.per_page ?? 30)));
  const page = Math.max(1, num(ctx.params.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.requestUrl.toString());
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return `<${ctx.baseUrl}${u.pathname}${u.search}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { page: slice, headers: links.length ? { link: links.join(', ') } : {} };
}

// ---------------------------------------------------------------------------------------------
// Packages

type PackageScope = { kind: 'org' | 'user' | 'self'; owner: string };

function packageScope(ctx: HandlerContext): PackageScope {
  if (ctx.params.org !== undefined) return { kind: 'org', owner: str(ctx.params.org) };
  if (ctx.params.username !== undefined) return { kind: 'user', owner: str(ctx.params.username) };
  return { kind: 'self', owner: ctx.token.login };
}

function packagePath(scope: PackageScope, name: string): string {
  const enc = encodeURIComponent(name);
  if (scope.kind === 'org') return `/orgs/${scope.owner}/packages/container/${enc}`;
  if (scope.kind === 'user') return `/users/${scope.owner}/packages/container/${enc}`;
  return `/user/packages/container/${enc}`;
}

function packageHtml(p: PackageRecord): string {
  return p.ownerType === 'Organization'
    ? `https://github.com/orgs/${p.owner}/packages/container/package/${encodeURIComponent(p.name)}`
    : `https://github.com/users/${p.owner}/packages/container/package/${encodeURIComponent(p.name)}`;
}

async function packageJson(
  ctx: HandlerContext,
  scope: PackageScope,
  p: PackageRecord,
): Promise<Record<string, unknown>> {
  const active = await ctx.world.packages.listVersions(p.owner, p.name, 'active');
  const repo = p.repository
    ? ctx.world.findRepo(p.repository.split('/')[0]!, p.repository.split('/')[1]!)
    : undefined;
  return {
    id: p.id,
    name: p.name,
    package_type: p.packageType,
    owner: userByLogin(ctx, p.owner),
    version_count: active.length,
    visibility: p.visibility === 'internal' ? 'private' : p.visibility,
    url: `${ctx.baseUrl}${packagePath(scope, p.name)}`,
    html_url: packageHtml(p),
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    ...(repo ? { repository: repoJson(ctx, repo.repo) } : {}),
  };
}

function versionJson(ctx: HandlerContext, scope: PackageScope, p: PackageRecord, v: PackageVersionRecord) {
  return {
    id: v.id,
    name: v.name,
    url: `${ctx.baseUrl}${packagePath(scope, p.name)}/versions/${v.id}`,
    package_html_url: packageHtml(p),
    html_url: `${packageHtml(p)}/${v.id}`,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
    ...(v.deletedAt ? { deleted_at: v.deletedAt } : {}),
    metadata: { package_type: 'container', container: { tags: [...v.tags] } },
  };
}

async function requirePackage(ctx: HandlerContext, scope: PackageScope): Promise<PackageRecord> {
  if (ctx.params.package_type !== 'container') {
    // The fake models the Container registry only.
    throw new HttpError(404, 'Package not found.', { documentation_url: DOCS });
  }
  const p = await ctx.world.packages.getPackage(scope.owner, str(ctx.params.package_name));
  const readable = (ctx.token.permissions.packages ?? 'admin') !== 'none';
  if (!p || !readable) throw new HttpError(404, 'Package not found.', { documentation_url: DOCS });
  return p;
}

async function listPackages(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const owner = ctx.world.findUser(scope.owner);
  if (!owner || (scope.kind === 'org') !== (owner.type === 'Organization')) throw notFound();
  if ((ctx.token.permissions.packages ?? 'admin') === 'none') {
    throw new HttpError(403, 'Resource not accessible by integration', { documentation_url: DOCS });
  }
  if (ctx.params.package_type !== 'container') return { status: 200, body: [] };
  let list = await ctx.world.packages.listPackages(scope.owner);
  if (ctx.params.visibility) list = list.filter((p) => p.visibility === ctx.params.visibility);
  list = [...list].sort((a, b) => a.id - b.id);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, body: await Promise.all(page.map((p) => packageJson(ctx, scope, p))), headers };
}

async function getPackage(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const p = await requirePackage(ctx, scope);
  return { status: 200, body: await packageJson(ctx, scope, p) };
}

async function listVersions(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const p = await requirePackage(ctx, scope);
  const state = ctx.params.state === 'deleted' ? 'deleted' : 'active';
  const list = await ctx.world.packages.listVersions(p.owner, p.name, state);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, body: page.map((v) => versionJson(ctx, scope, p, v)), headers };
}

async function getVersion(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const p = await requirePackage(ctx, scope);
  const v = await ctx.world.packages.getVersion(p.owner, p.name, num(ctx.params.package_version_id));
  if (!v) throw notFound();
  return { status: 200, body: versionJson(ctx, scope, p, v) };
}

export const PACKAGE_MESSAGES = {
  lastVersion: 'You cannot delete the last version of a package. You must delete the package instead.',
  lastTagged: 'You cannot delete the last tagged version of a package. You must delete the package instead.',
  downloads:
    'Publicly visible package versions with more than 5,000 downloads cannot be deleted. Contact GitHub support for further assistance.',
} as const;

async function deleteVersion(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const p = await requirePackage(ctx, scope);
  const v = await ctx.world.packages.getVersion(p.owner, p.name, num(ctx.params.package_version_id));
  if (!v || v.deletedAt) throw notFound();
  if ((ctx.token.permissions.packages ?? 'admin') !== 'admin') {
    // What users of GITHUB_TOKEN without admin on the package report: 404 "Package not found.".
    throw new HttpError(404, 'Package not found.', { documentation_url: DOCS });
  }
  const active = await ctx.world.packages.listVersions(p.owner, p.name, 'active');
  const why = 'GitHub answers 400 here though its description lists only 204/401/403/404';
  if (active.length <= 1)
    throw new HttpError(400, PACKAGE_MESSAGES.lastVersion, { documentation_url: DOCS }, why);
  if (v.tags.length > 0 && !active.some((o) => o.id !== v.id && o.tags.length > 0)) {
    throw new HttpError(400, PACKAGE_MESSAGES.lastTagged, { documentation_url: DOCS }, why);
  }
  if (p.visibility === 'public' && (v.downloads ?? 0) > 5000) {
    throw new HttpError(400, PACKAGE_MESSAGES.downloads, { documentation_url: DOCS }, why);
  }
  await ctx.world.packages.deleteVersion(p.owner, p.name, v.id, ctx.world.iso());
  return { status: 204 };
}

async function restoreVersion(ctx: HandlerContext): Promise<HandlerResult> {
  const scope = packageScope(ctx);
  const p = await requirePackage(ctx, scope);
  const v = await ctx.world.packages.getVersion(p.owner, p.name, num(ctx.params.package_version_id));
  if (!v || !v.deletedAt) throw notFound();
  if ((ctx.token.permissions.packages ?? 'admin') !== 'admin') {
    // What users of GITHUB_TOKEN without admin on the package report: 404 "Package not found.".
    throw new HttpError(404, 'Package not found.', { documentation_url: DOCS });
  }
  await ctx.world.packages.restoreVersion(p.owner, p.name, v.id, ctx.world.iso());
  return { status: 204 };
}

// ---------------------------------------------------------------------------------------------
// Deployments, statuses, environments

function deploymentJson(ctx: HandlerContext, r: RepoRecord, d: DeploymentRecord) {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: Buffer.from(`010:Deployment${d.id}`).toString('base64'),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: userByLogin(ctx, d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null,
  };
}

function statusJson(ctx: HandlerContext, r: RepoRecord, d: DeploymentRecord, s: DeploymentStatusRecord) {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: Buffer.from(`016:DeploymentStatus${s.id}`).toString('base64'),
    state: s.state,
    creator: userByLogin(ctx, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    log_url: s.logUrl,
    environment_url: s.environmentUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    performed_via_github_app: null,
  };
}

function environmentJson(ctx: HandlerContext, r: RepoRecord, e: EnvironmentRecord) {
  const rules: Record<string, unknown>[] = [];
  if (e.waitTimer) {
    rules.push({
      id: e.id * 10 + 1,
      node_id: `GA_wait_${e.id}`,
      type: 'wait_timer',
      wait_timer: e.waitTimer,
    });
  }
  if (e.reviewers.length) {
    rules.push({
      id: e.id * 10 + 2,
      node_id: `GA_reviewers_${e.id}`,
      type: 'required_reviewers',
      prevent_self_review: e.preventSelfReview ?? false,
      reviewers: e.reviewers.map((rv) => {
        const user = [...ctx.world.users.values()].find((u) => u.id === rv.id);
        return {
          type: rv.type,
          reviewer:
            rv.type === 'User' && user
              ? userJson(ctx, user)
              : { id: rv.id, node_id: `T_${rv.id}`, name: `team-${rv.id}`, slug: `team-${rv.id}` },
        };
      }),
    });
  }
  if (e.deploymentBranchPolicy)
    rules.push({ id: e.id * 10 + 3, node_id: `GA_branch_${e.id}`, type: 'branch_policy' });
  return {
    id: e.id,
    node_id: Buffer.from(`011:Environment${e.id}`).toString('base64'),
    name: e.name,
    url: `${ctx.baseUrl}/repos/${r.owner}/${r.name}/environments/${encodeURIComponent(e.name)}`,
    html_url: `https://github.com/${r.owner}/${r.name}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    protection_rules: rules,
    deployment_branch_policy: e.deploymentBranchPolicy,
  };
}

export function ensureEnvironment(world: World, data: RepoData, name: string): EnvironmentRecord {
  let e = data.environments.get(name);
  if (!e) {
    const at = world.iso();
    e = { id: world.id(), name, reviewers: [], deploymentBranchPolicy: null, createdAt: at, updatedAt: at };
    data.environments.set(name, e);
  }
  return e;
}

function resolveRef(repo: RepoRecord, ref: string): string | undefined {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
  return (
    repo.refs.get(ref) ??
    repo.refs.get(`heads/${ref}`) ??
    repo.refs.get(`tags/${ref}`) ??
    repo.refs.get(ref.replace(/^refs\//, ''))
  );
}

function createDeployment(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'deployments', 'write');
  const b = ctx.body;
  const ref = str(b.ref);
  const sha = resolveRef(repo, ref);
  if (!sha) {
    throw new HttpError(422, `No ref found for: ${ref}`, {
      documentation_url: `${DOCS}/deployments/deployments#create-a-deployment`,
    });
  }
  const environment = b.environment === undefined ? 'production' : str(b.environment);
  const at = ctx.world.iso();
  let payload: DeploymentRecord['payload'] = {};
  if (typeof b.payload === 'string') {
    // GitHub parses a JSON string payload and stores the object; other strings stay strings.
    try {
      const parsed: unknown = JSON.parse(b.payload);
      payload =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : b.payload;
    } catch {
      payload = b.payload;
    }
  } else if (b.payload && typeof b.payload === 'object') {
    payload = b.payload as Record<string, unknown>;
  }
  const d: DeploymentRecord = {
    id: ctx.world.id(),
    sha,
    ref,
    task: b.task === undefined ? 'deploy' : str(b.task),
    environment,
    originalEnvironment: environment,
    payload,
    description: b.description === undefined || b.description === null ? null : str(b.description),
    transientEnvironment: b.transient_environment === true,
    productionEnvironment:
      b.production_environment === undefined
        ? environment === 'production'
        : b.production_environment === true,
    creator: ctx.token.login,
    createdAt: at,
    updatedAt: at,
    statuses: [],
  };
  data.deployments.push(d);
  ensureEnvironment(ctx.world, data, environment);
  return { status: 201, body: deploymentJson(ctx, repo, d) };
}

function listDeployments(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'deployments', 'read');
  // The description's default for each filter is the string "none": no filtering.
  const filter = (name: string) => {
    const v = ctx.params[name];
    return v === undefined || v === null || v === 'none' ? undefined : str(v);
  };
  const [sha, ref, task, environment] = ['sha', 'ref', 'task', 'environment'].map(filter);
  const list = data.deployments
    .filter((d) => sha === undefined || d.sha === sha)
    .filter((d) => ref === undefined || d.ref === ref)
    .filter((d) => task === undefined || d.task === task)
    .filter((d) => environment === undefined || d.environment === environment)
    .sort((a, b) => b.id - a.id);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, body: page.map((d) => deploymentJson(ctx, repo, d)), headers };
}

function requireDeployment(ctx: HandlerContext) {
  const found = requireRepo(ctx);
  need(ctx, 'deployments', 'read');
  const d = found.data.deployments.find((x) => x.id === num(ctx.params.deployment_id));
  if (!d) throw notFound();
  return { ...found, deployment: d };
}

function getDeployment(ctx: HandlerContext): HandlerResult {
  const { repo, deployment } = requireDeployment(ctx);
  return { status: 200, body: deploymentJson(ctx, repo, deployment) };
}

function deleteDeployment(ctx: HandlerContext): HandlerResult {
  const { data, deployment } = requireDeployment(ctx);
  need(ctx, 'deployments', 'write');
  const latest = deployment.statuses.at(-1);
  const sameEnv = data.deployments.filter((d) => d.environment === deployment.environment);
  if (latest?.state === 'success' && sameEnv.length > 1) {
    throw new HttpError(
      422,
      'We cannot delete an active deployment unless it is the only deployment in a given environment.',
      {
        documentation_url: `${DOCS}/deployments/deployments#delete-a-deployment`,
      },
    );
  }
  data.deployments.splice(data.deployments.indexOf(deployment), 1);
  return { status: 204 };
}

function createStatus(ctx: HandlerContext): HandlerResult {
  const { repo, data, deployment } = requireDeployment(ctx);
  need(ctx, 'deployments', 'write');
  const b = ctx.body;
  const state = str(b.state) as DeploymentStatusRecord['state'];
  if (b.environment !== undefined) deployment.environment = str(b.environment);
  const at = ctx.world.iso();
  const s: DeploymentStatusRecord = {
    id: ctx.world.id(),
    state,
    description: b.description === undefined ? '' : str(b.description),
    environment: deployment.environment,
    environmentUrl: b.environment_url === undefined ? '' : str(b.environment_url),
    logUrl: b.log_url === undefined ? (b.target_url === undefined ? '' : str(b.target_url)) : str(b.log_url),
    targetUrl:
      b.target_url === undefined ? (b.log_url === undefined ? '' : str(b.log_url)) : str(b.target_url),
    creator: ctx.token.login,
    createdAt: at,
  };
  deployment.statuses.push(s);
  deployment.updatedAt = at;
  if (state === 'success' && b.auto_inactive !== false) {
    // GitHub marks earlier deployments of the same environment whose latest status is success inactive.
    for (const other of data.deployments) {
      if (other === deployment || other.environment !== deployment.environment || other.id > deployment.id)
        continue;
      if (other.statuses.at(-1)?.state !== 'success') continue;
      other.statuses.push({
        ...other.statuses.at(-1)!,
        id: ctx.world.id(),
        state: 'inactive',
        description: '',
        creator: ctx.token.login,
        createdAt: at,
      });
      other.updatedAt = at;
    }
  }
  return { status: 201, body: statusJson(ctx, repo, deployment, s) };
}

function listStatuses(ctx: HandlerContext): HandlerResult {
  const { repo, deployment } = requireDeployment(ctx);
  const list = [...deployment.statuses].sort((a, b) => b.id - a.id);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, body: page.map((s) => statusJson(ctx, repo, deployment, s)), headers };
}

function getStatus(ctx: HandlerContext): HandlerResult {
  const { repo, deployment } = requireDeployment(ctx);
  const s = deployment.statuses.find((x) => x.id === num(ctx.params.status_id));
  if (!s) throw notFound();
  return { status: 200, body: statusJson(ctx, repo, deployment, s) };
}

function listEnvironments(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  const all = [...data.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { page, headers } = paginate(ctx, all);
  return {
    status: 200,
    body: { total_count: all.length, environments: page.map((e) => environmentJson(ctx, repo, e)) },
    headers,
  };
}

function getEnvironment(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  const e = data.environments.get(str(ctx.params.environment_name));
  if (!e) throw notFound();
  return { status: 200, body: environmentJson(ctx, repo, e) };
}

function putEnvironment(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'environments', 'admin');
  const e = ensureEnvironment(ctx.world, data, str(ctx.params.environment_name));
  const b = ctx.body ?? {};
  if (b.wait_timer !== undefined) e.waitTimer = num(b.wait_timer);
  if (b.prevent_self_review !== undefined) e.preventSelfReview = b.prevent_self_review === true;
  if (b.reviewers !== undefined) {
    const reviewers = (b.reviewers ?? []) as { type: 'User' | 'Team'; id: number }[];
    if (reviewers.length > 6) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [
          { resource: 'Environment', field: 'reviewers', code: 'invalid', message: 'at most 6 reviewers' },
        ],
        documentation_url: DOCS,
      });
    }
    e.reviewers = reviewers;
  }
  if (b.deployment_branch_policy !== undefined) {
    e.deploymentBranchPolicy = b.deployment_branch_policy as EnvironmentRecord['deploymentBranchPolicy'];
  }
  e.updatedAt = ctx.world.iso();
  return { status: 200, body: environmentJson(ctx, repo, e) };
}

// ---------------------------------------------------------------------------------------------
// Issues, comments, pulls, compare

function commentJson(ctx: HandlerContext, r: RepoRecord, c: CommentRecord) {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  return {
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
    url: `${api}/issues/comments/${c.id}`,
    html_url: `https://github.com/${r.owner}/${r.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api}/issues/${c.issueNumber}`,
    body: c.body,
    user: userByLogin(ctx, c.user),
    author_association: 'MEMBER',
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    performed_via_github_app: null,
  };
}

function issueJson(ctx: HandlerContext, r: RepoRecord, data: RepoData, number: number) {
  const i = data.issues.get(number)!;
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  return {
    id: i.id,
    node_id: Buffer.from(`05:Issue${i.id}`).toString('base64'),
    url: `${api}/issues/${i.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${i.number}/labels{/name}`,
    comments_url: `${api}/issues/${i.number}/comments`,
    events_url: `${api}/issues/${i.number}/events`,
    html_url: `https://github.com/${r.owner}/${r.name}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: userByLogin(ctx, i.user),
    labels: i.labels.map((name, n) => ({
      id: n + 1,
      node_id: `LA_${n + 1}`,
      url: `${api}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: data.comments.filter((c) => c.issueNumber === i.number).length,
    closed_at: i.state === 'closed' ? i.updatedAt : null,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    author_association: 'MEMBER',
    ...(i.isPull
      ? {
          pull_request: {
            url: `${api}/pulls/${i.number}`,
            html_url: `https://github.com/${r.owner}/${r.name}/pull/${i.number}`,
            diff_url: `https://github.com/${r.owner}/${r.name}/pull/${i.number}.diff`,
            patch_url: `https://github.com/${r.owner}/${r.name}/pull/${i.number}.patch`,
            merged_at: null,
          },
        }
      : {}),
  };
}

function requireIssue(ctx: HandlerContext) {
  const found = requireRepo(ctx);
  const number = num(ctx.params.issue_number);
  if (!found.data.issues.has(number)) throw notFound();
  return { ...found, number };
}

function getIssue(ctx: HandlerContext): HandlerResult {
  const { repo, data, number } = requireIssue(ctx);
  need(ctx, 'issues', 'read');
  return { status: 200, body: issueJson(ctx, repo, data, number) };
}

function listComments(ctx: HandlerContext): HandlerResult {
  const { repo, data, number } = requireIssue(ctx);
  need(ctx, 'issues', 'read');
  const list = data.comments.filter((c) => c.issueNumber === number).sort((a, b) => a.id - b.id);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, body: page.map((c) => commentJson(ctx, repo, c)), headers };
}

function createComment(ctx: HandlerContext): HandlerResult {
  const { repo, data, number } = requireIssue(ctx);
  need(ctx, data.issues.get(number)!.isPull ? 'pull_requests' : 'issues', 'write');
  const at = ctx.world.iso();
  const c: CommentRecord = {
    id: ctx.world.id(),
    issueNumber: number,
    body: str(ctx.body.body),
    user: ctx.token.login,
    createdAt: at,
    updatedAt: at,
  };
  data.comments.push(c);
  return {
    status: 201,
    body: commentJson(ctx, repo, c),
    headers: { location: commentJson(ctx, repo, c).url },
  };
}

function requireComment(ctx: HandlerContext) {
  const found = requireRepo(ctx);
  const c = found.data.comments.find((x) => x.id === num(ctx.params.comment_id));
  if (!c) throw notFound();
  return { ...found, comment: c };
}

function getComment(ctx: HandlerContext): HandlerResult {
  const { repo, comment } = requireComment(ctx);
  need(ctx, 'issues', 'read');
  return { status: 200, body: commentJson(ctx, repo, comment) };
}

function updateComment(ctx: HandlerContext): HandlerResult {
  const { repo, data, comment } = requireComment(ctx);
  need(ctx, data.issues.get(comment.issueNumber)?.isPull ? 'pull_requests' : 'issues', 'write');
  comment.body = str(ctx.body.body);
  comment.updatedAt = ctx.world.iso();
  return { status: 200, body: commentJson(ctx, repo, comment) };
}

function deleteComment(ctx: HandlerContext): HandlerResult {
  const { data, comment } = requireComment(ctx);
  need(ctx, data.issues.get(comment.issueNumber)?.isPull ? 'pull_requests' : 'issues', 'write');
  data.comments.splice(data.comments.indexOf(comment), 1);
  return { status: 204 };
}

function fileJson(ctx: HandlerContext, r: RepoRecord, f: FileRecord, headSha: string) {
  const enc = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: f.sha ?? (f.status === 'removed' ? '0000000000000000000000000000000000000000' : headSha),
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `https://github.com/${r.owner}/${r.name}/blob/${headSha}/${enc}`,
    raw_url: `https://github.com/${r.owner}/${r.name}/raw/${headSha}/${enc}`,
    contents_url: `${ctx.baseUrl}/repos/${r.owner}/${r.name}/contents/${enc}?ref=${headSha}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
  };
}

function requirePull(ctx: HandlerContext) {
  const found = requireRepo(ctx);
  need(ctx, 'pull_requests', 'read');
  const p = found.data.pulls.get(num(ctx.params.pull_number));
  if (!p) throw notFound();
  return { ...found, pull: p };
}

function branchJson(ctx: HandlerContext, r: RepoRecord, side: { ref: string; sha: string }) {
  return {
    label: `${r.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: userByLogin(ctx, r.owner),
    repo: repoJson(ctx, r),
  };
}

function getPull(ctx: HandlerContext): HandlerResult {
  const { repo, pull: p } = requirePull(ctx);
  const api = `${ctx.baseUrl}/repos/${repo.owner}/${repo.name}`;
  const html = `https://github.com/${repo.owner}/${repo.name}/pull/${p.number}`;
  const additions = p.files.reduce((s, f) => s + f.additions, 0);
  const deletions = p.files.reduce((s, f) => s + f.deletions, 0);
  const href = (h: string) => ({ href: h });
  return {
    status: 200,
    body: {
      url: `${api}/pulls/${p.number}`,
      id: p.id,
      node_id: Buffer.from(`011:PullRequest${p.id}`).toString('base64'),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${api}/pulls/${p.number}/commits`,
      review_comments_url: `${api}/pulls/${p.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${p.head.sha}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: userByLogin(ctx, p.user),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.state === 'closed' ? p.updatedAt : null,
      merged_at: p.merged ? p.updatedAt : null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branchJson(ctx, repo, p.head),
      base: branchJson(ctx, repo, p.base),
      _links: {
        self: href(`${api}/pulls/${p.number}`),
        html: href(html),
        issue: href(`${api}/issues/${p.number}`),
        comments: href(`${api}/issues/${p.number}/comments`),
        review_comments: href(`${api}/pulls/${p.number}/comments`),
        review_comment: href(`${api}/pulls/comments{/number}`),
        commits: href(`${api}/pulls/${p.number}/commits`),
        statuses: href(`${api}/statuses/${p.head.sha}`),
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: p.draft,
      merged: p.merged,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions,
      deletions,
      changed_files: p.files.length,
    },
  };
}

function listPullFiles(ctx: HandlerContext): HandlerResult {
  const { repo, pull } = requirePull(ctx);
  // GitHub lists at most 3,000 files for a pull request.
  const { page, headers } = paginate(ctx, pull.files.slice(0, 3000));
  return { status: 200, body: page.map((f) => fileJson(ctx, repo, f, pull.head.sha)), headers };
}

function commitJson(ctx: HandlerContext, r: RepoRecord, sha: string, message: string) {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  const person = { name: 'Fake Author', email: 'fake@example.invalid', date: '2024-01-01T00:00:00Z' };
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: `C_${sha.slice(0, 12)}`,
    html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: person,
      committer: person,
      message,
      comment_count: 0,
      tree: { sha: sha.split('').reverse().join(''), url: `${api}/git/trees/${sha}` },
    },
    author: null,
    committer: null,
    parents: [],
  };
}

function compare(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'contents', 'read');
  const basehead =
    ctx.params.basehead !== undefined
      ? str(ctx.params.basehead)
      : `${str(ctx.params.base)}...${str(ctx.params.head)}`;
  const c = data.compares.get(basehead);
  if (!c) throw notFound();
  const baseSha = resolveRef(repo, c.base) ?? c.mergeBaseSha;
  const { page, headers } = paginate(ctx, c.commits);
  const headSha = c.commits.at(-1)?.sha ?? resolveRef(repo, c.head) ?? c.mergeBaseSha;
  return {
    status: 200,
    headers,
    body: {
      url: `${ctx.baseUrl}/repos/${repo.owner}/${repo.name}/compare/${basehead}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}/compare/${basehead}`,
      permalink_url: `https://github.com/${repo.owner}/${repo.name}/compare/${repo.owner}:${baseSha.slice(0, 7)}...${repo.owner}:${headSha.slice(0, 7)}`,
      diff_url: `https://github.com/${repo.owner}/${repo.name}/compare/${basehead}.diff`,
      patch_url: `https://github.com/${repo.owner}/${repo.name}/compare/${basehead}.patch`,
      base_commit: commitJson(ctx, repo, baseSha, 'base'),
      merge_base_commit: commitJson(ctx, repo, c.mergeBaseSha, 'merge base'),
      status: c.status,
      ahead_by: c.aheadBy,
      behind_by: c.behindBy,
      total_commits: c.commits.length,
      commits: page.map((cm) => commitJson(ctx, repo, cm.sha, cm.message)),
      files: c.files.slice(0, 300).map((f) => fileJson(ctx, repo, f, headSha)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Check runs, refs, runs, users, teams, collaborators, repos

function checkRunJson(ctx: HandlerContext, r: RepoRecord, c: CheckRunRecord) {
  const api = `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
  return {
    id: c.id,
    node_id: `CR_${c.id}`,
    head_sha: c.headSha,
    external_id: c.externalId,
    url: `${api}/check-runs/${c.id}`,
    html_url: `https://github.com/${r.owner}/${r.name}/runs/${c.id}`,
    details_url: c.detailsUrl,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: c.output.title,
      summary: c.output.summary,
      text: c.output.text,
      annotations_count: c.output.annotations.length,
      annotations_url: `${api}/check-runs/${c.id}/annotations`,
    },
    name: c.name,
    check_suite: { id: c.id },
    app: null,
    pull_requests: [],
  };
}

function applyCheckRun(ctx: HandlerContext, c: CheckRunRecord): void {
  const b = ctx.body;
  if (b.name !== undefined) c.name = str(b.name);
  if (b.details_url !== undefined) c.detailsUrl = str(b.details_url);
  if (b.external_id !== undefined) c.externalId = str(b.external_id);
  if (b.started_at !== undefined) c.startedAt = str(b.started_at);
  if (b.status !== undefined) c.status = str(b.status) as CheckRunRecord['status'];
  if (b.conclusion !== undefined) {
    c.conclusion = str(b.conclusion);
    c.status = 'completed';
  }
  if (b.completed_at !== undefined) c.completedAt = str(b.completed_at);
  if (c.status === 'completed') {
    if (!c.conclusion) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'CheckRun', field: 'conclusion', code: 'missing_field' }],
        documentation_url: DOCS,
      });
    }
    c.completedAt ??= ctx.world.iso();
  }
  const output = b.output as
    { title?: string; summary?: string; text?: string; annotations?: unknown[] } | undefined;
  if (output) {
    c.output.title = output.title ?? c.output.title;
    c.output.summary = output.summary ?? c.output.summary;
    c.output.text = output.text ?? c.output.text;
    // Annotations accumulate across updates (GitHub appends them, 50 per request).
    c.output.annotations.push(...(output.annotations ?? []));
  }
}

function createCheckRun(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'checks', 'write');
  const c: CheckRunRecord = {
    id: ctx.world.id(),
    name: str(ctx.body.name),
    headSha: str(ctx.body.head_sha),
    status: 'queued',
    conclusion: null,
    detailsUrl: null,
    externalId: null,
    startedAt: ctx.world.iso(),
    completedAt: null,
    output: { title: null, summary: null, text: null, annotations: [] },
  };
  applyCheckRun(ctx, c);
  data.checkRuns.set(c.id, c);
  return { status: 201, body: checkRunJson(ctx, repo, c) };
}

function requireCheckRun(ctx: HandlerContext) {
  const found = requireRepo(ctx);
  const c = found.data.checkRuns.get(num(ctx.params.check_run_id));
  if (!c) throw notFound();
  return { ...found, check: c };
}

function updateCheckRun(ctx: HandlerContext): HandlerResult {
  const { repo, check } = requireCheckRun(ctx);
  need(ctx, 'checks', 'write');
  applyCheckRun(ctx, check);
  return { status: 200, body: checkRunJson(ctx, repo, check) };
}

function getCheckRun(ctx: HandlerContext): HandlerResult {
  const { repo, check } = requireCheckRun(ctx);
  need(ctx, 'checks', 'read');
  return { status: 200, body: checkRunJson(ctx, repo, check) };
}

function matchingRefs(ctx: HandlerContext): HandlerResult {
  const { repo } = requireRepo(ctx);
  need(ctx, 'contents', 'read');
  const prefix = str(ctx.params.ref).replace(/^refs\//, '');
  const api = `${ctx.baseUrl}/repos/${repo.owner}/${repo.name}`;
  const list = [...repo.refs.entries()]
    .filter(([name]) => name.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, sha]) => ({
      ref: `refs/${name}`,
      node_id: `REF_${Buffer.from(name).toString('base64')}`,
      url: `${api}/git/refs/${name}`,
      object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
    }));
  return { status: 200, body: list };
}

function getRun(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  need(ctx, 'actions', 'read');
  const run = data.runs.get(num(ctx.params.run_id));
  if (!run) throw notFound();
  const api = `${ctx.baseUrl}/repos/${repo.owner}/${repo.name}`;
  return {
    status: 200,
    body: {
      id: run.id,
      name: run.name,
      node_id: `WFR_${run.id}`,
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: '.github/workflows/deploy.yml',
      display_title: run.name,
      run_number: run.runNumber,
      run_attempt: run.runAttempt,
      event: run.event,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: 1,
      url: `${api}/actions/runs/${run.id}`,
      html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      jobs_url: `${api}/actions/runs/${run.id}/jobs`,
      logs_url: `${api}/actions/runs/${run.id}/logs`,
      check_suite_url: `${api}/check-suites/${run.id}`,
      artifacts_url: `${api}/actions/runs/${run.id}/artifacts`,
      cancel_url: `${api}/actions/runs/${run.id}/cancel`,
      rerun_url: `${api}/actions/runs/${run.id}/rerun`,
      workflow_url: `${api}/actions/workflows/1`,
      head_commit: null,
      repository: repoJson(ctx, repo),
      head_repository: repoJson(ctx, repo),
    },
  };
}

function getUser(ctx: HandlerContext): HandlerResult {
  const u = ctx.world.findUser(str(ctx.params.username));
  if (!u) throw notFound();
  return {
    status: 200,
    body: {
      ...userJson(ctx, u),
      name: u.name ?? null,
      company: null,
      blog: null,
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    },
  };
}

function teamMembership(ctx: HandlerContext): HandlerResult {
  need(ctx, 'members', 'read');
  const org = str(ctx.params.org);
  const team = ctx.world.teams.get(org.toLowerCase())?.get(str(ctx.params.team_slug).toLowerCase());
  const m = team?.get(str(ctx.params.username).toLowerCase());
  if (!m) throw notFound();
  const u = ctx.world.user(str(ctx.params.username));
  return {
    status: 200,
    body: {
      url: `${ctx.baseUrl}/organizations/1/team/1/memberships/${u.login}`,
      role: m.role,
      state: m.state,
    },
  };
}

function collaboratorPermission(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  const u = ctx.world.findUser(str(ctx.params.username));
  if (!u) throw notFound();
  const role =
    data.collaborators.get(u.login.toLowerCase()) ??
    (u.login.toLowerCase() === repo.owner.toLowerCase() ? 'admin' : 'none');
  // The legacy `permission` field folds maintain into write and triage into read.
  const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
  return {
    status: 200,
    body: {
      permission,
      role_name: role,
      user: {
        ...userJson(ctx, u),
        permissions: {
          admin: role === 'admin',
          maintain: role === 'maintain' || role === 'admin',
          push: ['admin', 'maintain', 'write'].includes(role),
          triage: role !== 'none' && role !== 'read',
          pull: role !== 'none',
        },
        role_name: role,
      },
    },
  };
}

function getRepo(ctx: HandlerContext): HandlerResult {
  const { repo, data } = requireRepo(ctx);
  return {
    status: 200,
    body: {
      ...repoJson(ctx, repo),
      forks: 0,
      forks_count: 0,
      open_issues: data.issues.size,
      open_issues_count: data.issues.size,
      watchers: 0,
      watchers_count: 0,
      stargazers_count: 0,
      size: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      network_count: 0,
      subscribers_count: 0,
    },
  };
}

/** operationId -> handler: everything the fake models. Other operations answer 501. */
export const HANDLERS: Record<string, Handler> = {
  'packages/list-packages-for-organization': listPackages,
  'packages/list-packages-for-user': listPackages,
  'packages/list-packages-for-authenticated-user': listPackages,
  'packages/get-package-for-organization': getPackage,
  'packages/get-package-for-user': getPackage,
  'packages/get-package-for-authenticated-user': getPackage,
  'packages/get-all-package-versions-for-package-owned-by-org': listVersions,
  'packages/get-all-package-versions-for-package-owned-by-user': listVersions,
  'packages/get-all-package-versions-for-package-owned-by-authenticated-user': listVersions,
  'packages/get-package-version-for-organization': getVersion,
  'packages/get-package-version-for-user': getVersion,
  'packages/get-package-version-for-authenticated-user': getVersion,
  'packages/delete-package-version-for-org': deleteVersion,
  'packages/delete-package-version-for-user': deleteVersion,
  'packages/delete-package-version-for-authenticated-user': deleteVersion,
  'packages/restore-package-version-for-org': restoreVersion,
  'packages/restore-package-version-for-user': restoreVersion,
  'packages/restore-package-version-for-authenticated-user': restoreVersion,
  'repos/create-deployment': createDeployment,
  'repos/list-deployments': listDeployments,
  'repos/get-deployment': getDeployment,
  'repos/delete-deployment': deleteDeployment,
  'repos/create-deployment-status': createStatus,
  'repos/list-deployment-statuses': listStatuses,
  'repos/get-deployment-status': getStatus,
  'repos/get-all-environments': listEnvironments,
  'repos/get-environment': getEnvironment,
  'repos/create-or-update-environment': putEnvironment,
  'issues/get': getIssue,
  'issues/list-comments': listComments,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
  'pulls/get': getPull,
  'pulls/list-files': listPullFiles,
  'repos/compare-commits': compare,
  'repos/compare-commits-with-basehead': compare,
  'checks/create': createCheckRun,
  'checks/update': updateCheckRun,
  'checks/get': getCheckRun,
  'git/list-matching-refs': matchingRefs,
  'actions/get-workflow-run': getRun,
  'users/get-by-username': getUser,
  'teams/get-membership-for-user-in-org': teamMembership,
  'repos/get-collaborator-permission-level': collaboratorPermission,
  'repos/get': getRepo,
};
