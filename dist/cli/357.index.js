export const id = 357;
export const ids = [357];
export const modules = {

/***/ 9357:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
// EXTERNAL MODULE: ./.tmp/build/deploy/target.js
var target = __webpack_require__(313);
;// CONCATENATED MODULE: ./.tmp/build/deploy/warm.js
/**
 * Keep-warm expiry. After a deploy the previous color stays running (warm) for
 * `keep-warm-minutes`, so a rollback is an instant switch. A deploy job ends when the deploy is
 * done, so nothing inside it can stop that color later: `stopExpiredWarm` does, when it runs
 * (the `stop-warm` action on a schedule, or `slipway stop-warm`).
 *
 * It stops the idle color only when every check passes, and changes nothing otherwise:
 *  - something is live and the route itself says so (the idle color gets no traffic);
 *  - the last successful deployment of this app and environment is on the live color, and the
 *    idle color runs exactly that deployment's previous image (a candidate awaiting promotion
 *    or anything started by hand is never taken for a warm color);
 *  - `keep-warm-minutes` have passed since that deployment succeeded (or `force`).
 * Run it under the deploy lock, so it never races a deploy that is starting the idle color.
 */


const RUNNING = new Set(['running', 'starting', 'restarting']);
async function stopExpiredWarm(plan, fx) {
    const where = `${plan.app} in ${plan.environment}`;
    const st = await fx.target.status();
    const live = st.live;
    if (!live)
        return { outcome: 'none', message: `nothing is live for ${where}: no warm color` };
    const idle = (0,target/* otherColor */.IP)(live);
    const cs = st.colors[idle];
    if (!RUNNING.has(cs.state)) {
        return { outcome: 'none', color: idle, message: `${idle} is ${cs.state}: no warm color to stop` };
    }
    const route = await fx.target.verify(live);
    if (!route.ok) {
        throw new errors/* UserError */.yo(`the route does not point at ${live} (${route.detail ?? `it reports ${route.live ?? 'nothing'}`}): ` +
            `${idle} may be serving, so it is not stopped`);
    }
    const last = await fx.recorder.lastSuccessful(plan.app, plan.environment);
    if (!last) {
        if (!plan.force) {
            return {
                outcome: 'kept',
                color: idle,
                image: cs.image,
                message: `no successful deployment of ${where} is recorded, so when ${idle} became warm is unknown; it is kept (force stops it)`,
            };
        }
    }
    else {
        if (last.payload.color !== live) {
            throw new errors/* UserError */.yo(`the last successful deployment (${last.id}, ${last.payload.image}) is on ${last.payload.color}, but ${live} is live: ` +
                `nothing is stopped until the two agree`);
        }
        const previous = last.payload['previous-image'];
        if (cs.image && previous !== cs.image) {
            return {
                outcome: 'kept',
                color: idle,
                image: cs.image,
                message: `${idle} runs ${cs.image}, not the previous release ${previous ?? '(none)'}: not a warm color (a candidate awaiting promotion?), kept`,
            };
        }
    }
    const since = last ? Date.parse(last.succeededAt ?? last.createdAt ?? '') : NaN;
    const until = Number.isFinite(since) ? since + plan.keepWarmMs : undefined;
    const warmUntil = until !== undefined ? new Date(until).toISOString() : undefined;
    if (!plan.force) {
        if (until === undefined) {
            return {
                outcome: 'kept',
                color: idle,
                image: cs.image,
                message: `the last deployment of ${where} has no time, so when ${idle} became warm is unknown; it is kept (force stops it)`,
            };
        }
        if (fx.now() < until) {
            return {
                outcome: 'kept',
                color: idle,
                image: cs.image,
                warmUntil,
                message: `${idle} (${cs.image ?? 'unknown image'}) stays warm until ${warmUntil}`,
            };
        }
    }
    await fx.target.stop(idle);
    const why = plan.force ? 'forced' : `keep-warm ended ${warmUntil}`;
    fx.log.info(`stopped ${idle} (${cs.image ?? 'unknown image'}): ${why}`);
    const result = {
        outcome: 'stopped',
        color: idle,
        message: `${idle} (${cs.image ?? 'unknown image'}) stopped (${why}); it is kept stopped, so a rollback restarts it`,
    };
    if (cs.image)
        result.image = cs.image;
    if (warmUntil)
        result.warmUntil = warmUntil;
    return result;
}

// EXTERNAL MODULE: ./.tmp/build/actions/deploy/main.js + 2 modules
var main = __webpack_require__(1562);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/secrets.js
var secrets = __webpack_require__(795);
// EXTERNAL MODULE: ./.tmp/build/actions/deploy/inputs.js
var inputs = __webpack_require__(7565);
;// CONCATENATED MODULE: ./.tmp/build/actions/stop-warm/inputs.js

function readStopWarmInputs(read, env) {
    const out = {
        ...(0,inputs/* readCommon */.Cy)(read, env),
        force: (0,inputs/* optionalBool */.RO)(read, 'force') ?? false,
        lock: (0,inputs/* readLock */.mF)(read),
    };
    const minutes = (0,inputs/* optionalNumber */.WI)(read, 'keep-warm-minutes');
    if (minutes !== undefined)
        out.keepWarmMinutes = minutes;
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/actions/stop-warm/main.js





/**
 * Stops the previous (warm) color of an app once keep-warm-minutes have passed since the live
 * release went live, holding the deploy lock. See src/deploy/warm.ts for the checks.
 */
async function main_main(io, deps) {
    const inputs = readStopWarmInputs((n) => io.getInput(n), io.env);
    const env = (0,main/* loadEnvironment */.Ye)(io, inputs);
    const factory = deps.factories[env.target];
    if (!factory)
        throw new errors/* UserError */.yo(`target '${env.target}' is not available in this version`, env.where);
    if (!inputs.recordDeployment && !inputs.force)
        throw new errors/* UserError */.yo('is false (the CLI: no --github-token and --repository), so when the previous color became warm cannot be read from the GitHub Deployments; set force to stop it anyway', 'record-deployment');
    const recorder = (0,main/* recorderFor */.ub)(io, inputs, deps);
    (0,secrets/* maskSecrets */.Q)(io, env);
    const { target } = await factory(env, { processEnv: io.env, log: (m) => io.info(m) });
    await target.prepare();
    // The docker target keeps its lock on a never-started container of an image the host has.
    const st = await target.status();
    const lockImage = st.live ? st.colors[st.live].image : undefined;
    const keepWarmMs = inputs.keepWarmMinutes !== undefined ? Math.round(inputs.keepWarmMinutes * 60_000) : env.keepWarmMs;
    const r = await (0,main/* withDeployLock */.Jg)(io, deps, env, inputs, () => stopExpiredWarm({ app: env.app, environment: env.environment, keepWarmMs, force: inputs.force }, { target, recorder, now: deps.now, log: { info: (m) => io.info(m), warning: (m) => io.warning(m) } }), lockImage);
    io.setOutput('outcome', r.outcome);
    io.setOutput('color', r.color ?? '');
    io.setOutput('image', r.image ?? '');
    io.setOutput('warm-until', r.warmUntil ?? '');
    io.info(r.message);
    const icon = r.outcome === 'stopped' ? '⏹' : r.outcome === 'kept' ? '♨️' : '✅';
    await io.summary(`### ${icon} stop-warm ${env.app} in ${env.environment}: ${r.outcome}\n\n${r.message}\n`);
}

// EXTERNAL MODULE: ./.tmp/build/cli/commands/deploy.js + 16 modules
var deploy = __webpack_require__(5580);
;// CONCATENATED MODULE: ./.tmp/build/cli/commands/stop-warm.js


const command = {
    help: `slipway stop-warm: stop an app's previous (warm) color once keep-warm has passed (the stop-warm action, locally)

options:
  --app NAME                app in the config (required)
  --environment NAME        environment in the config (default production)
  --config FILE             deploy config (default .github/slipway-deploy.yml)
  --keep-warm-minutes N     override the config's keep-warm-minutes
  --force                   stop it now, whatever is left of keep-warm
  --github-token TOKEN      read when the live release went live from GitHub Deployments
                            (with --repository OWNER/REPO); without them only --force stops
Stops the idle color only when the route points at the live color, the last successful
deployment is on it, and the idle color runs that deployment's previous image. Locally no deploy
lock is taken: do not run it while a deploy of the same app is running.`,
    options: {
        ...deploy.COMMON_OPTIONS,
        'keep-warm-minutes': { type: 'string' },
        force: { type: 'boolean' },
    },
    async run(args) {
        await main_main((0,deploy.terminalIO)(args), deploy.cliDeps);
        return 0;
    },
};


/***/ })

};
