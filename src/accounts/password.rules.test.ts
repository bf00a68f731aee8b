import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password.rules.ts';

const jane = { email: 'jane.morgan@example.com', name: 'Jane Morgan' };

describe('password strength', async () => {
  it('refuses the passwords attackers try first', async () => {
    for (const weak of ['password', '12345678', 'password1', 'qwerty123', 'letmein!', 'abc12345'])
      expect(await passwordWeakness(weak, jane), weak).toMatch(/common or too easy to guess/);
  });

  it("refuses the user's own email, its name part and their name", async () => {
    expect(await passwordWeakness('demo-password', { email: 'demo@vouch.example' })).toMatch(
      /email/,
    );
    expect(await passwordWeakness('jane.morgan@example.com', jane)).toMatch(/email address/);
    expect(await passwordWeakness('JANE.MORGAN2024', jane)).toMatch(/email address/);
    expect(await passwordWeakness('janemorgan', jane)).not.toBeNull();
  });

  it('accepts passphrases, including the fixtures of the tests and the demo', async () => {
    for (const fine of [
      'correct horse battery',
      'a long enough pass',
      'member password',
      'open house walkthrough',
      'many contacts walkthrough',
      'Tr0ub4dor&3',
      `${'x'.repeat(12)}plum orchard`,
    ])
      expect(await passwordWeakness(fine, jane), fine).toBeNull();
  });

  it('answers quickly for the longest allowed password', async () => {
    const started = performance.now();
    await passwordWeakness(`${'abcdefghij'.repeat(12)}zyxwvuts`, jane);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
