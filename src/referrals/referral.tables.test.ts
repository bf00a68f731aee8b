import type { Selectable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import type { ContactRow } from '../contacts/contact.repository.ts';
import type { Stage } from '../contacts/contact.rules.ts';
import type { Database } from '../platform/schema.ts';
import type { ReferralEventRow, ReferralRow } from './referral.repository.ts';
import type { Channel, ReferralStatus } from './referral.rules.ts';

// Checked by tsc (npm test): the columns keep the domain's unions, rows out of a repository
// carry booleans, so nothing past the repository needs a cast or a `=== 1`.
describe('database types', () => {
  it('type the referral and contact columns with the domain unions', () => {
    expectTypeOf<Selectable<Database['referral']>['status']>().toEqualTypeOf<ReferralStatus>();
    expectTypeOf<Selectable<Database['referral']>['channel']>().toEqualTypeOf<Channel>();
    expectTypeOf<ReferralEventRow['to_status']>().toEqualTypeOf<ReferralStatus | null>();
    expectTypeOf<Selectable<Database['contact']>['stage']>().toEqualTypeOf<Stage>();
    expectTypeOf<
      Selectable<Database['stage_change']>['from_stage']
    >().toEqualTypeOf<Stage | null>();
  });

  it('store booleans as 0/1 and hand them out of the repository as booleans', () => {
    expectTypeOf<Selectable<Database['referral']>['consent_to_update']>().toEqualTypeOf<0 | 1>();
    expectTypeOf<ReferralRow['consent_to_update']>().toEqualTypeOf<boolean>();
    expectTypeOf<ReferralRow['warm_handoff']>().toEqualTypeOf<boolean>();
    expectTypeOf<ContactRow['do_not_ask']>().toEqualTypeOf<boolean>();
  });
});
