/**
 * What a failed SMTP test means in words (issue 11: "connect ECONNREFUSED 127.0.0.1:4299" told
 * a practitioner nothing), and which edits make a tested setup untested again. Pure.
 */

/** The parts of a nodemailer/Node error that say what happened. */
export type SmtpFailure = {
  /** nodemailer's code (ESOCKET, EAUTH, ETLS, ...) or Node's (ECONNREFUSED, ENOTFOUND, ...). */
  code?: string | undefined;
  /** The system error's code under nodemailer's, e.g. ECONNREFUSED under ESOCKET. */
  originalCode?: string | undefined;
  /** The server's SMTP reply code, e.g. 535. */
  responseCode?: number | undefined;
  message: string;
};

export type SmtpTarget = { host: string; port: number };

/** Our own failure before any connection: the stored password no longer decrypts. */
export const unreadablePasswordCode = 'EVOUCH_PASSWORD';

const tlsCertificateCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const securityHint = 'port 465 usually uses TLS, port 587 STARTTLS';

/** The nodemailer error's fields, read without trusting its shape. */
export function smtpFailureOf(error: unknown): SmtpFailure {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; originalCode?: unknown; responseCode?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    originalCode: typeof e.originalCode === 'string' ? e.originalCode : undefined,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    message: e.message,
  };
}

/** One sentence saying what went wrong and what to do. The raw error goes in `smtpFailureDetail`. */
export function describeSmtpFailure(failure: SmtpFailure, { host, port }: SmtpTarget): string {
  const codes = [failure.originalCode, failure.code].filter((c): c is string => Boolean(c));
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const message = failure.message.toLowerCase();
  if (has(unreadablePasswordCode))
    return 'The stored SMTP password cannot be read with this server’s secret — enter the password again and save.';
  if (has('ECONNREFUSED'))
    return `Could not reach ${host} on port ${port} — check the host and port.`;
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS'))
    return `Could not find a mail server called ${host} — check the spelling of the host.`;
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'))
    return `Could not reach ${host} on port ${port} — check the host and this server’s network connection.`;
  // The server's own answer about the login goes first: its text may mention TLS.
  if (has('EAUTH') || failure.responseCode === 535 || failure.responseCode === 534)
    return 'The server refused the user name or password — check them (some providers need an app password).';
  if (has('ENOAUTH') || failure.responseCode === 530)
    return 'The server wants a user name and password — enter them and save.';
  // Connected, but no SMTP greeting: usually STARTTLS/none against a TLS-only port (465).
  if (message.includes('greeting never received'))
    return `${host} answered on port ${port} but never greeted — check the security setting (${securityHint}).`;
  if (has('ETIMEDOUT') || message.includes('timeout'))
    return `${host} did not answer on port ${port} in time — check the host and port, and that outgoing mail on port ${port} is not blocked.`;
  if (codes.some((c) => tlsCertificateCodes.has(c)) || message.includes('certificate'))
    return `The certificate of ${host} could not be trusted — check that the host is the name your provider gives (not an IP address or alias).`;
  if (
    has('ETLS', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO') ||
    message.includes('wrong version number') ||
    message.includes('ssl') ||
    message.includes('tls')
  )
    return `Could not start a secure connection with ${host} on port ${port} — check the security setting (${securityHint}).`;
  if (has('EENVELOPE'))
    return 'The server refused the sender or the recipient — check the from address is one your provider lets you send from.';
  if (has('ECONNRESET', 'ECONNECTION', 'EPIPE'))
    return `${host} closed the connection on port ${port} — check the port and the security setting (${securityHint}).`;
  if (has('EMESSAGE', 'EPROTOCOL') || failure.responseCode !== undefined)
    return `${host} refused the test email — its reply is below; your provider can say what it means.`;
  return `The test email could not be sent through ${host} — the technical detail is below.`;
}

/** The technical detail shown folded under the sentence: codes and the raw message. */
export function smtpFailureDetail(failure: SmtpFailure): string {
  const codes = [failure.code, failure.originalCode].filter(Boolean).join(' / ');
  return codes ? `${codes}: ${failure.message}` : failure.message;
}

/** The settings that decide whether mail gets through; the from name does not. */
export type SmtpConnection = {
  host: string;
  port: number;
  security: string;
  username: string | null;
  fromEmail: string;
};

/**
 * Whether saving `next` over `current` makes a passed test no longer prove anything: a
 * different host, port, security, user, from address, or any new or removed password.
 */
export function smtpConnectionChanged(
  current: SmtpConnection,
  next: SmtpConnection,
  passwordGiven: boolean,
): boolean {
  return (
    passwordGiven ||
    current.host.toLowerCase() !== next.host.toLowerCase() ||
    current.port !== next.port ||
    current.security !== next.security ||
    (current.username ?? '') !== (next.username ?? '') ||
    current.fromEmail.toLowerCase() !== next.fromEmail.toLowerCase()
  );
}
