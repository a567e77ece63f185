import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { parseMemberCsv, type TierRef } from '@/lib/csv/member-import';
import { createPersona, type PersonaUser } from '../support/personas';
import { postForm } from '../support/forms';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const { startMemberImport } = await import('@/app/[locale]/admin/members/import/actions');
const { POST } = await import('@/app/api/admin/members/import/route');
/** Step 1's upload form, posted to its route handler as the page's JavaScript does. */
const previewMemberImport = (data: FormData) => postForm(POST, '/api/admin/members/import?locale=en', data);
const { runMemberImport } = await import('@/lib/jobs/member-import');

const TIERS: TierRef[] = [
  { slug: 'individual', nameEn: 'Individual', nameEs: 'Individual' },
  { slug: 'concession', nameEn: 'Concession', nameEs: 'Tarifa reducida' },
];
const TODAY = '2026-06-15';
const check = (text: string | Uint8Array) =>
  parseMemberCsv(typeof text === 'string' ? new TextEncoder().encode(text) : text, { tiers: TIERS, today: TODAY });
const HEADER = 'Email,First Name,Last Name,Tier,Start Date,End Date\n';

describe('reading and checking a member CSV (no database)', () => {
  it('accepts a UTF-8 file with a BOM, headers in any case and spacing, DD/MM/YYYY and YYYY-MM-DD dates', () => {
    const result = check(
      '\uFEFF  E-MAIL , first_name,SURNAME, Membership Tier ,start date,End date,Newsletter,Notes\nJose.Nunez@Example.org,José,Núñez,Tarifa reducida,01/02/2025,2026-02-01,no,"Paid, by ""cheque""\nin March"\n',
    );
    expect(result).toMatchObject({
      ok: true,
      errors: [],
      rows: [
        {
          row: 2,
          email: 'jose.nunez@example.org',
          name: 'José Núñez',
          tierSlug: 'concession',
          startDate: '2025-02-01',
          endDate: '2026-02-01',
          newsletterOptIn: false,
          notes: 'Paid, by "cheque"\nin March',
          source: 'offline',
        },
      ],
    });
  });

  it('refuses a file that is not UTF-8 (a Latin-1 export), saying to save it as CSV UTF-8', () => {
    expect(check(Buffer.from(`${HEADER}jose@example.org,Jos\xe9,N\xfa\xf1ez,individual,,\n`, 'latin1'))).toEqual({
      ok: false,
      refusal: 'notUtf8',
    });
  });

  it('refuses binary files (an .xlsx is a zip, a PNG has NUL bytes)', () => {
    expect(check(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, refusal: 'binary' });
    expect(check(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toEqual({
      ok: false,
      refusal: 'binary',
    });
  });

  it('refuses a file without a header, or without the required columns', () => {
    expect(check('ana@example.org,Ana,Quispe,individual\n')).toEqual({ ok: false, refusal: 'noHeader' });
    expect(check('email,first name\nana@example.org,Ana\n')).toEqual({ ok: false, refusal: 'missingColumns', detail: 'tier' });
    expect(check('email,tier\nana@example.org,individual\n')).toEqual({ ok: false, refusal: 'missingColumns', detail: 'name' });
    expect(check('email,e-mail,name,tier\n')).toEqual({ ok: false, refusal: 'duplicateColumn', detail: 'email' });
    expect(check('')).toEqual({ ok: false, refusal: 'empty' });
    expect(check(HEADER)).toEqual({ ok: false, refusal: 'noRows' });
  });

  it('refuses 10 MB of one line by size, and a 1 MB line by record size', () => {
    expect(check(`${HEADER}${'x'.repeat(10 * 1024 * 1024)}`)).toEqual({ ok: false, refusal: 'tooLarge' });
    expect(check(`${HEADER}${'x'.repeat(1024 * 1024)}\n`)).toEqual({ ok: false, refusal: 'recordTooLarge' });
    expect(check(`${HEADER}"a@example.org,never closed\n`)).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('reports each bad cell with its row and column, and keeps the good rows', () => {
    const result = check(
      HEADER +
        'good@example.org,Ana,Quispe,individual,01/01/2025,01/01/2026\n' + // row 2
        'not-an-email,Bob,Smith,individual,,\n' + // 3
        'tier@example.org,Cy,Lee,Gold,,\n' + // 4
        'date@example.org,Di,Vo,individual,31/02/2025,\n' + // 5
        'order@example.org,Ed,Ng,individual,01/06/2025,01/01/2025\n' + // 6
        'future@example.org,Fi,Ox,individual,01/01/2030,\n' + // 7
        'GOOD@example.org,Ana,Again,individual,,\n' + // 8
        ',No,Email,individual,,\n' + // 9
        'formula@example.org,"=HYPERLINK(""http://evil"")",@SUM(A1),+cmd,,\n' + // 10
        'blank@example.org,,,individual,,\n', // 11
    );
    if (!result.ok) throw new Error(result.refusal);
    expect(result.rows.map((r) => r.email)).toEqual(['good@example.org']);
    expect(result.totalRows).toBe(10);
    expect(result.errors.map(({ row, column, code }) => `${row} ${column} ${code}`).sort()).toEqual(
      [
        '3 email email',
        '4 tier unknownTier',
        '5 startDate date',
        '6 endDate endBeforeStart',
        '7 startDate futureStart',
        '8 email duplicateEmail',
        '9 email required',
        '10 firstName formula',
        '10 lastName formula',
        '10 tier formula',
        '11 firstName required',
      ].sort(),
    );
    expect(result.errors.find((e) => e.code === 'duplicateEmail')).toMatchObject({ otherRow: 2 });
  });
});

// ---------------------------------------------------------------------------- with the database

let staff: PersonaUser;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
});

function asStaff() {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
}

const upload = (text: string | Buffer, name = 'members.csv') => {
  const data = new FormData();
  data.set('locale', 'en');
  data.set('file', new File([typeof text === 'string' ? text : new Uint8Array(text)], name, { type: 'text/csv' }));
  return data;
};

/** Uploads a file as staff; returns the preview's id (or the refusal). */
async function preview(text: string | Buffer) {
  asStaff();
  const { result, redirect } = await previewMemberImport(upload(text));
  const id = redirect?.match(/\/admin\/members\/import\/([0-9a-f-]{36})$/)?.[1];
  return { id, refusal: result as { error?: string } | undefined };
}

async function confirmAndRun(id: string, batchSize?: number) {
  asStaff();
  const confirm = new FormData();
  for (const [k, v] of Object.entries({ locale: 'en', id, confirm: 'on' })) confirm.set(k, v);
  const { redirect } = await outcomeOf(() => startMemberImport(confirm));
  expect(redirect).toBe(`/admin/members/import/${id}`);
  // The queue's worker does this; here it runs in the test so its effects can be checked at once.
  await runMemberImport(id, { batchSize });
}

const importRow = async (id: string) => firstRow(await getSql()`select * from member_imports where id = ${id}`);
const tag = () => randomBytes(4).toString('hex');
const countsFor = async (domain: string) =>
  (
    await getSql()`
      select (select count(*)::int from users where email like ${'%@' + domain}) as users,
             (select count(*)::int from memberships m join users u on u.id = m.user_id where u.email like ${'%@' + domain}) as memberships,
             (select count(*)::int from member_notes n join users u on u.id = n.user_id where u.email like ${'%@' + domain}) as notes`
  )[0];

function memberFile(domain: string, n: number, edit: (i: number) => string = () => '') {
  const lines = ['email,first name,last name,city,tier,source,start date,end date,newsletter,notes'];
  for (let i = 1; i <= n; i++)
    lines.push(
      `m${i}@${domain},Member,Number ${i},${edit(i) || 'Lima'},${i % 2 ? 'individual' : 'Concession'},${i % 5 ? 'offline' : 'complimentary'},01/0${(i % 9) + 1}/2025,2099-01-01,${i % 3 ? 'yes' : 'no'},Joined at event ${i}`,
    );
  return lines.join('\n') + '\n';
}

describe('importing members', () => {
  it('a preview checks rows against the database and writes no members; a file with errors cannot be imported', async () => {
    const domain = `${tag()}.example.org`;
    const { id } = await preview(memberFile(domain, 4) + `bad@@${domain},X,Y,Lima,individual,offline,,,,\n`);
    expect(id).toBeDefined();
    const job = await importRow(id!);
    expect(job).toMatchObject({ status: 'previewed', total_rows: 4, created_by_user_id: staff.userId });
    expect(job.row_errors).toEqual([{ row: 6, column: 'email', code: 'email', value: `bad@@${domain}` }]);
    expect(job.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['create', 'create', 'create', 'create']);
    expect(await countsFor(domain)).toEqual({ users: 0, memberships: 0, notes: 0 });
    const [audit] =
      await getSql()`select actor_user_id, data from audit_log where action = 'member_import.previewed' and entity_id = ${id!}`;
    expect(audit).toMatchObject({ actor_user_id: staff.userId, data: { errors: 1, validRows: 4, fileRows: 5 } });

    // Confirming a preview with errors does nothing.
    asStaff();
    const confirm = new FormData();
    for (const [k, v] of Object.entries({ locale: 'en', id: id!, confirm: 'on' })) confirm.set(k, v);
    await outcomeOf(() => startMemberImport(confirm));
    expect((await importRow(id!)).status).toBe('previewed');
  });

  it('refuses bad files with a clear reason and stores nothing', async () => {
    const before = (await getSql()`select count(*)::int as n from member_imports`)[0]!.n;
    expect((await preview(Buffer.from('email,name,tier\njos\xe9@example.org,Jos\xe9,individual\n', 'latin1'))).refusal).toMatchObject({
      error: 'notUtf8',
      vars: { fileName: 'members.csv' },
    });
    expect((await preview(`email,name,tier\n${'a'.repeat(6 * 1024 * 1024)}`)).refusal).toMatchObject({ error: 'tooLarge' });
    expect((await preview('name,city\nAna,Lima\n')).refusal).toMatchObject({ error: 'missingColumns', vars: { detail: 'email, tier' } });
    asStaff();
    expect(
      (
        await previewMemberImport(
          (() => {
            const f = new FormData();
            f.set('locale', 'en');
            return f;
          })(),
        )
      ).result,
    ).toEqual({ values: {}, error: 'noFile' });
    expect((await getSql()`select count(*)::int as n from member_imports`)[0]!.n).toBe(before);
  });

  it('imports members, memberships and notes; the same file again creates nothing new', async () => {
    const domain = `${tag()}.example.org`;
    const file = memberFile(domain, 12);
    const first = await preview(file);
    await confirmAndRun(first.id!, 5);
    expect(await importRow(first.id!)).toMatchObject({
      status: 'done',
      processed_rows: 12,
      created_count: 12,
      updated_count: 0,
      skipped_count: 0,
    });
    expect(await countsFor(domain)).toEqual({ users: 12, memberships: 12, notes: 12 });
    const [m5] = await getSql()`
      select u.name, u.city, u.newsletter_opt_in, m.status, m.source, t.slug, m.current_period_start::date::text as start, m.current_period_end::date::text as end
      from users u join memberships m on m.user_id = u.id join membership_tiers t on t.id = m.tier_id where u.email = ${'m5@' + domain}`;
    expect(m5).toEqual({
      name: 'Member Number 5',
      city: 'Lima',
      newsletter_opt_in: true,
      status: 'active',
      source: 'complimentary',
      slug: 'individual',
      start: '2025-06-01',
      end: '2099-01-01',
    });

    const second = await preview(file);
    expect((await importRow(second.id!)).rows.every((r: { outcome: string }) => r.outcome === 'unchanged')).toBe(true);
    await confirmAndRun(second.id!);
    expect(await importRow(second.id!)).toMatchObject({ status: 'done', created_count: 0, updated_count: 0, skipped_count: 12 });
    expect(await countsFor(domain)).toEqual({ users: 12, memberships: 12, notes: 12 });

    // A changed city updates that member only, still with one membership each.
    const third = await preview(memberFile(domain, 12, (i) => (i === 3 ? 'Cusco' : '')));
    expect(
      (await importRow(third.id!)).rows.filter((r: { outcome: string }) => r.outcome === 'update').map((r: { email: string }) => r.email),
    ).toEqual([`m3@${domain}`]);
    await confirmAndRun(third.id!);
    expect(await importRow(third.id!)).toMatchObject({ created_count: 0, updated_count: 1, skipped_count: 11 });
    expect((await getSql()`select city from users where email = ${'m3@' + domain}`)[0]!.city).toBe('Cusco');
    expect(await countsFor(domain)).toEqual({ users: 12, memberships: 12, notes: 12 });

    const actions = await getSql()`select action from audit_log where entity_id = ${first.id!} order by id`;
    expect(actions.map((a) => a.action)).toEqual([
      'member_import.previewed',
      'member_import.started',
      'member_import.batch',
      'member_import.batch',
      'member_import.finished',
    ]);
  });

  it('an existing member keeps their card membership and any details the file leaves blank', async () => {
    const domain = `${tag()}.example.org`;
    const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'individual'`);
    const user = firstRow(
      await getSql()`insert into users (email, name, city, postcode) values (${'card@' + domain}, 'Card Payer', 'York', 'YO1 7HH') returning id`,
    );
    await getSql()`insert into memberships (user_id, tier_id, status, source, current_period_start, current_period_end) values (${user.id}, ${tier.id}, 'active', 'stripe', now(), now() + interval '200 days')`;
    const { id } = await preview(`email,name,city,postcode,tier\ncard@${domain},Card Payer,,,individual\n`);
    expect((await importRow(id!)).rows[0].outcome).toBe('unchanged');
    await confirmAndRun(id!);
    expect((await getSql()`select city, postcode from users where id = ${user.id}`)[0]).toEqual({ city: 'York', postcode: 'YO1 7HH' });
    expect((await getSql()`select source from memberships where user_id = ${user.id}`).map((m) => m.source)).toEqual(['stripe']);
  });

  it('a failure half-way leaves whole batches only, records why, and resumes where it stopped', async () => {
    const domain = `${tag()}.example.org`;
    const { id } = await preview(memberFile(domain, 10));
    // Row 7 (m6) is in the second batch of three; the database refuses it.
    await getSql().unsafe(`
      create or replace function refuse_import_${domain.slice(0, 8)}() returns trigger language plpgsql as $$
      begin if new.email = 'm6@${domain}' then raise exception 'disk full (simulated)'; end if; return new; end $$;
      create trigger refuse_import_${domain.slice(0, 8)} before insert on users for each row execute function refuse_import_${domain.slice(0, 8)}();`);
    await confirmAndRun(id!, 3);
    const failed = await importRow(id!);
    expect(failed).toMatchObject({ status: 'failed', processed_rows: 3, created_count: 3 });
    expect(failed.last_error).toContain('disk full (simulated)');
    // The first batch is in; nothing of the failed batch (m4, m5 before m6) was written.
    expect(await countsFor(domain)).toEqual({ users: 3, memberships: 3, notes: 3 });
    expect((await getSql()`select count(*)::int as n from users where email in (${'m4@' + domain}, ${'m5@' + domain})`)[0]!.n).toBe(0);
    expect(
      (await getSql()`select data from audit_log where action = 'member_import.failed' and entity_id = ${id!}`)[0]!.data,
    ).toMatchObject({ processedRows: 3 });

    await getSql().unsafe(`drop trigger refuse_import_${domain.slice(0, 8)} on users`);
    await confirmAndRun(id!, 3);
    expect(await importRow(id!)).toMatchObject({ status: 'done', processed_rows: 10, created_count: 10, last_error: null });
    expect(await countsFor(domain)).toEqual({ users: 10, memberships: 10, notes: 10 });
  });
});
