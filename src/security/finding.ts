/**
 * The normalised shape every scanner's output is turned into. One Finding is one problem in one
 * place (a CVE in one installed package, a secret on one line, a misconfiguration at one spot),
 * whichever tool reported it; `tools` lists every tool that did.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank for comparisons: higher is worse. `unknown` ranks with `low` for thresholds. */
export function severityRank(s: Severity): number {
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

export type FindingKind = 'vulnerability' | 'secret' | 'misconfiguration' | 'code';

export interface PackageRef {
  name: string;
  installed?: string;
  fixed?: string;
  purl?: string;
}

export interface Location {
  /** Path relative to the repository root (forward slashes), or a non-file location such as an image. */
  path: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface Finding {
  /** Tools that reported this finding, in the order they were read (first one wins for details). */
  tools: string[];
  kind: FindingKind;
  /** The reporting tool's rule id (e.g. `CVE-2019-1549`, `no-eval`, `github-pat`, `AVD-AWS-0086`). */
  ruleId: string;
  /** Advisory id when there is one (CVE-…, GHSA-…), used for de-duplication and suppressions. */
  vulnId?: string;
  severity: Severity;
  title: string;
  message: string;
  package?: PackageRef;
  location?: Location;
  /** What was scanned: an image reference, a repository, a directory (as the tool named it). */
  target?: string;
  /** true when a fixed version exists, false when the tool says there is none, undefined when unknown. */
  fixable?: boolean;
  helpUri?: string;
  /** Stable identity across tools and runs; also written into the merged SARIF for baselines. */
  fingerprint: string;
}

/** The key that makes two tools' reports of the same problem one finding. */
export function fingerprintOf(f: Omit<Finding, 'fingerprint' | 'tools'>): string {
  const where = f.location ? `${f.location.path}:${f.location.startLine ?? 0}` : '';
  if (f.kind === 'vulnerability' && f.package) {
    const id = (f.vulnId ?? f.ruleId).toUpperCase();
    return `vuln/${id}/${f.package.name}@${f.package.installed ?? ''}`;
  }
  // Different secret scanners name the same leak differently (gitleaks `github-pat`, Trivy
  // `github-pat`, secretlint `...-rule-github`): the place identifies it.
  if (f.kind === 'secret') return `secret/${where}`;
  return `${f.kind}/${f.ruleId}/${where}`;
}

export function isFileLocated(f: Finding): boolean {
  return f.location !== undefined && f.location.startLine !== undefined;
}
