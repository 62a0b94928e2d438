/**
 * Reads scanner reports into normalised findings: SARIF 2.1.0 from any tool, Trivy JSON
 * (SchemaVersion 2: vulnerabilities, misconfigurations, secrets) and gitleaks JSON.
 * Data in, data out: the caller reads the file and passes its text and its name.
 */
import type * as Sarif from 'sarif';
import { UserError } from '../errors.js';
import { firstJsonError } from './json-position.js';
import { fingerprintOf, type Finding, type FindingKind, type Location, type Severity } from './finding.js';

export type ReportFormat = 'sarif' | 'trivy' | 'gitleaks';

export interface ParseOptions {
  /** Repository root as an absolute path or file URI; stripped from absolute locations. */
  root?: string;
}

/** JSON.parse with an error that names the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch {
    const { offset, expected } = firstJsonError(body);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    const found =
      offset >= body.length ? 'the end of the file' : JSON.stringify(body.slice(offset, offset + 12));
    throw new UserError(`not valid JSON: expected ${expected}, found ${found}`, `${file}:${line}:${col}`);
  }
}

export function detectFormat(doc: unknown, file: string): ReportFormat {
  if (Array.isArray(doc)) {
    if (doc.every((x) => isObject(x) && typeof x.RuleID === 'string')) return 'gitleaks';
    throw new UserError('a JSON array that is not a gitleaks report (entries need RuleID)', file);
  }
  if (isObject(doc)) {
    if ('runs' in doc || 'version' in doc || '$schema' in doc) return 'sarif';
    if ('SchemaVersion' in doc || 'Results' in doc) return 'trivy';
  }
  throw new UserError('unknown report format: expected SARIF 2.1.0, Trivy JSON or gitleaks JSON', file);
}

export function parseReport(text: string, file: string, opts: ParseOptions = {}): Finding[] {
  const doc = parseJson(text, file);
  const format = detectFormat(doc, file);
  if (format === 'sarif') return parseSarif(doc, file, opts);
  if (format === 'trivy') return parseTrivy(doc, file, opts);
  return parseGitleaks(doc, file, opts);
}

// ---------------------------------------------------------------------------------------------
// SARIF

export function parseSarif(doc: unknown, file: string, opts: ParseOptions = {}): Finding[] {
  if (!isObject(doc)) throw new UserError('SARIF must be a JSON object', file);
  const log = doc as unknown as Sarif.Log;
  if (log.version !== '2.1.0') {
    throw new UserError(
      `SARIF version ${JSON.stringify(log.version ?? null)} is not supported (need 2.1.0)`,
      `${file}: version`,
    );
  }
  if (!Array.isArray(log.runs)) throw new UserError('SARIF has no runs array', `${file}: runs`);
  const out: Finding[] = [];
  log.runs.forEach((run, ri) => {
    const driver = run?.tool?.driver;
    if (!driver || typeof driver.name !== 'string') {
      throw new UserError('run has no tool.driver.name', `${file}: runs[${ri}].tool.driver.name`);
    }
    const tool = driver.name;
    const rules = driver.rules ?? [];
    const byId = new Map<string, Sarif.ReportingDescriptor>();
    for (const r of rules) if (r && typeof r.id === 'string') byId.set(r.id, r);
    (run.results ?? []).forEach((res, i) => {
      if (!isObject(res))
        throw new UserError('result is not an object', `${file}: runs[${ri}].results[${i}]`);
      const rule =
        (typeof res.ruleIndex === 'number' ? rules[res.ruleIndex] : undefined) ??
        (res.ruleId ? byId.get(res.ruleId) : undefined) ??
        (res.rule?.id ? byId.get(res.rule.id) : undefined);
      const ruleId = res.ruleId ?? res.rule?.id ?? rule?.id;
      if (!ruleId) throw new UserError('result has no ruleId', `${file}: runs[${ri}].results[${i}]`);
      if (res.kind && res.kind !== 'fail') return; // pass/notApplicable/informational are not findings
      if (res.suppressions?.some((s) => s.status === undefined || s.status === 'accepted')) return;
      out.push(sarifFinding(tool, ruleId, res, rule, opts));
    });
  });
  return out;
}

const SECRET_TOOLS = /gitleaks|secretlint|trufflehog|detect-secrets/i;

function sarifFinding(
  tool: string,
  ruleId: string,
  res: Sarif.Result,
  rule: Sarif.ReportingDescriptor | undefined,
  opts: ParseOptions,
): Finding {
  const message = res.message?.text ?? res.message?.markdown ?? rule?.shortDescription?.text ?? ruleId;
  const helpText = rule?.help?.text ?? '';
  const tags = ((rule?.properties?.tags as unknown[]) ?? []).filter(
    (t): t is string => typeof t === 'string',
  );
  const pkgName = field(message, 'Package') ?? field(helpText, 'Package');
  const installed =
    field(message, 'Installed Version') ?? field(helpText, 'Installed Version') ?? field(helpText, 'Version');
  const fixedRaw =
    field(message, 'Fixed Version') ?? field(helpText, 'Fixed Version') ?? field(helpText, 'Fix Version');
  const vulnId = advisoryId(ruleId) ?? advisoryId(message);
  let kind: FindingKind = 'code';
  if (SECRET_TOOLS.test(tool) || tags.some((t) => /^secret$/i.test(t))) kind = 'secret';
  else if (pkgName && vulnId) kind = 'vulnerability';
  else if (tags.some((t) => /misconfiguration/i.test(t))) kind = 'misconfiguration';
  else if (vulnId || tags.some((t) => /^vulnerability$/i.test(t))) kind = 'vulnerability';

  const severity = sarifSeverity(res, rule, tags, kind);
  const location = sarifLocation(res, opts);
  const hasFixField = /Fix(ed)? Version:/.test(message) || /Fix(ed)? Version:/.test(helpText);
  const fixed = fixedRaw && fixedRaw.length > 0 ? fixedRaw : undefined;
  const base = {
    kind,
    ruleId,
    ...(vulnId ? { vulnId } : {}),
    severity,
    title:
      rule?.shortDescription?.text && rule.shortDescription.text !== ruleId
        ? rule.shortDescription.text
        : firstLine(message),
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
function field(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text);
  if (!m) return undefined;
  return m[1]!.trim();
}

function advisoryId(s: string): string | undefined {
  const m =
    /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,}|RUSTSEC-\d{4}-\d{4})\b/i.exec(
      s,
    );
  return m ? m[1]!.toUpperCase().replace(/^GHSA/, 'GHSA') : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 200);
}

/** GitHub's own mapping of `security-severity` (a CVSS-like score) to a severity. */
export function scoreSeverity(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}

export function severityFromWord(word: string | undefined): Severity | undefined {
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

function sarifSeverity(
  res: Sarif.Result,
  rule: Sarif.ReportingDescriptor | undefined,
  tags: string[],
  kind: FindingKind,
): Severity {
  // The tool's own word first (Trivy tags, Grype/Trivy "Severity:" lines), then GitHub's
  // security-severity score, then the SARIF level.
  for (const t of tags) {
    if (/^(critical|high|medium|low|unknown)$/i.test(t)) return severityFromWord(t)!;
  }
  const sevLine = field(res.message?.text ?? '', 'Severity') ?? field(rule?.help?.text ?? '', 'Severity');
  const fromLine = severityFromWord(sevLine);
  if (fromLine) return fromLine;
  const raw = res.properties?.['security-severity'] ?? rule?.properties?.['security-severity'];
  if (raw !== undefined && raw !== null && raw !== '' && Number.isFinite(Number(raw)))
    return scoreSeverity(Number(raw));
  if (kind === 'secret') return 'high';
  const level = res.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  if (level === 'error') return 'high';
  if (level === 'warning') return 'medium';
  return 'low';
}

function sarifLocation(res: Sarif.Result, opts: ParseOptions): Location | undefined {
  const pl = res.locations?.find((l) => l.physicalLocation?.artifactLocation?.uri)?.physicalLocation;
  if (!pl?.artifactLocation?.uri) return undefined;
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
export function relativePath(uri: string, root?: string): string {
  let p = uri;
  if (p.startsWith('file://')) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      p = p.slice('file://'.length);
    }
  }
  p = p.replace(/\\/g, '/');
  if (root) {
    let r = root.startsWith('file://') ? decodeURIComponent(new URL(root).pathname) : root;
    r = r.replace(/\\/g, '/').replace(/\/+$/, '');
    if (r && p.startsWith(r + '/')) p = p.slice(r.length + 1);
  }
  return p.replace(/^\.\//, '');
}

// ---------------------------------------------------------------------------------------------
// Trivy JSON (SchemaVersion 2)

interface TrivyVuln {
  VulnerabilityID: string;
  PkgName: string;
  PkgPath?: string;
  PkgIdentifier?: { PURL?: string };
  InstalledVersion?: string;
  FixedVersion?: string;
  Status?: string;
  Severity?: string;
  Title?: string;
  Description?: string;
  PrimaryURL?: string;
}
interface TrivyMisconf {
  ID?: string;
  AVDID?: string;
  Title?: string;
  Message?: string;
  Severity?: string;
  Status?: string;
  PrimaryURL?: string;
  CauseMetadata?: { StartLine?: number; EndLine?: number };
}
interface TrivySecret {
  RuleID: string;
  Severity?: string;
  Title?: string;
  StartLine?: number;
  EndLine?: number;
}
interface TrivyResult {
  Target?: string;
  Class?: string;
  Type?: string;
  Vulnerabilities?: TrivyVuln[] | null;
  Misconfigurations?: TrivyMisconf[] | null;
  Secrets?: TrivySecret[] | null;
}

const UNFIXED_STATUSES = new Set(['affected', 'will_not_fix', 'fix_deferred', 'end_of_life']);

export function parseTrivy(doc: unknown, file: string, opts: ParseOptions = {}): Finding[] {
  if (!isObject(doc)) throw new UserError('Trivy report must be a JSON object', file);
  if (doc.SchemaVersion !== undefined && doc.SchemaVersion !== 2) {
    throw new UserError(
      `Trivy SchemaVersion ${JSON.stringify(doc.SchemaVersion)} is not supported (need 2)`,
      `${file}: SchemaVersion`,
    );
  }
  const results = doc.Results ?? [];
  if (!Array.isArray(results)) throw new UserError('Results must be an array', `${file}: Results`);
  const artifact = typeof doc.ArtifactName === 'string' ? doc.ArtifactName : undefined;
  const artifactType = typeof doc.ArtifactType === 'string' ? doc.ArtifactType : '';
  const fileBased = artifactType !== 'container_image' && artifactType !== 'vm';
  const tool = 'Trivy';
  const out: Finding[] = [];
  (results as TrivyResult[]).forEach((r, ri) => {
    const where = `${file}: Results[${ri}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new UserError('result is not an object', where);
    // For an image the artifact is the image reference (what `scope.image` matches); a result's
    // Target there is `<image> (<os>)`. For a filesystem it is the lockfile or manifest.
    const target = fileBased ? (r.Target ?? artifact) : (artifact ?? r.Target);
    for (const [vi, v] of (r.Vulnerabilities ?? []).entries()) {
      if (!v || typeof v.VulnerabilityID !== 'string' || typeof v.PkgName !== 'string') {
        throw new UserError(
          'vulnerability needs VulnerabilityID and PkgName',
          `${where}.Vulnerabilities[${vi}]`,
        );
      }
      const fixed = v.FixedVersion ? v.FixedVersion : undefined;
      const status = (v.Status ?? '').toLowerCase();
      const fixable =
        fixed !== undefined || status === 'fixed'
          ? true
          : UNFIXED_STATUSES.has(status) || status === ''
            ? false
            : undefined;
      const filePath =
        fileBased && r.Class === 'lang-pkgs' && r.Target ? relativePath(r.Target, opts.root) : undefined;
      const base = {
        kind: 'vulnerability' as const,
        ruleId: v.VulnerabilityID,
        ...(advisoryId(v.VulnerabilityID) ? { vulnId: advisoryId(v.VulnerabilityID)! } : {}),
        severity: severityFromWord(v.Severity) ?? 'unknown',
        title: v.Title ?? v.VulnerabilityID,
        message:
          `${v.VulnerabilityID} in ${v.PkgName} ${v.InstalledVersion ?? ''}${fixed ? ` (fixed in ${fixed})` : ''}`.trim(),
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
        throw new UserError('misconfiguration needs ID or AVDID', `${where}.Misconfigurations[${mi}]`);
      }
      if (m.Status && m.Status !== 'FAIL') continue;
      const path = r.Target ? relativePath(r.Target, opts.root) : undefined;
      const base = {
        kind: 'misconfiguration' as const,
        ruleId: (m.AVDID ?? m.ID)!,
        severity: severityFromWord(m.Severity) ?? 'unknown',
        title: m.Title ?? (m.AVDID ?? m.ID)!,
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
        throw new UserError('secret needs RuleID', `${where}.Secrets[${si}]`);
      const path = r.Target ? relativePath(r.Target, opts.root) : '';
      const base = {
        kind: 'secret' as const,
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

// ---------------------------------------------------------------------------------------------
// gitleaks JSON

interface GitleaksLeak {
  RuleID: string;
  Description?: string;
  File?: string;
  StartLine?: number;
  EndLine?: number;
  StartColumn?: number;
  EndColumn?: number;
  Commit?: string;
}

export function parseGitleaks(doc: unknown, file: string, opts: ParseOptions = {}): Finding[] {
  if (!Array.isArray(doc)) throw new UserError('gitleaks report must be a JSON array', file);
  return (doc as GitleaksLeak[]).map((l, i) => {
    if (typeof l !== 'object' || l === null || typeof l.RuleID !== 'string')
      throw new UserError('leak needs RuleID', `${file}: [${i}]`);
    const path = relativePath(l.File ?? '', opts.root);
    const base = {
      kind: 'secret' as const,
      ruleId: l.RuleID,
      severity: 'high' as const,
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

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
