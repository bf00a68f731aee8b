import { createHash, randomBytes } from 'node:crypto';
import { toTimestamp } from '../platform/clock.ts';
import { urlAt } from '../platform/config.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import { isBelowAlignment, scoreAlignment } from './alignment.rules.ts';
import {
  findContactNames,
  findRecipientByTokenHash,
  findRecipientInSurvey,
  insertRecipientRows,
  insertSurveyRow,
  listRecipientRows,
  listSurveyRows,
  type RecipientRow,
  type RecipientWithName,
  saveAnswer,
} from './survey.repository.ts';
import type {
  Answer,
  CreateSurvey,
  PublicSurvey,
  Survey,
  SurveyRecipient,
} from './survey.schemas.ts';

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A link token: 256 random bits, URL-safe. Only its SHA-256 is stored. */
const newToken = (): string => randomBytes(32).toString('base64url');
const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

/** The public page of a recipient's link (served by the web app; the API is /public/survey). */
export const surveyLinkOf = (baseUrl: string, token: string): string =>
  urlAt(baseUrl, `/survey/${token}`);

export const surveyQuestion = (practiceName: string): string =>
  `How would you describe what ${practiceName} does, to someone who might need it?`;

const parseList = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

function toRecipient(row: RecipientWithName, threshold: number, link?: string): SurveyRecipient {
  const score = row.score_percent === null ? null : Number(row.score_percent);
  return {
    id: row.id,
    contact: { id: row.contact_id, name: row.contact_name },
    invitedAt: row.invited_at,
    answeredAt: row.answered_at,
    answer: row.answer,
    scorePercent: score,
    matched: parseList(row.matched_phrases),
    missed: parseList(row.missed_phrases),
    isBelowThreshold: score !== null && isBelowAlignment(score, threshold),
    ...(link ? { link } : {}),
  };
}

async function practiceContext(deps: Deps, practiceId: string) {
  const { row: practice, settings } = await loadPracticeContext(deps.db, practiceId);
  return { practice, settings, keyPhrases: JSON.parse(practice.key_phrases) as string[] };
}

/**
 * Starts a survey (§3.7): one recipient per contact, each with its own link token. The links
 * are in this answer only; the invitation itself is the `survey_invitation` letter.
 */
export async function createSurvey(deps: Deps, actor: Actor, input: CreateSurvey): Promise<Survey> {
  const { settings } = await practiceContext(deps, actor.practiceId);
  if (input.contactIds.length > settings.surveyMaxPeople)
    throw fieldError(
      'contactIds',
      `allows at most ${settings.surveyMaxPeople} people (the survey size setting).`,
    );
  const now = toTimestamp(deps.clock.now());
  const surveyId = newId();
  const tokens = new Map<string, string>();
  const created = await inTransaction(deps.db, async (trx) => {
    const found = await findContactNames(trx, actor.practiceId, input.contactIds);
    const known = new Set(found.map((c) => c.id));
    const missingAt = input.contactIds.findIndex((id) => !known.has(id));
    if (missingAt >= 0)
      throw new AppError(
        'not_found',
        `contactIds.${missingAt}: no such contact in this practice.`,
        [{ field: `contactIds.${missingAt}`, message: 'No such contact in this practice.' }],
      );
    await insertSurveyRow(trx, {
      practice_id: actor.practiceId,
      id: surveyId,
      created_by: actor.userId,
      created_at: now,
    });
    const rows: RecipientRow[] = input.contactIds.map((contactId) => {
      const token = newToken();
      const id = newId();
      tokens.set(id, token);
      return {
        practice_id: actor.practiceId,
        id,
        survey_id: surveyId,
        contact_id: contactId,
        token_hash: hashToken(token),
        invited_at: now,
        answered_at: null,
        answer: null,
        score_percent: null,
        matched_phrases: null,
        missed_phrases: null,
        entered_by: null,
        created_at: now,
      };
    });
    await insertRecipientRows(trx, rows);
    return listRecipientRows(trx, actor.practiceId, { surveyIds: [surveyId] });
  });
  return {
    id: surveyId,
    createdAt: now,
    recipients: created.map((r) =>
      toRecipient(
        r,
        settings.alignmentThresholdPercent,
        surveyLinkOf(deps.config.baseUrl, tokens.get(r.id) ?? ''),
      ),
    ),
  };
}

export async function listSurveys(deps: Deps, actor: Actor): Promise<{ items: Survey[] }> {
  const { settings } = await practiceContext(deps, actor.practiceId);
  const surveys = await listSurveyRows(deps.db, actor.practiceId);
  const recipients = await listRecipientRows(deps.db, actor.practiceId, {
    surveyIds: surveys.map((s) => s.id),
  });
  return {
    items: surveys.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      recipients: recipients
        .filter((r) => r.survey_id === s.id)
        .map((r) => toRecipient(r, settings.alignmentThresholdPercent)),
    })),
  };
}

function scoredChanges(answer: string, keyPhrases: string[], at: string, by: string | null) {
  const alignment = scoreAlignment(answer, keyPhrases);
  return {
    answer,
    answered_at: at,
    score_percent: alignment.scorePercent,
    matched_phrases: JSON.stringify(alignment.matched),
    missed_phrases: JSON.stringify(alignment.missed),
    entered_by: by,
  };
}

/** An answer entered by hand (given in person or by phone); entering again replaces it. */
export async function enterAnswer(
  deps: Deps,
  actor: Actor,
  surveyId: string,
  recipientId: string,
  input: Answer,
): Promise<SurveyRecipient> {
  const { settings, keyPhrases } = await practiceContext(deps, actor.practiceId);
  const found = await findRecipientInSurvey(deps.db, actor.practiceId, surveyId, recipientId);
  if (!found)
    throw new AppError('not_found', 'The survey recipient was not found in this practice.');
  const now = toTimestamp(deps.clock.now());
  await saveAnswer(
    deps.db,
    actor.practiceId,
    recipientId,
    scoredChanges(input.answer, keyPhrases, now, actor.userId),
  );
  const [row] = await listRecipientRows(deps.db, actor.practiceId, { recipientId });
  if (!row) throw new AppError('not_found', 'The survey recipient was not found in this practice.');
  return toRecipient(row, settings.alignmentThresholdPercent);
}

/** One answer for every unknown, revoked or malformed link: it reveals nothing. */
const unknownLink = () =>
  new AppError('not_found', 'This survey link is not valid. Ask the sender for a new one.');

async function recipientByToken(deps: Deps, token: string) {
  if (!isWellFormedToken(token)) throw unknownLink();
  const found = await findRecipientByTokenHash(deps.db, hashToken(token));
  if (!found) throw unknownLink();
  return found;
}

/** What the public page shows: the practice's name and the question — nothing about anyone. */
export async function getPublicSurvey(deps: Deps, token: string): Promise<PublicSurvey> {
  const found = await recipientByToken(deps, token);
  return {
    practiceName: found.practice_name,
    question: surveyQuestion(found.practice_name),
    answered: found.answered_at !== null,
  };
}

/** An answer through the link; answering again replaces it. Nothing is echoed back. */
export async function answerPublicSurvey(deps: Deps, token: string, input: Answer): Promise<void> {
  const found = await recipientByToken(deps, token);
  const keyPhrases = JSON.parse(found.key_phrases) as string[];
  await saveAnswer(
    deps.db,
    found.practice_id,
    found.id,
    scoredChanges(input.answer, keyPhrases, toTimestamp(deps.clock.now()), null),
  );
}
