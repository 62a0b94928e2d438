export const id = 160;
export const ids = [160];
export const modules = {

/***/ 7160:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
;// CONCATENATED MODULE: ./.tmp/build/image/dockerfile-graph.js
/**
 * The stage graph of a Dockerfile: which stages a target builds FROM and which it copies from
 * (`COPY --from=`, `RUN --mount=...,from=`). Used to check a target exists and to pick the
 * intermediate stages whose layers a cache must carry besides the image's own.
 */
/** Joins continuation lines; drops comments and blank lines; keeps the first line number. */
function instructions(text) {
    const out = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const start = i;
        let line = lines[i].trim();
        if (line === '' || line.startsWith('#'))
            continue;
        while (line.endsWith('\\') && i + 1 < lines.length) {
            const next = lines[++i].trim();
            if (next.startsWith('#'))
                continue;
            line = line.slice(0, -1).trimEnd() + ' ' + next;
        }
        out.push({ line: start + 1, text: line });
    }
    return out;
}
function stageGraph(text) {
    const stages = [];
    const byName = new Map();
    const resolve = (ref) => {
        if (/^\d+$/.test(ref)) {
            const n = Number(ref);
            return n < stages.length ? n : undefined;
        }
        return byName.get(ref.toLowerCase());
    };
    for (const ins of instructions(text)) {
        const from = /^FROM\s+((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(ins.text);
        if (from) {
            const node = { index: stages.length, line: ins.line, from: from[2], copiesFrom: [] };
            if (from[3])
                node.name = from[3].toLowerCase();
            const parent = byName.get(from[2].toLowerCase());
            if (parent !== undefined)
                node.parent = parent;
            stages.push(node);
            if (node.name)
                byName.set(node.name, node.index);
            continue;
        }
        const current = stages[stages.length - 1];
        if (!current)
            continue;
        const refs = [];
        if (/^(COPY|ADD)\s/i.test(ins.text)) {
            const m = /\s--from=(\S+)/i.exec(ins.text);
            if (m)
                refs.push(m[1]);
        }
        if (/^RUN\s/i.test(ins.text)) {
            for (const mount of ins.text.matchAll(/--mount=(\S+)/gi)) {
                const m = /(?:^|,)from=([^,\s]+)/.exec(mount[1]);
                if (m)
                    refs.push(m[1]);
            }
        }
        for (const ref of refs) {
            const idx = resolve(ref);
            if (idx !== undefined && !current.copiesFrom.includes(idx))
                current.copiesFrom.push(idx);
        }
    }
    return stages;
}
/** The stage a build of `target` ends on (the last stage when no target is given). */
function findTarget(stages, target) {
    if (target === undefined)
        return stages[stages.length - 1];
    return stages.find((s) => s.name === target.toLowerCase());
}
/** Stages in the FROM chain of a stage, itself first. */
function lineage(stages, index) {
    const out = [];
    for (let i = index; i !== undefined; i = stages[i].parent)
        out.push(i);
    return out;
}
/** Every stage a build of `stage` needs (FROM chain and copies, transitively). */
function needed(stages, index) {
    const seen = new Set();
    const visit = (i) => {
        if (seen.has(i))
            return;
        seen.add(i);
        const s = stages[i];
        if (s.parent !== undefined)
            visit(s.parent);
        for (const c of s.copiesFrom)
            visit(c);
    };
    visit(index);
    return seen;
}
/**
 * Intermediate stages whose layers are not in the final image: with an inline cache (which only
 * carries the exported image's own FROM chain) each of them needs its own cache image to be
 * reusable. Only the ends of chains are returned: a stage's inline cache covers its FROM chain,
 * so `build FROM deps` carries `deps` too. Unnamed stages are referred to by index.
 */
function cacheStages(stages, target) {
    const t = findTarget(stages, target);
    if (!t)
        return [];
    const inImage = new Set(lineage(stages, t.index));
    const rest = [...needed(stages, t.index)].filter((i) => !inImage.has(i));
    const coveredByOther = new Set();
    for (const i of rest)
        for (const a of lineage(stages, i).slice(1))
            coveredByOther.add(a);
    return rest
        .filter((i) => !coveredByOther.has(i) && !inImage.has(i))
        .sort((a, b) => a - b)
        .map((i) => stages[i].name ?? String(i));
}

;// CONCATENATED MODULE: ./.tmp/build/image/build.js
/**
 * Local builds with the same plan as the workflow: from image-plan's builds, the docker commands
 * that build, tag and push every service and flavor, and what their output says (digests, which
 * BuildKit steps came from cache). Pure: commands are run through the `exec` it is given.
 *
 * Two builders:
 * - `buildx`: `docker buildx build --push` with the plan's cache refs as they are
 *   (`type=registry,...,mode=max`): every stage's layers go to the cache manifest.
 * - `classic`: BuildKit inside dockerd through a pre-23 client (`DOCKER_BUILDKIT=1 docker build`),
 *   which has no `--cache-to`. The cache is inline (`BUILDKIT_INLINE_CACHE=1`): the image pushed
 *   as `<image>:buildcache-<branch>` carries cache metadata for its own FROM chain, and each
 *   intermediate stage outside that chain (e.g. `build FROM deps`, copied from) is pushed as
 *   `<image>:buildcache-<branch>-<stage>` so that a pruned builder reuses the dependency layers too.
 */


function refOf(cache) {
    const parts = Object.fromEntries(cache.split(',').map((kv) => {
        const i = kv.indexOf('=');
        return i === -1 ? [kv, ''] : [kv.slice(0, i), kv.slice(i + 1)];
    }));
    return parts.type === 'registry' ? parts.ref : undefined;
}
function buildArgs(b, o) {
    const args = { GIT_SHA: o.revision, APP_VERSION: o.version, ...b.buildArgs, ...o.extraBuildArgs };
    return Object.entries(args).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
}
function common(b) {
    return ['--progress', 'plain', '--network', 'host', '--file', b.dockerfile];
}
/** The commands that build (and push) one planned image, in order. */
function buildCommands(b, o) {
    const labels = Object.entries(b.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const target = b.target ? ['--target', b.target] : [];
    if (o.builder === 'buildx') {
        const argv = [
            'buildx',
            'build',
            ...common(b),
            ...target,
            ...buildArgs(b, o),
            ...labels,
            '--platform',
            b.platforms.join(','),
            ...b.tags.flatMap((t) => ['--tag', t]),
            ...b.cacheFrom.flatMap((c) => ['--cache-from', c]),
            ...(o.push ? b.cacheTo.flatMap((c) => ['--cache-to', c]) : []),
            ...(o.metadataFile ? ['--metadata-file', o.metadataFile] : []),
            o.push ? '--push' : '--load',
            b.context,
        ];
        return [{ what: `build ${b.key}`, argv, final: true }];
    }
    // classic: inline cache, one cache image per intermediate stage chain
    const env = { DOCKER_BUILDKIT: '1' };
    const exportCache = o.push && b.cacheTo.length > 0;
    const cacheWrite = exportCache ? refOf(b.cacheTo[0]) : undefined;
    const cacheReads = b.cacheFrom.map(refOf).filter((r) => r !== undefined);
    const stages = o.dockerfileText !== undefined && (cacheWrite || cacheReads.length)
        ? cacheStages(stageGraph(o.dockerfileText), b.target)
        : [];
    const from = [
        ...cacheReads.flatMap((r) => [r, ...stages.map((s) => `${r}-${s}`)]),
        ...(cacheWrite && !cacheReads.includes(cacheWrite) ? [cacheWrite] : []),
    ];
    const cacheFrom = from.flatMap((r) => ['--cache-from', r]);
    const inline = exportCache ? ['--build-arg', 'BUILDKIT_INLINE_CACHE=1'] : [];
    const cmds = [];
    if (cacheWrite) {
        for (const s of stages) {
            const ref = `${cacheWrite}-${s}`;
            cmds.push({
                what: `build ${b.key} cache of stage ${s}`,
                argv: [
                    'build',
                    ...common(b),
                    '--target',
                    s,
                    ...buildArgs(b, o),
                    ...inline,
                    ...cacheFrom,
                    '--tag',
                    ref,
                    b.context,
                ],
                env,
                stageKey: JSON.stringify([...common(b), '--target', s, ...buildArgs(b, o), ...inline, b.context]),
                produces: ref,
            });
            cmds.push({ what: `push ${ref}`, argv: ['push', ref], env });
        }
    }
    const tags = [...b.tags, ...(cacheWrite ? [cacheWrite] : [])];
    cmds.push({
        what: `build ${b.key}`,
        argv: [
            'build',
            ...common(b),
            ...target,
            ...buildArgs(b, o),
            ...inline,
            ...labels,
            ...cacheFrom,
            ...tags.flatMap((t) => ['--tag', t]),
            b.context,
        ],
        env,
        final: true,
    });
    if (o.push) {
        for (const t of tags) {
            cmds.push({
                what: `push ${t}`,
                argv: ['push', t],
                env,
                final: true,
                ...(t === b.tags[0] ? { digestOf: t } : {}),
            });
        }
    }
    return cmds;
}
/** Steps of a BuildKit `--progress plain` log (docker build or buildx), with whether each was CACHED. */
function parseProgress(log) {
    const steps = new Map();
    for (const line of log.split(/\r?\n/)) {
        const m = /^#(\d+) (.*)$/.exec(line);
        if (!m)
            continue;
        const id = Number(m[1]);
        const rest = m[2];
        if (rest === 'CACHED') {
            const s = steps.get(id);
            if (s)
                s.cached = true;
            continue;
        }
        if (steps.has(id))
            continue;
        // instruction steps only: "[deps 2/2] RUN ...", "[1/3] COPY ..." (not "[internal] ...")
        const bracket = /^\[(?:(\S+) )?(\d+\/\d+)\] (.*)$/.exec(rest);
        if (!bracket)
            continue;
        const step = { id, name: rest, instruction: bracket[3], cached: false };
        if (bracket[1])
            step.stage = bracket[1];
        steps.set(id, step);
    }
    return [...steps.values()].sort((a, b) => a.id - b.id);
}
/** The digest `docker push` printed (`<tag>: digest: sha256:... size: N`). */
function pushDigest(output) {
    return /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
}
/** The digest buildx wrote to its metadata file. */
function metadataDigest(json) {
    const meta = JSON.parse(json);
    const d = meta['containerimage.digest'];
    return typeof d === 'string' ? d : undefined;
}
/**
 * Checks every build's Dockerfile has its target; throws one UserError naming the services file,
 * the field and the Dockerfile. `read` returns undefined for a missing file.
 */
function checkTargets(builds, servicesFile, read) {
    const texts = new Map();
    const problems = [];
    for (const b of builds) {
        const text = texts.get(b.dockerfile) ?? read(b.dockerfile);
        if (text === undefined) {
            problems.push(`services.${b.service}.dockerfile: ${b.dockerfile} does not exist`);
            continue;
        }
        texts.set(b.dockerfile, text);
        const stages = stageGraph(text);
        if (stages.length === 0) {
            problems.push(`services.${b.service}.dockerfile: ${b.dockerfile} has no FROM instruction`);
            continue;
        }
        if (b.target && !findTarget(stages, b.target)) {
            const names = stages.map((s) => s.name).filter(Boolean);
            const msg = `services.${b.service}.target: stage '${b.target}' is not in ${b.dockerfile}` +
                (names.length ? ` (its stages: ${names.join(', ')})` : ' (it has no named stages)');
            if (!problems.includes(msg))
                problems.push(msg);
        }
    }
    if (problems.length)
        throw new errors/* UserError */.yo(problems.map((p) => `${servicesFile}: ${p}`).join('\n'));
    return texts;
}
/** `{ "web": "reg/o/r/web@sha256:...", "site/gighive": ... }`: what later jobs deploy and scan. */
function digestMap(images) {
    const out = {};
    for (const i of images)
        if (i.digest)
            out[i.key] = `${i.image}@${i.digest}`;
    return out;
}
/**
 * The same image name on another registry: `ghcr.io/acme/shop/web` -> `127.0.0.1:5000/acme/shop/web`
 * (a name without a registry host, `acme/web`, is put under it as it is). Local builds push to the
 * local registry even when the services file names GHCR.
 */
function rehost(name, registry) {
    const [first, ...rest] = name.split('/');
    const hasHost = rest.length > 0 && (/[.:]/.test(first) || first === 'localhost');
    return `${registry}/${hasHost ? rest.join('/') : name}`;
}

// EXTERNAL MODULE: ./.tmp/build/image/context.js
var context = __webpack_require__(8409);
;// CONCATENATED MODULE: ./.tmp/build/image/dockerfile-stages.js
function dockerfileStages(text) {
    const stages = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        let line = lines[i].trim();
        // Join continuation lines so `FROM x \` + `AS y` is one instruction.
        while (line.endsWith('\\') && i + 1 < lines.length)
            line = line.slice(0, -1) + ' ' + lines[++i].trim();
        const m = /^FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
        if (m)
            stages.push({ ...(m[1] ? { name: m[1].toLowerCase() } : {}), line: i + 1 });
    }
    return stages;
}

// EXTERNAL MODULE: ./.tmp/build/image/plan.js
var image_plan = __webpack_require__(9263);
// EXTERNAL MODULE: ./.tmp/build/image/services.js
var image_services = __webpack_require__(40);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./.tmp/build/runner/docker.js
/**
 * The docker CLI, for local builds: runs commands (capturing output, optionally streaming it),
 * and finds a client that builds with BuildKit.
 */


function exec(cmd, argv, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(cmd, argv, {
            env: { ...process.env, ...opts.env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => {
            stdout += d;
            opts.onOutput?.(d);
        });
        child.stderr.setEncoding('utf8').on('data', (d) => {
            stderr += d;
            opts.onOutput?.(d);
        });
        child.on('error', (err) => reject(new Error(`${cmd}: ${err.message}`)));
        child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
}
/**
 * How to build here, in this order:
 * - `docker buildx` with a builder whose driver exports caches (docker-container, remote,
 *   kubernetes): the `buildx` commands, with `--cache-to`;
 * - `docker buildx` whose builder uses the `docker` driver (no cache export without the
 *   containerd image store): the `classic` commands (inline cache), run by that same client, where
 *   `docker build` is buildx;
 * - no buildx: a docker client older than 23, which still builds with BuildKit under
 *   DOCKER_BUILDKIT=1 (newer ones refuse without buildx); Debian's /usr/bin/docker is tried last.
 * SLIPWAY_DOCKER names the client; SLIPWAY_BUILDER=classic|buildx forces the kind.
 */
async function detectBuilder(env = process.env, run = (cmd, argv) => exec(cmd, argv)) {
    const docker = env.SLIPWAY_DOCKER || 'docker';
    const info = await run(docker, ['version', '--format', '{{.Server.Os}}/{{.Server.Arch}}']).catch(() => undefined);
    if (!info || info.code !== 0) {
        const why = (info?.stderr || `${docker} not found`).trim().split('\n').pop();
        throw new errors/* UserError */.yo(`the docker engine does not answer (${why}): start it (scripts/services.sh up)`);
    }
    const platform = info.stdout.trim();
    if (env.SLIPWAY_BUILDER !== 'classic') {
        const bx = await run(docker, ['buildx', 'inspect']).catch(() => undefined);
        if (bx?.code === 0) {
            const driver = /^Driver:\s*(\S+)/m.exec(bx.stdout)?.[1];
            if (driver !== 'docker' || env.SLIPWAY_BUILDER === 'buildx')
                return { kind: 'buildx', client: docker, platform };
            return { kind: 'classic', client: docker, platform };
        }
        if (env.SLIPWAY_BUILDER === 'buildx')
            throw new errors/* UserError */.yo('SLIPWAY_BUILDER=buildx but `docker buildx` does not work');
    }
    for (const client of [docker, '/usr/bin/docker']) {
        const v = await run(client, ['version', '--format', '{{.Client.Version}}']).catch(() => undefined);
        const major = Number(/^(\d+)\./.exec(v?.stdout.trim() ?? '')?.[1]);
        if (v?.code === 0 && major > 0 && major < 23)
            return { kind: 'classic', client, platform };
    }
    throw new errors/* UserError */.yo('no docker client builds with BuildKit here: install docker buildx, or point SLIPWAY_DOCKER at a docker client older than 23');
}
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/**
 * Puts an already pushed manifest under another tag through the registry API, as `crane tag`
 * does: one request instead of a `docker push` that checks every layer again. Only for
 * plain-HTTP registries on this machine (127.0.0.1, localhost), which need no credentials;
 * returns false when it does not apply or fails, and the caller pushes instead.
 */
async function tagInLocalRegistry(ref, digest) {
    const m = /^((?:127\.0\.0\.1|localhost)(?::\d+)?)\/([^:@]+):([\w][\w.-]{0,127})$/.exec(ref);
    if (!m || !/^sha256:[0-9a-f]{64}$/.test(digest))
        return false;
    const [, host, repo, tag] = m;
    try {
        const res = await fetch(`http://${host}/v2/${repo}/manifests/${digest}`, {
            headers: { accept: MANIFEST_TYPES },
        });
        const type = res.headers.get('content-type');
        if (!res.ok || !type)
            return false;
        const body = Buffer.from(await res.arrayBuffer());
        const put = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
            method: 'PUT',
            headers: { 'content-type': type },
            body,
        });
        return put.status === 201 && put.headers.get('docker-content-digest') === digest;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./.tmp/build/runner/git.js
var git = __webpack_require__(2987);
;// CONCATENATED MODULE: ./.tmp/build/cli/commands/build.js












const help = `slipway build: build every service and flavor of a services file with the local Docker
engine (BuildKit), tag them as image-plan says, push them and print their digests

options:
  --services FILE         services file (default .github/slipway.yml)
  --registry HOST[:PORT]  registry to push to (default 127.0.0.1:5000); image names from the
                          services file are moved to it (ghcr.io/acme/shop -> <registry>/acme/shop)
  --images PREFIX         image name prefix, over the file's images (default <registry>/<owner>/<repo>)
  --repository OWNER/REPO repository (default: from the origin remote, else local/<directory>)
  --event NAME            push (default), pull_request, schedule, workflow_dispatch
  --ref REF               git ref (default: the checkout's branch, or the tag HEAD is at)
  --sha SHA               commit (default: HEAD)
  --pr N                  pull request number (with --event pull_request)
  --default-branch NAME   default branch (default main)
  --service NAME          build only this service (and --flavor FLAVOR of it)
  --flavor NAME
  --cache registry|none   layer cache in the registry (default registry; gha is for runners only)
  --build-arg KEY=VALUE   extra build arg (repeatable)
  --push=false            build and tag only
  --json                  print {digests, images} as JSON (steps included) instead of a table
  --output FILE           also write that JSON to FILE
  --jobs N                images built at the same time (default 1; concurrent builds
                          may miss cache imported from the registry with the classic builder)
  --verbose               stream the docker output

Build args GIT_SHA (the commit) and APP_VERSION (image-plan's version) are passed to every build.
An image's tags are pushed only after all of its builds succeeded. Exit 0 when everything was
built (and pushed); 1 on a bad services file, a missing target or a failed build (nothing is
pushed when the services file or a target is wrong).`;
const isPush = (c) => c.argv[0] === 'push';
const command = {
    help,
    options: {
        services: { type: 'string' },
        registry: { type: 'string' },
        images: { type: 'string' },
        repository: { type: 'string' },
        event: { type: 'string' },
        ref: { type: 'string' },
        sha: { type: 'string' },
        pr: { type: 'string' },
        'default-branch': { type: 'string' },
        service: { type: 'string' },
        flavor: { type: 'string' },
        cache: { type: 'string' },
        'build-arg': { type: 'string', repeatable: true },
        push: { type: 'boolean' },
        json: { type: 'boolean' },
        output: { type: 'string' },
        verbose: { type: 'boolean' },
        jobs: { type: 'string' },
    },
    async run(args) {
        const log = (line) => process.stderr.write(line + '\n');
        const file = args.values.services ?? '.github/slipway.yml';
        const text = await (0,promises_.readFile)((0,external_node_path_.resolve)(file), 'utf8').catch(() => {
            throw new errors/* UserError */.yo('file not found', file);
        });
        const services = (0,image_services/* parseServicesFile */.a)(text, file);
        const extraBuildArgs = {};
        for (const kv of args.lists['build-arg'] ?? []) {
            const i = kv.indexOf('=');
            if (i <= 0)
                throw new errors/* UserError */.yo(`--build-arg: expected KEY=VALUE, got '${kv}'`);
            extraBuildArgs[kv.slice(0, i)] = kv.slice(i + 1);
        }
        const cache = (args.values.cache ?? 'registry');
        if (cache !== 'registry' && cache !== 'none')
            throw new errors/* UserError */.yo(`--cache: registry or none, got '${args.values.cache}'`);
        const push = args.flags.push ?? true;
        const local = await (0,git/* localGit */.sz)(process.cwd());
        const repository = (args.values.repository ??
            local?.repository ??
            `local/${(0,external_node_path_.basename)(process.cwd())}`).toLowerCase();
        if (!/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/.test(repository))
            throw new errors/* UserError */.yo(`--repository: expected owner/repo, got '${repository}'`);
        const event = args.values.event ?? 'push';
        const sha = args.values.sha ?? local?.sha;
        if (!sha)
            throw new errors/* UserError */.yo('not a git checkout: pass --sha and --ref');
        const pr = args.values.pr;
        if (event.startsWith('pull_request') && !pr)
            throw new errors/* UserError */.yo('--event pull_request needs --pr N');
        const ctx = (0,context/* gitContext */.c)({
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
        const read = (p) => ((0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(p)) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(p), 'utf8') : undefined);
        const stages = {};
        for (const svc of services.services) {
            const df = read(svc.dockerfile);
            if (df !== undefined)
                stages[svc.dockerfile] = dockerfileStages(df).length;
        }
        const registry = args.values.registry ?? '127.0.0.1:5000';
        // a local build pushes to the local registry, whatever registry the services file names
        if (args.values.images)
            delete services.images;
        else if (services.images)
            services.images = rehost(services.images, registry);
        for (const svc of services.services)
            if (svc.image)
                svc.image = rehost(svc.image, registry);
        const plan = (0,image_plan/* planImages */.y6)(services, ctx, {
            images: args.values.images ?? `${registry}/${repository}`,
            releaseTags: local?.tags,
            now: new Date().toISOString(),
            cache,
            stages,
            ...(args.values.service ? { service: args.values.service } : {}),
            ...(args.values.flavor ? { flavor: args.values.flavor } : {}),
        });
        if (plan.builds.length === 0)
            throw new errors/* UserError */.yo(`no build matches --service ${args.values.service ?? ''} --flavor ${args.values.flavor ?? ''} in ${file}`);
        // Everything that can be wrong in the user's files is checked before the first build.
        const dockerfiles = checkTargets(plan.builds, file, read);
        for (const b of plan.builds) {
            if (!(0,external_node_fs_.existsSync)((0,external_node_path_.resolve)(b.context)) || !(0,external_node_fs_.statSync)((0,external_node_path_.resolve)(b.context)).isDirectory())
                throw new errors/* UserError */.yo(`services.${b.service}.context: ${b.context} is not a directory`, file);
        }
        const builder = await detectBuilder();
        log(`slipway build: ${plan.builds.length} image(s), version ${plan.version}, ${builder.kind} builder (${builder.client})`);
        for (const note of plan.notes)
            log(`note: ${note}`);
        const jobs = Number(args.values.jobs ?? '1');
        if (!Number.isInteger(jobs) || jobs < 1)
            throw new errors/* UserError */.yo(`--jobs: a positive integer, got '${args.values.jobs}'`);
        const tmp = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'slipway-build-'));
        const built = new Array(plan.builds.length);
        let failed;
        // stage cache builds already done in this run: identical ones are tagged, not rebuilt
        const stageBuilt = new Map();
        const run = async (c, b, image) => {
            const same = c.stageKey ? stageBuilt.get(c.stageKey) : undefined;
            if (same && c.produces) {
                log(`- ${c.what}: same as ${same}`);
                const t = await exec(builder.client, ['tag', same, c.produces]);
                if (t.code === 0)
                    return;
            }
            log(`- ${c.what}`);
            const r = await exec(builder.client, c.argv, {
                ...(c.env ? { env: c.env } : {}),
                ...(args.flags.verbose ? { onOutput: (d) => process.stderr.write(d) } : {}),
            });
            const output = r.stdout + r.stderr;
            if (r.code !== 0) {
                if (!args.flags.verbose)
                    process.stderr.write(output.split('\n').slice(-30).join('\n') + '\n');
                throw new errors/* UserError */.yo(`${c.what} failed (docker exit ${r.code})`, `services.${b.service}`);
            }
            if (c.argv[0] === 'build' || c.argv[1] === 'build')
                image.steps.push(...parseProgress(output));
            if (c.digestOf)
                image.digest = pushDigest(output);
            if (c.stageKey && c.produces)
                stageBuilt.set(c.stageKey, c.produces);
        };
        const buildOne = async (b, index) => {
            if (builder.kind === 'classic' && b.platforms.some((p) => p !== builder.platform))
                log(`note: ${b.key}: the classic builder builds for ${builder.platform} only (asked: ${b.platforms.join(', ')})`);
            const metadataFile = (0,external_node_path_.join)(tmp, `${b.key.replace('/', '-')}.json`);
            const cmds = buildCommands(b, {
                builder: builder.kind,
                push,
                revision: ctx.sha,
                version: plan.version,
                extraBuildArgs,
                dockerfileText: dockerfiles.get(b.dockerfile),
                metadataFile,
            });
            const started = Date.now();
            const image = {
                key: b.key,
                service: b.service,
                image: b.image,
                tags: b.tags,
                steps: [],
                seconds: 0,
            };
            if (b.flavor)
                image.flavor = b.flavor;
            // builds first; pushes only once every build of this image succeeded. One at a time: the
            // distribution registry's filesystem storage races on concurrent pushes of the same blobs
            // to one repository (500 "invalid checksum digest format").
            for (const c of cmds.filter((c) => !isPush(c)))
                await run(c, b, image);
            for (const c of cmds.filter(isPush)) {
                // the image's other tags: the same manifest, tagged through the API when the registry is local
                if (c.final && !c.digestOf && image.digest && (await tagInLocalRegistry(c.argv[1], image.digest))) {
                    log(`- ${c.what}: tagged ${image.digest}`);
                    continue;
                }
                await run(c, b, image);
            }
            if (builder.kind === 'buildx' && push && (0,external_node_fs_.existsSync)(metadataFile)) {
                image.digest = metadataDigest((0,external_node_fs_.readFileSync)(metadataFile, 'utf8'));
            }
            if (!push) {
                const id = await exec(builder.client, ['image', 'inspect', '--format', '{{.Id}}', b.tags[0]]);
                if (id.code === 0)
                    image.digest = id.stdout.trim();
            }
            image.seconds = (Date.now() - started) / 1000;
            const cached = image.steps.filter((s) => s.cached).length;
            log(`  ${b.key}: ${image.digest ?? '(no digest)'} in ${image.seconds.toFixed(1)}s, ${cached}/${image.steps.length} steps cached`);
            built[index] = image;
        };
        try {
            // a small pool: BuildKit shares the identical steps (the dependency stage) between builds
            let next = 0;
            const worker = async () => {
                while (failed === undefined && next < plan.builds.length) {
                    const i = next++;
                    await buildOne(plan.builds[i], i).catch((e) => {
                        failed ??= e;
                    });
                }
            };
            await Promise.all(Array.from({ length: Math.min(jobs, plan.builds.length) }, worker));
        }
        finally {
            await (0,promises_.rm)(tmp, { recursive: true, force: true });
        }
        if (failed !== undefined)
            throw failed;
        const result = { version: plan.version, builder: builder.kind, digests: digestMap(built), images: built };
        if (args.values.output)
            (0,external_node_fs_.writeFileSync)(args.values.output, JSON.stringify(result, null, 2) + '\n');
        if (args.flags.json)
            process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else
            for (const i of built)
                process.stdout.write(`${i.key}\t${i.image}@${i.digest ?? ''}\n`);
        return 0;
    },
};


/***/ })

};
