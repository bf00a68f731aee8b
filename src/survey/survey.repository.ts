import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { SurveyRecipientTable, SurveyTable } from './survey.tables.ts';

export type SurveyRow = Selectable<SurveyTable>;
export type RecipientRow = Selectable<SurveyRecipientTable>;
export type RecipientWithName = RecipientRow & { contact_name: string };

export async function insertSurveyRow(db: Queryable, row: SurveyRow): Promise<void> {
  await db.insertInto('survey').values(row).execute();
}

export async function insertRecipientRows(db: Queryable, rows: RecipientRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('survey_recipient').values(rows).execute();
}

export async function findContactNames(db: Queryable, practiceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contact')
    .select(['id', 'name'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', ids)
    .execute();
}

export async function listSurveyRows(db: Queryable, practiceId: string): Promise<SurveyRow[]> {
  return db
    .selectFrom('survey')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Recipients of the given surveys (or of one recipient), with their contact's name. */
export async function listRecipientRows(
  db: Queryable,
  practiceId: string,
  filter: { surveyIds?: string[]; recipientId?: string },
): Promise<RecipientWithName[]> {
  let q = db
    .selectFrom('survey_recipient as r')
    .innerJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'r.practice_id').onRef('c.id', '=', 'r.contact_id'),
    )
    .selectAll('r')
    .select('c.name as contact_name')
    .where('r.practice_id', '=', practiceId);
  if (filter.surveyIds) {
    if (filter.surveyIds.length === 0) return [];
    q = q.where('r.survey_id', 'in', filter.surveyIds);
  }
  if (filter.recipientId) q = q.where('r.id', '=', filter.recipientId);
  return q.orderBy('c.name_key').orderBy('r.id').execute();
}

export async function findRecipientInSurvey(
  db: Queryable,
  practiceId: string,
  surveyId: string,
  recipientId: string,
) {
  return db
    .selectFrom('survey_recipient')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('survey_id', '=', surveyId)
    .where('id', '=', recipientId)
    .executeTakeFirst();
}

/** The recipient a public link belongs to, with its practice (the token's hash is unique). */
export async function findRecipientByTokenHash(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('survey_recipient as r')
    .innerJoin('practice as p', 'p.id', 'r.practice_id')
    .select([
      'r.practice_id',
      'r.id',
      'r.answered_at',
      'p.name as practice_name',
      'p.key_phrases',
      'p.settings',
    ])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function saveAnswer(
  db: Queryable,
  practiceId: string,
  recipientId: string,
  changes: Pick<
    RecipientRow,
    'answer' | 'answered_at' | 'score_percent' | 'matched_phrases' | 'missed_phrases' | 'entered_by'
  >,
): Promise<void> {
  await db
    .updateTable('survey_recipient')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', recipientId)
    .execute();
}

/** This person's survey invitations and answers: erasure removes them (cascade) and their marks. */
export async function listRecipientIdsOf(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_recipient')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .execute();
  return rows.map((r) => r.id);
}
