import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import { parseReport, relativePath } from '../../../src/security/parse.js';
import { load } from './helpers.js';

describe('parsers on real tool output', () => {
  it('reads Trivy JSON: CVE, package, installed and fixed version, fixability', () => {
    const f = load('trivy/alpine-310.json');
    expect(f).toHaveLength(4);
    const first = f[0]!;
    expect(first).toMatchObject({
      kind: 'vulnerability',
      ruleId: 'CVE-2019-1549',
      vulnId: 'CVE-2019-1549',
      severity: 'medium',
      package: { name: 'libcrypto1.1', installed: '1.1.1c-r0', fixed: '1.1.1d-r0' },
      fixable: true,
      target: 'testdata/fixtures/images/alpine-310.tar.gz',
      tools: ['Trivy'],
    });
    expect(first.location).toBeUndefined();
  });

  it('reads Trivy SARIF with package details from the result message, not the shared rule help', () => {
    const f = load('trivy/alpine-310.sarif');
    expect(f).toHaveLength(8);
    expect(f.filter((x) => x.package?.name === 'libcrypto1.1')).toHaveLength(4);
    const low = f.find((x) => x.ruleId === 'CVE-2019-1547')!;
    expect(low.severity).toBe('low');
    expect(low.package).toMatchObject({ installed: '1.1.1c-r0', fixed: '1.1.1d-r0' });
  });

  it('gives Trivy JSON and Trivy SARIF of the same image the same fingerprints', () => {
    const json = new Set(load('trivy/alpine-310.json').map((x) => x.fingerprint));
    const sarif = new Set(load('trivy/alpine-310.sarif').map((x) => x.fingerprint));
    for (const fp of json) expect(sarif.has(fp)).toBe(true);
  });

  it('reads Trivy secret JSON as a critical secret on a line', () => {
    const [s] = load('trivy/secret-scan.json');
    expect(s).toMatchObject({
      kind: 'secret',
      ruleId: 'github-pat',
      severity: 'critical',
      location: { path: 'env', startLine: 5 },
    });
  });

  it('reads Trivy config (IaC) JSON: misconfigurations located in the Terraform file', () => {
    const f = load('trivy/config-scan-excerpt.json');
    expect(
      f.map((x) => [
        x.kind,
        x.ruleId,
        x.severity,
        x.location?.path,
        x.location?.startLine,
        x.location?.endLine,
      ]),
    ).toEqual([
      ['misconfiguration', 'AWS-0086', 'high', 'main.tf', 8, 10],
      ['misconfiguration', 'AWS-0089', 'low', 'main.tf', 8, 10],
      ['misconfiguration', 'AWS-0090', 'medium', 'main.tf', 16, 16],
    ]);
    expect(f[0]).toMatchObject({
      title: 'S3 Access block should block public ACL',
      message: 'No public access block so not blocking public acls',
    });
    expect(new Set(f.map((x) => x.fingerprint)).size).toBe(3);
  });

  it('reads Grype SARIF: advisory id from the rule id, the fix from the help text, unfixed when empty', () => {
    const f = load('grype/TestSarifPresenter_image.sarif');
    expect(
      f.map((x) => [
        x.vulnId,
        x.severity,
        x.package?.name,
        x.package?.installed,
        x.package?.fixed,
        x.fixable,
      ]),
    ).toEqual([
      ['CVE-1999-0001', 'low', 'package-1', '1.1.1', 'the-next-version', true],
      ['CVE-1999-0002', 'critical', 'package-2', '2.2.2', undefined, false],
    ]);
  });

  it('reads gitleaks JSON and SARIF as the same secret', () => {
    const [j] = load('gitleaks/json_simple.json');
    const [s] = load('gitleaks/sarif_simple.sarif');
    expect(j).toMatchObject({
      kind: 'secret',
      ruleId: 'test-rule',
      severity: 'high',
      location: { path: 'auth.py', startLine: 1 },
    });
    expect(s!.fingerprint).toBe(j!.fingerprint);
    expect(s!.tools).toEqual(['gitleaks']);
  });

  it('reads ESLint SARIF with absolute file URIs made relative to the workspace', () => {
    const f = load('eslint/eslint.sarif');
    expect(f.map((x) => [x.ruleId, x.severity, x.location?.path, x.location?.startLine])).toEqual([
      ['no-eval', 'high', 'src/handler.js', 3],
      ['no-new-func', 'medium', 'src/handler.js', 8],
    ]);
  });

  it('reads secretlint SARIF as a secret', () => {
    const [s] = load('secretlint/secretlint.sarif');
    expect(s).toMatchObject({
      kind: 'secret',
      severity: 'high',
      location: { path: '.env.sample', startLine: 1 },
    });
  });

  it('relativePath handles file URIs, Windows separators and paths outside the root', () => {
    expect(relativePath('file:///w/repo/a%20b/c.js', '/w/repo')).toBe('a b/c.js');
    expect(relativePath('C:\\x\\y.js')).toBe('C:/x/y.js');
    expect(relativePath('/elsewhere/x.js', '/w/repo')).toBe('/elsewhere/x.js');
    expect(relativePath('./src/x.js')).toBe('src/x.js');
  });
});

describe('bad reports', () => {
  const fail = (text: string, file = 'reports/x.json') => {
    try {
      parseReport(text, file);
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a UserError');
  };

  it('malformed JSON names the file, line and column', () => {
    expect(fail('{\n  "version": "2.1.0",\n  "runs": [\n}\n', 'trivy.sarif')).toMatch(
      /^trivy\.sarif:4:1: not valid JSON/,
    );
  });

  it('SARIF of a wrong version is refused, naming the file and field', () => {
    expect(fail(JSON.stringify({ version: '2.0.0', runs: [] }), 'old.sarif')).toBe(
      'old.sarif: version: SARIF version "2.0.0" is not supported (need 2.1.0)',
    );
  });

  it('a result without a rule id names the run and result', () => {
    const doc = {
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'x' } }] }],
    };
    expect(fail(JSON.stringify(doc), 'r.sarif')).toBe('r.sarif: runs[0].results[0]: result has no ruleId');
  });

  it('an unknown JSON document is refused', () => {
    expect(fail('{"hello": 1}', 'x.json')).toMatch(/unknown report format/);
  });

  it('a Trivy report of another schema version is refused', () => {
    expect(fail('{"SchemaVersion": 1, "Results": []}', 't.json')).toMatch(/^t\.json: SchemaVersion: /);
  });
});
