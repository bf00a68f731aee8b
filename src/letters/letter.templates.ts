/**
 * The shipped letters (PRODUCT.md §6) and the merge fields they may use. Short and warm, in
 * the tone of the articles: a referral is a favour and a vote of confidence, never a quota.
 */

/** Who a field may be shown to in a referrer-facing letter (§3.2). */
export type FieldConsent = 'always' | 'with_consent' | 'treating_provider';

export type FieldDef = {
  description: string;
  consent: FieldConsent;
  /** Also allowed for a treating provider under the health profile (seen/scheduled needs a name). */
  isAllowedForTreatingProvider?: true;
};

const always = (description: string): FieldDef => ({ description, consent: 'always' });

/** Every merge field Vouch knows; each template lists the ones it may use. */
export const fieldDefs = {
  'practice.name': always("The practice's name"),
  'practice.valueProposition': always('The one sentence referrers should say'),
  'practice.idealClient': always('Who the practice serves best'),
  'practice.postalAddress': always("The practice's postal address"),
  'sender.name': always('The team member who sends the letter'),
  'recipient.name': always("The recipient's full name"),
  'recipient.firstName': always(
    'How the recipient is addressed: their first (or preferred) name, or "Dr. Reyes" when letters are formal',
  ),
  'recipient.salutation': always(
    'The opening line for the recipient: "Dear Dr. Reyes," or "Dear Alan,"',
  ),
  'referrer.name': always("The referrer's full name"),
  'referrer.firstName': always(
    'How the referrer is addressed: their first (or preferred) name, or "Dr. Reyes" when letters are formal',
  ),
  'referrer.salutation': always(
    'The opening line for the referrer: "Dear Dr. Reyes," or "Dear Alan,"',
  ),
  'referred.name': {
    description:
      'The referred person’s name — only with their consent to updates (or, under HIPAA, to a treating provider)',
    consent: 'with_consent',
    isAllowedForTreatingProvider: true,
  },
  'referral.milestone': {
    description:
      'How far things have come — "we have been in touch", "we have met", "they have become a client"; only with consent',
    consent: 'with_consent',
  },
  'referral.seen': {
    description:
      'Whether the person was seen or scheduled — only to a treating provider under the health (HIPAA) profile',
    consent: 'treating_provider',
  },
  'commitment.promisedCount': always('How many introductions were promised'),
  'commitment.madeOn': always('The day the commitment was made'),
  'commitment.credited': always('Introductions received since'),
  'commitment.remaining': always('Introductions still to come'),
  'commitment.incentiveForReferrer': always('What was offered to the referrer'),
  'commitment.incentiveForReferred': always('What was offered to the people they refer'),
  'person.name': always('The person the practice referred'),
  'partner.name': always("The partner's full name"),
  'partner.firstName': always(
    'How the partner is addressed: their first (or preferred) name, or "Dr. Reyes" when letters are formal',
  ),
  'partner.salutation': always(
    'The opening line for the partner: "Dear Dr. Reyes," or "Dear Alan,"',
  ),
  'given.reason': always('Why the practice referred the person (as recorded)'),
  'given.givenOn': always('The day the referral was given'),
  'digest.referralsThisWeek': always('Referrals received in the last 7 days'),
  'digest.newClientsThisWeek': always('Referrals that became clients in the last 7 days'),
  'digest.awaitingFirstContact': always('Referrals still waiting for a first contact'),
  'digest.thanksOwed': always('Referrers not yet thanked'),
  'digest.openCommitments': always('Open referral commitments'),
} as const satisfies Record<string, FieldDef>;

export type FieldName = keyof typeof fieldDefs;
export const fieldNames = Object.keys(fieldDefs) as FieldName[];

export type Audience = 'referrer' | 'contact' | 'partner' | 'team';
/** What a letter is about, and so which id the draft needs. */
export type SubjectKind = 'referral' | 'commitment' | 'given' | 'contact' | 'none';
/** The change that sending a letter records, in the same transaction as the message. */
export const causes = [
  'thanks_referral',
  'thanks_conversion',
  'referrer_update',
  'partner_notified',
  'commitment_reminder',
  'given_check_in',
] as const;
export type Cause = (typeof causes)[number];

export type ShippedTemplate = {
  key: string;
  name: string;
  audience: Audience;
  about: SubjectKind;
  /** The change sending it records by default (null: none). */
  cause: Cause | null;
  /** Where the recipient comes from, for subjects with two people. */
  recipient: 'referrer' | 'contact' | 'partner' | 'person' | 'caller';
  subject: string;
  body: string;
  fields: readonly FieldName[];
};

const sign = '{{sender.name}}\n{{practice.name}}';
const practiceFields = ['practice.name', 'practice.valueProposition', 'sender.name'] as const;
const referrerFields = [
  ...practiceFields,
  'recipient.name',
  'recipient.firstName',
  'recipient.salutation',
  'referrer.name',
  'referrer.firstName',
  'referrer.salutation',
  'referred.name',
  'referral.milestone',
  'referral.seen',
] as const;

export const shippedTemplates = [
  {
    key: 'ask',
    name: 'Asking for referrals',
    audience: 'contact',
    about: 'contact',
    cause: null,
    recipient: 'contact',
    subject: 'A small favour, {{recipient.firstName}}',
    body: `{{recipient.salutation}}

Working with you has been a real pleasure, and I hope it has been worth your while too.

Most of the people I work with come to me because someone who knows me mentioned my name. In one sentence: {{practice.valueProposition}}

If you know someone who could use that, I would be glad if you passed my name on, and let me know so that I can look after them well.

Thank you for thinking of me.

${sign}`,
    fields: [
      ...practiceFields,
      'practice.idealClient',
      'recipient.name',
      'recipient.firstName',
      'recipient.salutation',
    ],
  },
  {
    key: 'thanks_referral',
    name: 'Thank you for a referral',
    audience: 'referrer',
    about: 'referral',
    cause: 'thanks_referral',
    recipient: 'referrer',
    subject: 'Thank you for thinking of me',
    body: `{{referrer.salutation}}

Thank you for thinking of me. Passing on my name is a vote of confidence, and I do not take it lightly: anyone you send my way will be looked after with care.

With gratitude,
${sign}`,
    fields: referrerFields,
  },
  {
    key: 'thanks_conversion',
    name: 'Thank you, on becoming a client',
    audience: 'referrer',
    about: 'referral',
    cause: 'thanks_conversion',
    recipient: 'referrer',
    subject: 'Thank you for your trust in me',
    body: `{{referrer.salutation}}

I wanted to thank you once more for your trust in me. Introductions like yours are how my practice grows, and they mean more to me than any advertising could.

Warmly,
${sign}`,
    fields: referrerFields,
  },
  {
    key: 'referrer_update',
    name: 'Referrer update (with consent)',
    audience: 'referrer',
    about: 'referral',
    cause: 'referrer_update',
    recipient: 'referrer',
    subject: 'A short update, with thanks',
    body: `{{referrer.salutation}}

With their permission, a short update on {{referred.name}}, whom you kindly sent my way: {{referral.milestone}}.

Thank you again for the introduction. It is a reflection on you, and I mean to do it justice.

${sign}`,
    fields: referrerFields,
  },
  {
    key: 'treating_provider_update',
    name: 'Update to a treating provider (HIPAA)',
    audience: 'referrer',
    about: 'referral',
    cause: 'referrer_update',
    recipient: 'referrer',
    subject: 'Your referral — for continuity of care',
    body: `{{referrer.salutation}}

For continuity of care: {{referred.name}}, whom you referred to me, {{referral.seen}}.

Thank you for the referral. Please let me know if there is anything I should be aware of.

${sign}`,
    fields: referrerFields,
  },
  {
    key: 'partner_notification',
    name: 'Telling a partner about a referral',
    audience: 'partner',
    about: 'given',
    cause: 'partner_notified',
    recipient: 'partner',
    subject: 'An introduction: {{person.name}}',
    body: `{{partner.salutation}}

I have suggested that {{person.name}} get in touch with you. {{given.reason}}

I thought of you because I trust the way you look after people. They may call you directly; if you would rather I made a proper introduction, just say so.

Best regards,
${sign}`,
    fields: [
      ...practiceFields,
      'recipient.name',
      'recipient.firstName',
      'recipient.salutation',
      'partner.name',
      'partner.firstName',
      'partner.salutation',
      'person.name',
      'given.reason',
      'given.givenOn',
    ],
  },
  {
    key: 'commitment_reminder',
    name: 'Commitment reminder',
    audience: 'contact',
    about: 'commitment',
    cause: 'commitment_reminder',
    recipient: 'contact',
    subject: 'Picking up where we left off',
    body: `{{recipient.salutation}}

When we spoke on {{commitment.madeOn}}, you kindly offered to introduce me to {{commitment.promisedCount}} people who could use my help. I would like to pick up where we left off.

I would rather spend my money on serving my clients better than on advertising, which is why introductions from people like you matter so much to my practice.

Both offers still stand: for you, {{commitment.incentiveForReferrer}}; for anyone you introduce, {{commitment.incentiveForReferred}}.

If someone comes to mind, simply give them my name, or reply to this note and I will take it from there.

With thanks,
${sign}`,
    fields: [
      ...practiceFields,
      'recipient.name',
      'recipient.firstName',
      'recipient.salutation',
      'commitment.promisedCount',
      'commitment.madeOn',
      'commitment.credited',
      'commitment.remaining',
      'commitment.incentiveForReferrer',
      'commitment.incentiveForReferred',
    ],
  },
  {
    key: 'given_check_in',
    name: 'Check-in after a referral given',
    audience: 'contact',
    about: 'given',
    cause: 'given_check_in',
    recipient: 'person',
    subject: 'Were you well looked after?',
    body: `{{recipient.salutation}}

A couple of weeks ago I suggested you speak with {{partner.name}}. I hope it helped.

Were you well looked after? A line in reply would mean a lot: I only recommend people I would trust with my own clients, and I want to keep it that way.

${sign}`,
    fields: [
      ...practiceFields,
      'recipient.name',
      'recipient.firstName',
      'recipient.salutation',
      'partner.name',
      'given.givenOn',
    ],
  },
  {
    key: 'survey_invitation',
    name: 'Messaging survey invitation',
    audience: 'contact',
    about: 'contact',
    cause: null,
    recipient: 'contact',
    subject: 'Would you help me with one question?',
    body: `{{recipient.salutation}}

I am working on how I describe my practice, and your view would help more than you might think.

In a sentence or two: how would you describe what I do, and for whom? Please don't look anything up — your own words are exactly what I need. Just reply to this email.

Thank you,
${sign}`,
    fields: [...practiceFields, 'recipient.name', 'recipient.firstName', 'recipient.salutation'],
  },
  {
    key: 'weekly_digest',
    name: 'Weekly digest for the team',
    audience: 'team',
    about: 'none',
    cause: null,
    recipient: 'caller',
    subject: 'Your referral week at {{practice.name}}',
    body: `Hello {{recipient.firstName}},

This week: {{digest.referralsThisWeek}} referrals received, {{digest.newClientsThisWeek}} new clients from referrals.

Waiting for a first contact: {{digest.awaitingFirstContact}}
Referrers still to thank: {{digest.thanksOwed}}
Open commitments: {{digest.openCommitments}}

Every referral is someone's reputation placed in our hands. Thank you for looking after them.`,
    fields: [
      ...practiceFields,
      'recipient.name',
      'recipient.firstName',
      'recipient.salutation',
      'digest.referralsThisWeek',
      'digest.newClientsThisWeek',
      'digest.awaitingFirstContact',
      'digest.thanksOwed',
      'digest.openCommitments',
    ],
  },
] as const satisfies readonly ShippedTemplate[];

export type TemplateKey = (typeof shippedTemplates)[number]['key'];
export const templateKeys = shippedTemplates.map((t) => t.key) as [TemplateKey, ...TemplateKey[]];

export function shippedTemplate(key: string): ShippedTemplate | undefined {
  return (shippedTemplates as readonly ShippedTemplate[]).find((t) => t.key === key);
}
