/**
 * The OpenAPI document as served: fixes to what zod-to-openapi writes, applied once where the
 * document is built (src/app.ts), so every reader — clients, the web's generated types, the
 * fuzz walk — sees the same, correct document.
 */

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * zod-to-openapi writes a nullable use of a named schema as
 * `allOf: [{ $ref }, { type: [..., 'null'] }]`, which JSON Schema reads as never null (both
 * must hold); written as `anyOf: [{ $ref }, { type: 'null' }]` the generated type keeps `| null`.
 */
export function nullableRefsAsAnyOf<T>(value: T): T {
  return rewrite(value) as T;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isNode(value)) return value;
  const all = value.allOf;
  if (Array.isArray(all) && all.length === 2 && isNode(all[0]) && isNode(all[1])) {
    const [ref, marker] = all;
    const markerKeys = Object.keys(marker);
    if (
      typeof ref.$ref === 'string' &&
      markerKeys.length === 1 &&
      Array.isArray(marker.type) &&
      marker.type.includes('null')
    ) {
      const { allOf: _, ...rest } = value;
      return { ...rest, anyOf: [ref, { type: 'null' }] };
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
}
