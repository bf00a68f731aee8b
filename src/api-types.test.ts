import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildOpenApiDocument,
  generateApiTypes,
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
