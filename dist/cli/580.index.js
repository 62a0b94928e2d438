export const id = 580;
export const ids = [580];
export const modules = {

/***/ 7565:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cy: () => (/* binding */ readCommon),
/* harmony export */   Jj: () => (/* binding */ readDeployInputs),
/* harmony export */   RO: () => (/* binding */ optionalBool),
/* harmony export */   WI: () => (/* binding */ optionalNumber),
/* harmony export */   mF: () => (/* binding */ readLock),
/* harmony export */   pG: () => (/* binding */ HEALTH_INPUTS)
/* harmony export */ });
/* unused harmony export readPromotionAndLock */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);

const HEALTH_INPUTS = [
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
];
function optionalNumber(read, name, min = 0) {
    const v = read(name).trim();
    if (!v)
        return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be a number of at least ${min}, got '${v}'`, name);
    return n;
}
function optionalBool(read, name) {
    const v = read(name).trim().toLowerCase();
    if (!v)
        return undefined;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be true or false, got '${v}'`, name);
}
function required(read, name) {
    const v = read(name).trim();
    if (!v)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('is required', name);
    return v;
}
function readCommon(read, env) {
    const app = required(read, 'app');
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(app))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be lower-case letters, digits, '.', '_' or '-', got '${app}'`, 'app');
    const health = {};
    for (const k of HEALTH_INPUTS)
        health[k] = read(`health-${k}`).trim();
    const out = {
        app,
        environment: read('environment').trim() || 'production',
        config: read('config').trim() || '.github/slipway-deploy.yml',
        health,
        githubToken: read('github-token').trim(),
        recordDeployment: optionalBool(read, 'record-deployment') ?? true,
        ref: read('ref').trim() || env.GITHUB_SHA || env.GITHUB_REF || 'HEAD',
    };
    const reason = read('reason').trim();
    if (reason)
        out.reason = reason;
    return out;
}
/** Every deploy input, validated, before anything happens. */
function readDeployInputs(read, env) {
    const common = readCommon(read, env);
    const image = required(read, 'image');
    if (/\s/.test(image))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be an image reference, got '${image}'`, 'image');
    const out = { ...common, image, ...readPromotionAndLock(read) };
    const target = read('target').trim();
    if (target)
        out.target = target;
    const bake = optionalNumber(read, 'bake-seconds');
    if (bake !== undefined)
        out.bakeSeconds = bake;
    const warm = optionalNumber(read, 'keep-warm-minutes');
    if (warm !== undefined)
        out.keepWarmMinutes = warm;
    const ar = optionalBool(read, 'auto-rollback');
    if (ar !== undefined)
        out.autoRollback = ar;
    const smoke = read('smoke-command').trim();
    if (smoke)
        out.smokeCommand = smoke;
    const ve = read('version-expect').trim();
    if (ve)
        out.versionExpect = ve;
    return out;
}
/** The deploy lock inputs (`lock`, `lock-wait-minutes`, `lock-ttl-minutes`) of every action that holds it. */
function readLock(read) {
    return {
        enabled: optionalBool(read, 'lock') ?? true,
        waitMs: (optionalNumber(read, 'lock-wait-minutes') ?? 10) * 60_000,
        ttlMs: (optionalNumber(read, 'lock-ttl-minutes', 1) ?? 60) * 60_000,
    };
}
/** The promotion and lock inputs of the deploy action. */
function readPromotionAndLock(read) {
    const promotion = read('promotion').trim() || 'auto';
    if (promotion !== 'auto' && promotion !== 'manual')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be auto or manual, got '${promotion}'`, 'promotion');
    return { promotion, lock: readLock(read) };
}


/***/ }),

/***/ 1562:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GG: () => (/* binding */ effectsFor),
  Ye: () => (/* binding */ loadEnvironment),
  gO: () => (/* binding */ logUrl),
  iW: () => (/* binding */ main),
  ub: () => (/* binding */ recorderFor),
  "if": () => (/* binding */ reportResult),
  Jg: () => (/* binding */ withDeployLock)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/deploy/config.js
var config = __webpack_require__(7794);
// EXTERNAL MODULE: ./.tmp/build/deploy/engine.js
var engine = __webpack_require__(9870);
// EXTERNAL MODULE: ./.tmp/build/deploy/github-recorder.js
var github_recorder = __webpack_require__(5914);
// EXTERNAL MODULE: ./.tmp/build/deploy/plan.js
var deploy_plan = __webpack_require__(1819);
;// CONCATENATED MODULE: ./.tmp/build/deploy/summary.js
const VERDICT = {
    success: '✅',
    'failed-before-switch': '❌',
    'rolled-back': '↩️',
    failed: '❌',
};
function secs(ms) {
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function renderSummary(title, r) {
    const lines = [
        `### ${VERDICT[r.outcome]} ${cell(title)}: ${cell(r.message)}`,
        '',
        '| phase | result | duration | detail |',
        '|---|---|---|---|',
        ...r.phases.map((p) => `| ${p.phase} | ${p.ok ? 'ok' : 'failed'} | ${secs(p.ms)} | ${cell(p.detail)} |`),
        '',
    ];
    const facts = [
        `color: \`${r.color ?? 'none'}\``,
        `previous color: \`${r.previousColor ?? 'none'}\``,
        `image: \`${r.image}\``,
        `previous image: \`${r.previousImage ?? 'none'}\``,
        `url: ${r.url}`,
    ];
    if (r.deploymentId)
        facts.push(`deployment: ${r.deploymentId}`);
    if (r.rollbackDeploymentId)
        facts.push(`rollback recorded as deployment ${r.rollbackDeploymentId}`);
    if (r.switchMs !== undefined)
        facts.push(`switch: ${secs(r.switchMs)}`);
    if (r.rollbackMs !== undefined)
        facts.push(`rollback: ${secs(r.rollbackMs)}`);
    lines.push(`<details><summary>Details</summary>\n\n${facts.map((f) => `- ${f}`).join('\n')}\n\n</details>`, '');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
;// CONCATENATED MODULE: ./.tmp/build/deploy/lock.js
/**
 * One deploy per app and environment at a time: a lock stored *on the target* (a Kubernetes
 * ConfigMap annotation, a swarm service label), so two CI systems deploying to the same place
 * cannot both hold it, whatever their own concurrency settings say.
 *
 * The lock names its owner (the Actions run id and repository), when it was taken and when it
 * expires (TTL). A lock held by someone else is
 * - waited for (polling, up to `waitMs`), then refused with a message naming the owner's run;
 * - taken over at once when the owning run has ended (asked through the Actions API: a cancelled
 *   or crashed run never released it), or when its TTL has passed and the run is not known to be
 *   still running.
 * Every write is conditional (create-if-absent, replace-if-unchanged), so of two deploys racing
 * for a free or stale lock exactly one wins. A lock text that cannot be read is a UserError
 * naming where it is stored: nothing is changed, a human looks at it.
 *
 * Pure: the store, the run lookup, the clock and sleep come in as effects.
 */

const PREFIX = 'slipway-lock/v1 ';
function formatLock(r) {
    return PREFIX + JSON.stringify(r);
}
/** Parses a stored lock; anything else is a UserError naming where it is stored. */
function parseLock(raw, where) {
    const fail = (why) => {
        throw new errors/* UserError */.yo(`malformed deploy lock (${why}): ${JSON.stringify(raw.slice(0, 120))}; fix or delete it by hand once no deploy runs`, where);
    };
    if (!raw.startsWith(PREFIX))
        fail(`expected it to start with '${PREFIX.trim()}'`);
    let v;
    try {
        v = JSON.parse(raw.slice(PREFIX.length));
    }
    catch {
        return fail('not JSON after the prefix');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return fail('not a JSON object');
    const o = v;
    for (const k of ['owner', 'repo', 'app', 'environment', 'acquiredAt', 'expiresAt'])
        if (typeof o[k] !== 'string' || !o[k])
            fail(`field '${k}' missing or not a string`);
    for (const k of ['acquiredAt', 'expiresAt'])
        if (Number.isNaN(Date.parse(o[k])))
            fail(`field '${k}' is not a time`);
    if (o.runUrl !== undefined && typeof o.runUrl !== 'string')
        fail(`field 'runUrl' is not a string`);
    return o;
}
/** Maps an Actions run status onto running/ended. */
function runStateOf(run) {
    if (!run)
        return 'ended'; // deleted runs hold nothing
    return run.status === 'completed' ? 'ended' : 'running';
}
/** Decides what to do about a lock `held` by someone, given the owning run's state. */
function judgeLock(held, me, now, run) {
    if (held.owner === me.owner && held.repo === me.repo)
        return 'mine';
    if (run === 'ended')
        return 'take-over-ended';
    if (run !== 'running' && Date.parse(held.expiresAt) <= now)
        return 'take-over-expired';
    return 'wait';
}
function describe(r) {
    return `run ${r.owner} of ${r.repo}${r.runUrl ? ` (${r.runUrl})` : ''} since ${r.acquiredAt}`;
}
/** Thrown (as a UserError, a clear one-liner) when the lock stays held by a running deploy. */
class LockHeldError extends errors/* UserError */.yo {
    holder;
    constructor(message, holder) {
        super(message, 'lock');
        this.holder = holder;
    }
}
async function ownerState(held, fx) {
    if (!fx.lookupRun)
        return 'unknown';
    try {
        return runStateOf(await fx.lookupRun(held.repo, held.owner));
    }
    catch (e) {
        fx.log.warning(`could not ask the Actions API about run ${held.owner}: ${e.message}`);
        return 'unknown';
    }
}
async function acquireLock(req, fx) {
    const started = fx.now();
    const mine = () => {
        const now = fx.now();
        const r = {
            owner: req.owner,
            repo: req.repo,
            app: req.app,
            environment: req.environment,
            acquiredAt: new Date(now).toISOString(),
            expiresAt: new Date(now + req.ttlMs).toISOString(),
        };
        if (req.runUrl)
            r.runUrl = req.runUrl;
        return r;
    };
    let announced = false;
    for (;;) {
        const current = await fx.store.read();
        if (!current) {
            const record = mine();
            if ((await fx.store.create(formatLock(record))) === 'ok') {
                const back = await fx.store.read();
                if (!back)
                    continue;
                return { record, version: back.version, waitedMs: fx.now() - started };
            }
            continue; // someone created it first: look at theirs
        }
        const held = parseLock(current.raw, fx.store.where);
        const verdict = judgeLock(held, req, fx.now(), await ownerState(held, fx));
        if (verdict !== 'wait') {
            const record = mine();
            if ((await fx.store.replace(formatLock(record), current.version)) !== 'ok')
                continue; // lost a race: re-read
            const back = await fx.store.read();
            if (!back)
                continue;
            if (verdict === 'mine')
                return { record, version: back.version, waitedMs: fx.now() - started };
            const why = verdict === 'take-over-ended' ? 'ended' : 'expired';
            fx.log.warning(`took over the ${req.environment} deploy lock of ${req.app} from ${describe(held)}: ${why === 'ended' ? 'that run has ended without releasing it' : `it expired at ${held.expiresAt}`}`);
            return { record, version: back.version, tookOver: { record: held, why }, waitedMs: fx.now() - started };
        }
        const waited = fx.now() - started;
        if (waited >= req.waitMs)
            throw new LockHeldError(`another deploy of ${req.app} to ${req.environment} holds the lock: ${describe(held)}, expires ${held.expiresAt}` +
                (req.waitMs > 0 ? `; waited ${Math.round(waited / 1000)} s` : '') +
                ` (lock: ${fx.store.where})`, held);
        if (!announced) {
            fx.log.info(`waiting for the ${req.environment} deploy lock of ${req.app}, held by ${describe(held)}`);
            announced = true;
        }
        await fx.sleep(Math.min(req.pollMs, req.waitMs - waited));
    }
}
/**
 * Releases the lock if this owner holds it (on success, failure and cancellation alike). A lock
 * held by someone else is left alone; a malformed one too (reported, not thrown: releasing must
 * never fail a cleanup step).
 */
async function releaseLock(me, fx) {
    const current = await fx.store.read();
    if (!current)
        return 'not-held';
    let held;
    try {
        held = parseLock(current.raw, fx.store.where);
    }
    catch (e) {
        fx.log.warning(e.message);
        return 'held-by-other';
    }
    if (held.owner !== me.owner || held.repo !== me.repo)
        return 'held-by-other';
    const r = await fx.store.remove(current.version);
    return r === 'conflict' ? 'held-by-other' : r === 'missing' ? 'not-held' : 'released';
}

// EXTERNAL MODULE: ./.tmp/build/deploy/promotion.js
var promotion = __webpack_require__(543);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/inputs.js
var deploy_inputs = __webpack_require__(7565);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/secrets.js
var secrets = __webpack_require__(795);
;// CONCATENATED MODULE: ./.tmp/build/actions/deploy/main.js












function loadEnvironment(io, inputs) {
    const ws = io.env.GITHUB_WORKSPACE ?? process.cwd();
    const file = (0,external_node_path_.isAbsolute)(inputs.config) ? inputs.config : (0,external_node_path_.join)(ws, inputs.config);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new errors/* UserError */.yo(`config file ${inputs.config} does not exist`, 'config');
    const cfg = (0,config/* parseDeployConfig */.dM)((0,external_node_fs_.readFileSync)(file, 'utf8'), inputs.config);
    return (0,config/* selectEnvironment */.aP)(cfg, inputs.app, inputs.environment);
}
function recorderFor(io, inputs, deps) {
    if (!inputs.recordDeployment)
        return new github_recorder/* MemoryRecorder */.o();
    const repo = io.env.GITHUB_REPOSITORY;
    if (!inputs.githubToken)
        throw new errors/* UserError */.yo('is required to record GitHub Deployments (or set record-deployment: false)', 'github-token');
    if (!repo || !repo.includes('/'))
        throw new errors/* UserError */.yo('GITHUB_REPOSITORY is not set: cannot record GitHub Deployments', 'record-deployment');
    return deps.githubRecorder(inputs.githubToken, repo);
}
function logUrl(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
function effectsFor(io, deps, target, recorder) {
    return {
        target,
        recorder,
        probe: deps.probe,
        smoke: deps.smoke,
        now: deps.now,
        sleep: deps.sleep,
        log: { info: (m) => io.info(m), warning: (m) => io.warning(m), group: (n, fn) => io.group(n, fn) },
    };
}
async function reportResult(io, title, r) {
    io.setOutput('phase', r.phase);
    io.setOutput('outcome', r.outcome);
    io.setOutput('color', r.color ?? '');
    io.setOutput('previous-color', r.previousColor ?? '');
    io.setOutput('image', r.image);
    io.setOutput('previous-image', r.previousImage ?? '');
    io.setOutput('url', r.url);
    io.setOutput('deployment-id', r.deploymentId ?? '');
    io.setOutput('rollback-deployment-id', r.rollbackDeploymentId ?? '');
    await io.summary(renderSummary(title, r));
    if (r.outcome === 'rolled-back') {
        io.annotate('error', r.message, { title: `${title}: rolled back` });
    }
    if (r.outcome !== 'success')
        throw new errors/* UserError */.yo(r.message);
}
async function main(io, deps) {
    const inputs = (0,deploy_inputs/* readDeployInputs */.Jj)((n) => io.getInput(n), io.env);
    const env = loadEnvironment(io, inputs);
    const factory = deps.factories[env.target];
    if (!factory)
        throw new errors/* UserError */.yo(`target '${env.target}' is not available in this version`, env.where);
    const recorder = recorderFor(io, inputs, deps);
    (0,secrets/* maskSecrets */.Q)(io, env);
    const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
    const plan = (0,deploy_plan/* buildDeployPlan */.Vd)(env, {
        image: inputs.image,
        target: inputs.target,
        health: inputs.health,
        bakeSeconds: inputs.bakeSeconds,
        keepWarmMinutes: inputs.keepWarmMinutes,
        autoRollback: inputs.autoRollback,
        smokeCommand: inputs.smokeCommand,
        versionExpect: inputs.versionExpect,
        reason: inputs.reason,
        ref: inputs.ref,
        logUrl: logUrl(io.env),
    }, runtime);
    const fx = effectsFor(io, deps, target, recorder);
    await withDeployLock(io, deps, env, inputs, async () => {
        if (inputs.promotion === 'manual') {
            const api = inputs.githubToken && inputs.recordDeployment && io.env.GITHUB_REPOSITORY
                ? deps.promotionApi?.(inputs.githubToken, io.env.GITHUB_REPOSITORY)
                : undefined;
            const c = await (0,promotion/* runCandidate */.pl)(plan, fx, api);
            io.setOutput('phase', 'verify-idle');
            io.setOutput('outcome', c.outcome);
            io.setOutput('color', c.live ?? '');
            io.setOutput('previous-color', c.live ?? '');
            io.setOutput('image', c.image);
            io.setOutput('previous-image', c.previousImage ?? '');
            io.setOutput('url', c.url);
            io.setOutput('deployment-id', c.deploymentId ?? '');
            io.setOutput('candidate-color', c.color);
            await io.summary([
                c.outcome === 'awaiting-promotion'
                    ? `### ⏸ deploy ${env.app} to ${env.environment}: ${c.color} ready, awaiting promotion`
                    : `### ❌ deploy ${env.app} to ${env.environment}: candidate not ready`,
                '',
                c.message,
                ...(c.superseded.length ? ['', `Superseded candidates: ${c.superseded.join(', ')}.`] : []),
                '',
            ].join('\n'));
            if (c.outcome !== 'awaiting-promotion')
                throw new errors/* UserError */.yo(c.message);
            return;
        }
        const result = await (0,engine/* runDeploy */.z)(plan, fx);
        await reportResult(io, `deploy ${env.app} to ${env.environment}`, result);
    }, plan.release.image);
}
/**
 * Runs `fn` holding the deploy lock of this app and environment on its target (when the target
 * has one and `lock` is on): waits for or takes over the lock first, releases it afterwards and
 * when the job is cancelled.
 */
async function withDeployLock(io, deps, env, inputs, fn, image) {
    const repo = io.env.GITHUB_REPOSITORY ?? 'local/local';
    const owner = io.env.GITHUB_RUN_ID ?? `local-${process.pid}`;
    const store = inputs.lock.enabled ? deps.lockStore?.(env, image) : undefined;
    if (!store)
        return fn();
    const held = await acquireLock({
        owner,
        repo,
        runUrl: logUrl(io.env),
        app: env.app,
        environment: env.environment,
        ttlMs: inputs.lock.ttlMs,
        waitMs: inputs.lock.waitMs,
        pollMs: 5000,
    }, {
        store,
        lookupRun: inputs.githubToken ? deps.lookupRun?.(inputs.githubToken) : undefined,
        now: deps.now,
        sleep: deps.sleep,
        log: { info: (m) => io.info(m), warning: (m) => io.warning(m) },
    });
    io.info(`deploy lock held (${store.where}) until ${held.record.expiresAt}`);
    deps.onCancel?.(async () => {
        await releaseLock({ owner, repo }, { store, log: { info: () => { }, warning: () => { } } });
    });
    try {
        return await fn();
    }
    finally {
        const r = await releaseLock({ owner, repo }, { store, log: { info: (m) => io.info(m), warning: (m) => io.warning(m) } });
        if (r === 'released')
            io.info('deploy lock released');
    }
}


/***/ }),

/***/ 795:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ maskSecrets)
/* harmony export */ });
/** Values copied from the step's environment into the app (env-from) are secrets: mask them. */
function maskSecrets(io, env) {
    for (const name of env.docker?.envFrom ?? []) {
        const v = io.env[name];
        if (v)
            io.setSecret(v);
    }
}


/***/ }),

/***/ 5580:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMON_OPTIONS: () => (/* binding */ COMMON_OPTIONS),
  cliDeps: () => (/* binding */ cliDeps),
  cliPromotionApi: () => (/* binding */ cliPromotionApi),
  command: () => (/* binding */ command),
  terminalIO: () => (/* binding */ terminalIO)
});

// EXTERNAL MODULE: ./.tmp/build/actions/deploy/main.js + 2 modules
var main = __webpack_require__(1562);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/inputs.js
var inputs = __webpack_require__(7565);
;// CONCATENATED MODULE: ./.tmp/build/deploy/promotion-github.js
function payloadOf(p) {
    let v = p;
    if (typeof v === 'string') {
        try {
            v = JSON.parse(v);
        }
        catch {
            return undefined;
        }
    }
    const s = v?.slipway;
    return s && typeof s === 'object' ? s : undefined;
}
function promotion_github_status(e) {
    return e?.status;
}
class GitHubPromotionApi {
    client;
    owner;
    repo;
    constructor(client, owner, repo) {
        this.client = client;
        this.owner = owner;
        this.repo = repo;
    }
    async candidates(app, environment) {
        const { data } = await this.client.request('GET /repos/{owner}/{repo}/deployments', {
            owner: this.owner,
            repo: this.repo,
            environment,
            per_page: 30,
        });
        const out = [];
        for (const d of data) {
            const payload = payloadOf(d.payload);
            if (!payload || payload.app !== app)
                continue;
            const st = await this.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                owner: this.owner,
                repo: this.repo,
                deployment_id: d.id,
                per_page: 1,
            });
            const latest = st.data[0];
            const c = { id: String(d.id), payload };
            if (d.created_at)
                c.createdAt = d.created_at;
            if (latest) {
                c.state = latest.state;
                if (latest.description)
                    c.description = latest.description;
            }
            out.push(c);
        }
        return out;
    }
    async setStatus(id, state, description, logUrl) {
        const params = {
            owner: this.owner,
            repo: this.repo,
            deployment_id: Number(id),
            state,
            description: description.slice(0, 140),
            auto_inactive: false,
        };
        if (logUrl)
            params.log_url = logUrl;
        await this.client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', params);
    }
    async userExists(login) {
        try {
            await this.client.request('GET /users/{username}', { username: login });
            return true;
        }
        catch (e) {
            if (promotion_github_status(e) === 404)
                return false;
            throw e;
        }
    }
    async teamMembership(org, slug, login) {
        try {
            const { data } = await this.client.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
                org,
                team_slug: slug,
                username: login,
            });
            return data.state === 'active' ? 'active' : 'pending';
        }
        catch (e) {
            if (promotion_github_status(e) === 404)
                return 'none';
            throw e;
        }
    }
    async requiredReviewers(environment) {
        let data;
        try {
            ({ data } = await this.client.request('GET /repos/{owner}/{repo}/environments/{environment_name}', {
                owner: this.owner,
                repo: this.repo,
                environment_name: environment,
            }));
        }
        catch (e) {
            if (promotion_github_status(e) === 404)
                return undefined;
            throw e;
        }
        const rules = data.protection_rules;
        const rule = rules?.find((r) => r.type === 'required_reviewers');
        if (!rule?.reviewers?.length)
            return undefined;
        const users = [];
        const teams = [];
        for (const r of rule.reviewers) {
            if (r.type === 'Team')
                teams.push(String(r.reviewer?.slug ?? r.reviewer?.name ?? '?'));
            else
                users.push(String(r.reviewer?.login ?? '?'));
        }
        return { users, teams };
    }
}

// EXTERNAL MODULE: ./.tmp/build/deploy/github-recorder.js
var github_recorder = __webpack_require__(5914);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./.tmp/build/runner/docker-target-exec.js
/** Runs a command (docker, nginx, a smoke command) with a timeout; never through a shell unless asked. */

function run(file, args, opts = {}) {
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_.execFile)(file, args, {
            env: opts.env ?? process.env,
            timeout: opts.timeoutMs ?? 120_000,
            maxBuffer: 16 * 1024 * 1024,
            encoding: 'utf8',
        }, (err, stdout, stderr) => {
            let code = 0;
            if (err) {
                const e = err;
                if (typeof e.code === 'number')
                    code = e.code;
                else {
                    code = 127;
                    stderr = `${stderr}${stderr ? '\n' : ''}${e.killed ? `timed out after ${opts.timeoutMs} ms` : e.message}`;
                }
            }
            resolve({ code, stdout, stderr });
        });
        if (opts.input !== undefined)
            child.stdin?.end(opts.input);
    });
}
/** Runs a shell command line (the user's smoke command), output combined, tail kept. */
function runShell(command, env, timeoutMs) {
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_.spawn)('sh', ['-c', command], {
            env: { ...process.env, ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        const add = (d) => {
            output = (output + d.toString('utf8')).slice(-8192);
        };
        child.stdout.on('data', add);
        child.stderr.on('data', add);
        const timer = setTimeout(() => {
            output += `\n(timed out after ${timeoutMs} ms)`;
            child.kill('SIGKILL');
        }, timeoutMs);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? (signal ? 128 : 1), output });
        });
        child.on('error', (e) => {
            clearTimeout(timer);
            resolve({ code: 127, output: e.message });
        });
    });
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./.tmp/build/deploy/target.js
var target = __webpack_require__(313);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./.tmp/build/runner/proxy-haproxy.js
/**
 * HAProxy through its runtime API (the admin socket): no reload, no dropped connections. The
 * backend has one server per color; switching sets the new color's server `ready` first and
 * then puts the old one in `maint`, so there is never a moment without a server. In-flight
 * requests on the old server finish.
 *
 *   backend shop
 *     server blue  127.0.0.1:8081
 *     server green 127.0.0.1:8082 disabled
 */




/** Sends one command over the admin socket and returns HAProxy's answer. */
function haproxyCommand(socket, command, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
        const conn = external_node_net_.createConnection(socket);
        let out = '';
        const timer = setTimeout(() => {
            conn.destroy();
            reject(new target/* TargetError */.I0(`HAProxy did not answer '${command}' within ${timeoutMs} ms`, 'switch'));
        }, timeoutMs);
        conn.setEncoding('utf8');
        conn.on('connect', () => conn.end(`${command}\n`));
        conn.on('data', (d) => (out += d));
        conn.on('error', (e) => {
            clearTimeout(timer);
            reject(new target/* TargetError */.I0(`HAProxy admin socket ${socket}: ${e.message}`, 'switch'));
        });
        conn.on('close', () => {
            clearTimeout(timer);
            resolve(out);
        });
    });
}
/** Parses `show servers state <backend>` into server name → {admin state, operational state, addr, port}. */
function parseServersState(text) {
    const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const out = new Map();
    for (const l of lines.slice(1)) {
        // be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port ...
        const f = l.trim().split(/\s+/);
        if (f.length < 19)
            continue;
        out.set(f[3], { addr: f[4], op: Number(f[5]), admin: Number(f[6]), port: Number(f[18]) });
    }
    return out;
}
class HaproxyRouter {
    cfg;
    kind = 'haproxy';
    constructor(cfg) {
        this.cfg = cfg;
    }
    async cmd(command) {
        const out = (await haproxyCommand(this.cfg.socket, command)).trim();
        // The runtime API answers success with an empty line (or a note); errors are plain text.
        if (/^(No such|Unknown|Can't|Require|Permission denied)|not found|invalid|failed/im.test(out)) {
            throw new target/* TargetError */.I0(`HAProxy refused '${command}': ${out.split('\n')[0]}`, 'switch');
        }
        return out;
    }
    async prepare() {
        const { socket, backend, servers } = this.cfg;
        if (!(0,external_node_fs_.existsSync)(socket))
            throw new errors/* UserError */.yo(`HAProxy admin socket ${socket} does not exist`, 'proxy.socket');
        if (!(0,external_node_fs_.statSync)(socket).isSocket())
            throw new errors/* UserError */.yo(`${socket} is not a unix socket`, 'proxy.socket');
        let state;
        try {
            state = await haproxyCommand(socket, `show servers state ${backend}`);
        }
        catch (e) {
            throw new errors/* UserError */.yo(`cannot talk to HAProxy: ${e.message}`, 'proxy.socket');
        }
        if (/Can't find backend|No such backend/i.test(state))
            throw new errors/* UserError */.yo(`HAProxy has no backend '${backend}'`, 'proxy.backend');
        if (/Permission denied/i.test(state)) {
            throw new errors/* UserError */.yo(`the socket is not at admin level (stats socket ... level admin)`, 'proxy.socket');
        }
        const parsed = parseServersState(state);
        for (const c of ['blue', 'green']) {
            if (!parsed.has(servers[c])) {
                throw new errors/* UserError */.yo(`HAProxy backend '${backend}' has no server '${servers[c]}' for ${c}`, 'proxy.servers');
            }
        }
    }
    async switch(to, endpoint) {
        const { backend, servers } = this.cfg;
        const other = to === 'blue' ? 'green' : 'blue';
        const u = new URL(endpoint.url);
        const port = u.port || (u.protocol === 'https:' ? '443' : '80');
        // Point the color's server at where it runs (idempotent), bring it in, then drain the other.
        await this.cmd(`set server ${backend}/${servers[to]} addr ${u.hostname} port ${port}`);
        await this.cmd(`set server ${backend}/${servers[to]} state ready`);
        // With `check` on the server, HAProxy only sends traffic once its own check passes: wait for
        // the server to be running before draining the other one, so there is always a server up.
        await this.waitRunning(servers[to]);
        await this.cmd(`set server ${backend}/${servers[other]} state maint`);
    }
    async waitRunning(server, timeoutMs = 15_000) {
        const t0 = Date.now();
        for (;;) {
            const st = parseServersState(await haproxyCommand(this.cfg.socket, `show servers state ${this.cfg.backend}`));
            const s = st.get(server);
            // srv_op_state 2 = running
            if (s && s.op === 2)
                return;
            if (Date.now() - t0 > timeoutMs) {
                throw new target/* TargetError */.I0(`HAProxy did not bring ${this.cfg.backend}/${server} up within ${timeoutMs / 1000}s (its health check fails?)`, 'switch');
            }
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    async live() {
        const state = parseServersState(await haproxyCommand(this.cfg.socket, `show servers state ${this.cfg.backend}`));
        // Admin state bits 0x01/0x02 = forced/inherited maintenance (set server ... state maint).
        const up = ['blue', 'green'].filter((c) => {
            const s = state.get(this.cfg.servers[c]);
            return s !== undefined && (s.admin & 0x03) === 0;
        });
        return up.length === 1 ? up[0] : undefined;
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./.tmp/build/runner/proxy-nginx.js
/**
 * nginx: Slipway renders the upstream include file, checks the whole config with `nginx -t`
 * and reloads gracefully (`nginx -s reload`). On any refusal the previous include is restored,
 * so nginx keeps serving the live color. A switch to the route the include already holds (same
 * color, upstream and servers) changes nothing and does not reload.
 *
 * Keep-alive caveat: after a reload, old nginx workers finish the requests they are serving and
 * close idle keep-alive connections; a client request already in flight on an old worker still
 * goes to the old color. Keep the old color running (keep-warm) at least as long as your
 * longest request, which Slipway does by default.
 */





function renderUpstream(upstream, color, endpoint) {
    const u = new URL(endpoint.url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return [
        `# Managed by Slipway: do not edit. slipway-color: ${color}`,
        `upstream ${upstream} {`,
        `    server ${u.hostname}:${port};`,
        `}`,
        '',
    ].join('\n');
}
/** What an upstream include routes to: its Slipway color marker, upstream name and servers. */
function parseUpstream(text) {
    const noComments = text.replace(/#[^\n]*/g, '');
    return {
        color: /slipway-color: (\w+)/.exec(text)?.[1],
        upstream: /\bupstream\s+(\S+)\s*\{/.exec(noComments)?.[1],
        servers: [...noComments.matchAll(/\bserver\s+([^\s;]+)[^;]*;/g)].map((m) => m[1]),
    };
}
function sameRoute(a, b) {
    const x = parseUpstream(a);
    const y = parseUpstream(b);
    return (x.color !== undefined &&
        x.color === y.color &&
        x.upstream === y.upstream &&
        x.servers.length > 0 &&
        x.servers.join(' ') === y.servers.join(' '));
}
class NginxRouter {
    cfg;
    kind = 'nginx';
    constructor(cfg) {
        this.cfg = cfg;
    }
    async exec(cmd, what) {
        const r = await run(cmd[0], cmd.slice(1), { timeoutMs: 30_000 });
        if (r.code !== 0) {
            const msg = (r.stderr || r.stdout)
                .trim()
                .split('\n')
                .filter((l) => !/syntax is ok|test is successful/.test(l))
                .join(' ');
            throw new target/* TargetError */.I0(`${what} (${cmd.join(' ')}) failed with exit ${r.code}: ${msg}`, 'switch');
        }
    }
    async prepare() {
        const { upstreamFile, testCommand } = this.cfg;
        const dir = (0,external_node_path_.dirname)(upstreamFile);
        if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory()) {
            throw new errors/* UserError */.yo(`directory ${dir} of the upstream file does not exist`, 'proxy.upstream-file');
        }
        if ((0,external_node_fs_.existsSync)(upstreamFile)) {
            try {
                await this.exec(testCommand, 'nginx config test');
            }
            catch (e) {
                throw new errors/* UserError */.yo(`nginx rejects its current config before any change: ${e.message}`, 'proxy.test-command');
            }
        }
    }
    async switch(to, endpoint) {
        const { upstreamFile, upstream, testCommand, reloadCommand } = this.cfg;
        const before = (0,external_node_fs_.existsSync)(upstreamFile) ? (0,external_node_fs_.readFileSync)(upstreamFile, 'utf8') : undefined;
        const write = (text) => {
            const tmp = `${upstreamFile}.slipway-tmp`;
            (0,external_node_fs_.writeFileSync)(tmp, text);
            (0,external_node_fs_.renameSync)(tmp, upstreamFile);
        };
        const next = renderUpstream(upstream, to, endpoint);
        // The include already routes there (a switch back after a refused change, whose include
        // was restored and never loaded): no reload, because every reload closes the old
        // workers' keep-alive connections and can drop a request racing that close.
        if (before !== undefined && sameRoute(before, next))
            return;
        write(next);
        try {
            await this.exec(testCommand, 'nginx config test');
            await this.exec(reloadCommand, 'nginx reload');
        }
        catch (e) {
            if (before !== undefined)
                write(before);
            throw e;
        }
    }
    async live() {
        if (!(0,external_node_fs_.existsSync)(this.cfg.upstreamFile))
            return undefined;
        const m = /slipway-color: (\w+)/.exec((0,external_node_fs_.readFileSync)(this.cfg.upstreamFile, 'utf8'));
        return m && (0,target/* isColor */._o)(m[1]) ? m[1] : undefined;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./.tmp/build/runner/ssh-tunnel.js
/**
 * An SSH tunnel to a remote Docker host, so the deploy can reach what lives on that host from
 * the runner: the HAProxy admin socket (a unix socket forwarded to a local one) and each color's
 * port (forwarded to a local port, for the health checks). It uses the same `ssh` and the same
 * SSH configuration (key, known hosts) as the docker CLI's own `ssh://` connection, opens once,
 * and is closed when the deploy ends (or the process exits).
 */







/** `ssh://[user@]host[:port]`, as the docker CLI takes it. */
function parseSshHost(url) {
    const m = /^ssh:\/\/(?:([^@/:]+)@)?(\[[^\]]+\]|[^:/@]+)(?::(\d+))?\/?$/.exec(url);
    if (!m)
        throw new errors/* UserError */.yo(`expected ssh://[user@]host[:port], got '${url}'`, 'docker.host');
    const out = { host: m[2].replace(/^\[|\]$/g, '') };
    if (m[1])
        out.user = m[1];
    if (m[3])
        out.port = Number(m[3]);
    return out;
}
function reachable(local) {
    return new Promise((resolve) => {
        const isSocket = local.startsWith('/');
        if (isSocket && !(0,external_node_fs_.existsSync)(local))
            return resolve(false);
        const [host, port] = isSocket ? [] : local.split(':');
        const s = isSocket ? external_node_net_.connect(local) : external_node_net_.connect({ host: host, port: Number(port) });
        const done = (v) => {
            s.destroy();
            resolve(v);
        };
        s.setTimeout(500, () => done(false));
        s.on('connect', () => done(true));
        s.on('error', () => done(false));
    });
}
function sshArgs(host, forwards) {
    const args = [
        '-N',
        '-T',
        '-o',
        'BatchMode=yes',
        '-o',
        'ExitOnForwardFailure=yes',
        '-o',
        'ServerAliveInterval=15',
        '-o',
        'StreamLocalBindUnlink=yes',
    ];
    if (host.port)
        args.push('-p', String(host.port));
    if (host.user)
        args.push('-l', host.user);
    for (const f of forwards)
        args.push('-L', `${f.local}:${f.remote}`);
    args.push('--', host.host);
    return args;
}
/**
 * Starts `ssh -N` with the forwards and resolves once every local end accepts connections. A
 * failure (authentication, host key, a forward the server refuses) is a TargetError with ssh's
 * own message.
 */
async function openTunnel(host, forwards, opts = {}) {
    const child = (0,external_node_child_process_.spawn)(opts.ssh ?? 'ssh', sshArgs(host, forwards), {
        env: opts.env ?? process.env,
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-4000)));
    // The tunnel never keeps the process alive: an action or the CLI ends when its work is done,
    // and the exit handler below takes ssh down with it.
    child.unref();
    child.stderr.unref();
    let exited;
    child.on('exit', (code) => (exited = code));
    const spawnError = new Promise((resolve) => child.on('error', resolve));
    const kill = () => {
        if (exited === undefined)
            child.kill('SIGTERM');
    };
    const close = () => {
        kill();
        process.removeListener('exit', kill);
        for (const f of forwards)
            if (f.local.startsWith('/'))
                (0,external_node_fs_.rmSync)(f.local, { force: true });
    };
    process.once('exit', kill);
    const where = `${host.user ? `${host.user}@` : ''}${host.host}${host.port ? `:${host.port}` : ''}`;
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (;;) {
        const failed = await Promise.race([
            spawnError,
            new Promise((r) => setTimeout(() => r(undefined), 50)),
        ]);
        if (failed) {
            close();
            throw new target/* TargetError */.I0(`cannot start ssh for the tunnel to ${where}: ${failed.message}`, 'prepare');
        }
        if (exited !== undefined) {
            close();
            throw new target/* TargetError */.I0(`the SSH tunnel to ${where} ended (exit ${exited}): ${stderr.trim().split('\n').slice(-2).join(' ')}`, 'prepare');
        }
        const ready = await Promise.all(forwards.map((f) => reachable(f.local)));
        if (ready.every(Boolean))
            return { close };
        if (Date.now() > deadline) {
            close();
            throw new target/* TargetError */.I0(`the SSH tunnel to ${where} did not open within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)}s: ${stderr.trim() || 'no output from ssh'}`, 'prepare');
        }
    }
}
/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freeLocalPort() {
    return new Promise((resolve, reject) => {
        const srv = external_node_net_.createServer();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}
/**
 * The tunnel a target needs to a remote `ssh://` Docker host with HAProxy in front: the admin
 * socket forwarded to a local socket, each color's `address:port` to a local port. Opened once,
 * on first use; `localUrl` is where the deploy probes a color from this machine.
 */
class HostTunnel {
    o;
    socket;
    ports;
    open;
    opening;
    constructor(o) {
        this.o = o;
        this.socket = (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `slipway-${o.name}-${process.pid}.sock`);
    }
    async ready() {
        if (this.open)
            return;
        this.opening ??= (async () => {
            const { address, ports } = this.o;
            const local = { blue: await freeLocalPort(), green: await freeLocalPort() };
            this.o.log?.(`opening an SSH tunnel to ${this.o.host} for the HAProxy socket and the colors' ports`);
            this.open = await openTunnel(parseSshHost(this.o.host), [
                { local: this.socket, remote: this.o.remoteSocket },
                { local: `127.0.0.1:${local.blue}`, remote: `${address}:${ports.blue}` },
                { local: `127.0.0.1:${local.green}`, remote: `${address}:${ports.green}` },
            ], { ...(this.o.env ? { env: this.o.env } : {}), ...(this.o.ssh ? { ssh: this.o.ssh } : {}) });
            this.ports = local;
        })();
        try {
            await this.opening;
        }
        catch (e) {
            this.opening = undefined;
            throw e;
        }
    }
    /** Where this machine reaches `color` through the tunnel (after `ready`). */
    localUrl(color) {
        if (!this.ports)
            throw new Error('the SSH tunnel is not open yet');
        return `http://127.0.0.1:${this.ports[color]}`;
    }
    close() {
        this.open?.close();
        this.open = undefined;
        this.opening = undefined;
        this.ports = undefined;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/runner/docker-target.js
/**
 * The `docker` target: one Docker host (local socket, DOCKER_HOST, tcp:// or ssh://) running two
 * containers `<app>-blue` and `<app>-green`, labelled with app, environment, color, image, image
 * digest and config digest, behind a proxy the user already runs (HAProxy or nginx). Colors run
 * on the host network (each on its own port) or on a user-defined bridge network with published
 * ports. Talks to Docker through the `docker` CLI, so every DOCKER_HOST form the CLI knows works.
 */







const LABEL = {
    app: 'slipway.app',
    environment: 'slipway.environment',
    color: 'slipway.color',
    image: 'slipway.image',
    imageDigest: 'slipway.image-digest',
    configDigest: 'slipway.config-digest',
};
/** Builds the release runtime from the config; `processEnv` supplies `env-from` variables. */
function dockerRuntime(cfg, processEnv) {
    const env = { ...cfg.env };
    for (const name of cfg.envFrom) {
        const v = processEnv[name];
        if (v === undefined)
            throw new errors/* UserError */.yo(`env-from names ${name}, which is not set in the step's environment`, 'docker.env-from');
        env[name] = v;
    }
    const rt = { env, network: cfg.network, portEnv: cfg.portEnv, runOptions: cfg.runOptions };
    if (cfg.args)
        rt.args = cfg.args;
    if (cfg.containerPort !== undefined)
        rt.containerPort = cfg.containerPort;
    return rt;
}
/**
 * A Docker host on another machine (`ssh://`, or `tcp://` to an address other than this one's
 * loopback): its containers are driven through the docker CLI, but the proxy's socket or include
 * file and the colors' ports are still reached locally.
 */
function isRemoteDockerHost(host) {
    if (!host)
        return false;
    const m = /^(ssh|tcp):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/.exec(host);
    if (!m)
        return false;
    return !['localhost', '127.0.0.1', '[::1]'].includes(m[2].toLowerCase());
}
function portOpen(host, port, timeoutMs = 500) {
    return new Promise((resolve) => {
        const s = external_node_net_.connect({ host, port });
        const done = (v) => {
            s.destroy();
            resolve(v);
        };
        s.setTimeout(timeoutMs, () => done(false));
        s.on('connect', () => done(true));
        s.on('error', () => done(false));
    });
}
class DockerTarget {
    o;
    kind = 'docker';
    router;
    env;
    bin;
    /**
     * An `ssh://` Docker host on another machine with HAProxy in front: its admin socket and the
     * colors' ports are reached through an SSH tunnel (a local socket and local ports).
     */
    tunnel;
    constructor(o) {
        this.o = o;
        const host = o.docker.host;
        if (!o.router &&
            o.docker.proxy.kind === 'haproxy' &&
            host?.startsWith('ssh://') &&
            isRemoteDockerHost(host)) {
            this.tunnel = new HostTunnel({
                host,
                remoteSocket: o.docker.proxy.socket,
                address: o.docker.address,
                ports: o.docker.ports,
                name: `${o.app}-${o.environment}`,
                env: { ...(o.env ?? process.env), DOCKER_HOST: host },
                ...(o.sshBin ? { ssh: o.sshBin } : {}),
                ...(o.log ? { log: o.log } : {}),
            });
        }
        this.router =
            o.router ??
                (o.docker.proxy.kind === 'haproxy'
                    ? new HaproxyRouter(this.tunnel ? { ...o.docker.proxy, socket: this.tunnel.socket } : o.docker.proxy)
                    : new NginxRouter(o.docker.proxy));
        this.env = { ...(o.env ?? process.env) };
        if (o.docker.host)
            this.env.DOCKER_HOST = o.docker.host;
        this.bin = o.dockerBin ?? 'docker';
    }
    name(color) {
        return `${this.o.app}-${color}`;
    }
    /** Where the deploy probes a color (through the tunnel's local port for a remote host). */
    endpoint(color) {
        return this.tunnel ? { url: this.tunnel.localUrl(color) } : this.routeEndpoint(color);
    }
    /** Where the proxy on the Docker host reaches a color. */
    routeEndpoint(color) {
        return { url: `http://${this.o.docker.address}:${this.o.docker.ports[color]}` };
    }
    /** Opens the SSH tunnel to a remote host once (no-op otherwise). */
    async ready() {
        await this.tunnel?.ready();
    }
    /** Closes the SSH tunnel, if one is open. */
    close() {
        this.tunnel?.close();
    }
    async docker(args, op, opts = {}) {
        const r = await run(this.bin, args, { env: opts.env ?? this.env, timeoutMs: opts.timeoutMs ?? 120_000 });
        if (r.code !== 0 &&
            /Cannot connect to the Docker daemon|error during connect|connection refused|Is the docker daemon running/i.test(r.stderr)) {
            throw new target/* TargetError */.I0(`the Docker daemon is not reachable: ${r.stderr.trim().split('\n')[0]}`, op);
        }
        return r;
    }
    async inspect(color, op) {
        const r = await this.docker(['container', 'inspect', this.name(color)], op);
        if (r.code !== 0) {
            if (/No such (container|object)/i.test(r.stderr))
                return undefined;
            throw new target/* TargetError */.I0(`docker inspect ${this.name(color)} failed: ${r.stderr.trim()}`, op);
        }
        const arr = JSON.parse(r.stdout);
        return arr[0];
    }
    async prepare() {
        const v = await run(this.bin, ['version', '--format', '{{.Server.Version}}'], {
            env: this.env,
            timeoutMs: 30_000,
        });
        if (v.code !== 0) {
            throw new errors/* UserError */.yo(`cannot reach the Docker daemon${this.o.docker.host ? ` at ${this.o.docker.host}` : ''}: ${(v.stderr || v.stdout).trim().split('\n')[0]}`, 'docker.host');
        }
        if (this.o.docker.network !== 'host') {
            const n = await this.docker(['network', 'inspect', this.o.docker.network], 'prepare');
            if (n.code !== 0)
                throw new errors/* UserError */.yo(`Docker network '${this.o.docker.network}' does not exist`, 'docker.network');
        }
        await this.ready();
        try {
            await this.router.prepare();
        }
        catch (e) {
            const host = this.o.docker.host;
            if (!(e instanceof errors/* UserError */.yo) || !isRemoteDockerHost(host) || this.tunnel)
                throw e;
            const what = e.where && e.message.startsWith(`${e.where}: `) ? e.message.slice(e.where.length + 2) : e.message;
            throw new errors/* UserError */.yo(`${what}. The proxy and the colors' ports are reached from the machine running the deploy, ` +
                `not through the Docker host ${host} (only HAProxy on an ssh:// host is reached through an SSH tunnel): ` +
                `run the deploy on that host (a self-hosted runner there, chosen with runs-on) and leave docker.host unset ` +
                `(docs/deploy.md, "Remote Docker hosts")`, e.where);
        }
        // A color's port must be free unless that color's own container holds it.
        const both = await this.inspectBoth('prepare');
        for (const c of ['blue', 'green']) {
            const i = both[c];
            if (i?.State.Running) {
                const app = i.Config.Labels?.[LABEL.app];
                if (app !== this.o.app)
                    throw new errors/* UserError */.yo(`a container named ${this.name(c)} exists but is not managed by Slipway for ${this.o.app}`, 'app');
                continue;
            }
            // (Through a tunnel every forwarded port answers locally: the check only means something here.)
            if (!this.tunnel && (await portOpen(this.o.docker.address, this.o.docker.ports[c]))) {
                throw new errors/* UserError */.yo(`port ${this.o.docker.ports[c]} (${c}) is already in use by something else`, `docker.ports.${c}`);
            }
        }
    }
    colorStatus(color, i) {
        if (!i)
            return { color, state: 'missing' };
        const labels = i.Config.Labels ?? {};
        const s = i.State;
        const state = s.Restarting
            ? 'restarting'
            : s.Running
                ? 'running'
                : s.Status === 'created'
                    ? 'starting'
                    : 'stopped';
        return {
            color,
            state,
            image: labels[LABEL.image] ?? i.Config.Image,
            imageDigest: labels[LABEL.imageDigest],
            configDigest: labels[LABEL.configDigest],
            endpoint: this.endpoint(color),
            detail: `${s.Status}${s.ExitCode ? ` (exit ${s.ExitCode})` : ''}${i.RestartCount ? `, ${i.RestartCount} restarts` : ''}`,
        };
    }
    /** Inspects both colors with one docker call (missing ones are simply absent). */
    async inspectBoth(op) {
        const r = await this.docker(['container', 'inspect', this.name('blue'), this.name('green')], op);
        if (r.code !== 0 && !/No such (container|object)/i.test(r.stderr)) {
            throw new target/* TargetError */.I0(`docker inspect failed: ${r.stderr.trim()}`, op);
        }
        const arr = (r.stdout.trim() ? JSON.parse(r.stdout) : []);
        const find = (c) => arr.find((i) => i.Name.replace(/^\//, '') === this.name(c));
        return { blue: find('blue'), green: find('green') };
    }
    async status() {
        await this.ready();
        const { blue: b, green: g } = await this.inspectBoth('status');
        let live;
        try {
            live = await this.router.live();
        }
        catch (e) {
            throw new target/* TargetError */.I0(`cannot read the ${this.router.kind} route: ${e.message}`, 'status');
        }
        return { live, colors: { blue: this.colorStatus('blue', b), green: this.colorStatus('green', g) } };
    }
    async imageDigest(image) {
        let r = await this.docker(['image', 'inspect', '--format', '{{json .RepoDigests}}|{{.Id}}', image], 'start');
        if (r.code !== 0) {
            const pull = await this.docker(['pull', '--quiet', image], 'start', { timeoutMs: 15 * 60_000 });
            if (pull.code !== 0)
                throw new target/* TargetError */.I0(`cannot pull ${image}: ${pull.stderr.trim().split('\n')[0]}`, 'start');
            r = await this.docker(['image', 'inspect', '--format', '{{json .RepoDigests}}|{{.Id}}', image], 'start');
            if (r.code !== 0)
                throw new target/* TargetError */.I0(`image ${image} not found after pull`, 'start');
        }
        const [repoDigests, id] = r.stdout.trim().split('|');
        try {
            const list = JSON.parse(repoDigests ?? '[]');
            const at = list[0]?.indexOf('@') ?? -1;
            if (list[0] && at !== -1)
                return list[0].slice(at + 1);
        }
        catch {
            // fall through to the image id
        }
        return id;
    }
    async start(color, release, opts = {}) {
        await this.ready();
        const name = this.name(color);
        const existing = await this.inspect(color, 'start');
        if (opts.reuse && existing) {
            const labels = existing.Config.Labels ?? {};
            if (labels[LABEL.image] === release.image &&
                (release.configDigest === 'unknown' || labels[LABEL.configDigest] === release.configDigest)) {
                // The recorded release, with its recorded config: start the very same container again.
                const r = await this.docker(['start', name], 'start');
                if (r.code !== 0)
                    throw new target/* TargetError */.I0(`docker start ${name} failed: ${r.stderr.trim()}`, 'start');
                return this.endpoint(color);
            }
        }
        const rt = release.runtime;
        const digest = await this.imageDigest(release.image);
        if (existing) {
            const rm = await this.docker(['rm', '--force', name], 'start');
            if (rm.code !== 0 && !/No such container/i.test(rm.stderr))
                throw new target/* TargetError */.I0(`docker rm ${name} failed: ${rm.stderr.trim()}`, 'start');
        }
        const port = this.o.docker.ports[color];
        const args = ['run', '--detach', '--name', name, '--restart', 'unless-stopped'];
        const labels = {
            [LABEL.app]: release.app,
            [LABEL.environment]: release.environment,
            [LABEL.color]: color,
            [LABEL.image]: release.image,
            [LABEL.configDigest]: release.configDigest,
        };
        if (digest)
            labels[LABEL.imageDigest] = digest;
        for (const [k, v] of Object.entries(labels))
            args.push('--label', `${k}=${v}`);
        // Values travel in the docker CLI's environment (`-e NAME`), never on its command line.
        const cliEnv = { ...this.env };
        const appEnv = { ...rt.env };
        if (rt.network === 'host') {
            args.push('--network', 'host');
            appEnv[rt.portEnv] = String(port);
        }
        else {
            args.push('--network', rt.network, '--publish', `${this.o.docker.address}:${port}:${rt.containerPort}`);
            appEnv[rt.portEnv] = String(rt.containerPort);
        }
        for (const [k, v] of Object.entries(appEnv)) {
            args.push('--env', k);
            cliEnv[k] = v;
        }
        args.push(...rt.runOptions, release.image, ...(rt.args ?? []));
        const r = await this.docker(args, 'start', { env: cliEnv });
        if (r.code !== 0)
            throw new target/* TargetError */.I0(`docker run ${name} failed: ${r.stderr.trim().split('\n')[0]}`, 'start');
        this.o.log?.(`started ${name} (${r.stdout.trim().slice(0, 12)}) from ${release.image} on port ${port}`);
        return this.endpoint(color);
    }
    async health(color) {
        const i = await this.inspect(color, 'health');
        if (!i)
            return { state: 'failed', detail: `${this.name(color)} does not exist` };
        const s = i.State;
        if (s.OOMKilled)
            return { state: 'failed', detail: 'killed: out of memory' };
        if (s.Restarting || i.RestartCount > 0) {
            return { state: 'failed', detail: `crash-looping (exit ${s.ExitCode}, ${i.RestartCount} restarts)` };
        }
        if (!s.Running)
            return {
                state: s.Status === 'created' ? 'starting' : 'failed',
                detail: `${s.Status} (exit ${s.ExitCode})${s.Error ? `: ${s.Error}` : ''}`,
            };
        return { state: 'ok' };
    }
    async switch(to) {
        await this.ready();
        await this.router.switch(to, this.routeEndpoint(to));
    }
    async verify(color) {
        await this.ready();
        const live = await this.router.live();
        return { ok: live === color, live, detail: `${this.router.kind} routes to ${live ?? 'no single color'}` };
    }
    async stop(color) {
        const r = await this.docker(['stop', '--time', '10', this.name(color)], 'stop');
        if (r.code !== 0 && !/No such container/i.test(r.stderr))
            throw new target/* TargetError */.I0(`docker stop ${this.name(color)} failed: ${r.stderr.trim()}`, 'stop');
    }
}

;// CONCATENATED MODULE: ./.tmp/build/deploy/lock-stores.js
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

const LOCK_ANNOTATION = 'slipway.dev/deploy-lock';
const LOCK_LABEL = 'slipway.deploy-lock';
/** `<app>-<environment>-deploy-lock`, lowercased and reduced to a valid object name. */
function lockName(app, environment) {
    const n = `${app}-${environment}`
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 50);
    return `${n}-deploy-lock`;
}
function firstLine(s) {
    return s.split('\n').find((l) => l.trim()) ?? '';
}
class KubernetesLockStore {
    kubectl;
    name;
    where;
    constructor(kubectl, name) {
        this.kubectl = kubectl;
        this.name = name;
        this.where = `configmap ${name} annotation ${LOCK_ANNOTATION}`;
    }
    object(raw, version) {
        const metadata = {
            name: this.name,
            labels: { 'app.kubernetes.io/managed-by': 'slipway' },
            annotations: { [LOCK_ANNOTATION]: raw },
        };
        if (version)
            metadata.resourceVersion = version;
        return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} });
    }
    async read() {
        const r = await this.kubectl(['get', 'configmap', this.name, '--ignore-not-found', '-o', 'json']);
        if (r.code !== 0)
            throw new errors/* UserError */.yo(`cannot read the deploy lock: ${firstLine(r.stderr)}`, this.where);
        if (!r.stdout.trim())
            return undefined;
        const o = JSON.parse(r.stdout);
        return {
            raw: o.metadata?.annotations?.[LOCK_ANNOTATION] ?? '',
            version: o.metadata?.resourceVersion ?? '',
        };
    }
    async create(raw) {
        const r = await this.kubectl(['create', '--validate=false', '-f', '-'], this.object(raw));
        if (r.code === 0)
            return 'ok';
        if (/AlreadyExists|already exists/.test(r.stderr))
            return 'exists';
        throw new errors/* UserError */.yo(`cannot create the deploy lock: ${firstLine(r.stderr)}`, this.where);
    }
    async replace(raw, version) {
        const r = await this.kubectl(['replace', '--validate=false', '-f', '-'], this.object(raw, version));
        if (r.code === 0)
            return 'ok';
        if (/Conflict|NotFound|not found|has been modified/.test(r.stderr))
            return 'conflict';
        throw new errors/* UserError */.yo(`cannot update the deploy lock: ${firstLine(r.stderr)}`, this.where);
    }
    async remove(version) {
        const cur = await this.read();
        if (!cur)
            return 'missing';
        if (cur.version !== version)
            return 'conflict';
        const r = await this.kubectl(['delete', 'configmap', this.name, '--ignore-not-found']);
        if (r.code !== 0)
            throw new errors/* UserError */.yo(`cannot delete the deploy lock: ${firstLine(r.stderr)}`, this.where);
        return 'ok';
    }
}
/**
 * A lock held in the labels of a Docker object addressed by a unique name and removed by id:
 * creating fails when the name is taken, and removing by the id read earlier fails once another
 * deploy has replaced the object, so of two racing writers exactly one wins.
 */
class DockerObjectLockStore {
    docker;
    name;
    constructor(docker, name) {
        this.docker = docker;
        this.name = name;
    }
    async read() {
        const r = await this.docker([this.kind, 'inspect', this.name]);
        if (r.code !== 0) {
            if (/no such (service|container|object)/i.test(r.stderr))
                return undefined;
            throw new errors/* UserError */.yo(`cannot read the deploy lock: ${firstLine(r.stderr)}`, this.where);
        }
        const o = JSON.parse(r.stdout)[0];
        const labels = o.Spec?.Labels ?? o.Config?.Labels ?? {};
        return { raw: labels[LOCK_LABEL] ?? '', version: o.ID ?? o.Id ?? '' };
    }
    async create(raw) {
        const r = await this.docker(this.createArgs(raw));
        if (r.code === 0)
            return 'ok';
        if (/already exists|name conflicts|already in use/i.test(r.stderr))
            return 'exists';
        throw new errors/* UserError */.yo(`cannot create the deploy lock: ${firstLine(r.stderr)}`, this.where);
    }
    async replace(raw, version) {
        const rm = await this.remove(version);
        if (rm !== 'ok')
            return 'conflict';
        return (await this.create(raw)) === 'ok' ? 'ok' : 'conflict';
    }
    async remove(version) {
        const r = await this.docker([this.kind, 'rm', version]);
        if (r.code === 0)
            return 'ok';
        if (/no such (service|container)|not found/i.test(r.stderr))
            return (await this.read()) ? 'conflict' : 'missing';
        throw new errors/* UserError */.yo(`cannot remove the deploy lock: ${firstLine(r.stderr)}`, this.where);
    }
}
/**
 * The docker target's lock: a container that is created and never started. A container needs an
 * image, so the store is given one the host has or is about to pull for this operation (the
 * image being deployed); it is never run.
 */
class DockerLockStore extends DockerObjectLockStore {
    image;
    where;
    kind = 'container';
    constructor(docker, name, image) {
        super(docker, name);
        this.image = image;
        this.where = `docker container ${name} label ${LOCK_LABEL}`;
    }
    createArgs(raw) {
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
class SwarmLockStore extends DockerObjectLockStore {
    image;
    where;
    kind = 'service';
    constructor(docker, name, 
    /** Image reference for the 0-replica service (never pulled or run). */
    image = 'slipway/deploy-lock:none') {
        super(docker, name);
        this.image = image;
        this.where = `swarm service ${name} label ${LOCK_LABEL}`;
    }
    createArgs(raw) {
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

;// CONCATENATED MODULE: ./.tmp/build/deploy/targets/command.js
/**
 * Command target: the user's own commands do the work (an App Service slot swap, the CapRover CLI,
 * a script driving HAProxy); the engine still runs every phase, health check and rollback.
 *
 * Each command runs through `sh -c` with this environment (documented in docs/targets.md):
 *   SLIPWAY_ACTION          start | switch | stop | health | status
 *   SLIPWAY_APP, SLIPWAY_ENVIRONMENT
 *   SLIPWAY_COLOR           the color acted on (switch: the color that becomes live)
 *   SLIPWAY_PREVIOUS_COLOR  switch: the color live before ('' on the first deploy)
 *   SLIPWAY_IMAGE, SLIPWAY_CONFIG_DIGEST   start: the release
 *   SLIPWAY_RUNTIME         start: the runtime settings as JSON ({"env":{...},"args":[...]})
 * Exit codes: 0 success; anything else is a failure (TargetError) with the output's last lines.
 * health: 0 ok, 75 (EX_TEMPFAIL) still starting, anything else failed.
 * status (required): prints `key=value` lines: `live=blue|green|` and, per color,
 *   `blue.state=running|starting|stopped|missing`, `blue.image=...`, `blue.config-digest=...`,
 *   `blue.url=...`. Unknown keys are ignored, so the script can print more.
 * start may print `url=<base url of the color>` as its last line; else `color-url` is used.
 * lock (optional): keeps the deploy lock on the target (see CommandLockStore).
 *
 * Pure: the shell comes in as a function.
 */


const EXIT_STARTING = 75;
const KNOWN = ['start', 'switch', 'stop', 'status', 'health', 'lock', 'color-url', 'timeout-seconds'];
/** Validates the `command:` section of the deploy config. */
function commandOptions(app, environment, raw, where = 'command') {
    if (!raw)
        throw new errors/* UserError */.yo(`target command needs a '${where}' section with start, switch, stop and status commands`, where);
    for (const k of Object.keys(raw))
        if (!KNOWN.includes(k))
            throw new errors/* UserError */.yo(`unknown setting '${k}' (known: ${KNOWN.join(', ')})`, `${where}.${k}`);
    const cmd = (k, required) => {
        const v = raw[k];
        if (v === undefined || v === null || v === '') {
            if (required)
                throw new errors/* UserError */.yo(`a ${k} command is required`, `${where}.${k}`);
            return undefined;
        }
        if (typeof v !== 'string')
            throw new errors/* UserError */.yo(`expected a command line (string)`, `${where}.${k}`);
        return v;
    };
    const colorUrl = raw['color-url'] === undefined ? undefined : String(raw['color-url']);
    if (colorUrl !== undefined && (!/^https?:\/\//.test(colorUrl) || !colorUrl.includes('{color}')))
        throw new errors/* UserError */.yo(`expected an http(s) URL containing {color}, got '${colorUrl}'`, `${where}.color-url`);
    const t = raw['timeout-seconds'] === undefined ? 300 : Number(raw['timeout-seconds']);
    if (!Number.isInteger(t) || t < 1 || t > 3600)
        throw new errors/* UserError */.yo(`expected whole seconds 1..3600, got '${String(raw['timeout-seconds'])}'`, `${where}.timeout-seconds`);
    return {
        app,
        environment,
        commands: {
            start: cmd('start', true),
            switch: cmd('switch', true),
            stop: cmd('stop', true),
            status: cmd('status', true),
            health: cmd('health', false),
            lock: cmd('lock', false),
        },
        colorUrl,
        timeoutMs: t * 1000,
    };
}
/** Parses `key=value` lines printed by the status command. */
function parseStatus(output) {
    const kv = new Map();
    for (const line of output.split('\n')) {
        const m = /^\s*([a-z][a-z.-]*)=(.*?)\s*$/.exec(line);
        if (m)
            kv.set(m[1], m[2]);
    }
    const live = kv.get('live') ?? '';
    if (live !== '' && !(0,target/* isColor */._o)(live))
        throw new target/* TargetError */.I0(`status command printed live=${live}; expected blue, green or nothing`, 'status');
    const colors = {};
    for (const c of target/* COLORS */.lm) {
        const state = kv.get(`${c}.state`) ?? 'missing';
        if (!['running', 'starting', 'restarting', 'stopped', 'missing'].includes(state))
            throw new target/* TargetError */.I0(`status command printed ${c}.state=${state}`, 'status');
        const s = { color: c, state: state };
        const image = kv.get(`${c}.image`);
        if (image)
            s.image = image;
        const digest = kv.get(`${c}.config-digest`);
        if (digest)
            s.configDigest = digest;
        const url = kv.get(`${c}.url`);
        if (url)
            s.endpoint = { url };
        colors[c] = s;
    }
    return { live: (0,target/* isColor */._o)(live) ? live : undefined, colors };
}
function tail(output) {
    return output.trim().split('\n').slice(-3).join(' | ');
}
class CommandTarget {
    opts;
    shell;
    kind = 'command';
    constructor(opts, shell) {
        this.opts = opts;
        this.shell = shell;
    }
    env(action, extra = {}) {
        return {
            SLIPWAY_ACTION: action,
            SLIPWAY_APP: this.opts.app,
            SLIPWAY_ENVIRONMENT: this.opts.environment,
            ...extra,
        };
    }
    async exec(op, action, env) {
        const command = this.opts.commands[action];
        const r = await this.shell(command, this.env(action, env), this.opts.timeoutMs);
        if (r.code !== 0 && !(action === 'health' && r.code === EXIT_STARTING))
            throw new target/* TargetError */.I0(`${action} command exited ${r.code}: ${tail(r.output)}`, op);
        return r;
    }
    async prepare() {
        // The status command is the only one without side effects: running it proves the commands can run.
        const r = await this.shell(this.opts.commands.status, this.env('status'), this.opts.timeoutMs);
        if (r.code !== 0)
            throw new errors/* UserError */.yo(`status command exited ${r.code}: ${tail(r.output)}`, 'command.status');
        try {
            parseStatus(r.output);
        }
        catch (e) {
            throw new errors/* UserError */.yo(e.message, 'command.status');
        }
    }
    async status() {
        return parseStatus((await this.exec('status', 'status', {})).output);
    }
    url(color) {
        return (this.opts.colorUrl ?? '').replaceAll('{color}', color).replaceAll('{app}', this.opts.app);
    }
    async start(color, release) {
        const r = await this.exec('start', 'start', {
            SLIPWAY_COLOR: color,
            SLIPWAY_IMAGE: release.image,
            SLIPWAY_CONFIG_DIGEST: release.configDigest,
            SLIPWAY_RUNTIME: JSON.stringify(release.runtime),
        });
        const printed = /(?:^|\n)url=(\S+)\s*$/.exec(r.output.trimEnd())?.[1];
        const url = printed ?? (this.opts.colorUrl ? this.url(color) : undefined);
        if (!url)
            throw new target/* TargetError */.I0(`start command printed no 'url=<base url>' line and command.color-url is not set`, 'start');
        return { url };
    }
    async health(color) {
        if (!this.opts.commands.health)
            return { state: 'ok' };
        const r = await this.shell(this.opts.commands.health, this.env('health', { SLIPWAY_COLOR: color }), this.opts.timeoutMs);
        if (r.code === 0)
            return { state: 'ok' };
        if (r.code === EXIT_STARTING)
            return { state: 'starting', detail: tail(r.output) };
        return { state: 'failed', detail: `health command exited ${r.code}: ${tail(r.output)}` };
    }
    async switch(to) {
        const before = (await this.status()).live;
        await this.exec('switch', 'switch', { SLIPWAY_COLOR: to, SLIPWAY_PREVIOUS_COLOR: before ?? '' });
    }
    async verify(color) {
        const st = await this.status();
        return st.live === color
            ? { ok: true, live: st.live }
            : { ok: false, live: st.live, detail: `status command says live=${st.live ?? ''}` };
    }
    async stop(color) {
        await this.exec('stop', 'stop', { SLIPWAY_COLOR: color });
    }
}
/** Exit codes of the lock command (see CommandLockStore). */
const EXIT_LOCK_TAKEN = 3;
const EXIT_LOCK_MISSING = 4;
/**
 * The deploy lock kept by the user's `lock` command, on the target the other commands act on (a
 * file on the host, guarded by flock, in the reference script
 * test/integration/deploy-targets/command-scripts/lock.sh). The command gets the usual
 * SLIPWAY_APP and SLIPWAY_ENVIRONMENT, and:
 *   SLIPWAY_ACTION=lock-read     print `lock=<text>` (exit 0), or exit 4 when there is none
 *   SLIPWAY_ACTION=lock-create   store SLIPWAY_LOCK only if there is no lock (else exit 3)
 *   SLIPWAY_ACTION=lock-replace  store SLIPWAY_LOCK only if the stored text still equals
 *                                SLIPWAY_LOCK_EXPECT (else exit 3)
 *   SLIPWAY_ACTION=lock-remove   remove it only if it still equals SLIPWAY_LOCK_EXPECT (else
 *                                exit 3; exit 4 when there is none)
 * Each must be atomic with respect to the others (the compare and the write under one lock).
 * The stored text is its own version. Any other exit code is a failure naming the command.
 */
class CommandLockStore {
    opts;
    shell;
    where;
    constructor(opts, shell) {
        this.opts = opts;
        this.shell = shell;
        this.where = `the lock command of ${opts.app} in ${opts.environment}`;
    }
    async run(action, env = {}) {
        const r = await this.shell(this.opts.commands.lock, {
            SLIPWAY_ACTION: action,
            SLIPWAY_APP: this.opts.app,
            SLIPWAY_ENVIRONMENT: this.opts.environment,
            ...env,
        }, this.opts.timeoutMs);
        if (r.code !== 0 && r.code !== EXIT_LOCK_TAKEN && r.code !== EXIT_LOCK_MISSING)
            throw new target/* TargetError */.I0(`lock command (${action}) exited ${r.code}: ${tail(r.output)}`, 'prepare');
        return r;
    }
    async read() {
        const r = await this.run('lock-read');
        if (r.code === EXIT_LOCK_MISSING)
            return undefined;
        const m = /(?:^|\n)lock=([^\n]*)/.exec(r.output);
        if (r.code !== 0 || !m)
            throw new target/* TargetError */.I0(`lock command (lock-read) exited ${r.code} without a 'lock=' line: ${tail(r.output)}`, 'prepare');
        return { raw: m[1], version: m[1] };
    }
    async create(raw) {
        const r = await this.run('lock-create', { SLIPWAY_LOCK: raw });
        return r.code === 0 ? 'ok' : 'exists';
    }
    async replace(raw, version) {
        const r = await this.run('lock-replace', { SLIPWAY_LOCK: raw, SLIPWAY_LOCK_EXPECT: version });
        return r.code === 0 ? 'ok' : 'conflict';
    }
    async remove(version) {
        const r = await this.run('lock-remove', { SLIPWAY_LOCK_EXPECT: version });
        return r.code === 0 ? 'ok' : r.code === EXIT_LOCK_MISSING ? 'missing' : 'conflict';
    }
}

;// CONCATENATED MODULE: ./.tmp/build/deploy/targets/kubernetes.js
/**
 * Kubernetes target: two Deployments `<app>-blue` / `<app>-green`, a preview Service per color
 * (`<app>-blue` / `<app>-green`, so each color can be probed and its Ready endpoints counted), and
 * the public Service `<app>` whose selector names the live color.
 *
 * - start: server-side apply of the color's Deployment and preview Service.
 * - health: Pods crash-looping or unable to pull are `failed` at once; the color is `ok` only when
 *   every replica is Ready *and* its preview Service's EndpointSlices list that many Ready endpoints.
 * - switch: refuses (TargetError) while the new color has fewer Ready endpoints than replicas, so
 *   the public selector can never point at nothing; then patches the selector.
 * - verify: the selector names the color and the public Service's Ready endpoints are all Pods
 *   of that color.
 * - stop: scales the color to 0 replicas (the Deployment stays, so a rollback can scale it back).
 * The old color is left running by switch: keep-warm is the engine's decision (stop at finalize).
 *
 * Pure: kubectl comes in as a function (src/runner/kubectl.ts runs the real binary).
 */


const LABEL_APP = 'app.kubernetes.io/name';
const LABEL_COLOR = 'slipway.dev/color';
const LABEL_ENV = 'slipway.dev/environment';
const ANN_IMAGE = 'slipway.dev/image';
const ANN_DIGEST = 'slipway.dev/config-digest';
const FIELD_MANAGER = 'slipway';
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Validates target settings from the deploy config (`where` names the file/field for errors). */
function kubernetesOptions(app, environment, raw = {}, where = 'kubernetes') {
    if (!NAME_RE.test(app) || app.length > 50)
        throw new errors/* UserError */.yo(`app '${app}' is not a valid Kubernetes name (lowercase letters, digits and '-', at most 50 characters)`, 'app');
    const known = ['container-port', 'service-port', 'replicas', 'color-url', 'namespace'];
    for (const k of Object.keys(raw))
        if (!known.includes(k))
            throw new errors/* UserError */.yo(`unknown setting '${k}' (known: ${known.join(', ')})`, `${where}.${k}`);
    const int = (k, dflt, min, max) => {
        const v = raw[k];
        if (v === undefined)
            return dflt;
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n) || n < min || n > max)
            throw new errors/* UserError */.yo(`expected an integer ${min}..${max}, got '${String(v)}'`, `${where}.${k}`);
        return n;
    };
    const namespace = raw.namespace === undefined ? 'default' : String(raw.namespace);
    if (!NAME_RE.test(namespace))
        throw new errors/* UserError */.yo(`'${namespace}' is not a valid namespace`, `${where}.namespace`);
    const colorUrl = raw['color-url'] === undefined
        ? 'http://{app}-{color}.{namespace}.svc.cluster.local:{port}'
        : String(raw['color-url']);
    if (!/^https?:\/\//.test(colorUrl) || !colorUrl.includes('{color}'))
        throw new errors/* UserError */.yo(`expected an http(s) URL containing {color}, got '${colorUrl}'`, `${where}.color-url`);
    return {
        app,
        environment,
        containerPort: int('container-port', 8080, 1, 65535),
        servicePort: int('service-port', 80, 1, 65535),
        replicas: int('replicas', 1, 1, 100),
        colorUrl,
        namespace,
    };
}
function kubernetes_firstLine(s) {
    return (s
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l) ?? '');
}
class KubernetesTarget {
    opts;
    kubectl;
    kind = 'kubernetes';
    constructor(opts, kubectl) {
        this.opts = opts;
        this.kubectl = kubectl;
    }
    name(color) {
        return color ? `${this.opts.app}-${color}` : this.opts.app;
    }
    async run(op, args, stdin) {
        const r = await this.kubectl(args, stdin);
        if (r.code !== 0)
            throw new target/* TargetError */.I0(`kubectl ${args.slice(0, 2).join(' ')} failed: ${kubernetes_firstLine(r.stderr) || `exit ${r.code}`}`, op);
        return r.stdout;
    }
    /** `kubectl get` one object as JSON, undefined when it does not exist. */
    async get(op, kind, name) {
        const out = await this.run(op, ['get', kind, name, '--ignore-not-found', '-o', 'json']);
        return out.trim() ? JSON.parse(out) : undefined;
    }
    async list(op, kind, selector) {
        const out = await this.run(op, ['get', kind, '-l', selector, '-o', 'json']);
        return (JSON.parse(out).items ?? []);
    }
    url(color) {
        return this.opts.colorUrl
            .replaceAll('{app}', this.opts.app)
            .replaceAll('{color}', color)
            .replaceAll('{namespace}', this.opts.namespace)
            .replaceAll('{port}', String(this.opts.servicePort));
    }
    async prepare() {
        const v = await this.kubectl(['version', '--client', '-o', 'json']);
        if (v.code !== 0)
            throw new errors/* UserError */.yo(`kubectl does not run: ${kubernetes_firstLine(v.stderr)}`, 'target');
        const r = await this.kubectl(['get', 'deployments', '-l', `${LABEL_APP}=${this.opts.app}`, '-o', 'json']);
        if (r.code !== 0)
            throw new errors/* UserError */.yo(`cannot reach the cluster with kubectl: ${kubernetes_firstLine(r.stderr) || `exit ${r.code}`}`, 'target');
        const svc = await this.get('prepare', 'service', this.name());
        if (svc && svc.metadata?.labels?.[LABEL_APP] !== this.opts.app)
            throw new errors/* UserError */.yo(`Service '${this.name()}' exists but was not created by slipway (no ${LABEL_APP}=${this.opts.app} label); refusing to take it over`, 'target');
    }
    async status() {
        const deployments = await this.list('status', 'deployments', `${LABEL_APP}=${this.opts.app}`);
        const svc = await this.get('status', 'service', this.name());
        const sel = svc?.spec?.selector?.[LABEL_COLOR];
        const colors = {};
        for (const color of target/* COLORS */.lm) {
            const d = deployments.find((x) => x.metadata?.name === this.name(color));
            if (!d) {
                colors[color] = { color, state: 'missing' };
                continue;
            }
            const want = d.spec?.replicas ?? 1;
            const ready = d.status?.readyReplicas ?? 0;
            colors[color] = {
                color,
                state: want === 0 ? 'stopped' : ready >= want ? 'running' : 'starting',
                image: d.metadata?.annotations?.[ANN_IMAGE] ?? d.spec?.template?.spec?.containers?.[0]?.image,
                configDigest: d.metadata?.annotations?.[ANN_DIGEST],
                endpoint: { url: this.url(color) },
                detail: `${ready}/${want} ready`,
            };
        }
        return { live: (0,target/* isColor */._o)(sel) ? sel : undefined, colors };
    }
    labels(color) {
        const l = { [LABEL_APP]: this.opts.app, [LABEL_ENV]: this.opts.environment };
        if (color)
            l[LABEL_COLOR] = color;
        return l;
    }
    service(name, color) {
        return {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name, labels: this.labels() },
            spec: {
                selector: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: color },
                ports: [
                    { name: 'http', port: this.opts.servicePort, targetPort: this.opts.containerPort, protocol: 'TCP' },
                ],
            },
        };
    }
    async apply(op, obj) {
        await this.run(op, [
            'apply',
            '--server-side',
            `--field-manager=${FIELD_MANAGER}`,
            '--force-conflicts',
            '--validate=false',
            '-f',
            '-',
        ], JSON.stringify(obj));
    }
    async scale(op, color, replicas) {
        await this.run(op, [
            'patch',
            'deployment',
            this.name(color),
            '--type=merge',
            '-p',
            JSON.stringify({ spec: { replicas } }),
        ]);
    }
    async start(color, release, opts) {
        const existing = await this.get('start', 'deployment', this.name(color));
        const same = existing?.metadata?.annotations?.[ANN_IMAGE] === release.image &&
            existing?.metadata?.annotations?.[ANN_DIGEST] === release.configDigest;
        if (opts?.reuse && existing && same) {
            await this.scale('start', color, this.opts.replicas);
        }
        else {
            const port = typeof release.runtime.port === 'number' ? release.runtime.port : this.opts.containerPort;
            const container = {
                name: 'app',
                image: release.image,
                ports: [{ name: 'http', containerPort: port }],
                env: Object.entries(release.runtime.env)
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([name, value]) => ({ name, value })),
            };
            if (release.runtime.args?.length)
                container.args = release.runtime.args;
            await this.apply('start', {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                metadata: {
                    name: this.name(color),
                    labels: this.labels(color),
                    annotations: { [ANN_IMAGE]: release.image, [ANN_DIGEST]: release.configDigest },
                },
                spec: {
                    replicas: this.opts.replicas,
                    selector: { matchLabels: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: color } },
                    template: {
                        metadata: {
                            labels: this.labels(color),
                            annotations: { [ANN_DIGEST]: release.configDigest },
                        },
                        spec: { containers: [container] },
                    },
                },
            });
        }
        await this.apply('start', this.service(this.name(color), color));
        return { url: this.url(color) };
    }
    /** Ready endpoints of a Service, with the Pod names behind them. */
    async readyEndpoints(op, service) {
        const slices = await this.list(op, 'endpointslices', `kubernetes.io/service-name=${service}`);
        const ready = [];
        const notReady = [];
        for (const s of slices)
            for (const e of (s.endpoints ?? [])) {
                const pod = String(e.targetRef?.name ?? e.addresses?.[0] ?? '?');
                // `ready` unset means ready (EndpointSlice API: nil should be interpreted as "true").
                if (e.conditions?.ready === false)
                    notReady.push(pod);
                else
                    ready.push(pod);
            }
        return { ready, notReady };
    }
    async health(color) {
        const d = await this.get('health', 'deployment', this.name(color));
        if (!d)
            return { state: 'failed', detail: `deployment ${this.name(color)} does not exist` };
        const pods = await this.list('health', 'pods', `${LABEL_APP}=${this.opts.app},${LABEL_COLOR}=${color}`);
        for (const p of pods)
            for (const cs of (p.status?.containerStatuses ?? [])) {
                const reason = cs.state?.waiting?.reason;
                if (reason &&
                    [
                        'CrashLoopBackOff',
                        'ImagePullBackOff',
                        'ErrImagePull',
                        'InvalidImageName',
                        'CreateContainerConfigError',
                    ].includes(reason))
                    return { state: 'failed', detail: `pod ${p.metadata?.name}: ${reason}` };
                if ((cs.restartCount ?? 0) >= 3)
                    return { state: 'failed', detail: `pod ${p.metadata?.name}: ${cs.restartCount} restarts` };
            }
        const want = this.opts.replicas;
        const ready = d.status?.readyReplicas ?? 0;
        const gen = (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
        const eps = await this.readyEndpoints('health', this.name(color));
        if (gen && ready >= want && eps.ready.length >= want)
            return { state: 'ok', detail: `${ready}/${want} ready, ${eps.ready.length} ready endpoints` };
        return { state: 'starting', detail: `${ready}/${want} ready, ${eps.ready.length} ready endpoints` };
    }
    async switch(to) {
        const eps = await this.readyEndpoints('switch', this.name(to));
        if (eps.ready.length < this.opts.replicas)
            throw new target/* TargetError */.I0(`refusing to point ${this.name()} at ${to}: ${eps.ready.length}/${this.opts.replicas} Ready endpoints`, 'switch');
        const svc = await this.get('switch', 'service', this.name());
        if (!svc) {
            await this.apply('switch', this.service(this.name(), to));
            return;
        }
        await this.run('switch', [
            'patch',
            'service',
            this.name(),
            '--type=merge',
            '-p',
            JSON.stringify({ spec: { selector: { [LABEL_APP]: this.opts.app, [LABEL_COLOR]: to } } }),
        ]);
    }
    async verify(color) {
        const svc = await this.get('verify', 'service', this.name());
        const sel = svc?.spec?.selector?.[LABEL_COLOR];
        const live = (0,target/* isColor */._o)(sel) ? sel : undefined;
        if (live !== color)
            return { ok: false, live, detail: `selector of ${this.name()} names ${sel ?? 'no color'}` };
        const eps = await this.readyEndpoints('verify', this.name());
        const prefix = `${this.name(color)}-`;
        const foreign = eps.ready.filter((p) => !p.startsWith(prefix));
        if (eps.ready.length === 0)
            return { ok: false, live, detail: `${this.name()} has no Ready endpoints yet` };
        if (foreign.length)
            return { ok: false, live, detail: `${this.name()} still lists ${foreign.join(', ')}` };
        return { ok: true, live, detail: `${eps.ready.length} Ready endpoints, all ${color}` };
    }
    async stop(color) {
        const d = await this.get('stop', 'deployment', this.name(color));
        if (!d || d.spec?.replicas === 0)
            return;
        await this.scale('stop', color, 0);
    }
}

;// CONCATENATED MODULE: ./.tmp/build/deploy/targets/swarm.js
/**
 * Docker Swarm target (also CapRover's substrate): two services `<app>-blue` / `<app>-green`, each
 * listening on its own port, and a router in front (HAProxy runtime API or an nginx upstream, the
 * same routers the docker target uses) that sends public traffic to one of them.
 *
 * - start: (re)creates the idle color's service (never touches the live one); a stopped service
 *   that already holds this exact release is scaled back up instead (`reuse`).
 * - health: `failed` once the service's tasks keep failing (3 failed tasks), `ok` when a task runs.
 * - switch / verify: the router's switch and its own view of the live color.
 * - stop: scales the service to 0 replicas; the service (and its release labels) stays, so a
 *   rollback can scale it back.
 * With the default `network: host` the app gets its color's port in `PORT` (see `port-env`).
 *
 * Pure: docker and the router come in as dependencies (src/runner/swarm.ts runs the CLI).
 */


const SWARM_LABEL = {
    app: 'slipway.app',
    environment: 'slipway.environment',
    color: 'slipway.color',
    image: 'slipway.image',
    digest: 'slipway.config-digest',
};
const swarm_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,40}$/;
const swarm_KNOWN = [
    'ports',
    'address',
    'network',
    'container-port',
    'port-env',
    'replicas',
    'create-options',
    'proxy',
];
/** Validates the `swarm:` section of the deploy config (the `proxy` key is read by the caller). */
function swarmOptions(app, environment, raw, where = 'swarm') {
    if (!swarm_NAME_RE.test(app))
        throw new errors/* UserError */.yo(`app '${app}' is not a valid service name`, 'app');
    if (!raw)
        throw new errors/* UserError */.yo(`target swarm needs a '${where}' section (ports, proxy)`, where);
    for (const k of Object.keys(raw))
        if (!swarm_KNOWN.includes(k))
            throw new errors/* UserError */.yo(`unknown setting '${k}' (known: ${swarm_KNOWN.join(', ')})`, `${where}.${k}`);
    const int = (v, path, dflt, min, max) => {
        if (v === undefined && dflt !== undefined)
            return dflt;
        const n = typeof v === 'number' ? v : Number(v);
        if (v === undefined || !Number.isInteger(n) || n < min || n > max)
            throw new errors/* UserError */.yo(`expected an integer ${min}..${max}, got '${String(v)}'`, `${where}.${path}`);
        return n;
    };
    const p = raw.ports;
    if (!p || typeof p !== 'object')
        throw new errors/* UserError */.yo(`needs a port per color: { blue: 8081, green: 8082 }`, `${where}.ports`);
    const ports = {
        blue: int(p.blue, 'ports.blue', undefined, 1, 65535),
        green: int(p.green, 'ports.green', undefined, 1, 65535),
    };
    if (ports.blue === ports.green)
        throw new errors/* UserError */.yo(`blue and green need different ports`, `${where}.ports`);
    const network = raw.network === undefined ? 'host' : String(raw.network);
    const replicas = int(raw.replicas, 'replicas', 1, 0, 100);
    const createOptions = raw['create-options'] === undefined ? [] : raw['create-options'];
    if (!Array.isArray(createOptions) ||
        createOptions.some((o) => typeof o !== 'string' || !o.startsWith('--')))
        throw new errors/* UserError */.yo(`expected a list of options starting with --`, `${where}.create-options`);
    return {
        app,
        environment,
        ports,
        address: raw.address === undefined ? '127.0.0.1' : String(raw.address),
        network,
        containerPort: int(raw['container-port'], 'container-port', 8080, 1, 65535),
        portEnv: raw['port-env'] === undefined ? 'PORT' : String(raw['port-env']),
        replicas: replicas === 0 ? 1 : replicas,
        createOptions: createOptions,
    };
}
function swarm_firstLine(s) {
    return (s
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l) ?? '');
}
class SwarmTarget {
    opts;
    docker;
    router;
    sleep;
    kind = 'swarm';
    constructor(opts, docker, router, sleep = (ms) => new Promise((r) => setTimeout(r, ms))) {
        this.opts = opts;
        this.docker = docker;
        this.router = router;
        this.sleep = sleep;
    }
    name(color) {
        return `${this.opts.app}-${color}`;
    }
    async run(op, args, env) {
        const r = await this.docker(args, env);
        if (r.code !== 0)
            throw new target/* TargetError */.I0(`docker ${args.slice(0, 2).join(' ')} failed: ${swarm_firstLine(r.stderr) || `exit ${r.code}`}`, op);
        return r.stdout;
    }
    async inspect(op, color) {
        const r = await this.docker(['service', 'inspect', this.name(color)]);
        if (r.code !== 0) {
            if (/no such service/i.test(r.stderr))
                return undefined;
            throw new target/* TargetError */.I0(`docker service inspect failed: ${swarm_firstLine(r.stderr)}`, op);
        }
        return JSON.parse(r.stdout)[0];
    }
    url(color) {
        return `http://${this.opts.address}:${this.opts.ports[color]}`;
    }
    async prepare() {
        const r = await this.docker([
            'info',
            '--format',
            '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}',
        ]);
        if (r.code !== 0)
            throw new errors/* UserError */.yo(`cannot reach the Docker daemon: ${swarm_firstLine(r.stderr)}`, 'target');
        const [state, manager] = r.stdout.trim().split(' ');
        if (state !== 'active')
            throw new errors/* UserError */.yo(`this Docker engine is not part of a swarm (state '${state}'); run 'docker swarm init' or point DOCKER_HOST at a manager`, 'target');
        if (manager !== 'true')
            throw new errors/* UserError */.yo(`this Docker engine is a swarm worker; services can only be managed on a manager`, 'target');
        for (const c of target/* COLORS */.lm) {
            const s = await this.inspect('prepare', c);
            if (s && s.Spec?.Labels?.[SWARM_LABEL.app] !== this.opts.app)
                throw new errors/* UserError */.yo(`service '${this.name(c)}' exists but was not created by slipway; refusing to replace it`, 'target');
        }
        await this.router.prepare();
    }
    async tasks(op, color) {
        const out = await this.run(op, [
            'service',
            'ps',
            this.name(color),
            '--no-trunc',
            '--format',
            '{{.CurrentState}}|{{.DesiredState}}|{{.Error}}',
        ]);
        return out
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => {
            const [state = '', desired = '', error = ''] = l.split('|');
            return { state: state.split(' ')[0].toLowerCase(), desired: desired.toLowerCase(), error };
        });
    }
    async status() {
        const colors = {};
        for (const color of target/* COLORS */.lm) {
            const s = await this.inspect('status', color);
            if (!s) {
                colors[color] = { color, state: 'missing' };
                continue;
            }
            const replicas = s.Spec?.Mode?.Replicated?.Replicas ?? 1;
            let state = 'stopped';
            if (replicas > 0) {
                const running = (await this.tasks('status', color)).filter((t) => t.state === 'running' && t.desired === 'running');
                state = running.length >= replicas ? 'running' : 'starting';
            }
            colors[color] = {
                color,
                state,
                image: s.Spec?.Labels?.[SWARM_LABEL.image],
                configDigest: s.Spec?.Labels?.[SWARM_LABEL.digest],
                endpoint: { url: this.url(color) },
            };
        }
        return { live: await this.router.live(), colors };
    }
    /** Waits until the service's containers are gone (host ports are free again). */
    async waitGone(color) {
        for (let i = 0; i < 60; i++) {
            const out = await this.run('start', [
                'ps',
                '-q',
                '--filter',
                `label=com.docker.swarm.service.name=${this.name(color)}`,
            ]);
            if (!out.trim())
                return;
            await this.sleep(250);
        }
        throw new target/* TargetError */.I0(`containers of ${this.name(color)} did not stop within 15 s`, 'start');
    }
    async start(color, release, opts) {
        const existing = await this.inspect('start', color);
        const labels = existing?.Spec?.Labels ?? {};
        if (opts?.reuse &&
            existing &&
            labels[SWARM_LABEL.image] === release.image &&
            labels[SWARM_LABEL.digest] === release.configDigest) {
            await this.run('start', [
                'service',
                'update',
                '--detach',
                '--replicas',
                String(this.opts.replicas),
                this.name(color),
            ]);
            return { url: this.url(color) };
        }
        if (existing) {
            await this.run('start', ['service', 'rm', this.name(color)]);
            await this.waitGone(color);
        }
        const host = this.opts.network === 'host';
        const args = ['service', 'create', '--detach', '--no-resolve-image', '--name', this.name(color)];
        const l = {
            [SWARM_LABEL.app]: this.opts.app,
            [SWARM_LABEL.environment]: this.opts.environment,
            [SWARM_LABEL.color]: color,
            [SWARM_LABEL.image]: release.image,
            [SWARM_LABEL.digest]: release.configDigest,
        };
        for (const [k, v] of Object.entries(l))
            args.push('--label', `${k}=${v}`, '--container-label', `${k}=${v}`);
        args.push('--replicas', String(this.opts.replicas), '--restart-condition', 'on-failure', '--restart-max-attempts', '5');
        if (host)
            args.push('--network', 'host');
        else
            args.push('--network', this.opts.network, '--publish', `mode=host,target=${this.opts.containerPort},published=${this.opts.ports[color]}`);
        args.push('--env', `${this.opts.portEnv}=${host ? this.opts.ports[color] : this.opts.containerPort}`);
        // Values travel in the client's environment (`--env NAME`), never on the command line.
        const env = {};
        for (const [k, v] of Object.entries(release.runtime.env)) {
            args.push('--env', k);
            env[k] = v;
        }
        args.push(...this.opts.createOptions, release.image, ...(release.runtime.args ?? []));
        await this.run('start', args, env);
        return { url: this.url(color) };
    }
    async health(color) {
        const tasks = await this.tasks('health', color);
        if (tasks.some((t) => t.state === 'running' && t.desired === 'running'))
            return { state: 'ok' };
        const failed = tasks.filter((t) => ['failed', 'rejected', 'orphaned'].includes(t.state));
        if (failed.length >= 3)
            return {
                state: 'failed',
                detail: `${failed.length} failed tasks (last: ${failed[0]?.error || failed[0]?.state})`,
            };
        return { state: 'starting', detail: tasks[0] ? `task ${tasks[0].state}` : 'no task yet' };
    }
    async switch(to) {
        await this.router.switch(to, { url: this.url(to) });
    }
    async verify(color) {
        const live = await this.router.live();
        return live === color
            ? { ok: true, live }
            : { ok: false, live, detail: `${this.router.kind} sends traffic to ${live ?? 'no single color'}` };
    }
    async stop(color) {
        const s = await this.inspect('stop', color);
        if (!s || (s.Spec?.Mode?.Replicated?.Replicas ?? 1) === 0)
            return;
        await this.run('stop', ['service', 'update', '--detach', '--replicas', '0', this.name(color)]);
    }
}

;// CONCATENATED MODULE: ./.tmp/build/runner/kubectl.js
/**
 * Runs the real `kubectl` for the kubernetes deploy target and its lock. The target only sees the
 * `Kubectl` function type (src/deploy/targets/kubernetes.ts), so tests can point it at the
 * Kubernetes API fake through a kubeconfig, exactly as a runner points it at a cluster.
 */


function createKubectl(opts = {}) {
    const bin = opts.bin ?? 'kubectl';
    const base = [];
    if (opts.kubeconfig)
        base.push(`--kubeconfig=${opts.kubeconfig}`);
    if (opts.context)
        base.push(`--context=${opts.context}`);
    if (opts.namespace)
        base.push(`--namespace=${opts.namespace}`);
    return (args, stdin) => new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.execFile)(bin, [...base, ...args], {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            timeout: opts.timeoutMs ?? 60_000,
            env: { ...process.env, ...(opts.env ?? {}) },
        }, (err, stdout, stderr) => {
            if (err && err.code === 'ENOENT') {
                reject(new errors/* UserError */.yo(`'${bin}' was not found on PATH: the kubernetes target needs kubectl (Debian/Ubuntu: apt-get install kubernetes-client; or azure/setup-kubectl)`, 'target'));
                return;
            }
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            resolve({ code, stdout, stderr: stderr || (err && code !== 0 && !stderr ? err.message : '') });
        });
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(stdin ?? '');
    });
}

;// CONCATENATED MODULE: ./.tmp/build/runner/swarm.js
/** Runs the docker CLI for the swarm target (and its lock); DOCKER_HOST selects the manager. */


function createDockerCli(opts = {}) {
    const bin = opts.bin ?? 'docker';
    return async (args, env) => {
        const r = await run(bin, args, {
            env: { ...process.env, ...(opts.host ? { DOCKER_HOST: opts.host } : {}), ...(env ?? {}) },
            timeoutMs: opts.timeoutMs ?? 120_000,
        });
        if (r.code === 127 && /ENOENT/.test(r.stderr))
            throw new errors/* UserError */.yo(`'${bin}' was not found on PATH: the swarm target needs the docker CLI`, 'target');
        return r;
    };
}

;// CONCATENATED MODULE: ./.tmp/build/runner/swarm-factories.js












/** Reads `swarm.proxy` (same shape as the docker target's `proxy`). */
function swarmProxy(raw, where) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        throw new errors/* UserError */.yo(`target swarm needs a proxy section (kind: haproxy or nginx)`, `${where}.proxy`);
    const o = raw;
    const str = (k, dflt) => {
        const v = o[k] ?? dflt;
        if (typeof v !== 'string' || !v)
            throw new errors/* UserError */.yo(`is required (a string)`, `${where}.proxy.${k}`);
        return v;
    };
    if (o.kind === 'haproxy') {
        const s = (o.servers ?? {});
        const cfg = {
            kind: 'haproxy',
            socket: str('socket'),
            backend: str('backend'),
            servers: { blue: String(s.blue ?? 'blue'), green: String(s.green ?? 'green') },
        };
        return cfg;
    }
    if (o.kind === 'nginx') {
        const cmd = (k, d) => {
            const v = o[k];
            if (v === undefined)
                return d;
            if (typeof v === 'string')
                return v.split(/\s+/).filter(Boolean);
            if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
                return v;
            throw new errors/* UserError */.yo(`must be a command (string or list)`, `${where}.proxy.${k}`);
        };
        const cfg = {
            kind: 'nginx',
            upstreamFile: str('upstream-file'),
            upstream: str('upstream'),
            testCommand: cmd('test-command', ['nginx', '-t']),
            reloadCommand: cmd('reload-command', ['nginx', '-s', 'reload']),
        };
        return cfg;
    }
    throw new errors/* UserError */.yo(`unknown proxy '${String(o.kind)}' (known: haproxy, nginx)`, `${where}.proxy.kind`);
}
function router(p) {
    return p.kind === 'haproxy' ? new HaproxyRouter(p) : new NginxRouter(p);
}
function runtimeFrom(section, processEnv) {
    const env = {};
    const e = section?.env;
    if (e && typeof e === 'object')
        for (const [k, v] of Object.entries(e))
            env[k] = String(v);
    const from = section?.['env-from'];
    if (Array.isArray(from))
        for (const name of from) {
            const v = processEnv[String(name)];
            if (v === undefined)
                throw new errors/* UserError */.yo(`environment variable ${String(name)} is not set`, 'env-from');
            env[String(name)] = v;
        }
    return { env };
}
/**
 * A target on a remote `ssh://` Docker host seen through an SSH tunnel: opens the tunnel before
 * anything else, and gives the engine each color's local tunnel address to probe (the proxy,
 * built on the tunnel's local socket, is still pointed at the color's address on the host).
 */
class TunnelledTarget {
    inner;
    tunnel;
    hostUrl;
    kind;
    constructor(inner, tunnel, 
    /** Each color's base URL on the host, as the inner target reports it. */
    hostUrl) {
        this.inner = inner;
        this.tunnel = tunnel;
        this.hostUrl = hostUrl;
        this.kind = inner.kind;
    }
    local(color, ep) {
        const base = this.hostUrl[color];
        return ep.url.startsWith(base) ? { url: this.tunnel.localUrl(color) + ep.url.slice(base.length) } : ep;
    }
    async prepare() {
        await this.tunnel.ready();
        await this.inner.prepare();
    }
    async status() {
        await this.tunnel.ready();
        const st = await this.inner.status();
        for (const c of ['blue', 'green']) {
            const ep = st.colors[c].endpoint;
            if (ep)
                st.colors[c].endpoint = this.local(c, ep);
        }
        return st;
    }
    async start(color, release, opts) {
        await this.tunnel.ready();
        return this.local(color, await this.inner.start(color, release, opts));
    }
    health(color) {
        return this.inner.health(color);
    }
    async switch(to) {
        await this.tunnel.ready();
        await this.inner.switch(to);
    }
    async verify(color) {
        await this.tunnel.ready();
        return this.inner.verify(color);
    }
    stop(color) {
        return this.inner.stop(color);
    }
    close() {
        this.tunnel.close();
    }
}
const swarmFactory = async (env, ctx) => {
    const section = { ...(env.targetSection ?? {}) };
    const where = `${env.where}: swarm`;
    const proxy = swarmProxy(section.proxy, where);
    const runtime = runtimeFrom(section, ctx.processEnv);
    delete section.proxy;
    delete section.env;
    delete section['env-from'];
    const opts = swarmOptions(env.app, env.environment, section, where);
    // A manager on another machine over ssh:// (DOCKER_HOST) with HAProxy in front: through a tunnel.
    const host = ctx.processEnv.DOCKER_HOST;
    if (proxy.kind === 'haproxy' && host?.startsWith('ssh://') && isRemoteDockerHost(host)) {
        const tunnel = new HostTunnel({
            host,
            remoteSocket: proxy.socket,
            address: opts.address,
            ports: opts.ports,
            name: `${env.app}-${env.environment}`,
            env: { ...process.env, ...ctx.processEnv },
            log: ctx.log,
        });
        const inner = new SwarmTarget(opts, createDockerCli(), router({ ...proxy, socket: tunnel.socket }));
        const hostUrl = (c) => `http://${opts.address}:${opts.ports[c]}`;
        return {
            target: new TunnelledTarget(inner, tunnel, { blue: hostUrl('blue'), green: hostUrl('green') }),
            runtime,
        };
    }
    return { target: new SwarmTarget(opts, createDockerCli(), router(proxy)), runtime };
};
const kubernetesFactory = async (env, ctx) => {
    const section = { ...(env.targetSection ?? {}) };
    const runtime = runtimeFrom(section, ctx.processEnv);
    const kubeconfig = section.kubeconfig === undefined ? undefined : String(section.kubeconfig);
    const context = section.context === undefined ? undefined : String(section.context);
    for (const k of ['env', 'env-from', 'kubeconfig', 'context'])
        delete section[k];
    const opts = kubernetesOptions(env.app, env.environment, section, `${env.where}: kubernetes`);
    const kubectl = createKubectl({ kubeconfig, context, namespace: opts.namespace });
    return { target: new KubernetesTarget(opts, kubectl), runtime };
};
const commandFactory = async (env, ctx) => {
    const section = { ...(env.targetSection ?? {}) };
    const runtime = runtimeFrom(section, ctx.processEnv);
    delete section.env;
    delete section['env-from'];
    const opts = commandOptions(env.app, env.environment, section, `${env.where}: command`);
    return { target: new CommandTarget(opts, runShell), runtime };
};
/**
 * The deploy lock's store on the target of `env` (undefined where the target has none: a command
 * target without a `lock` command, and a docker deploy given no image to hold it).
 */
function lockStoreFor(env, image) {
    const section = env.targetSection ?? {};
    const name = lockName(env.app, env.environment);
    if (env.target === 'docker' && image) {
        return new DockerLockStore(createDockerCli(env.docker?.host ? { host: env.docker.host } : {}), name, image);
    }
    if (env.target === 'swarm')
        return new SwarmLockStore(createDockerCli(), name);
    if (env.target === 'command') {
        const { env: _env, 'env-from': _from, ...rest } = section;
        const opts = commandOptions(env.app, env.environment, rest, `${env.where}: command`);
        return opts.commands.lock ? new CommandLockStore(opts, runShell) : undefined;
    }
    if (env.target === 'kubernetes') {
        const str = (k) => (section[k] === undefined ? undefined : String(section[k]));
        const kubectl = createKubectl({
            kubeconfig: str('kubeconfig'),
            context: str('context'),
            namespace: str('namespace') ?? 'default',
        });
        return new KubernetesLockStore(kubectl, name);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./.tmp/build/runner/docker-target-factories.js


const dockerFactory = async (env, ctx) => {
    if (!env.docker)
        throw new Error(`${env.app}/${env.environment}: docker section missing after validation`);
    const target = new DockerTarget({
        app: env.app,
        environment: env.environment,
        docker: env.docker,
        log: ctx.log,
    });
    return { target, runtime: dockerRuntime(env.docker, ctx.processEnv) };
};
const targetFactories = {
    docker: dockerFactory,
    swarm: swarmFactory,
    kubernetes: kubernetesFactory,
    command: commandFactory,
};

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./.tmp/build/runner/http-probe.js
/**
 * One HTTP probe with a hard per-try timeout, no keep-alive (each probe is a fresh connection,
 * as a new client would make) and a bounded body read. Never throws: failures are results.
 */


const MAX_BODY = 64 * 1024;
function httpProbe(req) {
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    return new Promise((resolve) => {
        let done = false;
        const finish = (r) => {
            if (!done) {
                done = true;
                resolve(r);
            }
        };
        let url;
        try {
            url = new URL(req.url);
        }
        catch {
            finish({ ok: false, error: `bad URL ${req.url}`, ms: 0 });
            return;
        }
        const mod = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
        const r = mod.request(url, {
            method: req.method,
            headers: { connection: 'close', ...req.headers },
            agent: false,
            timeout: req.timeoutMs,
        }, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (c) => {
                if (size < MAX_BODY)
                    chunks.push(c);
                size += c.length;
            });
            res.on('end', () => {
                const headers = {};
                for (const [k, v] of Object.entries(res.headers)) {
                    if (v !== undefined)
                        headers[k] = Array.isArray(v) ? v.join(', ') : v;
                }
                finish({
                    ok: true,
                    status: res.statusCode ?? 0,
                    headers,
                    body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
                    ms: ms(),
                });
            });
            res.on('error', (e) => finish({ ok: false, error: e.message, ms: ms() }));
        });
        const timer = setTimeout(() => {
            r.destroy(new Error(`timed out after ${req.timeoutMs} ms`));
        }, req.timeoutMs);
        r.on('timeout', () => r.destroy(new Error(`timed out after ${req.timeoutMs} ms`)));
        r.on('error', (e) => finish({ ok: false, error: e.code ? `${e.code}: ${e.message}` : e.message, ms: ms() }));
        r.on('close', () => clearTimeout(timer));
        r.end();
    });
}

// EXTERNAL MODULE: ./.tmp/build/runner/octokit.js
var octokit = __webpack_require__(4950);
;// CONCATENATED MODULE: ./.tmp/build/runner/deploy-deps.js







function client(token, log) {
    return (0,octokit/* createGitHubClient */.L)({ token, baseUrl: process.env.GITHUB_API_URL, ...(log ? { log } : {}) });
}
function split(repository) {
    return repository.split('/');
}
/**
 * `log` receives the API client's retry and rate-limit notes (the job log on a runner; the CLI
 * keeps its stdout for outputs and passes stderr).
 */
function runnerDeployDeps(log = (m) => console.log(m)) {
    return {
        factories: targetFactories,
        githubRecorder: (token, repository) => new github_recorder/* GitHubRecorder */.O(client(token, log), ...split(repository)),
        promotionApi: (token, repository) => new GitHubPromotionApi(client(token), ...split(repository)),
        probe: httpProbe,
        smoke: runShell,
        now: () => Date.now(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        lockStore: lockStoreFor,
        lookupRun: (token) => {
            const c = client(token);
            return async (repository, runId) => {
                const [owner, repo] = split(repository);
                try {
                    const r = await c.rest.actions.getWorkflowRun({ owner, repo, run_id: Number(runId) });
                    return { status: r.data.status ?? 'unknown' };
                }
                catch (e) {
                    if (e.status === 404)
                        return undefined;
                    throw e;
                }
            };
        },
        // The runner signals a cancelled job; release what we hold, then exit as cancelled.
        onCancel: (fn) => {
            for (const sig of ['SIGINT', 'SIGTERM'])
                process.once(sig, () => {
                    void fn().finally(() => process.exit(130));
                });
        },
    };
}

;// CONCATENATED MODULE: ./.tmp/build/cli/commands/deploy.js



/**
 * The actions' deps without the deploy lock and the cancellation hook: a local run takes no lock
 * on the target (see the commands' help).
 */
const { lockStore: _lockStore, lookupRun: _lookupRun, onCancel: _onCancel, promotionApi, ...base } = runnerDeployDeps((m) => void process.stderr.write(`${m}\n`));
const cliDeps = base;
const cliPromotionApi = promotionApi;
const COMMON_OPTIONS = {
    app: { type: 'string' },
    environment: { type: 'string' },
    config: { type: 'string' },
    reason: { type: 'string' },
    ref: { type: 'string' },
    repository: { type: 'string' },
    'github-token': { type: 'string' },
    ...Object.fromEntries(inputs/* HEALTH_INPUTS */.pG.map((k) => [`health-${k}`, { type: 'string' }])),
};
/**
 * The action's main() on a terminal: inputs from options, phases as plain log lines, outputs
 * as `name=value` lines on stdout, the summary on stderr. GitHub Deployments are recorded only
 * with --github-token (or GITHUB_TOKEN) and --repository (or GITHUB_REPOSITORY).
 */
function terminalIO(args) {
    const token = args.values['github-token'] ?? process.env.GITHUB_TOKEN ?? '';
    const env = { ...process.env, GITHUB_REPOSITORY: args.values.repository ?? process.env.GITHUB_REPOSITORY };
    const out = (s) => process.stderr.write(`${s}\n`);
    return {
        getInput: (name) => {
            if (name === 'github-token')
                return token;
            if (name === 'record-deployment')
                return token && env.GITHUB_REPOSITORY ? 'true' : 'false';
            if (name === 'ref')
                return args.values.ref ?? 'HEAD';
            if (name in args.flags)
                return String(args.flags[name]);
            return args.values[name] ?? '';
        },
        setOutput: (name, value) => process.stdout.write(`${name}=${String(value)}\n`),
        summary: async (md) => void out(`\n${md}`),
        annotate: (level, message) => void out(`${level}: ${message}`),
        setSecret: () => { },
        info: (m) => void out(m),
        warning: (m) => void out(`warning: ${m}`),
        debug: () => { },
        group: async (name, fn) => {
            out(`── ${name}`);
            return fn();
        },
        saveState: () => { },
        getState: () => '',
        env: { ...env, GITHUB_WORKSPACE: process.cwd() },
    };
}
const command = {
    help: `slipway deploy: blue-green deploy of one app to one environment (the deploy action, locally)

options:
  --app NAME              app in the config (required)
  --image REF             image to deploy (required)
  --environment NAME      environment in the config (default production)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --bake-seconds N        watch the public route this long after the switch
  --keep-warm-minutes N   keep the previous color running this long (0: stop it)
  --auto-rollback BOOL    roll back automatically on failure after the switch (default true)
  --smoke-command CMD     run against the idle color before the switch (gets SLIPWAY_URL)
  --version-expect VALUE  version marker the public route must show
  --health-<field> VALUE  override a health field (path, interval-seconds, deadline-seconds, ...)
  --reason TEXT           recorded in the deployment payload
  --promotion MODE        auto (default) or manual: stop at "ready, awaiting promotion" (slipway promote)
  --github-token TOKEN    record GitHub Deployments (with --repository OWNER/REPO)
Prints the outputs as name=value lines; exit 1 when the deploy failed or was rolled back.`,
    options: {
        ...COMMON_OPTIONS,
        image: { type: 'string' },
        target: { type: 'string' },
        'bake-seconds': { type: 'string' },
        'keep-warm-minutes': { type: 'string' },
        'auto-rollback': { type: 'string' },
        'smoke-command': { type: 'string' },
        'version-expect': { type: 'string' },
        promotion: { type: 'string' },
    },
    async run(args) {
        await (0,main/* main */.iW)(terminalIO(args), cliDeps);
        return 0;
    },
};


/***/ }),

/***/ 7794:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aP: () => (/* binding */ selectEnvironment),
/* harmony export */   dM: () => (/* binding */ parseDeployConfig),
/* harmony export */   kw: () => (/* binding */ parseHealth),
/* harmony export */   xv: () => (/* binding */ configDigest)
/* harmony export */ });
/* unused harmony export TARGET_KINDS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7417);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1862);
/**
 * The deploy config file (`.github/slipway-deploy.yml` or the `config` input): per app and
 * environment, which target, how to run the app, the proxy, health, version marker, smoke, bake
 * and keep-warm. Parsed and validated here, before anything happens; every mistake is a
 * UserError naming `file:line: field`. The JSON Schema (schemas/slipway-deploy.schema.json)
 * documents the same shape for editors.
 */




const TARGET_KINDS = ['docker', 'swarm', 'kubernetes', 'command'];
class Reader {
    file;
    doc;
    lines;
    constructor(file, doc, lines) {
        this.file = file;
        this.doc = doc;
        this.lines = lines;
    }
    where(path) {
        for (let n = path.length; n >= 0; n--) {
            const node = this.doc.getIn(path.slice(0, n), true);
            if (node && node.range) {
                const { line } = this.lines.linePos(node.range[0]);
                return `${this.file}:${line}: ${path.join('.') || '(top)'}`;
            }
        }
        return `${this.file}: ${path.join('.')}`;
    }
    fail(path, message) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(message, this.where(path));
    }
    obj(v, path, allowed) {
        if (v === null || typeof v !== 'object' || Array.isArray(v))
            this.fail(path, 'must be a mapping');
        const o = v;
        for (const k of Object.keys(o)) {
            if (!allowed.includes(k))
                this.fail([...path, k], `unknown field '${k}' (known: ${allowed.join(', ')})`);
        }
        return o;
    }
    str(o, key, path, required = false) {
        const v = o[key];
        if (v === undefined || v === null) {
            if (required)
                this.fail(path, `missing required field '${key}'`);
            return undefined;
        }
        if (typeof v !== 'string' && typeof v !== 'number')
            this.fail([...path, key], 'must be a string');
        const s = String(v).trim();
        if (required && !s)
            this.fail([...path, key], 'must not be empty');
        return s;
    }
    num(o, key, path, def, opts = {}) {
        const v = o[key];
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'number' || !Number.isFinite(v))
            this.fail([...path, key], `must be a number, got ${JSON.stringify(v)}`);
        if (opts.int && !Number.isInteger(v))
            this.fail([...path, key], `must be a whole number, got ${v}`);
        if (opts.min !== undefined && v < opts.min)
            this.fail([...path, key], `must be at least ${opts.min}, got ${v}`);
        if (opts.max !== undefined && v > opts.max)
            this.fail([...path, key], `must be at most ${opts.max}, got ${v}`);
        return v;
    }
    bool(o, key, path, def) {
        const v = o[key];
        if (v === undefined || v === null)
            return def;
        if (typeof v !== 'boolean')
            this.fail([...path, key], 'must be true or false');
        return v;
    }
    strList(o, key, path) {
        const v = o[key];
        if (v === undefined || v === null)
            return undefined;
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
            this.fail([...path, key], 'must be a list of strings');
        }
        return v.map(String);
    }
    command(o, key, path, def) {
        const v = o[key];
        if (v === undefined || v === null)
            return def;
        if (typeof v === 'string') {
            const parts = v.trim().split(/\s+/).filter(Boolean);
            if (!parts.length)
                this.fail([...path, key], 'must not be empty');
            return parts;
        }
        const list = this.strList(o, key, path);
        if (!list || !list.length)
            this.fail([...path, key], 'must be a command (string or list)');
        return list;
    }
}
const HEALTH_KEYS = [
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
];
/** Parses a health section (also used for the health-* action inputs, with `where` naming them). */
function parseHealth(raw, fail, base = _health_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_HEALTH */ .rD) {
    const num = (key, def, min, int = false) => {
        const v = raw[key];
        if (v === undefined || v === null || v === '')
            return def;
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n))
            fail(key, `must be a number, got ${JSON.stringify(v)}`);
        if (int && !Number.isInteger(n))
            fail(key, `must be a whole number, got ${n}`);
        if (n < min)
            fail(key, `must be at least ${min}, got ${n}`);
        return n;
    };
    const out = { ...base };
    if (raw.method !== undefined && raw.method !== '') {
        const m = String(raw.method).toUpperCase();
        if (m !== 'GET' && m !== 'HEAD' && m !== 'POST')
            fail('method', `must be GET, HEAD or POST, got ${String(raw.method)}`);
        out.method = m;
    }
    if (raw.path !== undefined && raw.path !== '') {
        const p = String(raw.path);
        if (!p.startsWith('/'))
            fail('path', `must start with '/', got '${p}'`);
        out.path = p;
    }
    else if (raw.path === '' || raw.path === null) {
        fail('path', 'a health check needs a path, such as /health');
    }
    if (raw.host !== undefined && raw.host !== '')
        out.host = String(raw.host);
    if (raw['expect-status'] !== undefined && raw['expect-status'] !== '') {
        const v = raw['expect-status'];
        const list = (Array.isArray(v) ? v : String(v).split(/[\s,|]+/)).filter((x) => x !== '');
        const codes = list.map((x) => Number(x));
        if (!codes.length || codes.some((c) => !Number.isInteger(c) || c < 100 || c > 599)) {
            fail('expect-status', `must be HTTP status codes (100-599), got ${JSON.stringify(v)}`);
        }
        out.expectStatus = codes;
    }
    if (raw['body-regex'] !== undefined && raw['body-regex'] !== '') {
        const r = String(raw['body-regex']);
        try {
            new RegExp(r);
        }
        catch (e) {
            fail('body-regex', `is not a valid regular expression: ${e.message}`);
        }
        out.bodyRegex = r;
    }
    const jf = raw['json-field'];
    const je = raw['json-equals'];
    if ((jf !== undefined && jf !== '') !== (je !== undefined && je !== '')) {
        fail(jf !== undefined && jf !== '' ? 'json-equals' : 'json-field', 'json-field and json-equals go together');
    }
    if (jf !== undefined && jf !== '')
        out.json = { field: String(jf), equals: String(je) };
    out.intervalMs = Math.round(num('interval-seconds', base.intervalMs / 1000, 0.01) * 1000);
    out.timeoutMs = Math.round(num('timeout-seconds', base.timeoutMs / 1000, 0.01) * 1000);
    out.healthyThreshold = num('healthy-threshold', base.healthyThreshold, 1, true);
    out.unhealthyThreshold = num('unhealthy-threshold', base.unhealthyThreshold, 1, true);
    out.startPeriodMs = Math.round(num('start-period-seconds', base.startPeriodMs / 1000, 0) * 1000);
    out.deadlineMs = Math.round(num('deadline-seconds', base.deadlineMs / 1000, 0.1) * 1000);
    if (out.timeoutMs > out.deadlineMs)
        fail('timeout-seconds', 'must not be longer than deadline-seconds');
    return out;
}
const ENV_KEYS = [
    'target',
    'url',
    'image',
    'health',
    'version',
    'smoke',
    'bake-seconds',
    'keep-warm-minutes',
    'auto-rollback',
    'drain-seconds',
    'error-rate',
    'docker',
    'swarm',
    'kubernetes',
    'command',
];
function parseDocker(r, raw, path) {
    const o = r.obj(raw, path, [
        'host',
        'network',
        'ports',
        'container-port',
        'port-env',
        'address',
        'env',
        'env-from',
        'args',
        'run-options',
        'proxy',
    ]);
    const network = r.str(o, 'network', path) ?? 'host';
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(network))
        r.fail([...path, 'network'], `is not a valid network name: '${network}'`);
    if (o.ports === undefined)
        r.fail(path, "missing required field 'ports' (a port per color: { blue: 8081, green: 8082 })");
    const po = r.obj(o.ports, [...path, 'ports'], ['blue', 'green']);
    const port = (c) => {
        if (po[c] === undefined)
            r.fail([...path, 'ports'], `missing the ${c} port`);
        return r.num(po, c, [...path, 'ports'], 0, { min: 1, max: 65535, int: true });
    };
    const ports = { blue: port('blue'), green: port('green') };
    if (ports.blue === ports.green)
        r.fail([...path, 'ports'], `blue and green need different ports (both ${ports.blue})`);
    const containerPort = o['container-port'] === undefined
        ? undefined
        : r.num(o, 'container-port', path, 0, { min: 1, max: 65535, int: true });
    if (network !== 'host' && containerPort === undefined) {
        r.fail(path, `network '${network}' publishes ports: 'container-port' (the port the app listens on) is required`);
    }
    const env = {};
    if (o.env !== undefined) {
        const eo = r.obj(o.env, [...path, 'env'], Object.keys(o.env ?? {}));
        for (const [k, v] of Object.entries(eo)) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
                r.fail([...path, 'env', k], `is not a valid variable name`);
            if (v === null || typeof v === 'object')
                r.fail([...path, 'env', k], 'must be a string');
            env[k] = String(v);
        }
    }
    const envFrom = r.strList(o, 'env-from', path) ?? [];
    for (const [i, n] of envFrom.entries()) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
            r.fail([...path, 'env-from', i], `is not a valid variable name: '${n}'`);
    }
    const runOptions = r.strList(o, 'run-options', path) ?? [];
    for (const [i, opt] of runOptions.entries()) {
        if (!opt.startsWith('--'))
            r.fail([...path, 'run-options', i], `must be a --option, got '${opt}'`);
        if (/^--(name|network|net|label|publish|p|rm|detach|d)(=|$)/.test(opt)) {
            r.fail([...path, 'run-options', i], `${opt.split('=')[0]} is set by Slipway`);
        }
    }
    const host = r.str(o, 'host', path);
    if (host !== undefined && !/^(unix|tcp|ssh|npipe):\/\//.test(host)) {
        r.fail([...path, 'host'], `must be a unix://, tcp:// or ssh:// address, got '${host}'`);
    }
    if (o.proxy === undefined)
        r.fail(path, "missing required field 'proxy' (haproxy or nginx)");
    return {
        host,
        network,
        ports,
        containerPort,
        portEnv: r.str(o, 'port-env', path) ?? 'PORT',
        address: r.str(o, 'address', path) ?? '127.0.0.1',
        env,
        envFrom,
        args: r.strList(o, 'args', path),
        runOptions,
        proxy: parseProxy(r, o.proxy, [...path, 'proxy']),
    };
}
function parseProxy(r, raw, path) {
    if (raw === null || typeof raw !== 'object')
        r.fail(path, 'must be a mapping with kind: haproxy or nginx');
    const kind = raw.kind;
    if (kind === 'haproxy') {
        const o = r.obj(raw, path, ['kind', 'socket', 'backend', 'servers']);
        const socket = r.str(o, 'socket', path, true);
        if (!socket.startsWith('/'))
            r.fail([...path, 'socket'], `must be an absolute path to the admin socket, got '${socket}'`);
        const servers = { blue: 'blue', green: 'green' };
        if (o.servers !== undefined) {
            const so = r.obj(o.servers, [...path, 'servers'], ['blue', 'green']);
            servers.blue = r.str(so, 'blue', [...path, 'servers']) ?? 'blue';
            servers.green = r.str(so, 'green', [...path, 'servers']) ?? 'green';
        }
        return { kind, socket, backend: r.str(o, 'backend', path, true), servers };
    }
    if (kind === 'nginx') {
        const o = r.obj(raw, path, ['kind', 'upstream-file', 'upstream', 'test-command', 'reload-command']);
        const upstreamFile = r.str(o, 'upstream-file', path, true);
        if (!upstreamFile.startsWith('/'))
            r.fail([...path, 'upstream-file'], `must be an absolute path, got '${upstreamFile}'`);
        const upstream = r.str(o, 'upstream', path, true);
        if (!/^[A-Za-z0-9_.-]+$/.test(upstream))
            r.fail([...path, 'upstream'], `is not a valid upstream name: '${upstream}'`);
        return {
            kind,
            upstreamFile,
            upstream,
            testCommand: r.command(o, 'test-command', path, ['nginx', '-t']),
            reloadCommand: r.command(o, 'reload-command', path, ['nginx', '-s', 'reload']),
        };
    }
    return r.fail([...path, 'kind'], `unknown proxy '${String(kind)}' (known: haproxy, nginx)`);
}
function parseEnvironment(r, app, env, raw, appImage) {
    const path = ['apps', app, 'environments', env];
    const o = r.obj(raw, path, ENV_KEYS);
    const target = r.str(o, 'target', path, true);
    if (!TARGET_KINDS.includes(target)) {
        r.fail([...path, 'target'], `unknown target '${target}' (known: ${TARGET_KINDS.join(', ')})`);
    }
    const url = r.str(o, 'url', path, true);
    try {
        const u = new URL(url);
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            throw new Error('not http');
    }
    catch {
        r.fail([...path, 'url'], `must be an http(s) URL, got '${url}'`);
    }
    let health = { ..._health_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_HEALTH */ .rD };
    if (o.health !== undefined) {
        const ho = r.obj(o.health, [...path, 'health'], HEALTH_KEYS);
        if (ho.path === undefined || ho.path === null || ho.path === '') {
            r.fail([...path, 'health'], 'a health check needs a path, such as /health');
        }
        health = parseHealth(ho, (key, message) => r.fail([...path, 'health', key], message));
    }
    let version;
    if (o.version !== undefined) {
        const vp = [...path, 'version'];
        const vo = r.obj(o.version, vp, [
            'header',
            'path',
            'expect',
            'deadline-seconds',
            'interval-seconds',
            'consecutive',
        ]);
        const header = r.str(vo, 'header', vp);
        const vpath = r.str(vo, 'path', vp);
        if ((header === undefined) === (vpath === undefined))
            r.fail(vp, "needs exactly one of 'header' or 'path'");
        if (vpath !== undefined && !vpath.startsWith('/'))
            r.fail([...vp, 'path'], `must start with '/', got '${vpath}'`);
        version = {
            kind: header !== undefined ? 'header' : 'path',
            name: (header ?? vpath),
            expect: r.str(vo, 'expect', vp),
            deadlineMs: Math.round(r.num(vo, 'deadline-seconds', vp, 30, { min: 0.1 }) * 1000),
            intervalMs: Math.round(r.num(vo, 'interval-seconds', vp, 0.1, { min: 0.01 }) * 1000),
            consecutive: r.num(vo, 'consecutive', vp, 3, { min: 1, int: true }),
        };
    }
    let smoke;
    if (o.smoke !== undefined) {
        const so = r.obj(o.smoke, [...path, 'smoke'], ['command', 'timeout-seconds']);
        smoke = {
            command: r.str(so, 'command', [...path, 'smoke'], true),
            timeoutMs: Math.round(r.num(so, 'timeout-seconds', [...path, 'smoke'], 300, { min: 1 }) * 1000),
        };
    }
    let errorRate;
    if (o['error-rate'] !== undefined) {
        const ep = [...path, 'error-rate'];
        const eo = r.obj(o['error-rate'], ep, ['max-percent', 'min-probes']);
        errorRate = {
            maxFailureRatio: r.num(eo, 'max-percent', ep, 5, { min: 0, max: 100 }) / 100,
            minProbes: r.num(eo, 'min-probes', ep, 10, { min: 1, int: true }),
        };
    }
    const cfg = {
        app,
        environment: env,
        target: target,
        url,
        image: r.str(o, 'image', path) ?? appImage,
        health,
        version,
        smoke,
        bakeMs: Math.round(r.num(o, 'bake-seconds', path, 60, { min: 0 }) * 1000),
        keepWarmMs: Math.round(r.num(o, 'keep-warm-minutes', path, 30, { min: 0 }) * 60_000),
        autoRollback: r.bool(o, 'auto-rollback', path, true),
        drainMs: Math.round(r.num(o, 'drain-seconds', path, 2, { min: 0 }) * 1000),
        errorRate,
        where: r.where(path),
    };
    if (target === 'docker') {
        if (o.docker === undefined)
            r.fail(path, "target docker needs a 'docker' section (ports, proxy)");
        cfg.docker = parseDocker(r, o.docker, [...path, 'docker']);
    }
    else {
        const section = o[target];
        if (section !== undefined)
            cfg.targetSection = r.obj(section, [...path, target], Object.keys(section ?? {}));
    }
    return cfg;
}
/** Parses and validates a whole config file. */
function parseDeployConfig(text, file) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
        const e = doc.errors[0];
        const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`not valid YAML: ${e.message.split('\n')[0]}`, line ? `${file}:${line}` : file);
    }
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(doc.contents))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('must be a mapping with an apps: section', file);
    const r = new Reader(file, doc, lines);
    const top = r.obj(doc.toJS(), [], ['version', 'apps']);
    if (top.version !== undefined && top.version !== 1)
        r.fail(['version'], `only version 1 is known, got ${String(top.version)}`);
    const apps = r.obj(top.apps, ['apps'], Object.keys(top.apps ?? {}));
    const environments = [];
    for (const [app, rawApp] of Object.entries(apps)) {
        if (!/^[a-z0-9][a-z0-9_.-]*$/.test(app))
            r.fail(['apps', app], `app names are lower-case letters, digits, '.', '_' and '-': '${app}'`);
        const ao = r.obj(rawApp, ['apps', app], ['image', 'environments']);
        const appImage = r.str(ao, 'image', ['apps', app]);
        const envs = r.obj(ao.environments, ['apps', app, 'environments'], Object.keys(ao.environments ?? {}));
        if (!Object.keys(envs).length)
            r.fail(['apps', app, 'environments'], 'needs at least one environment');
        for (const [env, rawEnv] of Object.entries(envs))
            environments.push(parseEnvironment(r, app, env, rawEnv, appImage));
    }
    // Two colors of two apps (or environments) on the same Docker host cannot share a port.
    const seen = new Map();
    for (const e of environments) {
        if (!e.docker)
            continue;
        for (const c of ['blue', 'green']) {
            const key = `${e.docker.host ?? 'local'}|${e.docker.ports[c]}`;
            const owner = `${e.app}/${e.environment} ${c}`;
            const other = seen.get(key);
            if (other)
                r.fail(['apps', e.app, 'environments', e.environment, 'docker', 'ports', c], `port ${e.docker.ports[c]} is also used by ${other}`);
            seen.set(key, owner);
        }
    }
    return { file, environments };
}
/** Finds one app/environment in the config, with a clear error when it is not there. */
function selectEnvironment(cfg, app, environment) {
    const e = cfg.environments.find((x) => x.app === app && x.environment === environment);
    if (e)
        return e;
    const known = cfg.environments.map((x) => `${x.app}/${x.environment}`).join(', ');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`no app '${app}' with environment '${environment}' (configured: ${known || 'none'})`, cfg.file);
}
function canonical(v) {
    if (Array.isArray(v))
        return v.map(canonical);
    if (v && typeof v === 'object') {
        return Object.fromEntries(Object.keys(v)
            .sort()
            .map((k) => [k, canonical(v[k])]));
    }
    return v;
}
/** `sha256:<hex>` of the canonical JSON of a runtime config (same config, same digest). */
function configDigest(runtime) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(JSON.stringify(canonical(runtime)))
        .digest('hex')}`;
}


/***/ }),

/***/ 9870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ runRollback),
/* harmony export */   z: () => (/* binding */ runDeploy)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1862);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(313);
/**
 * The blue-green state machine, the same for every target:
 *
 *   prepare → start (idle color) → verify-idle (health + smoke) → switch → verify-switch (public
 *   route serves the new release) → bake (watch the public route) → finalize
 *
 * and `rollback` from any phase after the switch. Before the switch a failure only stops the idle
 * color: the live color never stops serving. Each phase is a log group, a record with its
 * duration, a `phase` callback and a GitHub Deployment status.
 */



/** Failure of one phase; carries the one-line reason shown in logs, summary and status. */
class PhaseFailure extends Error {
}
function shortDescription(s) {
    // GitHub caps deployment status descriptions at 140 characters.
    return s.length > 140 ? `${s.slice(0, 137)}...` : s;
}
/** Runs phases, recording durations and statuses. */
class PhaseRunner {
    fx;
    urls;
    records = [];
    current = 'prepare';
    deploymentId;
    constructor(fx, urls) {
        this.fx = fx;
        this.urls = urls;
    }
    chain = Promise.resolve();
    /**
     * Queues a deployment status. Statuses are sent in order but off the critical path (an API
     * round trip never delays a switch or a rollback); final states wait for the queue.
     */
    async status(state, description, id = this.deploymentId) {
        if (!id)
            return;
        this.chain = this.chain.then(async () => {
            try {
                await this.fx.recorder.setStatus(id, state, {
                    description: shortDescription(description),
                    environmentUrl: this.urls.environmentUrl,
                    logUrl: this.urls.logUrl,
                });
            }
            catch (e) {
                // The deploy itself is what matters; a status the API refused is reported, not fatal.
                this.fx.log.warning(`could not set deployment ${id} status ${state}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
            }
        });
        if (state !== 'in_progress')
            await this.chain;
    }
    /** Waits until every queued status has been sent. */
    flush() {
        return this.chain;
    }
    /** Runs one phase; `fn` returns a detail line or throws PhaseFailure / anything. */
    async run(phase, fn) {
        this.current = phase;
        this.fx.onPhase?.(phase);
        const t0 = this.fx.now();
        await this.status('in_progress', `${phase}`);
        return this.fx.log.group(`${phase}`, async () => {
            try {
                const detail = await fn();
                this.records.push({ phase, ok: true, ms: this.fx.now() - t0, detail });
                this.fx.log.info(`${phase}: ${detail}`);
                return detail;
            }
            catch (e) {
                const detail = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e);
                this.records.push({ phase, ok: false, ms: this.fx.now() - t0, detail });
                this.fx.log.warning(`${phase} failed: ${detail}`);
                throw e;
            }
        });
    }
}
function payloadOf(release, color, previous, reason) {
    const p = {
        app: release.app,
        environment: release.environment,
        image: release.image,
        color,
        'previous-color': previous.color ?? null,
        'previous-image': previous.image ?? null,
        'config-digest': release.configDigest,
    };
    if (reason)
        p.reason = reason;
    return p;
}
/** Switches back to `to` and checks the public route serves it again. Never throws. */
async function switchBack(fx, plan, to, expectVersion) {
    const steps = [];
    if (plan.version && expectVersion === undefined) {
        expectVersion = await markerOf(fx, plan, to);
    }
    try {
        await fx.target.switch(to);
        steps.push(`route switched back to ${to}`);
    }
    catch (e) {
        return { ok: false, detail: `switching back to ${to} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}` };
    }
    try {
        const check = await fx.target.verify(to);
        if (!check.ok)
            return {
                ok: false,
                detail: `route does not point at ${to} after switching back: ${check.detail ?? ''}`,
            };
    }
    catch (e) {
        return { ok: false, detail: `could not read the route back: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}` };
    }
    if (plan.version && expectVersion !== undefined) {
        const v = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitVersion */ .Mf)(fx, plan.health, plan.version, plan.publicUrl, expectVersion);
        if (!v.ok)
            return { ok: false, detail: `${steps.join('; ')}; ${v.detail}` };
        steps.push(v.detail);
    }
    else {
        const spec = { ...plan.health, startPeriodMs: 0, healthyThreshold: 1 };
        const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitHealthy */ .hq)(fx, spec, plan.publicUrl);
        if (!h.ok)
            return { ok: false, detail: `${steps.join('; ')}; public route not healthy: ${h.detail}` };
        steps.push('public route healthy');
    }
    return { ok: true, detail: steps.join('; ') };
}
/** Reads a color's own version marker, retrying a few times (one slow answer is not a verdict). */
async function readMarker(fx, spec, marker, url) {
    for (let attempt = 0; attempt < 5; attempt++) {
        const { value } = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .readVersion */ .$4)(fx, spec, marker, url);
        if (value !== undefined)
            return value;
        await fx.sleep(Math.max(marker.intervalMs, 100));
    }
    return undefined;
}
/** The version marker a color serves, read from the color itself (bypassing the route). */
async function markerOf(fx, plan, color) {
    if (!plan.version)
        return undefined;
    try {
        const st = await fx.target.status();
        const url = st.colors[color].endpoint?.url;
        if (!url || st.colors[color].state !== 'running')
            return undefined;
        return await readMarker(fx, plan.health, plan.version, url);
    }
    catch {
        return undefined;
    }
}
/** Runs a blue-green deploy of `plan.release`. Throws only UserError (bad setup, nothing changed) or bugs. */
async function runDeploy(plan, fx) {
    const { release } = plan;
    const runner = new PhaseRunner(fx, {
        environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
        logUrl: plan.deployment.logUrl,
    });
    let live;
    let idle = 'blue';
    let previousImage;
    let previous;
    let switched = false;
    let healthyAt = 0;
    let previousMarker;
    const result = (over) => ({
        phase: runner.current,
        phases: runner.records,
        color: live,
        previousColor: live,
        image: release.image,
        previousImage,
        url: plan.publicUrl,
        deploymentId: runner.deploymentId,
        ...over,
    });
    // prepare: every check that could stop the deploy, before anything changes.
    try {
        await runner.run('prepare', async () => {
            await fx.target.prepare();
            const st = await fx.target.status();
            // A route pointing at a color that is not running serves nothing: deploy into that color.
            const routed = st.live;
            live =
                routed && ['running', 'starting', 'restarting'].includes(st.colors[routed].state)
                    ? routed
                    : undefined;
            idle = live ? (0,_target_js__WEBPACK_IMPORTED_MODULE_2__/* .otherColor */ .IP)(live) : (routed ?? 'blue');
            previousImage = live ? st.colors[live].image : undefined;
            if (live && plan.version && plan.version.expectPrevious === undefined) {
                const url = st.colors[live].endpoint?.url;
                if (url)
                    previousMarker = await readMarker(fx, plan.health, plan.version, url);
            }
            previous = await fx.recorder.lastSuccessful(release.app, release.environment);
            runner.deploymentId = await fx.recorder.create({
                ref: plan.deployment.ref,
                environment: release.environment,
                task: plan.deployment.task ?? 'deploy',
                description: shortDescription(`${release.app}: ${release.image} to ${idle}`),
                payload: payloadOf(release, idle, { color: live, image: previousImage }, plan.deployment.reason),
            });
            await runner.status('in_progress', 'prepare');
            return live
                ? `${fx.target.kind}: ${live} is live (${previousImage ?? 'unknown image'}); deploying to ${idle}`
                : `${fx.target.kind}: no live color yet; deploying to ${idle}`;
        });
    }
    catch (e) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isUserError */ .iU)(e))
            throw e;
        await runner.status('failure', `prepare failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        return result({ outcome: 'failed-before-switch', message: `prepare failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}` });
    }
    // start + verify-idle: failures here stop the idle color; the live color keeps serving.
    let endpointUrl = '';
    try {
        await runner.run('start', async () => {
            const ep = await fx.target.start(idle, release);
            endpointUrl = ep.url;
            return `${idle} started with ${release.image} at ${ep.url}`;
        });
        await runner.run('verify-idle', async () => {
            const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitHealthy */ .hq)(fx, plan.health, endpointUrl, { target: fx.target, color: idle });
            if (!h.ok)
                throw new PhaseFailure(`${idle} ${h.detail}`);
            healthyAt = fx.now();
            if (plan.smoke && fx.smoke) {
                const s = await fx.smoke(plan.smoke.command, { SLIPWAY_URL: endpointUrl, SLIPWAY_COLOR: idle }, plan.smoke.timeoutMs);
                if (s.code !== 0)
                    throw new PhaseFailure(`smoke command exited ${s.code}: ${s.output.trim().split('\n').slice(-3).join(' | ')}`);
                healthyAt = fx.now();
                return `${h.detail}; smoke command passed`;
            }
            return h.detail;
        });
    }
    catch (e) {
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e);
        try {
            await fx.target.stop(idle);
        }
        catch (stopErr) {
            fx.log.warning(`could not stop ${idle}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(stopErr)}`);
        }
        await runner.status('failure', `${runner.current} failed: ${why}`);
        return result({
            outcome: 'failed-before-switch',
            message: `${runner.current} failed, ${live ? `${live} kept serving` : 'no traffic switched'}: ${why}`,
        });
    }
    // switch + verify-switch + bake: from here on a failure rolls back to the live color.
    let switchMs;
    try {
        await runner.run('switch', async () => {
            try {
                await fx.target.switch(idle);
            }
            catch (e) {
                throw new PhaseFailure(`the route refused the switch to ${idle}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
            }
            switched = true;
            return `route switched to ${idle}`;
        });
        await runner.run('verify-switch', async () => {
            const check = await fx.target.verify(idle);
            if (!check.ok)
                throw new PhaseFailure(`route does not point at ${idle}: ${check.detail ?? `live is ${check.live}`}`);
            if (plan.version) {
                const expect = plan.version.expect ?? (await readMarker(fx, plan.health, plan.version, endpointUrl));
                if (expect === undefined)
                    throw new PhaseFailure(`${idle} does not report a version marker (${plan.version.name})`);
                const v = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitVersion */ .Mf)(fx, plan.health, plan.version, plan.publicUrl, expect);
                if (!v.ok)
                    throw new PhaseFailure(v.detail);
                switchMs = fx.now() - healthyAt;
                return `${v.detail} (${switchMs} ms after ${idle} was healthy)`;
            }
            const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitHealthy */ .hq)(fx, { ...plan.health, startPeriodMs: 0 }, plan.publicUrl);
            if (!h.ok)
                throw new PhaseFailure(`public route ${h.detail}`);
            switchMs = fx.now() - healthyAt;
            return `public route healthy on ${idle}`;
        });
        if (plan.bakeMs > 0) {
            await runner.run('bake', async () => bake(plan, fx, idle));
        }
    }
    catch (e) {
        const why = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e);
        if (!switched) {
            // The switch itself failed: make sure the route is (still) on the live color.
            let detail = '';
            if (live) {
                const back = await switchBack(fx, plan, live, plan.version?.expectPrevious ?? previousMarker);
                detail = back.ok ? `; traffic stays on ${live}` : `; ${back.detail}`;
            }
            try {
                await fx.target.stop(idle);
            }
            catch (stopErr) {
                fx.log.warning(`could not stop ${idle}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(stopErr)}`);
            }
            await runner.status('failure', `switch failed: ${why}`);
            return result({ outcome: 'failed', message: `switch failed: ${why}${detail}` });
        }
        if (!live) {
            await runner.status('failure', `${runner.current} failed: ${why}`);
            return result({
                outcome: 'failed',
                color: idle,
                message: `${runner.current} failed and there is no previous color to roll back to: ${why}`,
            });
        }
        if (!plan.autoRollback) {
            await runner.status('failure', `${runner.current} failed: ${why} (automatic rollback is off)`);
            return result({
                outcome: 'failed',
                color: idle,
                message: `${runner.current} failed: ${why}; automatic rollback is off, ${idle} still serves`,
            });
        }
        return rollbackAfterSwitch(plan, fx, runner, {
            live,
            idle,
            previousImage,
            previous,
            previousMarker,
            why,
            result,
        });
    }
    // finalize: record success, retire the previous deployment, stop or keep the old color warm.
    await runner.run('finalize', async () => {
        await runner.status('success', `${release.image} live on ${idle}`);
        if (previous)
            await runner.status('inactive', `superseded by ${release.image}`, previous.id);
        if (!live)
            return `${idle} is live`;
        if (plan.keepWarmMs <= 0) {
            try {
                if (plan.drainMs)
                    await fx.sleep(plan.drainMs);
                await fx.target.stop(live);
                return `${idle} is live; ${live} stopped (kept for rollback)`;
            }
            catch (e) {
                fx.log.warning(`could not stop ${live}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
                return `${idle} is live; ${live} could not be stopped: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`;
            }
        }
        return `${idle} is live; ${live} stays warm for ${Math.round(plan.keepWarmMs / 60000)} min`;
    });
    return result({
        outcome: 'success',
        color: idle,
        previousColor: live,
        switchMs,
        message: `${release.image} is live on ${idle}${live ? ` (was ${previousImage ?? live})` : ''}`,
    });
}
async function bake(plan, fx, color) {
    const started = fx.now();
    const spec = plan.health;
    let probes = 0;
    let failures = 0;
    let inRow = 0;
    while (fx.now() - started < plan.bakeMs) {
        const th = await fx.target
            .health(color)
            .catch((e) => ({ state: 'failed', detail: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e) }));
        if (th.state === 'failed')
            throw new PhaseFailure(`${color} failed on the target during bake: ${th.detail ?? ''}`);
        const r = await fx.probe((0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .probeRequest */ .O3)(spec, plan.publicUrl));
        probes++;
        const why = (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)(spec, r);
        if (why !== undefined) {
            failures++;
            inRow++;
            if (inRow >= spec.unhealthyThreshold) {
                throw new PhaseFailure(`public route unhealthy during bake: ${inRow} failed checks in a row (last: ${why})`);
            }
        }
        else
            inRow = 0;
        if (plan.errorRate &&
            probes >= plan.errorRate.minProbes &&
            failures / probes > plan.errorRate.maxFailureRatio) {
            throw new PhaseFailure(`error rate during bake ${((100 * failures) / probes).toFixed(1)}% > ${(100 * plan.errorRate.maxFailureRatio).toFixed(1)}%`);
        }
        await fx.sleep(Math.min(spec.intervalMs, Math.max(0, plan.bakeMs - (fx.now() - started))));
    }
    return `${probes} checks over ${Math.round(plan.bakeMs / 1000)}s, ${failures} failed`;
}
async function rollbackAfterSwitch(plan, fx, runner, ctx) {
    const { live, idle, why } = ctx;
    const failedPhase = runner.current;
    const t0 = fx.now();
    let back = { ok: false, detail: '' };
    let rollbackId;
    try {
        await runner.run('rollback', async () => {
            back = await switchBack(fx, plan, live, plan.version?.expectPrevious ?? ctx.previousMarker);
            if (!back.ok)
                throw new PhaseFailure(back.detail);
            return back.detail;
        });
    }
    catch {
        // recorded by the runner; reported below
    }
    const rollbackMs = fx.now() - t0;
    await runner.status('failure', `${failedPhase} failed: ${why}; rolled back to ${live}`);
    if (back.ok) {
        try {
            if (plan.drainMs)
                await fx.sleep(plan.drainMs);
            await fx.target.stop(idle);
        }
        catch (e) {
            fx.log.warning(`could not stop ${idle}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        }
        // The history stays truthful: the restored release is deployed again, as a deployment of its own.
        const restored = ctx.previous?.payload;
        try {
            rollbackId = await fx.recorder.create({
                ref: plan.deployment.ref,
                environment: plan.release.environment,
                task: 'deploy:rollback',
                description: shortDescription(`rollback of ${plan.release.image}: ${why}`),
                payload: {
                    app: plan.release.app,
                    environment: plan.release.environment,
                    image: ctx.previousImage ?? restored?.image ?? 'unknown',
                    color: live,
                    'previous-color': idle,
                    'previous-image': plan.release.image,
                    'config-digest': restored?.['config-digest'] ?? 'unknown',
                    reason: `automatic rollback: ${failedPhase} failed: ${why}`,
                },
            });
            await runner.status('success', `rolled back to ${ctx.previousImage ?? live}`, rollbackId);
        }
        catch (e) {
            fx.log.warning(`could not record the rollback deployment: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        }
    }
    return ctx.result({
        outcome: back.ok ? 'rolled-back' : 'failed',
        phase: 'rollback',
        color: back.ok ? live : undefined,
        previousColor: live,
        rollbackDeploymentId: rollbackId,
        rollbackMs,
        message: back.ok
            ? `${failedPhase} failed: ${why}; rolled back to ${live} (${ctx.previousImage ?? 'previous release'}) in ${rollbackMs} ms`
            : `${failedPhase} failed: ${why}; ROLLBACK FAILED: ${back.detail}`,
    });
}
/**
 * Manual rollback: back to the previous color while it is warm (an instant switch), otherwise
 * restart the recorded previous release (same image and config) and switch once it is healthy.
 */
async function runRollback(plan, fx) {
    const runner = new PhaseRunner(fx, {
        environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
        logUrl: plan.deployment.logUrl,
    });
    let live;
    let to = 'blue';
    let targetImage = '';
    let liveImage;
    let configDigest = 'unknown';
    let mustStart = false;
    let startRelease;
    let current;
    let healthyAt = 0;
    let toMarker;
    const result = (over) => ({
        phase: runner.current,
        phases: runner.records,
        color: live,
        previousColor: live,
        image: targetImage,
        previousImage: liveImage,
        url: plan.publicUrl,
        deploymentId: runner.deploymentId,
        ...over,
    });
    try {
        await runner.run('prepare', async () => {
            await fx.target.prepare();
            const st = await fx.target.status();
            live = st.live;
            if (!live)
                throw new PhaseFailure(`${plan.app} has no live color in ${plan.environment}: nothing to roll back`);
            liveImage = st.colors[live].image;
            current = await fx.recorder.lastSuccessful(plan.app, plan.environment);
            const other = (0,_target_js__WEBPACK_IMPORTED_MODULE_2__/* .otherColor */ .IP)(live);
            if (plan.to.kind === 'image') {
                if (!plan.runtime || !plan.configDigestOf)
                    throw new PhaseFailure('rolling back to an image needs the runtime config');
                to = other;
                targetImage = plan.to.image;
                configDigest = plan.configDigestOf(plan.runtime);
                startRelease = {
                    app: plan.app,
                    environment: plan.environment,
                    image: targetImage,
                    configDigest,
                    runtime: plan.runtime,
                };
                mustStart = true;
            }
            else {
                to = plan.to.kind === 'color' ? plan.to.color : other;
                if (to === live)
                    throw new PhaseFailure(`${to} is already live`);
                const cs = st.colors[to];
                if (cs.state === 'missing' || !cs.image) {
                    throw new PhaseFailure(`${to} has no recorded release to roll back to (it was removed); roll back to an image instead`);
                }
                const failedThere = plan.to.kind === 'previous' &&
                    current?.payload.reason?.startsWith('automatic rollback') &&
                    current.payload['previous-image'] === cs.image;
                if (failedThere) {
                    throw new PhaseFailure(`${to} holds ${cs.image}, which failed and was rolled back; name an image to roll back to`);
                }
                targetImage = cs.image;
                configDigest = cs.configDigest ?? 'unknown';
                mustStart = cs.state !== 'running';
                if (!mustStart && plan.version)
                    toMarker = await markerOf(fx, plan, to);
                startRelease = {
                    app: plan.app,
                    environment: plan.environment,
                    image: cs.image,
                    configDigest,
                    runtime: plan.runtime ?? { env: {} },
                };
            }
            runner.deploymentId = await fx.recorder.create({
                ref: plan.deployment.ref,
                environment: plan.environment,
                task: 'deploy:rollback',
                description: shortDescription(`rollback ${plan.app} to ${targetImage}`),
                payload: {
                    app: plan.app,
                    environment: plan.environment,
                    image: targetImage,
                    color: to,
                    'previous-color': live,
                    'previous-image': liveImage ?? null,
                    'config-digest': configDigest,
                    reason: plan.deployment.reason ?? 'manual rollback',
                },
            });
            await runner.status('in_progress', 'prepare');
            return `${live} is live (${liveImage ?? 'unknown'}); rolling back to ${to} (${targetImage}, ${mustStart ? 'must be restarted' : 'warm'})`;
        });
    }
    catch (e) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isUserError */ .iU)(e))
            throw e;
        await runner.status('failure', `prepare failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        return result({ outcome: 'failed-before-switch', message: `rollback not possible: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}` });
    }
    const t0 = fx.now();
    try {
        if (mustStart) {
            let url = '';
            await runner.run('start', async () => {
                const ep = await fx.target.start(to, startRelease, { reuse: plan.to.kind !== 'image' });
                url = ep.url;
                return `${to} restarted with ${targetImage} at ${ep.url}`;
            });
            await runner.run('verify-idle', async () => {
                const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitHealthy */ .hq)(fx, plan.health, url, { target: fx.target, color: to });
                if (!h.ok)
                    throw new PhaseFailure(`${to} ${h.detail}`);
                return h.detail;
            });
        }
        healthyAt = fx.now();
    }
    catch (e) {
        try {
            await fx.target.stop(to);
        }
        catch (stopErr) {
            fx.log.warning(`could not stop ${to}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(stopErr)}`);
        }
        await runner.status('failure', `${runner.current} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        return result({
            outcome: 'failed-before-switch',
            message: `rollback failed, ${live} kept serving: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`,
        });
    }
    let ok = false;
    let detail = '';
    try {
        await runner.run('switch', async () => {
            await fx.target.switch(to);
            return `route switched to ${to}`;
        });
        await runner.run('verify-switch', async () => {
            const check = await fx.target.verify(to);
            if (!check.ok)
                throw new PhaseFailure(`route does not point at ${to}: ${check.detail ?? ''}`);
            const expect = plan.version ? (toMarker ?? (await markerOf(fx, plan, to))) : undefined;
            if (plan.version && expect !== undefined) {
                const v = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitVersion */ .Mf)(fx, plan.health, plan.version, plan.publicUrl, expect);
                if (!v.ok)
                    throw new PhaseFailure(v.detail);
                return v.detail;
            }
            const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_1__/* .waitHealthy */ .hq)(fx, { ...plan.health, startPeriodMs: 0, healthyThreshold: 1 }, plan.publicUrl);
            if (!h.ok)
                throw new PhaseFailure(`public route ${h.detail}`);
            return `public route healthy on ${to}`;
        });
        ok = true;
    }
    catch (e) {
        detail = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e);
    }
    if (!ok) {
        const back = await switchBack(fx, plan, live, undefined);
        await runner.status('failure', `rollback to ${to} failed: ${detail}`);
        return result({
            outcome: 'failed',
            color: back.ok ? live : undefined,
            message: `rollback to ${to} failed: ${detail}; ${back.ok ? `${live} kept serving` : back.detail}`,
        });
    }
    const rollbackMs = fx.now() - t0;
    await runner.run('finalize', async () => {
        await runner.status('success', `rolled back to ${targetImage} on ${to}`);
        if (current)
            await runner.status('inactive', `rolled back to ${targetImage}`, current.id);
        return `${to} is live again; ${live} stays up for inspection`;
    });
    return result({
        outcome: 'success',
        color: to,
        previousColor: live,
        rollbackMs,
        switchMs: fx.now() - healthyAt,
        message: `rolled back ${plan.app} to ${targetImage} on ${to} in ${rollbackMs} ms (was ${liveImage ?? live})`,
    });
}


/***/ }),

/***/ 5914:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ GitHubRecorder),
/* harmony export */   o: () => (/* binding */ MemoryRecorder)
/* harmony export */ });
function slipwayPayload(p) {
    let v = p;
    if (typeof v === 'string') {
        try {
            v = JSON.parse(v);
        }
        catch {
            return undefined;
        }
    }
    const s = v?.slipway;
    return s && typeof s === 'object' ? s : undefined;
}
class GitHubRecorder {
    client;
    owner;
    repo;
    constructor(client, owner, repo) {
        this.client = client;
        this.owner = owner;
        this.repo = repo;
    }
    async create(input) {
        const { data } = await this.client.request('POST /repos/{owner}/{repo}/deployments', {
            owner: this.owner,
            repo: this.repo,
            ref: input.ref,
            environment: input.environment,
            task: input.task,
            description: input.description,
            payload: { slipway: input.payload },
            auto_merge: false,
            required_contexts: [],
            production_environment: /^prod(uction)?$/i.test(input.environment),
            transient_environment: false,
        });
        const id = data.id;
        if (typeof id !== 'number')
            throw new Error(`GitHub did not create a deployment: ${JSON.stringify(data).slice(0, 200)}`);
        return String(id);
    }
    async setStatus(id, state, opts) {
        const params = {
            owner: this.owner,
            repo: this.repo,
            deployment_id: Number(id),
            state,
            description: opts.description,
            // Slipway marks superseded deployments inactive itself (GitHub skips production ones).
            auto_inactive: false,
        };
        if (opts.environmentUrl)
            params.environment_url = opts.environmentUrl;
        if (opts.logUrl)
            params.log_url = opts.logUrl;
        await this.client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', params);
    }
    async lastSuccessful(app, environment) {
        const { data } = await this.client.request('GET /repos/{owner}/{repo}/deployments', {
            owner: this.owner,
            repo: this.repo,
            environment,
            per_page: 30,
        });
        for (const d of data) {
            const payload = slipwayPayload(d.payload);
            if (!payload || payload.app !== app)
                continue;
            const st = await this.client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                owner: this.owner,
                repo: this.repo,
                deployment_id: d.id,
                per_page: 1,
            });
            const latest = st.data[0];
            if (latest?.state === 'success')
                return {
                    id: String(d.id),
                    payload,
                    state: latest.state,
                    createdAt: d.created_at,
                    succeededAt: latest.created_at,
                };
        }
        return undefined;
    }
}
/** Keeps deployments in memory (the CLI without a token). */
class MemoryRecorder {
    deployments = [];
    async create(input) {
        const id = String(this.deployments.length + 1);
        this.deployments.push({ id, payload: input.payload, environment: input.environment, statuses: [] });
        return id;
    }
    async setStatus(id, state) {
        this.deployments.find((d) => d.id === id)?.statuses.push(state);
    }
    async lastSuccessful() {
        return undefined;
    }
}


/***/ }),

/***/ 1862:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $4: () => (/* binding */ readVersion),
/* harmony export */   Mf: () => (/* binding */ waitVersion),
/* harmony export */   O3: () => (/* binding */ probeRequest),
/* harmony export */   S4: () => (/* binding */ judge),
/* harmony export */   hq: () => (/* binding */ waitHealthy),
/* harmony export */   rD: () => (/* binding */ DEFAULT_HEALTH)
/* harmony export */ });
/* unused harmony export joinUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);
/**
 * The health-check spec in action: judging one probe result, and polling until a URL is
 * healthy (N in a row), unhealthy (N in a row after the start period), or the deadline passes.
 * Pure: the probe, clock and sleep come in as effects.
 */

const DEFAULT_HEALTH = {
    method: 'GET',
    path: '/health',
    expectStatus: [200],
    intervalMs: 1000,
    timeoutMs: 2000,
    healthyThreshold: 2,
    unhealthyThreshold: 3,
    startPeriodMs: 10_000,
    deadlineMs: 120_000,
};
function joinUrl(base, path) {
    return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
function probeRequest(spec, baseUrl, path = spec.path) {
    const headers = {};
    if (spec.host)
        headers.host = spec.host;
    return { method: spec.method, url: joinUrl(baseUrl, path), headers, timeoutMs: spec.timeoutMs };
}
function lookup(value, dotted) {
    let cur = value;
    for (const key of dotted.split('.')) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[key];
    }
    return cur;
}
/** Judges one probe result: undefined when healthy, else a short reason. */
function judge(spec, r) {
    if (!r.ok)
        return r.error;
    if (!spec.expectStatus.includes(r.status))
        return `status ${r.status} (expected ${spec.expectStatus.join('|')})`;
    if (spec.bodyRegex !== undefined && !new RegExp(spec.bodyRegex).test(r.body)) {
        return `body does not match /${spec.bodyRegex}/`;
    }
    if (spec.json) {
        let parsed;
        try {
            parsed = JSON.parse(r.body);
        }
        catch {
            return 'body is not JSON';
        }
        const v = lookup(parsed, spec.json.field);
        if (v === undefined || String(v) !== spec.json.equals) {
            return `${spec.json.field} is ${v === undefined ? 'missing' : JSON.stringify(v)} (expected ${spec.json.equals})`;
        }
    }
    return undefined;
}
/**
 * Polls `baseUrl` with the spec until healthy (healthyThreshold in a row), unhealthy
 * (unhealthyThreshold failures in a row once the start period is over), the target reports the
 * color failed (crash loop, exit), or the deadline passes.
 */
async function waitHealthy(fx, spec, baseUrl, watch) {
    const started = fx.now();
    let okInRow = 0;
    let failInRow = 0;
    let probes = 0;
    let failures = 0;
    let last = 'no probe yet';
    for (;;) {
        if (watch) {
            let th;
            try {
                th = await watch.target.health(watch.color);
            }
            catch (e) {
                return {
                    ok: false,
                    detail: `target health check failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`,
                    probes,
                    failures,
                };
            }
            if (th.state === 'failed') {
                return {
                    ok: false,
                    detail: `failed on the target: ${th.detail ?? 'not running'}`,
                    probes,
                    failures,
                };
            }
        }
        const r = await fx.probe(probeRequest(spec, baseUrl));
        probes++;
        const why = judge(spec, r);
        if (why === undefined) {
            okInRow++;
            failInRow = 0;
            if (okInRow >= spec.healthyThreshold) {
                return { ok: true, detail: `healthy (${okInRow} in a row, ${probes} probes)`, probes, failures };
            }
        }
        else {
            failures++;
            okInRow = 0;
            last = why;
            if (fx.now() - started >= spec.startPeriodMs) {
                failInRow++;
                if (failInRow >= spec.unhealthyThreshold) {
                    return {
                        ok: false,
                        detail: `unhealthy: ${failInRow} failed checks in a row (last: ${last})`,
                        probes,
                        failures,
                    };
                }
            }
        }
        if (fx.now() - started + spec.intervalMs > spec.deadlineMs) {
            return {
                ok: false,
                detail: `not healthy within ${Math.round(spec.deadlineMs / 1000)}s (last: ${okInRow ? 'ok' : last})`,
                probes,
                failures,
            };
        }
        await fx.sleep(spec.intervalMs);
    }
}
/** Reads the version marker from the public route; undefined when it cannot be read. */
async function readVersion(fx, spec, marker, publicUrl) {
    const req = probeRequest(spec, publicUrl, marker.kind === 'path' ? marker.name : spec.path);
    req.method = 'GET';
    const r = await fx.probe(req);
    if (!r.ok)
        return { value: undefined, error: r.error };
    if (marker.kind === 'header') {
        const v = r.headers[marker.name.toLowerCase()];
        return v === undefined ? { value: undefined, error: `no ${marker.name} header` } : { value: v.trim() };
    }
    if (r.status < 200 || r.status >= 300)
        return { value: undefined, error: `status ${r.status}` };
    const body = r.body.trim();
    try {
        const parsed = JSON.parse(body);
        if (parsed && typeof parsed === 'object' && 'version' in parsed) {
            return { value: String(parsed.version) };
        }
    }
    catch {
        // plain text body
    }
    return { value: body };
}
/**
 * Polls the public route until the marker shows `expect` `consecutive` times in a row, or the
 * deadline passes.
 */
async function waitVersion(fx, spec, marker, publicUrl, expect) {
    const started = fx.now();
    let inRow = 0;
    let last = 'no read yet';
    for (;;) {
        const { value, error } = await readVersion(fx, spec, marker, publicUrl);
        if (value === expect) {
            inRow++;
            if (inRow >= marker.consecutive)
                return { ok: true, detail: `public route serves ${expect}` };
        }
        else {
            inRow = 0;
            last = value !== undefined ? `serves ${value}` : (error ?? 'unreadable');
        }
        if (fx.now() - started + marker.intervalMs > marker.deadlineMs) {
            return {
                ok: false,
                detail: `public route did not serve ${expect} within ${(marker.deadlineMs / 1000).toFixed(1)}s (last: ${last})`,
            };
        }
        await fx.sleep(marker.intervalMs);
    }
}


/***/ }),

/***/ 1819:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vd: () => (/* binding */ buildDeployPlan),
/* harmony export */   aG: () => (/* binding */ buildRollbackPlan)
/* harmony export */ });
/* unused harmony exports checkTarget, healthWithOverrides */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7794);
/**
 * From config + action inputs to the engine's plans. Inputs given to the action override the
 * config file's values for that run; empty inputs mean "use the config".
 */


function checkTarget(env, target) {
    if (target && target !== env.target) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`is '${target}' but ${env.app}/${env.environment} is configured with target '${env.target}' (${env.where})`, 'target');
    }
}
function healthWithOverrides(env, health) {
    const given = Object.fromEntries(Object.entries(health).filter(([, v]) => v !== ''));
    return (0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .parseHealth */ .kw)(given, (key, message) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(message, `health-${key}`);
    }, env.health);
}
function buildDeployPlan(env, o, runtime) {
    checkTarget(env, o.target);
    const health = healthWithOverrides(env, o.health);
    const smokeCommand = o.smokeCommand || env.smoke?.command;
    const plan = {
        release: {
            app: env.app,
            environment: env.environment,
            image: o.image,
            configDigest: (0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .configDigest */ .xv)(runtime),
            runtime,
        },
        publicUrl: env.url,
        health,
        bakeMs: o.bakeSeconds !== undefined ? Math.round(o.bakeSeconds * 1000) : env.bakeMs,
        keepWarmMs: o.keepWarmMinutes !== undefined ? Math.round(o.keepWarmMinutes * 60_000) : env.keepWarmMs,
        autoRollback: o.autoRollback ?? env.autoRollback,
        drainMs: env.drainMs,
        deployment: { ref: o.ref, task: 'deploy', environmentUrl: env.url },
    };
    if (o.logUrl)
        plan.deployment.logUrl = o.logUrl;
    if (o.reason)
        plan.deployment.reason = o.reason;
    if (smokeCommand)
        plan.smoke = { command: smokeCommand, timeoutMs: env.smoke?.timeoutMs ?? 300_000 };
    if (env.version) {
        plan.version = { ...env.version };
        const expect = o.versionExpect || env.version.expect;
        if (expect)
            plan.version.expect = expect;
        else
            delete plan.version.expect;
    }
    else if (o.versionExpect) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`is set but ${env.app}/${env.environment} has no version marker (version: header or path) in its config`, 'version-expect');
    }
    if (env.errorRate)
        plan.errorRate = env.errorRate;
    return plan;
}
function buildRollbackPlan(env, o, runtime) {
    const to = o.to.trim();
    let target;
    if (!to || to === 'previous')
        target = { kind: 'previous' };
    else if (to === 'blue' || to === 'green')
        target = { kind: 'color', color: to };
    else if (/^[\w.-]+(:\d+)?(\/[\w.-]+)*(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/.test(to))
        target = { kind: 'image', image: to };
    else
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`must be previous, blue, green or an image reference, got '${to}'`, 'to');
    const plan = {
        app: env.app,
        environment: env.environment,
        publicUrl: env.url,
        health: healthWithOverrides(env, o.health),
        to: target,
        runtime,
        configDigestOf: _config_js__WEBPACK_IMPORTED_MODULE_1__/* .configDigest */ .xv,
        deployment: { ref: o.ref, environmentUrl: env.url },
    };
    if (env.version)
        plan.version = { ...env.version };
    if (o.logUrl)
        plan.deployment.logUrl = o.logUrl;
    if (o.reason)
        plan.deployment.reason = o.reason;
    return plan;
}


/***/ }),

/***/ 543:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ checkActor),
/* harmony export */   CR: () => (/* binding */ parseApprovers),
/* harmony export */   QA: () => (/* binding */ selectCandidate),
/* harmony export */   bv: () => (/* binding */ checkStaged),
/* harmony export */   m8: () => (/* binding */ promoteCandidate),
/* harmony export */   pl: () => (/* binding */ runCandidate)
/* harmony export */ });
/* unused harmony exports awaitingDescription, isAwaiting */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7417);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9870);
/* harmony import */ var _health_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1862);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(313);
/**
 * Manual promotion without required reviewers, and without holding a runner or the deploy lane:
 *
 * 1. The deploy job (promotion: manual) runs prepare → start → verify-idle (health, smoke) and
 *    stops there: the idle color runs the candidate, the live color still serves. The GitHub
 *    Deployment is left `queued` with "<color> ready, awaiting promotion" (payload `promotion:
 *    awaiting`); the job ends. Older candidates still awaiting are marked superseded.
 * 2. Later, `promote` (a workflow_dispatch or a `/promote` / `/reject` comment) checks the actor
 *    against the approvers (users, and teams through the API), checks the candidate is still the
 *    newest and still staged on the target, then either continues the same deployment (switch →
 *    verify-switch → bake → finalize, through the engine) or stops the candidate (reject).
 *
 * Where the environment has required reviewers (environments API), GitHub's own gate is used:
 * the promote job declares the environment, so GitHub asks those reviewers before it runs.
 *
 * Pure: target, recorder, API and clock come in as effects.
 */




function awaitingDescription(color) {
    return `${color} ready, awaiting promotion`;
}
function isAwaiting(c) {
    return c.payload.promotion === 'awaiting' && (c.state === 'queued' || c.state === 'pending');
}
/** Parses `alice, @bob, acme/release-managers` (commas or whitespace). */
function parseApprovers(text, where = 'approvers') {
    const out = { users: [], teams: [] };
    for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
        const t = raw.replace(/^@/, '');
        const team = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(t);
        if (team)
            out.teams.push({ org: team[1], slug: team[2].toLowerCase() });
        else if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(t) && !t.endsWith('-'))
            out.users.push(t);
        else
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`'${raw}' is neither a GitHub user name nor an org/team-slug`, where);
    }
    return out;
}
function listApprovers(a) {
    return [...a.users.map((u) => `@${u}`), ...a.teams.map((t) => `members of ${t.org}/${t.slug}`)].join(', ');
}
/**
 * Checks every approver exists, then that `actor` is one of them (directly or as an active team
 * member). Throws UserError with a clear message otherwise; never changes anything.
 */
async function checkActor(actor, approvers, api, what) {
    for (const u of approvers.users)
        if (!(await api.userExists(u)))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`user '${u}' does not exist on GitHub`, 'approvers');
    if (!actor)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('no actor: cannot tell who asked for the promotion', 'actor');
    if (approvers.users.some((u) => u.toLowerCase() === actor.toLowerCase()))
        return `@${actor} is an approver`;
    for (const t of approvers.teams) {
        const m = await api.teamMembership(t.org, t.slug, actor);
        if (m === 'active')
            return `@${actor} is a member of ${t.org}/${t.slug}`;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`@${actor} may not ${what}: allowed are ${listApprovers(approvers) || 'nobody'}`, 'actor');
}
/** Picks the candidate to act on: the newest awaiting one; an older id is refused as superseded. */
function selectCandidate(all, app, environment, id) {
    const awaiting = all.filter(isAwaiting);
    const newest = awaiting[0];
    if (id) {
        const asked = all.find((c) => c.id === id);
        if (!asked)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`deployment ${id} is not a deployment of ${app} to ${environment}`, 'deployment-id');
        if (!isAwaiting(asked))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`deployment ${id} (${asked.payload.image}) is not awaiting promotion: its status is ${asked.state ?? 'unknown'}${asked.description ? ` (${asked.description})` : ''}`, 'deployment-id');
        if (newest && newest.id !== id)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`deployment ${id} (${asked.payload.image}) was superseded by the newer candidate ${newest.id} (${newest.payload.image}); promote that one instead`, 'deployment-id');
    }
    if (!newest)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${app} has no candidate awaiting promotion in ${environment}`, 'app');
    return { candidate: newest, older: awaiting.slice(1) };
}
/**
 * The first half of a manual deploy: stage `plan.release` on the idle color and verify it, then
 * stop, leaving the live color serving. Older awaiting candidates are marked superseded.
 */
async function runCandidate(plan, fx, api) {
    const { release } = plan;
    await fx.target.prepare();
    const st = await fx.target.status();
    const live = st.live;
    const idle = live ? (0,_target_js__WEBPACK_IMPORTED_MODULE_3__/* .otherColor */ .IP)(live) : 'blue';
    const previousImage = live ? st.colors[live].image : undefined;
    const older = api ? (await api.candidates(release.app, release.environment)).filter(isAwaiting) : [];
    const payload = {
        app: release.app,
        environment: release.environment,
        image: release.image,
        color: idle,
        'previous-color': live ?? null,
        'previous-image': previousImage ?? null,
        'config-digest': release.configDigest,
        promotion: 'awaiting',
    };
    if (plan.deployment.reason)
        payload.reason = plan.deployment.reason;
    const id = await fx.recorder.create({
        ref: plan.deployment.ref,
        environment: release.environment,
        task: plan.deployment.task ?? 'deploy',
        description: `${release.app}: ${release.image} to ${idle} (manual promotion)`.slice(0, 140),
        payload,
    });
    const status = async (state, description, which = id) => {
        try {
            await fx.recorder.setStatus(which, state, {
                description: description.slice(0, 140),
                logUrl: plan.deployment.logUrl,
                environmentUrl: plan.deployment.environmentUrl ?? plan.publicUrl,
            });
        }
        catch (e) {
            fx.log.warning(`could not set deployment ${which} status ${state}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        }
    };
    const base = {
        color: idle,
        live,
        image: release.image,
        previousImage,
        deploymentId: id,
        url: plan.publicUrl,
    };
    await status('in_progress', 'start');
    let url = '';
    try {
        await fx.log.group('start', async () => {
            url = (await fx.target.start(idle, release)).url;
            fx.log.info(`${idle} started with ${release.image} at ${url}`);
        });
        await fx.log.group('verify-idle', async () => {
            const h = await (0,_health_js__WEBPACK_IMPORTED_MODULE_2__/* .waitHealthy */ .hq)(fx, plan.health, url, { target: fx.target, color: idle });
            if (!h.ok)
                throw new Error(`${idle} ${h.detail}`);
            fx.log.info(h.detail);
            if (plan.smoke && fx.smoke) {
                const s = await fx.smoke(plan.smoke.command, { SLIPWAY_URL: url, SLIPWAY_COLOR: idle }, plan.smoke.timeoutMs);
                if (s.code !== 0)
                    throw new Error(`smoke command exited ${s.code}: ${s.output.trim().split('\n').slice(-3).join(' | ')}`);
            }
        });
    }
    catch (e) {
        try {
            await fx.target.stop(idle);
        }
        catch (stopErr) {
            fx.log.warning(`could not stop ${idle}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(stopErr)}`);
        }
        await status('failure', `verify-idle failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`);
        return {
            ...base,
            outcome: 'failed-before-switch',
            superseded: [],
            message: `${release.image} did not become ready on ${idle}${live ? `, ${live} kept serving` : ''}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .messageOf */ .bD)(e)}`,
        };
    }
    const superseded = [];
    for (const o of older) {
        await status('inactive', `superseded by deployment ${id} (${release.image})`, o.id);
        superseded.push(o.id);
    }
    await status('queued', awaitingDescription(idle));
    return {
        ...base,
        outcome: 'awaiting-promotion',
        superseded,
        message: `${release.image} is ready on ${idle}, awaiting promotion${live ? `; ${live} keeps serving ${previousImage ?? 'the live release'}` : ''}`,
    };
}
/** Checks the target still holds the candidate as it was staged (nothing deployed since). */
async function checkStaged(target, c) {
    const st = await target.status();
    const color = c.payload.color;
    if ((st.live ?? null) !== c.payload['previous-color'])
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`deployment ${c.id} was staged while ${c.payload['previous-color'] ?? 'nothing'} was live, but ${st.live ?? 'nothing'} is live now; deploy again`, 'deployment-id');
    const cs = st.colors[color];
    if (cs.image !== c.payload.image || (cs.state !== 'running' && cs.state !== 'starting'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`deployment ${c.id}: ${color} no longer runs ${c.payload.image} (it is ${cs.state}${cs.image ? ` with ${cs.image}` : ''}); deploy again`, 'deployment-id');
}
/** Continues a staged candidate through the engine on the same GitHub Deployment. */
async function promoteCandidate(plan, fx, candidate, note) {
    const inner = fx.target;
    // The warm candidate is reused (a no-op where it already runs this exact release).
    const target = {
        kind: inner.kind,
        prepare: () => inner.prepare(),
        status: () => inner.status(),
        start: (color, release) => inner.start(color, release, { reuse: true }),
        health: (color) => inner.health(color),
        switch: (to) => inner.switch(to),
        verify: (color) => inner.verify(color),
        stop: (color) => inner.stop(color),
    };
    const recorder = {
        create: async () => candidate.id,
        setStatus: (id, state, opts) => fx.recorder.setStatus(id, state, id === candidate.id && state === 'success'
            ? { ...opts, description: `${opts.description} (${note})`.slice(0, 140) }
            : opts),
        lastSuccessful: (app, env) => fx.recorder.lastSuccessful(app, env),
    };
    return (0,_engine_js__WEBPACK_IMPORTED_MODULE_1__/* .runDeploy */ .z)(plan, { ...fx, target, recorder });
}


/***/ }),

/***/ 313:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I0: () => (/* binding */ TargetError),
/* harmony export */   IP: () => (/* binding */ otherColor),
/* harmony export */   _o: () => (/* binding */ isColor),
/* harmony export */   lm: () => (/* binding */ COLORS)
/* harmony export */ });
/**
 * The one interface every deploy target implements (docker here; swarm, kubernetes and custom
 * commands beside it). The blue-green engine (./engine.ts) only ever talks to a target through
 * this interface, so a new target never touches the engine.
 *
 * A target owns two "colors" of one app in one environment, and the route (proxy, service
 * selector, load balancer) that sends public traffic to one of them. Everything a target does is
 * idempotent: starting a color that already runs the same release replaces it, switching to the
 * live color is a no-op, stopping a stopped color is a no-op.
 *
 * Errors: a target throws `UserError` (src/errors.ts) for a problem in the user's setup (a proxy
 * socket that does not exist, a port already taken) and `TargetError` for a failed operation (the
 * daemon went away, the proxy refused a change); anything else is a bug.
 */
const COLORS = ['blue', 'green'];
function otherColor(c) {
    return c === 'blue' ? 'green' : 'blue';
}
function isColor(s) {
    return s === 'blue' || s === 'green';
}
/** A failed target operation (not the user's mistake, not a bug): the engine reacts to it. */
class TargetError extends Error {
    operation;
    name = 'TargetError';
    constructor(message, operation) {
        super(message);
        this.operation = operation;
    }
}


/***/ }),

/***/ 4950:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ createGitHubClient),
/* harmony export */   N: () => (/* binding */ SlipwayOctokit)
/* harmony export */ });
/* harmony import */ var _octokit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4730);
/* harmony import */ var _octokit_plugin_rest_endpoint_methods__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9210);
/* harmony import */ var _octokit_plugin_paginate_rest__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3779);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6856);





const SlipwayOctokit = _octokit_core__WEBPACK_IMPORTED_MODULE_0__/* .Octokit */ .E.plugin(_octokit_plugin_rest_endpoint_methods__WEBPACK_IMPORTED_MODULE_1__/* .restEndpointMethods */ ._, _octokit_plugin_paginate_rest__WEBPACK_IMPORTED_MODULE_2__/* .paginateRest */ .ud, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_4__/* .throttling */ .A);
/**
 * fetch that reads the whole body before octokit sees the response. Octokit swallows an error
 * while reading a body and hands back `data: ""` with the 200 status, so a connection dropped
 * mid-body would pass as an empty success; read here, the drop fails the request and the retry
 * plugin re-sends it like any other network error.
 */
async function bufferedFetch(input, init) {
    const res = await fetch(input, init);
    const bodyless = [204, 205, 304].includes(res.status) || init?.method === 'HEAD';
    const body = bodyless ? null : await res.arrayBuffer();
    const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    Object.defineProperty(copy, 'url', { value: res.url });
    return copy;
}
/**
 * The one way Slipway talks to GitHub: throttled (primary and secondary rate limits honoured,
 * `retry-after` respected) and retried on transient failures.
 */
function createGitHubClient(opts) {
    const retries = opts.retries ?? 4;
    const log = opts.log ?? (() => { });
    return new SlipwayOctokit({
        auth: opts.token,
        baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: opts.userAgent ?? 'slipway',
        request: { fetch: bufferedFetch },
        retry: { retries },
        throttle: {
            onRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log(`rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
                return retryCount < retries;
            },
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log(`secondary rate limit hit for ${options.method} ${options.url}; retrying after ${retryAfter}s`);
                return retryCount < retries;
            },
        },
    });
}


/***/ })

};
