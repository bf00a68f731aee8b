import type { QRCodeToBufferOptions } from 'qrcode';
import { toWinAnsi } from '../platform/win-ansi.ts';

/** What a referral card shows: the practice, what it does, the link and who passed it on. */
export type ReferralCard = {
  practiceName: string;
  valueProposition: string;
  url: string;
  /** "Recommended by Anna" on a referrer's card; absent on the practice-wide card. */
  referrerFirstName?: string | null;
};

// All lengths in PDF points (1/72 in). A US Letter sheet of ten 3.5 × 2 in business cards,
// 2 columns × 5 rows, edge to edge, centred: the layout of the common perforated card stock
// (0.75 in side and 0.5 in top margins), so one straight cut separates two cards.
const page = { width: 612, height: 792 };
const card = { width: 252, height: 144 };
const columns = 2;
const rows = 5;
const left = (page.width - columns * card.width) / 2;
const top = (page.height - rows * card.height) / 2;

/** Inside the cut: what a slightly crooked cut may not reach. */
const padding = 14;
/** The QR image, its quiet zone (4 modules) included, on the card's right side. */
const qrSide = 100;
/** The quiet zone is white, so the image may come closer to the edge than the text does. */
const qrInset = 6;
const gap = 4;
const textWidth = card.width - padding - qrSide - qrInset - gap;

const ink = '#111827';
const muted = '#4b5563';
const markColor = '#9ca3af';

type Font = 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique';
type Fitted = { text: string; size: number; height: number };

/**
 * The largest size from `sizes` at which `text` fits `width` × `maxHeight`; at the smallest
 * size, as many words as fit followed by "…". Never taller than `maxHeight`.
 */
function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  font: Font,
  sizes: readonly number[],
  width: number,
  maxHeight: number,
): Fitted {
  doc.font(font);
  const heightAt = (t: string, size: number) =>
    doc.fontSize(size).heightOfString(t, { width, lineGap: 0 });
  for (const size of sizes) {
    const height = heightAt(text, size);
    if (height <= maxHeight) return { text, size, height };
  }
  const size = sizes.at(-1) ?? 6;
  const words = text.split(/\s+/).filter(Boolean);
  // The longest prefix of words that fits with its ellipsis (binary search: fits is monotone).
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (heightAt(`${words.slice(0, mid).join(' ')}…`, size) <= maxHeight) low = mid;
    else high = mid - 1;
  }
  let shown = `${words.slice(0, low).join(' ')}…`;
  // Not even one word fits (a very long one): cut it by characters.
  if (low === 0) {
    const chars = [...(words[0] ?? '')];
    let n = chars.length;
    while (n > 0 && heightAt(`${chars.slice(0, n).join('')}…`, size) > maxHeight) n -= 1;
    shown = `${chars.slice(0, n).join('')}…`;
  }
  const height = heightAt(shown, size);
  return height <= maxHeight ? { text: shown, size, height } : { text: '', size, height: 0 };
}

function drawText(
  doc: PDFKit.PDFDocument,
  fitted: Fitted,
  font: Font,
  color: string,
  x: number,
  y: number,
  width: number,
) {
  if (fitted.text === '') return;
  doc.font(font).fontSize(fitted.size).fillColor(color);
  // `height` makes pdfkit stop at the box as well, should its measure and ours ever differ.
  doc.text(fitted.text, x, y, { width, height: fitted.height + 0.5, lineGap: 0 });
}

/** Short light marks in the margins along every cut line, never over a card. */
function drawCutMarks(doc: PDFKit.PDFDocument) {
  const offset = 6;
  const length = 18;
  const right = left + columns * card.width;
  const bottom = top + rows * card.height;
  doc.save().lineWidth(0.5).strokeColor(markColor);
  for (let c = 0; c <= columns; c += 1) {
    const x = left + c * card.width;
    doc.moveTo(x, top - offset - length).lineTo(x, top - offset);
    doc.moveTo(x, bottom + offset).lineTo(x, bottom + offset + length);
  }
  for (let r = 0; r <= rows; r += 1) {
    const y = top + r * card.height;
    doc.moveTo(left - offset - length, y).lineTo(left - offset, y);
    doc.moveTo(right + offset, y).lineTo(right + offset + length, y);
  }
  doc.stroke().restore();
}

type CardText = {
  name: string;
  referrer: string;
  valueProposition: string;
  url: string;
};

function drawCard(doc: PDFKit.PDFDocument, qr: Buffer, text: CardText, x: number, y: number) {
  const qrX = x + card.width - qrInset - qrSide;
  doc.image(qr, qrX, y + (card.height - qrSide) / 2, { width: qrSide, height: qrSide });

  const textX = x + padding;
  const innerTop = y + padding;
  const innerBottom = y + card.height - padding;
  // Bottom up: the URL is kept whole (down to 5 pt, wrapped if it must), the rest shares
  // what is left, the name first.
  const url = fitText(doc, text.url, 'Helvetica', [7, 6.5, 6, 5.5, 5], textWidth, 2 * 5 * 1.2);
  const urlY = innerBottom - url.height;
  let cursor = innerTop;
  const name = fitText(doc, text.name, 'Helvetica-Bold', [13, 12, 11, 10, 9, 8], textWidth, 32);
  drawText(doc, name, 'Helvetica-Bold', ink, textX, cursor, textWidth);
  cursor += name.height + 3;
  if (text.referrer !== '') {
    const line = `Recommended by ${text.referrer}`;
    const referrer = fitText(doc, line, 'Helvetica-Oblique', [7.5], textWidth, 7.5 * 1.25);
    drawText(doc, referrer, 'Helvetica-Oblique', muted, textX, cursor, textWidth);
    cursor += referrer.height + 3;
  }
  const room = urlY - 4 - cursor;
  if (text.valueProposition !== '' && room > 6) {
    const sizes = [8.5, 8, 7.5, 7, 6.5, 6];
    const vp = fitText(doc, text.valueProposition, 'Helvetica', sizes, textWidth, room);
    drawText(doc, vp, 'Helvetica', ink, textX, cursor, textWidth);
  }
  drawText(doc, url, 'Helvetica', muted, textX, urlY, textWidth);
}

/** The link's QR code as SVG, as the card has it (error correction M, a quiet zone of 4). */
export async function renderLinkQrSvg(url: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/**
 * A printable sheet of ten referral cards (US Letter, 2 × 5 business cards of 3.5 × 2 in, with
 * light cut marks): the practice's name, its value proposition (shrunk, then cut with "…", to
 * fit), who recommends it, the URL as text and as a QR code (error correction M, a quiet zone
 * of 4 modules, grey-scale so that it prints in black ink). Built-in fonts only; characters
 * they cannot show are replaced (platform/win-ansi.ts). Pure: no HTTP, no SQL, no network.
 */
export async function renderReferralCardPdf(input: ReferralCard): Promise<Uint8Array> {
  // Loaded when cards are printed: pdfkit and its fonts cost an idle server some 20 MB.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([
    import('pdfkit'),
    import('qrcode'),
  ]);
  // 8 pixels a module: sharp at print resolution whatever the viewer does when it scales it.
  const qrOptions: QRCodeToBufferOptions & { rendererOpts: { colorType: 0 } } = {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 8,
    color: { dark: '#000000', light: '#ffffff' },
    rendererOpts: { colorType: 0 },
  };
  const png = await QRCode.toBuffer(input.url, qrOptions);
  const oneLine = (s: string) => toWinAnsi(s.replace(/\s+/g, ' ').trim());
  const text: CardText = {
    name: oneLine(input.practiceName),
    referrer: oneLine(input.referrerFirstName ?? ''),
    valueProposition: oneLine(input.valueProposition),
    url: oneLine(input.url),
  };
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 0,
      info: {
        Title: `Referral cards: ${input.practiceName}`,
        Author: input.practiceName,
        Creator: 'Vouch',
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    drawCutMarks(doc);
    for (let r = 0; r < rows; r += 1)
      for (let c = 0; c < columns; c += 1)
        drawCard(doc, png, text, left + c * card.width, top + r * card.height);
    doc.end();
  });
}
