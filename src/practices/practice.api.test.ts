import { describe, expect, it } from 'vitest';
import { expectProblem } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { seedMember, testTargets } from '../test-support/testing.ts';
import type { Practice } from './practice.schemas.ts';

const setup = {
  name: 'Harbor Counseling',
  profession: 'counselor',
  valueProposition: 'Ana helps couples in conflict find their way back to each other.',
  keyPhrases: ['couples', 'conflict', 'reconnect'],
  idealClient: 'Couples in their first ten years together',
  timeZone: 'America/New_York',
  postalAddress: '12 Harbor Rd, Portland, ME 04101',
};

describe.each(testTargets)('practice setup and settings on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Harbor']);

  it('lists the professions of the ethics profiles without sign-in', async () => {
    const res = await ctx.app.request('/api/v1/professions');
    const body = (await res.json()) as { items: { id: string }[] };
    expect(body.items.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'counselor',
        'psychologist',
        'health',
        'attorney',
        'accountant',
        'financial_adviser',
        'real_estate',
        'coach',
      ]),
    );
  });

  it('marks setup complete without a value proposition, phrases or address (they wait in the checklist)', async () => {
    const res = await a.session.json<Practice>('PATCH', '/practice', {
      profession: 'counselor',
      timeZone: 'America/New_York',
      markSetUp: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isSetUp: true,
      valueProposition: '',
      keyPhrases: [],
      postalAddress: '',
    });
  });

  it('completes setup, and keeps every field editable afterwards', async () => {
    const res = await a.session.json<Practice>('PATCH', '/practice', { ...setup, markSetUp: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...setup, isSetUp: true });
    const edit = await a.bearer.json<Practice>('PATCH', '/practice', {
      keyPhrases: ['couples', 'conflict', 'reconnect', 'trust'],
    });
    expect(edit.body.keyPhrases).toHaveLength(4);
    expect(edit.body.isSetUp).toBe(true);
  });

  it('keeps a booking link, refuses what is not a web address, and clears it with an empty text', async () => {
    expect((await a.session.json<Practice>('GET', '/practice')).body.bookingUrl).toBe('');
    const url = 'https://cal.com/harbor/first-session';
    const set = await a.session.json<Practice>('PATCH', '/practice', { bookingUrl: ` ${url} ` });
    expect(set.status).toBe(200);
    expect(set.body.bookingUrl).toBe(url);
    for (const bookingUrl of [
      'cal.com/harbor',
      'javascript:alert(1)',
      `https://x.example/${'a'.repeat(500)}`,
    ]) {
      const res = await a.session.request('PATCH', '/practice', { bookingUrl });
      await expectProblem(res, 400, 'validation', ['bookingUrl']);
    }
    expect((await a.session.json<Practice>('GET', '/practice')).body.bookingUrl).toBe(url);
    const cleared = await a.session.json<Practice>('PATCH', '/practice', { bookingUrl: '' });
    expect(cleared.body.bookingUrl).toBe('');
  });

  it('reads and changes the program defaults, with their meaning', async () => {
    const view = await a.session.json<{
      values: Record<string, number>;
      meta: { key: string; meaning: string }[];
    }>('GET', '/practice/settings');
    expect(view.body.values.responseWindowHours).toBe(24);
    expect(view.body.meta.find((m) => m.key === 'responseWindowHours')?.meaning).toMatch(
      /Contact a new referral/,
    );
    const changed = await a.session.json<{ values: Record<string, number> }>(
      'PATCH',
      '/practice/settings',
      { responseWindowHours: 4, askCooldownDays: 120 },
    );
    expect(changed.body.values).toMatchObject({
      responseWindowHours: 4,
      askCooldownDays: 120,
      thankWithinHours: 48,
    });
    const again = await a.session.json<Practice>('GET', '/practice');
    expect(again.body.settings.responseWindowHours).toBe(4);
  });

  it('lets only the owner change the practice and its settings', async () => {
    const member = (await seedMember(ctx, a.practiceId)).session;
    expect((await member.json('GET', '/practice')).status).toBe(200);
    const res = await member.json<{ code: string }>('PATCH', '/practice/settings', {
      responseWindowHours: 1,
    });
    expect(res.status).toBe(403);
    expect((await member.json('PATCH', '/practice', { name: 'Hijacked' })).status).toBe(403);
    expect((await a.session.json<Practice>('GET', '/practice')).body.name).toBe(
      'Harbor Counseling',
    );
  });
});
