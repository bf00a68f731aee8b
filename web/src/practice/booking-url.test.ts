import { describe, expect, it } from 'vitest';
import { bookingUrlProblem } from './booking-url';

describe('bookingUrlProblem', () => {
  it('accepts no link and http(s) addresses', () => {
    for (const value of ['', '  ', 'https://cal.com/jane', ' http://example.com/book '])
      expect(bookingUrlProblem(value), value).toBeNull();
  });

  it('explains what is not a web address', () => {
    for (const value of ['cal.com/jane', 'javascript:alert(1)', 'mailto:a@b.example', 'https://'])
      expect(bookingUrlProblem(value), value).toMatch(/https:\/\//);
  });
});
