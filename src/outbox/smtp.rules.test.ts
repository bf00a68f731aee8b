import { describe, expect, it } from 'vitest';
import {
  describeSmtpFailure,
  type SmtpFailure,
  smtpConnectionChanged,
  smtpFailureDetail,
  smtpFailureOf,
} from './smtp.rules.ts';

const target = { host: 'smtp.example.com', port: 587 };
const say = (failure: Partial<SmtpFailure>) =>
  describeSmtpFailure({ message: 'x', ...failure }, target);

describe('describeSmtpFailure', () => {
  it('says what to do for each kind of failure, never the raw code', () => {
    const cases: [Partial<SmtpFailure>, string][] = [
      [
        {
          code: 'ESOCKET',
          originalCode: 'ECONNREFUSED',
          message: 'connect ECONNREFUSED 127.0.0.1:4299',
        },
        'Could not reach smtp.example.com on port 587 — check the host and port.',
      ],
      [
        {
          code: 'EDNS',
          originalCode: 'ENOTFOUND',
          message: 'getaddrinfo ENOTFOUND smtp.exmaple.com',
        },
        'Could not find a mail server called smtp.example.com — check the spelling of the host.',
      ],
      [
        { code: 'ETIMEDOUT', message: 'Connection timeout' },
        'smtp.example.com did not answer on port 587 in time — check the host and port, and that outgoing mail on port 587 is not blocked.',
      ],
      [
        { code: 'ETIMEDOUT', message: 'Greeting never received' },
        'smtp.example.com answered on port 587 but never greeted — check the security setting (port 465 usually uses TLS, port 587 STARTTLS).',
      ],
      [
        { code: 'EAUTH', responseCode: 535, message: 'Invalid login: 535 Authentication failed' },
        'The server refused the user name or password — check them (some providers need an app password).',
      ],
      [
        {
          code: 'EAUTH',
          responseCode: 535,
          message: 'Invalid login: 535 5.7.8 Authentication failed over TLS',
        },
        'The server refused the user name or password — check them (some providers need an app password).',
      ],
      [
        {
          code: 'ESOCKET',
          originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
          message: 'wrong version number',
        },
        'Could not start a secure connection with smtp.example.com on port 587 — check the security setting (port 465 usually uses TLS, port 587 STARTTLS).',
      ],
      [
        { code: 'ETLS', message: 'Error upgrading connection with STARTTLS' },
        'Could not start a secure connection with smtp.example.com on port 587 — check the security setting (port 465 usually uses TLS, port 587 STARTTLS).',
      ],
      [
        {
          code: 'ESOCKET',
          originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
          message: 'self-signed certificate',
        },
        'The certificate of smtp.example.com could not be trusted — check that the host is the name your provider gives (not an IP address or alias).',
      ],
      [
        { code: 'ESOCKET', originalCode: 'ECONNRESET', message: 'read ECONNRESET' },
        'smtp.example.com closed the connection on port 587 — check the port and the security setting (port 465 usually uses TLS, port 587 STARTTLS).',
      ],
      [
        { code: 'EENVELOPE', responseCode: 553, message: 'Sender address rejected' },
        'The server refused the sender or the recipient — check the from address is one your provider lets you send from.',
      ],
      [
        { code: 'EVOUCH_PASSWORD', message: 'cannot be read' },
        'The stored SMTP password cannot be read with this server’s secret — enter the password again and save.',
      ],
      [
        { message: 'something odd' },
        'The test email could not be sent through smtp.example.com — the technical detail is below.',
      ],
    ];
    for (const [failure, sentence] of cases)
      expect(say(failure), JSON.stringify(failure)).toBe(sentence);
  });

  it('keeps the codes and raw message as the detail', () => {
    const failure = smtpFailureOf(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4299'), {
        code: 'ESOCKET',
        originalCode: 'ECONNREFUSED',
      }),
    );
    expect(smtpFailureDetail(failure)).toBe(
      'ESOCKET / ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4299',
    );
    expect(smtpFailureDetail(smtpFailureOf('plain'))).toBe('plain');
  });
});

describe('smtpConnectionChanged', () => {
  const base = {
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    username: 'me',
    fromEmail: 'me@example.com',
  };
  it('is false for the same connection (case of host and address aside) without a new password', () => {
    expect(smtpConnectionChanged(base, { ...base, host: 'SMTP.example.com' }, false)).toBe(false);
    expect(smtpConnectionChanged(base, { ...base, fromEmail: 'Me@Example.com' }, false)).toBe(
      false,
    );
  });
  it('is true for any change that decides delivery, or a password given', () => {
    expect(smtpConnectionChanged(base, base, true)).toBe(true);
    for (const change of [
      { host: 'mail.example.com' },
      { port: 465 },
      { security: 'tls' },
      { username: null },
      { fromEmail: 'office@example.com' },
    ])
      expect(
        smtpConnectionChanged(base, { ...base, ...change }, false),
        JSON.stringify(change),
      ).toBe(true);
  });
});
