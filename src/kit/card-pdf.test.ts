import { describe, expect, it } from 'vitest';
import { decodedQrCodes, pageText } from '../test-support/pdf-read.ts';
import { type ReferralCard, renderReferralCardPdf } from './card-pdf.ts';

const harbor: ReferralCard = {
  practiceName: 'Harbor Counseling',
  valueProposition: 'Ana helps couples in conflict find their way back to each other.',
  url: 'https://vouch.example.com/r/K7M2P9QXRT',
  referrerFirstName: 'Anna',
};

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the referral card PDF', () => {
  it('holds ten cards on a US Letter page, each with a QR code that decodes to the URL', async () => {
    const pdf = await renderReferralCardPdf(harbor);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const codes = await decodedQrCodes(pdf);
    expect(codes).toEqual(Array(10).fill(harbor.url));
    const page = await pageText(pdf);
    expect(page).toMatchObject({ numPages: 1, width: 612, height: 792 });
    expect(count(page.text, 'Harbor Counseling')).toBe(10);
    expect(count(page.text, harbor.url)).toBe(10);
    expect(count(page.text, 'Recommended by Anna')).toBe(10);
    expect(count(page.text, 'find their way back')).toBe(10);
  });

  it('a different URL is a different code: the test reads what was drawn', async () => {
    const other = await renderReferralCardPdf({ ...harbor, url: 'https://vouch.example.com/r/X' });
    const codes = await decodedQrCodes(other);
    expect(codes).toHaveLength(10);
    expect(codes).not.toContain(harbor.url);
    expect(codes[0]).toBe('https://vouch.example.com/r/X');
  });

  it('the practice-wide card names no referrer, and a long URL still decodes', async () => {
    const url = `https://referrals.harbor-counseling-and-family-therapy.example.org/r/K7M2P9QXRT`;
    const pdf = await renderReferralCardPdf({ ...harbor, url, referrerFirstName: null });
    expect(await decodedQrCodes(pdf)).toEqual(Array(10).fill(url));
    const page = await pageText(pdf);
    expect(page.text).not.toContain('Recommended');
    // The URL may wrap on the card; joined again it is whole.
    expect(count(page.items.map((i) => i.str).join(''), url)).toBe(10);
  });

  it('shows what the built-in fonts can, and replaces the rest instead of failing', async () => {
    const pdf = await renderReferralCardPdf({
      ...harbor,
      practiceName: 'Zoë Müller — Therapie 😀',
      valueProposition: 'Paare 🌈, die sich verloren haben, in Łódź und 北京.',
      referrerFirstName: 'Zoë',
    });
    const page = await pageText(pdf);
    expect(count(page.text, 'Zoë Müller — Therapie')).toBe(10);
    expect(page.text).toContain('Recommended by Zoë');
    expect(page.text).toContain('Paare, die sich verloren haben, in Lódz und ??.');
    // pdfkit would have written the emoji as this noise.
    expect(page.text).not.toMatch(/Ø=|Þ/);
    expect(await decodedQrCodes(pdf)).toEqual(Array(10).fill(harbor.url));
  });

  it('keeps a long name and value proposition inside each card, clear of the QR code', async () => {
    const pdf = await renderReferralCardPdf({
      ...harbor,
      practiceName:
        'The Harbor Counseling and Family Therapy Practice of Southern Maine at Portland',
      valueProposition: 'We help couples in conflict find their way back to each other. '.repeat(
        12,
      ),
      referrerFirstName: 'Maximiliane-Friederike-Alexandra',
    });
    const page = await pageText(pdf);
    expect(page.text).toContain('…');
    expect(count(page.text, harbor.url)).toBe(10);
    // The cards: 252 × 144 pt, 2 × 5 from (54, 36) at the top left; the QR code's 100 pt
    // square sits 6 pt from each card's right edge. pdf.js measures y upwards from the bottom.
    for (const item of page.items) {
      const column = Math.floor((item.x - 54) / 252);
      const row = Math.floor((792 - 36 - item.y) / 144);
      expect([column, row], item.str).toEqual([
        expect.toSatisfy((c: number) => c === 0 || c === 1),
        expect.toSatisfy((r: number) => r >= 0 && r <= 4),
      ]);
      const cardLeft = 54 + column * 252;
      const cardBottom = 792 - 36 - (row + 1) * 144;
      const label = `${item.str} at (${item.x}, ${item.y})`;
      expect(item.x, label).toBeGreaterThanOrEqual(cardLeft + 14 - 0.01);
      expect(item.x + item.width, label).toBeLessThanOrEqual(cardLeft + 252 - 6 - 100);
      // Inside the padding: the descenders (a fifth of the size in Helvetica) above the
      // bottom, the capitals (0.718 of it) below the top.
      expect(item.y - item.height * 0.21, label).toBeGreaterThanOrEqual(cardBottom + 14 - 0.01);
      expect(item.y + item.height * 0.718, label).toBeLessThanOrEqual(cardBottom + 144 - 14 + 0.01);
    }
  });
});
