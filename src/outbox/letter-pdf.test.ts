import { describe, expect, it } from 'vitest';
import { pageText } from '../test-support/pdf-read.ts';
import { renderLetterPdf } from './letter-pdf.ts';

describe('the letter PDF', () => {
  it('prints names beyond Latin-1 as near as the standard fonts allow, never as noise', async () => {
    const pdf = await renderLetterPdf({
      practiceName: 'Zoë Müller Therapie',
      postalAddress: '12 Harbor Rd\nPortland',
      date: '2026-11-27T10:00:00.000Z',
      timeZone: 'America/New_York',
      toName: 'Łukasz Nowak',
      subject: 'Thank you 🌈',
      body: 'Dear Łukasz, thank you for thinking of us.',
    });
    const { text } = await pageText(pdf);
    expect(text).toContain('Zoë Müller Therapie');
    expect(text).toContain('Lukasz Nowak');
    expect(text).toContain('Thank you');
    expect(text).not.toMatch(/Ø|Þ|Ł/);
  });
});
