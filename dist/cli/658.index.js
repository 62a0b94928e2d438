export const id = 658;
export const ids = [658];
export const modules = {

/***/ 8409:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ gitContext)
/* harmony export */ });
function gitContext(src) {
    const repo = (src.payload.repository ?? {});
    const defaultBranch = src.defaultBranch || repo.default_branch || repo.master_branch || 'main';
    const base = {
        event: src.eventName,
        sha: src.sha,
        defaultBranch,
        repository: src.repository,
        serverUrl: (src.serverUrl ?? 'https://github.com').replace(/\/+$/, ''),
        ...(repo.description ? { description: repo.description } : {}),
        ...(repo.license?.spdx_id && repo.license.spdx_id !== 'NOASSERTION'
            ? { license: repo.license.spdx_id }
            : {}),
    };
    if (src.eventName.startsWith('pull_request')) {
        const pr = src.payload.pull_request;
        const number = pr?.number ?? Number(/^refs\/pull\/(\d+)\//.exec(src.ref)?.[1]);
        return {
            ...base,
            kind: 'pull_request',
            prNumber: number,
            ...(pr?.head.ref ? { branch: pr.head.ref } : {}),
            sha: pr?.head.sha ?? src.sha,
            isDefaultBranch: false,
            trusted: false,
        };
    }
    const tag = /^refs\/tags\/(.+)$/.exec(src.ref)?.[1];
    if (tag !== undefined)
        return { ...base, kind: 'tag', tag, isDefaultBranch: false, trusted: true };
    const branch = /^refs\/heads\/(.+)$/.exec(src.ref)?.[1] ?? defaultBranch;
    const isDefaultBranch = branch === defaultBranch;
    if (src.eventName === 'schedule')
        return { ...base, kind: 'schedule', branch, isDefaultBranch, trusted: true };
    return { ...base, kind: 'branch', branch, isDefaultBranch, trusted: true };
}


/***/ }),

/***/ 9263:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y6: () => (/* binding */ planImages)
/* harmony export */ });
/* unused harmony exports sanitizeTag, buildMatrix */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/**
 * image-plan's core: from a git context and a services file, every image to build, with its
 * tags, OCI labels, cache references and build settings, plus the matrix for a workflow.
 *
 * Tags:
 * - every build: `sha-<7>` (the PR's head commit for pull requests)
 * - branch push: the branch name (sanitised); `latest` on the default branch when `latest: default-branch`
 * - pull request: `pr-<N>`
 * - schedule: `nightly`
 * - tag push of a semver release `v1.2.3`: `v1.2.3`, plus `v1.2` only when it is the highest
 *   1.2.x, `v1` only when it is the highest 1.x, and `latest` (with `latest: release`) only when
 *   it is the highest stable release of all; a pre-release (`v1.3.0-rc.1`) gets only its own tag.
 *   Moving tags are never moved backwards by a backport.
 * - tag push of anything else: the tag name (sanitised).
 */

/** Docker tag rules: [A-Za-z0-9_.-], not starting with . or -, at most 128 characters. */
function sanitizeTag(raw) {
    const t = raw.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '');
    return t.slice(0, 128) || 'unnamed';
}
function releaseVersions(tags, prefix) {
    return tags
        .filter((t) => t.startsWith(prefix))
        .map((t) => semver__WEBPACK_IMPORTED_MODULE_0__.parse(t.slice(prefix.length)))
        .filter((v) => v !== null);
}
function tagNamesFor(ctx, latest, releaseTags) {
    const short = ctx.sha.slice(0, 7);
    const notes = [];
    const tags = [];
    let version;
    switch (ctx.kind) {
        case 'pull_request':
            version = `pr-${ctx.prNumber}`;
            tags.push(version);
            break;
        case 'schedule':
            version = 'nightly';
            tags.push('nightly');
            break;
        case 'branch':
            version = sanitizeTag(ctx.branch);
            tags.push(version);
            if (ctx.isDefaultBranch && latest === 'default-branch')
                tags.push('latest');
            break;
        case 'tag': {
            const tag = ctx.tag;
            const prefix = /^v\d/.test(tag) ? 'v' : '';
            const v = semver__WEBPACK_IMPORTED_MODULE_0__.parse(tag.slice(prefix.length));
            if (!v) {
                version = sanitizeTag(tag);
                tags.push(version);
                notes.push(`tag '${tag}' is not a semantic version: no version aliases or latest`);
                break;
            }
            version = v.version;
            tags.push(sanitizeTag(tag));
            if (v.prerelease.length) {
                notes.push(`${tag} is a pre-release: no ${prefix}${v.major}.${v.minor}, ${prefix}${v.major} or latest`);
                break;
            }
            if (releaseTags === undefined) {
                notes.push(`the release tags could not be read: ${prefix}${v.major}.${v.minor}, ${prefix}${v.major} and latest are not moved`);
                break;
            }
            const stable = [...releaseVersions(releaseTags, prefix), v].filter((r) => r.prerelease.length === 0);
            const highest = (pred) => stable.filter(pred).every((r) => semver__WEBPACK_IMPORTED_MODULE_0__.lte(r, v));
            if (highest((r) => r.major === v.major && r.minor === v.minor))
                tags.push(`${prefix}${v.major}.${v.minor}`);
            else
                notes.push(`${prefix}${v.major}.${v.minor} stays on a newer ${v.major}.${v.minor}.x release`);
            if (highest((r) => r.major === v.major))
                tags.push(`${prefix}${v.major}`);
            else
                notes.push(`${prefix}${v.major} stays on a newer ${v.major}.x release`);
            if (latest === 'release') {
                if (highest(() => true))
                    tags.push('latest');
                else
                    notes.push(`latest stays on a newer release than ${tag}`);
            }
            break;
        }
    }
    tags.push(`sha-${short}`);
    return { tags: [...new Set(tags)], version, notes };
}
function imageName(images, svc, flavor) {
    const base = svc.image ?? `${images.replace(/\/+$/, '')}/${svc.name}`;
    return flavor ? `${base}-${flavor}` : base;
}
function cacheRefs(ctx, backend, image, key, stages) {
    if (backend === 'none')
        return { from: [], to: [] };
    // mode=max also exports the layers of intermediate stages (dependencies, build): worth its
    // upload time only when there are such stages; a single-stage file's layers are all in the image.
    const mode = stages === 1 ? 'min' : 'max';
    const scope = key.replace('/', '-');
    if (backend === 'gha') {
        // GitHub scopes cache entries by branch already (a branch reads its own, then the default
        // branch's); one scope per service and flavor keeps matrix jobs from overwriting each other.
        return {
            from: [`type=gha,scope=${scope}`],
            to: ctx.trusted ? [`type=gha,scope=${scope},mode=${mode},ignore-error=true`] : [],
        };
    }
    const branch = sanitizeTag(ctx.kind === 'tag' ? ctx.defaultBranch : (ctx.branch ?? ctx.defaultBranch));
    const own = `type=registry,ref=${image}:buildcache-${branch}`;
    const dflt = `type=registry,ref=${image}:buildcache-${sanitizeTag(ctx.defaultBranch)}`;
    const from = own === dflt ? [own] : [own, dflt];
    const writeBranch = ctx.kind === 'tag' ? ctx.defaultBranch : ctx.branch;
    const to = ctx.trusted && writeBranch
        ? [
            `type=registry,ref=${image}:buildcache-${sanitizeTag(writeBranch)},mode=${mode},image-manifest=true,oci-mediatypes=true,ignore-error=true`,
        ]
        : [];
    return { from, to };
}
function planImages(file, ctx, opts) {
    const images = (file.images ?? opts.images).toLowerCase();
    const decision = tagNamesFor(ctx, file.latest, opts.releaseTags);
    const backend = opts.cache ?? file.cache;
    const builds = [];
    for (const svc of file.services) {
        if (opts.service !== undefined && svc.name !== opts.service)
            continue;
        const flavors = svc.flavors.length ? svc.flavors : [undefined];
        for (const flavor of flavors) {
            if (opts.flavor !== undefined && flavor !== opts.flavor)
                continue;
            const key = flavor ? `${svc.name}/${flavor}` : svc.name;
            const image = imageName(images, svc, flavor);
            const source = `${ctx.serverUrl}/${ctx.repository}`;
            const labels = {
                'org.opencontainers.image.title': flavor ? `${svc.name}-${flavor}` : svc.name,
                'org.opencontainers.image.source': source,
                'org.opencontainers.image.url': source,
                'org.opencontainers.image.revision': ctx.sha,
                'org.opencontainers.image.version': decision.version,
                'org.opencontainers.image.created': opts.now,
                ...(ctx.description ? { 'org.opencontainers.image.description': ctx.description } : {}),
                ...(ctx.license ? { 'org.opencontainers.image.licenses': ctx.license } : {}),
                'dev.slipway.service': svc.name,
                ...(flavor ? { 'dev.slipway.flavor': flavor } : {}),
            };
            const cache = cacheRefs(ctx, backend, image, key, opts.stages?.[svc.dockerfile]);
            const build = {
                key,
                service: svc.name,
                image,
                context: svc.context,
                dockerfile: svc.dockerfile,
                buildArgs: { ...svc.buildArgs, ...(flavor ? file.flavors[flavor].buildArgs : {}) },
                platforms: svc.platforms,
                tagNames: decision.tags,
                tags: decision.tags.map((t) => `${image}:${t}`),
                labels,
                cacheFrom: cache.from,
                cacheTo: cache.to,
            };
            if (flavor)
                build.flavor = flavor;
            if (svc.target !== undefined)
                build.target = svc.target;
            builds.push(build);
        }
    }
    return { version: decision.version, context: ctx, builds, notes: decision.notes };
}
/** `{include: [...]}` for `strategy.matrix`: one entry per service and flavor. */
function buildMatrix(plan) {
    return {
        include: plan.builds.map((b) => ({
            key: b.key,
            service: b.service,
            flavor: b.flavor ?? '',
            image: b.image,
            target: b.target ?? '',
            context: b.context,
            dockerfile: b.dockerfile,
            platforms: b.platforms.join(','),
        })),
    };
}


/***/ }),

/***/ 40:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ parseServicesFile)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7417);
/**
 * The services file (`.github/slipway.yml`): which images one repository builds.
 *
 *   version: 1
 *   images: ghcr.io/acme/shop        # name prefix; default <registry>/<owner>/<repo>
 *   latest: release                  # release | default-branch | never
 *   cache: gha                       # gha | registry | none
 *   platforms: [linux/amd64]
 *   flavors:                         # build-time variants, declared once
 *     gighive: { build-args: { APP_FLAVOR: gighive } }
 *   services:
 *     web: { target: web, context: ., dockerfile: Dockerfile, flavors: [gighive] }
 *
 * Parsing is strict: every problem is reported as `file:line: field: message`, all of them at
 * once, and nothing is built from a file that has one.
 */


const NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IMAGE = /^(?:[a-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const TOP_KEYS = ['version', 'images', 'latest', 'cache', 'platforms', 'flavors', 'services'];
const SERVICE_KEYS = [
    'target',
    'context',
    'dockerfile',
    'image',
    'build-args',
    'platforms',
    'flavors',
];
const FLAVOR_KEYS = ['build-args'];
class Problems {
    file;
    lines;
    list = [];
    constructor(file, lines) {
        this.file = file;
        this.lines = lines;
    }
    at(node, field, message) {
        const offset = node?.range?.[0];
        const pos = offset === undefined ? '' : `:${this.lines.linePos(offset).line}`;
        this.list.push(`${this.file}${pos}: ${field}: ${message}`);
    }
}
function str(p, node, field) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && (typeof node.value === 'string' || typeof node.value === 'number'))
        return String(node.value);
    p.at(node, field, 'expected a string');
    return undefined;
}
function strList(p, node, field) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && typeof node.value === 'string')
        return [node.value];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
        p.at(node, field, 'expected a list of strings');
        return [];
    }
    return node.items
        .map((item, i) => str(p, item, `${field}[${i}]`))
        .filter((s) => s !== undefined);
}
function args(p, node, field) {
    const out = {};
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        p.at(node, field, 'expected a mapping of build-arg names to values');
        return out;
    }
    for (const pair of node.items) {
        const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
        if (!ARG_NAME.test(key))
            p.at(pair.key, `${field}.${key}`, 'not a valid build-arg name');
        const value = pair.value;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(value) && ['string', 'number', 'boolean'].includes(typeof value.value))
            out[key] = String(value.value);
        else
            p.at(value, `${field}.${key}`, 'expected a string, number or boolean');
    }
    return out;
}
function checkKeys(p, map, allowed, field) {
    for (const pair of map.items) {
        const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : String(pair.key);
        if (!allowed.includes(key)) {
            p.at(pair.key, field ? `${field}.${key}` : key, `unknown key (allowed: ${allowed.join(', ')})`);
        }
    }
}
function oneOf(p, node, field, allowed, dflt) {
    if (node === undefined)
        return dflt;
    const v = str(p, node, field);
    if (v === undefined)
        return dflt;
    if (!allowed.includes(v)) {
        p.at(node, field, `must be one of ${allowed.join(', ')}, got '${v}'`);
        return dflt;
    }
    return v;
}
/** Parses and validates a services file; throws one UserError listing every problem. */
function parseServicesFile(text, file) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const p = new Problems(file, lines);
    for (const err of doc.errors) {
        const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
        const what = err.code === 'DUPLICATE_KEY'
            ? 'duplicate key (a service or field is named twice)'
            : err.message.replace(/ at line \d+, column \d+.*$/s, '');
        p.list.push(`${file}${line ? `:${line}` : ''}: ${what.split('\n')[0]}`);
    }
    if (p.list.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(p.list.join('\n'));
    const root = doc.contents;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${file}: expected a mapping with a 'services' key`);
    checkKeys(p, root, TOP_KEYS, '');
    const version = root.get('version', true);
    if (version !== undefined && !((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(version) && version.value === 1))
        p.at(version, 'version', 'only version 1 is known');
    const imagesNode = root.get('images', true);
    const images = imagesNode === undefined ? undefined : str(p, imagesNode, 'images');
    if (images !== undefined && !IMAGE.test(images)) {
        p.at(imagesNode, 'images', `'${images}' is not a valid image name prefix (lower case, e.g. ghcr.io/owner/repo)`);
    }
    const latest = oneOf(p, root.get('latest', true), 'latest', ['release', 'default-branch', 'never'], 'release');
    const cache = oneOf(p, root.get('cache', true), 'cache', ['gha', 'registry', 'none'], 'gha');
    const platformsNode = root.get('platforms', true);
    const platforms = platformsNode === undefined ? ['linux/amd64'] : strList(p, platformsNode, 'platforms');
    platforms.forEach((pl, i) => {
        if (!PLATFORM.test(pl))
            p.at(platformsNode, `platforms[${i}]`, `'${pl}' is not a platform like linux/amd64`);
    });
    const flavors = {};
    const flavorsNode = root.get('flavors', true);
    if (flavorsNode !== undefined) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(flavorsNode))
            p.at(flavorsNode, 'flavors', 'expected a mapping of flavor names');
        else
            for (const pair of flavorsNode.items) {
                const name = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
                const field = `flavors.${name}`;
                if (!NAME.test(name))
                    p.at(pair.key, field, 'flavor names are lower case letters, digits, . _ -');
                let buildArgs = {};
                if (pair.value !== null && !((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.value) && pair.value.value === null)) {
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(pair.value))
                        p.at(pair.value, field, "expected a mapping (with 'build-args')");
                    else {
                        checkKeys(p, pair.value, FLAVOR_KEYS, field);
                        const ba = pair.value.get('build-args', true);
                        if (ba !== undefined)
                            buildArgs = args(p, ba, `${field}.build-args`);
                    }
                }
                flavors[name] = { name, buildArgs };
            }
    }
    const services = [];
    const servicesNode = root.get('services', true);
    if (servicesNode === undefined)
        p.at(root, 'services', 'missing: list the images to build under services:');
    else if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(servicesNode) || servicesNode.items.length === 0) {
        p.at(servicesNode, 'services', 'expected a non-empty mapping of service names');
    }
    else {
        for (const pair of servicesNode.items) {
            const name = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
            const field = `services.${name}`;
            if (!NAME.test(name)) {
                p.at(pair.key, field, 'service names are lower case letters, digits, . _ - (they become image names)');
            }
            const body = pair.value;
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(body)) {
                p.at(body ?? pair.key, field, 'expected a mapping (target, context, dockerfile, ...)');
                continue;
            }
            checkKeys(p, body, SERVICE_KEYS, field);
            const get = (k) => body.get(k, true);
            const svc = {
                name,
                context: get('context') === undefined ? '.' : (str(p, get('context'), `${field}.context`) ?? '.'),
                dockerfile: '',
                buildArgs: get('build-args') === undefined ? {} : args(p, get('build-args'), `${field}.build-args`),
                platforms: get('platforms') === undefined ? platforms : strList(p, get('platforms'), `${field}.platforms`),
                flavors: [],
            };
            const target = get('target') === undefined ? undefined : str(p, get('target'), `${field}.target`);
            if (target !== undefined)
                svc.target = target;
            const dockerfile = get('dockerfile') === undefined ? undefined : str(p, get('dockerfile'), `${field}.dockerfile`);
            svc.dockerfile = dockerfile ?? joinPath(svc.context, 'Dockerfile');
            const image = get('image') === undefined ? undefined : str(p, get('image'), `${field}.image`);
            if (image !== undefined) {
                if (!IMAGE.test(image))
                    p.at(get('image'), `${field}.image`, `'${image}' is not a valid image name (lower case, no tag)`);
                svc.image = image;
            }
            const fl = get('flavors');
            if (fl !== undefined) {
                svc.flavors = strList(p, fl, `${field}.flavors`);
                svc.flavors.forEach((f, i) => {
                    if (!flavors[f]) {
                        const declared = Object.keys(flavors);
                        p.at((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(fl) ? fl.items[i] : fl, `${field}.flavors[${i}]`, `flavor '${f}' is not declared under top-level flavors:` +
                            (declared.length ? ` (declared: ${declared.join(', ')})` : ' (none are declared)'));
                    }
                });
                if (new Set(svc.flavors).size !== svc.flavors.length)
                    p.at(fl, `${field}.flavors`, 'a flavor is listed twice');
            }
            services.push(svc);
        }
        // Several services built from one Dockerfile must each name the stage they are.
        const byDockerfile = new Map();
        for (const s of services)
            byDockerfile.set(s.dockerfile, [...(byDockerfile.get(s.dockerfile) ?? []), s]);
        for (const [df, group] of byDockerfile) {
            if (group.length < 2)
                continue;
            for (const s of group) {
                if (s.target === undefined) {
                    p.at(servicesNode.get(s.name, true), `services.${s.name}.target`, `missing: ${group.length} services build from ${df}, so each needs the target (stage) it is`);
                }
            }
        }
    }
    if (p.list.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(p.list.join('\n'));
    const out = { file, latest, cache, platforms, flavors, services };
    if (images !== undefined)
        out.images = images;
    return out;
}
function joinPath(dir, file) {
    if (dir === '.' || dir === '')
        return file;
    return `${dir.replace(/\/+$/, '')}/${file}`;
}


/***/ }),

/***/ 2987:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sz: () => (/* binding */ localGit)
/* harmony export */ });
/* unused harmony exports localTags, remoteTags */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7975);


const run = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/** Tags of the local checkout; undefined when it is not a git repository. */
async function localTags(cwd) {
    try {
        const { stdout } = await run('git', ['tag', '--list'], { cwd });
        return stdout.split('\n').filter(Boolean);
    }
    catch {
        return undefined;
    }
}
/** Every tag of a repository through the API (one paginated request per 100 tags). */
async function remoteTags(client, owner, repo) {
    const refs = await client.paginate(client.rest.git.listMatchingRefs, {
        owner,
        repo,
        ref: 'tags/',
        per_page: 100,
    });
    return refs.map((r) => r.ref.replace(/^refs\/tags\//, ''));
}
async function git(cwd, ...args) {
    try {
        return (await run('git', args, { cwd })).stdout.trim();
    }
    catch {
        return undefined;
    }
}
/** The git context of a local checkout, for running the pipeline's cores on this machine. */
async function localGit(cwd) {
    const sha = await git(cwd, 'rev-parse', 'HEAD');
    if (!sha)
        return undefined;
    const branch = await git(cwd, 'symbolic-ref', '--quiet', '--short', 'HEAD');
    const tag = branch ? undefined : await git(cwd, 'describe', '--tags', '--exact-match', 'HEAD');
    const origin = await git(cwd, 'remote', 'get-url', 'origin');
    const repository = origin ? /github\.com[:/]([^/]+\/[^/.]+?)(?:\.git)?$/.exec(origin)?.[1] : undefined;
    return {
        ref: branch ? `refs/heads/${branch}` : tag ? `refs/tags/${tag}` : 'refs/heads/detached',
        sha,
        ...(repository ? { repository } : {}),
        tags: (await localTags(cwd)) ?? [],
    };
}


/***/ })

};
