/**
 * What was wrong with an input, in words (issue 11): one place turns zod's issues into the
 * messages of a 400. The kind a field wants ("text", "a whole number from 1 to 20", "a list of
 * values from: …", "true or false") is read from the field's own schema — its type and the
 * bounds zod keeps on it — so no field has a hand-written message, and the range in the message
 * is the range the schema enforces (and the OpenAPI document shows).
 *
 * "is required." is said only when the field was not sent; a wrong type says what was wanted
 * and what came instead; a number out of range names the range.
 */
import type { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { FieldError } from './errors.ts';

type Issue = ZodError['issues'][number];
type Schema = z.ZodType;

/** The definition fields we read from zod 4 schemas (`schema.def`), by `type`. */
type Def = {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: readonly Schema[];
  valueType?: Schema;
  left?: Schema;
  right?: Schema;
  getter?: () => Schema;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
};

const defOf = (schema: Schema): Def => schema.def as unknown as Def;

/** The schema that reads the input: wrappers (optional, default, a pipe's input …) peeled off. */
function unwrap(schema: Schema, depth = 0): Schema {
  const def = defOf(schema);
  if (depth > 20) return schema;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? unwrap(def.innerType, depth + 1) : schema;
    case 'pipe':
      // A text narrowed to a format (`z.string().trim().pipe(z.email())`) wants the format.
      if (def.out && defOf(def.out).type === 'string' && (def.out as z.ZodString).format)
        return def.out;
      return def.in ? unwrap(def.in, depth + 1) : schema;
    case 'lazy':
      return def.getter ? unwrap(def.getter(), depth + 1) : schema;
    default:
      return schema;
  }
}

/** The schema of the field at `path` under `root`, when it can be told. */
export function schemaAt(
  root: Schema | undefined,
  path: readonly PropertyKey[],
): Schema | undefined {
  let at = root;
  for (const key of path) {
    if (!at) return undefined;
    at = childOf(unwrap(at), key);
  }
  return at;
}

function childOf(schema: Schema, key: PropertyKey): Schema | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return typeof key === 'string' ? def.shape?.[key] : undefined;
    case 'array':
      return def.element;
    case 'record':
      return def.valueType;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childOf(unwrap(option), key);
        if (child) return child;
      }
      return undefined;
    case 'intersection':
      return (
        (def.left && childOf(unwrap(def.left), key)) ??
        (def.right && childOf(unwrap(def.right), key))
      );
    default:
      return undefined;
  }
}

/** 10,000 and up with separators; years and small numbers as they are written. */
const formatNumber = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));
const listed = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');

function numberKind(schema: z.ZodNumber): string {
  const noun = schema.isInt ? 'a whole number' : 'a number';
  // `.int()` alone bounds a number by the safe integers: no range worth saying.
  const min =
    schema.minValue !== null && schema.minValue > Number.MIN_SAFE_INTEGER ? schema.minValue : null;
  const max =
    schema.maxValue !== null && schema.maxValue < Number.MAX_SAFE_INTEGER ? schema.maxValue : null;
  if (min !== null && max !== null)
    return `${noun} from ${formatNumber(min)} to ${formatNumber(max)}`;
  if (min !== null) return `${noun} of at least ${formatNumber(min)}`;
  if (max !== null) return `${noun} of at most ${formatNumber(max)}`;
  return noun;
}

function stringKind(schema: z.ZodString): string {
  if (schema.format === 'email') return 'an email address';
  if (schema.format === 'datetime') return 'a timestamp, like 2026-01-31T09:00:00Z';
  return 'text';
}

/** What a list's items are, for "a list of …". */
function itemsKind(element: Schema): string {
  const inner = unwrap(element);
  const def = defOf(inner);
  if (def.type === 'enum') return `values from: ${listed(Object.values(def.entries ?? {}))}`;
  if (def.type === 'string') return 'texts';
  if (def.type === 'number') return (inner as z.ZodNumber).isInt ? 'whole numbers' : 'numbers';
  if (def.type === 'object') return 'objects';
  if (def.type === 'boolean') return 'true or false values';
  return 'values';
}

/** The kind of value a schema wants, as a phrase after "must be" ("text", "true or false" …). */
export function kindOf(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'string':
      return stringKind(inner as z.ZodString);
    case 'number':
      return numberKind(inner as z.ZodNumber);
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of: ${listed(Object.values(def.entries ?? {}))}`;
    case 'literal': {
      const values = def.values ?? [];
      if (values.length === 1 && values[0] === '') return 'empty text';
      return values.length === 1 ? JSON.stringify(values[0]) : `one of: ${listed(values)}`;
    }
    case 'array':
      return def.element ? `a list of ${itemsKind(def.element)}` : 'a list';
    case 'object':
    case 'record':
      return 'an object ({ … })';
    case 'null':
      return 'null';
    case 'union': {
      const kinds = [...new Set((def.options ?? []).map(kindOf))];
      if (kinds.some((k) => k === undefined)) return undefined;
      return kinds.length <= 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
    }
    default:
      return undefined;
  }
}

/** zod's own word for the expected type, when the schema is not at hand. */
function expectedKind(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object ({ … })',
  };
  return words[expected] ?? `a ${expected}`;
}

/** What was sent instead, for "…, not …"; `textual`: a query or path value, always text. */
function sentAs(input: unknown, textual: boolean): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') {
    if (input.length > 20) return 'that';
    return textual ? JSON.stringify(input) : `the text ${JSON.stringify(input)}`;
  }
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (typeof input === 'object') return 'an object';
  return typeof input;
}

/** The value at `path` in what was sent; `undefined` when it was not there. */
function inputAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** Where an issue happened: the field's schema and the value sent there. */
type Found = { schema: Schema | undefined; input: unknown; textual: boolean };

/** A message a person understands, for one zod issue. */
export function describeIssue(issue: Issue, found: Found): string {
  const kind = kindOf(found.schema);
  const wanted = (fallback: string) => {
    const want = kind ?? fallback;
    return `must be ${want}, not ${sentAs(found.input, found.textual)}.`;
  };
  const missing = found.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'is required.' : wanted(expectedKind(issue.expected));
    case 'invalid_union':
      if (missing) return 'is required.';
      return kind ? wanted(kind) : sentence(issue.message);
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty.'
          : `must be at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} items.`;
      return kind ? wanted(kind) : `must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `allows at most ${issue.maximum} items.`;
      return kind ? wanted(kind) : `must be at most ${issue.maximum}.`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address, like name@example.com.';
      // A schema's own words ("is not a valid id") before zod's ("Invalid string: …").
      if (!issue.message.startsWith('Invalid')) return sentence(issue.message);
      if (issue.format === 'datetime') return wanted('a timestamp, like 2026-01-31T09:00:00Z');
      if (issue.format === 'regex') return 'is not in the expected form.';
      return `is not a valid ${issue.format}.`;
    case 'invalid_value':
      // An enum or literal field left out: zod reports the value, but nothing was sent.
      if (missing) return 'is required.';
      return `must be one of: ${listed(issue.values)}.`;
    default:
      return sentence(issue.message);
  }
}

/** The schema a request part was checked against and what was sent, to describe its issues. */
export type Checked = {
  schema?: Schema | undefined;
  input?: unknown;
  /** Query and path values: always text, so a number sent there is quoted as it came. */
  textual?: boolean;
};

/**
 * One field error per issue (unknown keys: one per key), named by its path under `prefix`;
 * `checked` says what was sent, so "is required" is said only of what is missing.
 */
export function fieldErrorsOf(error: ZodError, prefix: string, checked: Checked): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          field: base ? `${base}.${key}` : key,
          message: 'is not a known field; remove it.',
        });
      }
      continue;
    }
    const found: Found = {
      schema: schemaAt(checked.schema, issue.path),
      input: inputAt(checked.input, issue.path),
      textual: checked.textual ?? false,
    };
    out.push({ field: base || '(body)', message: describeIssue(issue, found) });
  }
  return out;
}
