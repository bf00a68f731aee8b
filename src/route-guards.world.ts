/**
 * Test support for route-guards.api.test.ts: one practice's "world" with one of every thing a
 * route can name by id, built through the API, and the placeholders the hand cases use.
 */
import { expect } from 'vitest';
import { ok } from './test-support/api-expect.ts';
import type { SeededPractice } from './test-support/testing.ts';

/** One id of each kind a route takes, named by the kind's collection in the path. */
export type World = {
  contact: string;
  /** The referred person of `referral`: a second contact. */
  other: string;
  category: string;
  circle: string;
  interaction: string;
  referral: string;
  /** A declined referral. */
  closed: string;
  given: string;
  moment: string;
  ask: string;
  commitment: string;
  incentive: string;
  message: string;
  survey: string;
  recipient: string;
  feed: string;
  /** A referral link of `contact`. */
  link: string;
  /** An API token other than the one the tests call with. */
  token: string;
  /** An agenda item key of this practice (kind:subjectId[:version]). */
  agendaKey: string;
  /** An action done on Today (a snooze of `agendaKey`), already undone. */
  undo: string;
  /** The practice's owner. */
  user: string;
  /** An import of a small file, uploaded and not started. */
  import: string;
  /** A pending invitation to the team. */
  invitation: string;
  /** A webhook endpoint, registered before everything else so that it has deliveries. */
  webhook: string;
  /** A delivery of `webhook` (waiting: no worker runs in the walk). */
  delivery: string;
};

/** Which world id a path id stands for, by the collection segment before it. */
export const kindOfCollection: Record<string, keyof World> = {
  tokens: 'token',
  contacts: 'contact',
  categories: 'category',
  circles: 'circle',
  interactions: 'interaction',
  referrals: 'referral',
  'referrals-given': 'given',
  messages: 'message',
  moments: 'moment',
  asks: 'ask',
  commitments: 'commitment',
  incentives: 'incentive',
  surveys: 'survey',
  recipients: 'recipient',
  'calendar-feeds': 'feed',
  'referral-links': 'link',
  undo: 'undo',
  imports: 'import',
  members: 'user',
  invitations: 'invitation',
  webhooks: 'webhook',
  deliveries: 'delivery',
};

/** Builds the world of a practice; `prefix` names its people so that leaks are visible. */
export async function buildWorld(p: SeededPractice, prefix: string): Promise<World> {
  const who = p.session;
  const id = async (method: string, url: string, body?: unknown) =>
    (await ok<{ id: string }>(who, method, url, body)).id;
  const webhook = await id('POST', '/webhooks', {
    url: `https://hooks.example.com/${prefix.toLowerCase()}`,
    events: ['contact.created', 'referral.created', 'referral.status_changed'],
  });
  const category = await id('POST', '/categories', { name: 'Accountants' });
  await id('POST', '/categories', { name: 'Other category' });
  const circle = await id('POST', '/circles', { name: 'Rotary', kind: 'rotary' });
  await id('POST', '/circles', { name: 'Other circle' });
  const contact = await id('POST', '/contacts', {
    name: `${prefix} Partner`,
    email: 'existing@example.com',
    organization: `${prefix} Ledger LLP`,
    categoryId: category,
    circleIds: [circle],
    roles: ['partner'],
    stage: 'trusts',
    keepInTouchDays: 1,
    notes: `A private note of ${prefix}.`,
  });
  const interaction = await id('POST', `/contacts/${contact}/interactions`, {
    kind: 'call',
    occurredAt: '2026-01-01T10:00:00Z',
    summary: `${prefix} secret call`,
  });
  await ok(who, 'PUT', '/most-wanted', { categoryIds: [category] });
  const referral = await ok<{ id: string; referred: { id: string } | null }>(
    who,
    'POST',
    '/referrals',
    {
      referred: { name: `${prefix} Secret Client` },
      referrer: { contactId: contact },
      channel: 'phone',
      circleId: circle,
      tags: [prefix.toLowerCase()],
      need: `A private need of ${prefix}`,
    },
  );
  const closed = await id('POST', '/referrals', {
    referred: { name: `${prefix} Closed` },
    referrer: { contactId: contact },
    channel: 'email',
  });
  await ok(who, 'POST', `/referrals/${closed}/status`, { status: 'declined' });
  const given = await id('POST', '/referrals-given', {
    person: { name: `${prefix} Given Person` },
    partnerId: contact,
  });
  const moment = await id('POST', `/contacts/${contact}/moments`, { kind: 'milestone' });
  const ask = (
    await ok<{ ask: { id: string } }>(who, 'POST', `/contacts/${contact}/asks`, {
      askedAt: '2026-01-02T10:00:00Z',
    })
  ).ask.id;
  const commitment = (
    await ok<{ commitment: { id: string } }>(who, 'POST', `/contacts/${contact}/commitments`, {
      promisedCount: 3,
    })
  ).commitment.id;
  const incentive = await id('POST', '/incentives', {
    kind: 'thank_you_note',
    recipient: 'referrer',
    referralId: referral.id,
  });
  const message = await id('POST', '/messages', {
    templateKey: 'thanks_referral',
    referralId: referral.id,
    channel: 'letter',
  });
  const survey = await ok<{ id: string; recipients: { id: string }[] }>(who, 'POST', '/surveys', {
    contactIds: [contact],
  });
  const feed = await id('POST', '/calendar-feeds', {});
  const link = await id('POST', '/referral-links', { contactId: contact });
  const token = await id('POST', '/tokens', { name: `${prefix} integration` });
  const agenda = await ok<{ items: { key: string }[] }>(who, 'GET', '/agenda');
  const agendaKey = agenda.items.find((i) => i.key.includes(referral.id))?.key ?? '';
  expect(agendaKey, 'an agenda item about the new referral').not.toBe('');
  const { undoId } = await ok<{ undoId: string }>(who, 'POST', '/agenda/items/bulk', {
    action: 'snooze',
    keys: [agendaKey],
    until: '2026-06-20T09:00:00.000Z',
  });
  await ok(who, 'POST', `/agenda/undo/${undoId}`, {});
  const upload = await id(
    'POST',
    '/imports?fileName=network.csv',
    `Name,Email\n${prefix} Imported,${prefix.toLowerCase()}.imported@example.com\n`,
  );
  const invitation = await id('POST', '/invitations', {
    email: `${prefix.toLowerCase()}.invitee@example.com`,
  });
  const deliveries = await ok<{ items: { id: string }[] }>(
    who,
    'GET',
    `/webhooks/${webhook}/deliveries`,
  );
  const delivery = deliveries.items[0]?.id ?? '';
  expect(delivery, 'a delivery of the webhook endpoint').not.toBe('');
  return {
    contact,
    other: referral.referred?.id ?? '',
    category,
    circle,
    interaction,
    referral: referral.id,
    closed,
    given,
    moment,
    ask,
    commitment,
    incentive,
    message,
    survey: survey.id,
    recipient: survey.recipients[0]?.id ?? '',
    feed,
    link,
    token,
    agendaKey,
    undo: undoId,
    user: p.userId,
    import: upload,
    invitation,
    webhook,
    delivery,
  };
}

const placeholder = new RegExp(
  `:(own\\.)?(${[
    'contact',
    'other',
    'category',
    'circle',
    'interaction',
    'referral',
    'closed',
    'given',
    'moment',
    'ask',
    'commitment',
    'incentive',
    'user',
    'import',
    'invitation',
    'agendaKey',
  ].join('|')})\\b`,
  'g',
);

/**
 * Puts ids in place of `:contact`, `:referral` … (the world of `theirs`) and `:own.contact` …
 * (the world of `own`), in a URL or anywhere in a JSON body.
 */
export function fillIds<T>(value: T, theirs: World, own: World = theirs): T {
  if (value === undefined || value === null) return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const filled = text.replace(placeholder, (_, mine: string | undefined, k: keyof World) =>
    mine ? own[k] : theirs[k],
  );
  return (typeof value === 'string' ? filled : JSON.parse(filled)) as T;
}
