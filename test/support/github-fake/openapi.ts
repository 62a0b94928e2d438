/**
 * GitHub's OpenAPI description (from @octokit/openapi, api.github.com flavour) as a router and a
 * validator. The description is large (~13 MB, 800+ paths): it is parsed once per process, and the
 * schemas of an operation are compiled with ajv only the first time that operation is used. The
 * `$ref` form is read rather than the dereferenced one (73 MB, ~2.3 s to parse against ~0.4 s): an
 * operation's schema is compiled with just the component schemas it reaches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext the callable sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: unknown };

interface RawParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}

interface RawOperation {
  operationId: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }>; $ref?: string };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}

interface Description {
  paths: Record<string, Record<string, RawOperation>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, RawParameter>;
    responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
    requestBodies?: Record<string, RawOperation['requestBody']>;
  };
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template as the description writes it, e.g. `/repos/{owner}/{repo}/deployments`. */
  template: string;
  parameters: RawParameter[];
  raw: RawOperation;
}

export interface RouteMatch {
  operation: Operation;
  /** Decoded path parameters (`%2F` in a package name becomes `/`). */
  pathParams: Record<string, string>;
}

export interface ValidationIssue {
  /** Where: `path.owner`, `query.per_page`, `body.ref`, `response.200.creator.login`. */
  where: string;
  message: string;
}

let cached: Description | undefined;

function loadDescription(): Description {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    cached = JSON.parse(readFileSync(file, 'utf8')) as Description;
  }
  return cached;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

interface CompiledRoute {
  operation: Operation;
  names: string[];
  strict: RegExp;
  /** Same as strict but the last parameter may span slashes (`git/matching-refs/{ref}` with `tags/v`). */
  greedy: RegExp | undefined;
  literalSegments: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRoute(operation: Operation): CompiledRoute {
  const names: string[] = [];
  let literalSegments = 0;
  const parts = operation.template.split('/').map((segment) => {
    if (!segment.includes('{')) {
      if (segment) literalSegments++;
      return escapeRegex(segment);
    }
    return segment
      .split(/(\{[^}]+\})/)
      .map((piece) => {
        const m = /^\{([^}]+)\}$/.exec(piece);
        if (!m) return escapeRegex(piece);
        names.push(m[1]!);
        return '([^/]+)';
      })
      .join('');
  });
  const source = parts.join('/');
  const strict = new RegExp(`^${source}/?$`);
  // Only parameters GitHub documents as slash-bearing (`git/matching-refs/{ref}` with `tags/v`,
  // `contents/{path}`) may span segments, and only when nothing matched strictly.
  const endsWithParam = /\{(ref|path)\}$/.test(operation.template);
  const greedy = endsWithParam ? new RegExp(`^${source.replace(/\(\[\^\/\]\+\)$/, '(.+)')}/?$`) : undefined;
  return { operation, names, strict, greedy, literalSegments };
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value);
      else collectRefs(value, into);
    }
  }
}

/**
 * The router and validators. One instance per process is enough (see `getOpenApi()`); compiled
 * validators are cached on it.
 */
export class OpenApi {
  readonly description: Description;
  private readonly routes: CompiledRoute[] = [];
  private readonly byId = new Map<string, Operation>();
  private readonly ajv: Ajv;
  private readonly ajvParams: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(description: Description) {
    this.description = description;
    for (const [template, item] of Object.entries(description.paths)) {
      for (const method of METHODS) {
        const raw = item[method];
        if (!raw) continue;
        const operation: Operation = {
          operationId: raw.operationId,
          method: method.toUpperCase(),
          template,
          parameters: (raw.parameters ?? []).map((p) => this.resolveParameter(p)),
          raw,
        };
        this.byId.set(operation.operationId, operation);
        this.routes.push(compileRoute(operation));
      }
    }
    // Most literal first: `/user/packages` before `/users/{username}`-like collisions.
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
    const common = { strict: false, allErrors: true, logger: false as const };
    this.ajv = new Ajv({ ...common });
    this.ajvParams = new Ajv({ ...common, coerceTypes: 'array', useDefaults: true });
    addFormats(this.ajv);
    addFormats(this.ajvParams);
    for (const ajv of [this.ajv, this.ajvParams]) {
      // GitHub sends "" for unset URL fields its description marks `format: uri` (deployment
      // statuses' target_url/log_url): accept "" and any absolute URI.
      ajv.addFormat('uri', (s: string) => s === '' || /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
      // Formats GitHub uses that ajv-formats does not know: accept any string.
      for (const name of [
        'repo.nwo',
        'ssh-key',
        'ssh-key fingerprint',
        'uri-template',
        'binary',
        'int32',
        'int64',
      ]) {
        ajv.addFormat(name, true);
      }
    }
  }

  operation(operationId: string): Operation | undefined {
    return this.byId.get(operationId);
  }

  /** Finds the operation for a method and a raw (still percent-encoded) path. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const upper = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    for (const pass of ['strict', 'greedy'] as const) {
      for (const route of this.routes) {
        if (route.operation.method !== upper) continue;
        const re = pass === 'strict' ? route.strict : route.greedy;
        if (!re) continue;
        const m = re.exec(rawPath);
        if (!m) continue;
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, i) => {
          const value = m[i + 1] ?? '';
          try {
            pathParams[name] = decodeURIComponent(value);
          } catch {
            pathParams[name] = value;
          }
        });
        return { operation: route.operation, pathParams };
      }
    }
    return undefined;
  }

  /** Whether any operation (of any method) has this path: tells 404 from 405-like misuse. */
  pathExists(rawPath: string): boolean {
    return this.routes.some((r) => r.strict.test(rawPath) || (r.greedy?.test(rawPath) ?? false));
  }

  private resolveParameter(p: RawParameter): RawParameter {
    if (p.$ref) {
      const name = p.$ref.replace('#/components/parameters/', '');
      const resolved = this.description.components.parameters[name];
      if (!resolved) throw new Error(`OpenAPI: unresolved parameter ${p.$ref}`);
      return resolved;
    }
    return p;
  }

  /** A standalone schema: `schema` plus the transitive closure of the component schemas it uses. */
  standalone(schema: Schema): Schema {
    const needed = new Map<string, Schema>();
    const queue = new Set<string>();
    collectRefs(schema, queue);
    for (const ref of queue) {
      const name = ref.replace('#/components/schemas/', '');
      if (needed.has(name)) continue;
      const target = this.description.components.schemas[name];
      if (!target) throw new Error(`OpenAPI: unresolved schema ${ref}`);
      needed.set(name, target);
      collectRefs(target, queue); // Set iteration visits values added during iteration.
    }
    const schemas = Object.fromEntries([...needed].map(([name, s]) => [name, ajvCompatible(s)]));
    return { components: { schemas }, allOf: [ajvCompatible(schema)] };
  }

  /** Follows `$ref`s (only `#/components/schemas/...`) until a concrete schema is reached. */
  deref(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; i < 20 && typeof current.$ref === 'string'; i++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      const next = this.description.components.schemas[name];
      if (!next) throw new Error(`OpenAPI: unresolved schema ${current.$ref}`);
      current = next;
    }
    return current;
  }

  private validator(key: string, build: () => Schema, params = false): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = (params ? this.ajvParams : this.ajv).compile(build());
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /**
   * Validates path and query parameters (coercing strings to the declared types and applying the
   * declared defaults, in place) and the JSON body. Returns the issues; none means GitHub would
   * accept the request's shape.
   */
  validateRequest(
    operation: Operation,
    input: {
      pathParams: Record<string, unknown>;
      query: Record<string, unknown>;
      body: unknown;
      hasBody: boolean;
    },
  ): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const location of ['path', 'query'] as const) {
      const declared = operation.parameters.filter((p) => p.in === location);
      const values = location === 'path' ? input.pathParams : input.query;
      const fn = this.validator(
        `${operation.operationId}#${location}`,
        () =>
          this.standalone({
            type: 'object',
            properties: Object.fromEntries(declared.map((p) => [p.name, p.schema ?? {}])),
            required: declared.filter((p) => p.required || location === 'path').map((p) => p.name),
          }),
        true,
      );
      if (!fn(values)) issues.push(...toIssues(location, fn.errors));
    }
    const requestBody = this.resolveRequestBody(operation);
    const bodySchema = requestBody?.content?.['application/json']?.schema;
    if (requestBody && bodySchema) {
      if (!input.hasBody) {
        if (requestBody.required) issues.push({ where: 'body', message: 'a JSON body is required' });
      } else {
        const fn = this.validator(`${operation.operationId}#body`, () => this.standalone(bodySchema));
        if (!fn(input.body)) issues.push(...toIssues('body', fn.errors));
      }
    }
    return issues;
  }

  private resolveRequestBody(operation: Operation): RawOperation['requestBody'] {
    const body = operation.raw.requestBody;
    if (body?.$ref) {
      return this.description.components.requestBodies?.[
        body.$ref.replace('#/components/requestBodies/', '')
      ];
    }
    return body;
  }

  /** Whether the description documents this status code for the operation. */
  documents(operation: Operation, status: number): boolean {
    return String(status) in operation.raw.responses;
  }

  /** The JSON schema of a documented response, or undefined (204, undocumented, non-JSON). */
  responseSchema(operation: Operation, status: number): Schema | undefined {
    let response = operation.raw.responses[String(status)];
    if (response?.$ref) {
      response = this.description.components.responses[response.$ref.replace('#/components/responses/', '')];
    }
    return response?.content?.['application/json']?.schema;
  }

  /** Validates a response body the fake is about to send. */
  validateResponse(operation: Operation, status: number, body: unknown, schema?: Schema): ValidationIssue[] {
    const own = schema ?? this.responseSchema(operation, status);
    if (!own) return [];
    const key = schema
      ? `${operation.operationId}#response-${status}-custom`
      : `${operation.operationId}#response-${status}`;
    const fn = this.validator(key, () => this.standalone(own));
    return fn(body as Json) ? [] : toIssues(`response.${status}`, fn.errors);
  }
}

function toIssues(location: string, errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'allOf' && e.keyword !== 'if')
    .map((e) => {
      const pointer = e.instancePath
        .split('/')
        .filter(Boolean)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (e.keyword === 'required')
        pointer.push(String((e.params as { missingProperty: string }).missingProperty));
      const where = [location, ...pointer].join('.');
      let message = e.message ?? e.keyword;
      if (e.keyword === 'enum')
        message += `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
      if (e.keyword === 'additionalProperties') {
        message += `: ${(e.params as { additionalProperty: string }).additionalProperty}`;
      }
      return { where, message };
    });
}

/**
 * A copy of an OpenAPI 3.0 schema ajv reads as OpenAPI means it: `nullable: true` without a `type`
 * (GitHub writes it beside `allOf`/`anyOf`/`$ref`) becomes `anyOf: [{ type: 'null' }, <rest>]`, and
 * a nullable `enum` also lists null.
 */
function ajvCompatible(node: unknown): Schema {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== 'object') return n;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) {
      // Examples and descriptions are never validated: skip them (they are large).
      if (k === 'example' || k === 'examples' || k === 'description') continue;
      out[k] = k === 'properties' || k === 'patternProperties' ? mapValues(v, walk) : walk(v);
    }
    // OpenAPI 3.0: `nullable` admits null even beside an `enum` that does not list it.
    if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
      out.enum = [...out.enum, null];
    if (out.nullable === true && out.type === undefined) {
      delete out.nullable;
      return { anyOf: [{ type: 'null' }, out] };
    }
    return out;
  };
  const mapValues = (v: unknown, f: (x: unknown) => unknown) =>
    v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)])) : v;
  return walk(node) as Schema;
}

let shared: OpenApi | undefined;

/** The process-wide router/validator (the description is parsed once). */
export function getOpenApi(): OpenApi {
  shared ??= new OpenApi(loadDescription());
  return shared;
}
