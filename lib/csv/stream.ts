// CSV out: every cell made safe for spreadsheets, rows streamed batch by batch from a
// database cursor so memory stays flat however many rows there are.
import { stringify } from 'csv-stringify/sync';

/** Excel and LibreOffice read a leading BOM as "this is UTF-8", so accents come out right. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage
 * return, OWASP's list) gets a leading apostrophe, which makes it plain text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | boolean | Date | null | undefined;

const cellText = (value: CsvCell): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return neutraliseCell(String(value));
};

/** Rows to CSV text (RFC 4180 quoting by csv-stringify; CRLF line ends, as spreadsheets expect). */
export function toCsv(rows: CsvCell[][]): string {
  return stringify(rows.map((row) => row.map(cellText)), { record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
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
export const poundsText = (pence: number) => `${pence < 0 ? '-' : ''}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, '0')}`;
