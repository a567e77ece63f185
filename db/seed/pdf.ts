import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A small, valid one-page PDF standing in for a demo publication's file. */
export async function demoPdf(title: string, languageLabel: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor('Peru Support Group');
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const page = doc.addPage([595, 842]);
  const serif = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  page.drawText('Peru Support Group', { x: 56, y: 780, size: 12, font: serif, color: rgb(0.4, 0.1, 0.1) });
  let y = 740;
  for (const line of wrap(title, 60)) {
    page.drawText(line, { x: 56, y, size: 20, font: bold });
    y -= 26;
  }
  page.drawText(`${languageLabel} — demo file for the publications library`, { x: 56, y: y - 20, size: 11, font: serif });
  return doc.save();
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > width) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  return lines;
}
