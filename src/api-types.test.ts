import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildOpenApiDocument,
  generateApiTypes,
  nullableRefsAsAnyOf,
  schemaFile,
} from '../scripts/generate-api-types.ts';

// The web's types are generated from the OpenAPI document (STYLE.md habit 12); a schema change
// without a regeneration would leave the web typed against yesterday's API.
describe('web/src/api/schema.d.ts', () => {
  it('is what npm run generate:api makes from the current schemas', async () => {
    const fresh = await generateApiTypes();
    const committed = readFileSync(schemaFile, 'utf8');
    expect(
      committed === fresh,
      'web/src/api/schema.d.ts is stale: run `npm run generate:api` and commit it',
    ).toBe(true);
  });

  it('has no component that is itself nullable', async () => {
    // zod-to-openapi names a component after the first form it meets: if that is `X.nullable()`,
    // every non-null use of X becomes nullable too. app.ts registers such schemas first.
    const document = await buildOpenApiDocument();
    const nullable = Object.entries(document.components?.schemas ?? {})
      .filter(([, schema]) => {
        const { type, enum: values } = schema as { type?: unknown; enum?: unknown[] };
        return (Array.isArray(type) && type.includes('null')) || values?.includes(null);
      })
      .map(([name]) => name);
    expect(nullable, 'register these in nullableSomewhere (src/app.ts)').toEqual([]);
  });
});

describe('nullableRefsAsAnyOf', () => {
  it('writes a nullable use of a named schema as anyOf, keeping its description', () => {
    const use = {
      allOf: [{ $ref: '#/components/schemas/Stage' }, { type: ['string', 'null'] }],
      description: 'The stage before',
    };
    expect(nullableRefsAsAnyOf({ properties: { fromStage: use } })).toEqual({
      properties: {
        fromStage: {
          anyOf: [{ $ref: '#/components/schemas/Stage' }, { type: 'null' }],
          description: 'The stage before',
        },
      },
    });
  });

  it('leaves any other allOf alone', () => {
    const merged = { allOf: [{ $ref: '#/components/schemas/Contact' }, { type: 'object' }] };
    const constrained = {
      allOf: [{ $ref: '#/components/schemas/Stage' }, { type: ['string', 'null'], minLength: 1 }],
    };
    expect(nullableRefsAsAnyOf([merged, constrained])).toEqual([merged, constrained]);
  });
});
