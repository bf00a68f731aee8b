/**
 * The hand cases of route-guards.api.test.ts: what the generated walk cannot know. Each route's
 * field refusals (a problem+json with the status, code and field, nothing written), and the
 * other practice's ids inside bodies and queries. `:contact`, `:referral` … stand for the ids of
 * the world the case is run against (route-guards.world.ts); `:own.contact` … for the caller's.
 */
import type { ErrorCode } from './platform/errors.ts';

export type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  /** Sent as JSON, unless a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: ErrorCode;
  fields: string[];
};

export const bad = (
  method: Case['method'],
  url: string,
  name: string,
  body: unknown,
  fields: string[],
  status = 400,
  code: ErrorCode = 'validation',
): Case => ({ name, method, url, body, status, code, fields });

export const long = (n: number) => 'x'.repeat(n);
/** A well-formed id that names nothing. */
export const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';
/** A week after the tests' fixed clock (2026-06-15T12:00Z). */
const nextWeek = '2026-06-22T12:00:00.000Z';

const notFoundCase = (method: Case['method'], url: string, body?: unknown): Case =>
  bad(method, url, 'an id that does not exist', body, [], 404, 'not_found');

/** A JSON body just over the 1 MB limit. */
const huge = JSON.stringify({ name: 'Big', notes: long(1024 * 1024 + 16) });
const multipartBody =
  '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nAnn\r\n--xyz--\r\n';

/** What every JSON write must refuse, whatever its schema (here and in bad-input.api.test.ts). */
export function unreadable(method: Case['method'], url: string): Case[] {
  const media = (name: string, body: string, type: string): Case => ({
    ...bad(method, url, name, body, [], 415, 'unsupported_media_type'),
    headers: { 'content-type': type },
  });
  return [
    bad(method, url, 'no body at all', undefined, ['(body)']),
    bad(method, url, 'malformed JSON', '{"name": "Ann",', []),
    bad(method, url, 'an empty body', '', []),
    bad(method, url, 'JSON null', 'null', ['(body)']),
    bad(method, url, 'an empty JSON array', '[]', ['(body)']),
    bad(method, url, 'a JSON array', '[{"name": "Ann"}]', ['(body)']),
    bad(method, url, 'a JSON string', '"Ann"', ['(body)']),
    media('text/plain', '{"name": "Ann"}', 'text/plain'),
    media('url-encoded form data', 'name=Ann', 'application/x-www-form-urlencoded'),
    media('multipart form data', multipartBody, 'multipart/form-data; boundary=xyz'),
    bad(method, url, 'a body over 1 MB', huge, [], 413, 'payload_too_large'),
  ];
}

// ---------------------------------------------------------------------------------------------
// The pipeline (referrals, referrals given, the ledger)

const quick = { referred: { name: 'Ann' }, referrer: { unknown: true }, channel: 'phone' };

export const createCases: Case[] = [
  ...unreadable('POST', '/referral-links'),
  bad('POST', '/referral-links', 'a malformed contact id', { contactId: 'no id' }, ['contactId']),
  bad('POST', '/referral-links', 'an unknown field', { referrer: 'Bob' }, ['referrer']),
  ...unreadable('POST', '/referrals'),
  bad('POST', '/referrals', 'an unknown field', { ...quick, priority: 1 }, ['priority']),
  bad('POST', '/referrals', 'no referrer', { referred: quick.referred, channel: 'phone' }, [
    'referrer',
  ]),
  bad('POST', '/referrals', 'a free-text referrer', { ...quick, referrer: 'Bob' }, ['referrer']),
  bad(
    'POST',
    '/referrals',
    'a referrer with a contact and a name',
    { ...quick, referrer: { contactId: ':contact', name: 'Bob' } },
    ['referrer.name'],
  ),
  bad(
    'POST',
    '/referrals',
    'a referrer email without a name',
    { ...quick, referrer: { email: 'bob@example.com' } },
    ['referrer.contactId'],
  ),
  bad(
    'POST',
    '/referrals',
    'a new referrer name over 200',
    { ...quick, referrer: { name: long(201) } },
    ['referrer.name'],
  ),
  bad('POST', '/referrals', 'an empty referrer', { ...quick, referrer: {} }, [
    'referrer.contactId',
  ]),
  bad('POST', '/referrals', 'unknown: false', { ...quick, referrer: { unknown: false } }, [
    'referrer.unknown',
  ]),
  bad(
    'POST',
    '/referrals',
    'both referrer forms',
    { ...quick, referrer: { unknown: true, contactId: ':contact' } },
    ['referrer.unknown'],
  ),
  bad('POST', '/referrals', 'no referred', { referrer: quick.referrer, channel: 'phone' }, [
    'referred',
  ]),
  bad('POST', '/referrals', 'a referred without name or id', { ...quick, referred: {} }, [
    'referred.name',
  ]),
  bad('POST', '/referrals', 'a blank referred name', { ...quick, referred: { name: '  ' } }, [
    'referred.name',
  ]),
  bad(
    'POST',
    '/referrals',
    'a referred name over 200',
    { ...quick, referred: { name: long(201) } },
    ['referred.name'],
  ),
  bad(
    'POST',
    '/referrals',
    'both referred forms',
    { ...quick, referred: { name: 'A', contactId: ':contact' } },
    ['referred.contactId'],
  ),
  bad(
    'POST',
    '/referrals',
    'a bad referred email',
    { ...quick, referred: { name: 'A', email: 'nope' } },
    ['referred.email'],
  ),
  bad('POST', '/referrals', 'no channel', { referred: quick.referred, referrer: quick.referrer }, [
    'channel',
  ]),
  bad('POST', '/referrals', 'an unknown channel', { ...quick, channel: 'fax' }, ['channel']),
  bad('POST', '/referrals', 'a need over 2,000', { ...quick, need: long(2001) }, ['need']),
  bad('POST', '/referrals', 'a NUL in need', { ...quick, need: 'a\u0000b' }, ['need']),
  bad(
    'POST',
    '/referrals',
    '11 tags',
    { ...quick, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
    ['tags'],
  ),
  bad('POST', '/referrals', 'a tag over 40', { ...quick, tags: [long(41)] }, ['tags.0']),
  bad('POST', '/referrals', 'an empty tag', { ...quick, tags: [' '] }, ['tags.0']),
  bad('POST', '/referrals', 'a string as tags', { ...quick, tags: 'a,b' }, ['tags']),
  bad('POST', '/referrals', 'a negative value', { ...quick, valueMinor: -1 }, ['valueMinor']),
  bad('POST', '/referrals', 'a fractional value', { ...quick, valueMinor: 1.5 }, ['valueMinor']),
  bad('POST', '/referrals', 'a value over int32', { ...quick, valueMinor: 2 ** 31 }, [
    'valueMinor',
  ]),
  bad('POST', '/referrals', 'a lower-case currency', { ...quick, currency: 'usd' }, ['currency']),
  bad('POST', '/referrals', 'a receivedAt that is no time', { ...quick, receivedAt: 'yesterday' }, [
    'receivedAt',
  ]),
  bad(
    'POST',
    '/referrals',
    'a receivedAt in the future',
    { ...quick, receivedAt: '2999-01-01T00:00:00Z' },
    ['receivedAt'],
  ),
  bad('POST', '/referrals', 'a string as consent', { ...quick, consentToUpdate: 'yes' }, [
    'consentToUpdate',
  ]),
  bad('POST', '/referrals', 'a malformed circleId', { ...quick, circleId: 'a b' }, ['circleId']),
  bad(
    'POST',
    '/referrals',
    'a missing circle',
    { ...quick, circleId: missing },
    ['circleId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing referrer',
    { ...quick, referrer: { contactId: missing } },
    ['referrer.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing referred',
    { ...quick, referred: { contactId: missing } },
    ['referred.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing owner',
    { ...quick, ownerId: missing },
    ['ownerId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'referrer = referred',
    { ...quick, referred: { contactId: ':contact' }, referrer: { contactId: ':contact' } },
    ['referrer.contactId'],
    422,
    'unprocessable',
  ),
  bad(
    'POST',
    '/referrals',
    'the email of an existing contact',
    { ...quick, referred: { name: 'Twin', email: 'EXISTING@example.com' } },
    ['referred.email'],
    409,
    'conflict',
  ),
];

export const updateCases: Case[] = [
  ...unreadable('PATCH', '/referrals/:referral'),
  bad('PATCH', '/referrals/:referral', 'an unknown field', { status: 'client' }, ['status']),
  bad('PATCH', '/referrals/:referral', 'a null channel', { channel: null }, ['channel']),
  bad('PATCH', '/referrals/:referral', 'a null referrer', { referrer: null }, ['referrer']),
  bad('PATCH', '/referrals/:referral', 'a null consent', { consentToUpdate: null }, [
    'consentToUpdate',
  ]),
  bad('PATCH', '/referrals/:referral', 'a place over 200', { place: long(201) }, ['place']),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing circle',
    { circleId: missing },
    ['circleId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing owner',
    { ownerId: missing },
    ['ownerId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing referrer',
    { referrer: { contactId: missing } },
    ['referrer.contactId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'the referred as referrer',
    { referrer: { contactId: ':other' } },
    ['referrer.contactId'],
    422,
    'unprocessable',
  ),
];

export const actionCases: Case[] = [
  ...unreadable('POST', '/agenda/actions'),
  bad('POST', '/agenda/actions', 'no path', { method: 'POST' }, ['path']),
  bad('POST', '/agenda/actions', 'a DELETE', { method: 'DELETE', path: '/contacts/x' }, ['method']),
  bad(
    'POST',
    '/agenda/actions',
    'a path that is not a one-click action',
    { method: 'POST', path: '/contacts', body: { name: 'Ann' } },
    ['path'],
    422,
    'unprocessable',
  ),
  bad(
    'POST',
    '/agenda/actions',
    'a thank-you of an unknown kind',
    { method: 'POST', path: '/referrals/:own.referral/thanks', body: { kind: 'hug' } },
    ['body.kind'],
  ),
  ...unreadable('POST', '/referrals/:referral/status'),
  bad('POST', '/referrals/:referral/status', 'no status', {}, ['status']),
  bad('POST', '/referrals/:referral/status', 'an unknown status', { status: 'won' }, ['status']),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a bad time',
    { status: 'contacted', at: '2026-13-01' },
    ['at'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a time before receipt',
    { status: 'contacted', at: '2000-01-01T00:00:00Z' },
    ['at'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a note over 2,000',
    { status: 'contacted', note: long(2001) },
    ['note'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'the same status',
    { status: 'new' },
    ['status'],
    409,
    'conflict',
  ),
  bad(
    'POST',
    '/referrals/:closed/status',
    'a move on a closed referral',
    { status: 'contacted' },
    ['status'],
    409,
    'conflict',
  ),
  ...unreadable('POST', '/referrals/:referral/reopen'),
  bad('POST', '/referrals/:referral/reopen', 'an unknown field', { status: 'new' }, ['status']),
  bad('POST', '/referrals/:referral/reopen', 'an open referral', {}, [], 409, 'conflict'),
  ...unreadable('POST', '/referrals/:referral/thanks'),
  bad('POST', '/referrals/:referral/thanks', 'no kind', {}, ['kind']),
  bad('POST', '/referrals/:referral/thanks', 'an unknown kind', { kind: 'gift' }, ['kind']),
  bad(
    'POST',
    '/referrals/:referral/thanks',
    'a conversion before client',
    { kind: 'conversion' },
    ['kind'],
    409,
    'conflict',
  ),
  ...unreadable('POST', '/referrals/:referral/referrer-updates'),
  bad('POST', '/referrals/:referral/referrer-updates', 'an unknown field', { status: 'new' }, [
    'status',
  ]),
  bad('POST', '/referrals/:referral/referrer-updates', 'no consent', {}, [], 422, 'unprocessable'),
];

const givenBody = { person: { name: 'Pat' }, partnerId: ':contact' };
export const givenCases: Case[] = [
  ...unreadable('POST', '/referrals-given'),
  bad('POST', '/referrals-given', 'no partner', { person: { name: 'Pat' } }, ['partnerId']),
  bad('POST', '/referrals-given', 'no person', { partnerId: ':contact' }, ['person']),
  bad('POST', '/referrals-given', 'an unknown field', { ...givenBody, fee: 1 }, ['fee']),
  bad('POST', '/referrals-given', 'a reason over 2,000', { ...givenBody, reason: long(2001) }, [
    'reason',
  ]),
  bad(
    'POST',
    '/referrals-given',
    'a givenAt in the future',
    { ...givenBody, givenAt: '2999-01-01T00:00:00Z' },
    ['givenAt'],
  ),
  bad(
    'POST',
    '/referrals-given',
    'notified before given',
    { ...givenBody, givenAt: '2026-01-02T00:00:00Z', partnerNotifiedAt: '2026-01-01T00:00:00Z' },
    ['partnerNotifiedAt'],
  ),
  bad(
    'POST',
    '/referrals-given',
    'a missing partner',
    { ...givenBody, partnerId: missing },
    ['partnerId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals-given',
    'a missing person',
    { ...givenBody, person: { contactId: missing } },
    ['person.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals-given',
    'partner = person',
    { ...givenBody, person: { contactId: ':contact' } },
    ['partnerId'],
    422,
    'unprocessable',
  ),
  ...unreadable('PATCH', '/referrals-given/:given'),
  bad('PATCH', '/referrals-given/:given', 'an unknown outcome', { outcome: 'won' }, ['outcome']),
  bad('PATCH', '/referrals-given/:given', 'a null outcome', { outcome: null }, ['outcome']),
  bad('PATCH', '/referrals-given/:given', 'a bad check-in time', { checkedInAt: 'soon' }, [
    'checkedInAt',
  ]),
  bad('PATCH', '/referrals-given/:given', 'a partner change', { partnerId: ':other' }, [
    'partnerId',
  ]),
];

export const queryCases: Case[] = [
  bad('GET', '/referrals?status=won', 'an unknown status', undefined, ['status']),
  bad('GET', '/referrals?status=', 'an empty status', undefined, ['status']),
  bad('GET', '/referrals?referrer=bob', 'a referrer other than unknown', undefined, ['referrer']),
  bad('GET', '/referrals?channel=fax', 'an unknown channel', undefined, ['channel']),
  bad('GET', '/referrals?from=2026-02-30x', 'a bad from', undefined, ['from']),
  bad('GET', '/referrals?from=2026-02-31', 'a day that does not exist', undefined, ['from']),
  bad('GET', '/referrals?to=tomorrow', 'a bad to', undefined, ['to']),
  bad('GET', '/referrals?sort=name', 'an unknown sort', undefined, ['sort']),
  bad('GET', '/referrals?limit=201', 'a limit over 200', undefined, ['limit']),
  bad('GET', '/referrals?limit=0', 'a limit of 0', undefined, ['limit']),
  bad('GET', '/referrals?cursor=not!valid', 'a malformed cursor', undefined, ['cursor']),
  bad('GET', '/referrals?cursor=abc', 'a foreign cursor', undefined, ['cursor']),
  bad('GET', '/referrals?q=a%00b', 'a NUL in q', undefined, ['q']),
  bad('GET', '/referrals?colour=red', 'an unknown parameter', undefined, ['colour']),
  bad('GET', '/referrals/board?sort=due', 'a sort on the board', undefined, ['sort']),
  bad('GET', '/referrals/board?limit=500', 'a board limit over 200', undefined, ['limit']),
  bad('GET', '/referrals/export.csv?limit=5', 'a limit on the export', undefined, ['limit']),
  bad('GET', '/referrals/export.csv?status=won', 'an unknown status in the export', undefined, [
    'status',
  ]),
  bad('GET', '/referrals-given?outcome=won', 'an unknown outcome', undefined, ['outcome']),
  bad('GET', '/referrals-given?cursor=abc', 'a foreign cursor', undefined, ['cursor']),
  bad('GET', '/reciprocity?owed=yes', 'owed other than true or false', undefined, ['owed']),
  bad('GET', '/practice/vcard?version=2.1', 'a vCard version other than 4.0 or 3.0', undefined, [
    'version',
  ]),
  bad('GET', '/contacts/:contact/vcard?version=4', 'a vCard version without its .0', undefined, [
    'version',
  ]),
  bad('GET', '/contacts/:contact/vcard?colour=red', 'an unknown parameter', undefined, ['colour']),
  bad('GET', '/contacts/export.vcf?version=2.1', 'a vCard version of the export', undefined, [
    'version',
  ]),
  bad('GET', '/contacts/export.vcf?colour=red', 'an unknown parameter', undefined, ['colour']),
  bad('GET', `/referrals/${missing}`, 'a missing referral', undefined, [], 404, 'not_found'),
  bad('GET', `/referrals/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('PATCH', `/referrals/${missing}`, 'a missing referral', { need: 'x' }, [], 404, 'not_found'),
  bad(
    'POST',
    `/referrals/${missing}/status`,
    'a missing referral',
    { status: 'contacted' },
    [],
    404,
    'not_found',
  ),
  bad(
    'DELETE',
    `/referrals-given/${missing}`,
    'a missing referral given',
    undefined,
    [],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    `/referrals-given/${missing}`,
    'a missing referral given',
    { outcome: 'connected' },
    [],
    404,
    'not_found',
  ),
];

// ---------------------------------------------------------------------------------------------
// The network (categories, the most-wanted list, circles, interactions, keep-in-touch)

export const categoryCases: Case[] = [
  ...unreadable('PATCH', '/categories/:category'),
  bad('PATCH', '/categories/:category', 'an unknown field', { colour: 'red' }, ['colour']),
  bad('PATCH', '/categories/:category', 'an empty name', { name: '' }, ['name']),
  bad('PATCH', '/categories/:category', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/categories/:category', 'a name over 200', { name: long(201) }, ['name']),
  bad('PATCH', '/categories/:category', 'a NUL in the name', { name: 'C\u0000' }, ['name']),
  bad('PATCH', '/categories/:category', 'a target of 0', { target: 0 }, ['target']),
  bad('PATCH', '/categories/:category', 'a target of 101', { target: 101 }, ['target']),
  bad('PATCH', '/categories/:category', 'a fractional target', { target: 2.5 }, ['target']),
  bad('PATCH', '/categories/:category', 'a string target', { target: '5' }, ['target']),
  bad(
    'PATCH',
    '/categories/:category',
    'the name of another category',
    { name: ' OTHER category ', target: 9 },
    ['name'],
    409,
    'conflict',
  ),
  notFoundCase('PATCH', `/categories/${missing}`, { name: 'Ghosts' }),
  notFoundCase('DELETE', `/categories/${missing}`),
  bad('PATCH', `/categories/${long(65)}`, 'an id over 64', { name: 'Long' }, ['id']),
  bad('DELETE', '/categories/bad%20id', 'an id with a space', undefined, ['id']),
];

const tenIds = Array.from({ length: 10 }, (_, i) => `019a8b2c-4d5e-7f00-8a1b-00000000000${i}`);
export const mostWantedCases: Case[] = [
  ...unreadable('PUT', '/most-wanted'),
  bad('PUT', '/most-wanted', 'no categoryIds', {}, ['categoryIds']),
  bad('PUT', '/most-wanted', 'an unknown field', { categoryIds: [], order: 'rank' }, ['order']),
  bad('PUT', '/most-wanted', 'a string as categoryIds', { categoryIds: ':category' }, [
    'categoryIds',
  ]),
  bad('PUT', '/most-wanted', 'an empty id', { categoryIds: [''] }, ['categoryIds.0']),
  bad('PUT', '/most-wanted', 'a number as id', { categoryIds: [7] }, ['categoryIds.0']),
  bad('PUT', '/most-wanted', 'a repeated category', { categoryIds: [':category', ':category'] }, [
    'categoryIds.1',
  ]),
  bad('PUT', '/most-wanted', 'over 200 ids', { categoryIds: Array(201).fill(':category') }, [
    'categoryIds',
  ]),
  bad(
    'PUT',
    '/most-wanted',
    'eleven categories',
    { categoryIds: [...tenIds, ':category'] },
    ['categoryIds'],
    422,
    'unprocessable',
  ),
  bad(
    'PUT',
    '/most-wanted',
    'a category that does not exist',
    { categoryIds: [':category', missing] },
    ['categoryIds'],
    404,
    'not_found',
  ),
];

export const circleCases: Case[] = [
  bad('POST', '/circles', 'an unknown kind', { name: 'Club', kind: 'club' }, ['kind']),
  bad('POST', '/circles', 'a number as kind', { name: 'Club', kind: 3 }, ['kind']),
  bad('POST', '/circles', 'notes over 20,000', { name: 'Club', notes: long(20_001) }, ['notes']),
  bad('POST', '/circles', 'a number as notes', { name: 'Club', notes: 5 }, ['notes']),
  bad('POST', '/circles', 'a NUL in the notes', { name: 'Club', notes: 'a\u0000' }, ['notes']),
  bad('POST', '/circles', 'no name', { kind: 'bni' }, ['name']),
  ...unreadable('PATCH', '/circles/:circle'),
  bad('PATCH', '/circles/:circle', 'an unknown field', { members: [] }, ['members']),
  bad('PATCH', '/circles/:circle', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/circles/:circle', 'a blank name', { name: '  ' }, ['name']),
  bad('PATCH', '/circles/:circle', 'an unknown kind', { kind: 'guild' }, ['kind']),
  bad('PATCH', '/circles/:circle', 'notes over 20,000', { notes: long(20_001) }, ['notes']),
  bad(
    'PATCH',
    '/circles/:circle',
    'the name of another circle',
    { name: 'other CIRCLE', kind: 'bni' },
    ['name'],
    409,
    'conflict',
  ),
  notFoundCase('GET', `/circles/${missing}`),
  notFoundCase('PATCH', `/circles/${missing}`, { name: 'Ghosts' }),
  notFoundCase('DELETE', `/circles/${missing}`),
  bad('GET', `/circles/${long(65)}`, 'an id over 64', undefined, ['id']),
];

const log = '/contacts/:contact/interactions';
export const interactionCases: Case[] = [
  ...unreadable('POST', log),
  bad('POST', log, 'no kind', {}, ['kind']),
  bad('POST', log, 'an unknown kind', { kind: 'lunch' }, ['kind']),
  bad('POST', log, 'an unknown field', { kind: 'call', contactId: 'x' }, ['contactId']),
  bad('POST', log, 'occurredAt in words', { kind: 'call', occurredAt: 'yesterday' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt as a date only', { kind: 'call', occurredAt: '2026-03-01' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'month 13', { kind: 'call', occurredAt: '2026-13-01T00:00:00Z' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt as a number', { kind: 'call', occurredAt: 1_767_225_600_000 }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt next week', { kind: 'call', occurredAt: nextWeek }, ['occurredAt']),
  bad('POST', log, 'occurredAt in 1899', { kind: 'call', occurredAt: '1899-06-01T00:00:00Z' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'a summary over 2,000', { kind: 'call', summary: long(2001) }, ['summary']),
  bad('POST', log, 'a NUL in the summary', { kind: 'call', summary: 'a\u0000b' }, ['summary']),
  notFoundCase('POST', `/contacts/${missing}/interactions`, { kind: 'call' }),
  notFoundCase('GET', `/contacts/${missing}/interactions`),
  notFoundCase('DELETE', `/interactions/${missing}`),
  notFoundCase('DELETE', '/interactions/:contact'),
  notFoundCase('GET', `/contacts/${missing}/timeline`),
  bad('POST', `/contacts/${long(65)}/interactions`, 'an id over 64', { kind: 'call' }, ['id']),
  bad('DELETE', `/interactions/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('GET', `/contacts/${long(65)}/timeline`, 'an id over 64', undefined, ['id']),
];

export const cadenceCases: Case[] = [
  ...[
    ['0', 0],
    ['731', 731],
    ['a fraction', 1.5],
    ['a string', '7'],
  ].flatMap(([what, value]) => [
    bad('POST', '/contacts', `keepInTouchDays ${what}`, { name: 'Ann', keepInTouchDays: value }, [
      'keepInTouchDays',
    ]),
    bad('PATCH', '/contacts/:contact', `keepInTouchDays ${what}`, { keepInTouchDays: value }, [
      'keepInTouchDays',
    ]),
  ]),
  bad('GET', '/contacts?touch=soon', 'touch=soon', undefined, ['touch']),
  bad('GET', '/contacts?touch=', 'an empty touch', undefined, ['touch']),
  bad('PATCH', '/practice/settings', 'a negative cadence', { keepInTouchFriendDays: -1 }, [
    'keepInTouchFriendDays',
  ]),
  bad('PATCH', '/practice/settings', 'a cadence over 730', { keepInTouchMetDays: 731 }, [
    'keepInTouchMetDays',
  ]),
  bad('PATCH', '/practice/settings', 'a null cadence', { keepInTouchRefersDays: null }, [
    'keepInTouchRefersDays',
  ]),
];

// ---------------------------------------------------------------------------------------------
// Follow-through (moments, asks, commitments, ethics, incentives)

const moments = '/contacts/:contact/moments';
const commitments = '/contacts/:contact/commitments';
export const followThroughCases: Case[] = [
  ...unreadable('POST', moments),
  ...unreadable('POST', '/incentives'),
  ...unreadable('POST', '/commitments/:commitment/release'),
  bad('POST', moments, 'an unknown kind', { kind: 'party' }, ['kind']),
  bad('POST', moments, 'feedback without a score', { kind: 'feedback' }, ['score']),
  bad('POST', moments, 'a score on a milestone', { kind: 'milestone', score: 9 }, ['score']),
  bad('POST', moments, 'a score of 11', { kind: 'feedback', score: 11 }, ['score']),
  bad(
    'POST',
    moments,
    'a moment in the future',
    { kind: 'milestone', occurredAt: '2999-01-01T00:00:00Z' },
    ['occurredAt'],
  ),
  bad('POST', moments, 'an unknown field', { kind: 'milestone', extra: 1 }, ['extra']),
  bad('POST', '/contacts/:contact/asks', 'an unknown outcome', { outcome: 'maybe' }, ['outcome']),
  bad('POST', '/contacts/:contact/asks', 'askedAt in words', { askedAt: 'yesterday' }, ['askedAt']),
  bad(
    'POST',
    '/contacts/:contact/asks',
    'a moment that does not exist',
    { momentId: 'no-such-moment' },
    ['momentId'],
    404,
    'not_found',
  ),
  bad('PATCH', '/asks/:ask', 'an unknown outcome', { outcome: 'perhaps' }, ['outcome']),
  bad('GET', '/ask-script?contactId=bad%20id', 'a malformed contactId', undefined, ['contactId']),
  bad('POST', commitments, 'no promisedCount', {}, ['promisedCount']),
  bad('POST', commitments, 'a promisedCount of 0', { promisedCount: 0 }, ['promisedCount']),
  bad('POST', commitments, 'a promisedCount of 21', { promisedCount: 21 }, ['promisedCount']),
  bad(
    'POST',
    commitments,
    'a due time in the past',
    { promisedCount: 2, dueAt: '2000-01-01T00:00:00Z' },
    ['dueAt'],
  ),
  bad(
    'POST',
    commitments,
    'an ask that does not exist',
    { promisedCount: 2, askId: 'nope' },
    ['askId'],
    404,
    'not_found',
  ),
  bad('GET', '/commitments?status=done', 'an unknown status', undefined, ['status']),
  bad('PATCH', '/commitments/:commitment', 'a promisedCount in words', { promisedCount: 'five' }, [
    'promisedCount',
  ]),
  bad('POST', '/commitments/:commitment/release', 'a number as note', { note: 5 }, ['note']),
  bad('POST', '/commitments/:commitment/reminders', 'a time in words', { at: 'soon' }, ['at']),
  bad('PUT', '/ethics/overrides', 'an unknown verdict', { gift: 'sometimes' }, ['gift']),
  bad('PUT', '/ethics/overrides', 'an unknown kind', { bribe: 'allowed' }, ['bribe']),
  bad('POST', '/incentives/preview', 'an unknown kind', { kind: 'cash', recipient: 'referrer' }, [
    'kind',
  ]),
  bad('POST', '/incentives', 'no recipient', { kind: 'gift' }, ['recipient']),
  bad(
    'POST',
    '/incentives',
    'a negative value',
    { kind: 'gift', recipient: 'referrer', valueMinor: -1 },
    ['valueMinor'],
  ),
  bad(
    'POST',
    '/incentives',
    'a lower-case currency',
    { kind: 'gift', recipient: 'referrer', currency: 'usd' },
    ['currency'],
  ),
  bad(
    'POST',
    '/incentives',
    'a referral that does not exist',
    { kind: 'gift', recipient: 'referrer', referralId: 'nope' },
    ['referralId'],
    404,
    'not_found',
  ),
  bad('GET', '/incentives?status=lost', 'an unknown status', undefined, ['status']),
  bad('POST', '/incentives/:incentive/disclosure', 'an unknown method', { method: 'telepathy' }, [
    'method',
  ]),
  bad('POST', '/incentives/:incentive/deliver', 'a number as time', { deliveredAt: 12 }, [
    'deliveredAt',
  ]),
];

// ---------------------------------------------------------------------------------------------
// Warm introductions (issue 12): the draft and the send, their fields and references

const person = { name: 'Newt Person', email: 'newt@example.com' };
const introduce = { referrerId: ':contact', person };

function introductionFieldCases(url: string): Case[] {
  return [
    ...unreadable('POST', url),
    bad('POST', url, 'no referrerId', { person }, ['referrerId']),
    bad('POST', url, 'a malformed referrerId', { ...introduce, referrerId: 'a b' }, ['referrerId']),
    bad('POST', url, 'no person', { referrerId: ':contact' }, ['person']),
    bad('POST', url, 'a person without email', { ...introduce, person: { name: 'N' } }, [
      'person.email',
    ]),
    bad(
      'POST',
      url,
      'a person without name',
      { ...introduce, person: { email: 'n@example.com' } },
      ['person.name'],
    ),
    bad('POST', url, 'a bad email', { ...introduce, person: { name: 'N', email: 'nope' } }, [
      'person.email',
    ]),
    bad('POST', url, 'a name over 200', { ...introduce, person: { ...person, name: long(201) } }, [
      'person.name',
    ]),
    bad('POST', url, 'a person contactId', { ...introduce, person: { contactId: ':other' } }, [
      'person.contactId',
    ]),
    bad('POST', url, 'a note over 2,000', { ...introduce, note: long(2001) }, ['note']),
    bad('POST', url, 'an empty subject', { ...introduce, subject: ' ' }, ['subject']),
    bad('POST', url, 'a body over 10,000', { ...introduce, body: long(10_001) }, ['body']),
    bad('POST', url, 'an unknown field', { ...introduce, channel: 'phone' }, ['channel']),
    bad(
      'POST',
      url,
      'the referrer as the person',
      { ...introduce, person: { name: 'Same', email: 'EXISTING@example.com' } },
      ['person.email'],
      422,
      'unprocessable',
    ),
    bad(
      'POST',
      url,
      'the referrer as the referral’s person',
      { referrerId: ':other', referralId: ':referral', person },
      ['referrerId'],
      422,
      'unprocessable',
    ),
    bad(
      'POST',
      url,
      'a closed referral',
      { ...introduce, referralId: ':closed' },
      ['referralId'],
      409,
      'conflict',
    ),
    bad(
      'POST',
      url,
      'a referrer that does not exist',
      { ...introduce, referrerId: missing },
      ['referrerId'],
      404,
      'not_found',
    ),
    bad(
      'POST',
      url,
      'a referral that does not exist',
      { ...introduce, referralId: missing },
      ['referralId'],
      404,
      'not_found',
    ),
  ];
}

export const introductionCases: Case[] = [
  ...introductionFieldCases('/introductions'),
  ...introductionFieldCases('/introductions/preview'),
  bad('POST', '/introductions', 'a string as send', { ...introduce, send: 'yes' }, ['send']),
  bad('POST', '/introductions/preview', 'send on a preview', { ...introduce, send: true }, [
    'send',
  ]),
];

// ---------------------------------------------------------------------------------------------
// The other practice's ids where the walk does not put them: in bodies and queries, and with
// bodies that would change something. Run by B against A's world: each a 404, naming the field.

// ---------------------------------------------------------------------------------------------
// Imports (issue 13): the upload takes a file, not JSON (its refusals are in import.api.test.ts)

export const importCases: Case[] = [
  ...unreadable('POST', '/imports/:import/start'),
  ...unreadable('POST', '/imports/:import/preview'),
  bad('POST', '/imports/:import/start', 'an unknown field', { priority: 1 }, ['priority']),
  bad('POST', '/imports/:import/start', 'an unknown duplicates mode', { duplicates: 'merge' }, [
    'duplicates',
  ]),
  bad('POST', '/imports/:import/start', 'an unknown field to map', { mapping: ['nickname'] }, [
    'mapping.0',
  ]),
  bad(
    'POST',
    '/imports/:import/start',
    'a mapping of the wrong length',
    { mapping: ['name', 'email', 'phone'] },
    ['mapping'],
  ),
  bad(
    'POST',
    '/imports/:import/start',
    'a malformed circle id',
    { defaults: { circleIds: ['no id'] } },
    ['defaults.circleIds.0'],
  ),
  bad('POST', '/imports/:import/start', 'an unknown stage', { defaults: { stage: 'loves' } }, [
    'defaults.stage',
  ]),
  bad(
    'POST',
    '/imports/:import/start',
    'a string as consent',
    { defaults: { emailConsent: 'yes' } },
    ['defaults.emailConsent'],
  ),
  bad(
    'POST',
    '/imports/:import/start',
    'a mapping that names nobody',
    { mapping: ['notes', 'ignore'] },
    ['mapping'],
    422,
    'unprocessable',
  ),
  notFoundCase('POST', '/imports/:import/start', { defaults: { categoryId: missing } }),
  bad('POST', '/imports/:import/preview', 'an unknown field', { duplicates: 'skip' }, [
    'duplicates',
  ]),
  bad('GET', '/imports?limit=0', 'a page of none', undefined, ['limit']),
  bad('GET', '/imports?cursor=bm90IGEgY3Vyc29y', 'a cursor of something else', undefined, [
    'cursor',
  ]),
];

const nf = (method: Case['method'], url: string, body?: unknown, field?: string): Case =>
  bad(method, url, 'another practice', body, field ? [field] : [], 404, 'not_found');
const mine = { referred: { name: 'Beta New' }, referrer: { unknown: true }, channel: 'phone' };
const gift = { kind: 'gift', recipient: 'referrer' };

export const foreignIdCases: Case[] = [
  bad(
    'PUT',
    '/agenda/:own.agendaKey/assignee',
    "assigned to the other practice's user",
    { userId: ':user' },
    ['userId'],
    404,
    'not_found',
  ),
  nf('PATCH', '/contacts/:contact', { name: 'Hijacked' }),
  nf('PATCH', '/contacts/:contact', { stage: 'met' }),
  nf('PATCH', '/contacts/:contact', { roles: [], circleIds: [], categoryId: null, notes: null }),
  nf('PATCH', '/contacts/:contact', { keepInTouchDays: 300 }),
  nf('PATCH', '/categories/:category', { name: 'Hijacked', target: 1 }),
  nf('PATCH', '/circles/:circle', { name: 'Hijacked', kind: 'bni' }),
  nf('POST', '/contacts/:contact/interactions', { kind: 'call' }),
  nf('PATCH', '/referrals/:referral', { need: 'hijacked' }),
  nf('PATCH', '/referrals/:referral', { consentToUpdate: true }),
  nf('POST', '/referrals/:referral/status', { status: 'client' }),
  nf('POST', '/referrals/:closed/reopen', {}),
  nf('POST', '/referrals/:referral/thanks', { kind: 'referral' }),
  nf('PATCH', '/referrals-given/:given', { outcome: 'connected' }),
  nf('POST', '/contacts/:contact/moments', { kind: 'milestone' }),
  nf('PATCH', '/asks/:ask', { outcome: 'no' }),
  nf('POST', '/contacts/:contact/commitments', { promisedCount: 1 }),
  nf('PATCH', '/commitments/:commitment', { note: 'x' }),
  nf('POST', '/incentives/:incentive/disclosure', { method: 'verbal' }),
  nf('POST', '/contacts', { name: 'Sneaky', categoryId: ':category' }, 'categoryId'),
  nf('POST', '/contacts', { name: 'Sneaky', circleIds: [':circle'] }, 'circleIds'),
  nf('POST', '/contacts', { name: 'Sneaky', circleIds: [':own.circle', ':circle'] }, 'circleIds'),
  nf('PATCH', '/contacts/:own.contact', { categoryId: ':category' }, 'categoryId'),
  nf('PATCH', '/contacts/:own.contact', { circleIds: [':circle'] }, 'circleIds'),
  nf(
    'PATCH',
    '/contacts/:own.contact',
    { circleIds: [':own.circle', ':circle'], name: 'Renamed' },
    'circleIds',
  ),
  nf('PUT', '/most-wanted', { categoryIds: [':category'] }, 'categoryIds'),
  nf('PUT', '/most-wanted', { categoryIds: [':own.category', ':category'] }, 'categoryIds'),
  nf('POST', '/referrals', { ...mine, referrer: { contactId: ':contact' } }, 'referrer.contactId'),
  nf('POST', '/referrals', { ...mine, referred: { contactId: ':other' } }, 'referred.contactId'),
  nf('POST', '/referrals', { ...mine, circleId: ':circle' }, 'circleId'),
  nf('POST', '/referrals', { ...mine, ownerId: ':user' }, 'ownerId'),
  nf(
    'PATCH',
    '/referrals/:own.referral',
    { referrer: { contactId: ':contact' } },
    'referrer.contactId',
  ),
  nf('PATCH', '/referrals/:own.referral', { circleId: ':circle' }, 'circleId'),
  nf('PATCH', '/referrals/:own.referral', { ownerId: ':user' }, 'ownerId'),
  nf('POST', '/introductions', introduce, 'referrerId'),
  nf('POST', '/introductions', { ...introduce, send: true }, 'referrerId'),
  nf(
    'POST',
    '/introductions',
    { ...introduce, referrerId: ':own.contact', referralId: ':referral' },
    'referralId',
  ),
  nf('POST', '/introductions/preview', introduce, 'referrerId'),
  nf(
    'POST',
    '/introductions/preview',
    { ...introduce, referrerId: ':own.contact', referralId: ':referral' },
    'referralId',
  ),
  nf('POST', '/referrals-given', { person: { name: 'X' }, partnerId: ':contact' }, 'partnerId'),
  nf(
    'POST',
    '/referrals-given',
    { person: { contactId: ':other' }, partnerId: ':own.contact' },
    'person.contactId',
  ),
  nf('POST', '/incentives', { ...gift, referralId: ':referral' }),
  nf('POST', '/incentives', { ...gift, commitmentId: ':commitment' }),
  nf('POST', '/incentives', { ...gift, recipientContactId: ':contact' }),
  nf('POST', '/contacts/:own.contact/asks', { momentId: ':moment' }),
  nf('POST', '/contacts/:own.contact/commitments', { promisedCount: 1, askId: ':ask' }),
  nf('GET', '/ask-script?contactId=:contact'),
  nf('POST', '/referral-links', { contactId: ':contact' }, 'contactId'),
  nf(
    'POST',
    '/imports/:own.import/start',
    { defaults: { circleIds: [':circle'] } },
    'defaults.circleIds',
  ),
  nf(
    'POST',
    '/imports/:own.import/start',
    { defaults: { categoryId: ':category' } },
    'defaults.categoryId',
  ),
  nf('POST', '/agenda/actions', {
    method: 'POST',
    path: '/referrals/:referral/thanks',
    body: { kind: 'referral' },
  }),
  nf('POST', '/agenda/actions', { method: 'POST', path: '/commitments/:commitment/reminders' }),
  nf('POST', '/agenda/actions', { method: 'POST', path: '/contacts/:contact/asks' }),
  nf('POST', '/agenda/actions', {
    method: 'PATCH',
    path: '/referrals-given/:given',
    body: { checkedInAt: '2026-06-15T11:00:00.000Z' },
  }),
];

/** The team: invitations, roles and removal, and the public invitation link. */
export const teamCases: Case[] = [
  ...unreadable('POST', '/invitations'),
  ...unreadable('PATCH', '/members/:user'),
  ...unreadable('POST', '/auth/accept-invitation'),
  bad('POST', '/invitations', 'no email', {}, ['email']),
  bad('POST', '/invitations', 'a malformed email', { email: 'not an email' }, ['email']),
  bad('POST', '/invitations', 'an unknown role', { email: 'new@example.com', role: 'boss' }, [
    'role',
  ]),
  bad('POST', '/invitations', 'an unknown field', { email: 'new@example.com', admin: true }, [
    'admin',
  ]),
  bad(
    'POST',
    '/invitations',
    'an email invited already',
    { email: 'Alpha.Invitee@example.com' },
    ['email'],
    409,
    'conflict',
  ),
  bad('PATCH', '/members/:user', 'an unknown role', { role: 'boss' }, ['role']),
  bad('PATCH', '/members/:user', 'no role', {}, ['role']),
  bad(
    'PATCH',
    '/members/:user',
    'the last owner stepping down',
    { role: 'member' },
    ['role'],
    409,
    'conflict',
  ),
  bad('DELETE', '/members/:user', 'the last owner', undefined, ['id'], 409, 'conflict'),
  bad('POST', '/auth/accept-invitation', 'no token', { password: 'x' }, ['token']),
  bad('POST', '/auth/accept-invitation', 'a token too long', { token: long(201), password: 'x' }, [
    'token',
  ]),
  bad(
    'POST',
    '/auth/accept-invitation',
    'an unknown link',
    { token: 'no-such-link', name: 'Ann', password: 'correct horse battery' },
    ['token'],
    404,
    'not_found',
  ),
  bad(
    'GET',
    '/public/invitations/no-such-link',
    'an unknown link',
    undefined,
    ['token'],
    404,
    'not_found',
  ),
];

/**
 * Lists, filters and summaries: B's answer must show none of A's rows (no A id, no "Alpha"),
 * while A's own answer shows them (so B's emptiness is not vacuous). Filters name A's ids.
 */
export const listUrls: string[] = [
  '/contacts?limit=200',
  '/contacts?q=alpha',
  '/contacts?q=Alpha%20Ledger',
  '/contacts?role=partner',
  '/contacts?stage=refers',
  '/contacts?sort=-createdAt&limit=200',
  '/contacts?sort=stage',
  '/contacts?categoryId=:category',
  '/contacts?circleId=:circle',
  '/contacts?touch=due&limit=200',
  // B's own contact's timeline: the events of B's contact only, none of A's.
  '/contacts/:own.contact/timeline',
  '/categories',
  '/most-wanted',
  '/circles',
  '/tokens',
  '/referrals?limit=200',
  '/referrals?referrerId=:contact',
  '/referrals?circleId=:circle',
  '/referrals?categoryId=:category',
  '/referrals?ownerId=:user',
  '/referrals?q=alpha',
  '/referrals/board',
  '/referrals/export.csv',
  '/contacts/export.csv',
  '/contacts/export.vcf',
  '/referrals-given',
  '/referrals-given?partnerId=:contact',
  '/reciprocity',
  '/commitments',
  '/commitments?contactId=:contact',
  '/incentives',
  '/incentives?referralId=:referral',
  '/messages',
  '/surveys',
  '/calendar-feeds',
  '/referral-links',
  '/imports',
  '/agenda',
  '/insights',
  '/audit',
  '/members',
  '/invitations',
];

/** Filters by A's ids: B's answer is an empty list. */
export const foreignFilterUrls: string[] = listUrls.filter((u) => /=:(?!own)/.test(u));
