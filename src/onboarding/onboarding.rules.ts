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
  /** Email is set up: a test went through the saved SMTP settings. */
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

/** The Settings pages each item is done on. */
const practicePage = '/settings/practice';
const emailPage = '/settings/email';

/** The items in the order a new practitioner is best served doing them. */
export function onboardingItems(f: OnboardingFacts): OnboardingItem[] {
  const items: Record<OnboardingKey, Omit<OnboardingItem, 'key'>> = {
    value_proposition: {
      label: 'Write your value proposition: the one sentence referrers should say about you',
      done: f.valueProposition.trim() !== '',
      href: practicePage,
    },
    key_phrases: {
      label: 'Add the 3 to 8 key phrases a good description of your work contains',
      done: f.keyPhrases.length > 0,
      href: practicePage,
    },
    ideal_client: {
      label: 'Describe your ideal client, so referrers recognise them',
      done: f.idealClient.trim() !== '',
      href: practicePage,
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
      href: emailPage,
    },
    postal_address: {
      label: 'Add your postal address: every email to a contact carries it',
      done: f.postalAddress.trim() !== '',
      href: practicePage,
    },
  };
  return onboardingKeys.map((key) => ({ key, ...items[key] }));
}

export function isOnboardingComplete(items: readonly OnboardingItem[]): boolean {
  return items.every((i) => i.done);
}
