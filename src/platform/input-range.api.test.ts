/**
 * Dates and amounts at and beyond the accepted range (issue 9): years 1900–2200 and money up to
 * 2^31 − 1 minor units. Beyond is a 400 naming the field; the edges themselves work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import { dateRange } from './fields.ts';

const tooLate = ['9999-12-31', '2201-01-01', '2200-12-31T23:00:00-02:00'];
const tooEarly = ['0001-01-01', '1899-12-31', '1900-01-01T00:30:00+01:00'];

describe.each(testTargets)('accepted ranges of dates and amounts (%s)', (target) => {
  let lee: ContactDetail;

  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Range Practice']);
  beforeAll(async () => {
    lee = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Lee', stage: 'trusts' });
  });

  const filtered = ['/referrals', '/referrals/board', '/referrals/export.csv', '/referrals-given'];

  it.each(filtered)(
    'GET %s: a day or instant outside 1900–2200 is a 400 naming it',
    async (url) => {
      for (const field of ['from', 'to'])
        for (const value of [...tooLate, ...tooEarly]) {
          const res = await a.session.request(
            'GET',
            `${url}?${field}=${encodeURIComponent(value)}`,
          );
          await expectProblem(res, 400, 'validation', [field]);
        }
      const edges = `from=${dateRange.first}&to=${dateRange.last}`;
      expect((await a.session.request('GET', `${url}?${edges}`)).status).toBe(200);
    },
  );

  it('GET /insights and /agenda refuse days and instants out of range', async () => {
    await expectProblem(
      await a.session.request('GET', '/insights?to=9999-12-31'),
      400,
      'validation',
      ['to'],
    );
    await expectProblem(
      await a.session.request('GET', '/insights?from=1899-12-31'),
      400,
      'validation',
      ['from'],
    );
    await expectProblem(
      await a.session.request('GET', '/agenda?at=9999-12-31T00:00:00Z'),
      400,
      'validation',
      ['at'],
    );
  });

  it('POST /referrals: receivedAt out of range is a 400; the first accepted instant works', async () => {
    const body = { referred: { name: 'Pat' }, referrer: { contactId: lee.id }, channel: 'phone' };
    for (const receivedAt of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])
      await expectProblem(
        await a.session.request('POST', '/referrals', { ...body, receivedAt }),
        400,
        'validation',
        ['receivedAt'],
      );
    const res = await a.session.request('POST', '/referrals', {
      ...body,
      receivedAt: '1900-01-01T00:00:00Z',
    });
    expect(res.status).toBe(201);
  });

  it('POST /incentives: a value past 2^31 − 1 minor units is a 400; the largest is stored', async () => {
    const gift = {
      kind: 'reciprocal_arrangement',
      recipient: 'referrer',
      recipientContactId: lee.id,
    };
    await expectProblem(
      await a.session.request('POST', '/incentives', { ...gift, valueMinor: 2_147_483_648 }),
      400,
      'validation',
      ['valueMinor'],
    );
    const res = await a.session.json<{ valueMinor: number }>('POST', '/incentives', {
      ...gift,
      valueMinor: 2_147_483_647,
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(res.body.valueMinor).toBe(2_147_483_647);
  });
});
