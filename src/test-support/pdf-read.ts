/**
 * Reading a PDF back in tests, from its bytes: pdf.js (through unpdf) for the text and the
 * images, jsQR for the QR codes among them.
 */
import jsqr from 'jsqr';
import { extractImages, getDocumentProxy } from 'unpdf';

// jsqr is CommonJS whose typings name its function `default` (it is there at run time too).
const jsQR = jsqr.default;

/** What each QR image drawn on the first page decodes to, read back out of the PDF's bytes. */
export async function decodedQrCodes(pdf: Uint8Array): Promise<(string | null)[]> {
  // pdf.js (through unpdf) reads the page's operator list and decodes each image XObject.
  const images = await extractImages(pdf.slice(), 1);
  return images.map((image) => {
    const pixels = image.width * image.height;
    const rgba = new Uint8ClampedArray(pixels * 4);
    for (let p = 0; p < pixels; p += 1) {
      for (let k = 0; k < 3; k += 1)
        rgba[p * 4 + k] = image.data[p * image.channels + (image.channels === 1 ? 0 : k)] ?? 0;
      rgba[p * 4 + 3] = 255;
    }
    return jsQR(rgba, image.width, image.height)?.data ?? null;
  });
}

export type TextItem = { str: string; x: number; y: number; width: number; height: number };

/** The first page's size and its text items, as pdf.js lays them out (origin bottom left). */
export async function pageText(pdf: Uint8Array) {
  const doc = await getDocumentProxy(pdf.slice());
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items)
    if ('str' in item && item.str.trim() !== '')
      items.push({
        str: item.str,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        height: item.height,
      });
  const [, , width, height] = page.view;
  return { numPages: doc.numPages, width, height, items, text: items.map((i) => i.str).join(' ') };
}
