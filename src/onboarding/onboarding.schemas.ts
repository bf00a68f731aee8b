import { z } from '@hono/zod-openapi';
import { onboardingKeys } from './onboarding.rules.ts';

export const ZOnboardingItem = z
  .object({
    key: z.enum(onboardingKeys),
    label: z.string(),
    done: z.boolean(),
    href: z.string().openapi({ description: 'The web page where the item is done.' }),
  })
  .openapi('OnboardingItem');

export const ZOnboarding = z
  .object({
    items: z.array(ZOnboardingItem),
    complete: z.boolean().openapi({ description: 'Every item is done.' }),
  })
  .openapi('Onboarding');
export type Onboarding = z.infer<typeof ZOnboarding>;
