/**
 * Completes a response object the fake built with the required fields it does not model
 * (`archive_url`, `gravatar_id`, ...), taking each from the schema: its example when that has the
 * right type, else its default, else a neutral value of its type (null when nullable). Fields the
 * handler set are never touched, so response validation still checks everything the fake models.
 */
import type { OpenApi, Schema } from './openapi.js';

const FIXED_TIME = '2024-01-01T00:00:00Z';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fits(schema: Schema, value: unknown): boolean {
  const t = typeOf(value);
  const declared = schema.type as string | undefined;
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) return false;
  if (!declared) return t !== 'undefined';
  if (declared === 'number') return t === 'number' || t === 'integer';
  if (schema.format === 'date-time' && typeof value === 'string') return !Number.isNaN(Date.parse(value));
  if (schema.format === 'uri' && typeof value === 'string') return /^[a-z]+:/.test(value);
  return declared === t;
}

/** A placeholder value satisfying `schema` (depth-limited so recursive schemas end). */
export function placeholder(api: OpenApi, schemaIn: Schema, depth = 0): unknown {
  const schema = api.deref(schemaIn);
  if (schema.nullable === true && depth > 0) return null;
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options?.length) {
      if (key === 'allOf') {
        return options.reduce<Record<string, unknown>>((acc, s) => {
          const part = placeholder(api, s, depth);
          return part && typeof part === 'object' ? { ...acc, ...(part as object) } : acc;
        }, {});
      }
      return placeholder(api, options[0]!, depth);
    }
  }
  if ('example' in schema && fits(schema, schema.example)) return structuredClone(schema.example);
  if ('default' in schema && fits(schema, schema.default)) return structuredClone(schema.default);
  if (schema.enum) return (schema.enum as unknown[])[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return FIXED_TIME;
      if (schema.format === 'uri') return 'https://example.invalid/';
      if (schema.format === 'email') return 'fake@example.invalid';
      return '';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
    case undefined: {
      if (depth > 6) return {};
      return complete(api, schema, {}, depth + 1);
    }
    default:
      return null;
  }
}

/** Returns `value` with the required properties the schema demands filled in, recursively. */
export function complete(api: OpenApi, schemaIn: Schema, value: unknown, depth = 0): unknown {
  const schema = api.deref(schemaIn);
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    return items ? value.map((v) => complete(api, items, v, depth + 1)) : value;
  }
  if (typeof value !== 'object') return value;
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf) return allOf.reduce<unknown>((acc, s) => complete(api, s, acc, depth), value);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options?.length) {
      const objectOption = options.map((s) => api.deref(s)).find((s) => s.type === 'object' || s.properties);
      return objectOption ? complete(api, objectOption, value, depth) : value;
    }
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in out) && properties[name]) out[name] = placeholder(api, properties[name], depth + 1);
  }
  for (const [name, sub] of Object.entries(properties)) {
    if (out[name] !== undefined && out[name] !== null && typeof out[name] === 'object') {
      out[name] = complete(api, sub, out[name], depth + 1);
    }
  }
  return out;
}
