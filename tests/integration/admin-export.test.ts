import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { neutraliseCell, poundsText } from '@/lib/csv/stream';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const membersRoute = await import('@/app/[locale]/admin/members/export/route');
const paymentsRoute = await import('@/app/[locale]/admin/payments/export/route');
const { membersCsvStream } = await import('@/lib/csv/exports');
const { membershipLifecycleSql } = await import('@/lib/membership/lifecycle');
const { searchMembers } = await import('@/lib/membership/member-search');

let staff: PersonaUser;
const domain = `${randomBytes(4).toString('hex')}.example.org`;
// Names a spreadsheet could mangle: separators, quotes, line breaks, accents, formulas.
const TRICKY = [
  'Núñez, María José',
  'Ana "La Jefa" Quispe',
  'Line one\nLine two',
  'Ñandú Çédille – “curly” 😀',
  '=HYPERLINK("http://evil.example","click")',
  '+44 20 7946 0000',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rCarriage',
];

beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
  const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'concession'`);
  for (const [i, name] of TRICKY.entries()) {
    const user = firstRow(
      await getSql()`insert into users (email, name, city, postcode) values (${`t${i}@${domain}`}, ${name}, ${'Cusco, Perú'}, 'SW1A 1AA') returning id`,
    );
    const m = firstRow(
      await getSql()`
      insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, ${tier.id}, ${i % 2 ? 'lapsed' : 'active'}, 'offline', '2026-01-01', ${i % 2 ? '2026-02-01' : '2099-01-01'}) returning id`,
    );
    await getSql()`insert into payments (kind, user_id, email, membership_id, amount_pence, status, method, paid_at, offline_reference)
      values ('membership', ${user.id}, ${`t${i}@${domain}`}, ${m.id}, ${1000 + i * 5}, 'paid', 'cheque', ${`2026-03-0${(i % 9) + 1}`}, ${i === 4 ? '=1+1' : `CHQ ${i}`})`;
  }
});

async function get(route: { GET: (r: Request, c: never) => Promise<Response> }, path: string) {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  return route.GET(new Request(`http://localhost:3000${path}`), { params: Promise.resolve({ locale: 'en' }) } as never);
}

const readCsv = (bytes: ArrayBuffer) => {
  const text = new TextDecoder().decode(bytes);
  return { text, rows: parse(text, { bom: true, columns: true }) as Record<string, string>[] };
};

describe('members.csv', () => {
  it('downloads as an attachment, private, with a BOM, and re-reads to the same data', async () => {
    const response = await get(membersRoute, '/admin/members/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="members.csv"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = await response.arrayBuffer();
    expect([...new Uint8Array(bytes).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = readCsv(bytes);
    const ours = rows.filter((r) => r.email!.endsWith(`@${domain}`));
    expect(ours.map((r) => r.name)).toEqual(TRICKY.map(neutraliseCell));
    expect(ours[0]).toMatchObject({
      city: 'Cusco, Perú',
      postcode: 'SW1A 1AA',
      tier: 'concession',
      source: 'offline',
      'membership status': 'active',
      'start date': '2026-01-01',
      'end date': '2099-01-01',
      newsletter: 'yes',
    });
  });

  it('neutralises every formula-like cell with a leading apostrophe, puts each cell on one line, and leaves the rest as they were', async () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'a\r\nb', 'a=1', ' =1', 'a;=1', 'a, -1', '30.00', 'María'].map(neutraliseCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      ' x',
      ' x',
      'a b',
      'a=1',
      "' =1",
      "a;'=1",
      "a, '-1",
      '30.00',
      'María',
    ]);
    const { text, rows } = readCsv(await (await get(membersRoute, '/admin/members/export')).arrayBuffer());
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^\s*[=+\-@]|[\t\r\n]|[,;]\s*[=+\-@]/);
    // Every cell quoted, so no reader can mistake a comma, semicolon or tab in one for a separator.
    for (const line of text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean))
      expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
  });

  it('takes the members list filters; unknown or bad parameters are ignored; the export is audited with its filter', async () => {
    const emails = async (query: string) =>
      readCsv(await (await get(membersRoute, `/admin/members/export?${query}`)).arrayBuffer())
        .rows.map((r) => r.email)
        .filter((e) => e!.endsWith(domain))
        .sort();
    expect(await emails(`q=${encodeURIComponent('núñez')}`)).toEqual([`t0@${domain}`]);
    expect(await emails(`q=sw1a1aa&status=lapsed&tier=concession&source=offline`)).toEqual(
      [1, 3, 5, 7, 9].map((i) => `t${i}@${domain}`).sort(),
    );
    expect((await emails('status=active&expiresWithin=30')).length).toBe(0);
    expect(await emails(`q=${domain}&status=bogus&tier=%27;drop&expiresWithin=abc&sort=hack`)).toHaveLength(10);
    const [audit] = await getSql()`select actor_user_id, data from audit_log where action = 'members.exported' order by id desc limit 1`;
    expect(audit).toEqual({ actor_user_id: staff.userId, data: { filter: { q: domain } } });
  });

  it('holds the members the list shows, with the status it shows: grace included', async () => {
    // Paid up to five days ago: in the grace period, which the list shows as its own status.
    const graceDomain = `grace-${domain}`;
    const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'individual'`);
    const user = firstRow(await getSql()`insert into users (email, name) values (${`g@${graceDomain}`}, 'Grace Member') returning id`);
    await getSql()`insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end)
      values (${user.id}, ${tier.id}, 'active', 'offline', now() - interval '370 days', now() - interval '5 days')`;
    const listed = (await searchMembers({ q: graceDomain, status: 'grace' })).rows;
    expect(listed.map((r) => [r.email, r.lifecycle])).toEqual([[`g@${graceDomain}`, 'grace']]);
    const exported = readCsv(await (await get(membersRoute, `/admin/members/export?q=${graceDomain}&status=grace`)).arrayBuffer()).rows;
    expect(exported.map((r) => [r.email, r['membership status']])).toEqual([[`g@${graceDomain}`, 'grace']]);
    // And no one else: a filter the export did not know used to be dropped, exporting everyone.
    expect(readCsv(await (await get(membersRoute, `/admin/members/export?status=grace`)).arrayBuffer()).rows.map((r) => r.email)).toEqual(
      (await searchMembers({ status: 'grace' }, { limit: 200 })).rows.map((r) => r.email).sort((a, b) => a!.localeCompare(b!)),
    );
  });

  it('streams through a cursor: a reader that stops early cancels it', async () => {
    const reader = membersCsvStream({}, membershipLifecycleSql(30)).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"email","name","address line 1"');
    await reader.cancel();
    expect((await getSql()`select 1 as ok`)[0]!.ok).toBe(1);
  });
});

describe('payments.csv', () => {
  it('has amounts in pounds with two decimals, filters by date, kind and status, and is audited', async () => {
    const response = await get(paymentsRoute, '/admin/payments/export?from=2026-03-01&to=2026-03-05&kind=membership&status=paid&junk=1');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="payments.csv"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { rows } = readCsv(await response.arrayBuffer());
    const ours = rows.filter((r) => r.email!.endsWith(domain)).sort((a, b) => a.email!.localeCompare(b.email!));
    // Paid on 1-5 March: i % 9 in 0..4, i.e. t0-t4 and t9.
    expect(ours.map((r) => r.email)).toEqual([0, 1, 2, 3, 4, 9].map((i) => `t${i}@${domain}`).sort());
    expect(ours.find((r) => r.email === `t1@${domain}`)).toMatchObject({
      amount: '10.05',
      refunded: '0.00',
      kind: 'membership',
      method: 'cheque',
      tier: 'concession',
      name: TRICKY[1],
    });
    expect(ours.find((r) => r.email === `t4@${domain}`)).toMatchObject({ reference: "'=1+1", name: neutraliseCell(TRICKY[4]!) });
    expect(
      (
        await get(paymentsRoute, '/admin/payments/export?kind=donation')
          .then((r) => r.arrayBuffer())
          .then(readCsv)
      ).rows.filter((r) => r.email!.endsWith(domain)),
    ).toEqual([]);
    const audit = firstRow(await getSql()`select data from audit_log where action = 'payments.exported' order by id desc limit 1`);
    expect(audit.data).toEqual({ filter: { kind: 'donation' } });
    expect([0, 5, 99, 100, 3050, 100000].map(poundsText)).toEqual(['0.00', '0.05', '0.99', '1.00', '30.50', '1000.00']);
  });

  it('says "gift aid eligible: no" for a Gift-Aided payment as soon as it is refunded', async () => {
    const day = '2011-07-08';
    for (const [i, refunded] of [
      [0, 0],
      [1, 500],
    ] as const) {
      await getSql()`insert into payments (kind, email, amount_pence, refunded_pence, status, method, paid_at, gift_aid_eligible)
        values ('donation', ${`ga${i}@${domain}`}, 2000, ${refunded}, ${refunded ? 'partially_refunded' : 'paid'}, 'card', ${day}, true)`;
    }
    const { rows } = readCsv(await (await get(paymentsRoute, `/admin/payments/export?from=${day}&to=${day}`)).arrayBuffer());
    expect(rows.map((r) => [r.email, r.refunded, r['gift aid eligible']]).sort()).toEqual([
      [`ga0@${domain}`, '0.00', 'yes'],
      [`ga1@${domain}`, '5.00', 'no'],
    ]);
  });
});
