import { describe, expect, it } from 'vitest';
import {
  earlyContactRow,
  earlyPracticeRow,
  useEmptyDatabase,
} from '../../test-support/empty-database.ts';
import { testTargets } from '../../test-support/testing.ts';
import { newId } from '../ids.ts';
import { migrateToLatest, migrateUpTo } from './index.ts';

/**
 * 0021 adds the booking link ('' for every practice), the message's Cc and
 * contact.email_opted_out_at: a contact whose last recorded consent change turned email off
 * (and who is still without consent) opted out then; nobody else did.
 */
describe.each(testTargets)('migration 0021-introductions on existing data (%s)', (target) => {
  const { open } = useEmptyDatabase(target);

  it('backfills opt-outs from the audit log, and no booking link', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0019-smtp-verified');
    const at = '2026-02-01T10:00:00.000Z';
    const [practiceId, otherPracticeId] = [newId(), newId()];
    for (const id of [practiceId, otherPracticeId])
      await db.insertInto('practice').values(earlyPracticeRow(id, at)).execute();
    const people = {
      withdrew: { consent: 0, changes: ['2026-02-02T10:00:00.000Z', '2026-02-03T10:00:00.000Z'] },
      neverAsked: { consent: 0, changes: [] },
      consents: { consent: 1, changes: ['2026-02-04T10:00:00.000Z'] },
      turnedOff: { consent: 0, changes: ['2026-02-05T10:00:00.000Z'] },
    } as const;
    const ids: Record<string, string> = {};
    let seq = 0;
    for (const [name, person] of Object.entries(people)) {
      const id = newId();
      ids[name] = id;
      await db
        .insertInto('contact')
        .values({ ...earlyContactRow(practiceId, id, name, at), email_consent: person.consent })
        .execute();
      for (const changedAt of person.changes) {
        seq += 1;
        await db
          .insertInto('audit_log')
          .values({
            practice_id: practiceId,
            id: newId(),
            user_id: null,
            action: 'contact.email_consent_changed',
            subject_type: 'contact',
            subject_id: id,
            detail: null,
            created_at: changedAt,
            seq,
            prev_hash: null,
            hash: `h${seq}`,
            detail_hash: null,
          })
          .execute();
      }
    }
    // Another practice's rows about the same id change nothing here.
    await db
      .insertInto('audit_log')
      .values({
        practice_id: otherPracticeId,
        id: newId(),
        user_id: null,
        action: 'contact.email_consent_changed',
        subject_type: 'contact',
        subject_id: ids.neverAsked ?? '',
        detail: null,
        created_at: at,
        seq: 1,
        prev_hash: null,
        hash: 'other',
        detail_hash: null,
      })
      .execute();

    await migrateToLatest(db, dialect);
    const rows = await db.selectFrom('contact').select(['id', 'email_opted_out_at']).execute();
    const optedOut = Object.fromEntries(rows.map((r) => [r.id, r.email_opted_out_at]));
    expect(optedOut).toEqual({
      [ids.withdrew ?? '']: '2026-02-03T10:00:00.000Z',
      [ids.neverAsked ?? '']: null,
      [ids.consents ?? '']: null,
      [ids.turnedOff ?? '']: '2026-02-05T10:00:00.000Z',
    });
    const practices = await db.selectFrom('practice').select('booking_url').execute();
    expect(practices.map((p) => p.booking_url)).toEqual(['', '']);
  });
});
