import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { inTransaction, writeBestEffort } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, busyRetryAfterSeconds, fieldError, notFound } from '../platform/errors.ts';
import { type Actor, fieldErrorsOf, validationError } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { insertPractice } from '../practices/practice.repository.ts';
import type { Practice } from '../practices/practice.schemas.ts';
import { getPractice } from '../practices/practice.service.ts';
import { defaultSettings } from '../practices/settings.rules.ts';
import {
  deleteUser,
  findApiToken,
  findApiTokenByHash,
  findMembership,
  findUserById,
  findUserIdByEmail,
  insertApiToken,
  insertMember,
  listApiTokens,
  listMemberRows,
  markApiTokenUsed,
  revokeApiTokenRow,
} from './account.repository.ts';
import { type ApiToken, type SignIn, type SignUp, type User, ZSignUp } from './account.schemas.ts';

const ZNewUser = ZSignUp.omit({ practiceName: true });

export type SessionResult = { user: User; practice: Practice; role: 'owner' | 'member' };
/** A result plus the Set-Cookie headers better-auth produced. */
export type WithCookies<T> = { result: T; setCookies: string[] };

/** Calls better-auth through its HTTP handler, so that its rate limits apply to our routes too. */
async function callAuth(
  deps: Deps,
  path: string,
  init: { body?: unknown; cookie?: string; clientIp: string },
): Promise<Response> {
  const headers = new Headers({
    'content-type': 'application/json',
    origin: new URL(deps.config.baseUrl).origin,
    'x-vouch-client-ip': init.clientIp,
  });
  if (init.cookie) headers.set('cookie', init.cookie);
  return deps.auth.handler(
    new Request(new URL(`/api/auth${path}`, deps.config.baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(init.body ?? {}),
    }),
  );
}

async function authFailure(res: Response): Promise<AppError> {
  if (res.status === 429)
    return new AppError('rate_limited', 'Too many attempts. Wait a minute, then try again.');
  // better-auth answers 500 when its database write failed (held by a backup, say; it logs why).
  if (res.status >= 500)
    return new AppError(
      'unavailable',
      'Signing in is not possible for a moment; nothing was changed. Try again shortly.',
      [],
      { retryAfterSeconds: busyRetryAfterSeconds },
    );
  let code = '';
  try {
    code = String(((await res.json()) as { code?: unknown }).code ?? '');
  } catch {
    code = '';
  }
  if (code.includes('ALREADY_EXISTS'))
    return fieldError(
      'email',
      'An account with this email already exists. Sign in instead.',
      'conflict',
    );
  if (res.status === 401 || code.includes('INVALID'))
    return new AppError(
      'unauthenticated',
      'The email or password is wrong. Check both and try again.',
    );
  return new AppError(
    'unprocessable',
    'The account could not be created. Check the fields and try again.',
  );
}

/** Creates the practice and its owner in one step; the owner is signed in. */
export async function signUp(
  deps: Deps,
  input: SignUp,
  clientIp: string,
): Promise<WithCookies<SessionResult>> {
  if (await findUserIdByEmail(deps.db, input.email))
    throw fieldError(
      'email',
      'An account with this email already exists. Sign in instead.',
      'conflict',
    );
  const res = await callAuth(deps, '/sign-up/email', {
    body: { name: input.name, email: input.email, password: input.password },
    clientIp,
  });
  if (!res.ok) throw await authFailure(res);
  const { user } = (await res.json()) as { user: { id: string } };
  const practiceId = newId();
  try {
    await createPracticeForOwner(deps, practiceId, input.practiceName, user.id);
  } catch (error) {
    // better-auth wrote the user in its own transaction: undo it so nothing is half-written.
    await deleteUser(deps.db, user.id);
    throw error;
  }
  return { result: await describeSession(deps, user.id), setCookies: res.headers.getSetCookie() };
}

async function createPracticeForOwner(
  deps: Deps,
  practiceId: string,
  practiceName: string,
  userId: string,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await insertPractice(trx, {
      id: practiceId,
      name: practiceName,
      profession: 'other',
      value_proposition: '',
      key_phrases: '[]',
      ideal_client: '',
      time_zone: 'UTC',
      postal_address: '',
      settings: JSON.stringify(defaultSettings),
      ethics_overrides: '{}',
      set_up_at: null,
      created_at: now,
      updated_at: now,
    });
    await insertMember(trx, {
      practice_id: practiceId,
      user_id: userId,
      role: 'owner',
      created_at: now,
    });
    await recordAudit(trx, deps.clock, {
      practiceId,
      userId,
      action: 'practice.created',
      subjectType: 'practice',
      subjectId: practiceId,
    });
  });
}

export async function signIn(
  deps: Deps,
  input: SignIn,
  clientIp: string,
): Promise<WithCookies<SessionResult>> {
  const res = await callAuth(deps, '/sign-in/email', { body: input, clientIp });
  if (!res.ok) throw await authFailure(res);
  const { user } = (await res.json()) as { user: { id: string } };
  const session = await describeSession(deps, user.id);
  await recordAudit(deps.db, deps.clock, {
    practiceId: session.practice.id,
    userId: user.id,
    action: 'account.signed_in',
    detail: { ip: clientIp },
  });
  return { result: session, setCookies: res.headers.getSetCookie() };
}

export async function signOut(deps: Deps, cookie: string, clientIp: string): Promise<string[]> {
  const res = await callAuth(deps, '/sign-out', { cookie, clientIp });
  return res.headers.getSetCookie();
}

export async function describeSession(deps: Deps, userId: string): Promise<SessionResult> {
  const [user, membership] = await Promise.all([
    findUserById(deps.db, userId),
    findMembership(deps.db, userId),
  ]);
  if (!user || !membership)
    throw new AppError('forbidden', 'This account does not belong to a practice.');
  return {
    user: { id: user.id, name: user.name, email: user.email },
    practice: await getPractice(deps, membership.practice_id),
    role: membership.role,
  };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Who is calling, from `Authorization: Bearer` or the session cookie; null when nobody. */
export async function resolveActor(deps: Deps, headers: Headers): Promise<Actor | null> {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1])
      throw new AppError(
        'unauthenticated',
        'Use the header Authorization: Bearer <your API token>.',
      );
    const row = await findApiTokenByHash(deps.db, hashToken(match[1]));
    if (!row || row.revoked_at)
      throw new AppError(
        'unauthenticated',
        'This API token is unknown or revoked. Create a new one in Settings.',
      );
    // Recorded at most once a minute, so that reads through a token do not each cost a write;
    // best effort: a database held by a backup must not fail or stall a read (skipped, retried later).
    const now = deps.clock.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000)
      await writeBestEffort(deps.db, deps.dialect, (db) =>
        markApiTokenUsed(db, row.practice_id, row.id, now.toISOString()),
      );
    return { userId: row.user_id, practiceId: row.practice_id, role: row.role, via: 'token' };
  }
  if (!headers.get('cookie')) return null;
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return null;
  const membership = await findMembership(deps.db, session.user.id);
  if (!membership) return null;
  return {
    userId: session.user.id,
    practiceId: membership.practice_id,
    role: membership.role,
    via: 'session',
  };
}

function toApiToken(row: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Owners see every token of the practice; members their own. */
export async function listTokens(deps: Deps, actor: Actor): Promise<ApiToken[]> {
  const rows = await listApiTokens(
    deps.db,
    actor.practiceId,
    actor.role === 'owner' ? null : actor.userId,
  );
  return rows.map(toApiToken);
}

export async function createToken(
  deps: Deps,
  actor: Actor,
  name: string,
): Promise<ApiToken & { token: string }> {
  const token = `vch_${randomBytes(32).toString('base64url')}`;
  const row = {
    practice_id: actor.practiceId,
    id: newId(),
    user_id: actor.userId,
    name,
    prefix: token.slice(0, 12),
    token_hash: hashToken(token),
    created_at: deps.clock.now().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await inTransaction(deps.db, async (trx) => {
    await insertApiToken(trx, row);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
    });
  });
  return { ...toApiToken(row), token };
}

export async function revokeToken(deps: Deps, actor: Actor, tokenId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await findApiToken(trx, actor.practiceId, tokenId);
    if (!row || (actor.role !== 'owner' && row.user_id !== actor.userId))
      throw notFound('The API token');
    await revokeApiTokenRow(trx, actor.practiceId, tokenId, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: tokenId,
    });
  });
}

/**
 * Creates a user from the command line: the owner of a new practice, or a member of an
 * existing one.
 */
export async function createUser(
  deps: Deps,
  input: { name: string; email: string; password: string } & (
    | { practiceName: string }
    | { practiceId: string; role: 'owner' | 'member' }
  ),
): Promise<{ userId: string; practiceId: string }> {
  const checked = ZNewUser.safeParse({
    name: input.name,
    email: input.email,
    password: input.password,
  });
  if (!checked.success) throw validationError(fieldErrorsOf(checked.error));
  if (await findUserIdByEmail(deps.db, input.email))
    throw fieldError('email', 'An account with this email already exists.', 'conflict');
  if ('practiceId' in input) {
    await getPractice(deps, input.practiceId);
  }
  const { user } = await deps.auth.api.signUpEmail({
    body: { name: input.name, email: input.email, password: input.password },
  });
  try {
    if ('practiceName' in input) {
      const practiceId = newId();
      await createPracticeForOwner(deps, practiceId, input.practiceName, user.id);
      return { userId: user.id, practiceId };
    }
    const now = deps.clock.now().toISOString();
    await insertMember(deps.db, {
      practice_id: input.practiceId,
      user_id: user.id,
      role: input.role,
      created_at: now,
    });
    return { userId: user.id, practiceId: input.practiceId };
  } catch (error) {
    await deleteUser(deps.db, user.id);
    throw error;
  }
}

/** The team: every user of the practice with their role (owners of referrals are picked from it). */
export async function listMembers(deps: Deps, actor: Actor) {
  return listMemberRows(deps.db, actor.practiceId);
}
