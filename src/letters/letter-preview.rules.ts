import {
  addressableFromName,
  addressNameOf,
  type SalutationStyle,
  salutationOf,
} from '../contacts/contact-name.rules.ts';
import { formatDay } from './letter.rules.ts';
import { type FieldName, fieldDefs } from './letter.templates.ts';

/**
 * Sample data for the template editor's live preview (issue 11): the practice's own details
 * where it has them, invented people and numbers for the rest, so that the preview is the real
 * renderer's output on a plausible letter. Every merge field has a sample (a test checks it).
 */
export type PreviewPractice = {
  name: string;
  valueProposition: string;
  idealClient: string;
  postalAddress: string;
  timeZone: string;
  /** Formal ("Dear Dr. Reyes,") or informal ("Dear Alan,"): the sample greets as letters will. */
  salutationStyle: SalutationStyle;
};

const sampleReferrer = addressableFromName('Dr. Alan Reyes');
const samplePartner = addressableFromName('Maya Okafor');

const sampleDay = '2026-03-12T10:00:00.000Z';

export function sampleValues(
  practice: PreviewPractice,
  senderName: string,
): Partial<Record<FieldName, string>> {
  const day = formatDay(sampleDay, practice.timeZone);
  const style = practice.salutationStyle;
  const samples: Record<FieldName, string> = {
    'practice.name': practice.name,
    'practice.valueProposition':
      practice.valueProposition || 'I help families settle estates without a fight.',
    'practice.idealClient': practice.idealClient || 'Families with a will to settle',
    'practice.postalAddress': practice.postalAddress || '4 Lake Road, Keswick CA12 5DJ',
    'sender.name': senderName,
    'recipient.name': sampleReferrer.name,
    'recipient.firstName': addressNameOf(sampleReferrer, style),
    'recipient.salutation': salutationOf(sampleReferrer, style),
    'referrer.name': sampleReferrer.name,
    'referrer.firstName': addressNameOf(sampleReferrer, style),
    'referrer.salutation': salutationOf(sampleReferrer, style),
    'referred.name': 'Jordan Lee',
    'referral.milestone': 'we have met',
    'referral.seen': 'has been seen',
    'commitment.promisedCount': '3',
    'commitment.madeOn': day,
    'commitment.credited': '1',
    'commitment.remaining': '2',
    'commitment.incentiveForReferrer': 'a dinner for two',
    'commitment.incentiveForReferred': 'a free first consultation',
    'person.name': 'Jordan Lee',
    'partner.name': 'Maya Okafor',
    'partner.firstName': addressNameOf(samplePartner, style),
    'partner.salutation': salutationOf(samplePartner, style),
    'given.reason': 'They need a tax adviser for a small business.',
    'given.givenOn': day,
    'digest.referralsThisWeek': '4',
    'digest.newClientsThisWeek': '1',
    'digest.awaitingFirstContact': '2',
    'digest.thanksOwed': '3',
    'digest.openCommitments': '2',
  };
  return samples;
}

/** The fields used in a text that a real letter fills only with consent (or under HIPAA). */
export function consentFieldsIn(fields: readonly string[]): FieldName[] {
  return fields.filter(
    (f): f is FieldName =>
      Object.hasOwn(fieldDefs, f) && fieldDefs[f as FieldName].consent !== 'always',
  );
}
