import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { openInCalc } from '../support/libreoffice';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { form } from '../support/forms';
import {
  insertDeclaration,
  insertDonation,
  insertGiftAidedGift,
  insertMembership,
  insertPayment,
  insertTier,
  insertUser,
  onDay,
  randomPastDay,
  uniqueEmail,
} from '../support/gift-aid-fixtures';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const { createGiftAidClaim, markGiftAidClaimSubmitted } = await import('@/app/[locale]/admin/gift-aid/actions');
const { previewClaim } = await import('@/lib/gift-aid/claims/preview-claim');
const { createClaim } = await import('@/lib/gift-aid/claims/create-claim');
const { GET: downloadSchedule } = await import('@/app/[locale]/admin/gift-aid/claims/[id]/schedule/route');
const onPostgres = Boolean(inject('serverUrl'));

const sql = () => getSql();
const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

let staff: PersonaUser;
beforeAll(async () => {
  staff = await createPersona(sql(), 'staff');
});

function asStaff() {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
}

async function create(range: { from: string; to: string }, fingerprint: string, confirm = 'on') {
  asStaff();
  return outcomeOf(() => createGiftAidClaim({ values: {} }, form({ locale: 'en', from: range.from, to: range.to, fingerprint, confirm })));
}

async function scheduleOf(claimId: string) {
  asStaff();
  const response = await downloadSchedule(new Request(`http://localhost/admin/gift-aid/claims/${claimId}/schedule`), {
    params: Promise.resolve({ locale: 'en', id: claimId }),
  });
  return { response, bytes: response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : null };
}

/**
 * One period holding a payment of every kind the claim page must tell apart, on a day of
 * its own (tests never share rows). Returns the payment ids by what each should show.
 */
async function periodWithEveryCase() {
  const day = randomPastDay();
  const at = (minutes: number) => onDay(day, minutes);
  const before = new Date(at(0).getTime() - 30 * DAY_MS);
  const plainTier = await insertTier(sql(), true);
  const benefitsTier = await insertTier(sql(), false);

  // Claimable.
  const guestGift = (
    await insertGiftAidedGift(sql(), {
      day,
      minutes: 1,
      amountPence: 2500,
      declaration: { title: 'Mrs', firstName: 'Rosa', lastName: 'Huamán-Flores', postcode: 'sw1a1aa', house: 'Flat 2' },
    })
  ).paymentId;
  const enduring = await insertUser(sql());
  const enduringDeclaration = await insertDeclaration(sql(), {
    userId: enduring.id,
    email: enduring.email,
    scope: 'this_and_future',
    declaredAt: before,
    firstName: 'Juan',
    lastName: 'Pérez',
  });
  const enduringGift = await insertPayment(sql(), {
    kind: 'donation',
    userId: enduring.id,
    email: enduring.email,
    amountPence: 1000,
    paidAt: at(2),
    declarationId: enduringDeclaration,
  });
  const member = await insertUser(sql());
  await insertDeclaration(sql(), { userId: member.id, scope: 'this_and_future', declaredAt: before, firstName: 'Luz', lastName: 'Mamani' });
  const plainFee = await insertPayment(sql(), {
    kind: 'membership',
    userId: member.id,
    email: member.email,
    membershipId: await insertMembership(sql(), member.id, plainTier),
    amountPence: 3000,
    paidAt: at(3),
    giftAidEligible: true,
  });
  // A UK taxpayer living abroad: X, and the address in the house box.
  const abroad = (
    await insertGiftAidedGift(sql(), {
      day,
      minutes: 16,
      amountPence: 4200,
      declaration: { postcode: 'X', house: 'Av. Larco 123, Miraflores, Lima, Perú' },
    })
  ).paymentId;
  // Declared two years later with "past four years": reaches back to this gift.
  const later = await insertUser(sql());
  await insertDeclaration(sql(), {
    userId: later.id,
    scope: 'past_four_years_and_future',
    declaredAt: new Date(at(0).getTime() + 730 * DAY_MS),
    firstName: 'Eva',
    lastName: 'Torres',
  });
  const retrospective = await insertPayment(sql(), {
    kind: 'donation',
    userId: later.id,
    email: later.email,
    amountPence: 5000,
    paidAt: at(4),
    giftAidEligible: false,
  });

  // Not claimable, one reason each.
  const benefitsMember = await insertUser(sql());
  await insertDeclaration(sql(), { userId: benefitsMember.id, scope: 'this_and_future', declaredAt: before });
  const benefitsFee = await insertPayment(sql(), {
    kind: 'membership',
    userId: benefitsMember.id,
    email: benefitsMember.email,
    membershipId: await insertMembership(sql(), benefitsMember.id, benefitsTier),
    amountPence: 6000,
    paidAt: at(5),
  });
  const refunded = (await insertGiftAidedGift(sql(), { day, minutes: 6, amountPence: 4000 })).paymentId;
  await sql()`update payments set status = 'partially_refunded', refunded_pence = 500 where id = ${refunded}`;
  const cancelledDonor = await insertUser(sql());
  await insertDeclaration(sql(), {
    userId: cancelledDonor.id,
    scope: 'this_and_future',
    declaredAt: before,
    cancelledAt: new Date(at(0).getTime() - DAY_MS),
  });
  const afterCancelling = await insertPayment(sql(), {
    kind: 'donation',
    userId: cancelledDonor.id,
    email: cancelledDonor.email,
    amountPence: 2000,
    paidAt: at(7),
  });
  const flaggedEmail = uniqueEmail('flagged');
  const noDeclaration = await insertPayment(sql(), {
    kind: 'donation',
    email: flaggedEmail,
    amountPence: 1500,
    paidAt: at(8),
    giftAidEligible: true,
  });
  const onceDonor = await insertUser(sql());
  const onceDeclaration = await insertDeclaration(sql(), { userId: onceDonor.id, scope: 'this_gift', declaredAt: before });
  await insertDonation(sql(), { userId: onceDonor.id, email: onceDonor.email, amountPence: 1000, declarationId: onceDeclaration });
  const notCovered = await insertPayment(sql(), {
    kind: 'donation',
    userId: onceDonor.id,
    email: onceDonor.email,
    amountPence: 1200,
    paidAt: at(9),
  });
  const noName = (await insertGiftAidedGift(sql(), { day, minutes: 10, declaration: { firstName: '', lastName: '' } })).paymentId;
  const noHouse = (await insertGiftAidedGift(sql(), { day, minutes: 11, declaration: { house: ' ' } })).paymentId;
  const noPostcode = (await insertGiftAidedGift(sql(), { day, minutes: 12, declaration: { postcode: '' } })).paymentId;
  const foreignPostcode = (await insertGiftAidedGift(sql(), { day, minutes: 13, declaration: { postcode: '75001' } })).paymentId;
  // "This payment only" made with a monthly gift: its first month is claimable, the second is not.
  const monthlyDonor = await insertUser(sql());
  const monthlyDeclaration = await insertDeclaration(sql(), {
    userId: monthlyDonor.id,
    scope: 'this_gift',
    declaredAt: new Date(at(0).getTime() - 31 * DAY_MS),
  });
  const monthlyGift = await insertDonation(sql(), {
    userId: monthlyDonor.id,
    email: monthlyDonor.email,
    amountPence: 800,
    declarationId: monthlyDeclaration,
    frequency: 'monthly',
  });
  await insertPayment(sql(), {
    kind: 'donation',
    userId: monthlyDonor.id,
    email: monthlyDonor.email,
    donationId: monthlyGift,
    amountPence: 800,
    paidAt: new Date(at(0).getTime() - 31 * DAY_MS),
    declarationId: monthlyDeclaration,
  });
  const secondMonth = await insertPayment(sql(), {
    kind: 'donation',
    userId: monthlyDonor.id,
    email: monthlyDonor.email,
    donationId: monthlyGift,
    amountPence: 800,
    paidAt: at(15),
  });

  // Listed nowhere: no Gift Aid at all (only counted), and outside the period.
  await insertPayment(sql(), { kind: 'donation', email: uniqueEmail('plain'), amountPence: 700, paidAt: at(14) });
  await insertGiftAidedGift(sql(), { day: shiftDay(day, -1) });
  await insertGiftAidedGift(sql(), { day: shiftDay(day, 1) });

  return {
    range: { from: day, to: day },
    eligible: [guestGift, enduringGift, plainFee, retrospective, abroad],
    excluded: {
      [benefitsFee]: 'membershipBenefits',
      [refunded]: 'refunded',
      [afterCancelling]: 'declarationCancelled',
      [noDeclaration]: 'noDeclaration',
      [notCovered]: 'declarationNotCovering',
      [noName]: 'missingName',
      [noHouse]: 'missingHouse',
      [noPostcode]: 'missingPostcode',
      [foreignPostcode]: 'notUkPostcode',
      [secondMonth]: 'declarationNotCovering',
    } as Record<string, string>,
  };
}

describe('Gift Aid claims', () => {
  it('shows the claimable payments with their totals, and every other one with its reason', async () => {
    const period = await periodWithEveryCase();
    const preview = await previewClaim(period.range);
    expect(preview.eligible.map((r) => r.id).sort()).toEqual([...period.eligible].sort());
    expect(Object.fromEntries(preview.excluded.map((r) => [r.id, r.reason]))).toEqual(period.excluded);
    expect(preview.totalPence).toBe(2500 + 1000 + 3000 + 5000 + 4200);
    expect(preview.withoutGiftAid).toEqual({ count: 1, totalPence: 700 });
    // The retrospective declaration is the one the claim relies on.
    expect(preview.eligible.find((r) => r.id === period.eligible[3])!.declaration).toMatchObject({
      firstName: 'Eva',
      scope: 'past_four_years_and_future',
    });
  });

  it('creates one claim of exactly those payments, audited; the period then shows them as already claimed', async () => {
    const period = await periodWithEveryCase();
    const { fingerprint } = await previewClaim(period.range);
    const { outcome, redirect } = await create(period.range, fingerprint);
    expect(outcome).toBe('ok');
    const claimId = new URL(redirect!, 'http://localhost').searchParams.get('created')!;
    expect(redirect).toContain(`/admin/gift-aid?from=${period.range.from}&to=${period.range.to}&created=`);

    const claimed = await sql()<{ id: string; gift_aid_eligible: boolean; gift_aid_declaration_id: string | null }[]>`
      select id, gift_aid_eligible, gift_aid_declaration_id from payments where gift_aid_claim_id = ${claimId}`;
    expect(claimed.map((r) => r.id).sort()).toEqual([...period.eligible].sort());
    expect(claimed.every((r) => r.gift_aid_eligible && r.gift_aid_declaration_id)).toBe(true);
    const [claim] =
      await sql()`select period_from::text, period_to::text, created_by_user_id, claimed_at from gift_aid_claims where id = ${claimId}`;
    expect(claim).toEqual({
      period_from: period.range.from,
      period_to: period.range.to,
      created_by_user_id: staff.userId,
      claimed_at: null,
    });
    const [audit] =
      await sql()`select actor_user_id, data from audit_log where action = 'gift_aid.claim_created' and entity_id = ${claimId}`;
    expect(audit).toMatchObject({ actor_user_id: staff.userId, data: { payments: 5, totalPence: 15700 } });

    const after = await previewClaim(period.range);
    expect(after.eligible).toEqual([]);
    const already = after.excluded.filter((r) => r.reason === 'alreadyClaimed');
    expect(already.map((r) => r.id).sort()).toEqual([...period.eligible].sort());
    expect(already[0]!.claim).toEqual({ id: claimId, periodFrom: period.range.from, periodTo: period.range.to });

    // Asking again, with the old page or the new one, makes nothing.
    expect((await create(period.range, fingerprint)).result).toMatchObject({ error: 'nothingToClaim' });
    expect((await create(period.range, after.fingerprint)).result).toMatchObject({ error: 'nothingToClaim' });
    expect((await sql()`select count(*)::int as n from gift_aid_claims where period_from = ${period.range.from}`)[0]!.n).toBe(1);
  });

  it('needs the confirmation, a valid period and the payments staff saw; otherwise nothing is written', async () => {
    const day = randomPastDay();
    const range = { from: day, to: day };
    await insertGiftAidedGift(sql(), { day });
    const { fingerprint } = await previewClaim(range);
    // An unticked box is the box's error; a refused hidden field (the period, the fingerprint) is an out-of-date form.
    expect((await create(range, fingerprint, 'off')).result).toMatchObject({ fieldErrors: { confirm: 'confirm' } });
    expect((await create({ from: day, to: '2999-01-01' }, fingerprint)).result).toMatchObject({ fieldErrors: { to: 'invalid' } });
    expect((await create({ from: day, to: shiftDay(day, -3) }, fingerprint)).result).toMatchObject({ fieldErrors: { from: 'invalid' } });
    expect((await create(range, 'not-a-fingerprint')).result).toMatchObject({ fieldErrors: { fingerprint: 'invalid' } });
    // A gift arrives while staff read the page: the claim they confirmed is not the one on file.
    await insertGiftAidedGift(sql(), { day, minutes: 30 });
    expect((await create(range, fingerprint)).result).toMatchObject({ error: 'changed' });
    expect(await sql()`select 1 from gift_aid_claims where period_from = ${day}`).toHaveLength(0);
    expect(await sql()`select 1 from payments p where p.paid_at::date = ${day}::date and p.gift_aid_claim_id is not null`).toHaveLength(0);
  });

  it('two staff creating the same claim at once: one claim, the other gets a clear error', async () => {
    for (let round = 0; round < 3; round++) {
      const day = randomPastDay();
      const range = { from: day, to: day };
      for (let i = 0; i < 5; i++) await insertGiftAidedGift(sql(), { day, minutes: i });
      const { fingerprint } = await previewClaim(range);
      const results = await Promise.all([
        createClaim({ range, fingerprint, staffUserId: staff.userId }),
        createClaim({ range, fingerprint, staffUserId: staff.userId }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && ['takenMeanwhile', 'changed', 'nothingToClaim'].includes(refused.error)).toBe(true);
      const claims =
        await sql()`select c.id, count(p.id)::int as n from gift_aid_claims c left join payments p on p.gift_aid_claim_id = c.id where c.period_from = ${day} group by c.id`;
      expect(claims).toHaveLength(1);
      expect(claims[0]!.n).toBe(5);
    }
  });

  it('a payment taken by another claim after the preview rolls the whole claim back', async () => {
    const day = randomPastDay();
    const range = { from: day, to: day };
    const first = await insertGiftAidedGift(sql(), { day, minutes: 1 });
    await insertGiftAidedGift(sql(), { day, minutes: 2 });
    const { fingerprint } = await previewClaim(range);

    // Another claim holds the first payment, uncommitted, while ours runs.
    const other = await sql().reserve();
    try {
      await other`begin`;
      const rival = firstRow(
        await other<{ id: string }[]>`insert into gift_aid_claims (period_from, period_to) values (${day}, ${day}) returning id`,
      );
      await other`update payments set gift_aid_claim_id = ${rival.id} where id = ${first.paymentId}`;
      const ours = createClaim({ range, fingerprint, staffUserId: staff.userId });
      // Commit only once our transaction is waiting for that row. On the embedded database
      // ours waits anyway: PGlite runs one transaction at a time, so it is queued behind this
      // open one until it commits (asking pg_stat_activity would queue behind it too).
      for (let i = 0; onPostgres && i < 100; i++) {
        const { waiting } = firstRow(
          await sql()<
            { waiting: number }[]
          >`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other`commit`;
      // Refused either way, with nothing written. On Postgres ours read the payment before the
      // rival committed, so its update finds the row taken; on the embedded database ours
      // runs after the commit and its fresh preview no longer matches the one staff saw.
      expect(await ours).toEqual({ ok: false, error: onPostgres ? 'takenMeanwhile' : 'changed' });
    } finally {
      other.release();
    }
    const claims = await sql()`select id from gift_aid_claims where period_from = ${day}`;
    expect(claims).toHaveLength(1); // the rival's only: ours was rolled back, claim row included
    expect(await sql()`select 1 from payments where paid_at::date = ${day}::date and gift_aid_claim_id is null`).toHaveLength(1);
    expect(await sql()`select 1 from audit_log where action = 'gift_aid.claim_created' and data->>'periodFrom' = ${day}`).toHaveLength(0);
  });

  it(
    "gives the claim as rows to paste into HMRC's schedule: an .ods that Calc opens, HMRC formats, typed cells, blanks blank",
    { timeout: 120_000 },
    async () => {
      const day = randomPastDay();
      const range = { from: day, to: day };
      await insertGiftAidedGift(sql(), {
        day,
        minutes: 1,
        amountPence: 3000,
        declaration: { title: 'Doctor', firstName: 'Jose\u0301', lastName: 'García-Quispe', house: '=1+1', postcode: 'ec1a1bb' },
      });
      await insertGiftAidedGift(sql(), {
        day,
        minutes: 2,
        amountPence: 1050,
        declaration: { title: 'Prof', firstName: 'Tom', lastName: 'Smith', house: '12', postcode: 'M1 1AE' },
      });
      await insertGiftAidedGift(sql(), {
        day,
        minutes: 3,
        amountPence: 100000,
        declaration: { title: null, firstName: 'Rosa', lastName: 'Huamán', house: 'Av. Larco 123, Miraflores, Lima, Perú', postcode: 'X' },
      });
      const { fingerprint } = await previewClaim(range);
      const made = await createClaim({ range, fingerprint, staffUserId: staff.userId });
      expect(made.ok).toBe(true);
      const claimId = made.ok ? made.claim.id : '';

      const { response, bytes } = await scheduleOf(claimId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.spreadsheet');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="gift-aid-rows-to-paste-${day}-to-${day}.ods"`);

      // Opened as staff open it, in LibreOffice Calc.
      const sheet = (await openInCalc([{ name: 'rows.ods', bytes: bytes! }]))['rows.ods']![0]!;
      const [dd, mm, yy] = [day.slice(8, 10), day.slice(5, 7), day.slice(2, 4)];
      expect(sheet.rows.map((row) => row.map((cell) => cell.text))).toEqual([
        [
          'Title',
          'First name or initial',
          'Last name',
          'House name or number',
          'Postcode',
          'Aggregated donations',
          'Sponsored yes/no',
          'Donation date (DD/MM/YY)',
          'Amount',
        ],
        ['Dr', 'José', 'García Quispe', '1+1', 'EC1A 1BB', '', '', `${dd}/${mm}/${yy}`, '30.00'],
        ['Prof', 'Tom', 'Smith', '12', 'M1 1AE', '', '', `${dd}/${mm}/${yy}`, '10.50'],
        ['', 'Rosa', 'Huamán', 'Av. Larco 123, Miraflores, Lima, Perú', 'X', '', '', `${dd}/${mm}/${yy}`, '1000.00'],
      ]);
      const donations = sheet.rows.slice(1);
      // Dates are dates and amounts numbers (what a paste of values must carry); the rest is text, never a formula.
      expect(donations.map((row) => [row[7]!.type, row[7]!.value, row[8]!.type, row[8]!.value])).toEqual([
        ['date', day, 'float', '30'],
        ['date', day, 'float', '10.5'],
        ['date', day, 'float', '1000'],
      ]);
      expect(donations.every((row) => row.slice(0, 5).every((cell) => cell.type === 'string' || cell.type === 'empty'))).toBe(true);
      expect(sheet.rows.flat().filter((cell) => cell.formula)).toEqual([]);
      expect(await sql()`select 1 from audit_log where action = 'gift_aid.schedule_exported' and entity_id = ${claimId}`).toHaveLength(1);

      expect((await scheduleOf('00000000-0000-4000-8000-000000000000')).response.status).toBe(404);
      expect((await scheduleOf('../../etc/passwd')).response.status).toBe(404);
    },
  );

  it('marks a claim as submitted to HMRC once, confirmed and audited', async () => {
    const claim = firstRow(
      await sql()<
        { id: string }[]
      >`insert into gift_aid_claims (period_from, period_to, created_by_user_id) values ('2019-04-06', '2020-04-05', ${staff.userId}) returning id`,
    );
    const mark = (fields: Record<string, string>) => {
      asStaff();
      return outcomeOf(() => markGiftAidClaimSubmitted({ values: {} }, form({ locale: 'es', claimId: claim.id, ...fields })));
    };
    expect((await mark({})).result).toMatchObject({ fieldErrors: { confirm: 'confirm' } });
    expect((await sql()`select claimed_at from gift_aid_claims where id = ${claim.id}`)[0]!.claimed_at).toBeNull();
    const done = await mark({ confirm: 'on', from: '2019-04-06', to: '2020-04-05' });
    expect(done.redirect).toBe(`/es/admin/gift-aid?from=2019-04-06&to=2020-04-05&submitted=${claim.id}`);
    expect((await sql()`select claimed_at from gift_aid_claims where id = ${claim.id}`)[0]!.claimed_at).not.toBeNull();
    expect(
      await sql()`select 1 from audit_log where action = 'gift_aid.claim_submitted' and entity_id = ${claim.id} and actor_user_id = ${staff.userId}`,
    ).toHaveLength(1);
    expect((await mark({ confirm: 'on' })).result).toMatchObject({ error: 'alreadySubmitted' });
    expect((await mark({ confirm: 'on', claimId: 'nope' })).result).toMatchObject({ fieldErrors: { claimId: 'invalid' } });
    expect(await sql()`select 1 from audit_log where action = 'gift_aid.claim_submitted' and entity_id = ${claim.id}`).toHaveLength(1);
  });
});
