/**
 * Issue 11: the template editor previews the letter as typed, rendered by the server's own
 * renderer on sample data (so the preview is the real letter), without saving. Both databases.
 */
import { describe, expect, it } from 'vitest';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { LetterPreview, LetterTemplate } from './letter.schemas.ts';
import { fieldNames } from './letter.templates.ts';
import { sampleValues } from './letter-preview.rules.ts';

describe('every merge field has a sample', () => {
  it('so that no preview shows an empty gap', () => {
    const values = sampleValues(
      {
        name: 'P',
        valueProposition: '',
        idealClient: '',
        postalAddress: '',
        timeZone: 'UTC',
        salutationStyle: 'informal',
      },
      'Sam',
    );
    expect(fieldNames.filter((f) => !values[f])).toEqual([]);
    expect(values['referrer.salutation']).toBe('Dear Alan,');
  });
});

describe.each(testTargets)('POST /letter-templates/{key}/preview on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor Counsel']);
  const preview = (key: string, body: unknown) =>
    a.bearer.json<LetterPreview & { errors?: { field: string; message: string }[] }>(
      'POST',
      `/letter-templates/${key}/preview`,
      body,
    );

  it('renders the text as typed with sample people and the practice’s name, saving nothing', async () => {
    const res = await preview('thanks_referral', {
      subject: 'Thank you, {{referrer.firstName}}',
      body: '{{ referrer.salutation }}\nthank you for thinking of {{practice.name}}.\n{{sender.name}}',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      subject: 'Thank you, Dr. Reyes',
      body: 'Dear Dr. Reyes,\nthank you for thinking of Harbor Counsel.\nHarbor Counsel Owner',
      consentFields: [],
    });
    const templates = await a.bearer.json<{ items: LetterTemplate[] }>('GET', '/letter-templates');
    expect(templates.body.items.find((t) => t.key === 'thanks_referral')?.isEdited).toBe(false);
  });

  it('previews an empty body while typing, and names the fields that need consent', async () => {
    const empty = await preview('thanks_referral', { subject: '', body: '' });
    expect(empty.body).toEqual({ subject: '', body: '', consentFields: [] });
    const templates = await a.bearer.json<{ items: LetterTemplate[] }>('GET', '/letter-templates');
    const gated = templates.body.items.find((t) =>
      t.mergeFields.some((f) => f.consent === 'with_consent'),
    );
    expect(gated).toBeDefined();
    const field = gated?.mergeFields.find((f) => f.consent === 'with_consent')?.name ?? '';
    const res = await preview(gated?.key ?? '', { subject: 'News', body: `{{${field}}}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.consentFields).toEqual([field]);
    expect(res.body.body).not.toBe('');
  });

  it('refuses a merge field the letter does not know, naming where it is', async () => {
    const res = await preview('thanks_referral', {
      subject: 'Hi',
      body: 'Hello {{client.diagnosis}}',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.field).toBe('body');
    expect(res.body.errors?.[0]?.message).toMatch(/\{\{client\.diagnosis\}\} is not a merge field/);
    expect((await preview('no_such_letter', { subject: '', body: '' })).status).toBe(404);
  });
});
