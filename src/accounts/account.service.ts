import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword, verifyPassword } from '../platform/auth.ts';
import { dayMs } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, writeBestEffort } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, busyRetryAfterSeconds, fieldError, notFound } from '../platform/errors.ts';
import { isSet, toFlag } from '../platform/flags.ts';
import { type Actor, parseNested } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import type { Flag } from '../platform/schema.ts';
import { insertPractice } from '../practices/practice.repository.ts';
import type { Practice } from '../practices/practice.schemas.ts';
import { getPractice, refuseInDemo } from '../practices/practice.service.ts';
import { defaultSettings } from '../practices/settings.rules.ts';
import {
  clearAttempts,
  countAttempt,
  deleteSession,
  deleteSessions,
  deleteUser,
  dropStaleAttempts,
  findApiToken,
  findApiTokenByHash,
  findCredential,
  findMembership,
  findSessionMembership,
  findUserById,
  findUserIdByEmail,
  insertApiToken,
  insertMember,
  listApiTokens,
  listMemberRows,
  markApiTokenUsed,
  revokeApiTokenRow,
  updateCredentialPassword,
} from './account.repository.ts';
import {
  type ApiToken,
  type ChangePassword,
  type SignIn,
  type SignUp,
  type User,
  ZSignUp,
} from './account.schemas.ts';
import { passwordWeakness } from './password.rules.ts';
import { deleteResetLinksOf } from './password-reset.repository.ts';
import {
  signInPerAccount,
  signUpPerAddress,
  staleCountersBefore,
  type ThrottlePolicy,
  throttleDecision,
  waitPhrase,
} from './throttle.rules.ts';

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

/**
 * The one answer to a sign-up that cannot go ahead for a reason other than a field: it never
 * says whether the email already has an account.
 */
const signUpRefused = () =>
  new AppError(
    'unprocessable',
    'The account could not be created with these details. If you already use Vouch, sign in.',
  );

async function authFailure(res: Response): Promise<AppError> {
  if (res.status === 429) {
    const seconds = Number(res.headers.get('x-retry-after')) || 60;
    return new AppError(
      'rate_limited',
      `Too many attempts from this address. Wait ${waitPhrase(seconds)}, then try again.`,
      [],
      { retryAfterSeconds: seconds },
    );
  }
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
  if (res.status === 401 || (code.includes('INVALID') && !code.includes('PASSWORD_TOO')))
    return new AppError(
      'unauthenticated',
      'The email or password is wrong. Check both and try again.',
    );
  return signUpRefused();
}

/** Throttles are off only where a test asks (createTestContext), like better-auth's limits. */
const isThrottling = (deps: Deps): boolean => deps.auth.options.rateLimit?.enabled === true;

/**
 * Counts an attempt under `key` in the database (shared by every server) and refuses it with
 * 429 and Retry-After once the window's limit is used up. `what` names the attempts in the
 * message: "Too many {what}. Wait 5 minutes, then try again."
 */
export async function throttle(
  deps: Deps,
  key: string,
  policy: ThrottlePolicy,
  what: string,
): Promise<void> {
  if (!isThrottling(deps)) return;
  const now = deps.clock.now();
  const counted = await countAttempt(deps.db, key, now, policy.windowMs);
  // A new window: sweep the ended ones, so that guesses at many emails cannot pile up rows.
  if (counted.hits === 1) await dropStaleAttempts(deps.db, staleCountersBefore(now));
  const decision = throttleDecision(counted, now, policy);
  if (!decision.allowed)
    throw new AppError(
      'rate_limited',
      `Too many ${what}. Wait ${waitPhrase(decision.retryAfterSeconds)}, then try again.`,
      [],
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
}

/**
 * Keyed by a digest, so that the counters keep no email that somebody tried; `kind` names the
 * attempts counted (sign-in by default).
 */
export const accountKey = (email: string, kind = 'sign-in') =>
  `${kind}:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

async function refuseWeakPassword(
  password: string,
  about: { email: string; name?: string },
): Promise<void> {
  const weakness = await passwordWeakness(password, about);
  if (weakness) throw fieldError('password', weakness);
}

/** Creates the practice and its owner in one step; the owner is signed in. */
export async function signUp(
  deps: Deps,
  input: SignUp,
  clientIp: string,
): Promise<WithCookies<SessionResult>> {
  await refuseWeakPassword(input.password, { email: input.email, name: input.name });
  await throttle(deps, `sign-up:${clientIp}`, signUpPerAddress, 'new accounts from this address');
  if (await findUserIdByEmail(deps.db, input.email)) {
    // An existing email: its own password signs in (the same answer as a new account), any
    // other gets the answer every refused sign-up gets. Both cost one argon2 hash.
    try {
      return await signIn(deps, { email: input.email, password: input.password }, clientIp);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') throw signUpRefused();
      throw error;
    }
  }
  const res = await callAuth(deps, '/sign-up/email', {
    body: { name: input.name, email: input.email, password: input.password },
    clientIp,
  });
  if (!res.ok) {
    const failure = await authFailure(res);
    throw failure.code === 'unauthenticated' ? signUpRefused() : failure;
  }
  const { user } = (await res.json()) as { user: { id: string } };
  const practiceId = newId();
  try {
    await createPracticeForOwner(deps, practiceId, input.practiceName ?? '', user.id);
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
  const now = toTimestamp(deps.clock.now());
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
      demo_of_user_id: null,
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
  // Counted per account before the password is checked, whichever address the guesses come from.
  await throttle(
    deps,
    accountKey(input.email),
    signInPerAccount,
    'sign-in attempts for this account',
  );
  const res = await callAuth(deps, '/sign-in/email', { body: input, clientIp });
  if (!res.ok) {
    const failure = await authFailure(res);
    if (failure.code === 'unauthenticated') await auditFailedSignIn(deps, input.email, clientIp);
    throw failure;
  }
  const { user } = (await res.json()) as { user: { id: string } };
  const session = await describeSession(deps, user.id);
  // Audited in the user's own practice, also while they have their demo open.
  const home = await findMembership(deps.db, user.id);
  await inTransaction(deps.db, async (trx) => {
    await clearAttempts(trx, accountKey(input.email), staleCountersBefore(deps.clock.now()));
    await recordAudit(trx, deps.clock, {
      practiceId: home?.practice_id ?? session.practice.id,
      userId: user.id,
      action: 'account.signed_in',
      detail: { ip: clientIp },
    });
  });
  return { result: session, setCookies: res.headers.getSetCookie() };
}

/** A wrong password for a known account is audited in its practice; an unknown email has none. */
async function auditFailedSignIn(deps: Deps, email: string, clientIp: string): Promise<void> {
  const userId = await findUserIdByEmail(deps.db, email);
  const membership = userId ? await findMembership(deps.db, userId) : undefined;
  if (!userId || !membership) return;
  await recordAudit(deps.db, deps.clock, {
    practiceId: membership.practice_id,
    userId,
    action: 'account.sign_in_failed',
    subjectType: 'user',
    subjectId: userId,
    detail: { ip: clientIp },
  });
}

export async function signOut(deps: Deps, cookie: string, clientIp: string): Promise<string[]> {
  const actor = cookie ? await resolveActor(deps, new Headers({ cookie })) : null;
  const res = await callAuth(deps, '/sign-out', { cookie, clientIp });
  if (actor)
    await recordAudit(deps.db, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'account.signed_out',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  return res.headers.getSetCookie();
}

/**
 * "Sign out everywhere": ends every session of the caller, this one included (API tokens are
 * separate and stay). Returns the Set-Cookie that clears this browser's cookie.
 */
export async function signOutEverywhere(
  deps: Deps,
  actor: Actor,
  cookie: string,
  clientIp: string,
): Promise<string[]> {
  await inTransaction(deps.db, async (trx) => {
    const ended = await deleteSessions(trx, actor.userId);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'account.sessions_revoked',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { sessions: ended },
    });
  });
  if (actor.via !== 'session') return [];
  return (await callAuth(deps, '/sign-out', { cookie, clientIp })).headers.getSetCookie();
}

/**
 * Changes the caller's password (the current one is required, and counts as a sign-in
 * attempt) and ends their other sessions; the one making the change stays signed in.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: ChangePassword,
): Promise<void> {
  const user = await findUserById(deps.db, actor.userId);
  const credential = await findCredential(deps.db, actor.userId);
  if (!user || !credential?.password)
    throw new AppError('unprocessable', 'This account has no password to change.');
  await throttle(
    deps,
    accountKey(user.email),
    signInPerAccount,
    'password attempts for this account',
  );
  if (!(await verifyPassword(credential.password, input.currentPassword)))
    throw fieldError('currentPassword', 'is not your current password. Check it and try again.');
  const weakness = await passwordWeakness(input.newPassword, {
    email: user.email,
    name: user.name,
  });
  if (weakness) throw fieldError('newPassword', weakness);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (trx) => {
    await updateCredentialPassword(trx, credential.id, passwordHash, toTimestamp(deps.clock.now()));
    // A reset link asked for before the change must not undo it.
    await deleteResetLinksOf(trx, actor.userId);
    const ended = await deleteSessions(trx, actor.userId, actor.sessionId);
    await clearAttempts(trx, accountKey(user.email), staleCountersBefore(deps.clock.now()));
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'account.password_changed',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { sessionsEnded: ended },
    });
  });
}

export async function describeSession(deps: Deps, userId: string): Promise<SessionResult> {
  const [user, membership] = await Promise.all([
    findUserById(deps.db, userId),
    findSessionMembership(deps.db, userId),
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
        markApiTokenUsed(db, row.practice_id, row.id, toTimestamp(now)),
      );
    return {
      userId: row.user_id,
      practiceId: row.practice_id,
      role: row.role,
      via: 'token',
      readOnly: isSet(row.read_only),
    };
  }
  if (!headers.get('cookie')) return null;
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return null;
  // better-auth slides the idle expiry with use; this is the absolute end, however active.
  const startedAt = new Date(session.session.createdAt).getTime();
  if (deps.clock.now().getTime() - startedAt > deps.config.session.maxDays * dayMs) {
    await deleteSession(deps.db, session.session.id);
    return null;
  }
  const membership = await findSessionMembership(deps.db, session.user.id);
  if (!membership) return null;
  return {
    userId: session.user.id,
    practiceId: membership.practice_id,
    role: membership.role,
    via: 'session',
    sessionId: session.session.id,
  };
}

function toApiToken(row: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  read_only: Flag;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    readOnly: isSet(row.read_only),
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
  { readOnly = false }: { readOnly?: boolean | undefined } = {},
): Promise<ApiToken & { token: string }> {
  await refuseInDemo(deps.db, actor.practiceId, 'API tokens');
  const token = `vch_${randomBytes(32).toString('base64url')}`;
  const row = {
    practice_id: actor.practiceId,
    id: newId(),
    user_id: actor.userId,
    name,
    prefix: token.slice(0, 12),
    token_hash: hashToken(token),
    created_at: toTimestamp(deps.clock.now()),
    last_used_at: null,
    revoked_at: null,
    read_only: toFlag(readOnly),
  };
  await inTransaction(deps.db, async (trx) => {
    await insertApiToken(trx, row);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      ...(readOnly ? { detail: { readOnly: true } } : {}),
    });
  });
  return { ...toApiToken(row), token };
}

export async function revokeToken(deps: Deps, actor: Actor, tokenId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const row = await findApiToken(trx, actor.practiceId, tokenId);
    if (!row || (actor.role !== 'owner' && row.user_id !== actor.userId))
      throw notFound('The API token');
    await revokeApiTokenRow(trx, actor.practiceId, tokenId, toTimestamp(deps.clock.now()));
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
  parseNested(ZNewUser, { name: input.name, email: input.email, password: input.password }, '');
  await refuseWeakPassword(input.password, { email: input.email, name: input.name });
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
    const now = toTimestamp(deps.clock.now());
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

/**
 * Creates an account (email and password, no practice yet) for someone joining a practice:
 * the password is held to the sign-up rules. Returns the new user's id.
 */
export async function createAccount(
  deps: Deps,
  input: { name: string; email: string; password: string },
): Promise<string> {
  parseNested(ZNewUser, input, '');
  await refuseWeakPassword(input.password, { email: input.email, name: input.name });
  try {
    const { user } = await deps.auth.api.signUpEmail({ body: input });
    // better-auth signs the new user in; that session goes to nobody (the join signs in after).
    await deleteSessions(deps.db, user.id);
    return user.id;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // better-auth refuses an email taken a moment ago (a concurrent join).
    throw fieldError(
      'email',
      'An account with this email already exists. Sign in instead.',
      'conflict',
    );
  }
}

/**
 * Checks an existing account's password (counted as a sign-in attempt, so guesses are
 * throttled the same way); 401 when it is wrong.
 */
export async function checkAccountPassword(
  deps: Deps,
  userId: string,
  email: string,
  password: string,
): Promise<void> {
  await throttle(deps, accountKey(email), signInPerAccount, 'sign-in attempts for this account');
  const credential = await findCredential(deps.db, userId);
  if (!credential?.password || !(await verifyPassword(credential.password, password)))
    throw new AppError(
      'unauthenticated',
      'The password is wrong. Use the password of your Vouch account.',
      [{ field: 'password', message: 'is not the password of this account.' }],
    );
}

/** Removes an account made by `createAccount` when the join it was for failed. */
export async function undoAccount(deps: Deps, userId: string): Promise<void> {
  await deleteUser(deps.db, userId);
}

/** The team: every user of the practice with their role (owners of referrals are picked from it). */
export async function listMembers(deps: Deps, actor: Actor) {
  return listMemberRows(deps.db, actor.practiceId);
}
