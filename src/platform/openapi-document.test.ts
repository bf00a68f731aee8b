import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../scripts/generate-api-types.ts';
import { nullableRefsAsAnyOf } from './openapi-document.ts';

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

describe('the served document', () => {
  it('has no nullable use of a named schema written as allOf (read as never null)', async () => {
    const text = JSON.stringify(await buildOpenApiDocument());
    const neverNull = text.match(/"allOf":\[\{"\$ref":"[^"]+"\},\{"type":\[[^\]]*"null"\]\}\]/g);
    expect(neverNull).toBeNull();
    expect(text).toContain('{"type":"null"}');
  });
});
