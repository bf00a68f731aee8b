import type { MergeFieldConsent } from '../api/types';

export type BlockedFieldsNotice = { title: string; text: string };

/**
 * Why a draft left merge fields out, in words that are true for each field (§3.2): a field that
 * needs consent is left out because the referred person did not consent; a treating-provider
 * field is left out whatever the consent, because only a treating provider under the health
 * profile may be told it. Never says "did not consent" about a field consent would not unlock.
 * `consentOf` gives each field's consent (from the template's mergeFields); null when unknown.
 * `isConsentGiven`: the user has just ticked that the person gave permission (saved with the
 * letter), so the draft's "no consent" is out of date and is not repeated.
 */
export function blockedFieldsNotice(
  blocked: readonly string[],
  consentOf: (field: string) => MergeFieldConsent | null,
  isConsentGiven = false,
): BlockedFieldsNotice | null {
  if (blocked.length === 0) return null;
  const needConsent = blocked.filter((f) => consentOf(f) === 'with_consent');
  const treatingOnly = blocked.filter((f) => consentOf(f) === 'treating_provider');
  const other = blocked.filter((f) => !needConsent.includes(f) && !treatingOnly.includes(f));
  const parts: string[] = [];
  if (needConsent.length > 0)
    parts.push(
      isConsentGiven
        ? `Their consent is recorded when you save; this draft was written before it, without ${list(needConsent)}.`
        : `The referred person has not consented to updates, so ${list(needConsent)} cannot be used.`,
    );
  if (treatingOnly.length > 0)
    parts.push(
      `${capital(list(treatingOnly))} may only be told to the person’s treating provider under the health (HIPAA) profile, so ${treatingOnly.length === 1 ? 'it is' : 'they are'} left out.`,
    );
  if (other.length > 0) parts.push(`Left out: ${list(other)}.`);
  return { title: 'Left out for confidentiality', text: parts.join(' ') };
}

const list = (fields: readonly string[]) => fields.map((f) => `{{${f}}}`).join(', ');
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
