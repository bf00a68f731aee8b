import { randomInt } from 'node:crypto';
import { urlAt } from '../platform/config.ts';

/**
 * A link's public code: 10 characters from 31 that cannot be taken for one another when read
 * off a printed card (no 0/o, 1/l/i): 31^10 ≈ 2^49.5 codes, enough that nobody finds a live
 * link by trying (§3.9), short enough to type from a card.
 */
export const codeAlphabet = '23456789abcdefghjkmnpqrstuvwxyz';
export const codeLength = 10;

export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i++) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/**
 * A code as typed or printed, in its stored form: case and spaces do not matter, and a code
 * that cannot be one is null (answered like an unknown one, without a query).
 */
export function normaliseLinkCode(typed: string): string | null {
  const code = typed.trim().toLowerCase();
  if (code.length !== codeLength) return null;
  for (const ch of code) if (!codeAlphabet.includes(ch)) return null;
  return code;
}

export const linkPath = (code: string) => `/r/${code}`;

export const linkUrl = (baseUrl: string, code: string) => urlAt(baseUrl, linkPath(code));
