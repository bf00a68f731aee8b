import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A message as the peer received it: parsed, the raw text, and the envelope's recipients (the
 * addresses it was delivered to, Cc included).
 */
export type ReceivedMail = { mail: ParsedMail; raw: string; recipients: string[] };

export type SmtpPeer = SMTPServer & { port: number };

/**
 * A real SMTP server on a local port (a free one unless `port` is given), for tests: plain
 * text, AUTH PLAIN/LOGIN accepting user "vouch" with `password` ("right-pass" unless given),
 * every message accepted — and, with an `inbox`, parsed and kept there.
 */
export function startSmtpPeer(
  options: { port?: number; password?: string; inbox?: ReceivedMail[] } = {},
): Promise<SmtpPeer> {
  const { port = 0, password = 'right-pass', inbox } = options;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'vouch' && auth.password === password)
        return callback(null, { user: 'vouch' });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (!inbox) return callback(null, 'Message queued as TEST1');
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((mail) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          inbox.push({ mail, raw, recipients });
          callback(null, `Message queued as PROV${inbox.length}`);
        });
      });
    },
    logger: false,
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve(Object.assign(server, { port: (server.server.address() as AddressInfo).port }));
    });
  });
}

/** Stops a peer started by `startSmtpPeer`. */
export const stopSmtpPeer = (server: SMTPServer): Promise<void> =>
  new Promise((resolve) => server.close(() => resolve()));
