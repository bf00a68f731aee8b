/**
 * The onboarding checklist on Today (issue 11): what a new practice still has to do after the
 * three-field setup. Every item is computed from the data, never ticked by hand.
 */

/** What the checklist is computed from: the practice's profile and whether rows exist. */
export type OnboardingFacts = {
  valueProposition: string;
  keyPhrases: readonly string[];
  idealClient: string;
  postalAddress: string;
  hasContact: boolean;
  hasReferral: boolean;
  hasGoal: boolean;
  /** Email is set up: SMTP settings saved (and, once recorded, a test that succeeded). */
  emailReady: boolean;
};

export const onboardingKeys = [
  'value_proposition',
  'key_phrases',
  'ideal_client',
  'contacts',
  'referral',
  'goal',
  'email',
  'postal_address',
] as const;
export type OnboardingKey = (typeof onboardingKeys)[number];

export type OnboardingItem = { key: OnboardingKey; label: string; done: boolean; href: string };

const settings = '/settings';

/** The items in the order a new practitioner is best served doing them. */
export function onboardingItems(f: OnboardingFacts): OnboardingItem[] {
  const items: Record<OnboardingKey, Omit<OnboardingItem, 'key'>> = {
    value_proposition: {
      label: 'Write your value proposition: the one sentence referrers should say about you',
      done: f.valueProposition.trim() !== '',
      href: settings,
    },
    key_phrases: {
      label: 'Add the 3 to 8 key phrases a good description of your work contains',
      done: f.keyPhrases.length > 0,
      href: settings,
    },
    ideal_client: {
      label: 'Describe your ideal client, so referrers recognise them',
      done: f.idealClient.trim() !== '',
      href: settings,
    },
    contacts: {
      label: 'Add or import your first contacts',
      done: f.hasContact,
      href: '/contacts',
    },
    referral: {
      label: 'Record a referral you received',
      done: f.hasReferral,
      href: '/referrals',
    },
    goal: { label: 'Set a goal for the year', done: f.hasGoal, href: '/goals' },
    email: {
      label: 'Set up email and send a test, so thank-you notes can go out',
      done: f.emailReady,
      href: settings,
    },
    postal_address: {
      label: 'Add your postal address: every email to a contact carries it',
      done: f.postalAddress.trim() !== '',
      href: settings,
    },
  };
  return onboardingKeys.map((key) => ({ key, ...items[key] }));
}

export function isOnboardingComplete(items: readonly OnboardingItem[]): boolean {
  return items.every((i) => i.done);
}
