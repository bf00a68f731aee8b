import { formatDay } from '../letters/letter.rules.ts';
import { toWinAnsi } from '../platform/win-ansi.ts';

export type LetterForPrint = {
  practiceName: string;
  postalAddress: string;
  /** When the letter was written (ISO), shown as a day in the practice's time zone. */
  date: string;
  timeZone: string;
  toName: string;
  subject: string;
  body: string;
};

/**
 * A one-letter PDF on the practice's letterhead: name and postal address at the top. The
 * standard fonts show WinAnsi only: other characters are replaced as on the referral card
 * (platform/win-ansi.ts), never printed as noise.
 */
export async function renderLetterPdf(input: LetterForPrint): Promise<Uint8Array> {
  // Loaded when a letter is printed: pdfkit and its fonts cost an idle server some 20 MB.
  const { default: PDFDocument } = await import('pdfkit');
  const letter = {
    ...input,
    practiceName: toWinAnsi(input.practiceName),
    postalAddress: toWinAnsi(input.postalAddress),
    toName: toWinAnsi(input.toName),
    subject: toWinAnsi(input.subject),
    body: toWinAnsi(input.body),
  };
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 72, right: 72 },
      info: { Title: letter.subject, Author: letter.practiceName, Creator: 'Vouch' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(16).fillColor('#1f2937').text(letter.practiceName);
    const address = letter.postalAddress.trim();
    if (address) doc.font('Helvetica').fontSize(9).fillColor('#4b5563').text(address);
    const y = doc.y + 8;
    doc
      .moveTo(72, y)
      .lineTo(doc.page.width - 72, y)
      .lineWidth(0.5)
      .strokeColor('#9ca3af')
      .stroke();
    doc.moveDown(2);
    doc.font('Helvetica').fontSize(10).fillColor('#111827');
    doc.text(formatDay(letter.date, letter.timeZone), { align: 'right' });
    doc.moveDown();
    if (letter.toName) doc.text(letter.toName).moveDown();
    doc.font('Helvetica-Bold').fontSize(11).text(letter.subject).moveDown();
    doc.font('Helvetica').fontSize(11).text(letter.body, { lineGap: 3, paragraphGap: 2 });
    doc.end();
  });
}
