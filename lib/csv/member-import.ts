// Reads a charity's member spreadsheet (CSV) and checks every row, without touching the
// database: the file-level refusals (size, encoding, binary, header) and row-by-row errors.
// Pure, so the rules are tested without a server; db/queries/member-import.ts adds what
// only the database knows (is this email already a member, is anything different).
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** One record (row) of the CSV; a longer one is not a member's details. */
export const MAX_RECORD_BYTES = 64 * 1024;

/** The columns we read, each with the header names an old spreadsheet might use. */
export const IMPORT_COLUMNS = {
  email: ['email', 'email address', 'e mail', 'correo', 'correo electronico'],
  name: ['name', 'full name', 'nombre completo'],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'nombre'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'apellido', 'apellidos'],
  addressLine1: ['address line 1', 'address 1', 'address', 'direccion'],
  addressLine2: ['address line 2', 'address 2'],
  city: ['city', 'town', 'ciudad'],
  postcode: ['postcode', 'post code', 'postal code', 'zip', 'codigo postal'],
  country: ['country', 'pais'],
  tier: ['tier', 'membership tier', 'membership type', 'cuota'],
  source: ['source', 'status', 'membership source', 'origen'],
  startDate: ['start date', 'start', 'member since', 'joined', 'fecha de inicio'],
  endDate: ['end date', 'end', 'expires', 'expiry date', 'renewal date', 'paid until', 'fecha de fin'],
  newsletter: ['newsletter', 'newsletter opt in', 'newsletter optin', 'boletin'],
  notes: ['notes', 'note', 'comments', 'notas'],
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;
/** The header of the downloadable template, in the order of the table on the page. */
export const TEMPLATE_HEADER = [
  'email',
  'first name',
  'last name',
  'address line 1',
  'address line 2',
  'city',
  'postcode',
  'country',
  'tier',
  'source',
  'start date',
  'end date',
  'newsletter',
  'notes',
];
const REQUIRED_COLUMNS: ImportColumn[] = ['email', 'tier'];

const LIMITS: Partial<Record<ImportColumn, number>> = {
  name: 200,
  firstName: 100,
  lastName: 100,
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  postcode: 20,
  country: 100,
  notes: 2000,
};

/** Header names compare without case, accents, punctuation or extra spaces. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_LOOKUP = new Map<string, ImportColumn>(
  Object.entries(IMPORT_COLUMNS).flatMap(([column, names]) => names.map((n) => [normaliseHeader(n), column as ImportColumn])),
);

export type FileRefusal =
  | 'empty'
  | 'tooLarge'
  | 'binary'
  | 'notUtf8'
  | 'recordTooLarge'
  | 'malformed'
  | 'noHeader'
  | 'missingColumns'
  | 'duplicateColumn'
  | 'tooManyRows'
  | 'noRows';

export type RowErrorCode =
  | 'required'
  | 'email'
  | 'unknownTier'
  | 'source'
  | 'date'
  | 'futureStart'
  | 'endBeforeStart'
  | 'duplicateEmail'
  | 'formula'
  | 'tooLong'
  | 'newsletter';

/** One problem in one cell: `row` is the spreadsheet row (the header is row 1). */
export type RowError = { row: number; column: ImportColumn; code: RowErrorCode; value?: string; otherRow?: number };

/** A row that passed every check, normalised, ready to compare with the database. */
export type CheckedRow = {
  row: number;
  email: string;
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  tierSlug: string;
  source: 'offline' | 'complimentary';
  startDate: string;
  endDate: string;
  newsletterOptIn: boolean | null;
  notes: string | null;
};

export type TierRef = { slug: string; nameEn: string; nameEs: string };

export type ParseResult =
  | { ok: false; refusal: FileRefusal; detail?: string }
  | { ok: true; rows: CheckedRow[]; errors: RowError[]; ignoredColumns: string[]; totalRows: number };

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a cell would run as a formula in a spreadsheet. */
export const looksLikeFormula = (value: string) => FORMULA_START.test(value);

/** DD/MM/YYYY (UK spreadsheets) or YYYY-MM-DD to YYYY-MM-DD; null when not a real date. */
export function parseImportDate(value: string): string | null {
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  let [y, mo, d] = m ? [Number(m[3]), Number(m[2]), Number(m[1])] : [0, 0, 0];
  if (!m) {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return null;
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const addYear = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
};

const YES = new Set(['yes', 'y', 'true', '1', 'si', 'sí', 'x', 'opted in', 'opt in']);
const NO = new Set(['no', 'n', 'false', '0', 'opted out', 'opt out']);
const emailSchema = z.email();

/** Decodes the bytes as UTF-8 (a BOM is dropped), or says why it cannot. */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; refusal: FileRefusal } {
  if (bytes.byteLength === 0) return { ok: false, refusal: 'empty' };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, refusal: 'tooLarge' };
  // A NUL byte never appears in a text spreadsheet; spreadsheets saved as .xlsx, PDFs and images all have them.
  if (bytes.includes(0)) return { ok: false, refusal: 'binary' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, refusal: 'notUtf8' };
  }
}

/** Parses and checks a member CSV. `today` is YYYY-MM-DD. */
export function parseMemberCsv(bytes: Uint8Array, ctx: { tiers: TierRef[]; today: string }): ParseResult {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      max_record_size: MAX_RECORD_BYTES,
      to: MAX_IMPORT_ROWS + 2,
    }) as never;
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') return { ok: false, refusal: 'recordTooLarge' };
    if (error instanceof CsvError) return { ok: false, refusal: 'malformed', detail: `line ${(error as { lines?: number }).lines ?? '?'}` };
    throw error;
  }
  const headerRecord = records[0];
  if (!headerRecord) return { ok: false, refusal: 'empty' };

  const header = headerRecord.record.map((cell) => HEADER_LOOKUP.get(normaliseHeader(cell)) ?? null);
  const known = header.filter((c): c is ImportColumn => c !== null);
  if (known.length === 0) return { ok: false, refusal: 'noHeader' };
  const duplicate = known.find((c, i) => known.indexOf(c) !== i);
  if (duplicate) return { ok: false, refusal: 'duplicateColumn', detail: duplicate };
  const hasName = known.includes('name') || known.includes('firstName') || known.includes('lastName');
  const missing = [...REQUIRED_COLUMNS.filter((c) => !known.includes(c)), ...(hasName ? [] : ['name'])];
  if (missing.length) return { ok: false, refusal: 'missingColumns', detail: missing.join(', ') };
  const ignoredColumns = headerRecord.record.filter((cell, i) => header[i] === null && cell !== '');
  const dataRecords = records.slice(1);
  if (dataRecords.length === 0) return { ok: false, refusal: 'noRows' };
  if (dataRecords.length > MAX_IMPORT_ROWS) return { ok: false, refusal: 'tooManyRows', detail: String(MAX_IMPORT_ROWS) };

  const tierByKey = new Map<string, string>();
  for (const tier of ctx.tiers) for (const key of [tier.slug, tier.nameEn, tier.nameEs]) tierByKey.set(normaliseHeader(key), tier.slug);

  const rows: CheckedRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfEmail = new Map<string, number>();
  for (const { record, info } of dataRecords) {
    // The line the record starts on (a quoted cell may span lines): the spreadsheet's row number.
    const row = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const cells: Partial<Record<ImportColumn, string>> = {};
    header.forEach((column, i) => {
      if (column) cells[column] = (record[i] ?? '').trim();
    });
    const rowErrors: RowError[] = [];
    const fail = (column: ImportColumn, code: RowErrorCode, extra: Partial<RowError> = {}) =>
      rowErrors.push({ row, column, code, value: (cells[column] ?? '').slice(0, 80), ...extra });

    for (const [column, value] of Object.entries(cells) as [ImportColumn, string][]) {
      if (looksLikeFormula(value)) fail(column, 'formula');
      else if (value.length > (LIMITS[column] ?? 320)) fail(column, 'tooLong');
    }
    const text = (column: ImportColumn) => (rowErrors.some((e) => e.column === column) ? '' : (cells[column] ?? ''));

    const email = text('email').toLowerCase();
    if (!cells.email) fail('email', 'required');
    else if (email && !emailSchema.safeParse(email).success) fail('email', 'email');
    else if (email && firstRowOfEmail.has(email)) fail('email', 'duplicateEmail', { otherRow: firstRowOfEmail.get(email) });
    if (email && !firstRowOfEmail.has(email)) firstRowOfEmail.set(email, row);

    const name = text('name') || [text('firstName'), text('lastName')].filter(Boolean).join(' ');
    const nameColumn: ImportColumn = known.includes('name') ? 'name' : known.includes('firstName') ? 'firstName' : 'lastName';
    if (!name && !rowErrors.some((e) => ['name', 'firstName', 'lastName'].includes(e.column))) fail(nameColumn, 'required');

    const tierSlug = text('tier') ? tierByKey.get(normaliseHeader(text('tier'))) : undefined;
    if (!cells.tier) fail('tier', 'required');
    else if (text('tier') && !tierSlug) fail('tier', 'unknownTier');

    const sourceText = normaliseHeader(text('source'));
    const source =
      sourceText === '' || sourceText === 'offline'
        ? 'offline'
        : ['complimentary', 'comp', 'honorary', 'free'].includes(sourceText)
          ? 'complimentary'
          : null;
    if (!source && !rowErrors.some((e) => e.column === 'source')) fail('source', 'source');

    const startDate = text('startDate') ? parseImportDate(text('startDate')) : ctx.today;
    if (!startDate && text('startDate')) fail('startDate', 'date');
    else if (startDate && startDate > ctx.today) fail('startDate', 'futureStart');
    const endDate = text('endDate') ? parseImportDate(text('endDate')) : startDate ? addYear(startDate) : null;
    if (!endDate && text('endDate')) fail('endDate', 'date');
    else if (startDate && endDate && endDate <= startDate) fail('endDate', 'endBeforeStart');

    const newsletterText = normaliseHeader(text('newsletter'));
    const newsletterOptIn = newsletterText === '' ? null : YES.has(newsletterText) ? true : NO.has(newsletterText) ? false : undefined;
    if (newsletterOptIn === undefined) fail('newsletter', 'newsletter');

    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const optional = (column: ImportColumn) => text(column) || null;
    rows.push({
      row,
      email,
      name,
      addressLine1: optional('addressLine1'),
      addressLine2: optional('addressLine2'),
      city: optional('city'),
      postcode: optional('postcode')?.toUpperCase() ?? null,
      country: optional('country'),
      tierSlug: tierSlug!,
      source: source!,
      startDate: startDate!,
      endDate: endDate!,
      newsletterOptIn: newsletterOptIn ?? null,
      notes: optional('notes'),
    });
  }
  return { ok: true, rows, errors, ignoredColumns, totalRows: dataRecords.length };
}
