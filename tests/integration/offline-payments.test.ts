import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona } from '../support/personas';
import { seedDemoContent } from '../support/seed';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const { recordOfflinePaymentAction } = await import('@/app/[locale]/admin/payments/offline/actions');
const { requestBankTransferMembership: createPendingOfflineMembership } = await import('@/lib/membership/request-bank-transfer');

const today = new Date().toISOString().slice(0, 10);
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ locale: 'en', method: 'cheque', paidOn: today, ...fields })) data.set(k, v);
  return data;
};

let staff: Awaited<ReturnType<typeof createPersona>>;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
});

async function asStaff() {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
}

async function newMember() {
  const email = `offline-${Math.random().toString(36).slice(2, 9)}@example.org`;
  const user = firstRow(await getSql()<{ id: string }[]>`insert into users (email, name) values (${email}, 'Offline Payer') returning id`);
  return { id: user.id, email };
}

const membershipOf = async (userId: string) =>
  firstRow(
    await getSql()`select status, source, current_period_end::date::text as until, t.slug as tier from memberships m join membership_tiers t on t.id = m.tier_id where user_id = ${userId} order by m.created_at desc`,
  );

describe('offline payments', () => {
  it('a member who chose bank transfer stays pending without access until staff record the payment', async () => {
    const member = await newMember();
    const tier = firstRow(await getSql()`select id from membership_tiers where slug = 'concession'`);
    await createPendingOfflineMembership(member.id, tier.id);
    expect(await membershipOf(member.id)).toMatchObject({ status: 'pending', source: 'offline', until: null });

    await asStaff();
    const { result } = await outcomeOf(() =>
      recordOfflinePaymentAction(
        { values: {} },
        form({ email: member.email, amount: '15', method: 'bank_transfer', reference: 'PSG-1234' }),
      ),
    );
    expect(result).toMatchObject({ done: 'recorded', vars: { amount: '15.00', email: member.email } });
    const nextYear = new Date(`${today}T00:00:00Z`);
    nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
    expect(await membershipOf(member.id)).toEqual({
      status: 'active',
      source: 'offline',
      until: nextYear.toISOString().slice(0, 10),
      tier: 'concession',
    });

    const [payment] =
      await getSql()`select amount_pence, method, offline_reference, recorded_by_user_id, status from payments where user_id = ${member.id}`;
    expect(payment).toEqual({
      amount_pence: 1500,
      method: 'bank_transfer',
      offline_reference: 'PSG-1234',
      recorded_by_user_id: staff.userId,
      status: 'paid',
    });
    const audit = firstRow(
      await getSql()`select actor_user_id, data from audit_log where action = 'payment.offline_recorded' and data->>'memberId' = ${member.id}`,
    );
    expect(audit.actor_user_id).toBe(staff.userId);
    const mails = await getSql()`select dedupe_key from mail_outbox where to_address = ${member.email} order by dedupe_key`;
    expect(mails.map((m) => m.dedupe_key.split(':')[0])).toEqual(['receipt', 'welcome']);
  });

  it('a second payment extends the membership by a year from its end', async () => {
    const member = await newMember();
    await asStaff();
    await outcomeOf(() => recordOfflinePaymentAction({ values: {} }, form({ email: member.email, amount: '30', tier: 'individual' })));
    const first = (await membershipOf(member.id)).until;
    await outcomeOf(() => recordOfflinePaymentAction({ values: {} }, form({ email: member.email, amount: '30' })));
    const second = (await membershipOf(member.id)).until;
    expect(Number(second.slice(0, 4)) - Number(first.slice(0, 4))).toBe(1);
    expect((await getSql()`select count(*)::int as n from memberships where user_id = ${member.id}`)[0]!.n).toBe(1);
  });

  it('refuses bad input with a clear message, keeps it, and writes nothing', async () => {
    const member = await newMember();
    await asStaff();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (const [fields, field, message] of [
      [{ amount: '0' }, 'amount', 'amount'],
      [{ amount: '-5' }, 'amount', 'amount'],
      [{ amount: '1e9' }, 'amount', 'amount'],
      [{ amount: 'abc' }, 'amount', 'amount'],
      [{ amount: '10.005' }, 'amount', 'amount'],
      [{ amount: '30', paidOn: tomorrow }, 'paidOn', 'date'],
      [{ amount: '30', method: 'bitcoin' }, 'method', 'invalid'],
    ] as const) {
      const { result } = await outcomeOf(() =>
        recordOfflinePaymentAction({ values: {} }, form({ email: member.email, tier: 'individual', ...fields })),
      );
      expect(result, JSON.stringify(fields)).toMatchObject({
        fieldErrors: { [field]: message },
        values: { email: member.email, ...fields },
      });
    }
    const { result: unknownTier } = await outcomeOf(() =>
      recordOfflinePaymentAction({ values: {} }, form({ email: member.email, amount: '30' })),
    );
    expect(unknownTier).toMatchObject({ error: 'unknownTier' });
    const { result: nobody } = await outcomeOf(() =>
      recordOfflinePaymentAction({ values: {} }, form({ email: 'nobody-at-all@example.org', amount: '30', tier: 'individual' })),
    );
    expect(nobody).toMatchObject({ error: 'unknownMember' });
    expect(await getSql()`select 1 from payments where user_id = ${member.id}`).toHaveLength(0);
    expect(await getSql()`select 1 from memberships where user_id = ${member.id}`).toHaveLength(0);
  });
});
