/**
 * Test support: the API's own OpenAPI document as data, so that tests can walk every operation
 * and every input field (the fuzz, the numeric limits) instead of a hand list that goes stale.
 */
import type { TestContext } from './testing.ts';

/** The parts of JSON Schema (OpenAPI 3.1) that our zod schemas produce. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  example?: unknown;
  default?: unknown;
};

export type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema: JsonSchema;
};

export type Operation = {
  method: string;
  /** As documented, with `{name}` placeholders, relative to /api/v1. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: JsonSchema | null;
  /** Media types of the body other than JSON (a form post, say). */
  otherMediaTypes: string[];
};

export type OpenApiDocument = {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, Parameter> };
};
/** A parameter written in place, or a `#/components/parameters/X` reference (Idempotency-Key). */
type RawParameter = Parameter | { $ref: string };
type RawOperation = {
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

/** The document the running app serves at /api/v1/openapi.json. */
export async function loadOpenApi(ctx: TestContext): Promise<OpenApiDocument> {
  const res = await ctx.app.request('/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Follows a `#/components/schemas/X` reference (repeatedly), or returns the schema itself. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    s = target;
  }
  return s;
}

function resolveParameter(doc: OpenApiDocument, p: RawParameter): Parameter {
  if (!('$ref' in p)) return p;
  const target = doc.components?.parameters?.[p.$ref.replace('#/components/parameters/', '')];
  if (!target) throw new Error(`unresolved ${p.$ref}`);
  return target;
}

/** Every documented operation, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p) => resolveParameter(doc, p)),
        body: json ? resolve(doc, json) : null,
        otherMediaTypes: Object.keys(content).filter((t) => t !== 'application/json'),
      });
    }
  }
  return out;
}

/** The types a schema allows, `null` included (3.1 writes nullable as `type: [x, 'null']`). */
export function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

export type NumericInput = {
  /** `METHOD /path where.field`, e.g. `POST /incentives body.valueMinor`, `GET /x query:limit`. */
  key: string;
  schema: JsonSchema;
};

/** Every number or integer a client can send, in parameters and (nested) JSON bodies. */
export function numericInputsOf(doc: OpenApiDocument): NumericInput[] {
  const out: NumericInput[] = [];
  const walk = (schema: JsonSchema, at: string, depth: number) => {
    if (depth > 12) return;
    const s = resolve(doc, schema);
    const types = typesOf(s);
    if (types.includes('integer') || types.includes('number')) out.push({ key: at, schema: s });
    for (const [name, prop] of Object.entries(s.properties ?? {}))
      walk(prop, `${at}.${name}`, depth + 1);
    if (s.items) walk(s.items, `${at}[]`, depth + 1);
    for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
      walk(sub, at, depth + 1);
  };
  for (const op of operationsOf(doc)) {
    const prefix = `${op.method} ${op.path}`;
    for (const p of op.parameters) walk(p.schema, `${prefix} ${p.in}:${p.name}`, 0);
    if (op.body) walk(op.body, `${prefix} body`, 0);
  }
  return out;
}
