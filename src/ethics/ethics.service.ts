import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { updatePracticeRow } from '../practices/practice.repository.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import {
  disclaimer,
  type EffectiveRuling,
  type EthicsProfile,
  effectiveRulings,
  ethicsTable,
  incentiveKinds,
  looseningKinds,
  type Overrides,
  profileOf,
  readOverrides,
  referrerToldWithoutConsent,
} from './ethics.rules.ts';
import type { Ethics, EthicsOverrides } from './ethics.schemas.ts';

export type EthicsContext = {
  profession: string;
  profile: EthicsProfile;
  overrides: Overrides;
  rulings: EffectiveRuling[];
  nominalGiftMinor: number;
  currency: string;
};

/** The practice's rulings in force, with its nominal limit: what incentives are judged by. */
export async function loadEthics(db: Queryable, practiceId: string): Promise<EthicsContext> {
  const { row, settings } = await loadPracticeContext(db, practiceId);
  const profile = profileOf(row.profession);
  const overrides = readOverrides(row.ethics_overrides);
  return {
    profession: row.profession,
    profile,
    overrides,
    rulings: effectiveRulings(profile, overrides),
    nominalGiftMinor: settings.nominalGiftMinor,
    currency: settings.currency,
  };
}

const toEthics = (e: EthicsContext): Ethics => ({
  profession: e.profession,
  profile: e.profile,
  disclaimer,
  rulings: e.rulings,
  referrerMayBeToldWithoutConsent: referrerToldWithoutConsent[e.profile],
  nominalGiftMinor: e.nominalGiftMinor,
  currency: e.currency,
});

export async function getEthics(deps: Deps, actor: Actor): Promise<Ethics> {
  return toEthics(await loadEthics(deps.db, actor.practiceId));
}

/**
 * Replaces the practice's overrides (§7: tighten, never loosen). A kind left out takes the
 * profile's ruling again; an override equal to the profile is not stored.
 */
export async function putEthicsOverrides(
  deps: Deps,
  actor: Actor,
  input: EthicsOverrides,
): Promise<Ethics> {
  requireOwner(actor, 'change the ethics policy');
  return inTransaction(deps.db, async (trx) => {
    const current = await loadEthics(trx, actor.practiceId);
    const overrides = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as Overrides;
    const loosened = looseningKinds(current.profile, overrides);
    if (loosened.length > 0)
      throw new AppError(
        'unprocessable',
        `A practice may tighten a ruling, never loosen it: ${loosened.join(', ')}.`,
        loosened.map((kind) => ({
          field: kind,
          message: `a practice may tighten a ruling, never loosen it; the profile rules it ${ethicsTable[current.profile][kind].ruling} (${ethicsTable[current.profile][kind].source}).`,
        })),
      );
    const stored: Overrides = {};
    for (const kind of incentiveKinds) {
      const next = overrides[kind];
      if (next !== undefined && next !== ethicsTable[current.profile][kind].ruling)
        stored[kind] = next;
    }
    await updatePracticeRow(trx, actor.practiceId, {
      ethics_overrides: JSON.stringify(stored),
      updated_at: toTimestamp(deps.clock.now()),
    });
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'ethics.overrides_changed',
      subjectType: 'practice',
      subjectId: actor.practiceId,
      detail: stored,
    });
    return toEthics(await loadEthics(trx, actor.practiceId));
  });
}
