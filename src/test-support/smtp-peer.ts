import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a free local port, for tests: plain text, AUTH PLAIN/LOGIN accepting
 * user "vouch" with password "right-pass", every message accepted.
 */
export function startSmtpPeer(): Promise<SMTPServer & { port: number }> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'vouch' && auth.password === 'right-pass')
        return callback(null, { user: 'vouch' });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback(null, 'Message queued as TEST1'));
    },
    logger: false,
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve(Object.assign(server, { port: (server.server.address() as AddressInfo).port }));
    });
  });
}
