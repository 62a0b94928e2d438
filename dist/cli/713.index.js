export const id = 713;
export const ids = [713];
export const modules = {

/***/ 2713:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./.tmp/build/retention/apply.js
class ApplyAbort extends Error {
}
/**
 * Applies exactly the images of a plan: per image the root first (so a stop half-way never
 * leaves a tagged index pointing at deleted children), then its members once every deleted
 * image holding them is gone (shared children are reference counted). A refused root keeps its
 * members; a permission error stops everything; the deadline stops starting new images.
 */
async function applyPlan(plan, ports, opts) {
    const result = { deleted: 0, skipped: [], failed: [], packages: [], bytesFreed: 0 };
    let sinceProgress = 0;
    const total = plan.packages.reduce((s, p) => s + p.delete.length, 0);
    let imagesDone = 0;
    for (const pkgPlan of plan.packages) {
        const pkg = pkgPlan.package;
        const pr = {
            package: pkg.name,
            deletedImages: 0,
            deletedVersions: 0,
            skippedVersions: 0,
            bytesFreed: 0,
        };
        result.packages.push(pr);
        if (!pkgPlan.delete.length)
            continue;
        // Holders left per member digest: a member goes when this reaches 0.
        const holders = new Map();
        for (const img of pkgPlan.delete)
            for (const m of img.members)
                holders.set(m.digest, (holders.get(m.digest) ?? 0) + 1);
        const settled = new Map();
        const record = (v, outcome, message) => {
            const r = { package: pkg.name, id: v.id, digest: v.digest, tags: v.tags, outcome };
            if (message)
                r.message = message;
            settled.set(v.digest, r);
            if (outcome === 'deleted' || outcome === 'gone') {
                result.deleted++;
                pr.deletedVersions++;
                if (v.bytes) {
                    pr.bytesFreed += v.bytes;
                    result.bytesFreed += v.bytes;
                }
                if (opts.progressEvery > 0 && ++sinceProgress >= opts.progressEvery) {
                    sinceProgress = 0;
                    ports.info(`progress: ${result.deleted} versions deleted (${imagesDone}/${total} images)`);
                }
            }
            else if (outcome === 'failed') {
                result.failed.push(r);
            }
            else {
                result.skipped.push(r);
                pr.skippedVersions++;
            }
            return r;
        };
        const del = async (v) => {
            let outcome;
            try {
                outcome = await ports.deleteVersion(pkg, v);
            }
            catch (e) {
                if (e instanceof ApplyAbort)
                    throw e;
                const msg = e instanceof Error ? e.message : String(e);
                ports.warning(`${pkg.name}: could not delete version ${v.id} (${v.digest}): ${msg}; the next run tries again`);
                record(v, 'failed', msg);
                return false;
            }
            if (outcome.kind === 'refused') {
                ports.warning(`${pkg.name}: GitHub refused to delete version ${v.id} (${label(v)}): ${outcome.message}; skipped`);
                record(v, 'refused', outcome.message);
                return false;
            }
            record(v, outcome.kind);
            return true;
        };
        const deleteImage = async (img) => {
            const rootGone = await del(img.root);
            imagesDone++;
            if (!rootGone)
                return;
            pr.deletedImages++;
            for (const m of img.members) {
                const left = (holders.get(m.digest) ?? 1) - 1;
                holders.set(m.digest, left);
                if (left === 0 && !settled.has(m.digest))
                    await del(m);
            }
        };
        const queue = [...pkgPlan.delete];
        const worker = async () => {
            for (;;) {
                if (result.aborted)
                    return;
                if (opts.deadline !== undefined && ports.now() >= opts.deadline) {
                    result.stoppedAt ??= new Date(ports.now()).toISOString();
                    return;
                }
                const img = queue.shift();
                if (!img)
                    return;
                try {
                    await deleteImage(img);
                }
                catch (e) {
                    if (!(e instanceof ApplyAbort))
                        throw e;
                    result.aborted ??= e.message;
                    return;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
        // Confirm: anything we counted as deleted that the package still lists is deleted again;
        // what is still listed after that is a failure, never counted as deleted.
        if (ports.listVersions && !result.aborted && pr.deletedVersions > 0) {
            const rounds = 2;
            for (let round = 0; round <= rounds; round++) {
                const present = new Set((await ports.listVersions(pkg)).map((v) => v.id));
                const again = pkgPlan.delete
                    .flatMap((img) => [img.root, ...img.members])
                    .filter((v, i, all) => all.findIndex((x) => x.id === v.id) === i)
                    .filter((v) => present.has(v.id) && ['deleted', 'gone'].includes(settled.get(v.digest)?.outcome ?? ''));
                if (!again.length)
                    break;
                for (const v of again) {
                    settled.delete(v.digest);
                    result.deleted--;
                    pr.deletedVersions--;
                    if (v.bytes) {
                        pr.bytesFreed -= v.bytes;
                        result.bytesFreed -= v.bytes;
                    }
                }
                if (round === rounds) {
                    for (const v of again)
                        record(v, 'failed', 'still listed after its DELETE was answered');
                    break;
                }
                ports.warning(`${pkg.name}: ${again.length} version(s) still listed after their DELETE; deleting them again`);
                for (const v of again)
                    await del(v);
            }
        }
        // Whatever did not go, and why.
        const stopMessage = result.aborted ? 'run stopped' : 'time budget reached; the next run continues';
        for (const img of pkgPlan.delete) {
            if (!settled.has(img.root.digest))
                record(img.root, 'not-started', stopMessage);
            const root = settled.get(img.root.digest);
            for (const m of img.members) {
                if (settled.has(m.digest))
                    continue;
                if (root.outcome === 'not-started')
                    record(m, 'not-started', stopMessage);
                else if (root.outcome !== 'deleted' && root.outcome !== 'gone') {
                    record(m, 'held', `kept because its image ${label(img.root)} was not deleted`);
                }
            }
        }
        // members whose own image went but another holder did not
        for (const img of pkgPlan.delete) {
            for (const m of img.members) {
                if (!settled.has(m.digest))
                    record(m, 'held', 'kept because another image holding it was not deleted');
            }
        }
        if (result.aborted)
            break;
    }
    return result;
}
function label(v) {
    return v.tags.length ? v.tags.join(', ') : v.digest;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/model.js
/**
 * The data the retention core works on. A GHCR "package version" is one manifest digest with
 * 0..n tags; an *image* is a root version plus everything reachable from it (the platform
 * manifests of an index, attestation manifests, cosign-style `sha256-<digest>.sig|.att|.sbom`
 * tags and OCI 1.1 `subject` referrers). Rules are decided per image, never per version.
 */
const INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const IMAGE_TYPES = new Set([
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.artifact.manifest.v1+json',
]);
/** Accept header for manifest reads: every manifest kind the graph understands. */
const MANIFEST_ACCEPT = [...INDEX_TYPES, ...IMAGE_TYPES].join(', ');
const DIGEST = /^sha256:[0-9a-f]{64}$/;
function isDigest(s) {
    return DIGEST.test(s);
}
/**
 * A cosign / attest-build-provenance style referrer tag: `sha256-<hex>` with an optional
 * suffix (`.sig`, `.att`, `.sbom`, ...). Returns the subject digest, or undefined.
 */
function referrerTagSubject(tag) {
    const m = /^sha256-([0-9a-f]{64})(?:\.[A-Za-z0-9_-]+)?$/.exec(tag);
    return m ? `sha256:${m[1]}` : undefined;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/graph.js

/**
 * Builds the image graph of one package from its versions and the manifests read for them.
 * Edges: index -> platform/attestation children; subject -> referrer (cosign tag schema and OCI
 * 1.1 `subject`). A version held by another present version is not a root unless it carries an
 * image tag of its own; a child held by several indexes has several holders (reference counted
 * by reachability: it goes only when no kept image reaches it).
 */
function buildGraph(versions, reads) {
    const nodes = new Map();
    for (const v of versions) {
        if (nodes.has(v.digest))
            continue; // the API never lists a digest twice; be tolerant anyway
        const read = reads.get(v.digest) ?? { kind: 'skipped' };
        const imageTags = v.tags.filter((t) => referrerTagSubject(t) === undefined);
        let subject;
        for (const t of v.tags)
            subject ??= referrerTagSubject(t);
        if (read.kind === 'ok' && read.manifest.subject)
            subject ??= read.manifest.subject;
        const node = { version: v, read, imageTags, edges: [], heldBy: [], role: 'image', root: true };
        if (subject)
            node.subject = subject;
        if (read.kind === 'ok')
            node.bytes = read.manifest.bytes;
        nodes.set(v.digest, node);
    }
    const link = (from, to) => {
        if (from === to || from.edges.includes(to.version.digest))
            return;
        from.edges.push(to.version.digest);
        to.heldBy.push(from.version.digest);
    };
    for (const node of nodes.values()) {
        if (node.read.kind === 'ok') {
            for (const c of node.read.manifest.children) {
                const child = nodes.get(c.digest);
                if (!child)
                    continue;
                link(node, child);
                if (child.bytes === undefined && c.size)
                    child.bytes = c.size;
                if (child.role === 'image')
                    child.role = 'child';
            }
        }
        if (node.subject) {
            const subject = nodes.get(node.subject);
            if (subject) {
                link(subject, node);
                node.role = 'referrer';
            }
        }
    }
    const roots = [];
    for (const node of nodes.values()) {
        node.root = node.heldBy.length === 0 || node.imageTags.length > 0;
        if (node.root)
            roots.push(node.version.digest);
    }
    return { nodes, roots };
}
/** Every present digest reachable from `start` (itself included). */
function closure(graph, start) {
    const seen = new Set();
    const stack = [...start].filter((d) => graph.nodes.has(d));
    while (stack.length) {
        const d = stack.pop();
        if (seen.has(d))
            continue;
        seen.add(d);
        for (const e of graph.nodes.get(d).edges)
            if (!seen.has(e))
                stack.push(e);
    }
    return seen;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
;// CONCATENATED MODULE: ./.tmp/build/retention/policy.js


const DEFAULT_POLICY = {
    keepLatest: 5,
    keepTags: ['latest', 'v*'],
    untaggedAfterDays: 7,
    keepDeployed: true,
};
const GLOB_CHARS = /^[A-Za-z0-9_.\-*?[\]{},!+@()^]+$/;
/**
 * Compiles keep-tags patterns. A pattern that is not a valid glob, or that could only ever
 * match a digest, is a UserError naming `where` and the pattern.
 */
function compileTagPatterns(patterns, where) {
    const matchers = [];
    for (const pattern of patterns) {
        if (pattern.startsWith('sha256:') || /^[0-9a-f]{64}$/.test(pattern)) {
            throw new errors/* UserError */.yo(`'${pattern}' looks like a digest; patterns are matched against tags, never digests`, where);
        }
        if (!GLOB_CHARS.test(pattern)) {
            throw new errors/* UserError */.yo(`'${pattern}' is not a valid tag glob (tags use letters, digits, '_', '.', '-'; globs add * ? [...] {a,b})`, where);
        }
        let re;
        try {
            re = picomatch.makeRe(pattern, { strictBrackets: true, dot: true });
        }
        catch (e) {
            throw new errors/* UserError */.yo(`'${pattern}' is not a valid glob: ${e.message}`, where);
        }
        if (re.source === '$^')
            throw new errors/* UserError */.yo(`'${pattern}' is not a valid glob (it can never match)`, where);
        matchers.push({ pattern, test: (s) => re.test(s) });
    }
    return (tag) => matchers.find((m) => m.test(tag))?.pattern;
}
/** Checks a policy built from user input; a bad value is a UserError naming the input. */
function validatePolicy(p, names) {
    if (!Number.isInteger(p.keepLatest) || p.keepLatest < 0) {
        throw new errors/* UserError */.yo(`must be a whole number of images, 0 or more; got ${p.keepLatest}`, names.keepLatest);
    }
    if (!Number.isFinite(p.untaggedAfterDays) || p.untaggedAfterDays < 0) {
        throw new errors/* UserError */.yo(`must be a number of days, 0 or more; got ${p.untaggedAfterDays}`, names.untaggedAfterDays);
    }
    compileTagPatterns(p.keepTags, names.keepTags);
    return p;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/plan.js


const DAY = 86_400_000;
function planned(n) {
    const v = {
        id: n.version.id,
        digest: n.version.digest,
        tags: n.version.tags,
        createdAt: n.version.createdAt,
        role: n.role,
    };
    if (n.bytes !== undefined)
        v.bytes = n.bytes;
    return v;
}
const byNewest = (a, b) => Date.parse(b.version.createdAt) - Date.parse(a.version.createdAt) || b.version.id - a.version.id;
/**
 * Decides, per image, what to keep and what to delete in one package.
 *  - tagged images: the `keepLatest` newest are kept; an image with a tag matching keep-tags is
 *    kept; the rest are deleted;
 *  - untagged roots (orphans: an index whose tag moved, a platform manifest nobody holds, a
 *    signature whose subject is gone) are deleted once older than `untaggedAfterDays`;
 *  - a deployed digest is kept wherever it sits in the graph;
 *  - a kept image keeps everything it reaches; a deleted image takes with it what no kept image
 *    reaches (shared children are reference counted by reachability).
 * If any manifest could not be read the package is left alone (fail closed).
 */
function planPackage(pkg, graph, policy, opts) {
    const nodes = [...graph.nodes.values()];
    const roots = graph.roots.map((d) => graph.nodes.get(d));
    const unreadable = nodes.filter((n) => n.read.kind === 'error');
    if (unreadable.length) {
        const first = unreadable[0];
        return {
            package: pkg,
            versions: nodes.length,
            keep: roots.sort(byNewest).map((n) => ({ root: planned(n), reasons: ['unreadable'], members: 0 })),
            delete: [],
            note: `left alone: ${unreadable.length} manifest(s) could not be read (first: ${first.version.digest}: ${first.read.kind === 'error' ? first.read.message : ''})`,
        };
    }
    const matchTag = compileTagPatterns(policy.keepTags, 'keep-tags');
    const tagged = roots.filter((n) => n.imageTags.length > 0).sort(byNewest);
    const untagged = roots.filter((n) => n.imageTags.length === 0).sort(byNewest);
    const latest = new Set(tagged.slice(0, policy.keepLatest).map((n) => n.version.digest));
    const cutoff = opts.now.getTime() - policy.untaggedAfterDays * DAY;
    const keep = [];
    const doomed = [];
    for (const n of [...tagged, ...untagged]) {
        const reasons = [];
        const matched = [];
        const d = n.version.digest;
        if (latest.has(d))
            reasons.push('latest');
        for (const t of n.imageTags) {
            const p = matchTag(t);
            if (p && !matched.includes(p))
                matched.push(p);
        }
        if (matched.length)
            reasons.push('tag');
        if (policy.keepDeployed && opts.deployed.has(d))
            reasons.push('deployed');
        if (n.imageTags.length === 0 && !(Date.parse(n.version.createdAt) < cutoff))
            reasons.push('recent-untagged');
        if (reasons.length) {
            const k = { root: planned(n), reasons, members: 0 };
            if (matched.length)
                k.matched = matched;
            keep.push(k);
        }
        else
            doomed.push({ node: n, reason: n.imageTags.length ? 'expired' : 'untagged' });
    }
    // Deployed digests are kept wherever they sit (a platform manifest deployed by digest too).
    const keptStarts = keep.map((k) => k.root.digest);
    if (policy.keepDeployed)
        for (const d of opts.deployed)
            if (graph.nodes.has(d))
                keptStarts.push(d);
    const kept = closure(graph, keptStarts);
    for (const k of keep)
        k.members = closure(graph, [k.root.digest]).size - 1;
    // A doomed root reached from another doomed root (a tagged platform manifest of a deleted
    // index) goes as that image's member, so it is deleted only once its holder is.
    const reachedFromDoomed = new Set();
    for (const { node } of doomed) {
        for (const d of closure(graph, [node.version.digest]))
            if (d !== node.version.digest)
                reachedFromDoomed.add(d);
    }
    const del = [];
    for (const { node, reason } of doomed) {
        // Reached from a kept image (a tagged child of a kept index): it stays with that image.
        if (kept.has(node.version.digest))
            continue;
        if (reachedFromDoomed.has(node.version.digest))
            continue;
        const members = [...closure(graph, [node.version.digest])]
            .filter((d) => d !== node.version.digest && !kept.has(d))
            .map((d) => graph.nodes.get(d))
            // children before referrers, then by id, so the order is stable
            .sort((a, b) => (a.role === b.role ? a.version.id - b.version.id : a.role === 'child' ? -1 : 1))
            .map(planned);
        del.push({ root: planned(node), reason, members });
    }
    return { package: pkg, versions: nodes.length, keep, delete: del };
}
/** Distinct versions a plan deletes (a child shared by two deleted images counts once). */
function plannedDeletions(plan) {
    let n = 0;
    for (const p of plan.packages) {
        const ids = new Set();
        for (const d of p.delete) {
            ids.add(d.root.id);
            for (const m of d.members)
                ids.add(m.id);
        }
        n += ids.size;
    }
    return n;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/collect.js



const hasImageTag = (v) => v.tags.some((t) => referrerTagSubject(t) === undefined);
/**
 * Lists a package and reads only the manifests needed to place every version in the graph:
 * every tagged image (it may be an index), nested indexes among their children, and untagged
 * versions no index or referrer tag accounts for (orphan indexes, OCI 1.1 referrers), newest
 * first so an orphan index's children are placed by it rather than read one by one. Platform
 * manifests of a read index and `sha256-<digest>.*` tagged referrers are not read.
 */
async function collectPackage(pkg, ports, cache, stats, concurrency = 6) {
    const versions = await ports.listVersions(pkg);
    stats.versions += versions.length;
    const byDigest = new Map(versions.map((v) => [v.digest, v]));
    const reads = new Map();
    const held = new Set();
    const readAll = async (list) => {
        const queue = list.filter((v) => !reads.has(v.digest));
        const worker = async () => {
            for (let v = queue.shift(); v; v = queue.shift()) {
                if (reads.has(v.digest))
                    continue;
                const cached = cache.get(v.digest);
                let r;
                if (cached) {
                    stats.cacheHits++;
                    r = { kind: 'ok', manifest: cached };
                }
                else {
                    stats.manifestReads++;
                    r = await ports.readManifest(pkg, v.digest);
                    if (r.kind === 'ok')
                        cache.set(v.digest, r.manifest);
                }
                reads.set(v.digest, r);
                if (r.kind === 'ok')
                    for (const c of r.manifest.children)
                        held.add(c.digest);
            }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
    };
    // 1. tagged images
    await readAll(versions.filter(hasImageTag));
    // 2. nested indexes among the children of what was read (rare), until none are left
    for (;;) {
        const nested = [];
        for (const r of reads.values()) {
            if (r.kind !== 'ok')
                continue;
            for (const c of r.manifest.children) {
                const v = byDigest.get(c.digest);
                if (v && INDEX_TYPES.has(c.mediaType) && !reads.has(v.digest))
                    nested.push(v);
            }
        }
        if (!nested.length)
            break;
        await readAll(nested);
    }
    // 3. untagged versions nothing accounts for, newest first, in small batches
    const newestFirst = (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id;
    const untagged = versions.filter((v) => v.tags.length === 0).sort(newestFirst);
    for (let i = 0; i < untagged.length;) {
        const batch = [];
        for (; i < untagged.length && batch.length < concurrency; i++) {
            const v = untagged[i];
            if (!held.has(v.digest) && !reads.has(v.digest))
                batch.push(v);
        }
        if (batch.length)
            await readAll(batch);
    }
    return { versions, graph: buildGraph(versions, reads) };
}
/** Builds the whole plan: every package is listed and read before anything is deleted. */
async function buildPlan(opts) {
    const cache = opts.cache ?? new Map();
    const stats = opts.stats ?? { versions: 0, manifestReads: 0, cacheHits: 0 };
    const deployedSet = new Set(opts.deployed.map((d) => d.digest));
    const plan = {
        schema: 'slipway.retention.plan/v1',
        createdAt: opts.now.toISOString(),
        registry: opts.registry,
        policy: opts.policy,
        deployed: opts.deployed.map((d) => ({ digest: d.digest, environment: d.environment, role: d.role })),
        packages: [],
    };
    for (const pkg of opts.packages) {
        const { graph } = await collectPackage(pkg, opts.ports, cache, stats);
        plan.packages.push(planPackage(pkg, graph, opts.policy, { now: opts.now, deployed: deployedSet }));
    }
    return plan;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/deployed.js
const IN_FLIGHT = new Set(['queued', 'pending', 'in_progress']);
/** Digests named by a deployment payload (image and previous-image), tolerant of shapes. */
function payloadDigests(payload) {
    const out = { image: [], previous: [] };
    let p = payload;
    if (typeof p === 'string') {
        try {
            p = JSON.parse(p);
        }
        catch {
            return out;
        }
    }
    if (!p || typeof p !== 'object')
        return out;
    const obj = p;
    const slipway = (obj.slipway && typeof obj.slipway === 'object' ? obj.slipway : {});
    for (const [list, keys] of [
        [out.image, [slipway.image, obj.image]],
        [out.previous, [slipway['previous-image'], slipway.previousImage, obj['previous-image']]],
    ]) {
        for (const v of keys) {
            const d = typeof v === 'string' ? digestOf(v) : undefined;
            if (d && !list.includes(d))
                list.push(d);
        }
    }
    return out;
}
/** `sha256:<hex>` from `name@sha256:<hex>` or a bare digest. */
function digestOf(ref) {
    const m = /(?:^|@)(sha256:[0-9a-f]{64})$/.exec(ref.trim());
    return m?.[1];
}
/**
 * Picks the deployed digests from deployment records (any order). A deployment whose latest
 * status is `inactive` once succeeded (GitHub marks superseded deployments inactive).
 */
function deployedDigests(records) {
    const byEnv = new Map();
    for (const r of records) {
        const list = byEnv.get(r.environment) ?? [];
        list.push(r);
        byEnv.set(r.environment, list);
    }
    const out = [];
    const add = (digest, environment, role, deploymentId) => {
        if (!out.some((o) => o.digest === digest && o.environment === environment))
            out.push({ digest, environment, role, deploymentId });
    };
    for (const [env, list] of byEnv) {
        list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
        const currentIdx = list.findIndex((r) => r.statuses[0] === 'success');
        const inFlightEnd = currentIdx === -1 ? list.length : currentIdx;
        for (const r of list.slice(0, inFlightEnd)) {
            if (r.statuses.length === 0 || IN_FLIGHT.has(r.statuses[0])) {
                for (const d of payloadDigests(r.payload).image)
                    add(d, env, 'in-flight', r.id);
            }
        }
        if (currentIdx === -1) {
            // Nothing live right now: the newest deployment that ever succeeded is the rollback target.
            const last = list.find((r) => r.statuses.includes('success') || r.statuses[0] === 'inactive');
            if (last)
                for (const d of payloadDigests(last.payload).image)
                    add(d, env, 'previous', last.id);
            continue;
        }
        const current = list[currentIdx];
        const cur = payloadDigests(current.payload);
        for (const d of cur.image)
            add(d, env, 'current', current.id);
        for (const d of cur.previous)
            add(d, env, 'previous', current.id);
        const prev = list
            .slice(currentIdx + 1)
            .find((r) => r.statuses.includes('success') || r.statuses[0] === 'inactive');
        if (prev)
            for (const d of payloadDigests(prev.payload).image)
                add(d, env, 'previous', prev.id);
    }
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/retention/pace.js
const DEFAULT_POINTS_PER_MINUTE = 880;
function pointsFor(method) {
    const m = method.toUpperCase();
    return m === 'GET' || m === 'HEAD' || m === 'OPTIONS' ? 1 : 5;
}
class Pacer {
    next = 0;
    msPerPoint;
    now;
    sleep;
    /** Total time spent waiting, for reports. */
    waitedMs = 0;
    constructor(opts) {
        if (!(opts.pointsPerMinute > 0))
            throw new Error('pointsPerMinute must be positive');
        this.msPerPoint = 60_000 / opts.pointsPerMinute;
        this.now = opts.now ?? Date.now;
        this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    }
    /** Waits for this request's turn. Each call reserves its slot at once, so callers queue fairly. */
    async take(points) {
        const now = this.now();
        const start = Math.max(now, this.next);
        this.next = start + points * this.msPerPoint;
        const wait = start - now;
        if (wait > 0) {
            this.waitedMs += wait;
            await this.sleep(wait);
        }
    }
}

;// CONCATENATED MODULE: ./.tmp/build/retention/reconcile.js
/**
 * Checks a plan made earlier (a reviewed dry run) against the package as it is now. An image
 * is applied only if every one of its versions still has the digest and tags the plan saw and
 * none of them is now deployed; anything else is dropped with the reason. Versions already gone
 * are left out (nothing to do).
 */
function reconcilePlan(plan, current, deployed) {
    const dropped = [];
    let alreadyGone = 0;
    const packages = plan.packages.map((p) => {
        const now = new Map((current.get(p.package.name) ?? []).map((v) => [v.id, v]));
        const keep = [];
        for (const img of p.delete) {
            const label = img.root.tags.join(', ') || img.root.digest;
            const all = [img.root, ...img.members];
            const changed = all.find((v) => {
                const c = now.get(v.id);
                return c && (c.digest !== v.digest || [...c.tags].sort().join(',') !== [...v.tags].sort().join(','));
            });
            if (changed) {
                dropped.push({
                    package: p.package.name,
                    root: label,
                    why: `version ${changed.id} changed since the plan (tags or digest)`,
                });
                continue;
            }
            const live = all.find((v) => deployed.has(v.digest));
            if (live) {
                dropped.push({ package: p.package.name, root: label, why: `${live.digest} is deployed now` });
                continue;
            }
            const members = img.members.filter((m) => now.has(m.id));
            alreadyGone += img.members.length - members.length;
            if (!now.has(img.root.id)) {
                alreadyGone++;
                if (!members.length)
                    continue;
                // the root went already: its members still go (nothing else held them at plan time)
            }
            keep.push({ ...img, members });
        }
        return { ...p, delete: keep };
    });
    return { plan: { ...plan, packages }, dropped, alreadyGone };
}

;// CONCATENATED MODULE: ./.tmp/build/retention/report.js

function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = -1;
    do {
        v /= 1024;
        i++;
    } while (v >= 1024 && i < units.length - 1);
    return `${v.toFixed(1)} ${units[i]}`;
}
function countPlan(plan, result) {
    return plan.packages.map((p) => {
        const keptBy = {
            latest: 0,
            tag: 0,
            deployed: 0,
            'recent-untagged': 0,
            unreadable: 0,
        };
        for (const k of p.keep)
            for (const r of k.reasons)
                keptBy[r]++;
        const planned = new Map();
        for (const d of p.delete)
            for (const v of [d.root, ...d.members])
                planned.set(v.id, v.bytes ?? 0);
        const r = result?.packages.find((x) => x.package === p.package.name);
        const c = {
            package: p.package.name,
            versions: p.versions,
            keptImages: p.keep.length,
            keptBy,
            keptVersions: p.versions - planned.size,
            plannedImages: p.delete.length,
            plannedVersions: planned.size,
            deletedImages: r?.deletedImages ?? 0,
            deletedVersions: r?.deletedVersions ?? 0,
            skippedVersions: result ? planned.size - (r?.deletedVersions ?? 0) : 0,
            bytesPlanned: [...planned.values()].reduce((s, b) => s + b, 0),
            bytesFreed: r?.bytesFreed ?? 0,
        };
        if (p.note)
            c.note = p.note;
        return c;
    });
}
const esc = (s) => s.replace(/\|/g, '\\|');
/** The job summary: a verdict line, a table per package, details collapsed. */
function renderSummary(plan, opts) {
    const counts = countPlan(plan, opts.result);
    const planned = counts.reduce((s, c) => s + c.plannedVersions, 0);
    const plannedImages = counts.reduce((s, c) => s + c.plannedImages, 0);
    const lines = [];
    if (opts.mode === 'breaker') {
        lines.push(`### ghcr-retention: stopped — the plan deletes ${planned} versions, more than max-deletions (${opts.maxDeletions}); nothing was deleted`);
    }
    else if (opts.mode === 'dry-run') {
        lines.push(`### ghcr-retention (dry run): would delete ${planned} versions (${plannedImages} images) in ${counts.length} package(s)`);
    }
    else {
        const r = opts.result;
        const skipped = counts.reduce((s, c) => s + c.skippedVersions, 0);
        const freed = counts.reduce((s, c) => s + c.bytesFreed, 0);
        lines.push(`### ghcr-retention: deleted ${r.deleted} of ${planned} planned versions in ${counts.length} package(s)` +
            (freed ? `, freed at least ${formatBytes(freed)}` : '') +
            (skipped ? `; ${skipped} skipped` : '') +
            (r.stoppedAt ? ' — time budget reached, the next run continues' : '') +
            (r.aborted ? ` — stopped: ${r.aborted}` : ''));
    }
    lines.push('');
    lines.push('| package | versions | kept images (latest / tag / deployed / recent untagged) | deleted images | deleted versions | skipped | freed |');
    lines.push('|---|---:|---|---:|---:|---:|---:|');
    for (const c of counts) {
        const k = c.keptBy;
        const applied = opts.mode === 'applied';
        lines.push(`| ${esc(c.package)} | ${c.versions} | ${c.keptImages} (${k.latest} / ${k.tag} / ${k.deployed} / ${k['recent-untagged']})${k.unreadable ? ` — ${esc(c.note ?? 'left alone')}` : ''} | ${applied ? c.deletedImages : `${c.plannedImages} planned`} | ${applied ? c.deletedVersions : `${c.plannedVersions} planned`} | ${applied ? c.skippedVersions : 0} | ${applied ? (c.bytesFreed ? `≥ ${formatBytes(c.bytesFreed)}` : '—') : c.bytesPlanned ? `≥ ${formatBytes(c.bytesPlanned)}` : '—'} |`);
    }
    lines.push('');
    lines.push('Kept images keep their platform manifests, signatures and attestations; counts of versions include them.');
    if (plan.deployed.length) {
        lines.push('');
        lines.push(`Protected as deployed: ${plan.deployed.map((d) => `\`${d.digest.slice(0, 19)}…\` (${d.environment} ${d.role})`).join(', ')}`);
    }
    const del = plan.packages.flatMap((p) => p.delete.map((d) => `| ${esc(p.package.name)} | ${d.root.tags.length ? esc(d.root.tags.join(', ')) : '_untagged_'} | \`${d.root.digest.slice(0, 19)}…\` | ${d.root.id} | ${d.reason} | ${d.members.length} | ${d.root.createdAt} |`));
    if (del.length) {
        lines.push('');
        lines.push(`<details><summary>${opts.mode === 'applied' ? 'Planned' : 'Would delete'}: ${del.length} images</summary>`);
        lines.push('');
        lines.push('| package | tags | digest | version id | reason | members | created |');
        lines.push('|---|---|---|---:|---|---:|---|');
        lines.push(...del.slice(0, 500));
        if (del.length > 500)
            lines.push(`| … ${del.length - 500} more in the plan file | | | | | | |`);
        lines.push('');
        lines.push('</details>');
    }
    const skipped = opts.result?.skipped ?? [];
    const failed = opts.result?.failed ?? [];
    if (skipped.length || failed.length) {
        lines.push('');
        lines.push(`<details><summary>Not deleted: ${skipped.length + failed.length} versions</summary>`);
        lines.push('');
        lines.push('| package | version id | tags | outcome | why |');
        lines.push('|---|---:|---|---|---|');
        for (const s of [...failed, ...skipped].slice(0, 500)) {
            lines.push(`| ${esc(s.package)} | ${s.id} | ${esc(s.tags.join(', '))} | ${s.outcome} | ${esc(s.message ?? '')} |`);
        }
        lines.push('');
        lines.push('</details>');
    }
    lines.push('');
    lines.push(`Plan: \`${opts.planPath}\`. Deleted versions can be restored for 30 days (the plan lists their ids).`);
    return lines.join('\n') + '\n';
}
/** Reads a plan file written by an earlier run; a file that is not one is a UserError. */
function parsePlan(text, where) {
    let plan;
    try {
        plan = JSON.parse(text);
    }
    catch (e) {
        throw new errors/* UserError */.yo(`not JSON: ${e.message}`, where);
    }
    if (!plan || plan.schema !== 'slipway.retention.plan/v1') {
        throw new errors/* UserError */.yo(`not a ghcr-retention plan (schema must be slipway.retention.plan/v1)`, where);
    }
    if (!Array.isArray(plan.packages))
        throw new errors/* UserError */.yo('packages: expected a list', where);
    plan.packages.forEach((p, i) => {
        if (!p?.package?.owner || !p.package.name || !Array.isArray(p.delete) || !Array.isArray(p.keep)) {
            throw new errors/* UserError */.yo(`packages[${i}]: expected package {owner, ownerType, name}, keep and delete`, where);
        }
        p.delete.forEach((d, j) => {
            for (const v of [d?.root, ...(d?.members ?? [])]) {
                if (!v || !Number.isInteger(v.id) || typeof v.digest !== 'string' || !Array.isArray(v.tags)) {
                    throw new errors/* UserError */.yo(`packages[${i}].delete[${j}]: every version needs id, digest and tags`, where);
                }
            }
        });
    });
    return plan;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./.tmp/build/retention/manifest.js

const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
/**
 * Parses a manifest body read from the registry. `contentType` is the response's Content-Type
 * (used when the body has no `mediaType`, as Docker v2 manifests sometimes do). Throws an Error
 * whose message says what is wrong when the body is not a manifest.
 */
function parseManifest(digest, body, contentType) {
    let raw;
    try {
        raw = JSON.parse(body);
    }
    catch {
        throw new Error(`manifest ${digest} is not JSON`);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        throw new Error(`manifest ${digest} is not an object`);
    const mediaType = typeof raw.mediaType === 'string' && raw.mediaType
        ? raw.mediaType
        : (contentType?.split(';')[0]?.trim() ??
            (Array.isArray(raw.manifests) ? [...INDEX_TYPES][0] : 'unknown'));
    const children = [];
    const isIndex = INDEX_TYPES.has(mediaType) || (Array.isArray(raw.manifests) && !raw.config);
    if (isIndex) {
        for (const d of raw.manifests ?? []) {
            if (typeof d?.digest !== 'string' || !isDigest(d.digest))
                continue;
            const child = {
                digest: d.digest,
                mediaType: typeof d.mediaType === 'string' ? d.mediaType : 'unknown',
                size: num(d.size),
            };
            const p = d.platform;
            if (p && typeof p.os === 'string' && typeof p.architecture === 'string') {
                child.platform = [p.os, p.architecture, typeof p.variant === 'string' ? p.variant : undefined]
                    .filter(Boolean)
                    .join('/');
            }
            if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
                child.attestation = true;
            children.push(child);
        }
    }
    const bytes = Buffer.byteLength(body) +
        (isIndex
            ? 0
            : num(raw.config?.size) +
                [...(raw.layers ?? []), ...(raw.blobs ?? [])].reduce((s, l) => s + num(l?.size), 0));
    const info = { digest, mediaType, children, bytes };
    if (typeof raw.subject?.digest === 'string' && isDigest(raw.subject.digest))
        info.subject = raw.subject.digest;
    if (typeof raw.artifactType === 'string')
        info.artifactType = raw.artifactType;
    return info;
}

;// CONCATENATED MODULE: ./.tmp/build/runner/registry.js
/**
 * A small client for the OCI Distribution (Registry HTTP API v2) reads the retention action
 * needs: manifests by digest. ghcr.io (and any registry answering 401 with a Bearer challenge)
 * gets the standard token exchange with the GitHub token as the basic-auth password; a
 * registry given as `http://host:port` is spoken to in plain HTTP. Transient failures (5xx,
 * 429, connection resets) are retried with backoff, honouring `retry-after`.
 */



/** The registry's base URL and the host name images are named by (`ghcr.io`, `127.0.0.1:5000`). */
function registryEndpoint(registry) {
    const r = registry.trim().replace(/\/+$/, '');
    if (!r)
        throw new Error('registry is empty');
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(r) ? r : `https://${r}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(`registry URL must be http or https: ${registry}`);
    return { baseUrl: `${url.protocol}//${url.host}`, host: url.host };
}
class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
function parseChallenge(header) {
    if (!header || !/^bearer\s/i.test(header))
        return undefined;
    const params = {};
    for (const m of header.slice(7).matchAll(/([a-z_]+)="([^"]*)"/gi))
        params[m[1].toLowerCase()] = m[2];
    if (!params.realm)
        return undefined;
    const c = { realm: params.realm };
    if (params.service)
        c.service = params.service;
    if (params.scope)
        c.scope = params.scope;
    return c;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class RegistryClient {
    opts;
    baseUrl;
    host;
    /** Manifest GETs sent (each one counts as a download on GHCR). */
    manifestRequests = 0;
    tokens = new Map();
    fetchFn;
    retries;
    backoffMs;
    log;
    constructor(opts) {
        this.opts = opts;
        const ep = registryEndpoint(opts.registry);
        this.baseUrl = ep.baseUrl;
        this.host = ep.host;
        this.fetchFn = opts.fetch ?? fetch;
        this.retries = opts.retries ?? 4;
        this.backoffMs = opts.backoffMs ?? 500;
        this.log = opts.log ?? (() => { });
    }
    /** Registry repositories are lower-case (`Octo-Org/API` is stored as `octo-org/api`). */
    static repository(owner, name) {
        return `${owner}/${name}`.toLowerCase();
    }
    async send(url, init, what) {
        let lastError = '';
        for (let attempt = 0; attempt <= this.retries; attempt++) {
            if (attempt > 0)
                await sleep(this.backoffMs * 2 ** (attempt - 1));
            let res;
            try {
                res = await this.fetchFn(url, init);
            }
            catch (e) {
                lastError =
                    e instanceof Error
                        ? `${e.message}${e.cause ? ` (${String(e.cause.message ?? e.cause)})` : ''}`
                        : String(e);
                this.log(`registry: ${what} failed (${lastError}); retrying`);
                continue;
            }
            if (res.status >= 500 || res.status === 429) {
                lastError = `HTTP ${res.status}`;
                await res.body?.cancel();
                const after = Number(res.headers.get('retry-after'));
                if (after > 0)
                    await sleep(Math.min(after, 60) * 1000);
                this.log(`registry: ${what} answered ${res.status}; retrying`);
                continue;
            }
            return res;
        }
        throw new RegistryError(`${what}: ${lastError} after ${this.retries + 1} attempts`);
    }
    async bearer(challenge, repository) {
        const scope = challenge.scope ?? `repository:${repository}:pull`;
        const key = `${challenge.realm} ${challenge.service ?? ''} ${scope}`;
        const cached = this.tokens.get(key);
        if (cached)
            return cached;
        const url = new URL(challenge.realm);
        if (challenge.service)
            url.searchParams.set('service', challenge.service);
        url.searchParams.set('scope', scope);
        const headers = {};
        if (this.opts.token) {
            headers.authorization = `Basic ${Buffer.from(`${this.opts.username ?? 'slipway'}:${this.opts.token}`).toString('base64')}`;
        }
        const res = await this.send(url.toString(), { headers }, `token for ${repository}`);
        if (!res.ok) {
            await res.body?.cancel();
            throw new RegistryError(`registry ${this.host} refused a pull token for ${repository} (HTTP ${res.status}); the token needs read access to the package (packages: read)`, res.status);
        }
        const body = (await res.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`registry ${this.host} sent no token for ${repository}`);
        this.tokens.set(key, token);
        return token;
    }
    /** GETs a manifest (by digest or tag) with the token dance when the registry asks for it. */
    async fetchManifest(repository, reference) {
        const url = `${this.baseUrl}/v2/${repository}/manifests/${reference}`;
        const headers = { accept: MANIFEST_ACCEPT };
        const what = `GET ${repository}@${reference}`;
        this.manifestRequests++;
        let res = await this.send(url, { headers }, what);
        if (res.status === 401) {
            const challenge = parseChallenge(res.headers.get('www-authenticate'));
            await res.body?.cancel();
            if (!challenge)
                throw new RegistryError(`registry ${this.host} wants credentials for ${repository} but sent no Bearer challenge`, 401);
            headers.authorization = `Bearer ${await this.bearer(challenge, repository)}`;
            res = await this.send(url, { headers }, what);
        }
        return res;
    }
    /**
     * Reads one manifest by digest for the retention graph. 404 is `missing` (a version the
     * registry no longer has); a body whose digest does not match is an error (never trusted).
     */
    async readManifest(repository, digest) {
        let res;
        try {
            res = await this.fetchManifest(repository, digest);
        }
        catch (e) {
            return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
        }
        if (res.status === 404) {
            await res.body?.cancel();
            return { kind: 'missing' };
        }
        if (!res.ok) {
            await res.body?.cancel();
            const hint = res.status === 401 || res.status === 403 ? ' (the token needs read access to the package)' : '';
            return { kind: 'error', message: `HTTP ${res.status} reading ${repository}@${digest}${hint}` };
        }
        const body = Buffer.from(await res.arrayBuffer());
        const actual = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
        if (digest.startsWith('sha256:') && actual !== digest) {
            return { kind: 'error', message: `manifest ${repository}@${digest} has digest ${actual}` };
        }
        try {
            return {
                kind: 'ok',
                manifest: parseManifest(digest, body.toString('utf8'), res.headers.get('content-type') ?? undefined),
            };
        }
        catch (e) {
            return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
        }
    }
}

// EXTERNAL MODULE: ./.tmp/build/runner/octokit.js
var octokit = __webpack_require__(4950);
;// CONCATENATED MODULE: ./.tmp/build/runner/retention-github.js
/**
 * The GitHub side of ghcr-retention: resolve packages (org or user, exact names or wildcards),
 * list their versions, delete versions, read deployments. Every HTTP attempt (retries
 * included) goes through one Pacer, so the whole run, across packages, stays under GitHub's
 * secondary rate limits; octokit's retry and throttling plugins handle 5xx, resets and
 * `retry-after`. Refusals come back as outcomes, permission problems as clear errors.
 */





const asHttp = (e) => (e && typeof e === 'object' ? e : {});
const apiMessage = (e) => {
    const h = asHttp(e);
    const data = h.response?.data;
    return typeof data?.message === 'string' ? data.message : (h.message ?? String(e));
};
const PERMISSION_HELP = 'with GITHUB_TOKEN, give this repository the Admin role on the package (package settings > Manage Actions access) and grant `packages: write`; with a personal access token (classic), it needs delete:packages and admin on the package';
class RetentionGitHub {
    octokit;
    /** HTTP attempts sent to the API (retries included). */
    requests = 0;
    log;
    constructor(opts) {
        this.log = opts.log ?? (() => { });
        const base = opts.fetch ?? fetch;
        const pacedFetch = async (input, init) => {
            await opts.pacer.take(pointsFor(init?.method ?? 'GET'));
            this.requests++;
            return base(input, init);
        };
        const retries = opts.retries ?? 5;
        // The pacer spaces writes; octokit's default write queue (one a second) would cap deletes at 60/min.
        const unqueued = {
            key: () => ({
                schedule: (_o, fn, ...args) => fn(...args),
            }),
        };
        this.octokit = new octokit/* SlipwayOctokit */.N({
            auth: opts.token,
            baseUrl: opts.baseUrl.replace(/\/+$/, ''),
            userAgent: 'slipway-ghcr-retention',
            request: { fetch: pacedFetch },
            retry: {
                retries,
                ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
            },
            throttle: {
                write: unqueued,
                ...(opts.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: opts.retryAfterBaseValue } : {}),
                onRateLimit: (after, o, _k, count) => {
                    this.log(`rate limit hit for ${o.method} ${o.url}; retrying after ${after}s`);
                    return count < retries;
                },
                onSecondaryRateLimit: (after, o, _k, count) => {
                    this.log(`secondary rate limit hit for ${o.method} ${o.url}; retrying after ${after}s`);
                    return count < retries;
                },
            },
        });
    }
    prefix(pkg) {
        if (pkg.ownerType === 'org')
            return `/orgs/${encodeURIComponent(pkg.owner)}`;
        if (pkg.ownerType === 'authenticated-user')
            return '/user';
        return `/users/${encodeURIComponent(pkg.owner)}`;
    }
    packagePath(pkg) {
        return `${this.prefix(pkg)}/packages/container/${encodeURIComponent(pkg.name)}`;
    }
    /** Org or user, and whether the token is that user (whose private packages live under /user). */
    async ownerType(owner) {
        let type;
        try {
            const res = await this.octokit.request('GET /users/{username}', { username: owner });
            type = res.data.type;
        }
        catch (e) {
            if (asHttp(e).status === 404)
                throw new errors/* UserError */.yo(`no user or organization named '${owner}'`, 'owner');
            throw e;
        }
        if (type === 'Organization')
            return 'org';
        try {
            // No retries: an installation token (GITHUB_TOKEN) is refused here, and that is an answer.
            const me = await this.octokit.request('GET /user', { request: { retries: 0 } });
            if (me.data.login?.toLowerCase() === owner.toLowerCase())
                return 'authenticated-user';
        }
        catch {
            // an installation token (GITHUB_TOKEN) has no user: use /users/{owner}
        }
        return 'user';
    }
    /**
     * Turns `packages` (names and wildcards) into package refs. Exact names are checked when their
     * versions are listed (before anything is deleted); wildcards need a token that can list the
     * owner's packages.
     */
    async resolvePackages(owner, patterns) {
        const ownerType = await this.ownerType(owner);
        const out = [];
        const globs = patterns.filter((p) => picomatch.scan(p).isGlob);
        for (const p of patterns)
            if (!globs.includes(p))
                out.push({ owner, ownerType, name: p });
        if (globs.length) {
            let names;
            try {
                const all = await this.octokit.paginate(`GET ${this.prefix({ owner, ownerType })}/packages`, {
                    package_type: 'container',
                    per_page: 100,
                });
                names = all.map((p) => p.name);
            }
            catch (e) {
                const s = asHttp(e).status;
                if (s === 401 || s === 403 || s === 404) {
                    throw new errors/* UserError */.yo(`cannot list the packages of '${owner}' to expand ${globs.join(', ')} (HTTP ${s}: ${apiMessage(e)}); wildcards need a token that can list packages (a personal access token (classic) with read:packages); GITHUB_TOKEN can only name packages exactly`, 'packages');
                }
                throw e;
            }
            for (const g of globs) {
                const isMatch = picomatch(g, { dot: true });
                const matched = names.filter((n) => isMatch(n));
                if (!matched.length)
                    throw new errors/* UserError */.yo(`'${g}' matches none of the ${names.length} container packages of '${owner}'`, 'packages');
                for (const n of matched)
                    if (!out.some((o) => o.name === n))
                        out.push({ owner, ownerType, name: n });
            }
        }
        return out;
    }
    async listVersions(pkg) {
        try {
            const all = await this.octokit.paginate(`GET ${this.packagePath(pkg)}/versions`, {
                per_page: 100,
                state: 'active',
            });
            return all.map((v) => ({
                id: v.id,
                digest: v.name,
                tags: v.metadata?.container?.tags ?? [],
                createdAt: v.created_at,
                updatedAt: v.updated_at,
            }));
        }
        catch (e) {
            const s = asHttp(e).status;
            if (s === 404 || s === 403 || s === 401) {
                throw new errors/* UserError */.yo(`package '${pkg.name}' of '${pkg.owner}' not found, or the token cannot read it (HTTP ${s}: ${apiMessage(e)}); check the name, and ${PERMISSION_HELP.replace('Admin role', 'access')}`, 'packages');
            }
            throw e;
        }
    }
    async deleteVersion(pkg, v) {
        try {
            await this.octokit.request(`DELETE ${this.packagePath(pkg)}/versions/{id}`, { id: v.id });
            return { kind: 'deleted' };
        }
        catch (e) {
            const s = asHttp(e).status;
            const msg = apiMessage(e);
            if (s === 404 && /package not found/i.test(msg)) {
                // GitHub's answer to a token that may read but not delete (the package was just listed)
                throw new ApplyAbort(`the token cannot delete versions of '${pkg.name}' (HTTP 404: ${msg}); ${PERMISSION_HELP}`);
            }
            if (s === 404)
                return { kind: 'gone' };
            if (s === 400 || s === 422)
                return { kind: 'refused', message: msg };
            if ((s === 403 || s === 429) && /rate limit/i.test(msg))
                throw new Error(`still rate limited after retries: ${msg}`);
            if (s === 401 || s === 403) {
                throw new ApplyAbort(`the token cannot delete versions of '${pkg.name}' (HTTP ${s}: ${msg}); ${PERMISSION_HELP}`);
            }
            throw new Error(`HTTP ${s ?? '?'}: ${msg}`);
        }
    }
    /**
     * Deployment records of a repository, newest first per environment, with statuses fetched
     * only as far as needed: in-flight ones, the current one and the one before it.
     */
    async deploymentRecords(repository, maxPages = 3) {
        const [owner, repo] = repository.split('/');
        if (!owner || !repo)
            throw new errors/* UserError */.yo(`'${repository}' is not owner/repo`, 'repository');
        let list = [];
        try {
            for (let page = 1; page <= maxPages; page++) {
                const res = await this.octokit.request('GET /repos/{owner}/{repo}/deployments', {
                    owner,
                    repo,
                    per_page: 100,
                    page,
                });
                const data = res.data;
                list = list.concat(data);
                if (data.length < 100)
                    break;
            }
        }
        catch (e) {
            const s = asHttp(e).status;
            if (s === 401 || s === 403 || s === 404) {
                throw new errors/* UserError */.yo(`keep-deployed needs to read the deployments of ${repository} (HTTP ${s}: ${apiMessage(e)}); grant \`deployments: read\` or set keep-deployed: false`, 'keep-deployed');
            }
            throw e;
        }
        const byEnv = new Map();
        for (const d of list) {
            const env = d.environment ?? 'production';
            byEnv.set(env, [...(byEnv.get(env) ?? []), d]);
        }
        const out = [];
        for (const [env, ds] of byEnv) {
            ds.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
            let current = false;
            for (const d of ds.slice(0, 50)) {
                const res = await this.octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
                    owner,
                    repo,
                    deployment_id: d.id,
                    per_page: 100,
                });
                const statuses = res.data
                    .slice()
                    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
                    .map((s) => s.state);
                out.push({ id: d.id, environment: env, createdAt: d.created_at, payload: d.payload, statuses });
                const everLive = statuses.includes('success') || statuses[0] === 'inactive';
                if (current && everLive)
                    break; // the previous one: enough
                if (!current && everLive)
                    current = true;
            }
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/actions/ghcr-retention/inputs.js



const list = (raw) => raw
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
function inputs_int(read, name, min, fallback) {
    const raw = read(name).trim();
    if (!raw)
        return fallback;
    if (!/^-?\d+$/.test(raw))
        throw new errors/* UserError */.yo(`expected a whole number, got '${raw}'`, name);
    const n = Number(raw);
    if (n < min)
        throw new errors/* UserError */.yo(`must be ${min} or more, got ${n}`, name);
    return n;
}
function minutes(read, name, fallback) {
    const raw = read(name).trim();
    if (!raw)
        return fallback;
    if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0)
        throw new errors/* UserError */.yo(`expected a number of minutes above 0, got '${raw}'`, name);
    return Number(raw);
}
function bool(read, name, fallback) {
    const raw = read(name).trim().toLowerCase();
    if (!raw)
        return fallback;
    if (['true', 'yes', 'on', '1'].includes(raw))
        return true;
    if (['false', 'no', 'off', '0'].includes(raw))
        return false;
    throw new errors/* UserError */.yo(`expected true or false, got '${raw}'`, name);
}
const NAME = /^[a-z0-9][a-z0-9._/*?{},[\]!-]*$/i;
/**
 * Reads and checks every input before anything happens. `env` supplies what the runner knows
 * (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_REPOSITORY_OWNER).
 */
function readInputs(read, env) {
    const owner = read('owner').trim() || env.GITHUB_REPOSITORY_OWNER || '';
    if (!owner)
        throw new errors/* UserError */.yo('is required (a user or organization login)', 'owner');
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(owner))
        throw new errors/* UserError */.yo(`'${owner}' is not a GitHub login`, 'owner');
    const packages = list(read('packages'));
    const planFile = read('plan-file').trim();
    if (!packages.length && !planFile)
        throw new errors/* UserError */.yo('is required: package names or wildcards, one per line', 'packages');
    for (const p of packages)
        if (!NAME.test(p))
            throw new errors/* UserError */.yo(`'${p}' is not a container package name or wildcard`, 'packages');
    const untaggedRaw = read('untagged-after-days').trim();
    let untaggedAfterDays = 7;
    if (untaggedRaw) {
        if (!/^-?\d+(\.\d+)?$/.test(untaggedRaw))
            throw new errors/* UserError */.yo(`expected a number of days, got '${untaggedRaw}'`, 'untagged-after-days');
        untaggedAfterDays = Number(untaggedRaw);
    }
    const keepLatestRaw = read('keep-latest').trim();
    if (keepLatestRaw && !/^-?\d+$/.test(keepLatestRaw))
        throw new errors/* UserError */.yo(`expected a whole number of images, got '${keepLatestRaw}'`, 'keep-latest');
    const keepTagsRaw = read('keep-tags');
    const policy = validatePolicy({
        keepLatest: keepLatestRaw ? Number(keepLatestRaw) : 5,
        keepTags: keepTagsRaw.trim() ? list(keepTagsRaw) : [],
        untaggedAfterDays,
        keepDeployed: bool(read, 'keep-deployed', true),
    }, {
        keepLatest: 'keep-latest',
        keepTags: 'keep-tags',
        untaggedAfterDays: 'untagged-after-days',
        keepDeployed: 'keep-deployed',
    });
    const registry = read('registry').trim() || 'ghcr.io';
    try {
        registryEndpoint(registry);
    }
    catch (e) {
        throw new errors/* UserError */.yo(`'${registry}' is not a registry host or URL: ${e.message}`, 'registry');
    }
    const repository = read('repository').trim() || env.GITHUB_REPOSITORY || '';
    if (policy.keepDeployed && !/^[^/\s]+\/[^/\s]+$/.test(repository)) {
        throw new errors/* UserError */.yo(`keep-deployed reads the deployments of a repository: set owner/repo (got '${repository}')`, 'repository');
    }
    const token = read('github-token').trim();
    if (!token)
        throw new errors/* UserError */.yo('is required', 'github-token');
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    const out = {
        owner,
        packages,
        policy,
        repository,
        dryRun: bool(read, 'dry-run', false),
        maxDeletions: inputs_int(read, 'max-deletions', 0, 500),
        registry,
        token,
        apiUrl,
        maxRuntimeMinutes: minutes(read, 'max-runtime-minutes', 50),
        progressEvery: inputs_int(read, 'progress-every', 0, 100),
    };
    if (planFile)
        out.planFile = planFile;
    const manifestCache = read('manifest-cache').trim();
    if (manifestCache)
        out.manifestCache = manifestCache;
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/actions/ghcr-retention/main.js














/**
 * ghcr-retention: resolve packages, read deployments, build the plan (every package listed and
 * every needed manifest read before anything is deleted), write it, check the circuit breaker,
 * then apply exactly that plan (unless dry-run).
 */
async function main(io, deps = {}) {
    const now = deps.now ?? Date.now;
    const started = now();
    const inputs = readInputs((n) => io.getInput(n), io.env);
    io.setSecret(inputs.token);
    const pacer = deps.pacer ?? new Pacer({ pointsPerMinute: deps.pointsPerMinute ?? DEFAULT_POINTS_PER_MINUTE, now });
    const gh = new RetentionGitHub({
        token: inputs.token,
        baseUrl: inputs.apiUrl,
        pacer,
        log: (m) => io.info(m),
        ...(deps.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: deps.retryAfterBaseValue } : {}),
    });
    const registry = new RegistryClient({
        registry: inputs.registry,
        token: inputs.token,
        username: inputs.owner,
        log: (m) => io.debug(m),
        ...(deps.registryBackoffMs !== undefined ? { backoffMs: deps.registryBackoffMs } : {}),
    });
    const readDeployed = async () => {
        if (!inputs.policy.keepDeployed)
            return [];
        const deployed = deployedDigests(await gh.deploymentRecords(inputs.repository));
        io.info(`deployed images protected: ${deployed.length} (${[...new Set(deployed.map((d) => d.environment))].join(', ') || 'no environments'})`);
        return deployed;
    };
    const stats = { versions: 0, manifestReads: 0, cacheHits: 0 };
    const cache = loadManifestCache(inputs.manifestCache, io);
    let plan;
    if (inputs.planFile) {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(inputs.planFile, 'utf8');
        }
        catch (e) {
            throw new errors/* UserError */.yo(`cannot read ${inputs.planFile}: ${e.message}`, 'plan-file');
        }
        const given = parsePlan(text, 'plan-file');
        const deployed = await readDeployed();
        const current = new Map();
        for (const p of given.packages)
            current.set(p.package.name, await gh.listVersions(p.package));
        const r = reconcilePlan(given, current, new Set(deployed.map((d) => d.digest)));
        for (const d of r.dropped)
            io.warning(`${d.package}: not applying ${d.root}: ${d.why}`);
        if (r.alreadyGone)
            io.info(`${r.alreadyGone} planned versions are already gone`);
        plan = r.plan;
    }
    else {
        const packages = await gh.resolvePackages(inputs.owner, inputs.packages);
        io.info(`packages: ${packages.map((p) => p.name).join(', ')} (${packages[0]?.ownerType ?? ''})`);
        const deployed = await readDeployed();
        plan = await io.group('Plan', () => buildPlan({
            packages,
            ports: {
                listVersions: (p) => gh.listVersions(p),
                readManifest: (p, d) => registry.readManifest(RegistryClient.repository(p.owner, p.name), d),
            },
            policy: inputs.policy,
            deployed,
            registry: inputs.registry,
            now: new Date(now()),
            stats,
            cache,
        }));
        saveManifestCache(inputs.manifestCache, cache, io);
        for (const p of plan.packages)
            if (p.note)
                io.warning(`${p.package.name}: ${p.note}`);
        io.info(`listed ${stats.versions} versions; read ${stats.manifestReads} manifests (${stats.cacheHits} from cache)`);
    }
    const planPath = planPathFor(io);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(planPath), { recursive: true });
    (0,external_node_fs_.writeFileSync)(planPath, JSON.stringify(plan, null, 2) + '\n');
    io.setOutput('plan', planPath);
    const planned = plannedDeletions(plan);
    const counts = countPlan(plan);
    const keptVersions = counts.reduce((s, c) => s + c.keptVersions, 0);
    io.setOutput('planned', planned);
    io.setOutput('kept', keptVersions);
    for (const c of counts) {
        io.info(`${c.package}: ${c.versions} versions, ${c.keptImages} images kept, ${c.plannedImages} images (${c.plannedVersions} versions${c.bytesPlanned ? `, ≥ ${formatBytes(c.bytesPlanned)}` : ''}) to delete`);
    }
    const outcome = { plan, planPath, stats: { ...stats, apiRequests: gh.requests } };
    if (planned > inputs.maxDeletions) {
        io.setOutput('deleted', 0);
        io.setOutput('skipped', planned);
        await io.summary(renderSummary(plan, { mode: 'breaker', maxDeletions: inputs.maxDeletions, planPath }));
        throw new errors/* UserError */.yo(`the plan deletes ${planned} versions, more than max-deletions (${inputs.maxDeletions}); nothing was deleted. Review the plan (${planPath}) and raise max-deletions if it is right`, 'max-deletions');
    }
    if (inputs.dryRun) {
        io.setOutput('deleted', 0);
        io.setOutput('skipped', 0);
        await io.summary(renderSummary(plan, { mode: 'dry-run', maxDeletions: inputs.maxDeletions, planPath }));
        io.info(`dry run: would delete ${planned} versions; nothing was deleted`);
        return outcome;
    }
    const deadline = started + inputs.maxRuntimeMinutes * 60_000;
    const result = await io.group('Apply', () => applyPlan(plan, {
        deleteVersion: (p, v) => gh.deleteVersion(p, v),
        listVersions: (p) => gh.listVersions(p),
        now,
        info: (m) => io.info(m),
        warning: (m) => io.warning(m),
    }, { concurrency: deps.applyConcurrency ?? 4, deadline, progressEvery: inputs.progressEvery }));
    outcome.result = result;
    outcome.stats.apiRequests = gh.requests;
    const skipped = planned - result.deleted;
    io.setOutput('deleted', result.deleted);
    io.setOutput('skipped', skipped);
    io.setOutput('kept', keptVersions + skipped);
    await io.summary(renderSummary(plan, { mode: 'applied', result, maxDeletions: inputs.maxDeletions, planPath }));
    io.info(`deleted ${result.deleted} of ${planned} planned versions${result.bytesFreed ? ` (≥ ${formatBytes(result.bytesFreed)})` : ''}; ${gh.requests} API requests`);
    if (result.stoppedAt)
        io.warning(`time budget (max-runtime-minutes: ${inputs.maxRuntimeMinutes}) reached; the next run continues`);
    if (result.aborted)
        throw new errors/* UserError */.yo(result.aborted, 'github-token');
    if (result.failed.length) {
        throw new errors/* UserError */.yo(`${result.failed.length} deletion(s) failed after retries (first: version ${result.failed[0].id}: ${result.failed[0].message}); the next run tries again`);
    }
    return outcome;
}
const CACHE_SCHEMA = 'slipway.retention.manifests/v1';
/**
 * Manifests are immutable by digest, so what earlier runs read can be reused: fewer registry
 * reads, fewer downloads counted on GHCR. A missing or unreadable cache file is only a warning.
 */
function loadManifestCache(path, io) {
    const cache = new Map();
    if (!path || !(0,external_node_fs_.existsSync)(path))
        return cache;
    try {
        const data = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        if (data.schema !== CACHE_SCHEMA || !data.manifests)
            throw new Error(`not a ${CACHE_SCHEMA} file`);
        for (const [digest, m] of Object.entries(data.manifests)) {
            if (isDigest(digest) && m && m.digest === digest && Array.isArray(m.children))
                cache.set(digest, m);
        }
        io.info(`manifest cache: ${cache.size} manifests from ${path}`);
    }
    catch (e) {
        io.warning(`manifest-cache: ignoring ${path}: ${e.message}`);
    }
    return cache;
}
function saveManifestCache(path, cache, io) {
    if (!path)
        return;
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        (0,external_node_fs_.writeFileSync)(path, JSON.stringify({ schema: CACHE_SCHEMA, manifests: Object.fromEntries(cache) }));
    }
    catch (e) {
        io.warning(`manifest-cache: could not write ${path}: ${e.message}`);
    }
}
function planPathFor(io) {
    const explicit = io.getInput('plan-path').trim();
    if (explicit)
        return explicit;
    const dir = io.env.RUNNER_TEMP || io.env.TMPDIR || '/tmp';
    return (0,external_node_path_.join)(dir, `ghcr-retention-plan-${io.env.GITHUB_RUN_ID ?? 'local'}-${io.env.GITHUB_RUN_ATTEMPT ?? '1'}.json`);
}

;// CONCATENATED MODULE: ./.tmp/build/cli/commands/retention.js



const command = {
    help: `slipway retention: clean up container images in GHCR under retention rules (the ghcr-retention action)

Plans only unless --apply is given: the plan is written as JSON and summarised; nothing is deleted.

options:
  --owner LOGIN              user or organization owning the packages (required)
  --package NAME             package name or wildcard (repeatable; wildcards need a classic PAT)
  --keep-latest N            keep the N newest tagged images per package (default 5)
  --keep-tag GLOB            keep images with a tag matching GLOB (repeatable; default latest and v*)
  --no-keep-tags             keep no image because of its tags
  --untagged-after-days N    delete untagged orphans older than N days (default 7)
  --keep-deployed BOOL       protect deployed images (default true; reads --repository's deployments)
  --repository OWNER/REPO    repository whose deployments protect images
  --max-deletions N          circuit breaker (default 500)
  --max-runtime-minutes N    stop starting deletions after N minutes (default 50)
  --plan-path FILE           where to write the plan (default a temp file)
  --plan-file FILE           apply this reviewed plan instead of planning (with --apply)
  --summary FILE             write the markdown summary to FILE (default: printed)
  --registry HOST|URL        registry (default ghcr.io; http://127.0.0.1:5000 for a local one)
  --api-url URL              GitHub API (default $GITHUB_API_URL or https://api.github.com)
  --apply                    delete what the plan says

The token is read from $GITHUB_TOKEN (or $GH_TOKEN): a classic PAT with read:packages, and
delete:packages to apply.`,
    options: {
        owner: { type: 'string' },
        package: { type: 'string', repeatable: true },
        'keep-latest': { type: 'string' },
        'keep-tag': { type: 'string', repeatable: true },
        'no-keep-tags': { type: 'boolean' },
        'untagged-after-days': { type: 'string' },
        'keep-deployed': { type: 'string' },
        repository: { type: 'string' },
        'max-deletions': { type: 'string' },
        'max-runtime-minutes': { type: 'string' },
        'progress-every': { type: 'string' },
        'plan-path': { type: 'string' },
        'plan-file': { type: 'string' },
        summary: { type: 'string' },
        registry: { type: 'string' },
        'api-url': { type: 'string' },
        apply: { type: 'boolean' },
    },
    async run(args) {
        const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN || '';
        if (!token)
            throw new errors/* UserError */.yo('set GITHUB_TOKEN (or GH_TOKEN) to a token that can read the packages');
        if (!args.values.owner)
            throw new errors/* UserError */.yo('--owner is required');
        if (!args.lists.package?.length && !args.values['plan-file'])
            throw new errors/* UserError */.yo('--package is required');
        if (args.values['plan-file'] && !args.flags.apply)
            throw new errors/* UserError */.yo('--plan-file applies a plan: add --apply');
        if (args.flags['no-keep-tags'] && args.lists['keep-tag']?.length) {
            throw new errors/* UserError */.yo('--no-keep-tags and --keep-tag contradict each other');
        }
        const inputs = {
            owner: args.values.owner,
            packages: (args.lists.package ?? []).join('\n'),
            'keep-latest': args.values['keep-latest'] ?? '5',
            'keep-tags': args.flags['no-keep-tags'] ? '' : (args.lists['keep-tag'] ?? ['latest', 'v*']).join('\n'),
            'untagged-after-days': args.values['untagged-after-days'] ?? '7',
            'keep-deployed': args.values['keep-deployed'] ?? 'true',
            repository: args.values.repository ?? '',
            'dry-run': args.flags.apply ? 'false' : 'true',
            'max-deletions': args.values['max-deletions'] ?? '500',
            'max-runtime-minutes': args.values['max-runtime-minutes'] ?? '50',
            'progress-every': args.values['progress-every'] ?? '100',
            'plan-file': args.values['plan-file'] ?? '',
            'plan-path': args.values['plan-path'] ?? '',
            registry: args.values.registry ?? 'ghcr.io',
            'github-token': token,
        };
        if (inputs['keep-deployed'] === 'true' && !inputs.repository) {
            throw new errors/* UserError */.yo('--keep-deployed reads deployments: pass --repository owner/repo (or --keep-deployed false)');
        }
        const summaries = [];
        const outputs = {};
        const err = (m) => process.stderr.write(m + '\n');
        const io = {
            getInput: (n) => inputs[n] ?? '',
            setOutput: (n, v) => void (outputs[n] = String(v)),
            summary: async (md) => void summaries.push(md),
            annotate: (level, m) => err(`${level}: ${m}`),
            setSecret: () => { },
            info: (m) => err(m),
            warning: (m) => err(`warning: ${m}`),
            debug: () => { },
            group: async (name, fn) => {
                err(`— ${name}`);
                return fn();
            },
            saveState: () => { },
            getState: () => '',
            env: {
                ...process.env,
                GITHUB_API_URL: args.values['api-url'] ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
            },
        };
        try {
            await main(io);
        }
        finally {
            const md = summaries.join('\n');
            if (args.values.summary)
                (0,external_node_fs_.writeFileSync)(args.values.summary, md);
            else if (md)
                process.stdout.write(md);
        }
        process.stdout.write(`\ndeleted=${outputs.deleted ?? 0} planned=${outputs.planned ?? 0} kept=${outputs.kept ?? 0} skipped=${outputs.skipped ?? 0} plan=${outputs.plan ?? ''}\n`);
        return 0;
    },
};


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
