import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressableFromName } from '../contacts/contact-name.rules.ts';
import {
  backoffMinutes,
  nextAttemptAfter,
  signOptOutToken,
  verifyOptOutToken,
} from '../outbox/outbox.rules.ts';
import { decryptSecret, encryptSecret } from '../outbox/secret-box.ts';
import { dayMs } from '../platform/calendar.ts';
import { AppError } from '../platform/errors.ts';
import { professionIds } from '../practices/professions.ts';
import { wordsOf } from './disclosure.rules.ts';
import {
  type Disclosure,
  isFieldAllowed,
  leakedValue,
  maySendForCause,
  mergeFieldsIn,
  milestoneOf,
  referrerLetterValues,
  renderText,
  seenOf,
  unknownFieldsIn,
} from './letter.rules.ts';
import { type PreparedLetter, renderLetter } from './letter.service.ts';
import { fieldNames, type ShippedTemplate, shippedTemplates } from './letter.templates.ts';

const referrerFacing = (shippedTemplates as readonly ShippedTemplate[]).filter(
  (t) => t.audience === 'referrer',
);
const rita = addressableFromName('Rita Referrer');
const none = { first_contact_at: null, meeting_at: null, client_at: null, need: null };

describe('merge fields', () => {
  it('finds fields in order, once each, spaces allowed inside the braces', () => {
    expect(
      mergeFieldsIn('Hi {{ recipient.firstName }}, {{practice.name}} {{recipient.firstName}}'),
    ).toEqual(['recipient.firstName', 'practice.name']);
  });
  it('names the fields a template does not know', () => {
    const thanks = referrerFacing[0] as ShippedTemplate;
    expect(
      unknownFieldsIn('{{referrer.firstName}} {{commitment.madeOn}} {{nope}}', thanks),
    ).toEqual(['commitment.madeOn', 'nope']);
  });
  it('every shipped template uses only its own fields', () => {
    for (const t of shippedTemplates as readonly ShippedTemplate[]) {
      expect(unknownFieldsIn(t.subject + t.body, t), t.key).toEqual([]);
    }
  });
  it('the commitment reminder picks up where you left off, prefers service to advertising and restates both incentives (§3.4)', () => {
    const t = (shippedTemplates as readonly ShippedTemplate[]).find(
      (x) => x.key === 'commitment_reminder',
    );
    expect(t?.body).toMatch(/pick up where we left off/);
    expect(t?.body).toMatch(/rather spend .* than on advertising/);
    expect(t?.body).toContain('{{commitment.incentiveForReferrer}}');
    expect(t?.body).toContain('{{commitment.incentiveForReferred}}');
  });
  it('shipped thank-yous use only fields allowed without consent', () => {
    const noConsent: Disclosure = {
      consentToUpdate: false,
      profession: 'coach',
      isTreatingProvider: false,
    };
    for (const key of ['thanks_referral', 'thanks_conversion']) {
      const t = referrerFacing.find((x) => x.key === key) as ShippedTemplate;
      expect(renderText(t.body, t, noConsent, {}).ok, key).toBe(true);
    }
  });
});

describe('consent rules (§3.2, §7)', () => {
  const d = (
    consentToUpdate: boolean,
    profession: string,
    isTreatingProvider: boolean,
  ): Disclosure => ({
    consentToUpdate,
    profession,
    isTreatingProvider,
  });
  it('without consent: no name, no milestone, no seen', () => {
    for (const f of ['referred.name', 'referral.milestone', 'referral.seen'] as const)
      expect(isFieldAllowed(f, d(false, 'attorney', true))).toBe(false);
  });
  it('with consent: name and milestone, not seen/scheduled (outside HIPAA)', () => {
    expect(isFieldAllowed('referred.name', d(true, 'coach', false))).toBe(true);
    expect(isFieldAllowed('referral.milestone', d(true, 'coach', false))).toBe(true);
    expect(isFieldAllowed('referral.seen', d(true, 'coach', true))).toBe(false);
  });
  it('health profile + treating provider: name and seen/scheduled without consent, no milestone', () => {
    expect(isFieldAllowed('referred.name', d(false, 'health', true))).toBe(true);
    expect(isFieldAllowed('referral.seen', d(false, 'health', true))).toBe(true);
    expect(isFieldAllowed('referral.milestone', d(false, 'health', true))).toBe(false);
    expect(isFieldAllowed('referral.seen', d(false, 'health', false))).toBe(false);
  });
  it('milestones and seen/scheduled from the referral times', () => {
    expect(milestoneOf(none)).toBe('I will be in touch with them shortly');
    expect(milestoneOf({ ...none, first_contact_at: 'x' })).toBe('we have been in touch');
    expect(milestoneOf({ ...none, meeting_at: 'x' })).toBe('we have met');
    expect(milestoneOf({ ...none, client_at: 'x' })).toBe('they have become a client');
    expect(seenOf({ ...none, first_contact_at: 'x' })).toBe('has been scheduled');
    expect(seenOf({ ...none, meeting_at: 'x' })).toBe('has been seen');
  });
  it('finds protected text typed into a letter, ignoring values too short to mean anything', () => {
    const p = [
      { field: 'referred.name', label: 'name', value: 'Ana Ruiz', minLength: 3 },
      { field: 'referral.need', label: 'need', value: 'tax', minLength: 8 },
    ];
    expect(leakedValue('Dear Bob, about ana ruiz…', p)?.field).toBe('referred.name');
    expect(leakedValue('Dear Bob, taxes are due', p)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// The property: whatever the template text, the referred person's details never leak.

/** Protected values from an alphabet no template or filler uses, so a hit is a real leak. */
const secret = (tag: string) => fc.stringMatching(/^[A-Z][a-z]{3,8}$/).map((s) => `Ж${tag}${s}`);
const filler = fc.constantFrom(
  'Dear',
  'thank you',
  ',',
  '.',
  '\n',
  'we',
  'your',
  'kind',
  '{{',
  '}}',
  '{ {x} }',
  'client',
  'met',
  // Status words typed by hand (§3.2): allowed only with consent (seen: also to a treating provider).
  'they became a client',
  'booked',
  'seen',
  'hired',
);
const anyField = fc.constantFrom(
  ...fieldNames,
  'referral.need',
  'referral.notes',
  'referral.status',
  'referred.email',
  'bogus',
);

const milestonePhrases = [
  'we have been in touch',
  'we have met',
  'they have become a client',
  'I will be in touch with them shortly',
];
const seenPhrases = ['has been seen', 'has been scheduled', 'is being scheduled'];

describe('consent property over every referrer-facing template', () => {
  it('never shows name, need, status or notes unless allowed; a blocked field is a 422 naming it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...referrerFacing),
        fc.record({
          consentToUpdate: fc.boolean(),
          profession: fc.constantFrom(...professionIds),
          isTreatingProvider: fc.boolean(),
        }),
        fc.record({
          first_contact_at: fc.option(fc.constant('2026-01-02T00:00:00.000Z')),
          meeting_at: fc.option(fc.constant('2026-01-03T00:00:00.000Z')),
          client_at: fc.option(fc.constant('2026-01-04T00:00:00.000Z')),
        }),
        secret('first'),
        secret('last'),
        secret('need'),
        secret('note'),
        secret('event'),
        fc.oneof(
          fc.constant<string | null>(null),
          fc
            .array(
              fc.oneof(
                filler,
                anyField.map((f) => `{{${f}}}`),
              ),
              { maxLength: 25 },
            )
            .map((parts) => parts.join(' ')),
        ),
        fc.constantFrom('none', 'all', 'first name', 'need'),
        (template, disclosure, times, first, last, need, note, eventNote, edited, typeSecrets) => {
          const referredName = `${first} ${last}`;
          // Someone may also type the protected values straight into an edited letter.
          const typed = {
            none: '',
            all: ` ${referredName} ${need} ${note}`,
            'first name': ` Thanks for sending ${first}!`,
            need: ` About the ${need.toLowerCase()}.`,
          }[typeSecrets];
          const body = (edited ?? template.body) + typed;
          const { values, protectedValues } = referrerLetterValues(
            { referrer: rita, referredName, referredNotes: note },
            { ...times, need },
            [eventNote],
            disclosure,
            'formal',
          );
          const prepared: PreparedLetter = {
            template,
            subjectText: template.subject,
            bodyText: template.body,
            to: {
              contactId: 'c',
              name: 'Rita Referrer',
              email: null,
              emailConsent: false,
              address: rita,
            },
            practice: {} as PreparedLetter['practice'],
            disclosure,
            values: { 'practice.name': 'Good Practice', 'sender.name': 'Pat', ...values },
            protectedValues,
            typedCheck: {
              referredName,
              referrerName: 'Rita Referrer',
              need,
              practiceWords: 'Good Practice',
            },
            subjectType: 'referral',
            subjectId: 'r',
          };
          const used = mergeFieldsIn(body);
          const unknown = used.filter((f) => !(template.fields as readonly string[]).includes(f));
          const blocked = used.filter(
            (f) =>
              !unknown.includes(f) && !isFieldAllowed(f as (typeof fieldNames)[number], disclosure),
          );
          const nameAllowed = isFieldAllowed('referred.name', disclosure);
          const causeAllowed = maySendForCause(template.cause, disclosure);
          const typedWords = wordsOf(body);
          let out: { subject: string; body: string };
          try {
            out = renderLetter(prepared, { body });
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            const e = error as AppError;
            const named = e.errors[0]?.field;
            if (named === 'templateKey') {
              // The timing channel: a conversion thank-you or an update says, by being sent,
              // where the person stands. Checked last, after the text's own refusals.
              expect(causeAllowed).toBe(false);
              expect(e.status).toBe(422);
            } else if (unknown.length > 0 && e.code === 'validation') {
              expect(named).toBe('body');
            } else if (e.errors[0] && blocked.includes(named ?? '')) {
              expect(e.code).toBe('unprocessable');
              expect(e.status).toBe(422);
            } else {
              // Refused for protected text typed in.
              expect(e.code).toBe('unprocessable');
              expect([
                'referred.name',
                'referral.need',
                'referred.notes',
                'referral.notes',
                'subject',
                'body',
              ]).toContain(named);
              // Typed text is named with what was found in it.
              if (named === 'body') expect(e.errors[0]?.message).toMatch(/"[^"]+"/);
            }
            return;
          }
          expect(causeAllowed).toBe(true);
          expect(unknown).toEqual([]);
          expect(blocked).toEqual([]);
          const text = `${out.subject}\n${out.body}`;
          if (!nameAllowed) {
            expect(text).not.toContain(first);
            expect(text).not.toContain(last);
          }
          if (!isFieldAllowed('referral.milestone', disclosure)) {
            expect(typedWords).not.toContain('hired');
            expect(text).not.toContain('became a client');
            if (!isFieldAllowed('referral.seen', disclosure))
              for (const w of ['seen', 'booked']) expect(typedWords).not.toContain(w);
          }
          expect(text).not.toContain(need);
          expect(text).not.toContain(note);
          expect(text).not.toContain(eventNote);
          if (!isFieldAllowed('referral.milestone', disclosure))
            for (const phrase of milestonePhrases) expect(text).not.toContain(phrase);
          if (!isFieldAllowed('referral.seen', disclosure))
            for (const phrase of seenPhrases) expect(text).not.toContain(phrase);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('outbox rules', () => {
  it('backs off 1 min, 5 min, 30 min, 2 h, 12 h, then gives up', () => {
    const t0 = new Date('2026-01-01T00:00:00.000Z');
    expect(backoffMinutes).toEqual([1, 5, 30, 120, 720]);
    expect(nextAttemptAfter(1, t0)?.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(nextAttemptAfter(5, t0)?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(nextAttemptAfter(6, t0)).toBeNull();
  });
  it('opt-out tokens: signed, valid 30 days later and more, refused when tampered with or too old', () => {
    const issuedAt = '2026-01-01T00:00:00.000Z';
    const token = signOptOutToken('s'.repeat(32), { practiceId: 'p', contactId: 'c', issuedAt });
    const later = (days: number) => new Date(Date.parse(issuedAt) + days * dayMs);
    expect(verifyOptOutToken('s'.repeat(32), token, later(30))).toEqual({
      ok: true,
      claim: { practiceId: 'p', contactId: 'c', issuedAt },
    });
    expect(verifyOptOutToken('t'.repeat(32), token, later(1)).ok).toBe(false);
    expect(verifyOptOutToken('s'.repeat(32), `${token}x`, later(1)).ok).toBe(false);
    expect(verifyOptOutToken('s'.repeat(32), token, later(400))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
  it('seals the SMTP password with AES-256-GCM; another secret cannot open it', () => {
    const sealed = encryptSecret('a'.repeat(32), 'smtp', 'hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(decryptSecret('a'.repeat(32), 'smtp', sealed)).toBe('hunter2');
    expect(decryptSecret('b'.repeat(32), 'smtp', sealed)).toBeNull();
    // A tampered box: its last two characters changed (never to what they were).
    const tail = sealed.slice(-2) === 'AA' ? 'BB' : 'AA';
    expect(decryptSecret('a'.repeat(32), 'smtp', `${sealed.slice(0, -2)}${tail}`)).toBeNull();
  });
});
