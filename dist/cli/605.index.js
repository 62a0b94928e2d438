export const id = 605;
export const ids = [605];
export const modules = {

/***/ 2605:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7417);
/* harmony import */ var _image_context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8409);
/* harmony import */ var _image_plan_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9263);
/* harmony import */ var _image_services_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(40);
/* harmony import */ var _runner_git_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2987);







const command = {
    help: `slipway image-plan: the tags, labels and cache references image-plan gives this checkout

options:
  --services FILE         services file (default .github/slipway.yml)
  --images PREFIX         image name prefix (default: the file's images, else ghcr.io/<owner>/<repo>)
  --repository OWNER/REPO repository (default: from the origin remote)
  --event NAME            event to plan for: push (default), pull_request, schedule, workflow_dispatch
  --ref REF               git ref (default: the checkout's branch, or the tag HEAD is at)
  --sha SHA               commit (default: HEAD)
  --pr N                  pull request number (with --event pull_request)
  --default-branch NAME   default branch (default main)
  --cache gha|registry|none
  --json                  print the whole plan as JSON`,
    options: {
        services: { type: 'string' },
        images: { type: 'string' },
        repository: { type: 'string' },
        event: { type: 'string' },
        ref: { type: 'string' },
        sha: { type: 'string' },
        pr: { type: 'string' },
        'default-branch': { type: 'string' },
        cache: { type: 'string' },
        json: { type: 'boolean' },
    },
    async run(args) {
        const file = args.values.services ?? '.github/slipway.yml';
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(file), 'utf8').catch(() => {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('file not found', file);
        });
        const services = (0,_image_services_js__WEBPACK_IMPORTED_MODULE_4__/* .parseServicesFile */ .a)(text, file);
        const local = await (0,_runner_git_js__WEBPACK_IMPORTED_MODULE_5__/* .localGit */ .sz)(process.cwd());
        const repository = args.values.repository ?? local?.repository;
        if (!repository)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('cannot tell the repository from the origin remote: pass --repository owner/repo');
        const event = args.values.event ?? 'push';
        const sha = args.values.sha ?? local?.sha;
        if (!sha)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('not a git checkout: pass --sha and --ref');
        const pr = args.values.pr;
        if (event.startsWith('pull_request') && !pr)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('--event pull_request needs --pr N');
        const cache = args.values.cache;
        if (cache && !['gha', 'registry', 'none'].includes(cache))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`--cache: gha, registry or none, got '${cache}'`);
        const ctx = (0,_image_context_js__WEBPACK_IMPORTED_MODULE_6__/* .gitContext */ .c)({
            eventName: event,
            ref: args.values.ref ?? (pr ? `refs/pull/${pr}/merge` : (local?.ref ?? 'refs/heads/main')),
            sha,
            repository,
            defaultBranch: args.values['default-branch'] ?? 'main',
            payload: pr
                ? {
                    pull_request: {
                        number: Number(pr),
                        head: { sha, ref: local?.ref.replace(/^refs\/heads\//, '') ?? '' },
                    },
                }
                : {},
        });
        const plan = (0,_image_plan_js__WEBPACK_IMPORTED_MODULE_3__/* .planImages */ .y6)(services, ctx, {
            images: args.values.images ?? `ghcr.io/${repository.toLowerCase()}`,
            releaseTags: local?.tags,
            now: new Date().toISOString(),
            ...(cache ? { cache } : {}),
        });
        if (args.flags.json) {
            process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
            return 0;
        }
        process.stdout.write(`version ${plan.version} (${ctx.kind}${ctx.branch ? ` ${ctx.branch}` : ''}${ctx.tag ? ` ${ctx.tag}` : ''})\n`);
        for (const b of plan.builds) {
            process.stdout.write(`\n${b.key}${b.target ? ` (target ${b.target})` : ''}\n`);
            for (const t of b.tags)
                process.stdout.write(`  ${t}\n`);
        }
        for (const n of plan.notes)
            process.stdout.write(`\nnote: ${n}\n`);
        return 0;
    },
};


/***/ })

};
