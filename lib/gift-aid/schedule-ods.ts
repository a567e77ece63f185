import { strToU8, zipSync } from 'fflate';
import { SCHEDULE_HEADER, scheduleAmount, scheduleRow, type ScheduleLine } from './hmrc-schedule';

// A claim's donation lines as a spreadsheet to copy from, into HMRC's own schedule.
//
// Not HMRC's schedule, and not a file to attach: Charities Online takes only HMRC's template
// (worksheet name, layout and version are HMRC's; "don't change the layout of the schedule or
// change the name of the worksheet"), and HMRC warns that other programs' ODS files may not
// attach. The template cannot be reproduced faithfully here, so staff paste these rows into
// it (steps on /admin/gift-aid and in the README). What this file adds over a CSV: its cells
// are typed. The donation date is a real date (shown DD/MM/YY) and the amount a number (shown
// 30.00), so a paste of values lands as HMRC's validation wants (a date typed as text fails
// it), and no locale's CSV import can read 05/03/26 as 3 May; names, houses and postcodes
// are text cells, never formulas, whatever they hold.
//
// Written by hand over fflate (the zip): OpenDocument 1.2's smallest spreadsheet is a
// mimetype entry, a manifest and content.xml. There is no well-kept ODS writer on npm
// (SheetJS stopped publishing there at 0.18.5, with open advisories), and the test opens
// every file this writes in LibreOffice Calc (tests/integration/admin-gift-aid.test.ts, e2e/admin-gift-aid.spec.ts).

const MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/** XML 1.0 text: escaped, and without the characters XML cannot carry at all. */
const xml = (text: string) =>
  text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const text = (value: string, style = '') =>
  value ? `<table:table-cell${style} office:value-type="string"><text:p>${xml(value)}</text:p></table:table-cell>` : '<table:table-cell/>';

function line(l: ScheduleLine): string {
  const shown = scheduleRow(l);
  const amount = scheduleAmount(l.amountPence);
  return [
    text(l.title),
    text(l.firstName),
    text(l.lastName),
    text(l.house),
    text(l.postcode),
    text(l.aggregated),
    text(l.sponsored),
    `<table:table-cell table:style-name="day" office:value-type="date" office:date-value="${l.day}"><text:p>${shown[7]}</text:p></table:table-cell>`,
    `<table:table-cell table:style-name="amount" office:value-type="float" office:value="${amount}"><text:p>${amount}</text:p></table:table-cell>`,
  ].join('');
}

const WIDTHS = ['1.5cm', '4cm', '4.5cm', '6cm', '2.5cm', '3.5cm', '3cm', '3cm', '2.5cm'];

function content(lines: ScheduleLine[], sheetName: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
 <office:automatic-styles>
  <number:date-style style:name="ddmmyy"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year/></number:date-style>
  <number:number-style style:name="pounds"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
  <style:style style:name="day" style:family="table-cell" style:data-style-name="ddmmyy"/>
  <style:style style:name="amount" style:family="table-cell" style:data-style-name="pounds"/>
  <style:style style:name="heading" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
${WIDTHS.map((width, i) => `  <style:style style:name="col${i}" style:family="table-column"><style:table-column-properties style:column-width="${width}"/></style:style>`).join('\n')}
 </office:automatic-styles>
 <office:body>
  <office:spreadsheet>
   <table:table table:name="${xml(sheetName)}">
${WIDTHS.map((_, i) => `    <table:table-column table:style-name="col${i}"/>`).join('\n')}
    <table:table-row>${SCHEDULE_HEADER.map((label) => text(label, ' table:style-name="heading"')).join('')}</table:table-row>
${lines.map((l) => `    <table:table-row>${line(l)}</table:table-row>`).join('\n')}
   </table:table>
  </office:spreadsheet>
 </office:body>
</office:document-content>`;
}

/** The rows to paste, as an .ods file: a heading row, then one row per donation in HMRC's column order. */
export function scheduleRowsOds(lines: ScheduleLine[], sheetName = 'Rows to paste'): Uint8Array {
  // OpenDocument: "mimetype" first and stored uncompressed, so the type can be read from the bytes.
  return zipSync(
    {
      mimetype: [strToU8(MIMETYPE), { level: 0 }],
      'META-INF/manifest.xml': strToU8(MANIFEST),
      'content.xml': strToU8(content(lines, sheetName)),
    },
    { level: 6, mtime: new Date('2020-01-01T00:00:00Z') },
  );
}

/** Where the donation rows are in that file, for the steps: A2 to I(n+1). */
export const rowsRange = (count: number) => `A2:I${count + 1}`;
