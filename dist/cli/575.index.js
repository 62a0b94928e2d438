export const id = 575;
export const ids = [575];
export const modules = {

/***/ 3575:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: ./.tmp/build/deploy/engine.js
var engine = __webpack_require__(9870);
// EXTERNAL MODULE: ./.tmp/build/deploy/plan.js
var deploy_plan = __webpack_require__(1819);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/main.js + 2 modules
var main = __webpack_require__(1562);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/secrets.js
var secrets = __webpack_require__(795);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/inputs.js
var inputs = __webpack_require__(7565);
;// CONCATENATED MODULE: ./.tmp/build/actions/rollback/inputs.js

function readRollbackInputs(read, env) {
    return {
        ...(0,inputs/* readCommon */.Cy)(read, env),
        to: read('to').trim() || 'previous',
        lock: (0,inputs/* readLock */.mF)(read),
    };
}

;// CONCATENATED MODULE: ./.tmp/build/actions/rollback/main.js






async function main_main(io, deps) {
    const inputs = readRollbackInputs((n) => io.getInput(n), io.env);
    const env = (0,main/* loadEnvironment */.Ye)(io, inputs);
    const factory = deps.factories[env.target];
    if (!factory)
        throw new errors/* UserError */.yo(`target '${env.target}' is not available in this version`, env.where);
    const recorder = (0,main/* recorderFor */.ub)(io, inputs, deps);
    (0,secrets/* maskSecrets */.Q)(io, env);
    const { target, runtime } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
    const plan = (0,deploy_plan/* buildRollbackPlan */.aG)(env, { to: inputs.to, health: inputs.health, ref: inputs.ref, logUrl: (0,main/* logUrl */.gO)(io.env), reason: inputs.reason }, runtime);
    // Under the deploy lock, so a rollback never races a deploy of the same app and environment.
    // The docker target keeps the lock on a never-started container of an image the host has.
    // (A target that cannot tell yet leaves it to the rollback's own prepare to say why.)
    const st = await target.status().catch(() => undefined);
    const lockImage = (st?.live ? st.colors[st.live].image : undefined) ??
        (plan.to.kind === 'image' ? plan.to.image : undefined);
    const result = await (0,main/* withDeployLock */.Jg)(io, deps, env, inputs, () => (0,engine/* runRollback */.e)(plan, (0,main/* effectsFor */.GG)(io, deps, target, recorder)), lockImage);
    await (0,main/* reportResult */["if"])(io, `rollback ${env.app} in ${env.environment}`, result);
}

// EXTERNAL MODULE: ./.tmp/build/cli/commands/deploy.js + 16 modules
var deploy = __webpack_require__(5580);
;// CONCATENATED MODULE: ./.tmp/build/cli/commands/rollback.js


const command = {
    help: `slipway rollback: roll an app back (the rollback action, locally)

options:
  --app NAME              app in the config (required)
  --environment NAME      environment in the config (default production)
  --to WHAT               previous (default), blue, green, or an image (started with the current config)
  --config FILE           deploy config (default .github/slipway-deploy.yml)
  --health-<field> VALUE  override a health field
  --reason TEXT           recorded in the deployment payload
  --github-token TOKEN    record GitHub Deployments (with --repository OWNER/REPO)
While the previous color is warm this is an instant switch; otherwise its recorded container
(image and config) is started again, checked, and switched to.`,
    options: { ...deploy.COMMON_OPTIONS, to: { type: 'string' } },
    async run(args) {
        await main_main((0,deploy.terminalIO)(args), deploy.cliDeps);
        return 0;
    },
};


/***/ })

};
