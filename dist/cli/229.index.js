export const id = 229;
export const ids = [229];
export const modules = {

/***/ 1229:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
;// CONCATENATED MODULE: ./.tmp/build/coverage/base.js
/**
 * Walks `ancestors` (the base commit first, then its first parents) and returns the first with a
 * stored summary. `lookup` returns undefined for a miss; a thrown error means the store itself is
 * unavailable, which stops the walk and is reported as such.
 */
async function findBase(ancestors, lookup, limit = 20) {
    const tried = [];
    if (ancestors.length === 0)
        return { tried, reason: 'the base commit is not known (no history fetched?)' };
    for (const sha of ancestors.slice(0, limit)) {
        tried.push(sha);
        let s;
        try {
            s = await lookup(sha);
        }
        catch (e) {
            return { tried, reason: `the coverage store is unavailable (${e instanceof Error ? e.message : String(e)})` };
        }
        if (s && s.version === 1 && s.totals)
            return { found: { sha, distance: tried.length - 1, summary: s }, tried };
    }
    return {
        tried,
        reason: `no stored coverage for the base commit or its ${tried.length - 1} nearest ancestors (is the gate run on pushes to the default branch?)`,
    };
}
function toStored(sha, totals, files) {
    const out = { version: 1, sha, totals, files: {} };
    for (const f of files)
        out.files[f.path] = f.counts.lines;
    return out;
}
function base_parseStored(text) {
    try {
        const v = JSON.parse(text);
        return v && v.version === 1 && typeof v.sha === 'string' && v.totals ? v : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/model.js
const METRICS = ['lines', 'branches', 'functions', 'statements'];
const FORMATS = [
    'lcov',
    'cobertura',
    'jacoco',
    'clover',
    'istanbul-final',
    'istanbul-summary',
    'go',
    'coveragepy-json',
];
/**
 * Executable lines of one file, stored densely by line number (huge reports stay small in
 * memory): hits per line, and for formats that give branches only as per-line counts (Cobertura
 * `condition-coverage`, JaCoCo `mb`/`cb`, Clover) the branches found and covered on the line.
 */
class LineTable {
    // Hits per line (-1: not an executable line), saturating at 2^31-1: only "hit or not" and
    // sums of lines matter, never the raw count. Branch counts per line saturate at 65,535.
    hits = new Int32Array(16).fill(-1);
    brFound;
    brHit;
    count = 0;
    max = 0;
    resize(n) {
        const h = new Int32Array(n).fill(-1);
        h.set(this.hits.subarray(0, Math.min(n, this.hits.length)));
        this.hits = h;
        if (this.brFound) {
            const f = new Uint16Array(n);
            f.set(this.brFound.subarray(0, Math.min(n, this.brFound.length)));
            this.brFound = f;
            const t = new Uint16Array(n);
            t.set(this.brHit.subarray(0, Math.min(n, this.brHit.length)));
            this.brHit = t;
        }
    }
    grow(line) {
        if (line < this.hits.length)
            return;
        let n = this.hits.length;
        while (n <= line)
            n *= 2;
        this.resize(n);
    }
    /** Trims the storage to the last line (called when a file is complete). */
    compact() {
        if (this.hits.length > this.max + 1)
            this.resize(this.max + 1);
    }
    /** Adds hits to a line (a line seen twice is one line). */
    add(line, hits) {
        if (line >= this.hits.length)
            this.grow(line);
        const cur = this.hits[line];
        const h = hits > 0x7fffffff ? 0x7fffffff : hits > 0 && hits < 1 ? 1 : hits;
        if (cur < 0) {
            this.count++;
            if (line > this.max)
                this.max = line;
            this.hits[line] = h;
        }
        else
            this.hits[line] = Math.min(0x7fffffff, cur + h);
    }
    /** `add` for a count already known to be an integer from 0 to 2^31-1 (the parsers' fast paths). */
    addInt(line, hits) {
        if (line >= this.hits.length)
            this.grow(line);
        const cur = this.hits[line];
        if (cur < 0) {
            this.count++;
            if (line > this.max)
                this.max = line;
            this.hits[line] = hits;
        }
        else {
            const t = cur + hits;
            this.hits[line] = t > 0x7fffffff ? 0x7fffffff : t;
        }
    }
    /** Keeps the larger hit count (the same line written twice in one report). */
    keepMax(line, hits) {
        if (line >= this.hits.length)
            this.grow(line);
        const cur = this.hits[line];
        const h = hits > 0x7fffffff ? 0x7fffffff : hits > 0 && hits < 1 ? 1 : hits;
        if (cur < 0) {
            this.count++;
            if (line > this.max)
                this.max = line;
            this.hits[line] = h;
        }
        else if (h > cur)
            this.hits[line] = h;
    }
    get(line) {
        const v = line < this.hits.length ? this.hits[line] : -1;
        return v < 0 ? undefined : v;
    }
    get size() {
        return this.count;
    }
    /** Per-line branch counts; merging keeps the larger found and covered (no identity to union). */
    setBranches(line, found, hit) {
        this.grow(line);
        if (!this.brFound) {
            this.brFound = new Uint16Array(this.hits.length);
            this.brHit = new Uint16Array(this.hits.length);
        }
        const f = Math.min(found, 0xffff);
        const h = Math.min(hit, 0xffff);
        if (f > this.brFound[line])
            this.brFound[line] = f;
        if (h > this.brHit[line])
            this.brHit[line] = h;
    }
    branchesAt(line) {
        if (!this.brFound || line >= this.brFound.length || this.brFound[line] === 0)
            return undefined;
        return { found: this.brFound[line], hit: this.brHit[line] };
    }
    get hasLineBranches() {
        return this.brFound !== undefined;
    }
    *entries() {
        for (let i = 0; i <= this.max; i++) {
            const v = this.hits[i];
            if (v >= 0)
                yield [i, v];
        }
    }
    lineCount() {
        let hit = 0;
        for (let i = 0; i <= this.max; i++)
            if (this.hits[i] > 0)
                hit++;
        return { found: this.count, hit };
    }
    lineBranchCount() {
        let found = 0;
        let hit = 0;
        if (this.brFound) {
            for (let i = 0; i < this.brFound.length; i++) {
                found += this.brFound[i];
                hit += this.brHit[i];
            }
        }
        return { found, hit };
    }
    mergeFrom(o) {
        for (const [line, hits] of o.entries())
            this.add(line, hits);
        if (o.brFound) {
            for (let i = 0; i < o.brFound.length; i++)
                if (o.brFound[i] > 0)
                    this.setBranches(i, o.brFound[i], o.brHit[i]);
        }
    }
}
function newFile(path, format) {
    return { path, format, lines: new LineTable(), branches: new Map(), functions: new Map(), statements: new Map(), fixed: {} };
}
function emptyReport() {
    return { files: new Map(), sources: [], formats: [] };
}
/** Adds hits of `add` into the point map (same key = same point). */
function mergeHits(into, from) {
    for (const [k, v] of from) {
        const cur = into.get(k);
        if (cur)
            cur.hits += v.hits;
        else
            into.set(k, { ...v });
    }
}
/**
 * Merges `from` into `into` (same file): hits add up, each point counted once. Used for a file
 * repeated inside one report (lcov `SF` under several `TN`, Cobertura classes) and across reports
 * (shards). Fixed counts cannot be unioned: the larger hit count wins (documented limitation).
 */
function mergeFile(into, from) {
    into.lines.mergeFrom(from.lines);
    for (const [k, b] of from.branches) {
        const cur = into.branches.get(k);
        if (cur)
            cur.taken += b.taken;
        else
            into.branches.set(k, { ...b });
    }
    mergeHits(into.functions, from.functions);
    mergeHits(into.statements, from.statements);
    into.linesFromStatements ||= from.linesFromStatements;
    for (const m of METRICS) {
        const f = from.fixed[m];
        if (!f)
            continue;
        const cur = into.fixed[m];
        if (!cur || f.found > cur.found || (f.found === cur.found && f.hit > cur.hit))
            into.fixed[m] = { ...f };
    }
}
function addFile(report, file) {
    const cur = report.files.get(file.path);
    if (cur)
        mergeFile(cur, file);
    else {
        file.lines.compact();
        report.files.set(file.path, file);
    }
}
function mergeReports(reports) {
    const out = emptyReport();
    for (const r of reports) {
        for (const f of r.files.values())
            addFile(out, f);
        out.sources.push(...r.sources);
        for (const fmt of r.formats)
            if (!out.formats.includes(fmt))
                out.formats.push(fmt);
    }
    return out;
}
function countHits(values) {
    let found = 0;
    let hit = 0;
    for (const v of values) {
        found++;
        if (v > 0)
            hit++;
    }
    return { found, hit };
}
function* hitsOf(m) {
    for (const v of m.values())
        yield v.hits;
}
function branchCount(f) {
    let found = 0;
    let hit = 0;
    for (const v of f.branches.values()) {
        found++;
        if (v.taken > 0)
            hit++;
    }
    const l = f.lines.lineBranchCount();
    return { found: found + l.found, hit: hit + l.hit };
}
function statementCount(f) {
    let found = 0;
    let hit = 0;
    for (const s of f.statements.values()) {
        found += s.weight;
        if (s.hits > 0)
            hit += s.weight;
    }
    return { found, hit };
}
/** The counts of one file, per metric, as its tool counts them. */
function fileCounts(f) {
    const statements = f.fixed.statements ?? statementCount(f);
    return {
        lines: f.fixed.lines ?? (f.linesFromStatements ? statements : f.lines.lineCount()),
        branches: f.fixed.branches ?? branchCount(f),
        functions: f.fixed.functions ?? countHits(hitsOf(f.functions)),
        statements,
    };
}
function zeroCounts() {
    return {
        lines: { found: 0, hit: 0 },
        branches: { found: 0, hit: 0 },
        functions: { found: 0, hit: 0 },
        statements: { found: 0, hit: 0 },
    };
}
function addCounts(into, c) {
    for (const m of METRICS) {
        into[m].found += c[m].found;
        into[m].hit += c[m].hit;
    }
}
/** Totals over all files: sums of points, never an average of percentages. */
function totals(report) {
    const t = zeroCounts();
    for (const f of report.files.values())
        addCounts(t, fileCounts(f));
    return t;
}
/** Percentage, or undefined when there is nothing to measure. Not rounded. */
function model_pct(c) {
    return c.found === 0 ? undefined : (100 * c.hit) / c.found;
}
function lineStatuses(f) {
    const branchByLine = new Map();
    for (const b of f.branches.values()) {
        const c = branchByLine.get(b.line) ?? { found: 0, hit: 0 };
        c.found++;
        if (b.taken > 0)
            c.hit++;
        branchByLine.set(b.line, c);
    }
    const out = new Map();
    for (const [line, hits] of f.lines.entries()) {
        if (hits <= 0)
            out.set(line, 'missed');
        else {
            const b = branchByLine.get(line) ?? f.lines.branchesAt(line);
            out.set(line, b && b.hit < b.found ? 'partial' : 'covered');
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/gate.js

function patchCoverage(report, changed) {
    const res = { lines: { found: 0, hit: 0 }, partial: 0, uncovered: [], files: [], unmeasuredFiles: 0 };
    for (const [path, lines] of changed) {
        const f = report.files.get(path);
        if (!f) {
            res.unmeasuredFiles++;
            continue;
        }
        const st = lineStatuses(f);
        const c = { found: 0, hit: 0 };
        for (const l of [...lines].sort((a, b) => a - b)) {
            const s = st.get(l);
            if (!s)
                continue;
            c.found++;
            if (s === 'covered')
                c.hit++;
            else {
                if (s === 'partial')
                    res.partial++;
                res.uncovered.push({ path, line: l, status: s });
            }
        }
        if (c.found > 0)
            res.files.push({ path, count: c });
        res.lines.found += c.found;
        res.lines.hit += c.hit;
    }
    return res;
}
const round2 = (n) => Math.round(n * 100) / 100;
function metricCheck(name, label, c, min) {
    if (min === undefined)
        return undefined;
    const p = model_pct(c);
    if (p === undefined)
        return { name, label, threshold: min, status: 'skip', note: `the report has no ${name} data` };
    const actual = round2(p);
    return { name, label, actual, threshold: min, status: actual >= min ? 'pass' : 'fail' };
}
function evaluate(report, t, patch, base) {
    const tot = totals(report);
    const files = [...report.files.values()].map((f) => ({ path: f.path, counts: fileCounts(f) })).sort((a, b) => a.path.localeCompare(b.path));
    const checks = [];
    const push = (c) => c && checks.push(c);
    push(metricCheck('lines', 'Lines', tot.lines, t.minLines));
    push(metricCheck('branches', 'Branches', tot.branches, t.minBranches));
    push(metricCheck('functions', 'Functions', tot.functions, t.minFunctions));
    if (t.minFile !== undefined) {
        const low = files.filter((f) => f.counts.lines.found > 0 && round2(model_pct(f.counts.lines)) < t.minFile);
        push({
            name: 'file',
            label: 'Each file (lines)',
            threshold: t.minFile,
            actual: files.length ? Math.min(...files.filter((f) => f.counts.lines.found > 0).map((f) => round2(model_pct(f.counts.lines)))) : undefined,
            status: low.length ? 'fail' : 'pass',
            note: low.length ? `${low.length} file${low.length === 1 ? '' : 's'} below: ${low.slice(0, 3).map((f) => f.path).join(', ')}${low.length > 3 ? ', ...' : ''}` : undefined,
        });
    }
    if (t.minPatch !== undefined) {
        if (!patch)
            push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, status: 'skip', note: 'no change set (not a pull request)' });
        else if (patch.lines.found === 0)
            push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, status: 'pass', note: 'no changed executable lines' });
        else {
            const actual = round2(model_pct(patch.lines));
            push({ name: 'patch', label: 'Changed lines', threshold: t.minPatch, actual, status: actual >= t.minPatch ? 'pass' : 'fail' });
        }
    }
    const now = model_pct(tot.lines);
    const was = base ? model_pct(base.totals.lines) : undefined;
    const delta = now !== undefined && was !== undefined ? round2(now - was) : undefined;
    if (t.maxDrop !== undefined) {
        if (delta === undefined)
            push({ name: 'drop', label: 'Drop vs base (points)', threshold: t.maxDrop, status: 'skip', note: base ? 'the base has no line data' : 'no base coverage found' });
        else
            push({ name: 'drop', label: 'Drop vs base (points)', threshold: t.maxDrop, actual: round2(-delta), status: -delta <= t.maxDrop ? 'pass' : 'fail' });
    }
    return { totals: tot, files, patch, base, delta, checks, passed: checks.every((c) => c.status !== 'fail') };
}
function metricPct(r, m) {
    const p = pct(r.totals[m]);
    return p === undefined ? undefined : round2(p);
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/parsers/util.js

/** The chunks as they come (text or bytes). */
async function* rawChunks(text) {
    if (typeof text === 'string')
        yield text;
    else
        yield* text;
}
/**
 * Bytes decoded per piece: the decoded text stays under V8's large-object size (128 KB). A larger
 * string lands in the large-object space, which only a full GC frees, so peak memory grew with
 * the report (a 200 MB Cobertura report peaked near 200 MB RSS decoded in 512 KB pieces, about
 * 165 MB in these). The lcov parser reads the bytes themselves, in the stream's larger chunks.
 */
const DECODE_PIECE = 64 << 10;
/** The chunks as text: bytes are decoded as UTF-8, a character split across chunks kept whole. */
async function* chunksOf(text) {
    const dec = new TextDecoder('utf-8');
    for await (const c of rawChunks(text)) {
        if (typeof c === 'string')
            yield c;
        else
            for (let o = 0; o < c.length; o += DECODE_PIECE) {
                const s = dec.decode(c.subarray(o, o + DECODE_PIECE), { stream: true });
                if (s)
                    yield s;
            }
    }
    const tail = dec.decode();
    if (tail)
        yield tail;
}
async function readAll(text) {
    if (typeof text === 'string')
        return text;
    let s = '';
    for await (const c of chunksOf(text))
        s += c;
    return s;
}
const at = (w) => (typeof w === 'string' ? w : w());
/** Plain decimal digits (the common case), parsed without allocating; -1 for anything else. */
function digits(raw) {
    const len = raw.length;
    if (len === 0 || len > 15)
        return -1;
    let n = 0;
    for (let i = 0; i < len; i++) {
        const c = raw.charCodeAt(i) - 48;
        if (c < 0 || c > 9)
            return -1;
        n = n * 10 + c;
    }
    return n;
}
function parseCount(raw, where, what = 'count') {
    const d = digits(raw);
    if (d >= 0)
        return d;
    const n = raw.length > 0 && raw.length < 40 ? Number(raw) : NaN;
    if (!Number.isFinite(n))
        throw new errors/* UserError */.yo(`${what} '${clip(raw)}' is not a number`, at(where));
    if (n < 0)
        throw new errors/* UserError */.yo(`${what} ${raw} is negative`, at(where));
    return n;
}
/** A line number: a positive integer. */
function parseLine(raw, where, what = 'line number') {
    const d = digits(raw);
    if (d >= 0)
        return d;
    const n = raw.length > 0 && raw.length < 16 ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 0)
        throw new errors/* UserError */.yo(`${what} '${clip(raw)}' is not a line number`, at(where));
    return n;
}
function clip(s, n = 40) {
    // eslint-disable-next-line no-control-regex -- control characters are what we replace
    const t = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
    return t.length > n ? `${t.slice(0, n)}...` : t;
}
/**
 * A copy of a string that does not point into the chunk it was cut from: a kept substring would
 * otherwise keep its whole (up to 1 MB) chunk of the report alive.
 */
function own(s) {
    return Buffer.from(s, 'utf8').toString('utf8');
}
/** Report paths as the report wrote them, with Windows separators turned into `/` (an own copy). */
function normalisePath(p) {
    return own(p.trim().replace(/\\/g, '/'));
}
/** True when the text looks binary (NUL bytes or many replacement characters). */
function looksBinary(sample) {
    if (sample.includes('\u0000'))
        return true;
    let bad = 0;
    for (let i = 0; i < Math.min(sample.length, 4096); i++)
        if (sample.charCodeAt(i) === 0xfffd)
            bad++;
    return bad > 8;
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/parsers/go.js
/**
 * Go cover profiles (golang.org/x/tools/cover profile.go): `mode: set|count|atomic`, then
 * `path/file.go:startLine.startCol,endLine.endCol numStmt count`.
 *
 * - Duplicate blocks (-coverpkg, concatenated profiles; a repeated `mode:` line) are merged as
 *   ParseProfiles does: one block, hits added (set: any hit covers it).
 * - The headline is statement coverage weighted by numStmt (`go tool cover -func`); it is also
 *   the `lines` figure of a Go file. Lines spanned by a block get the block's count (the highest
 *   when blocks share a line) for patch coverage and annotations.
 * - Paths are import paths (module path + directory); the path mapping turns them into repo paths.
 */



const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\S+)$/;
async function parseGoProfile(text, name) {
    const report = emptyReport();
    report.sources.push(name);
    report.formats.push('go');
    const files = new Map();
    let rest = '';
    let lineNo = 0;
    let mode;
    const onLine = (raw) => {
        lineNo++;
        const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (l.trim() === '')
            return;
        const where = `${name}:${lineNo}`;
        if (l.startsWith('mode: ')) {
            const m = l.slice(6).trim();
            if (m !== 'set' && m !== 'count' && m !== 'atomic')
                throw new errors/* UserError */.yo(`unknown cover mode '${clip(m)}' (expected set, count or atomic)`, where);
            if (mode && m !== mode)
                throw new errors/* UserError */.yo(`cover mode changes from ${mode} to ${m}: profiles of different modes cannot be merged`, where);
            mode = m;
            return;
        }
        if (!mode)
            throw new errors/* UserError */.yo(`a Go cover profile starts with 'mode: set|count|atomic', got '${clip(l)}'`, where);
        const m = BLOCK.exec(l);
        if (!m)
            throw new errors/* UserError */.yo(`'${clip(l)}' is not a cover block (file.go:line.col,line.col numStmt count)`, where);
        const count = Number(m[7]);
        if (!Number.isFinite(count) || !/^-?\d+$/.test(m[7]))
            throw new errors/* UserError */.yo(`count '${clip(m[7])}' is not a number`, where);
        if (count < 0)
            throw new errors/* UserError */.yo(`count ${m[7]} is negative`, where);
        const path = m[1];
        // (an own copy is made below only for a new file: the map key must not pin the chunk)
        let f = files.get(path);
        if (!f) {
            f = newFile(own(path), 'go');
            f.linesFromStatements = true;
            files.set(f.path, f);
        }
        const start = Number(m[2]);
        const end = Number(m[4]);
        if (end < start)
            throw new errors/* UserError */.yo(`block ends (line ${end}) before it starts (line ${start})`, where);
        const key = `${m[2]}.${m[3]},${m[4]}.${m[5]}`;
        const weight = Number(m[6]);
        const cur = f.statements.get(key);
        if (cur)
            cur.hits += count;
        else
            f.statements.set(key, { line: start, endLine: end, hits: count, weight });
    };
    for await (const chunk of chunksOf(text)) {
        const t = rest + chunk;
        let s = 0;
        for (;;) {
            const nl = t.indexOf('\n', s);
            if (nl === -1)
                break;
            onLine(t.slice(s, nl));
            s = nl + 1;
        }
        rest = t.slice(s);
    }
    if (rest)
        onLine(rest);
    if (!mode)
        throw new errors/* UserError */.yo('empty Go cover profile (no mode: line)', name);
    for (const f of files.values()) {
        for (const st of f.statements.values()) {
            if (st.weight === 0)
                continue;
            for (let l = st.line; l <= st.endLine; l++)
                if (l > 0)
                    f.lines.keepMax(l, st.hits);
        }
        addFile(report, f);
    }
    return report;
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/parsers/json.js
/**
 * JSON formats: Istanbul `coverage-final.json` (istanbuljs docs/raw-output.md; also Jest's
 * `--json` output with an embedded `coverageMap`), Istanbul `coverage-summary.json`, and
 * coverage.py `coverage json` (doc/commands/cmd_json.rst).
 */



const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function parseJsonText(text, name) {
    try {
        return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    catch (e) {
        const m = /position (\d+)/.exec(e.message);
        const where = m ? `${name}:${text.slice(0, Number(m[1])).split('\n').length}` : name;
        throw new errors/* UserError */.yo(`not valid JSON: ${e.message.replace(/^.*?JSON[^:]*: ?/, '')}`, where);
    }
}
function jsonFormat(data) {
    if (!isObj(data))
        return undefined;
    if (isObj(data.meta) && isObj(data.files) && isObj(data.totals))
        return 'coveragepy-json';
    if (isObj(data.coverageMap))
        return 'istanbul-final';
    if (isObj(data.total) && isObj(data.total.lines))
        return 'istanbul-summary';
    const first = Object.values(data)[0];
    if (isObj(first)) {
        const fc = isObj(first.data) ? first.data : first;
        if (isObj(fc.statementMap) && isObj(fc.s))
            return 'istanbul-final';
    }
    return undefined;
}
function count(v, where, what) {
    if (typeof v === 'number')
        return parseCount(String(v), where, what);
    if (typeof v === 'string')
        return parseCount(v, where, what);
    throw new errors/* UserError */.yo(`${what} must be a number, got ${JSON.stringify(v)?.slice(0, 40)}`, where);
}
function line(v, where) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw new errors/* UserError */.yo(`line must be a non-negative integer, got ${JSON.stringify(v)?.slice(0, 40)}`, where);
    return v;
}
function startLine(loc) {
    if (isObj(loc) && isObj(loc.start) && typeof loc.start.line === 'number')
        return loc.start.line;
    return undefined;
}
function parseIstanbulFinal(data, name) {
    const report = emptyReport();
    report.sources.push(name);
    report.formats.push('istanbul-final');
    let map = data;
    if (isObj(data) && isObj(data.coverageMap))
        map = data.coverageMap;
    if (!isObj(map))
        throw new errors/* UserError */.yo('expected an object of file coverage keyed by path', name);
    for (const [key, raw] of Object.entries(map)) {
        const fc = isObj(raw) && isObj(raw.data) ? raw.data : raw;
        const at = `${name}: ${key}`;
        if (!isObj(fc) || !isObj(fc.statementMap) || !isObj(fc.s) || !isObj(fc.fnMap) || !isObj(fc.f) || !isObj(fc.branchMap) || !isObj(fc.b))
            throw new errors/* UserError */.yo('file coverage needs statementMap, s, fnMap, f, branchMap and b', at);
        const file = newFile(normalisePath(typeof fc.path === 'string' ? fc.path : key), 'istanbul-final');
        // Lines: istanbul-lib-coverage getLineCoverage = the max hits of the statements starting on each line.
        const lineMax = new Map();
        for (const [id, hitsRaw] of Object.entries(fc.s)) {
            const hits = count(hitsRaw, `${at}.s.${id}`, 'statement count');
            const l = startLine(fc.statementMap[id]);
            if (l === undefined)
                continue;
            line(l, `${at}.statementMap.${id}`);
            file.statements.set(id, { line: l, endLine: l, hits, weight: 1 });
            const prev = lineMax.get(l);
            if (prev === undefined || prev < hits)
                lineMax.set(l, hits);
        }
        for (const [l, h] of lineMax)
            if (l > 0)
                file.lines.add(l, h);
        for (const [id, hitsRaw] of Object.entries(fc.f)) {
            const hits = count(hitsRaw, `${at}.f.${id}`, 'function count');
            const meta = fc.fnMap[id];
            const fnLine = isObj(meta) ? (startLine(meta.decl) ?? startLine(meta.loc) ?? (typeof meta.line === 'number' ? meta.line : 0)) : 0;
            file.functions.set(id, { name: isObj(meta) && typeof meta.name === 'string' ? meta.name : id, line: fnLine, hits });
        }
        for (const [id, arr] of Object.entries(fc.b)) {
            if (!Array.isArray(arr))
                throw new errors/* UserError */.yo('branch counts must be an array', `${at}.b.${id}`);
            const meta = fc.branchMap[id];
            const locs = isObj(meta) && Array.isArray(meta.locations) ? meta.locations : [];
            const base = isObj(meta) ? (startLine(meta.loc) ?? (typeof meta.line === 'number' ? meta.line : 0)) : 0;
            arr.forEach((v, i) => {
                const taken = count(v, `${at}.b.${id}[${i}]`, 'branch count');
                file.branches.set(`${id}:${i}`, { line: base || startLine(locs[i]) || 0, taken });
            });
        }
        addFile(report, file);
    }
    return report;
}
function parseIstanbulSummary(data, name) {
    const report = emptyReport();
    report.sources.push(name);
    report.formats.push('istanbul-summary');
    if (!isObj(data))
        throw new errors/* UserError */.yo('expected an object with total and per-file summaries', name);
    for (const [key, raw] of Object.entries(data)) {
        if (key === 'total')
            continue;
        const at = `${name}: ${key}`;
        if (!isObj(raw))
            throw new errors/* UserError */.yo('file summary must be an object', at);
        const file = newFile(normalisePath(key), 'istanbul-summary');
        for (const m of ['lines', 'statements', 'functions', 'branches']) {
            const s = raw[m];
            if (s === undefined)
                continue;
            if (!isObj(s))
                throw new errors/* UserError */.yo(`${m} must be an object with total and covered`, at);
            const c = { found: count(s.total, `${at}.${m}.total`, 'total'), hit: count(s.covered, `${at}.${m}.covered`, 'covered') };
            if (c.hit > c.found)
                throw new errors/* UserError */.yo(`${m}: covered ${c.hit} is more than total ${c.found}`, at);
            file.fixed[m] = c;
        }
        addFile(report, file);
    }
    return report;
}
function parseCoveragePyJson(data, name) {
    const report = emptyReport();
    report.sources.push(name);
    report.formats.push('coveragepy-json');
    if (!isObj(data) || !isObj(data.files))
        throw new errors/* UserError */.yo('expected coverage.py JSON with meta, files and totals', name);
    for (const [key, raw] of Object.entries(data.files)) {
        const at = `${name}: files.${key}`;
        if (!isObj(raw) || !Array.isArray(raw.executed_lines) || !Array.isArray(raw.missing_lines))
            throw new errors/* UserError */.yo('a file needs executed_lines and missing_lines arrays', at);
        const file = newFile(normalisePath(key), 'coveragepy-json');
        raw.executed_lines.forEach((l, i) => {
            const n = line(l, `${at}.executed_lines[${i}]`);
            if (n > 0)
                file.lines.add(n, 1);
        });
        raw.missing_lines.forEach((l, i) => {
            const n = line(l, `${at}.missing_lines[${i}]`);
            if (n > 0)
                file.lines.add(n, 0);
        });
        for (const [field, taken] of [
            ['executed_branches', 1],
            ['missing_branches', 0],
        ]) {
            const arcs = raw[field];
            if (arcs === undefined)
                continue;
            if (!Array.isArray(arcs))
                throw new errors/* UserError */.yo(`${field} must be an array`, at);
            arcs.forEach((arc, i) => {
                if (!Array.isArray(arc) || arc.length !== 2 || arc.some((x) => typeof x !== 'number'))
                    throw new errors/* UserError */.yo(`${field}[${i}] must be a [from, to] pair of line numbers`, at);
                const from = arc[0];
                file.branches.set(`${from}>${arc[1]}`, { line: Math.abs(from), taken });
            });
        }
        addFile(report, file);
    }
    return report;
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/parsers/lcov.js
/**
 * lcov tracefile parser (geninfo(1) "TRACEFILE FORMAT"), streaming over bytes: DA, BRDA, FN and
 * FNDA lines (nearly all of a big tracefile) are parsed without creating strings, and a file's
 * repeated sections (one per test) are matched record by record with the previous one.
 *
 * - Records: TN, SF, VER, FN/FNDA (old), FNL/FNA (lcov >= 2.2, counted per function group),
 *   BRDA (`-` taken = found but never evaluated; `e`/`f`/`U` block flags kept in the key), DA,
 *   end_of_record. Summary records (LF/LH, BRF/BRH, FNF/FNH, MCF/MCH) are ignored: totals are
 *   recomputed from the points, as lcov itself does when merging. MCDC records are ignored.
 * - The same SF in several records (several TN sections, or repeated) is merged: hits add up and
 *   each point (DA line, BRDA line/block/branch, function) counts once.
 * - BRDA's branch may be an expression containing commas: line and block are read from the left,
 *   taken from the right.
 * - Line 0 (coverage.py's `BRDA:0,...`) is not a source line and is dropped.
 * - CRLF line endings, blank lines, `#` comments and a missing final end_of_record are accepted.
 */



const NL = 10;
const CR = 13;
const COMMA = 44;
const COLON = 58;
const ZERO = 48;
const NINE = 57;
/** Index of byte `c` in b[from, to), or -1 (a JS loop: much cheaper than Buffer#indexOf on short lines). */
function find(b, c, from, to) {
    for (let i = from; i < to; i++)
        if (b[i] === c)
            return i;
    return -1;
}
function findLast(b, c, from, to) {
    for (let i = to - 1; i >= from; i--)
        if (b[i] === c)
            return i;
    return -1;
}
/**
 * What a file's previous section looked like, in order: per-test captures repeat each file's FN,
 * FNDA and BRDA lines in the same order, so the n-th record of a section is checked against the
 * n-th point of the last one (a byte compare, no string, no Map lookup) before the general path.
 */
/** Names by position, their bytes kept together (ASCII, as the report wrote them). */
class Names {
    bytes = new Uint8Array(512);
    used = 0;
    off = new Int32Array(32);
    /** 0: no name at this position. */
    len = new Int32Array(32);
    set(x, b, s, e) {
        if (x >= this.len.length) {
            const n = Math.max(x + 1, this.len.length * 2);
            const off = new Int32Array(n);
            off.set(this.off);
            this.off = off;
            const len = new Int32Array(n);
            len.set(this.len);
            this.len = len;
        }
        const l = e - s;
        if (this.used + l > this.bytes.length) {
            if (this.bytes.length >= 1 << 16) {
                // sections keep changing order: forget every position rather than grow without end
                this.used = 0;
                this.len.fill(0);
            }
            if (l > this.bytes.length - this.used) {
                const bytes = new Uint8Array(Math.max(this.bytes.length * 2, l));
                bytes.set(this.bytes.subarray(0, this.used));
                this.bytes = bytes;
            }
        }
        this.bytes.set(b.subarray(s, e), this.used);
        this.off[x] = this.used;
        this.len[x] = l;
        this.used += l;
    }
}
function grown(a, x) {
    const n = new Float64Array(Math.max(x + 1, a.length * 2));
    n.set(a);
    return n;
}
/**
 * What a file's previous section looked like, by position: per-test captures repeat each file's
 * FN, FNDA and BRDA lines in the same order, so the n-th record of a section is checked against
 * the n-th of the last one (bytes compared, no string, no Map lookup) before the general path.
 * Counts of predicted records add up in flat arrays (`brAdd`, `fndaAdd`) kept next to each other
 * for the file (a 200 MB report touches every file's data once per section: scattered objects
 * would miss the cache on each record); they go into the points when the position is given to
 * another point and at the end.
 */
class SectionOrder {
    brKey = new Int32Array(64);
    brAdd = new Float64Array(64);
    br = [];
    fn = [];
    fnName = new Names();
    fnda = [];
    fndaAdd = new Float64Array(32);
    fndaName = new Names();
    flush() {
        for (let i = 0; i < this.br.length; i++) {
            const p = this.br[i];
            if (p !== undefined && this.brAdd[i] !== 0)
                p.taken += this.brAdd[i];
        }
        this.brAdd.fill(0);
        for (let i = 0; i < this.fnda.length; i++) {
            const p = this.fnda[i];
            if (p !== undefined && this.fndaAdd[i] !== 0)
                p.hits += this.fndaAdd[i];
        }
        this.fndaAdd.fill(0);
    }
}
/**
 * Points are made with `new` rather than as literals: a literal's allocation site changes its
 * tenuring once many points survive, and that throws the optimised parser away mid-report.
 */
class Branch {
    line;
    taken;
    constructor(line, taken) {
        this.line = line;
        this.taken = taken;
    }
}
class Fn {
    name;
    line;
    hits;
    constructor(name, line, hits) {
        this.name = name;
        this.line = line;
        this.hits = hits;
    }
}
/** An SF line's path bytes and what they led to. */
class KnownFile {
    raw;
    file;
    order;
    constructor(raw, file, order) {
        this.raw = raw;
        this.file = file;
        this.order = order;
    }
}
/**
 * A tiny tracefile with every fast path in it, repeated (so later sections take the predicted
 * paths), parsed once per process before the first real report: the optimising compiler then has
 * type feedback for every branch of `block` when it compiles it during the first chunk, instead of
 * compiling, deoptimising on the first repeated section and compiling again.
 */
const WARM_UP = Buffer.from('TN:t\nSF:a\nFN:1,f\nFN:2,3,g\nFNDA:1,f\nFNDA:0,g\nFNF:2\nFNH:1\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nBRF:2\nBRH:1\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n'.repeat(2), 'latin1');
let warmedUp = false;
class LcovParser {
    name;
    report = emptyReport();
    carry;
    lineNo = 0;
    file;
    order;
    orders = new Map();
    /** SF lines seen, by a hash of their bytes. */
    sf = new Map();
    /** Position in the current section's BRDA, FN and FNDA records (see SectionOrder). */
    bi = 0;
    fi = 0;
    di = 0;
    fnl = new Map();
    sawRecord = false;
    constructor(name) {
        this.name = name;
        this.report.sources.push(name);
        this.report.formats.push('lcov');
        if (!warmedUp) {
            warmedUp = true;
            const w = new LcovParser('warm-up');
            // V8 keeps type feedback for a function only after a few calls: push it in several pieces
            for (let i = 0; i < 16; i++)
                w.push(WARM_UP);
            w.end();
        }
    }
    push(chunk) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        let start = 0;
        if (this.carry) {
            const nl = buf.indexOf(NL);
            if (nl === -1) {
                this.carry = Buffer.concat([this.carry, buf]);
                if (this.carry.length > 1 << 20)
                    throw new errors/* UserError */.yo('a line is longer than 1 MB: this is not an lcov tracefile', `${this.name}:${this.lineNo + 1}`);
                return;
            }
            const joined = Buffer.concat([this.carry, buf.subarray(0, nl + 1)]);
            this.carry = undefined;
            this.lineNo = this.block(joined, 0, joined.length, this.lineNo);
            start = nl + 1;
        }
        // whole lines only: every line of [start, last) ends with a newline, so the scans below stop
        // at it without bounds checks; the rest waits for the next chunk
        const last = buf.lastIndexOf(NL) + 1;
        if (last > start)
            this.lineNo = this.block(buf, start, last, this.lineNo);
        const rest = Math.max(start, last);
        if (rest < buf.length)
            this.carry = Buffer.from(buf.subarray(rest));
    }
    end() {
        if (this.carry) {
            const c = this.carry;
            this.carry = undefined;
            this.line(c, 0, c.length);
        }
        this.flush();
        for (const o of this.orders.values())
            o.flush();
        if (!this.sawRecord)
            throw new errors/* UserError */.yo('no lcov records (SF:/DA:/end_of_record) found', this.name);
        this.report.files.delete('');
        return this.report;
    }
    /**
     * Lines b[s, e), each ending with a newline (b[e - 1] is one). The common lines (`DA:<n>,<n>`,
     * `BRDA:<n>,<n>,<n>,<n|->`, `FN:<n>,[<n>,]<name>`, `FNDA:<n>,<name>` with plain numbers and
     * ASCII names) are parsed here from the bytes; anything else takes the general path, `line`.
     * Returns the line number reached. (Nothing after the loop touches `this`: the loop runs
     * optimised from its first chunk on, and code after it without type feedback would throw it
     * back to the interpreter at the end of every chunk.)
     */
    block(b, s, e, lineNo) {
        let f = this.file;
        let ord = this.order;
        while (s < e) {
            const c0 = b[s];
            if (f !== undefined && ord !== undefined) {
                if (c0 === 68 /* D */ && b[s + 1] === 65 && b[s + 2] === COLON) {
                    let i = s + 3;
                    let c = b[i];
                    let line = 0;
                    while (c >= ZERO && c <= NINE) {
                        line = line * 10 + (c - ZERO);
                        c = b[++i];
                    }
                    const l = i - s - 3;
                    if (l > 0 && l < 10 && c === COMMA) {
                        const h0 = ++i;
                        c = b[i];
                        let hits = 0;
                        while (c >= ZERO && c <= NINE) {
                            hits = hits * 10 + (c - ZERO);
                            c = b[++i];
                        }
                        const h = i - h0;
                        if (c === CR && b[i + 1] === NL)
                            c = b[++i];
                        if (h > 0 && h < 10 && c === NL) {
                            lineNo++;
                            if (line > 0)
                                f.lines.addInt(line, hits);
                            s = i + 1;
                            continue;
                        }
                    }
                }
                else if (c0 === 66 /* B */ && b[s + 1] === 82 && b[s + 2] === 68 && b[s + 3] === 65 && b[s + 4] === COLON) {
                    let i = s + 5;
                    let c = b[i];
                    let line = 0;
                    while (c >= ZERO && c <= NINE) {
                        line = line * 10 + (c - ZERO);
                        c = b[++i];
                    }
                    const l = i - s - 5;
                    if (l > 0 && l < 10 && c === COMMA && line < 1 << 18) {
                        const k0 = ++i;
                        c = b[i];
                        let block = 0;
                        while (c >= ZERO && c <= NINE) {
                            block = block * 10 + (c - ZERO);
                            c = b[++i];
                        }
                        if (i > k0 && i - k0 < 3 && block < 64 && c === COMMA) {
                            const r0 = ++i;
                            c = b[i];
                            let branch = 0;
                            while (c >= ZERO && c <= NINE) {
                                branch = branch * 10 + (c - ZERO);
                                c = b[++i];
                            }
                            if (i > r0 && i - r0 < 3 && branch < 64 && c === COMMA) {
                                const t0 = ++i;
                                c = b[i];
                                let taken = 0;
                                if (c === 45 /* - */)
                                    c = b[++i];
                                else
                                    while (c >= ZERO && c <= NINE) {
                                        taken = taken * 10 + (c - ZERO);
                                        c = b[++i];
                                    }
                                const t = i - t0;
                                if (c === CR && b[i + 1] === NL)
                                    c = b[++i];
                                if (t > 0 && t < 10 && c === NL) {
                                    lineNo++;
                                    s = i + 1;
                                    if (line > 0) {
                                        const k = line * 4096 + block * 64 + branch; // a small integer key (no heap number)
                                        const bi = this.bi++;
                                        if (bi < ord.brKey.length && ord.brKey[bi] === k)
                                            ord.brAdd[bi] = ord.brAdd[bi] + taken;
                                        else
                                            LcovParser.branch(f, ord, bi, k, line, taken);
                                    }
                                    continue;
                                }
                            }
                        }
                    }
                }
                else if (c0 === 70 /* F */ && b[s + 1] === 78 /* N */) {
                    const c2 = b[s + 2];
                    const da = c2 === 68 && b[s + 3] === 65 && b[s + 4] === COLON; // FNDA:<count>,<name>
                    if (da || c2 === COLON) {
                        // FN:<line>,[<end line>,]<name>
                        let i = da ? s + 5 : s + 3;
                        const d0 = i;
                        let c = b[i];
                        let n = 0;
                        while (c >= ZERO && c <= NINE) {
                            n = n * 10 + (c - ZERO);
                            c = b[++i];
                        }
                        if (i > d0 && i - d0 < 10 && c === COMMA) {
                            let n0 = ++i;
                            c = b[i];
                            if (!da) {
                                while (c >= ZERO && c <= NINE)
                                    c = b[++i];
                                if (i > n0 && c === COMMA)
                                    n0 = i + 1;
                            }
                            // the name the previous section had here, compared while reading
                            const x = da ? this.di : this.fi;
                            const nm = da ? ord.fndaName : ord.fnName;
                            const len = x < nm.len.length ? nm.len[x] : 0;
                            if (len > 0) {
                                const pb = nm.bytes;
                                const o = nm.off[x] - n0;
                                let k = n0;
                                const ke = n0 + len;
                                while (k < ke && b[k] === pb[o + k])
                                    k++;
                                if (k === ke) {
                                    let j = n0 + len;
                                    c = b[j];
                                    if (c === CR && b[j + 1] === NL)
                                        c = b[++j];
                                    if (c === NL) {
                                        lineNo++;
                                        s = j + 1;
                                        if (da) {
                                            ord.fndaAdd[x] = ord.fndaAdd[x] + n;
                                            this.di++;
                                        }
                                        else
                                            this.fi++;
                                        continue;
                                    }
                                }
                            }
                            i = n0;
                            c = b[i];
                            while (c !== NL && c !== CR && c < 128)
                                c = b[++i];
                            const n1 = i;
                            if (c === CR && b[i + 1] === NL)
                                c = b[++i];
                            if (c === NL && n1 > n0) {
                                lineNo++;
                                s = i + 1;
                                LcovParser.fn(f, ord, da, x, b, n0, n1, n);
                                if (da)
                                    this.di++;
                                else
                                    this.fi++;
                                continue;
                            }
                        }
                    }
                }
            }
            // summary and test-name records (LF LH BRF BRH FNF FNH TN) carry nothing we keep
            const c1 = b[s + 1];
            if ((c0 === 76 /* L */ && (c1 === 70 || c1 === 72) && b[s + 2] === COLON) ||
                (c0 === 84 /* T */ && c1 === 78 && b[s + 2] === COLON) ||
                ((c0 === 66 /* B */ ? c1 === 82 : c0 === 70 /* F */ && c1 === 78) && (b[s + 2] === 70 || b[s + 2] === 72) && b[s + 3] === COLON)) {
                lineNo++;
                s = find(b, NL, s, e) + 1;
                continue;
            }
            // end_of_record
            if (c0 === 101 /* e */ && c1 === 110 && b[s + 2] === 100 && b[s + 3] === 95 && b[s + 4] === 111 && b[s + 5] === 102 && b[s + 6] === 95 && b[s + 7] === 114 && b[s + 8] === 101 && b[s + 9] === 99 && b[s + 10] === 111 && b[s + 11] === 114 && b[s + 12] === 100) {
                let i = s + 13;
                if (b[i] === CR)
                    i++;
                if (b[i] === NL) {
                    lineNo++;
                    this.flush();
                    this.sawRecord = true;
                    f = undefined;
                    ord = undefined;
                    s = i + 1;
                    continue;
                }
            }
            // the general path: one line, as text where it needs to be
            const nl = find(b, NL, s, e);
            // SF:<path> seen before (the same bytes): the same file, without making the path again
            let h = 0;
            let pe = nl;
            if (c0 === 83 /* S */ && c1 === 70 && b[s + 2] === COLON) {
                if (b[pe - 1] === CR)
                    pe--;
                h = 0x811c9dc5;
                for (let i = s + 3; i < pe; i++)
                    h = Math.imul(h ^ b[i], 0x01000193);
                const known = this.sf.get(h);
                if (known !== undefined && known.raw.length === pe - s - 3 && b.compare(known.raw, 0, known.raw.length, s + 3, pe) === 0) {
                    lineNo++;
                    this.flush();
                    this.file = f = known.file;
                    this.order = ord = known.order;
                    this.bi = this.fi = this.di = 0;
                    this.sawRecord = true;
                    s = nl + 1;
                    continue;
                }
            }
            this.lineNo = lineNo;
            this.line(b, s, nl);
            lineNo = this.lineNo;
            f = this.file;
            ord = this.order;
            if (h !== 0 && f !== undefined && ord !== undefined)
                this.sf.set(h, new KnownFile(Buffer.from(b.subarray(s + 3, pe)), f, ord));
            s = nl + 1;
        }
        return lineNo;
    }
    /** A BRDA point not where the previous section had it (first seen, or in another order). */
    static branch(f, ord, bi, k, line, taken) {
        if (bi >= ord.brKey.length) {
            const key = new Int32Array(Math.max(bi + 1, ord.brKey.length * 2));
            key.set(ord.brKey);
            ord.brKey = key;
            ord.brAdd = grown(ord.brAdd, bi);
        }
        const old = ord.br[bi];
        if (old !== undefined)
            old.taken += ord.brAdd[bi];
        let cur = f.branches.get(k);
        if (cur)
            cur.taken += taken;
        else
            f.branches.set(k, (cur = new Branch(line, taken)));
        ord.brKey[bi] = k;
        ord.brAdd[bi] = 0;
        ord.br[bi] = cur;
    }
    /** The same for FN (`da` false, `n` = line) and FNDA (`da` true, `n` = count) with the name in b[n0, n1). */
    static fn(f, ord, da, x, b, n0, n1, n) {
        const name = b.toString('latin1', n0, n1);
        let fn = f.functions.get(name);
        if (da) {
            if (x >= ord.fndaAdd.length)
                ord.fndaAdd = grown(ord.fndaAdd, x);
            const old = ord.fnda[x];
            if (old !== undefined)
                old.hits += ord.fndaAdd[x];
            ord.fndaAdd[x] = 0;
            if (fn)
                fn.hits += n;
            else
                f.functions.set(name, (fn = new Fn(name, 0, n)));
            ord.fnda[x] = fn;
            ord.fndaName.set(x, b, n0, n1);
        }
        else {
            if (!fn)
                f.functions.set(name, (fn = new Fn(name, n, 0)));
            ord.fn[x] = fn;
            ord.fnName.set(x, b, n0, n1);
        }
    }
    where() {
        return `${this.name}:${this.lineNo}`;
    }
    flush() {
        this.file = undefined;
        this.order = undefined;
        if (this.fnl.size > 0)
            this.fnl.clear(); // clear() allocates a new table: not once per record
    }
    need(kind) {
        if (!this.file)
            throw new errors/* UserError */.yo(`${kind} record outside a file section (no SF: before it)`, this.where());
        return this.file;
    }
    /** A plain non-negative integer in b[s, e), or -1 when it is anything else (then parsed as text). */
    static int(b, s, e) {
        if (s >= e || e - s > 15)
            return -1;
        let n = 0;
        for (let i = s; i < e; i++) {
            const c = b[i];
            if (c < ZERO || c > NINE)
                return -1;
            n = n * 10 + (c - ZERO);
        }
        return n;
    }
    lineAt(b, s, e) {
        const n = LcovParser.int(b, s, e);
        return n >= 0 ? n : parseLine(b.toString('utf8', s, e), this.where());
    }
    countAt(b, s, e, what) {
        const n = LcovParser.int(b, s, e);
        return n >= 0 ? n : parseCount(b.toString('utf8', s, e).trim(), this.where(), what);
    }
    line(b, start, endRaw) {
        this.lineNo++;
        let end = endRaw;
        if (end > start && b[end - 1] === CR)
            end--;
        while (start < end && (b[start] === 32 || b[start] === 9))
            start++;
        if (start === end)
            return;
        const c0 = b[start];
        // DA:<line>,<count>[,<checksum>]
        if (c0 === 68 /* D */ && b[start + 1] === 65 /* A */ && b[start + 2] === COLON) {
            const f = this.need('DA');
            const s = start + 3;
            const c1 = find(b, COMMA, s, end);
            if (c1 === -1)
                throw new errors/* UserError */.yo(`DA needs <line>,<count>, got '${clip(b.toString('utf8', s, end))}'`, this.where());
            let c2 = find(b, COMMA, c1 + 1, end);
            if (c2 === -1)
                c2 = end;
            const line = this.lineAt(b, s, c1);
            const hits = this.countAt(b, c1 + 1, c2, 'DA count');
            if (line > 0)
                f.lines.add(line, hits);
            return;
        }
        // BRDA:<line>,<block>,<branch>,<taken>
        if (c0 === 66 /* B */ && b[start + 1] === 82 && b[start + 2] === 68 && b[start + 3] === 65 && b[start + 4] === COLON) {
            const f = this.need('BRDA');
            const s = start + 5;
            const c1 = find(b, COMMA, s, end);
            const c2 = c1 === -1 ? -1 : find(b, COMMA, c1 + 1, end);
            const cl = findLast(b, COMMA, s, end);
            if (c1 === -1 || c2 === -1 || cl <= c2)
                throw new errors/* UserError */.yo(`BRDA needs <line>,<block>,<branch>,<taken>, got '${clip(b.toString('utf8', s, end))}'`, this.where());
            const line = this.lineAt(b, s, c1);
            let te = end;
            while (te > cl + 1 && (b[te - 1] === 32 || b[te - 1] === 9))
                te--;
            const taken = te === cl + 2 && b[cl + 1] === 45 /* - */ ? 0 : this.countAt(b, cl + 1, te, 'BRDA taken');
            if (line === 0)
                return;
            // key: (line, block, branch); plain small numbers make a number key, anything else a string
            const block = LcovParser.int(b, c1 + 1, c2);
            const branch = LcovParser.int(b, c2 + 1, cl);
            // the same key as the fast path for small plain numbers, else the text itself
            const k = line < 1 << 18 && block >= 0 && block < 64 && branch >= 0 && branch < 64 ? line * 4096 + block * 64 + branch : b.toString('utf8', s, cl);
            const cur = f.branches.get(k);
            if (cur)
                cur.taken += taken;
            else
                f.branches.set(k, new Branch(line, taken));
            return;
        }
        if (c0 === 35 /* # */)
            return;
        // summary and test-name records, recognised without making strings: LF LH BRF BRH FNF FNH TN
        const c1 = b[start + 1];
        if ((c0 === 76 /* L */ && (c1 === 70 || c1 === 72) && b[start + 2] === COLON) ||
            (c0 === 84 /* T */ && c1 === 78 && b[start + 2] === COLON) ||
            (c0 === 66 /* B */ && c1 === 82 && (b[start + 2] === 70 || b[start + 2] === 72) && b[start + 3] === COLON) ||
            (c0 === 70 /* F */ && c1 === 78 && (b[start + 2] === 70 || b[start + 2] === 72) && b[start + 3] === COLON))
            return;
        const colon = find(b, COLON, start, end);
        if (colon === -1) {
            const word = b.toString('utf8', start, end).trim();
            if (word === 'end_of_record') {
                this.flush();
                this.sawRecord = true;
                return;
            }
            throw new errors/* UserError */.yo(`'${clip(word)}' is not an lcov record`, this.where());
        }
        const key = b.toString('latin1', start, colon);
        if (key === 'LF' || key === 'LH' || key === 'BRF' || key === 'BRH' || key === 'FNF' || key === 'FNH' || key === 'TN' || key === 'VER' || key === 'MCDC' || key === 'MCF' || key === 'MCH')
            return;
        const val = b.toString('utf8', colon + 1, end);
        switch (key) {
            case 'SF': {
                this.flush();
                const p = normalisePath(val);
                const cur = this.report.files.get(p);
                this.file = cur ?? newFile(p, 'lcov');
                if (!cur)
                    this.report.files.set(p, this.file); // repeated SF: points go straight into the same file
                let ord = this.orders.get(this.file);
                if (!ord)
                    this.orders.set(this.file, (ord = new SectionOrder()));
                this.order = ord;
                this.bi = this.fi = this.di = 0;
                this.sawRecord = true;
                return;
            }
            case 'FN': {
                const f = this.need('FN');
                const c1 = val.indexOf(',');
                if (c1 === -1)
                    throw new errors/* UserError */.yo(`FN needs <line>,[<end>,]<name>, got '${clip(val)}'`, this.where());
                const line = parseLine(val.slice(0, c1), this.where());
                let name = val.slice(c1 + 1);
                const c2 = name.indexOf(',');
                if (c2 !== -1 && /^\d+$/.test(name.slice(0, c2)))
                    name = name.slice(c2 + 1);
                if (!f.functions.has(name))
                    f.functions.set(name, new Fn(name, line, 0));
                return;
            }
            case 'FNDA': {
                const f = this.need('FNDA');
                const c1 = val.indexOf(',');
                if (c1 === -1)
                    throw new errors/* UserError */.yo(`FNDA needs <count>,<name>, got '${clip(val)}'`, this.where());
                const hits = parseCount(val.slice(0, c1), this.where(), 'FNDA count');
                const name = val.slice(c1 + 1);
                const fn = f.functions.get(name);
                if (fn)
                    fn.hits += hits;
                else
                    f.functions.set(name, new Fn(name, 0, hits));
                return;
            }
            case 'FNL': {
                this.need('FNL');
                const [idx, startLine] = val.split(',');
                this.fnl.set(idx ?? '', parseLine(startLine ?? '', this.where()));
                return;
            }
            case 'FNA': {
                const f = this.need('FNA');
                const c1 = val.indexOf(',');
                const c2 = c1 === -1 ? -1 : val.indexOf(',', c1 + 1);
                if (c2 === -1)
                    throw new errors/* UserError */.yo(`FNA needs <index>,<count>,<name>, got '${clip(val)}'`, this.where());
                const idx = val.slice(0, c1);
                const hits = parseCount(val.slice(c1 + 1, c2), this.where(), 'FNA count');
                const line = this.fnl.get(idx);
                if (line === undefined)
                    throw new errors/* UserError */.yo(`FNA refers to function ${idx}, which has no FNL`, this.where());
                // A function group (aliases share one FNL) counts once, keyed by its location.
                const k = `@${line}`;
                const fn = f.functions.get(k);
                if (fn)
                    fn.hits += hits;
                else
                    f.functions.set(k, new Fn(val.slice(c2 + 1), line, hits));
                return;
            }
            default:
                if (!/^[A-Z][A-Z0-9_]*$/.test(key))
                    throw new errors/* UserError */.yo(`'${clip(b.toString('utf8', start, end))}' is not an lcov record`, this.where());
        }
    }
}
async function parseLcov(text, name) {
    const p = new LcovParser(name);
    if (typeof text === 'string')
        p.push(text);
    else
        for await (const c of text)
            p.push(c);
    return p.end();
}

// EXTERNAL MODULE: ./node_modules/saxes/saxes.js
var saxes = __webpack_require__(9800);
;// CONCATENATED MODULE: ./.tmp/build/coverage/parsers/xml.js
/**
 * Streaming parsers for the XML formats: Cobertura (coverage-04.dtd: coverage.py, gcovr,
 * Istanbul, Coverlet...), JaCoCo (report.dtd) and Clover (Clover XSD; PHPUnit and Istanbul
 * dialects). saxes is a non-validating parser: a DOCTYPE's external DTD is never fetched and
 * external entities are never resolved (no XXE, no network).
 */




async function parseXmlReport(text, name, expected) {
    const report = { ...emptyReport(), roots: [] };
    report.sources.push(name);
    const parser = new saxes/* SaxesParser */.wT({ position: true, xmlns: false });
    const stack = [];
    let handler;
    let failure;
    const where = () => `${name}:${parser.line}`;
    parser.on('error', (e) => {
        failure ??= new errors/* UserError */.yo(`not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, where());
    });
    parser.on('opentag', (tag) => {
        if (failure)
            return;
        try {
            if (!handler) {
                const fmt = rootFormat(tag);
                if (!fmt)
                    throw new errors/* UserError */.yo(`<${clip(tag.name)}> is not the root of a Cobertura, JaCoCo or Clover report`, where());
                if (expected && fmt !== expected)
                    throw new errors/* UserError */.yo(`this is a ${fmt} report, not ${expected} (check the format input)`, where());
                report.formats.push(fmt);
                handler = fmt === 'cobertura' ? cobertura(report, where) : fmt === 'jacoco' ? jacoco(report, where) : clover(report, where, tag);
            }
            handler.open(tag, stack);
            stack.push(tag.name);
        }
        catch (e) {
            failure = e;
        }
    });
    parser.on('closetag', (tag) => {
        if (failure)
            return;
        stack.pop();
        try {
            handler?.close(tag.name, stack);
        }
        catch (e) {
            failure = e;
        }
    });
    parser.on('text', (t) => {
        if (!failure && handler?.text)
            handler.text(t, stack);
    });
    let first = true;
    for await (let chunk of chunksOf(text)) {
        if (first) {
            if (chunk.charCodeAt(0) === 0xfeff)
                chunk = chunk.slice(1); // BOM
            first = false;
        }
        try {
            parser.write(chunk);
        }
        catch (e) {
            failure ??= (0,errors/* isUserError */.iU)(e) ? e : new errors/* UserError */.yo(`not well-formed XML: ${e.message}`, where());
        }
        if (failure)
            throw failure;
    }
    try {
        parser.close();
    }
    catch (e) {
        failure ??= new errors/* UserError */.yo(`not well-formed XML: ${e.message.replace(/^[^:]*:\d+:\d+: /, '')}`, where());
    }
    if (failure)
        throw failure;
    if (!handler)
        throw new errors/* UserError */.yo('no XML elements found', name);
    return report;
}
function rootFormat(tag) {
    if (tag.name === 'report')
        return 'jacoco';
    if (tag.name === 'coverage')
        return 'clover' in tag.attributes || 'generated' in tag.attributes ? 'clover' : 'cobertura';
    return undefined;
}
function attr(tag, key) {
    return tag.attributes[key];
}
function num(tag, key, where, fallback) {
    const v = attr(tag, key);
    if (v === undefined) {
        if (fallback !== undefined)
            return fallback;
        throw new errors/* UserError */.yo(`<${tag.name}> has no ${key} attribute`, where());
    }
    return parseCount(v, where, `${tag.name}@${key}`);
}
function cobertura(report, where) {
    let file;
    let method;
    let sourceText;
    return {
        open(tag) {
            switch (tag.name) {
                case 'source':
                    sourceText = '';
                    break;
                case 'class': {
                    const fn = attr(tag, 'filename');
                    if (fn === undefined)
                        throw new errors/* UserError */.yo('<class> has no filename attribute', where());
                    file = newFile(normalisePath(fn), 'cobertura');
                    break;
                }
                case 'method':
                    if (file) {
                        const h = attr(tag, 'hits');
                        method = { name: own(`${attr(tag, 'name') ?? ''}${attr(tag, 'signature') ?? ''}`), line: 0, hits: h === undefined ? 0 : parseCount(h, where, 'method@hits'), explicit: h !== undefined };
                    }
                    break;
                case 'line': {
                    if (!file)
                        return;
                    const line = parseLine(attr(tag, 'number') ?? '', where, 'line@number');
                    const hits = num(tag, 'hits', where);
                    if (method) {
                        if (method.line === 0 || line < method.line)
                            method.line = line;
                        if (!method.explicit)
                            method.hits = Math.max(method.hits, hits);
                        return; // a method's lines repeat the class's <lines>
                    }
                    if (line === 0)
                        return;
                    file.lines.keepMax(line, hits);
                    if (attr(tag, 'branch') === 'true') {
                        const m = /\((\d+)\/(\d+)\)/.exec(attr(tag, 'condition-coverage') ?? '');
                        if (m)
                            file.lines.setBranches(line, Number(m[2]), Number(m[1]));
                    }
                    break;
                }
            }
        },
        text(t, stack) {
            if (sourceText !== undefined && stack[stack.length - 1] === 'source')
                sourceText += t;
        },
        close(name) {
            if (name === 'source' && sourceText !== undefined) {
                const s = normalisePath(sourceText);
                if (s.length > 0 && !s.startsWith('-'))
                    report.roots.push(s);
                sourceText = undefined;
            }
            else if (name === 'method' && method && file) {
                file.functions.set(`${method.name}@${method.line}`, { name: method.name, line: method.line, hits: method.hits });
                method = undefined;
            }
            else if (name === 'class' && file) {
                addFile(report, file);
                file = undefined;
            }
        },
    };
}
function jacoco(report, where) {
    let pkg = '';
    let file;
    return {
        open(tag, stack) {
            const parent = stack[stack.length - 1];
            switch (tag.name) {
                case 'package':
                    pkg = own(attr(tag, 'name') ?? '');
                    break;
                case 'sourcefile': {
                    const n = attr(tag, 'name');
                    if (n === undefined)
                        throw new errors/* UserError */.yo('<sourcefile> has no name attribute', where());
                    file = newFile(normalisePath(pkg ? `${pkg}/${n}` : n), 'jacoco');
                    break;
                }
                case 'line': {
                    if (!file)
                        return;
                    const nr = parseLine(attr(tag, 'nr') ?? '', where, 'line@nr');
                    const mi = num(tag, 'mi', where, 0);
                    const ci = num(tag, 'ci', where, 0);
                    const mb = num(tag, 'mb', where, 0);
                    const cb = num(tag, 'cb', where, 0);
                    if (nr === 0 || mi + ci === 0)
                        return; // JaCoCo counts a line only when it has instructions
                    file.lines.keepMax(nr, ci);
                    if (mb + cb > 0)
                        file.lines.setBranches(nr, mb + cb, cb);
                    break;
                }
                case 'counter': {
                    if (!file || parent !== 'sourcefile')
                        return;
                    const type = attr(tag, 'type');
                    const missed = num(tag, 'missed', where);
                    const covered = num(tag, 'covered', where);
                    const c = { found: missed + covered, hit: covered };
                    if (type === 'METHOD')
                        file.fixed.functions = c;
                    else if (type === 'INSTRUCTION')
                        file.fixed.statements = c;
                    break;
                }
            }
        },
        close(name) {
            if (name === 'sourcefile' && file) {
                addFile(report, file);
                file = undefined;
            }
            else if (name === 'package')
                pkg = '';
        },
    };
}
function clover(report, where, root) {
    // Istanbul's Clover writes truecount = branches covered on the line, falsecount = not covered;
    // real Clover writes how often the condition was true and false.
    const istanbul = attr(root, 'clover') === '3.2.0';
    let file;
    return {
        open(tag, stack) {
            const parent = stack[stack.length - 1];
            switch (tag.name) {
                case 'file': {
                    const p = attr(tag, 'path') ?? attr(tag, 'name');
                    if (p === undefined)
                        throw new errors/* UserError */.yo('<file> has no name or path attribute', where());
                    file = newFile(normalisePath(p), 'clover');
                    break;
                }
                case 'metrics':
                    if (file && parent === 'file') {
                        file.fixed.lines = { found: num(tag, 'statements', where, 0), hit: num(tag, 'coveredstatements', where, 0) };
                        file.fixed.statements = file.fixed.lines;
                        file.fixed.branches = { found: num(tag, 'conditionals', where, 0), hit: num(tag, 'coveredconditionals', where, 0) };
                        file.fixed.functions = { found: num(tag, 'methods', where, 0), hit: num(tag, 'coveredmethods', where, 0) };
                    }
                    break;
                case 'line': {
                    if (!file)
                        return;
                    const n = parseLine(attr(tag, 'num') ?? '', where, 'line@num');
                    const type = attr(tag, 'type') ?? 'stmt';
                    const count = num(tag, 'count', where, 0);
                    if (n === 0 || type === 'method')
                        return;
                    file.lines.keepMax(n, count);
                    if (type === 'cond') {
                        const t = num(tag, 'truecount', where, 0);
                        const f = num(tag, 'falsecount', where, 0);
                        if (istanbul)
                            file.lines.setBranches(n, t + f, t);
                        else
                            file.lines.setBranches(n, 2, (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0));
                    }
                    break;
                }
            }
        },
        close(name) {
            if (name === 'file' && file) {
                addFile(report, file);
                file = undefined;
            }
        },
    };
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/parse.js
/**
 * One entry for every format: detects the format from the report's first bytes (or takes the one
 * forced by the user), then streams the text through the right parser.
 */







function parseFormatChoice(raw, where) {
    const v = raw.trim() || 'auto';
    if (v === 'auto' || FORMATS.includes(v))
        return v;
    throw new errors/* UserError */.yo(`'${clip(v)}' is not a coverage format; expected auto or one of ${FORMATS.join(', ')}`, where);
}
/** Detects the format from the start of a report; undefined when it is none we know. */
function sniffFormat(sample) {
    const s = sample.replace(/^\ufeff/, '').trimStart();
    if (s.startsWith('<')) {
        if (/<report[\s>]/.test(s))
            return 'jacoco';
        if (/<coverage[^>]*\sclover=/.test(s) || /<coverage[^>]*\sgenerated=/.test(s))
            return 'clover';
        if (/<coverage[\s>]/.test(s))
            return 'cobertura';
        return 'xml';
    }
    if (s.startsWith('{')) {
        try {
            return jsonFormat(JSON.parse(s)) ?? 'json';
        }
        catch {
            // a sample cut in the middle of the JSON: look at the keys
            if (/"meta"\s*:\s*\{[^}]*"version"/.test(s) && /"files"/.test(s))
                return 'coveragepy-json';
            if (/^\{\s*"total"\s*:/.test(s))
                return 'istanbul-summary';
            if (/"statementMap"\s*:/.test(s) || /"coverageMap"\s*:/.test(s))
                return 'istanbul-final';
            return 'json';
        }
    }
    if (/^mode: /.test(s))
        return 'go';
    const first = s.split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#'));
    if (first !== undefined && /^(TN|SF|VER|FN|FNL|DA|BRDA):/.test(first))
        return 'lcov';
    return undefined;
}
async function* prepend(first, it) {
    yield* first;
    for (;;) {
        const n = await it.next();
        if (n.done)
            return;
        yield n.value;
    }
}
/**
 * Parses one report. `text` is the whole text or its chunks; `name` (the file name) prefixes every
 * error, with the line where one applies.
 */
async function parseReport(text, name, format = 'auto') {
    const it = rawChunks(text)[Symbol.asyncIterator]();
    const head = [];
    let first = '';
    const dec = new TextDecoder('utf-8');
    // gather enough to sniff
    while (first.length < 8192) {
        const n = await it.next();
        if (n.done)
            break;
        head.push(n.value);
        first += typeof n.value === 'string' ? n.value : dec.decode(n.value, { stream: true });
    }
    if (looksBinary(first))
        throw new errors/* UserError */.yo('this is a binary file, not a coverage report', name);
    if (first.trim() === '')
        throw new errors/* UserError */.yo('the report is empty', name);
    const sniffed = sniffFormat(first);
    let fmt;
    if (format === 'auto') {
        if (!sniffed || sniffed === 'xml' || sniffed === 'json')
            throw new errors/* UserError */.yo(`could not recognise the report format (${sniffed ? `${sniffed.toUpperCase()} of an unknown kind` : `starts with '${clip(first.trimStart(), 30)}'`}); set format to one of ${FORMATS.join(', ')}`, name);
        fmt = sniffed;
    }
    else {
        fmt = format;
        if (sniffed && sniffed !== fmt && sniffed !== 'xml' && sniffed !== 'json')
            throw new errors/* UserError */.yo(`format is set to ${fmt} but this looks like ${sniffed}: fix the format input or the file`, name);
    }
    const body = prepend(head, it);
    let report;
    switch (fmt) {
        case 'lcov':
            report = await parseLcov(body, name);
            break;
        case 'go':
            report = await parseGoProfile(body, name);
            break;
        case 'cobertura':
        case 'jacoco':
        case 'clover':
            report = await parseXmlReport(body, name, fmt);
            break;
        default: {
            const data = parseJsonText(await readAll(body), name);
            const jf = jsonFormat(data);
            if (jf && jf !== fmt)
                throw new errors/* UserError */.yo(`format is set to ${fmt} but this looks like ${jf}`, name);
            report =
                fmt === 'istanbul-final' ? parseIstanbulFinal(data, name) : fmt === 'istanbul-summary' ? parseIstanbulSummary(data, name) : parseCoveragePyJson(data, name);
        }
    }
    return report;
}
/** Number of executable lines/points in a report (0 means an empty report). */
function reportSize(r) {
    let n = 0;
    for (const f of r.files.values()) {
        n += f.lines.size + f.statements.size + f.branches.size;
        for (const c of Object.values(f.fixed))
            n += c.found;
        if (n > 0)
            return n;
    }
    return n;
}


;// CONCATENATED MODULE: ./.tmp/build/coverage/paths.js
/**
 * Maps the paths a report names (absolute CI or container paths, `./`, Windows `\`, Cobertura
 * source roots, Go import paths, JaCoCo package paths) to paths of files in the checkout.
 *
 * Order: explicit `path-strip` prefixes, then `path-prefix`, then the workspace, then exact
 * match, then each Cobertura `<source>` root, then Go module paths from go.mod files, then the
 * longest unique suffix match against the checkout's files. When most report files match
 * nothing, the caller is told so with examples and the fix, instead of gating on 0%.
 */



/** `\` to `/`, `./` and `//` removed, `..` resolved; a drive letter is kept as an absolute root. */
function cleanPath(p) {
    let s = p.trim().replace(/\\/g, '/');
    if (s.startsWith('file://'))
        s = s.slice(7);
    const abs = s.startsWith('/') || /^[A-Za-z]:\//.test(s);
    s = external_node_path_.posix.normalize(s);
    if (s === '.')
        return '';
    if (s.startsWith('./'))
        s = s.slice(2);
    return abs || !s.startsWith('/') ? s : s.slice(1);
}
function stripPrefix(p, prefix) {
    const pre = cleanPath(prefix).replace(/\/+$/, '');
    if (pre === '')
        return undefined;
    const cmpP = /^[A-Za-z]:\//.test(p) ? p.toLowerCase() : p;
    const cmpPre = /^[A-Za-z]:\//.test(pre) ? pre.toLowerCase() : pre;
    if (cmpP === cmpPre)
        return '';
    if (cmpP.startsWith(cmpPre + '/'))
        return p.slice(pre.length + 1);
    return undefined;
}
class RepoIndex {
    files;
    bySuffix = new Map();
    constructor(files) {
        this.files = new Set([...files].map((f) => cleanPath(f)));
        for (const f of this.files) {
            const segs = f.split('/');
            // A bare file name matches only when the report gives nothing more: `/app/lib/calc.ts` must not
            // silently become `src/calc.ts`.
            const minSegs = Math.min(2, segs.length);
            for (let k = 0; k <= segs.length - minSegs; k++) {
                const suffix = segs.slice(k).join('/');
                const cur = this.bySuffix.get(suffix);
                if (cur === undefined)
                    this.bySuffix.set(suffix, f);
                else if (typeof cur === 'string')
                    this.bySuffix.set(suffix, [cur, f]);
                else
                    cur.push(f);
            }
        }
    }
    /** Files whose path ends with the whole of `suffix` (segment-aligned). */
    withSuffix(suffix) {
        const v = this.bySuffix.get(suffix);
        return v === undefined ? [] : typeof v === 'string' ? [v] : v;
    }
}
function resolveOne(raw, repo, opts) {
    let p = cleanPath(raw);
    for (const s of opts.strip) {
        const r = stripPrefix(p, s);
        if (r !== undefined) {
            p = r;
            break;
        }
    }
    if (opts.prefix)
        p = cleanPath(external_node_path_.posix.join(opts.prefix, p));
    if (opts.workspace) {
        const r = stripPrefix(p, opts.workspace);
        if (r !== undefined)
            p = r;
    }
    if (!repo)
        return { path: p.replace(/^\/+/, ''), matched: true };
    if (repo.files.has(p))
        return { path: p, matched: true };
    for (const root of opts.roots ?? []) {
        let joined = cleanPath(external_node_path_.posix.join(cleanPath(root), p));
        if (opts.workspace)
            joined = stripPrefix(joined, opts.workspace) ?? joined;
        if (repo.files.has(joined))
            return { path: joined, matched: true };
    }
    for (const [mod, dir] of opts.goModules ?? []) {
        const r = stripPrefix(p, mod);
        if (r !== undefined) {
            const q = dir ? `${dir}/${r}` : r;
            if (repo.files.has(q))
                return { path: q, matched: true };
        }
    }
    const segs = p.split('/').filter((s) => s !== '' && !/^[A-Za-z]:$/.test(s));
    // A bare file name matches only when the report gives nothing more: `/app/lib/calc.ts` must not
    // silently become `src/calc.ts`.
    const minSegs = Math.min(2, segs.length);
    for (let k = 0; k <= segs.length - minSegs; k++) {
        const c = repo.withSuffix(segs.slice(k).join('/'));
        if (c.length === 1)
            return { path: c[0], matched: true };
        if (c.length > 1)
            return { path: p, ambiguous: c.slice(0, 5), matched: false };
    }
    return { path: p, matched: false };
}
function mapPaths(report, repo, opts) {
    const out = emptyReport();
    out.sources = report.sources;
    out.formats = report.formats;
    const unmatched = [];
    const ambiguous = [];
    let matched = 0;
    for (const f of report.files.values()) {
        const r = resolveOne(f.path, repo, opts);
        if (r.matched)
            matched++;
        else if (r.ambiguous)
            ambiguous.push([f.path, r.ambiguous]);
        else
            unmatched.push(f.path);
        f.path = r.path;
        addFile(out, f);
    }
    return { report: out, matched, unmatched, ambiguous };
}
/** The directory part most unmatched paths share: what `path-strip` should probably be. */
function suggestStrip(paths) {
    if (paths.length === 0)
        return undefined;
    const dirs = paths.map((p) => cleanPath(p).split('/').slice(0, -1));
    let common = dirs[0];
    for (const d of dirs.slice(1)) {
        let i = 0;
        while (i < common.length && i < d.length && common[i] === d[i])
            i++;
        common = common.slice(0, i);
    }
    const s = common.join('/');
    return s === '' ? undefined : s.startsWith('/') || /^[A-Za-z]:/.test(s) || common[0] === '' ? s || '/' : s;
}
/**
 * Fails when most of the report's files are not in the checkout: the numbers would be about
 * files we cannot show or diff, and a gate on them would be noise.
 */
function assertMostlyMatched(m, where) {
    const total = m.matched + m.unmatched.length + m.ambiguous.length;
    if (total === 0 || m.matched * 2 > total)
        return;
    const missing = [...m.unmatched, ...m.ambiguous.map(([p]) => p)];
    const examples = missing.slice(0, 3).join(', ');
    const strip = suggestStrip(m.unmatched);
    const hint = strip
        ? `set path-strip: ${strip} (the directory the tests ran in), or path-prefix if the report is relative to a subfolder`
        : 'set path-strip to the directory the tests ran in, or path-prefix to the subfolder the report is relative to';
    const amb = m.ambiguous.length ? ` (${m.ambiguous.length} match several files, e.g. ${m.ambiguous[0][0]} -> ${m.ambiguous[0][1].join(', ')})` : '';
    throw new errors/* UserError */.yo(`${missing.length} of ${total} files in the report are not in the repository, e.g. ${examples}${amb}; ${hint}`, where);
}
/** Go modules declared by go.mod files (path -> text), for import-path mapping. */
function goModules(goMods) {
    const out = new Map();
    for (const [file, text] of goMods) {
        const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
        if (m)
            out.set(m[2], external_node_path_.posix.dirname(cleanPath(file)) === '.' ? '' : external_node_path_.posix.dirname(cleanPath(file)));
    }
    return out;
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/render.js

const COMMENT_LIMIT = 65_536;
const SUMMARY_LIMIT = 1_000_000;
const ANNOTATIONS_PER_LEVEL = 10;
function marker(id) {
    return `<!-- slipway:coverage-gate${id ? `:${id}` : ''} -->`;
}
const fmtPct = (c) => {
    const p = model_pct(c);
    return p === undefined ? '–' : `${(Math.round(p * 100) / 100).toFixed(2)}%`;
};
const esc = (s) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
/** Consecutive uncovered lines of one file and status, merged into ranges. */
function toRanges(lines) {
    const out = [];
    for (const l of lines) {
        const last = out[out.length - 1];
        if (last && last.path === l.path && last.status === l.status && last.end + 1 === l.line)
            last.end = l.line;
        else
            out.push({ path: l.path, start: l.line, end: l.line, status: l.status });
    }
    return out;
}
const rangeText = (r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`);
function statusIcon(c) {
    return c.status === 'pass' ? '✅' : c.status === 'fail' ? '❌' : '➖';
}
function verdict(r) {
    const failed = r.checks.filter((c) => c.status === 'fail');
    const lines = fmtPct(r.totals.lines);
    if (failed.length === 0)
        return `✅ **Coverage gate passed**: lines ${lines}${r.patch ? `, changed lines ${fmtPct(r.patch.lines)}` : ''}`;
    const why = failed.map((c) => (c.name === 'drop' ? `dropped ${c.actual} points (max ${c.threshold})` : c.name === 'file' ? `${c.note} (min ${c.threshold}%)` : `${c.label.toLowerCase()} ${c.actual?.toFixed(2)}% < ${c.threshold}%`));
    return `❌ **Coverage gate failed**: ${why.join('; ')}`;
}
function totalsTable(r) {
    const rows = ['| | Coverage | Covered / total | Threshold | |', '|---|---:|---:|---:|---|'];
    const check = (n) => r.checks.find((c) => c.name === n);
    const metricRow = (label, c, ch) => rows.push(`| ${label} | ${fmtPct(c)} | ${c.hit} / ${c.found} | ${ch?.threshold !== undefined ? `${ch.threshold}%` : ''} | ${ch ? statusIcon(ch) + (ch.note ? ` ${esc(ch.note)}` : '') : ''} |`);
    metricRow('Lines', r.totals.lines, check('lines'));
    if (r.totals.branches.found > 0 || check('branches'))
        metricRow('Branches', r.totals.branches, check('branches'));
    if (r.totals.functions.found > 0 || check('functions'))
        metricRow('Functions', r.totals.functions, check('functions'));
    if (r.totals.statements.found > 0)
        metricRow('Statements', r.totals.statements);
    const f = check('file');
    if (f)
        rows.push(`| Each file (lines) | ${f.actual !== undefined ? `min ${f.actual.toFixed(2)}%` : '–'} | | ${f.threshold}% | ${statusIcon(f)}${f.note ? ` ${esc(f.note)}` : ''} |`);
    const p = check('patch');
    if (r.patch)
        metricRow('Changed lines', r.patch.lines, p);
    else if (p)
        rows.push(`| Changed lines | – | | ${p.threshold}% | ${statusIcon(p)} ${esc(p.note ?? '')} |`);
    const d = check('drop');
    if (r.delta !== undefined || d)
        rows.push(`| Change vs base | ${r.delta !== undefined ? `${r.delta >= 0 ? '+' : ''}${r.delta.toFixed(2)} pts` : '–'} | | ${d ? `max drop ${d.threshold}` : ''} | ${d ? statusIcon(d) + (d.note ? ` ${esc(d.note)}` : '') : ''} |`);
    return rows.join('\n');
}
function fileRow(path, c, base) {
    const b = base?.[path];
    const d = b && model_pct(b) !== undefined && model_pct(c.lines) !== undefined ? model_pct(c.lines) - model_pct(b) : undefined;
    return `| ${esc(path)} | ${fmtPct(c.lines)} | ${c.lines.found - c.lines.hit} | ${c.branches.found ? fmtPct(c.branches) : '–'} | ${d === undefined ? '' : `${d >= 0 ? '+' : ''}${d.toFixed(2)}`} |`;
}
function filesTable(files, base) {
    return ['| File | Lines | Missed lines | Branches | Δ lines |', '|---|---:|---:|---:|---:|', ...files.map((f) => fileRow(f.path, f.counts, base))].join('\n');
}
function render(inp, b, forComment) {
    const r = inp.result;
    const parts = [verdict(r), '', totalsTable(r), ''];
    if (inp.base.found) {
        const f = inp.base.found;
        parts.push(`Base: \`${f.sha.slice(0, 7)}\`${f.distance > 0 ? ` (nearest ancestor with coverage, ${f.distance} commit${f.distance === 1 ? '' : 's'} before the base)` : ''}.`, '');
    }
    else
        parts.push(`No base coverage to compare with: ${inp.base.reason ?? 'not looked up'}.`, '');
    for (const n of inp.notes)
        parts.push(`> [!WARNING]\n> ${n.replace(/\n/g, '\n> ')}`, '');
    const baseFiles = inp.base.found?.summary.files;
    const measured = r.files.filter((f) => f.counts.lines.found > 0);
    const worst = [...measured].sort((x, y) => model_pct(x.counts.lines) - model_pct(y.counts.lines) || y.counts.lines.found - x.counts.lines.found).filter((f) => f.counts.lines.hit < f.counts.lines.found);
    if (b.worst > 0 && worst.length > 0) {
        parts.push(`**Least covered files** (${Math.min(b.worst, worst.length)} of ${worst.length} not fully covered)`, '', filesTable(worst.slice(0, b.worst), baseFiles), '');
    }
    if (r.patch && r.patch.uncovered.length > 0 && b.uncoveredRanges > 0) {
        const ranges = toRanges(r.patch.uncovered);
        const byFile = new Map();
        for (const x of ranges.slice(0, b.uncoveredRanges))
            byFile.set(x.path, [...(byFile.get(x.path) ?? []), x]);
        const lines = [...byFile].map(([p, rs]) => `- \`${esc(p)}\`: ${rs.map((x) => `${rangeText(x)}${x.status === 'partial' ? ' (branch not taken)' : ''}`).join(', ')}`);
        if (ranges.length > b.uncoveredRanges)
            lines.push(`- ... and ${ranges.length - b.uncoveredRanges} more ranges${forComment ? ' (see the job summary)' : ''}`);
        parts.push(`<details><summary>Changed lines not covered (${r.patch.uncovered.length})</summary>`, '', ...lines, '', '</details>', '');
    }
    if (b.allFiles && r.files.length > 0) {
        parts.push(`<details><summary>All files (${r.files.length})</summary>`, '', filesTable(r.files, baseFiles), '', '</details>', '');
    }
    const formula = 'Totals are sums over all files (covered / total), never averages of file percentages; changed lines count as covered only when executed with every branch on them taken.';
    parts.push(`<sub>${esc(inp.reportNames.join(', '))} · ${formula}${forComment && inp.runUrl ? ` · [Full report](${inp.runUrl})` : ''}</sub>`);
    return parts.join('\n');
}
function fit(inp, limit, forComment, head) {
    const tries = [
        { worst: 10, allFiles: true, uncoveredRanges: 200 },
        { worst: 10, allFiles: false, uncoveredRanges: 200 },
        { worst: 10, allFiles: false, uncoveredRanges: 50 },
        { worst: 5, allFiles: false, uncoveredRanges: 10 },
        { worst: 0, allFiles: false, uncoveredRanges: 0 },
    ];
    for (const b of tries) {
        const text = head + render(inp, b, forComment);
        if (text.length <= limit)
            return text;
    }
    // Even the smallest form is too long (huge notes or paths): cut it hard, keeping the verdict.
    const tail = '\n\n… cut to fit GitHub’s size limit; see the job summary.';
    return (head + render(inp, tries[tries.length - 1], forComment)).slice(0, limit - tail.length) + tail;
}
function summaryMarkdown(inp, limit = SUMMARY_LIMIT) {
    return fit(inp, limit, false, '## Coverage\n\n');
}
function commentMarkdown(inp, id = '', limit = COMMENT_LIMIT) {
    return fit(inp, limit, true, `${marker(id)}\n### Coverage\n\n`);
}
/**
 * Annotations on uncovered changed lines: ranges merged, the largest first (missed before
 * partial), at most 10 (what GitHub shows per level and step). `rest` says how many were left out.
 */
function planAnnotations(r) {
    if (!r.patch)
        return { annotations: [], rest: 0 };
    const failedPatch = r.checks.some((c) => c.name === 'patch' && c.status === 'fail');
    const ranges = toRanges(r.patch.uncovered).sort((a, b) => (a.status === b.status ? 0 : a.status === 'missed' ? -1 : 1) || b.end - b.start - (a.end - a.start) || a.path.localeCompare(b.path) || a.start - b.start);
    const annotations = ranges.slice(0, ANNOTATIONS_PER_LEVEL).map((x) => ({
        level: failedPatch ? 'error' : 'warning',
        title: x.status === 'missed' ? 'Changed lines not covered by tests' : 'Changed line partly covered',
        message: x.status === 'missed'
            ? `Line${x.start === x.end ? ` ${x.start} is` : `s ${x.start}-${x.end} are`} changed in this pull request and never run by the tests.`
            : `Line${x.start === x.end ? ` ${x.start}` : `s ${x.start}-${x.end}`}: a branch here is never taken by the tests.`,
        file: x.path,
        startLine: x.start,
        endLine: x.end,
    }));
    return { annotations, rest: Math.max(0, ranges.length - annotations.length) };
}

;// CONCATENATED MODULE: ./.tmp/build/coverage/run.js
/**
 * The whole gate as one function of plain inputs and injected effects, shared by the action and
 * the `slipway coverage` command: read reports, map paths, merge, patch coverage, base lookup,
 * thresholds, markdown.
 */







async function runGate(o, d) {
    if (o.reports.length === 0)
        throw new errors/* UserError */.yo('no coverage report matched; check the path and that the tests wrote one', 'input files');
    const notes = [];
    const parsed = [];
    const roots = [];
    for (const name of o.reports) {
        const r = await parseReport(d.open(name), name, o.format);
        if (reportSize(r) === 0) {
            const msg = 'the report has no executable lines (did any test run? did the include pattern match the sources?)';
            if (o.failOnEmpty)
                throw new errors/* UserError */.yo(msg, name);
            notes.push(`${name}: ${msg}`);
        }
        if ('roots' in r)
            roots.push(...r.roots);
        parsed.push(r);
        d.log(`${name}: ${r.formats.join(', ')}, ${r.files.size} file${r.files.size === 1 ? '' : 's'}`);
    }
    const files = await d.repoFiles();
    const goMods = new Map();
    if (files && parsed.some((r) => r.formats.includes('go'))) {
        for (const f of files.filter((x) => x === 'go.mod' || x.endsWith('/go.mod'))) {
            const t = await d.readText(f);
            if (t)
                goMods.set(f, t);
        }
    }
    const repo = files ? new RepoIndex(files) : undefined;
    const mapped = [];
    for (const r of parsed) {
        const m = mapPaths(r, repo, { strip: o.pathStrip, prefix: o.pathPrefix, workspace: o.workspace, roots, goModules: goModules(goMods) });
        assertMostlyMatched(m, r.sources.join(', '));
        const missing = m.unmatched.length + m.ambiguous.length;
        if (missing > 0) {
            notes.push(`${missing} file${missing === 1 ? '' : 's'} in ${r.sources.join(', ')} ${missing === 1 ? 'is' : 'are'} not in the repository and ${missing === 1 ? 'is' : 'are'} counted under the report's path: ${[...m.unmatched, ...m.ambiguous.map(([p]) => p)].slice(0, 3).join(', ')}${missing > 3 ? ', ...' : ''}`);
        }
        mapped.push(m.report);
    }
    const report = mergeReports(mapped);
    let patch;
    const change = await d.changedLines();
    if (change) {
        patch = patchCoverage(report, change.changed);
        d.log(`changed lines from ${change.source}: ${patch.lines.found} executable, ${patch.lines.hit} covered`);
        if (change.incomplete)
            notes.push(change.incomplete);
    }
    let base = { tried: [], reason: 'no base commit (not a pull request)' };
    if (o.baseSha) {
        if (!d.loadSummary)
            base = { tried: [], reason: 'no coverage store is available' };
        else {
            const ancestors = await d.ancestors(o.baseSha).catch(() => [o.baseSha]);
            base = await findBase(ancestors.length ? ancestors : [o.baseSha], d.loadSummary);
        }
    }
    if (!base.found && o.thresholds.maxDrop !== undefined && o.baseSha)
        d.log(`max-drop not checked: ${base.reason}`);
    const result = evaluate(report, o.thresholds, patch, base.found ? { sha: base.found.sha, distance: base.found.distance, totals: base.found.summary.totals } : undefined);
    const render = { result, base, notes, runUrl: o.runUrl, reportNames: o.reports };
    return {
        report,
        result,
        base,
        notes,
        summary: summaryMarkdown(render),
        comment: commentMarkdown(render, o.commentId),
        render,
        stored: (sha) => toStored(sha, result.totals, result.files),
    };
}


;// CONCATENATED MODULE: ./.tmp/build/actions/coverage-gate/inputs.js


/** A list input: one item per line or comma-separated, blanks dropped. */
function listInput(raw) {
    return raw
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
function percent(raw, name, max = 100) {
    const v = raw.trim().replace(/%$/, '');
    if (v === '')
        return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > max)
        throw new errors/* UserError */.yo(`must be a number from 0 to ${max} (percent), got '${raw.trim()}'`, `input ${name}`);
    return n;
}
function bool(raw, name, dflt) {
    const v = raw.trim().toLowerCase();
    if (v === '')
        return dflt;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new errors/* UserError */.yo(`must be true or false, got '${raw.trim()}'`, `input ${name}`);
}
/** Reads and checks every input before anything happens. */
function readInputs(read) {
    const files = listInput(read('files'));
    if (files.length === 0)
        throw new errors/* UserError */.yo('is required: the coverage report(s) your tests write, e.g. coverage/lcov.info', 'input files');
    const commentId = read('comment-id').trim();
    if (commentId && !/^[\w.-]{1,64}$/.test(commentId))
        throw new errors/* UserError */.yo(`must be letters, digits, '.', '_' or '-' (at most 64), got '${commentId}'`, 'input comment-id');
    const thresholds = {};
    const set = (k, v) => {
        if (v !== undefined)
            thresholds[k] = v;
    };
    set('minLines', percent(read('min-lines'), 'min-lines'));
    set('minBranches', percent(read('min-branches'), 'min-branches'));
    set('minFunctions', percent(read('min-functions'), 'min-functions'));
    set('minFile', percent(read('min-file'), 'min-file'));
    set('minPatch', percent(read('min-patch'), 'min-patch'));
    set('maxDrop', percent(read('max-drop'), 'max-drop'));
    return {
        files,
        format: parseFormatChoice(read('format'), 'input format'),
        thresholds,
        pathStrip: listInput(read('path-strip')),
        pathPrefix: read('path-prefix').trim(),
        failOnEmpty: bool(read('fail-on-empty'), 'fail-on-empty', true),
        comment: bool(read('comment'), 'comment', true),
        commentId,
        annotations: bool(read('annotations'), 'annotations', true),
        storeBase: bool(read('store-base'), 'store-base', true),
        defaultBranch: read('default-branch').trim(),
        githubToken: read('github-token').trim(),
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 352 modules
var lib_cache = __webpack_require__(3179);
;// CONCATENATED MODULE: ./.tmp/build/runner/coverage-cache.js
/**
 * Where coverage summaries of default-branch commits are kept, keyed by commit SHA. The action
 * uses the Actions cache (readable by pull requests of the repository, no server of our own); the
 * CLI and tests use a directory.
 */




const key = (sha) => `slipway-coverage-v1-${sha}`;
function directoryStore(dir) {
    return {
        async get(sha) {
            const text = await (0,promises_.readFile)((0,external_node_path_.join)(dir, `${sha}.json`), 'utf8').catch(() => undefined);
            return text === undefined ? undefined : base_parseStored(text);
        },
        async put(s) {
            await (0,promises_.mkdir)(dir, { recursive: true });
            await (0,promises_.writeFile)((0,external_node_path_.join)(dir, `${s.sha}.json`), JSON.stringify(s));
        },
    };
}
/**
 * The summary's path in the cache entry, relative to the workspace. The Actions cache derives an
 * entry's version from the paths exactly as given and restores files where they were saved, so
 * saving and restoring must name the same path, and a relative one stays the same on every
 * runner (an absolute temp path differs between runner kinds and would never hit).
 */
const CACHE_PATH = '.slipway-coverage-base/summary.json';
/** The Actions cache: one entry per commit, restored by exact key. */
function actionsCacheStore(workspace, api = cache) {
    const unavailable = () => {
        if (!api.isFeatureAvailable())
            throw new Error('the Actions cache service is not available to this job');
    };
    const file = join(workspace, CACHE_PATH);
    const dir = dirname(file);
    return {
        async get(sha) {
            unavailable();
            await rm(dir, { recursive: true, force: true });
            try {
                const hit = await api.restoreCache([CACHE_PATH], key(sha), [], { lookupOnly: false });
                if (!hit)
                    return undefined;
                const text = await readFile(file, 'utf8').catch(() => undefined);
                return text === undefined ? undefined : parseStored(text);
            }
            finally {
                await rm(dir, { recursive: true, force: true });
            }
        },
        async put(s) {
            unavailable();
            await mkdir(dir, { recursive: true });
            await writeFile(file, JSON.stringify(s));
            try {
                await api.saveCache([CACHE_PATH], key(s.sha));
            }
            catch (e) {
                // the same commit stored twice (re-run): keep the first
                if (!(e instanceof Error && /already exists|ReserveCacheError/i.test(e.name + e.message)))
                    throw e;
            }
            finally {
                await rm(dir, { recursive: true, force: true });
            }
        },
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
// EXTERNAL MODULE: ./.tmp/build/runner/walk.js
var walk = __webpack_require__(8022);
;// CONCATENATED MODULE: ./.tmp/build/runner/coverage-files.js





/** Every file under `root` (relative, `/`-separated), .git and node_modules left out. */
async function listFiles(root, limit = 500_000) {
    return (await (0,walk/* walkFiles */.F)(root, limit)).map((f) => (0,external_node_path_.relative)(root, f).split(external_node_path_.sep).join('/')).sort();
}
/**
 * Expands the `files` input: literal paths must exist; globs (picomatch) are matched against the
 * workspace's files. Returns paths relative to `cwd` when inside it, sorted, without duplicates.
 */
async function expandReports(patterns, cwd) {
    const found = new Set();
    const globs = [];
    for (const p of patterns) {
        if (picomatch.scan(p).isGlob)
            globs.push(p.replace(/^\.\//, ''));
        else {
            const full = (0,external_node_path_.resolve)(cwd, p);
            if (!(0,external_node_fs_.existsSync)(full) || !(0,external_node_fs_.statSync)(full).isFile())
                throw new errors/* UserError */.yo(`${p} does not exist (did the tests write their coverage report there?)`, 'input files');
            found.add((0,external_node_path_.relative)(cwd, full).startsWith('..') ? full : (0,external_node_path_.relative)(cwd, full).split(external_node_path_.sep).join('/'));
        }
    }
    if (globs.length > 0) {
        const isMatch = picomatch(globs, { dot: true });
        for (const f of await listFiles(cwd))
            if (isMatch(f))
                found.add(f);
    }
    return [...found].sort();
}
/**
 * A report as a stream of byte chunks: huge reports are never held whole in memory. The text
 * parsers decode them in small pieces (see chunksOf); the lcov parser reads the bytes.
 */
function openReport(path, cwd) {
    return (0,external_node_fs_.createReadStream)((0,external_node_path_.resolve)(cwd, path), { highWaterMark: 512 << 10 });
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./.tmp/build/coverage/diff.js
function unquote(p) {
    if (p.startsWith('"') && p.endsWith('"')) {
        return p.slice(1, -1).replace(/\\(["\\tn])/g, (_, c) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
    }
    return p;
}
/** Added line numbers of one file's hunks (`@@ -a,b +c,d @@` and the lines that follow). */
function hunkLines(patch, into = new Set()) {
    let next = 0;
    for (const l of patch.split('\n')) {
        if (l.startsWith('@@')) {
            const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
            next = m ? Number(m[1]) : 0;
        }
        else if (next > 0) {
            if (l.startsWith('+'))
                into.add(next++);
            else if (l.startsWith(' '))
                next++;
            // '-' lines and '\ No newline' do not move the new-file counter
        }
    }
    return into;
}
function parseUnifiedDiff(text) {
    const out = new Map();
    let current;
    let next = 0;
    for (const raw of text.split('\n')) {
        const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (l.startsWith('diff --git ')) {
            current = undefined;
            next = 0;
        }
        else if (l.startsWith('+++ ')) {
            const p = unquote(l.slice(4).replace(/\t.*$/, ''));
            if (p === '/dev/null')
                current = undefined;
            else {
                const path = p.startsWith('b/') ? p.slice(2) : p;
                current = out.get(path) ?? new Set();
                out.set(path, current);
            }
        }
        else if (l.startsWith('@@')) {
            const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
            next = m ? Number(m[1]) : 0;
        }
        else if (current && next > 0) {
            if (l.startsWith('+'))
                current.add(next++);
            else if (l.startsWith(' '))
                next++;
        }
    }
    return out;
}
/** Changed lines from the PR files endpoint; files whose patch GitHub left out are listed. */
function changedFromPullFiles(files) {
    const changed = new Map();
    const withoutPatch = [];
    for (const f of files) {
        if (f.status === 'removed')
            continue;
        if (f.patch === undefined) {
            if (f.status !== 'renamed' || f.patch !== undefined)
                withoutPatch.push(f.filename);
            continue;
        }
        changed.set(f.filename, hunkLines(f.patch));
    }
    return { changed, withoutPatch };
}

;// CONCATENATED MODULE: ./.tmp/build/runner/coverage-git.js



const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
async function git(cwd, args) {
    try {
        return (await run('git', args, { cwd, maxBuffer: 512 << 20 })).stdout;
    }
    catch {
        return undefined;
    }
}
/** Files tracked in the checkout; undefined when `cwd` is not a git work tree. */
async function trackedFiles(cwd) {
    const out = await git(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    if (out === undefined)
        return undefined;
    return out.split('\0').filter(Boolean);
}
/**
 * Changed lines between the base and HEAD from the local history (no 300-file limit): the
 * merge-base diff when the history has it, else the diff against the base commit itself (the
 * pull request's merge commit checked out by default has the base as its first parent).
 */
async function gitChangedLines(cwd, baseSha, headRef = 'HEAD') {
    const args = [
        '-c',
        'core.quotePath=false',
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--unified=0',
        '--find-renames',
    ];
    const out = (await git(cwd, [...args, `${baseSha}...${headRef}`])) ?? (await git(cwd, [...args, baseSha, headRef]));
    return out === undefined ? undefined : parseUnifiedDiff(out);
}
/** The commit and its first-parent ancestors, nearest first (as far as the clone's history goes). */
async function firstParents(cwd, sha, max = 20) {
    const out = await git(cwd, ['rev-list', '--first-parent', `--max-count=${max}`, sha]);
    return out ? out.split('\n').filter(Boolean) : [];
}
/** The commit a ref names in the checkout; undefined when it names none. */
async function revParse(cwd, ref) {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}

;// CONCATENATED MODULE: ./.tmp/build/cli/commands/coverage.js








const command = {
    help: `slipway coverage: the coverage gate on this checkout (same core as the coverage-gate action)

options:
  --files GLOB            coverage report(s) to read (repeatable; globs allowed)
  --format F              auto (default), lcov, cobertura, jacoco, clover, istanbul-final,
                          istanbul-summary, go, coveragepy-json
  --min-lines N           minimum line coverage in percent (default 80; '' turns it off)
  --min-branches N        minimum branch coverage
  --min-functions N       minimum function coverage
  --min-file N            minimum line coverage of every file
  --min-patch N           minimum coverage of the lines changed since --base
  --max-drop N            largest drop of line coverage against the base, in points (needs --store)
  --path-strip PREFIX     prefix to remove from report paths (repeatable)
  --path-prefix DIR       folder to put in front of report paths
  --base REF              compare with this commit or branch: changed lines from git diff REF...HEAD,
                          and the base summary (nearest ancestor with one) from --store
  --store DIR             directory of stored summaries (one JSON per commit)
  --save                  store this commit's summary in --store (what the action does on the
                          default branch)
  --allow-empty           do not fail on a report with no executable lines
  --json                  print the result as JSON instead of markdown

exit status: 0 passed, 1 a threshold failed, 2 bad input`,
    options: {
        files: { type: 'string', repeatable: true },
        format: { type: 'string' },
        'min-lines': { type: 'string' },
        'min-branches': { type: 'string' },
        'min-functions': { type: 'string' },
        'min-file': { type: 'string' },
        'min-patch': { type: 'string' },
        'max-drop': { type: 'string' },
        'path-strip': { type: 'string', repeatable: true },
        'path-prefix': { type: 'string' },
        base: { type: 'string' },
        store: { type: 'string' },
        save: { type: 'boolean' },
        'allow-empty': { type: 'boolean' },
        json: { type: 'boolean' },
    },
    async run(args) {
        const cwd = process.cwd();
        const read = (name) => {
            if (name === 'files' || name === 'path-strip')
                return (args.lists[name] ?? []).join('\n');
            if (name === 'min-lines')
                return args.values[name] ?? '80';
            if (name === 'fail-on-empty')
                return args.flags['allow-empty'] ? 'false' : 'true';
            return args.values[name] ?? '';
        };
        const inputs = readInputs((n) => read(n));
        const rev = async (ref, where) => {
            const sha = await revParse(cwd, ref);
            if (!sha)
                throw new errors/* UserError */.yo(`'${ref}' is not a commit of this checkout`, where);
            return sha;
        };
        const baseSha = args.values.base ? await rev(args.values.base, '--base') : undefined;
        if (args.flags.save && !args.values.store)
            throw new errors/* UserError */.yo('--save needs --store DIR');
        const store = args.values.store ? directoryStore(args.values.store) : undefined;
        const run = await runGate({
            reports: await expandReports(inputs.files, cwd),
            format: inputs.format,
            thresholds: inputs.thresholds,
            pathStrip: inputs.pathStrip,
            pathPrefix: inputs.pathPrefix,
            workspace: cwd,
            failOnEmpty: inputs.failOnEmpty,
            baseSha,
            commentId: '',
        }, {
            open: (p) => openReport(p, cwd),
            repoFiles: async () => (await trackedFiles(cwd)) ?? (await listFiles(cwd)),
            readText: (p) => (0,promises_.readFile)((0,external_node_path_.join)(cwd, p), 'utf8').catch(() => undefined),
            changedLines: async () => {
                if (!baseSha)
                    return undefined;
                const changed = await gitChangedLines(cwd, baseSha);
                if (!changed)
                    throw new errors/* UserError */.yo(`git diff ${args.values.base}...HEAD failed`, '--base');
                return { changed, source: 'git diff' };
            },
            ancestors: (sha) => firstParents(cwd, sha),
            loadSummary: store ? (sha) => store.get(sha) : undefined,
            log: (m) => process.stderr.write(`${m}\n`),
        });
        if (args.flags.save && store) {
            const head = await rev('HEAD', '--save');
            await store.put(run.stored(head));
            process.stderr.write(`summary of ${head.slice(0, 7)} stored in ${args.values.store}\n`);
        }
        if (args.flags.json) {
            const r = run.result;
            process.stdout.write(JSON.stringify({
                passed: r.passed,
                totals: r.totals,
                checks: r.checks,
                delta: r.delta ?? null,
                patch: r.patch ?? null,
                base: run.base,
                notes: run.notes,
            }, null, 2) + '\n');
        }
        else
            process.stdout.write(run.summary + '\n');
        return run.result.passed ? 0 : 1;
    },
};


/***/ }),

/***/ 8022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ walkFiles)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);


const SKIP = new Set(['.git', 'node_modules']);
/** Every file below `dir` (full paths), .git and node_modules left out, at most `limit`. */
async function walkFiles(dir, limit, out = []) {
    let entries;
    try {
        entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true });
    }
    catch {
        return out;
    }
    for (const e of entries) {
        if (out.length >= limit)
            return out;
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, e.name);
        if (e.isDirectory()) {
            if (!SKIP.has(e.name))
                await walkFiles(full, limit, out);
        }
        else if (e.isFile())
            out.push(full);
    }
    return out;
}


/***/ })

};
