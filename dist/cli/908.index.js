export const id = 908;
export const ids = [908];
export const modules = {

/***/ 4908:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  command: () => (/* binding */ command)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.tmp/build/errors.js
var errors = __webpack_require__(7417);
;// CONCATENATED MODULE: ./.tmp/build/security/finding.js
/**
 * The normalised shape every scanner's output is turned into. One Finding is one problem in one
 * place (a CVE in one installed package, a secret on one line, a misconfiguration at one spot),
 * whichever tool reported it; `tools` lists every tool that did.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
/** Rank for comparisons: higher is worse. `unknown` ranks with `low` for thresholds. */
function severityRank(s) {
    switch (s) {
        case 'critical':
            return 4;
        case 'high':
            return 3;
        case 'medium':
            return 2;
        case 'low':
        case 'unknown':
            return 1;
    }
}
/** The key that makes two tools' reports of the same problem one finding. */
function fingerprintOf(f) {
    const where = f.location ? `${f.location.path}:${f.location.startLine ?? 0}` : '';
    if (f.kind === 'vulnerability' && f.package) {
        const id = (f.vulnId ?? f.ruleId).toUpperCase();
        return `vuln/${id}/${f.package.name}@${f.package.installed ?? ''}`;
    }
    // Different secret scanners name the same leak differently (gitleaks `github-pat`, Trivy
    // `github-pat`, secretlint `...-rule-github`): the place identifies it.
    if (f.kind === 'secret')
        return `secret/${where}`;
    return `${f.kind}/${f.ruleId}/${where}`;
}
function isFileLocated(f) {
    return f.location !== undefined && f.location.startLine !== undefined;
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./.tmp/build/security/suppressions.js
/**
 * The suppressions file (.github/slipway-suppressions.yml): one list for every scanner, where
 * each entry must say what it hides (id or rule), where (scope: image, path, package), why
 * (reason) and until when (expires). Nothing is permanent: an expired entry stops hiding its
 * findings, and an entry that hides nothing is reported as stale.
 *
 * ```yaml
 * suppressions:
 *   - id: CVE-2019-1549
 *     scope: { package: libssl1.1, image: "ghcr.io/acme/api*" }
 *     reason: Not reachable: we never fork after seeding the RNG (SEC-123).
 *     expires: 2026-12-31
 * ```
 */



const ENTRY_KEYS = new Set(['id', 'rule', 'scope', 'reason', 'expires']);
const SCOPE_KEYS = new Set(['image', 'path', 'package']);
/** Parses and validates the whole file; the first problem throws a UserError naming file:line and entry. */
function parseSuppressions(text, file) {
    const lc = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lc, prettyErrors: false });
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
        throw new errors/* UserError */.yo(`not valid YAML: ${e.message.split('\n')[0]}`, `${file}:${line}`);
    }
    const lineOf = (n) => (n?.range ? lc.linePos(n.range[0]).line : 1);
    const root = doc.contents;
    if (root === null || root === undefined)
        return [];
    if (!(0,dist/* isMap */.jh)(root))
        throw new errors/* UserError */.yo('expected a mapping with a `suppressions:` list', `${file}:${lineOf(root)}`);
    for (const pair of root.items) {
        const key = String(pair.key?.value ?? pair.key);
        if (key !== 'suppressions') {
            throw new errors/* UserError */.yo(`unknown key '${key}' (only 'suppressions' is allowed)`, `${file}:${lineOf(pair.key)}`);
        }
    }
    const list = root.get('suppressions', true);
    if (list === undefined || list === null || list.value === null)
        return [];
    if (!(0,dist/* isSeq */.oP)(list))
        throw new errors/* UserError */.yo('`suppressions` must be a list', `${file}:${lineOf(list)}`);
    return list.items.map((item, index) => {
        const line = lineOf(item);
        const at = `${file}:${line}`;
        const raw = item?.toJSON?.() ?? item;
        if (!(0,dist/* isMap */.jh)(item) || typeof raw !== 'object' || raw === null) {
            throw new errors/* UserError */.yo(`suppressions[${index}]: each entry must be a mapping`, at);
        }
        const e = raw;
        const label = `suppressions[${index}]${typeof e.id === 'string' ? ` (${e.id})` : typeof e.rule === 'string' ? ` (${e.rule})` : ''}`;
        const fail = (msg, key) => {
            const keyNode = key ? item.get(key, true) : undefined;
            throw new errors/* UserError */.yo(`${label}: ${msg}`, keyNode ? `${file}:${lineOf(keyNode)}` : at);
        };
        for (const k of Object.keys(e))
            if (!ENTRY_KEYS.has(k))
                fail(`unknown key '${k}' (allowed: id, rule, scope, reason, expires)`, k);
        for (const k of ['id', 'rule', 'reason']) {
            if (e[k] !== undefined && typeof e[k] !== 'string')
                fail(`'${k}' must be a string`, k);
        }
        if (!e.id && !e.rule)
            fail('needs an `id` (e.g. CVE-2024-1234) or a `rule` (e.g. no-eval)');
        if (typeof e.reason !== 'string' || e.reason.trim() === '')
            fail('needs a `reason` saying why this is acceptable');
        const expires = normaliseDate(e.expires);
        if (e.expires === undefined || e.expires === null)
            fail('needs an `expires` date (YYYY-MM-DD); suppressions are never permanent');
        if (!expires)
            fail(`'expires' is not a valid date (YYYY-MM-DD): ${JSON.stringify(String(e.expires))}`, 'expires');
        const scopeRaw = e.scope;
        if (typeof scopeRaw !== 'object' || scopeRaw === null || Array.isArray(scopeRaw)) {
            fail('needs a `scope` with at least one of image, path, package (use path: "**" for the whole repository)', e.scope === undefined ? undefined : 'scope');
        }
        const scope = {};
        for (const [k, v] of Object.entries(scopeRaw)) {
            if (!SCOPE_KEYS.has(k))
                fail(`unknown scope key '${k}' (allowed: image, path, package)`, 'scope');
            if (typeof v !== 'string' || v === '')
                fail(`scope.${k} must be a non-empty string`, 'scope');
            scope[k] = v;
        }
        if (Object.keys(scope).length === 0)
            fail('scope needs at least one of image, path, package', 'scope');
        return {
            index,
            line,
            ...(typeof e.id === 'string' ? { id: e.id } : {}),
            ...(typeof e.rule === 'string' ? { rule: e.rule } : {}),
            scope,
            reason: e.reason.trim(),
            expires: expires,
        };
    });
}
/** Accepts YYYY-MM-DD strings (and the Date YAML 1.1 may make of them); rejects impossible dates. */
function normaliseDate(v) {
    let s;
    if (v instanceof Date)
        s = v.toISOString().slice(0, 10);
    else if (typeof v === 'string')
        s = v.trim();
    else
        return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m)
        return undefined;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCFullYear() !== Number(m[1]) ||
        d.getUTCMonth() !== Number(m[2]) - 1 ||
        d.getUTCDate() !== Number(m[3])) {
        return undefined;
    }
    return s;
}
/** `today` as YYYY-MM-DD (UTC). An entry expiring on `today` still works today. */
function isExpired(s, today) {
    return s.expires < today;
}
/** Days from today until the entry stops working (0 = last day today). */
function daysLeft(s, today) {
    return Math.round((Date.parse(s.expires + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000);
}
function describe(s) {
    const what = s.id ?? s.rule;
    const scope = Object.entries(s.scope)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    return `${what} (${scope})`;
}
const globOpts = { dot: true, nocase: true };
function matches(s, f) {
    if (s.id) {
        const id = s.id.toUpperCase();
        if (f.vulnId?.toUpperCase() !== id && f.ruleId.toUpperCase() !== id)
            return false;
    }
    if (s.rule && !picomatch.isMatch(f.ruleId, s.rule, globOpts))
        return false;
    if (s.scope.package !== undefined &&
        !(f.package && picomatch.isMatch(f.package.name, s.scope.package, globOpts)))
        return false;
    if (s.scope.path !== undefined &&
        !(f.location && picomatch.isMatch(f.location.path, s.scope.path, globOpts)))
        return false;
    if (s.scope.image !== undefined && !(f.target && picomatch.isMatch(f.target, s.scope.image, globOpts)))
        return false;
    return true;
}

;// CONCATENATED MODULE: ./.tmp/build/security/gate.js
/**
 * The gate: de-duplicates findings across tools, drops unfixed ones when asked, applies the
 * suppressions (never expired ones), compares with a baseline when there is one, and decides.
 * Pure: "today" comes in as a YYYY-MM-DD string, never from the clock.
 */



const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'];
function parseFailOn(v, where = 'fail-on') {
    const s = v.trim().toLowerCase();
    if (FAIL_ON.includes(s))
        return s;
    throw new errors/* UserError */.yo(`expected one of ${FAIL_ON.join(', ')}, got '${v}'`, where);
}
function atOrAbove(s, failOn) {
    if (failOn === 'none')
        return false;
    return severityRank(s) >= severityRank(failOn);
}
/** Merges findings with the same fingerprint; the worst severity and the richest details win. */
function dedupe(findings) {
    const byKey = new Map();
    for (const f of findings) {
        const seen = byKey.get(f.fingerprint);
        if (!seen) {
            byKey.set(f.fingerprint, { ...f, tools: [...f.tools] });
            continue;
        }
        for (const t of f.tools)
            if (!seen.tools.includes(t))
                seen.tools.push(t);
        if (severityRank(f.severity) > severityRank(seen.severity) || seen.severity === 'unknown') {
            if (f.severity !== 'unknown')
                seen.severity = f.severity;
        }
        if (f.package && seen.package) {
            seen.package = {
                ...f.package,
                ...seen.package,
                ...((seen.package.fixed ?? f.package.fixed) ? { fixed: seen.package.fixed ?? f.package.fixed } : {}),
            };
        }
        else if (f.package && !seen.package)
            seen.package = f.package;
        if (seen.fixable === undefined && f.fixable !== undefined)
            seen.fixable = f.fixable;
        if (f.fixable === true)
            seen.fixable = true;
        if (!seen.location && f.location)
            seen.location = f.location;
        if (!seen.target && f.target)
            seen.target = f.target;
        if (!seen.vulnId && f.vulnId)
            seen.vulnId = f.vulnId;
        if (!seen.helpUri && f.helpUri)
            seen.helpUri = f.helpUri;
    }
    return [...byKey.values()];
}
function bySeverity(a, b) {
    return (severityRank(b.severity) - severityRank(a.severity) ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.fingerprint.localeCompare(b.fingerprint));
}
function evaluate(all, opts) {
    const findings = dedupe(all).sort(bySeverity);
    const valid = opts.suppressions.filter((s) => !isExpired(s, opts.today));
    const expired = opts.suppressions.filter((s) => isExpired(s, opts.today));
    const hits = new Map();
    const active = [];
    const suppressed = [];
    const ignoredUnfixed = [];
    const expiredMatches = [];
    for (const f of findings) {
        if (opts.ignoreUnfixed && f.kind === 'vulnerability' && f.fixable === false) {
            ignoredUnfixed.push(f);
            continue;
        }
        const by = valid.find((s) => matches(s, f));
        if (by) {
            hits.set(by, (hits.get(by) ?? 0) + 1);
            suppressed.push({ finding: f, by });
            continue;
        }
        const old = expired.find((s) => matches(s, f));
        if (old)
            expiredMatches.push({ finding: f, entry: old });
        active.push(f);
    }
    const newFindings = opts.baseline ? active.filter((f) => !opts.baseline.has(f.fingerprint)) : active;
    let fixed = 0;
    if (opts.baseline) {
        const now = new Set(findings.map((f) => f.fingerprint));
        for (const fp of opts.baseline)
            if (!now.has(fp))
                fixed++;
    }
    const blocking = newFindings.filter((f) => atOrAbove(f.severity, opts.failOn));
    const inForce = valid
        .filter((s) => hits.has(s))
        .map((entry) => ({ entry, count: hits.get(entry), daysLeft: daysLeft(entry, opts.today) }));
    const stale = valid.filter((s) => !hits.has(s));
    return {
        findings,
        active,
        suppressed,
        ignoredUnfixed,
        newFindings,
        fixed,
        blocking,
        inForce,
        expired,
        expiredMatches,
        stale,
        passed: blocking.length === 0,
        failOn: opts.failOn,
        hasBaseline: opts.baseline !== undefined,
    };
}
/** The one-line reason a failing gate gives (also the step's failure message). */
function verdict(r) {
    if (r.passed) {
        const scope = r.hasBaseline ? 'new findings' : 'findings';
        return r.failOn === 'none'
            ? `passed: fail-on is none (${r.active.length} findings reported)`
            : `passed: no ${scope} at or above ${r.failOn}`;
    }
    const n = r.blocking.length;
    const worst = r.blocking[0];
    let msg = `${n} ${r.hasBaseline ? 'new ' : ''}finding${n === 1 ? '' : 's'} at or above ${r.failOn} (worst: ${worst.severity} ${worst.vulnId ?? worst.ruleId}${worst.package ? ` in ${worst.package.name}` : ''})`;
    const exp = r.expiredMatches.filter((m) => r.blocking.includes(m.finding));
    if (exp.length > 0) {
        const e = exp[0].entry;
        msg += `; suppression ${e.id ?? e.rule} (entry ${e.index + 1}, line ${e.line}) expired on ${e.expires}`;
        if (exp.length > 1)
            msg += ` and ${exp.length - 1} more blocking finding(s) lost an expired suppression`;
    }
    return msg;
}

;// CONCATENATED MODULE: ./.tmp/build/security/report.js
/**
 * The gate's report: a job-summary in markdown and the annotations to print, both pure.
 * GitHub shows at most 10 error and 10 warning annotations per step, so the most severe
 * file-located findings are annotated and the summary says how many more there are.
 */



const ANNOTATION_LIMIT = 10;
function ident(f) {
    return f.vulnId ?? f.ruleId;
}
function where(f) {
    if (f.location?.path)
        return f.location.startLine ? `${f.location.path}:${f.location.startLine}` : f.location.path;
    return f.target ?? '';
}
/** `isFile` says whether a location path is a file in the repository (only those can be annotated). */
function planAnnotations(r, isFile) {
    const located = r.active.filter((f) => f.location?.startLine !== undefined && f.location.path && isFile(f.location.path));
    const blocking = new Set(r.blocking);
    const errors = located.filter((f) => blocking.has(f));
    const warnings = located.filter((f) => !blocking.has(f));
    const toAnn = (f, level) => ({
        level,
        title: `${f.severity.toUpperCase()} ${ident(f)} (${f.tools.join(', ')})`,
        message: `${f.title}${f.message && f.message !== f.title ? `: ${firstLine(f.message)}` : ''}`,
        file: f.location.path,
        startLine: f.location.startLine,
        ...(f.location.endLine ? { endLine: f.location.endLine } : {}),
        ...(f.location.startColumn && (!f.location.endLine || f.location.endLine === f.location.startLine)
            ? {
                startColumn: f.location.startColumn,
                ...(f.location.endColumn ? { endColumn: f.location.endColumn } : {}),
            }
            : {}),
    });
    return {
        annotations: [
            ...errors.slice(0, ANNOTATION_LIMIT).map((f) => toAnn(f, 'error')),
            ...warnings.slice(0, ANNOTATION_LIMIT).map((f) => toAnn(f, 'warning')),
        ],
        omittedErrors: Math.max(0, errors.length - ANNOTATION_LIMIT),
        omittedWarnings: Math.max(0, warnings.length - ANNOTATION_LIMIT),
    };
}
function firstLine(s) {
    return s.split('\n')[0];
}
/**
 * Report text comes from scanner output (package names, titles, suppression reasons): keep it
 * from breaking the table or injecting HTML into the job summary.
 */
function cell(s) {
    return s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|')
        .replace(/\r?\n/g, ' ');
}
function pkgCell(f) {
    if (!f.package)
        return '';
    return cell(f.package.name);
}
function versionCell(f) {
    if (!f.package)
        return '';
    const inst = f.package.installed ?? '?';
    return cell(f.package.fixed ? `${inst} → ${f.package.fixed}` : `${inst} → (no fix)`);
}
function findingRow(f) {
    const id = f.helpUri && /^https?:\/\/[^\s()]+$/.test(f.helpUri) ? `[${ident(f)}](${f.helpUri})` : ident(f);
    return `| ${f.severity} | ${cell(id)} | ${pkgCell(f)} | ${versionCell(f)} | ${cell(where(f))} | ${cell(f.tools.join(', '))} |`;
}
const FINDING_HEADER = [
    '| severity | id | package | installed → fixed | where | tools |',
    '| --- | --- | --- | --- | --- | --- |',
];
function renderSummary(r, opts = {}) {
    const maxRows = opts.maxRows ?? 50;
    const warnDays = opts.warnDays ?? 14;
    const out = [];
    out.push(`### ${r.passed ? '✅' : '❌'} Security gate ${cell(verdict(r))}`);
    out.push('');
    const baselineNote = r.hasBaseline
        ? `, ${r.newFindings.length} new, ${r.fixed} fixed since the baseline`
        : '';
    out.push(`${r.findings.length} finding(s) after de-duplication: ${r.active.length} active${baselineNote}, ${r.suppressed.length} suppressed, ${r.ignoredUnfixed.length} ignored as unfixed. Fail on: **${r.failOn}**.`);
    out.push('');
    // Counts by severity and tool (active findings).
    const tools = [...new Set(r.active.flatMap((f) => f.tools))].sort();
    if (r.active.length > 0) {
        out.push(`| severity | ${tools.map(cell).join(' | ')} | total |`);
        out.push(`| --- | ${tools.map(() => '---:').join(' | ')} | ---: |`);
        for (const s of SEVERITIES) {
            const ofSev = r.active.filter((f) => f.severity === s);
            if (ofSev.length === 0)
                continue;
            const label = atOrAbove(s, r.failOn) ? `**${s}**` : s;
            out.push(`| ${label} | ${tools.map((t) => ofSev.filter((f) => f.tools.includes(t)).length).join(' | ')} | ${ofSev.length} |`);
        }
        out.push('');
    }
    if (r.blocking.length > 0) {
        out.push(`#### Blocking (${r.blocking.length})`);
        out.push('');
        out.push(...FINDING_HEADER);
        for (const f of r.blocking.slice(0, maxRows))
            out.push(findingRow(f));
        if (r.blocking.length > maxRows)
            out.push(`| | … ${r.blocking.length - maxRows} more | | | | |`);
        out.push('');
    }
    if (r.expired.length > 0) {
        out.push(`#### Expired suppressions (${r.expired.length}): no longer applied`);
        out.push('');
        for (const e of r.expired) {
            const n = r.expiredMatches.filter((m) => m.entry === e).length;
            out.push(`- entry ${e.index + 1} (line ${e.line}) ${cell(describe(e))}: expired on ${e.expires}; ${n > 0 ? `${n} finding(s) count again` : 'it matches nothing now: delete it'}. Reason was: ${cell(e.reason)}`);
        }
        out.push('');
    }
    if (r.stale.length > 0) {
        out.push(`#### Stale suppressions (${r.stale.length}): they match no finding, delete them`);
        out.push('');
        for (const e of r.stale)
            out.push(`- entry ${e.index + 1} (line ${e.line}) ${cell(describe(e))}, expires ${e.expires}`);
        out.push('');
    }
    if (r.inForce.length > 0) {
        out.push(`#### Suppressions in force (${r.inForce.length})`);
        out.push('');
        out.push('| entry | suppresses | findings | reason | expires |');
        out.push('| --- | --- | ---: | --- | --- |');
        for (const s of r.inForce) {
            const soon = s.daysLeft <= warnDays ? ` ⚠️ in ${s.daysLeft} day(s)` : '';
            out.push(`| ${s.entry.index + 1} (line ${s.entry.line}) | ${cell(describe(s.entry))} | ${s.count} | ${cell(s.entry.reason)} | ${s.entry.expires}${soon} |`);
        }
        out.push('');
    }
    if (opts.plan && (opts.plan.omittedErrors > 0 || opts.plan.omittedWarnings > 0)) {
        out.push(`GitHub shows 10 error and 10 warning annotations per step: ${opts.plan.omittedErrors} error and ${opts.plan.omittedWarnings} warning annotation(s) more are listed below only.`);
        out.push('');
    }
    const rest = r.active.filter((f) => !r.blocking.includes(f));
    if (rest.length > 0) {
        out.push(`<details><summary>Other active findings (${rest.length})</summary>`);
        out.push('');
        out.push(...FINDING_HEADER);
        for (const f of rest.slice(0, 500))
            out.push(findingRow(f));
        if (rest.length > 500)
            out.push(`| | … ${rest.length - 500} more | | | | |`);
        out.push('');
        out.push('</details>');
        out.push('');
    }
    if (opts.sarifFiles !== undefined)
        out.push(`Merged SARIF: ${opts.sarifFiles} file(s) within GitHub's upload limits.`);
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./.tmp/build/security/json-position.js
/**
 * Finds where a JSON text stops being valid (offset of the first bad character), for error
 * messages that name the line and column. Only run after JSON.parse has already failed.
 */
function firstJsonError(text) {
    let i = 0;
    const ws = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    class Stop extends Error {
        expected;
        constructor(expected) {
            super(expected);
            this.expected = expected;
        }
    }
    const stop = (expected) => {
        throw new Stop(expected);
    };
    const literal = (word) => {
        if (text.startsWith(word, i))
            i += word.length;
        else
            stop('a value');
    };
    const string = () => {
        if (text[i] !== '"')
            stop('a string');
        i++;
        while (i < text.length && text[i] !== '"') {
            const c = text.charCodeAt(i);
            if (c < 0x20)
                stop('a closing quote');
            if (text[i] === '\\') {
                i++;
                if (text[i] === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5)))
                        stop('four hex digits');
                    i += 5;
                    continue;
                }
                if (!'"\\/bfnrt'.includes(text[i] ?? ''))
                    stop('an escape');
            }
            i++;
        }
        if (i >= text.length)
            stop('a closing quote');
        i++;
    };
    const number = () => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
        if (!m || m[0] === '' || m[0] === '-')
            stop('a value');
        i += m[0].length;
    };
    const value = () => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            ws();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                ws();
                string();
                ws();
                if (text[i] !== ':')
                    stop("':'");
                i++;
                value();
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '}') {
                    i++;
                    return;
                }
                stop("',' or '}'");
            }
        }
        if (c === '[') {
            i++;
            ws();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value();
                ws();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === ']') {
                    i++;
                    return;
                }
                stop("',' or ']'");
            }
        }
        if (c === '"')
            return string();
        if (c === 't')
            return literal('true');
        if (c === 'f')
            return literal('false');
        if (c === 'n')
            return literal('null');
        return number();
    };
    try {
        value();
        ws();
        if (i < text.length)
            stop('the end of the document');
        return { offset: i, expected: 'valid JSON' };
    }
    catch (e) {
        if (e instanceof Stop)
            return { offset: i, expected: e.expected };
        throw e;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/security/parse.js



/** JSON.parse with an error that names the file, line and column. */
function parseJson(text, file) {
    const body = text.replace(/^\uFEFF/, '');
    try {
        return JSON.parse(body);
    }
    catch {
        const { offset, expected } = firstJsonError(body);
        const before = body.slice(0, offset);
        const line = before.split('\n').length;
        const col = offset - before.lastIndexOf('\n');
        const found = offset >= body.length ? 'the end of the file' : JSON.stringify(body.slice(offset, offset + 12));
        throw new errors/* UserError */.yo(`not valid JSON: expected ${expected}, found ${found}`, `${file}:${line}:${col}`);
    }
}
function detectFormat(doc, file) {
    if (Array.isArray(doc)) {
        if (doc.every((x) => isObject(x) && typeof x.RuleID === 'string'))
            return 'gitleaks';
        throw new errors/* UserError */.yo('a JSON array that is not a gitleaks report (entries need RuleID)', file);
    }
    if (isObject(doc)) {
        if ('runs' in doc || 'version' in doc || '$schema' in doc)
            return 'sarif';
        if ('SchemaVersion' in doc || 'Results' in doc)
            return 'trivy';
    }
    throw new errors/* UserError */.yo('unknown report format: expected SARIF 2.1.0, Trivy JSON or gitleaks JSON', file);
}
function parseReport(text, file, opts = {}) {
    const doc = parseJson(text, file);
    const format = detectFormat(doc, file);
    if (format === 'sarif')
        return parseSarif(doc, file, opts);
    if (format === 'trivy')
        return parseTrivy(doc, file, opts);
    return parseGitleaks(doc, file, opts);
}
// ---------------------------------------------------------------------------------------------
// SARIF
function parseSarif(doc, file, opts = {}) {
    if (!isObject(doc))
        throw new errors/* UserError */.yo('SARIF must be a JSON object', file);
    const log = doc;
    if (log.version !== '2.1.0') {
        throw new errors/* UserError */.yo(`SARIF version ${JSON.stringify(log.version ?? null)} is not supported (need 2.1.0)`, `${file}: version`);
    }
    if (!Array.isArray(log.runs))
        throw new errors/* UserError */.yo('SARIF has no runs array', `${file}: runs`);
    const out = [];
    log.runs.forEach((run, ri) => {
        const driver = run?.tool?.driver;
        if (!driver || typeof driver.name !== 'string') {
            throw new errors/* UserError */.yo('run has no tool.driver.name', `${file}: runs[${ri}].tool.driver.name`);
        }
        const tool = driver.name;
        const rules = driver.rules ?? [];
        const byId = new Map();
        for (const r of rules)
            if (r && typeof r.id === 'string')
                byId.set(r.id, r);
        (run.results ?? []).forEach((res, i) => {
            if (!isObject(res))
                throw new errors/* UserError */.yo('result is not an object', `${file}: runs[${ri}].results[${i}]`);
            const rule = (typeof res.ruleIndex === 'number' ? rules[res.ruleIndex] : undefined) ??
                (res.ruleId ? byId.get(res.ruleId) : undefined) ??
                (res.rule?.id ? byId.get(res.rule.id) : undefined);
            const ruleId = res.ruleId ?? res.rule?.id ?? rule?.id;
            if (!ruleId)
                throw new errors/* UserError */.yo('result has no ruleId', `${file}: runs[${ri}].results[${i}]`);
            if (res.kind && res.kind !== 'fail')
                return; // pass/notApplicable/informational are not findings
            if (res.suppressions?.some((s) => s.status === undefined || s.status === 'accepted'))
                return;
            out.push(sarifFinding(tool, ruleId, res, rule, opts));
        });
    });
    return out;
}
const SECRET_TOOLS = /gitleaks|secretlint|trufflehog|detect-secrets/i;
function sarifFinding(tool, ruleId, res, rule, opts) {
    const message = res.message?.text ?? res.message?.markdown ?? rule?.shortDescription?.text ?? ruleId;
    const helpText = rule?.help?.text ?? '';
    const tags = (rule?.properties?.tags ?? []).filter((t) => typeof t === 'string');
    const pkgName = field(message, 'Package') ?? field(helpText, 'Package');
    const installed = field(message, 'Installed Version') ?? field(helpText, 'Installed Version') ?? field(helpText, 'Version');
    const fixedRaw = field(message, 'Fixed Version') ?? field(helpText, 'Fixed Version') ?? field(helpText, 'Fix Version');
    const vulnId = advisoryId(ruleId) ?? advisoryId(message);
    let kind = 'code';
    if (SECRET_TOOLS.test(tool) || tags.some((t) => /^secret$/i.test(t)))
        kind = 'secret';
    else if (pkgName && vulnId)
        kind = 'vulnerability';
    else if (tags.some((t) => /misconfiguration/i.test(t)))
        kind = 'misconfiguration';
    else if (vulnId || tags.some((t) => /^vulnerability$/i.test(t)))
        kind = 'vulnerability';
    const severity = sarifSeverity(res, rule, tags, kind);
    const location = sarifLocation(res, opts);
    const hasFixField = /Fix(ed)? Version:/.test(message) || /Fix(ed)? Version:/.test(helpText);
    const fixed = fixedRaw && fixedRaw.length > 0 ? fixedRaw : undefined;
    const base = {
        kind,
        ruleId,
        ...(vulnId ? { vulnId } : {}),
        severity,
        title: rule?.shortDescription?.text && rule.shortDescription.text !== ruleId
            ? rule.shortDescription.text
            : parse_firstLine(message),
        message,
        ...(pkgName
            ? { package: { name: pkgName, ...(installed ? { installed } : {}), ...(fixed ? { fixed } : {}) } }
            : {}),
        ...(location ? { location } : {}),
        ...(kind === 'vulnerability' && hasFixField ? { fixable: fixed !== undefined } : {}),
        ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}),
    };
    return { ...base, tools: [tool], fingerprint: fingerprintOf(base) };
}
/** `Key: value` on its own line (Trivy and Grype put package details in messages and help). */
function field(text, key) {
    const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text);
    if (!m)
        return undefined;
    return m[1].trim();
}
function advisoryId(s) {
    const m = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,}|RUSTSEC-\d{4}-\d{4})\b/i.exec(s);
    return m ? m[1].toUpperCase().replace(/^GHSA/, 'GHSA') : undefined;
}
function parse_firstLine(s) {
    return s.split('\n')[0].slice(0, 200);
}
/** GitHub's own mapping of `security-severity` (a CVSS-like score) to a severity. */
function scoreSeverity(score) {
    if (score >= 9)
        return 'critical';
    if (score >= 7)
        return 'high';
    if (score >= 4)
        return 'medium';
    if (score > 0)
        return 'low';
    return 'unknown';
}
function severityFromWord(word) {
    switch ((word ?? '').toLowerCase()) {
        case 'critical':
            return 'critical';
        case 'high':
        case 'error':
            return 'high';
        case 'medium':
        case 'moderate':
        case 'warning':
            return 'medium';
        case 'low':
        case 'note':
        case 'negligible':
        case 'info':
            return 'low';
        case 'unknown':
            return 'unknown';
        default:
            return undefined;
    }
}
function sarifSeverity(res, rule, tags, kind) {
    // The tool's own word first (Trivy tags, Grype/Trivy "Severity:" lines), then GitHub's
    // security-severity score, then the SARIF level.
    for (const t of tags) {
        if (/^(critical|high|medium|low|unknown)$/i.test(t))
            return severityFromWord(t);
    }
    const sevLine = field(res.message?.text ?? '', 'Severity') ?? field(rule?.help?.text ?? '', 'Severity');
    const fromLine = severityFromWord(sevLine);
    if (fromLine)
        return fromLine;
    const raw = res.properties?.['security-severity'] ?? rule?.properties?.['security-severity'];
    if (raw !== undefined && raw !== null && raw !== '' && Number.isFinite(Number(raw)))
        return scoreSeverity(Number(raw));
    if (kind === 'secret')
        return 'high';
    const level = res.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    if (level === 'error')
        return 'high';
    if (level === 'warning')
        return 'medium';
    return 'low';
}
function sarifLocation(res, opts) {
    const pl = res.locations?.find((l) => l.physicalLocation?.artifactLocation?.uri)?.physicalLocation;
    if (!pl?.artifactLocation?.uri)
        return undefined;
    const path = relativePath(pl.artifactLocation.uri, opts.root);
    const r = pl.region;
    return {
        path,
        ...(r?.startLine ? { startLine: r.startLine } : {}),
        ...(r?.endLine ? { endLine: r.endLine } : {}),
        ...(r?.startColumn ? { startColumn: r.startColumn } : {}),
        ...(r?.endColumn ? { endColumn: r.endColumn } : {}),
    };
}
/** Turns `file:///repo/src/a.js` or `/repo/src/a.js` into `src/a.js` when under root. */
function relativePath(uri, root) {
    let p = uri;
    if (p.startsWith('file://')) {
        try {
            p = decodeURIComponent(new URL(p).pathname);
        }
        catch {
            p = p.slice('file://'.length);
        }
    }
    p = p.replace(/\\/g, '/');
    if (root) {
        let r = root.startsWith('file://') ? decodeURIComponent(new URL(root).pathname) : root;
        r = r.replace(/\\/g, '/').replace(/\/+$/, '');
        if (r && p.startsWith(r + '/'))
            p = p.slice(r.length + 1);
    }
    return p.replace(/^\.\//, '');
}
const UNFIXED_STATUSES = new Set(['affected', 'will_not_fix', 'fix_deferred', 'end_of_life']);
function parseTrivy(doc, file, opts = {}) {
    if (!isObject(doc))
        throw new errors/* UserError */.yo('Trivy report must be a JSON object', file);
    if (doc.SchemaVersion !== undefined && doc.SchemaVersion !== 2) {
        throw new errors/* UserError */.yo(`Trivy SchemaVersion ${JSON.stringify(doc.SchemaVersion)} is not supported (need 2)`, `${file}: SchemaVersion`);
    }
    const results = doc.Results ?? [];
    if (!Array.isArray(results))
        throw new errors/* UserError */.yo('Results must be an array', `${file}: Results`);
    const artifact = typeof doc.ArtifactName === 'string' ? doc.ArtifactName : undefined;
    const artifactType = typeof doc.ArtifactType === 'string' ? doc.ArtifactType : '';
    const fileBased = artifactType !== 'container_image' && artifactType !== 'vm';
    const tool = 'Trivy';
    const out = [];
    results.forEach((r, ri) => {
        const where = `${file}: Results[${ri}]`;
        if (typeof r !== 'object' || r === null || Array.isArray(r))
            throw new errors/* UserError */.yo('result is not an object', where);
        // For an image the artifact is the image reference (what `scope.image` matches); a result's
        // Target there is `<image> (<os>)`. For a filesystem it is the lockfile or manifest.
        const target = fileBased ? (r.Target ?? artifact) : (artifact ?? r.Target);
        for (const [vi, v] of (r.Vulnerabilities ?? []).entries()) {
            if (!v || typeof v.VulnerabilityID !== 'string' || typeof v.PkgName !== 'string') {
                throw new errors/* UserError */.yo('vulnerability needs VulnerabilityID and PkgName', `${where}.Vulnerabilities[${vi}]`);
            }
            const fixed = v.FixedVersion ? v.FixedVersion : undefined;
            const status = (v.Status ?? '').toLowerCase();
            const fixable = fixed !== undefined || status === 'fixed'
                ? true
                : UNFIXED_STATUSES.has(status) || status === ''
                    ? false
                    : undefined;
            const filePath = fileBased && r.Class === 'lang-pkgs' && r.Target ? relativePath(r.Target, opts.root) : undefined;
            const base = {
                kind: 'vulnerability',
                ruleId: v.VulnerabilityID,
                ...(advisoryId(v.VulnerabilityID) ? { vulnId: advisoryId(v.VulnerabilityID) } : {}),
                severity: severityFromWord(v.Severity) ?? 'unknown',
                title: v.Title ?? v.VulnerabilityID,
                message: `${v.VulnerabilityID} in ${v.PkgName} ${v.InstalledVersion ?? ''}${fixed ? ` (fixed in ${fixed})` : ''}`.trim(),
                package: {
                    name: v.PkgName,
                    ...(v.InstalledVersion ? { installed: v.InstalledVersion } : {}),
                    ...(fixed ? { fixed } : {}),
                    ...(v.PkgIdentifier?.PURL ? { purl: v.PkgIdentifier.PURL } : {}),
                },
                ...(filePath ? { location: { path: filePath } } : {}),
                ...(target ? { target } : {}),
                ...(fixable !== undefined ? { fixable } : {}),
                ...(v.PrimaryURL ? { helpUri: v.PrimaryURL } : {}),
            };
            out.push({ ...base, tools: [tool], fingerprint: fingerprintOf(base) });
        }
        for (const [mi, m] of (r.Misconfigurations ?? []).entries()) {
            if (!m || typeof (m.AVDID ?? m.ID) !== 'string') {
                throw new errors/* UserError */.yo('misconfiguration needs ID or AVDID', `${where}.Misconfigurations[${mi}]`);
            }
            if (m.Status && m.Status !== 'FAIL')
                continue;
            const path = r.Target ? relativePath(r.Target, opts.root) : undefined;
            const base = {
                kind: 'misconfiguration',
                ruleId: (m.AVDID ?? m.ID),
                severity: severityFromWord(m.Severity) ?? 'unknown',
                title: m.Title ?? (m.AVDID ?? m.ID),
                message: m.Message ?? m.Title ?? '',
                ...(path
                    ? {
                        location: {
                            path,
                            ...(m.CauseMetadata?.StartLine ? { startLine: m.CauseMetadata.StartLine } : {}),
                            ...(m.CauseMetadata?.EndLine ? { endLine: m.CauseMetadata.EndLine } : {}),
                        },
                    }
                    : {}),
                ...(artifact ? { target: artifact } : {}),
                ...(m.PrimaryURL ? { helpUri: m.PrimaryURL } : {}),
            };
            out.push({ ...base, tools: [tool], fingerprint: fingerprintOf(base) });
        }
        for (const [si, s] of (r.Secrets ?? []).entries()) {
            if (!s || typeof s.RuleID !== 'string')
                throw new errors/* UserError */.yo('secret needs RuleID', `${where}.Secrets[${si}]`);
            const path = r.Target ? relativePath(r.Target, opts.root) : '';
            const base = {
                kind: 'secret',
                ruleId: s.RuleID,
                severity: severityFromWord(s.Severity) ?? 'high',
                title: s.Title ?? s.RuleID,
                message: `${s.Title ?? s.RuleID} found in ${path}${s.StartLine ? ` line ${s.StartLine}` : ''}`,
                location: {
                    path,
                    ...(s.StartLine ? { startLine: s.StartLine } : {}),
                    ...(s.EndLine ? { endLine: s.EndLine } : {}),
                },
                ...(artifact ? { target: artifact } : {}),
            };
            out.push({ ...base, tools: [tool], fingerprint: fingerprintOf(base) });
        }
    });
    return out;
}
function parseGitleaks(doc, file, opts = {}) {
    if (!Array.isArray(doc))
        throw new errors/* UserError */.yo('gitleaks report must be a JSON array', file);
    return doc.map((l, i) => {
        if (typeof l !== 'object' || l === null || typeof l.RuleID !== 'string')
            throw new errors/* UserError */.yo('leak needs RuleID', `${file}: [${i}]`);
        const path = relativePath(l.File ?? '', opts.root);
        const base = {
            kind: 'secret',
            ruleId: l.RuleID,
            severity: 'high',
            title: l.Description || `${l.RuleID} secret`,
            message: `${l.RuleID} has detected a secret in ${path}${l.Commit ? ` at commit ${l.Commit}` : ''}`,
            location: {
                path,
                ...(l.StartLine ? { startLine: l.StartLine } : {}),
                ...(l.EndLine ? { endLine: l.EndLine } : {}),
                ...(l.StartColumn ? { startColumn: l.StartColumn } : {}),
                ...(l.EndColumn ? { endColumn: l.EndColumn } : {}),
            },
        };
        return { ...base, tools: ['gitleaks'], fingerprint: fingerprintOf(base) };
    });
}
function isObject(x) {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./.tmp/build/security/sarif-out.js
/**
 * Writes findings back out as SARIF 2.1.0 for code scanning, split to stay inside GitHub's upload
 * limits: at most 20 runs per file, 25,000 results per run, 10 MB gzip per file, and one run per
 * tool + category (each run carries its own `automationDetails.id`).
 */

const GITHUB_LIMITS = {
    runsPerFile: 20,
    resultsPerRun: 25_000,
    gzipBytes: 10 * 1024 * 1024,
};
/** The key under partialFingerprints that carries Slipway's fingerprint (read back by baselines). */
const FINGERPRINT_KEY = 'slipway/v1';
const SCORE = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '2.0',
    unknown: '0.0',
};
function level(s) {
    if (s === 'critical' || s === 'high')
        return 'error';
    if (s === 'medium')
        return 'warning';
    return 'note';
}
function slug(s) {
    return (s
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'tool');
}
function toResult(f, ruleIndex, waived) {
    const pkg = f.package;
    const lines = [f.title !== f.message ? `${f.title}: ${f.message}` : f.message];
    if (pkg) {
        lines.push(`Package: ${pkg.name}`);
        if (pkg.installed)
            lines.push(`Installed Version: ${pkg.installed}`);
        if (f.kind === 'vulnerability')
            lines.push(`Fixed Version: ${pkg.fixed ?? ''}`);
    }
    lines.push(`Severity: ${f.severity.toUpperCase()}`);
    if (f.tools.length > 1)
        lines.push(`Reported by: ${f.tools.join(', ')}`);
    const uri = f.location?.path || f.target || pkg?.purl || pkg?.name || 'unknown';
    const region = { startLine: f.location?.startLine ?? 1 };
    if (f.location?.endLine)
        region.endLine = f.location.endLine;
    if (f.location?.startColumn)
        region.startColumn = f.location.startColumn;
    if (f.location?.endColumn)
        region.endColumn = f.location.endColumn;
    return {
        ruleId: f.ruleId,
        ruleIndex,
        level: level(f.severity),
        message: { text: lines.join('\n') },
        locations: [
            { physicalLocation: { artifactLocation: { uri: encodeURI(uri).replace(/%25/g, '%') }, region } },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
        ...(waived
            ? {
                suppressions: [
                    {
                        kind: 'external',
                        status: 'accepted',
                        justification: `${waived.reason} (until ${waived.expires})`,
                    },
                ],
            }
            : {}),
        properties: {
            severity: f.severity,
            kind: f.kind,
            ...(pkg
                ? {
                    package: pkg.name,
                    ...(pkg.installed ? { installedVersion: pkg.installed } : {}),
                    ...(pkg.fixed ? { fixedVersion: pkg.fixed } : {}),
                }
                : {}),
            ...(f.target ? { target: f.target } : {}),
            tools: f.tools,
        },
    };
}
function buildRun(tool, category, findings, waivers) {
    const rules = [];
    const index = new Map();
    const results = [];
    for (const f of findings) {
        let i = index.get(f.ruleId);
        if (i === undefined) {
            i = rules.length;
            index.set(f.ruleId, i);
            rules.push({
                id: f.ruleId,
                shortDescription: { text: f.title.slice(0, 1000) || f.ruleId },
                ...(f.helpUri ? { helpUri: f.helpUri } : {}),
                defaultConfiguration: { level: level(f.severity) },
                properties: { 'security-severity': SCORE[f.severity], tags: ['security', f.kind] },
            });
        }
        else {
            // A rule's security-severity is the worst of its results.
            const r = rules[i];
            if (Number(SCORE[f.severity]) > Number(r.properties['security-severity'])) {
                r.properties['security-severity'] = SCORE[f.severity];
                r.defaultConfiguration = { level: level(f.severity) };
            }
        }
        results.push(toResult(f, i, waivers?.get(f.fingerprint)));
    }
    return {
        tool: { driver: { name: tool, rules } },
        automationDetails: { id: `${category}/` },
        results,
    };
}
function serialise(log) {
    const text = JSON.stringify(log);
    return { text, gzipBytes: (0,external_node_zlib_.gzipSync)(text).length };
}
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/**
 * Groups findings by the first tool that reported them, cuts each group into runs of at most
 * `resultsPerRun`, then packs runs into files of at most `runsPerFile` runs and `gzipBytes`.
 * A run that alone exceeds the size limit is halved until it fits.
 * `categoryPrefix` names the analysis, e.g. `slipway/api/image`; each run gets
 * `<prefix>/<tool>[/part-N]`, so no two runs share a tool + category.
 */
function toSarifFiles(findings, categoryPrefix = 'slipway', limits = GITHUB_LIMITS, waivers) {
    const byTool = new Map();
    for (const f of findings) {
        const t = f.tools[0] ?? 'unknown';
        (byTool.get(t) ?? byTool.set(t, []).get(t)).push(f);
    }
    // Every tool gets a run even with no results, so "fixed" alerts close on upload.
    const chunks = [];
    for (const [tool, items] of [...byTool.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        for (let i = 0; i < items.length; i += limits.resultsPerRun)
            chunks.push({ tool, items: items.slice(i, i + limits.resultsPerRun) });
    }
    // Halve any chunk whose run alone is over the size limit.
    const sized = [];
    const queue = [...chunks];
    while (queue.length > 0) {
        const c = queue.shift();
        const { gzipBytes } = serialise({
            version: '2.1.0',
            $schema: SCHEMA,
            runs: [buildRun(c.tool, 'x', c.items)],
        });
        if (gzipBytes > limits.gzipBytes && c.items.length > 1) {
            const mid = Math.ceil(c.items.length / 2);
            queue.unshift({ tool: c.tool, items: c.items.slice(0, mid) }, { tool: c.tool, items: c.items.slice(mid) });
        }
        else
            sized.push(c);
    }
    const partsOf = new Map();
    for (const c of sized)
        partsOf.set(c.tool, (partsOf.get(c.tool) ?? 0) + 1);
    const seen = new Map();
    const runs = sized.map((c) => {
        const n = (seen.get(c.tool) ?? 0) + 1;
        seen.set(c.tool, n);
        const category = `${categoryPrefix}/${slug(c.tool)}${partsOf.get(c.tool) > 1 ? `/part-${n}` : ''}`;
        return buildRun(c.tool, category, c.items, waivers);
    });
    const files = [];
    let current = [];
    const flush = () => {
        if (current.length === 0)
            return;
        const log = { version: '2.1.0', $schema: SCHEMA, runs: current };
        const { text, gzipBytes } = serialise(log);
        files.push({
            name: `slipway-${String(files.length + 1).padStart(2, '0')}.sarif`,
            log,
            text,
            gzipBytes,
            runs: current.length,
            results: current.reduce((n, r) => n + (r.results?.length ?? 0), 0),
        });
        current = [];
    };
    for (const run of runs) {
        if (current.length >= limits.runsPerFile)
            flush();
        if (current.length > 0) {
            const { gzipBytes } = serialise({ version: '2.1.0', $schema: SCHEMA, runs: [...current, run] });
            if (gzipBytes > limits.gzipBytes)
                flush();
        }
        current.push(run);
    }
    flush();
    if (files.length === 0) {
        // No findings at all: one empty run, so earlier alerts are closed as fixed.
        const log = {
            version: '2.1.0',
            $schema: SCHEMA,
            runs: [buildRun('slipway', `${categoryPrefix}/slipway`, [])],
        };
        const { text, gzipBytes } = serialise(log);
        files.push({ name: 'slipway-01.sarif', log, text, gzipBytes, runs: 1, results: 0 });
    }
    return files;
}

;// CONCATENATED MODULE: ./.tmp/build/security/baseline.js


function baselineFingerprints(texts, root) {
    const out = new Set();
    for (const { text, file } of texts) {
        const doc = parseJson(text, file);
        const format = detectFormat(doc, file);
        // Our own SARIF: take the fingerprints as written, so a baseline survives parser changes.
        const own = format === 'sarif' ? ownFingerprints(doc) : undefined;
        if (own && own.length > 0) {
            for (const fp of own)
                out.add(fp);
            continue;
        }
        const findings = parseReport(text, file, root ? { root } : {});
        for (const f of findings)
            out.add(f.fingerprint);
    }
    return out;
}
function ownFingerprints(doc) {
    const runs = doc.runs;
    if (!Array.isArray(runs))
        return undefined;
    const fps = [];
    let foreign = false;
    for (const run of runs) {
        for (const r of run?.results ?? []) {
            const fp = r?.partialFingerprints?.[FINGERPRINT_KEY];
            if (typeof fp === 'string')
                fps.push(fp);
            else
                foreign = true;
        }
    }
    return foreign ? undefined : fps;
}

;// CONCATENATED MODULE: ./.tmp/build/security/run.js
/**
 * One gate run, shared by the security-gate action and `slipway scan-gate`: expand and read the
 * reports, the suppressions file and the baseline, evaluate, and write the merged SARIF.
 * File access comes in as functions; every input is read and checked before anything is
 * written, so a bad report or suppressions file leaves no SARIF behind (nothing to upload).
 */







function shown(abs, cwd) {
    const rel = (0,external_node_path_.relative)(cwd, abs);
    return rel && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel.split(external_node_path_.sep).join('/') : abs;
}
async function runGate(o, files) {
    const notes = [];
    // 1. Reports: every pattern must match something (a typo must not pass the gate silently).
    const reportPaths = [];
    for (const p of o.reports) {
        const hits = await files.expand(p, o.cwd);
        if (hits.length === 0)
            throw new errors/* UserError */.yo(`no file matches '${p}' (did the scanner write its report there?)`, 'input reports');
        for (const h of hits)
            if (!reportPaths.includes(h))
                reportPaths.push(h);
    }
    const findings = [];
    for (const path of reportPaths) {
        findings.push(...parseReport(await files.read(path), shown(path, o.cwd), { root: o.cwd }));
    }
    // 2. Suppressions.
    let suppressions = [];
    let suppressionsFile;
    if (o.suppressions) {
        const abs = (0,external_node_path_.resolve)(o.cwd, o.suppressions.path);
        if (files.exists(abs)) {
            suppressionsFile = shown(abs, o.cwd);
            suppressions = parseSuppressions(await files.read(abs), suppressionsFile);
        }
        else if (o.suppressions.required) {
            throw new errors/* UserError */.yo(`${o.suppressions.path} does not exist`, 'input suppressions');
        }
    }
    // 3. Baseline: missing is not an error (the base branch may not have been scanned yet).
    let baseline;
    if (o.baseline.length > 0) {
        const paths = [];
        for (const p of o.baseline)
            for (const h of await files.expand(p, o.cwd))
                if (!paths.includes(h))
                    paths.push(h);
        if (paths.length === 0) {
            notes.push(`no baseline found at ${o.baseline.join(', ')}: every finding counts as new`);
        }
        else {
            const texts = [];
            for (const p of paths)
                texts.push({ text: await files.read(p), file: shown(p, o.cwd) });
            baseline = baselineFingerprints(texts, o.cwd);
        }
    }
    // 4. Decide.
    const result = evaluate(findings, {
        failOn: o.failOn,
        ignoreUnfixed: o.ignoreUnfixed,
        suppressions,
        today: o.today,
        ...(baseline ? { baseline } : {}),
    });
    // 5. Merged SARIF: active findings plus suppressed ones marked as such.
    const waivers = new Map();
    for (const s of result.suppressed)
        waivers.set(s.finding.fingerprint, { reason: s.by.reason, expires: s.by.expires });
    const sarifFiles = toSarifFiles([...result.active, ...result.suppressed.map((s) => s.finding)], o.category, o.limits, waivers);
    const sarif = [];
    for (const f of sarifFiles) {
        const path = (0,external_node_path_.join)(o.outputDir, f.name);
        await files.write(path, f.text + '\n');
        sarif.push({ path, file: f });
    }
    return {
        result,
        reports: reportPaths.map((p) => shown(p, o.cwd)),
        ...(suppressionsFile ? { suppressionsFile } : {}),
        sarif,
        notes,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./.tmp/build/runner/walk.js
var walk = __webpack_require__(8022);
;// CONCATENATED MODULE: ./.tmp/build/runner/security-files.js
/**
 * File access for the security gate (action and CLI): expands report globs, relative to the
 * workspace or absolute (e.g. under RUNNER_TEMP), reads and writes files.
 */





/**
 * Paths (absolute) matching one pattern: a literal path if it is a file, else a picomatch glob
 * walked from its static base directory.
 */
async function expandPattern(pattern, cwd) {
    const abs = (0,external_node_path_.isAbsolute)(pattern) ? pattern : (0,external_node_path_.resolve)(cwd, pattern);
    const scan = picomatch.scan(abs.split(external_node_path_.sep).join('/'));
    if (!scan.isGlob)
        return (0,external_node_fs_.existsSync)(abs) && (0,external_node_fs_.statSync)(abs).isFile() ? [abs] : [];
    const base = scan.base || '/';
    const files = await (0,walk/* walkFiles */.F)(base, 200_000);
    const isMatch = picomatch(abs.split(external_node_path_.sep).join('/'), { dot: true });
    return files.filter((f) => isMatch(f.split(external_node_path_.sep).join('/'))).sort();
}
/** How a path is shown to users: relative to the workspace when inside it. */
function displayPath(abs, cwd) {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}
const nodeFiles = {
    expand: expandPattern,
    read: (path) => (0,promises_.readFile)(path, 'utf8'),
    exists: (path) => (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile(),
    write: async (path, text) => {
        await (0,promises_.mkdir)((0,external_node_path_.join)(path, '..'), { recursive: true });
        await (0,promises_.writeFile)(path, text);
    },
};

;// CONCATENATED MODULE: ./.tmp/build/cli/commands/scan-gate.js






const DEFAULT_SUPPRESSIONS = '.github/slipway-suppressions.yml';
const command = {
    help: `slipway scan-gate: the security gate on local reports (same core as the security-gate action)

usage: slipway scan-gate [options] REPORT|GLOB...

Reads SARIF 2.1.0 (any tool), Trivy JSON and gitleaks JSON; prints the summary; exits 1 when
a finding at or above --fail-on remains.

options:
  --fail-on LEVEL        critical, high (default), medium, low or none
  --ignore-unfixed       ignore vulnerabilities without a fixed version
  --suppressions FILE    suppressions file (default ${DEFAULT_SUPPRESSIONS} if present; none to disable)
  --baseline FILE|GLOB   base branch findings; only new findings fail (repeatable)
  --category PREFIX      SARIF category prefix (default slipway)
  --output-dir DIR       where to write the merged SARIF (default .slipway/security)
  --today YYYY-MM-DD     the date suppressions are checked against (default: today, UTC)
  --json                 print the result as JSON instead of the summary`,
    options: {
        'fail-on': { type: 'string' },
        'ignore-unfixed': { type: 'boolean' },
        suppressions: { type: 'string' },
        baseline: { type: 'string', repeatable: true },
        category: { type: 'string' },
        'output-dir': { type: 'string' },
        today: { type: 'string' },
        json: { type: 'boolean' },
    },
    async run(args) {
        if (args.positionals.length === 0)
            throw new errors/* UserError */.yo('give at least one report file or glob');
        const cwd = process.cwd();
        const today = args.values.today ?? new Date().toISOString().slice(0, 10);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
            throw new errors/* UserError */.yo(`expected YYYY-MM-DD, got '${today}'`, '--today');
        const supp = args.values.suppressions ?? DEFAULT_SUPPRESSIONS;
        const run = await runGate({
            reports: args.positionals,
            failOn: parseFailOn(args.values['fail-on'] ?? 'high', '--fail-on'),
            ignoreUnfixed: args.flags['ignore-unfixed'] ?? false,
            ...(supp === 'none' ? {} : { suppressions: { path: supp, required: supp !== DEFAULT_SUPPRESSIONS } }),
            baseline: args.lists.baseline ?? [],
            category: (args.values.category ?? 'slipway').replace(/\/+$/, ''),
            outputDir: (0,external_node_path_.resolve)(cwd, args.values['output-dir'] ?? '.slipway/security'),
            cwd,
            today,
        }, nodeFiles);
        for (const n of run.notes)
            process.stderr.write(`warning: ${n}\n`);
        const r = run.result;
        if (args.flags.json) {
            process.stdout.write(JSON.stringify({
                passed: r.passed,
                verdict: verdict(r),
                findings: r.active,
                blocking: r.blocking.map((f) => f.fingerprint),
                newFindings: r.newFindings.map((f) => f.fingerprint),
                fixed: r.fixed,
                suppressed: r.suppressed.map((s) => ({
                    fingerprint: s.finding.fingerprint,
                    entry: s.by.index + 1,
                })),
                expired: r.expired,
                stale: r.stale,
                sarif: run.sarif.map((s) => s.path),
            }, null, 2) + '\n');
        }
        else {
            process.stdout.write(renderSummary(r, { sarifFiles: run.sarif.length }));
            process.stdout.write(`\nSARIF: ${run.sarif.map((s) => s.path).join(', ')}\n`);
        }
        return r.passed ? 0 : 1;
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
