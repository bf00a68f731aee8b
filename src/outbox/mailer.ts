import type { Config } from '../platform/config.ts';
import type { SmtpRow } from './message.repository.ts';
import { decryptSecret } from './secret-box.ts';
import { unreadablePasswordCode } from './smtp.rules.ts';

export const smtpPurpose = 'smtp-password';

export type OutgoingMail = {
  fromName: string;
  to: { name: string | null; address: string };
  /** A copy, named in the Cc header (the referrer of an introduction). */
  cc?: { name: string | null; address: string } | null;
  subject: string;
  text: string;
  /** Our idempotency key: the receiving side can recognise a duplicate by it. */
  messageId: string;
  headers?: Record<string, string>;
};

const addressOf = (a: { name: string | null; address: string }) =>
  a.name ? { name: a.name, address: a.address } : a.address;

/** One nodemailer transport per send, closed after (no sockets kept open between sends). */
export async function sendMail(
  config: Config,
  smtp: SmtpRow,
  mail: OutgoingMail,
  timeouts: { connectionMs?: number } = {},
): Promise<{ providerId: string }> {
  const password = smtp.password_encrypted
    ? decryptSecret(config.secret, smtpPurpose, smtp.password_encrypted)
    : null;
  if (smtp.password_encrypted && password === null)
    throw Object.assign(
      new Error('The SMTP password cannot be read with this server secret; enter it again.'),
      { code: unreadablePasswordCode },
    );
  // Loaded at the first send: a server without SMTP never needs its 13 MB.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.username ? { user: smtp.username, pass: password ?? '' } : undefined,
    connectionTimeout: timeouts.connectionMs ?? 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: { name: smtp.from_name || mail.fromName, address: smtp.from_email },
      to: addressOf(mail.to),
      ...(mail.cc ? { cc: addressOf(mail.cc) } : {}),
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers ?? {},
    });
    const response = String(info.response ?? '');
    const queuedAs = /queued as\s+([^\s]+)/i.exec(response)?.[1];
    return { providerId: queuedAs ?? String(info.messageId ?? mail.messageId) };
  } finally {
    transport.close();
  }
}
