import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../platform/http.ts';
import { getPractice } from '../practices/practice.service.ts';
import { onboardingRowFacts } from './onboarding.repository.ts';
import { isOnboardingComplete, onboardingItems } from './onboarding.rules.ts';
import type { Onboarding } from './onboarding.schemas.ts';

/** The checklist of what the practice still has to do, computed from its data now. */
export async function getOnboarding(
  deps: Deps,
  actor: Pick<Actor, 'practiceId'>,
): Promise<Onboarding> {
  const [practice, rows] = await Promise.all([
    getPractice(deps, actor.practiceId),
    onboardingRowFacts(deps.db, actor.practiceId),
  ]);
  const items = onboardingItems({
    valueProposition: practice.valueProposition,
    keyPhrases: practice.keyPhrases,
    idealClient: practice.idealClient,
    postalAddress: practice.postalAddress,
    hasContact: rows.hasContact,
    hasReferral: rows.hasReferral,
    hasGoal: rows.hasGoal,
    emailReady: rows.hasSmtp,
  });
  return { items, complete: isOnboardingComplete(items) };
}
