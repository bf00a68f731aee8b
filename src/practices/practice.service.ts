import { findUserById } from '../accounts/account.repository.ts';
import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { type Actor, validationError } from '../platform/http.ts';
import type { VcardVersion } from '../platform/vcard.ts';
import { findPractice, type PracticeRow, updatePracticeRow } from './practice.repository.ts';
import { missingForSetUp } from './practice.rules.ts';
import type { Practice, UpdatePractice } from './practice.schemas.ts';
import { practiceVcard, practiceVcardName } from './practice-vcard.ts';
import { readSettings, type Settings, type SettingsPatch } from './settings.rules.ts';

export function toPractice(row: PracticeRow): Practice {
  return {
    id: row.id,
    name: row.name,
    profession: row.profession,
    valueProposition: row.value_proposition,
    keyPhrases: JSON.parse(row.key_phrases) as string[],
    idealClient: row.ideal_client,
    timeZone: row.time_zone,
    postalAddress: row.postal_address,
    bookingUrl: row.booking_url,
    isSetUp: row.set_up_at !== null,
    isDemo: row.demo_of_user_id !== null,
    settings: readSettings(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The practice's row, or 404: a signed-in caller's practice may have been deleted meanwhile. */
export async function requirePracticeRow(db: Queryable, practiceId: string): Promise<PracticeRow> {
  const row = await findPractice(db, practiceId);
  if (!row) throw notFound('The practice');
  return row;
}

/**
 * Refuses what only works in the user's own practice (API tokens, calendar feeds): in the demo
 * the user is a guest, not a member, so such a credential could never sign anything in.
 */
export async function refuseInDemo(db: Queryable, practiceId: string, what: string) {
  const row = await requirePracticeRow(db, practiceId);
  if (row.demo_of_user_id !== null)
    throw new AppError(
      'forbidden',
      `${what} belong to your own practice, not the demo: go back to your practice first.`,
    );
}

export async function getPractice(deps: Deps, practiceId: string): Promise<Practice> {
  return toPractice(await requirePracticeRow(deps.db, practiceId));
}

/**
 * The signed-in practitioner's vCard: their name and email at the practice, with its postal
 * address and value proposition (GET /practice/vcard).
 */
export async function getPracticeVcard(
  deps: Deps,
  actor: Pick<Actor, 'practiceId' | 'userId'>,
  version: VcardVersion,
): Promise<{ fileName: string; vcard: string }> {
  const [row, user] = await Promise.all([
    requirePracticeRow(deps.db, actor.practiceId),
    findUserById(deps.db, actor.userId),
  ]);
  const practice = toPractice(row);
  const person = user ? { name: user.name, email: user.email } : null;
  return {
    fileName: practiceVcardName(practice, person),
    vcard: practiceVcard(practice, person, { version }),
  };
}

/** Edits the practice profile; `markSetUp` completes the first-run setup once all is there. */
export async function updatePractice(
  deps: Deps,
  actor: Pick<Actor, 'practiceId' | 'userId' | 'role'>,
  input: UpdatePractice,
): Promise<Practice> {
  requireOwner(actor, 'change the practice and its settings');
  const { practiceId } = actor;
  return inTransaction(deps.db, async (trx) => {
    const row = await requirePracticeRow(trx, practiceId);
    const next = { ...toPractice(row), ...stripUndefined(input) };
    if (input.markSetUp) {
      const missing = missingForSetUp(next);
      if (missing.length > 0) throw validationError(missing);
    }
    const now = toTimestamp(deps.clock.now());
    await updatePracticeRow(trx, practiceId, {
      name: next.name,
      profession: next.profession,
      value_proposition: next.valueProposition,
      key_phrases: JSON.stringify(next.keyPhrases),
      ideal_client: next.idealClient,
      time_zone: next.timeZone,
      postal_address: next.postalAddress,
      booking_url: next.bookingUrl,
      set_up_at: row.set_up_at ?? (input.markSetUp ? now : null),
      updated_at: now,
    });
    // The profession picks the ethics profile that rules on incentives (§7), so it is audited.
    if (next.profession !== row.profession)
      await recordAudit(trx, deps.clock, {
        practiceId,
        userId: actor.userId,
        action: 'practice.profession_changed',
        subjectType: 'practice',
        subjectId: practiceId,
        detail: { from: row.profession, to: next.profession },
      });
    const updated = await findPractice(trx, practiceId);
    if (!updated) throw new AppError('internal', 'The practice vanished while being saved.');
    return toPractice(updated);
  });
}

export async function updateSettings(
  deps: Deps,
  actor: Pick<Actor, 'practiceId' | 'userId' | 'role'>,
  patch: SettingsPatch,
): Promise<Settings> {
  requireOwner(actor, 'change the practice and its settings');
  const { practiceId, userId } = actor;
  return inTransaction(deps.db, async (trx) => {
    const row = await requirePracticeRow(trx, practiceId);
    const settings = { ...readSettings(row.settings), ...stripUndefined(patch) };
    const now = toTimestamp(deps.clock.now());
    await updatePracticeRow(trx, practiceId, {
      settings: JSON.stringify(settings),
      updated_at: now,
    });
    await recordAudit(trx, deps.clock, {
      practiceId,
      userId,
      action: 'settings.updated',
      subjectType: 'practice',
      subjectId: practiceId,
      detail: patch,
    });
    return settings;
  });
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/**
 * The practice as other features need it: its program settings, time zone and profession, and
 * the row for the few that read more (profile text for asks, ethics overrides, goal letters).
 */
export type PracticeContext = {
  row: PracticeRow;
  settings: Settings;
  timeZone: string;
  profession: string;
};

/** The one way a feature loads "the practice and its settings". */
export async function loadPracticeContext(
  db: Queryable,
  practiceId: string,
): Promise<PracticeContext> {
  const row = await requirePracticeRow(db, practiceId);
  return {
    row,
    settings: readSettings(row.settings),
    timeZone: row.time_zone,
    profession: row.profession,
  };
}
