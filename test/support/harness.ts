/**
 * Runs a built action bundle (dist/<name>/index.js) in a child `node` process the way the
 * Actions runner does, then reads back what it wrote: outputs, job summary, state, exported
 * environment, and the workflow commands (annotations, masks, groups) it printed.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  masks: string[];
  /** The ::error:: annotations and the message given to setFailed. */
  errors: string[];
  runnerTemp: string;
}

export interface RunOptions {
  /** Inputs as a workflow's `with:` gives them; defaults from action.yml fill the rest, as the runner does. */
  inputs?: Record<string, string>;
  /** Event name (GITHUB_EVENT_NAME), e.g. push, pull_request, schedule, workflow_dispatch. */
  eventName?: string;
  /** A file in fixtures/events/ or a payload object; written to GITHUB_EVENT_PATH. */
  event?: string | Record<string, unknown>;
  /** Extra or overriding environment (GITHUB_REF, GITHUB_SHA, ...). */
  env?: Record<string, string | undefined>;
  /** GITHUB_API_URL: the GitHub fake's URL. */
  apiUrl?: string;
  /** GITHUB_WORKSPACE and the process's working directory. */
  workspace?: string;
  /** State saved by an earlier (main) step, for post steps. */
  state?: Record<string, string>;
  timeoutMs?: number;
  /** Which bundle to run (default dist/<name>/index.js). */
  entry?: string;
}

export function loadEvent(event: string | Record<string, unknown>): Record<string, unknown> {
  if (typeof event !== 'string') return event;
  return JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'events', event), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The runner's environment-variable name for an input: spaces to `_`, upper-cased, dashes kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

interface ActionMeta {
  inputs?: Record<string, { default?: unknown; required?: boolean }>;
}

/** Defaults from action.yml, with the few expressions the kit uses evaluated like the runner. */
function defaultInputs(name: string, ctx: Record<string, string>): Record<string, string> {
  const meta = parseYaml(readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8')) as ActionMeta;
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(meta.inputs ?? {})) {
    if (spec.default === undefined) continue;
    out[key] = String(spec.default).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      const value = ctx[expr.trim()];
      if (value === undefined)
        throw new Error(`harness: cannot evaluate \${{ ${expr} }} in actions/${name}/action.yml`);
      return value;
    });
  }
  return out;
}

/** Reads a GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV file: `k=v` lines and `k<<DELIM` heredocs. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, key, delim] = heredoc;
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`harness: unterminated heredoc for '${key}'`);
      out[key!] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) throw new Error(`harness: malformed line in runner file: ${line}`);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProp = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** Parses `::command key=value,key=value::message` lines from a step's stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProp(pair.slice(eq + 1));
    }
    out.push({ command: m[1]!, properties, message: unescapeData(m[3] ?? '') });
  }
  return out;
}

function toAnnotation(c: WorkflowCommand): Annotation | undefined {
  if (c.command !== 'error' && c.command !== 'warning' && c.command !== 'notice') return undefined;
  const p = c.properties;
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const a: Annotation = { level: c.command, message: c.message };
  if (p.file !== undefined) a.file = p.file;
  if (p.line !== undefined) a.line = num(p.line)!;
  if (p.endLine !== undefined) a.endLine = num(p.endLine)!;
  if (p.col !== undefined) a.col = num(p.col)!;
  if (p.endColumn !== undefined) a.endColumn = num(p.endColumn)!;
  if (p.title !== undefined) a.title = p.title;
  return a;
}

/** Context values that come from the event payload, as the runner derives them. */
function contextFromEvent(eventName: string, payload: Record<string, unknown>): Record<string, string> {
  const repo = payload.repository as { full_name?: string; owner?: { login?: string } } | undefined;
  const env: Record<string, string> = {};
  if (repo?.full_name) env.GITHUB_REPOSITORY = repo.full_name;
  if (repo?.owner?.login) env.GITHUB_REPOSITORY_OWNER = repo.owner.login;
  const sender = payload.sender as { login?: string } | undefined;
  if (sender?.login) env.GITHUB_ACTOR = sender.login;
  if (eventName === 'push' && typeof payload.ref === 'string') {
    env.GITHUB_REF = payload.ref;
    if (typeof payload.after === 'string') env.GITHUB_SHA = payload.after;
  } else if (eventName.startsWith('pull_request')) {
    const pr = payload.pull_request as {
      number: number;
      head: { ref: string; sha: string };
      base: { ref: string };
    };
    env.GITHUB_REF = `refs/pull/${pr.number}/merge`;
    env.GITHUB_HEAD_REF = pr.head.ref;
    env.GITHUB_BASE_REF = pr.base.ref;
    env.GITHUB_SHA = pr.head.sha; // the real runner uses the merge commit's sha; any 40-hex sha will do
  } else if (typeof payload.ref === 'string') {
    env.GITHUB_REF = payload.ref;
  }
  if (env.GITHUB_REF) {
    const m = /^refs\/(heads|tags|pull)\/(.+)$/.exec(env.GITHUB_REF);
    if (m) {
      env.GITHUB_REF_TYPE = m[1] === 'tags' ? 'tag' : 'branch';
      env.GITHUB_REF_NAME = m[1] === 'pull' ? `${m[2]}` : m[2]!;
    }
  }
  return env;
}

export async function runActionBundle(name: string, opts: RunOptions = {}): Promise<ActionRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), `slipway-${name}-`));
  const files = {
    output: join(runnerTemp, 'github_output'),
    summary: join(runnerTemp, 'step_summary'),
    state: join(runnerTemp, 'github_state'),
    env: join(runnerTemp, 'github_env'),
    path: join(runnerTemp, 'github_path'),
    event: join(runnerTemp, 'event.json'),
  };
  for (const f of [files.output, files.summary, files.state, files.env, files.path]) writeFileSync(f, '');
  const eventName = opts.eventName ?? 'push';
  const payload = opts.event ? loadEvent(opts.event) : {};
  writeFileSync(files.event, JSON.stringify(payload));
  const workspace = opts.workspace ?? join(runnerTemp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(runnerTemp, 'tool-cache'), { recursive: true });

  const token = 'ghs_' + randomUUID().replace(/-/g, '');
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: name,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: (opts.apiUrl ?? 'http://127.0.0.1:9') + '/graphql',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'job',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, 'tool-cache'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'slipway-harness',
    ...contextFromEvent(eventName, payload),
  };
  const env: Record<string, string> = { ...base };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const ctx: Record<string, string> = {
    'github.token': token,
    'github.repository': env.GITHUB_REPOSITORY!,
    'github.repository_owner': env.GITHUB_REPOSITORY_OWNER!,
    'github.event.repository.default_branch':
      (payload.repository as { default_branch?: string } | undefined)?.default_branch ?? 'main',
    'github.api_url': env.GITHUB_API_URL!,
    'github.server_url': env.GITHUB_SERVER_URL!,
    'github.workspace': workspace,
    'runner.temp': runnerTemp,
  };
  const inputs = { ...defaultInputs(name, ctx), ...(opts.inputs ?? {}) };
  for (const [k, v] of Object.entries(inputs)) env[inputEnvName(k)] = v;
  if (opts.state) for (const [k, v] of Object.entries(opts.state)) env[`STATE_${k}`] = v;

  const entry = opts.entry ?? join(repoRoot, 'dist', name, 'index.js');
  const child = spawn(process.execPath, [entry], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`harness: dist/${name}/index.js did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise(code ?? 1);
    });
  });

  const commands = parseWorkflowCommands(stdout);
  const annotations = commands.map(toAnnotation).filter((a): a is Annotation => a !== undefined);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseKeyValueFile(readFileSync(files.output, 'utf8')),
    state: parseKeyValueFile(readFileSync(files.state, 'utf8')),
    exportedEnv: parseKeyValueFile(readFileSync(files.env, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands,
    annotations,
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    errors: annotations.filter((a) => a.level === 'error').map((a) => a.message),
    runnerTemp,
  };
}
