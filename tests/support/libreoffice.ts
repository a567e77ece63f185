import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

// Opens files the way staff do, in LibreOffice Calc (headless), and reads back what Calc made
// of them: each sheet's rows, each cell's type, value and text, and any formula. Calc saves
// what it opened as flat XML (.fods), whose cells carry `table:formula` when Calc took the
// content for a formula. Slow (a second or two a call): convert several files at once.
// CI installs Calc (.ci/run); scripts/test.sh refuses to run without it.

const run = promisify(execFile);
export const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';

export type CalcCell = { type: string; value: string | null; text: string; formula: string | null };
export type CalcSheet = { name: string; rows: CalcCell[][] };

/** LibreOffice's CSV filter options: separator, quote, UTF-8, from line 1, English, evaluate formulas. */
function csvFilter(separator: ',' | ';' | '\t') {
  // Tokens (help.libreoffice.org, "CSV Filter Options"): 1 separator, 2 text delimiter,
  // 3 character set (76 = UTF-8), 4 first line, 5 column formats, 6 language (1033),
  // 7 quoted field as text, 8 detect special numbers, 9-11 export only / trim spaces (off),
  // 12 sheet, 13 evaluate formulas: on, as in the dialog's default, the worst case for us.
  return `CSV:${separator.charCodeAt(0)},34,76,1,,1033,false,false,false,false,false,-1,true`;
}

const decode = (xml: string) =>
  xml
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_m, n: string | undefined) => ' '.repeat(Number(n ?? 1)))
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<text:line-break\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? null;

/** The sheets of a .fods file, trailing empty cells and rows dropped. */
export function parseFods(fods: string): CalcSheet[] {
  const sheets: CalcSheet[] = [];
  for (const table of fods.matchAll(/<table:table (?<open>[^>]*)>(?<body>[\s\S]*?)<\/table:table>/g)) {
    const rows: CalcCell[][] = [];
    for (const row of table.groups!.body!.matchAll(/<table:table-row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g)) {
      const cells: CalcCell[] = [];
      for (const cell of (row[2] ?? '').matchAll(
        /<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g,
      )) {
        const tag = cell[1]!;
        const paragraphs = [...(cell[2] ?? '').matchAll(/<text:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:p>)/g)].map((p) => decode(p[1] ?? ''));
        const one: CalcCell = {
          type: attr(tag, 'office:value-type') ?? 'empty',
          value: attr(tag, 'office:date-value') ?? attr(tag, 'office:value') ?? attr(tag, 'office:boolean-value'),
          text: paragraphs.join('\n'),
          formula: attr(tag, 'table:formula'),
        };
        const repeat = Math.min(Number(attr(tag, 'table:number-columns-repeated') ?? 1), 64);
        for (let i = 0; i < repeat; i++) cells.push(one);
      }
      while (cells.length && cells.at(-1)!.type === 'empty' && !cells.at(-1)!.text) cells.pop();
      const repeat = cells.length ? Math.min(Number(attr(row[1]!, 'table:number-rows-repeated') ?? 1), 10_000) : 1;
      for (let i = 0; i < repeat; i++) rows.push(cells);
    }
    while (rows.length && rows.at(-1)!.length === 0) rows.pop();
    sheets.push({ name: decode(attr(`<x ${table.groups!.open}>`, 'table:name') ?? ''), rows });
  }
  return sheets;
}

/**
 * Opens each file in Calc and returns its sheets, by file name. CSV files are read with the
 * given separator, as a person picks it in the import dialog (or their locale does for them).
 */
export async function openInCalc(
  files: { name: string; bytes: Uint8Array | string }[],
  options: { csvSeparator?: ',' | ';' | '\t' } = {},
): Promise<Record<string, CalcSheet[]>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'calc-'));
  try {
    for (const file of files) await writeFile(path.join(dir, file.name), file.bytes);
    const args = [
      // A profile of its own, so that runs never share (or wait on) another's lock.
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--headless',
      '--norestore',
      ...(options.csvSeparator ? [`--infilter=${csvFilter(options.csvSeparator)}`] : []),
      '--convert-to',
      'fods',
      '--outdir',
      path.join(dir, 'out'),
      ...files.map((file) => path.join(dir, file.name)),
    ];
    try {
      await run(SOFFICE, args, { timeout: 120_000 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(`LibreOffice (${SOFFICE}) is not installed: apt-get install -y libreoffice-calc-nogui, or set SOFFICE_PATH.`);
      }
      throw error;
    }
    const result: Record<string, CalcSheet[]> = {};
    for (const file of files) {
      const out = path.join(dir, 'out', `${path.parse(file.name).name}.fods`);
      result[file.name] = parseFods(
        await readFile(out, 'utf8').catch(() => {
          throw new Error(`LibreOffice could not open ${file.name}`);
        }),
      );
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
