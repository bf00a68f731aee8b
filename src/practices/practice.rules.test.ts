import { describe, expect, it } from 'vitest';
import { isBookingUrl } from './practice.rules.ts';

describe('isBookingUrl', () => {
  it.each([
    '',
    'https://cal.com/harbor/first-session',
    'http://example.com',
    'https://calendly.com/jane-doe/30min?month=2026-06',
    'https://example.com/book#slots',
    'HTTPS://EXAMPLE.COM/Book',
    'https://bücher.example/termin',
  ])('takes %j', (url) => expect(isBookingUrl(url)).toBe(true));

  it.each([
    'cal.com/harbor',
    'www.example.com',
    'ftp://example.com/file',
    'javascript:alert(1)',
    'mailto:jane@example.com',
    'https://',
    'https:///path',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://example.com/a b',
    'https://example.com/\tx',
    'https://example.com/"x"',
    'https://example.com/<x>',
    'https://example.com/\u0001',
    ' https://example.com',
  ])('refuses %j', (url) => expect(isBookingUrl(url)).toBe(false));
});
