export const id = 553;
export const ids = [553];
export const modules = {

/***/ 4553:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: ./.tmp/build/deploy/plan.js
var deploy_plan = __webpack_require__(1819);
// EXTERNAL MODULE: ./.tmp/build/deploy/promotion.js
var promotion = __webpack_require__(543);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/main.js + 2 modules
var main = __webpack_require__(1562);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/inputs.js
var inputs = __webpack_require__(7565);
;// CONCATENATED MODULE: ./.tmp/build/actions/promote/inputs.js



/**
 * Reads a `/promote [deployment-id]` or `/reject [reason]` comment. Anything else (the comment is
 * not a command for us) is a UserError naming the `command` input.
 */
function parseCommand(text) {
    const m = /^\s*\/(promote|reject)\b[ \t]*([^\n]*)/.exec(text);
    if (!m)
        throw new errors/* UserError */.yo(`expected a comment starting with /promote or /reject, got '${text.trim().slice(0, 60)}'`, 'command');
    const decision = m[1];
    const rest = (m[2] ?? '').trim();
    if (decision === 'promote') {
        if (!rest)
            return { decision };
        const id = /^#?(\d+)$/.exec(rest);
        if (!id)
            throw new errors/* UserError */.yo(`'/promote' takes an optional deployment id (e.g. /promote 123), got '${rest}'`, 'command');
        return { decision, deploymentId: id[1] };
    }
    return rest ? { decision, reason: rest } : { decision };
}
function readPromoteInputs(read, env) {
    const common = (0,inputs/* readCommon */.Cy)(read, env);
    let decision = (read('decision').trim() || 'promote');
    if (decision !== 'promote' && decision !== 'reject')
        throw new errors/* UserError */.yo(`must be promote or reject, got '${String(decision)}'`, 'decision');
    let deploymentId = read('deployment-id').trim().replace(/^#/, '') || undefined;
    if (deploymentId && !/^\d+$/.test(deploymentId))
        throw new errors/* UserError */.yo(`must be a deployment id (a number), got '${deploymentId}'`, 'deployment-id');
    const command = read('command').trim();
    let reason = common.reason;
    if (command) {
        const c = parseCommand(command);
        decision = c.decision;
        if (c.deploymentId)
            deploymentId = c.deploymentId;
        if (c.reason)
            reason = c.reason;
    }
    const actor = (read('actor').trim() || env.GITHUB_ACTOR || '').replace(/^@/, '');
    const out = {
        ...common,
        decision,
        actor,
        approvers: (0,promotion/* parseApprovers */.CR)(read('approvers')),
        lock: (0,inputs/* readLock */.mF)(read),
    };
    if (reason)
        out.reason = reason;
    else
        delete out.reason;
    if (deploymentId)
        out.deploymentId = deploymentId;
    const bake = (0,inputs/* optionalNumber */.WI)(read, 'bake-seconds');
    if (bake !== undefined)
        out.bakeSeconds = bake;
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/actions/promote/main.js





function escapeMd(s) {
    return s.replace(/[|`*_<>]/g, (c) => `\\${c}`);
}
async function main_main(io, deps) {
    const inputs = readPromoteInputs((n) => io.getInput(n), io.env);
    const env = (0,main/* loadEnvironment */.Ye)(io, inputs);
    const factory = deps.factories[env.target];
    if (!factory)
        throw new errors/* UserError */.yo(`target '${env.target}' is not available in this version`, env.where);
    const repo = io.env.GITHUB_REPOSITORY;
    if (!inputs.githubToken)
        throw new errors/* UserError */.yo('is required to read candidates and approvers', 'github-token');
    if (!repo || !repo.includes('/'))
        throw new errors/* UserError */.yo('GITHUB_REPOSITORY is not set', 'github-token');
    const api = deps.promotionApi(inputs.githubToken, repo);
    const what = `${inputs.decision} ${env.app} in ${env.environment}`;
    // Every check that could stop us, before anything changes.
    const reviewers = await api.requiredReviewers(env.environment);
    const gate = [];
    if (reviewers) {
        const names = [...reviewers.users.map((u) => `@${u}`), ...reviewers.teams.map((t) => `team ${t}`)].join(', ');
        gate.push(`Environment **${escapeMd(env.environment)}** has required reviewers (${escapeMd(names)}): GitHub asks them before this job runs.`);
        io.info(`${env.environment} has required reviewers (${names}); GitHub's approval gates this job`);
    }
    if (inputs.approvers.users.length + inputs.approvers.teams.length > 0) {
        const ok = await (0,promotion/* checkActor */.AB)(inputs.actor, inputs.approvers, api, what);
        gate.push(`${escapeMd(ok)}.`);
        io.info(ok);
    }
    else if (!reviewers) {
        throw new errors/* UserError */.yo(`is required: ${env.environment} has no required reviewers, so the kit checks the actor against this list (users, org/team)`, 'approvers');
    }
    const { candidate, older } = (0,promotion/* selectCandidate */.QA)(await api.candidates(env.app, env.environment), env.app, env.environment, inputs.deploymentId);
    const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
    await (0,main/* withDeployLock */.Jg)(io, deps, env, inputs, async () => {
        await target.prepare();
        await (0,promotion/* checkStaged */.bv)(target, candidate);
        const log = (0,main/* logUrl */.gO)(io.env);
        for (const o of older)
            await api.setStatus(o.id, 'inactive', `superseded by deployment ${candidate.id} (${candidate.payload.image})`, log);
        io.setOutput('decision', inputs.decision);
        io.setOutput('deployment-id', candidate.id);
        io.setOutput('image', candidate.payload.image);
        if (inputs.decision === 'reject') {
            const color = candidate.payload.color;
            await target.stop(color);
            const why = `rejected by @${inputs.actor}${inputs.reason ? `: ${inputs.reason}` : ''}`;
            await api.setStatus(candidate.id, 'failure', why, log);
            io.setOutput('color', candidate.payload['previous-color'] ?? '');
            io.setOutput('outcome', 'rejected');
            await io.summary([
                `### ❎ ${escapeMd(candidate.payload.image)} rejected for ${escapeMd(env.app)} in ${escapeMd(env.environment)}`,
                '',
                `Deployment ${candidate.id} ${escapeMd(why)}; ${color} stopped, ${candidate.payload['previous-color'] ?? 'nothing'} keeps serving.`,
                ...(gate.length ? ['', ...gate] : []),
                '',
            ].join('\n'));
            return;
        }
        const plan = (0,deploy_plan/* buildDeployPlan */.Vd)(env, {
            image: candidate.payload.image,
            health: inputs.health,
            bakeSeconds: inputs.bakeSeconds,
            reason: candidate.payload.reason,
            ref: inputs.ref,
            logUrl: log,
        }, runtime);
        if (plan.release.configDigest !== candidate.payload['config-digest'])
            io.warning(`the config of ${env.app}/${env.environment} changed since deployment ${candidate.id} was staged; ${candidate.payload.color} is restarted with the current config`);
        const note = `promoted by @${inputs.actor}`;
        const result = await (0,promotion/* promoteCandidate */.m8)(plan, (0,main/* effectsFor */.GG)(io, deps, target, deps.githubRecorder(inputs.githubToken, repo)), candidate, note);
        if (gate.length)
            await io.summary(`${gate.join('\n')}\n\n`);
        await (0,main/* reportResult */["if"])(io, `promote ${env.app} in ${env.environment} (deployment ${candidate.id}, ${note})`, result);
    }, candidate.payload.image);
}

// EXTERNAL MODULE: ./.tmp/build/cli/commands/deploy.js + 16 modules
var deploy = __webpack_require__(5580);
;// CONCATENATED MODULE: ./.tmp/build/cli/commands/promote.js


const deps = { ...deploy.cliDeps, promotionApi: deploy.cliPromotionApi };
const command = {
    help: `slipway promote: promote or reject the candidate a deploy with --promotion manual staged (the promote action, locally)

options:
  --app NAME              app in the config (required)
  --environment NAME      environment in the config (default production)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --decision WORD         promote (default) or reject
  --deployment-id ID      the candidate (default: the newest one awaiting promotion)
  --actor LOGIN           who asks (default: $GITHUB_ACTOR); checked against --approvers
  --approvers LIST        users and org/team slugs allowed to promote, e.g. "alice, acme/release"
  --bake-seconds N        watch the public route this long after the switch
  --reason TEXT           recorded on the Deployment (why it was rejected)
  --github-token TOKEN    token for candidates and approvers (or GITHUB_TOKEN), with --repository OWNER/REPO
Candidates are GitHub Deployments, so a token and a repository are required.
Prints the outputs as name=value lines; exit 1 when refused or when the promotion failed.`,
    options: {
        ...deploy.COMMON_OPTIONS,
        decision: { type: 'string' },
        'deployment-id': { type: 'string' },
        actor: { type: 'string' },
        approvers: { type: 'string' },
        'bake-seconds': { type: 'string' },
    },
    async run(args) {
        await main_main((0,deploy.terminalIO)(args), deps);
        return 0;
    },
};


/***/ })

};
