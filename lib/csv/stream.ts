// CSV out: every cell made safe for spreadsheets, rows streamed batch by batch from a
// database cursor so memory stays flat however many rows there are.
import { stringify } from 'csv-stringify/sync';

/** Excel and LibreOffice read a leading BOM as "this is UTF-8", so accents come out right. */
export const UTF8_BOM = '\uFEFF';

// Spreadsheet-safe text, against CSV (formula) injection: OWASP ASVS 5.0 V1.2.10 and CWE-1236
// ask for RFC 4180 quoting plus a leading apostrophe on cells that start with = + - @ or a
// tab/carriage return. Two more holes were found by opening our own exports in LibreOffice:
// - a bare carriage return inside a cell was written unquoted, so the row split there and
//   the rest of the cell ("=1+1") became a cell of its own, and a formula;
// - many locales open CSV with ";" or a tab as the separator, so "a;=1+1" became the cells
//   "a" and "=1+1".
// So: every cell is quoted; tabs, line breaks and other control characters become spaces
// (no reader can split a row or a cell on them any more); a cell whose first non-space
// character is a trigger gets the apostrophe (LibreOffice can be told to trim spaces); and
// so does a trigger after a comma or semicolon, whichever separator the file is opened with.
// tests/security/csv-injection.test.ts opens real exports in LibreOffice with all three.

const FORMULA_START = /^[=+\-@]/;
// C0 controls (tab, CR, LF...), DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
const TRIGGER_AFTER_SEPARATOR = /([,;])(\s*)(?=[=+\-@])/g;

/** The text of one cell as no spreadsheet will run it or split it, whatever separator it is read with. */
export function neutraliseCell(value: string): string {
  const oneLine = value.replace(CONTROL, ' ');
  const guarded = oneLine.replace(TRIGGER_AFTER_SEPARATOR, "$1$2'");
  return FORMULA_START.test(guarded.trimStart()) ? `'${guarded}` : guarded;
}

export type CsvCell = string | number | boolean | Date | null | undefined;

const cellText = (value: CsvCell): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return neutraliseCell(String(value));
};

/** Rows to CSV text: every cell quoted (RFC 4180, by csv-stringify), CRLF line ends as spreadsheets expect. */
export function toCsv(rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    { record_delimiter: 'windows', quoted: true, quoted_empty: true },
  );
}

/**
 * A byte stream of BOM + header + rows, pulling one batch from `batches` each time the
 * reader wants more (backpressure), and closing the cursor if the download is abandoned.
 */
export function csvStream<T>(header: string[], batches: AsyncIterable<T[]>, toRow: (item: T) => CsvCell[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<T[]> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + toCsv([header])));
    },
    async pull(controller) {
      iterator ??= batches[Symbol.asyncIterator]();
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(toCsv(next.value.map(toRow))));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

/** Integer pence as pounds with two decimals, no symbol: 3050 → "30.50". */
export const poundsText = (pence: number) =>
  `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
