import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { openInCalc, type CalcSheet } from '../support/libreoffice';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

// Attack: a member types a formula into their name or address, or a line break before one;
// staff export members.csv or payments.csv and open it in a spreadsheet, which runs it.
// Found on the real site: a bare carriage return split the row and LibreOffice evaluated
// "=1+1" from an address; "a;=1+1" and "a<TAB>=1+1" became formulas when the file was
// opened with ";" or a tab as the separator (the default in many locales).
// The exports are downloaded through their routes and opened in LibreOffice Calc with each
// separator; no cell may be a formula and no row may split.

vi.mock('next/headers', () => nextHeadersMock);
const membersRoute = await import('@/app/[locale]/admin/members/export/route');
const paymentsRoute = await import('@/app/[locale]/admin/payments/export/route');

const domain = `${randomBytes(4).toString('hex')}.example.org`;
const PAID_ON = '2011-02-03';
const HOSTILE = [
  '12 High St\r=1+1',
  'a;=1+1',
  'a\t=1+1',
  'b,=2+2',
  'c; =3+3',
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-1+1',
  '@SUM(1,1)',
  ' =1+1',
  'line\n=1+1',
  'crlf\r\n=1+1',
  '"q";=1+1',
  '\u2028=1+1',
  'Núñez, María José',
];

let staff: PersonaUser;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
  const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'concession'`);
  for (const [i, text] of HOSTILE.entries()) {
    const email = `h${String(i).padStart(2, '0')}@${domain}`;
    const user = firstRow(
      await getSql()`
      insert into users (email, name, address_line1, city, postcode) values (${email}, ${text}, ${text}, ${text}, 'SW1A 1AA') returning id`,
    );
    const m = firstRow(
      await getSql()`
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, ${tier.id}, 'active', 'offline', '2011-01-01', '2099-01-01') returning id`,
    );
    await getSql()`
      insert into payments (kind, user_id, email, membership_id, amount_pence, status, method, paid_at, offline_reference)
      values ('membership', ${user.id}, ${email}, ${m.id}, 1000, 'paid', 'cheque', ${PAID_ON}, ${text})`;
  }
});

async function download(route: { GET: (r: Request, c: never) => Promise<Response> }, path: string): Promise<Uint8Array> {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  const response = await route.GET(new Request(`http://localhost:3000${path}`), { params: Promise.resolve({ locale: 'en' }) } as never);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const formulasIn = (sheets: CalcSheet[]) =>
  sheets
    .flatMap((s) => s.rows.flat())
    .filter((cell) => cell.formula !== null)
    .map((cell) => cell.formula);

describe('CSV exports opened in a spreadsheet', () => {
  // LibreOffice takes a few seconds a run, more on a busy machine.
  it('no cell becomes a formula and no row splits, read with comma, semicolon or tab as the separator', { timeout: 120_000 }, async () => {
    const files = [
      { name: 'members.csv', bytes: await download(membersRoute, `/admin/members/export?q=${domain}`) },
      { name: 'payments.csv', bytes: await download(paymentsRoute, `/admin/payments/export?from=${PAID_ON}&to=${PAID_ON}`) },
    ];
    for (const separator of [',', ';', '\t'] as const) {
      const opened = await openInCalc(files, { csvSeparator: separator });
      for (const file of files) {
        const sheets = opened[file.name]!;
        expect(formulasIn(sheets), `${file.name} read with ${JSON.stringify(separator)}`).toEqual([]);
        // The header and one row per member or payment: nothing split a row in two.
        expect(sheets[0]!.rows, `${file.name} read with ${JSON.stringify(separator)}`).toHaveLength(1 + HOSTILE.length);
      }
      if (separator !== ',') continue;

      // Read as intended, each cell holds the member's text on one line, made inert.
      const members = opened['members.csv']![0]!.rows;
      const header = members[0]!.map((c) => c.text);
      const column = (name: string) => members.slice(1).map((row) => row[header.indexOf(name)]?.text);
      expect(column('email')).toEqual(HOSTILE.map((_, i) => `h${String(i).padStart(2, '0')}@${domain}`));
      const expected = [
        '12 High St =1+1',
        "a;'=1+1",
        'a =1+1',
        "b,'=2+2",
        "c; '=3+3",
        `'=HYPERLINK("http://evil.example","x")`,
        "'+1+1",
        "'-1+1",
        "'@SUM(1,1)",
        "' =1+1",
        'line =1+1',
        'crlf =1+1',
        `"q";'=1+1`,
        "' =1+1",
        'Núñez, María José',
      ];
      expect(column('name')).toEqual(expected);
      expect(column('address line 1')).toEqual(expected);
      expect(column('city')).toEqual(expected);
      const payments = opened['payments.csv']![0]!.rows;
      const paymentHeader = payments[0]!.map((c) => c.text);
      expect(
        payments
          .slice(1)
          .map((row) => row[paymentHeader.indexOf('reference')]!.text)
          .sort(),
      ).toEqual([...expected].sort());
      // Amounts still arrive as numbers a spreadsheet can add up.
      expect(payments.slice(1).map((row) => row[paymentHeader.indexOf('amount')])).toEqual(
        HOSTILE.map(() => expect.objectContaining({ type: 'float', value: '10' })),
      );
    }
  });
});
