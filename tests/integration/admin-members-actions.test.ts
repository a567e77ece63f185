// The staff actions on a member (app/[locale]/admin/members/actions.ts): effects, audit
// entries in the same transaction, refusals with nothing written, and Stripe cancellation
// through the API against the project's Stripe double.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona, type PersonaUser } from '../support/personas';
import { newUser, startBench, tier, type Bench } from '../support/payments';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_cache: (fn: unknown) => fn }));
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const actions = await import('@/app/[locale]/admin/members/actions');
const { findMemberDetail } = await import('@/db/queries/admin-members');
const { searchMembers } = await import('@/lib/membership/member-search');
const { createMembershipCheckout } = await import('@/lib/payments/checkout');

type State = Awaited<ReturnType<typeof actions.addNote>>;
const idle = { values: {} };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const post = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ locale: 'en', confirm: 'on', ...fields })) data.set(k, v);
  return data;
};
async function run(action: (s: State, f: FormData) => Promise<State>, fields: Record<string, string>): Promise<State> {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  const { outcome, result } = await outcomeOf(() => action(idle, post(fields)));
  expect(outcome).toBe('ok');
  return result as State;
}

const sql = () => getSql();
const memberships = async (userId: string) =>
  sql()<{ id: string; status: string; source: string; tier: string; end: string | null; cancelled_at: Date | null }[]>`
    select m.id, m.status, m.source, t.slug as tier, m.current_period_end::date::text as end, m.cancelled_at
    from memberships m join membership_tiers t on t.id = m.tier_id where m.user_id = ${userId} order by m.created_at desc`;
const auditOf = async (action: string, entityId: string) =>
  sql()<
    { actor_user_id: string; data: Record<string, unknown> }[]
  >`select actor_user_id, data from audit_log where action = ${action} and entity_id = ${entityId}`;
const counts = async (userId: string) =>
  firstRow(
    await sql()<{ m: number; p: number; a: number }[]>`
    select (select count(*)::int from memberships where user_id = ${userId}) as m,
           (select count(*)::int from payments where user_id = ${userId}) as p,
           (select count(*)::int from audit_log where entity_id = ${userId} or data->>'memberId' = ${userId}) as a`,
  );

let staff: PersonaUser;
let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
  bench = await startBench();
});
afterAll(() => bench.stop());

describe('record an offline payment', () => {
  it('a lapsed member paying by cheque becomes active, with receipt, payment and audit entry, and shows as active in the list', async () => {
    const member = await createPersona(getSql(), 'lapsed');
    const state = await run(actions.recordMemberPayment, {
      userId: member.userId,
      amount: '30.00',
      paidOn: day(0),
      method: 'cheque',
      reference: 'CHQ 123',
    });
    expect(state.error).toBeUndefined();
    expect(state.done).toBe('payment');
    const [live] = await memberships(member.userId);
    expect(live).toMatchObject({ status: 'active', source: 'offline', tier: 'individual' });
    const payment = firstRow(
      await sql()`select id, amount_pence, method, offline_reference, recorded_by_user_id from payments where user_id = ${member.userId}`,
    );
    expect(payment).toMatchObject({
      amount_pence: 3000,
      method: 'cheque',
      offline_reference: 'CHQ 123',
      recorded_by_user_id: staff.userId,
    });
    expect((await auditOf('payment.offline_recorded', payment.id))[0]!.actor_user_id).toBe(staff.userId);
    expect(await sql()`select 1 from mail_outbox where to_address = ${member.email} and dedupe_key like 'receipt:%'`).toHaveLength(1);
    expect((await searchMembers({ q: member.email, status: 'active' })).rows.map((r) => r.id)).toEqual([member.userId]);
    const detail = await findMemberDetail(member.userId);
    expect(detail!.audit.map((a) => a.action)).toContain('payment.offline_recorded');
  });

  it('refuses a date in the future, a zero or negative amount, and an unconfirmed form, keeping the input and writing nothing', async () => {
    const member = await createPersona(getSql(), 'lapsed');
    const before = await counts(member.userId);
    const future = await run(actions.recordMemberPayment, { userId: member.userId, amount: '30', paidOn: day(2), method: 'cheque' });
    expect(future).toMatchObject({ fieldErrors: { paidOn: 'futureDate' }, values: { amount: '30', paidOn: day(2) } });
    for (const amount of ['-30', '0', '0.00', '30.001', 'abc']) {
      expect(
        (await run(actions.recordMemberPayment, { userId: member.userId, amount, paidOn: day(0), method: 'cheque' })).fieldErrors,
      ).toEqual({ amount: 'amount' });
    }
    const unconfirmed = await run(actions.recordMemberPayment, {
      userId: member.userId,
      amount: '30',
      paidOn: day(0),
      method: 'cheque',
      confirm: '',
    });
    expect(unconfirmed.fieldErrors).toEqual({ confirm: 'confirm' });
    expect(await counts(member.userId)).toEqual(before);
  });
});

describe('complimentary membership', () => {
  it('grants one until the given date, with an audit entry and a welcome mail', async () => {
    const member = await createPersona(getSql(), 'lapsed');
    const state = await run(actions.grantComplimentary, { userId: member.userId, tier: 'concession', endsOn: day(90) });
    expect(state.done).toBe('complimentary');
    const live = firstRow(await memberships(member.userId));
    expect(live).toMatchObject({ status: 'active', source: 'complimentary', tier: 'concession', end: day(90) });
    expect(await auditOf('membership.complimentary_granted', live.id)).toHaveLength(1);
    expect(await sql()`select 1 from mail_outbox where to_address = ${member.email} and dedupe_key = ${`welcome:${live.id}`}`).toHaveLength(
      1,
    );
  });

  it('refuses an end date in the past, and a second live membership unless asked to replace it', async () => {
    const member = await createPersona(getSql(), 'member');
    const before = await counts(member.userId);
    expect((await run(actions.grantComplimentary, { userId: member.userId, tier: 'individual', endsOn: day(-1) })).fieldErrors).toEqual({
      endsOn: 'pastDate',
    });
    expect((await run(actions.grantComplimentary, { userId: member.userId, tier: 'individual', endsOn: day(0) })).fieldErrors).toEqual({
      endsOn: 'pastDate',
    });
    expect((await run(actions.grantComplimentary, { userId: member.userId, tier: 'individual', endsOn: day(60) })).error).toBe(
      'hasLiveMembership',
    );
    expect(await counts(member.userId)).toEqual(before);

    const replaced = await run(actions.grantComplimentary, {
      userId: member.userId,
      tier: 'individual',
      endsOn: day(60),
      replaceLive: 'on',
    });
    expect(replaced.done).toBe('complimentary');
    const [fresh, old] = await memberships(member.userId);
    expect(fresh).toMatchObject({ status: 'active', source: 'complimentary' });
    expect(old).toMatchObject({ status: 'cancelled', source: 'offline' });
    expect(await auditOf('membership.cancelled', old!.id)).toHaveLength(1);
    // The record shows both, newest first, with both audit entries.
    const detail = (await findMemberDetail(member.userId))!;
    expect(detail.memberships.map((m) => m.id)).toEqual([fresh!.id, old!.id]);
    expect(detail.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['membership.cancelled', 'membership.complimentary_granted']));
  });
});

describe('extend, change tier, cancel, note', () => {
  it('extends by months or to a date, and refuses a date not later than the current end', async () => {
    const member = await createPersona(getSql(), 'member');
    const before = firstRow(await memberships(member.userId));
    expect((await run(actions.extendMemberMembership, { userId: member.userId, months: '3' })).done).toBe('extend');
    const after = firstRow(await memberships(member.userId));
    const expected = new Date(`${before.end}T12:00:00Z`);
    expected.setUTCMonth(expected.getUTCMonth() + 3);
    expect(Math.abs(Date.parse(`${after.end}T12:00:00Z`) - expected.getTime())).toBeLessThanOrEqual(3 * 86_400_000);
    const audit = firstRow(await auditOf('membership.extended', after.id));
    expect(audit.data).toMatchObject({ memberId: member.userId });

    expect((await run(actions.extendMemberMembership, { userId: member.userId, until: day(30) })).error).toBe('notLater');
    expect((await run(actions.extendMemberMembership, { userId: member.userId, until: day(2000) })).done).toBe('extend');
    expect((await memberships(member.userId))[0]!.end).toBe(day(2000));
    expect((await run(actions.extendMemberMembership, { userId: member.userId })).fieldErrors).toEqual({ months: 'monthsOrDate' });
    expect((await run(actions.extendMemberMembership, { userId: member.userId, months: '-1' })).fieldErrors).toEqual({ months: 'months' });
  });

  it('changes the tier of the live membership, and says when it is already on that tier', async () => {
    const member = await createPersona(getSql(), 'member');
    expect((await run(actions.changeMemberTier, { userId: member.userId, tier: 'individual' })).error).toBe('sameTier');
    expect((await run(actions.changeMemberTier, { userId: member.userId, tier: 'organisation' })).done).toBe('tier');
    const live = firstRow(await memberships(member.userId));
    expect(live.tier).toBe('organisation');
    expect((await auditOf('membership.tier_changed', live.id))[0]!.data).toMatchObject({ from: 'individual', to: 'organisation' });
  });

  it('cancels an offline membership now', async () => {
    const member = await createPersona(getSql(), 'member');
    expect((await run(actions.cancelMemberMembership, { userId: member.userId })).done).toBe('cancelled');
    const m = firstRow(await memberships(member.userId));
    expect(m).toMatchObject({ status: 'cancelled', end: day(0) });
    expect(await auditOf('membership.cancelled', m.id)).toHaveLength(1);
    expect((await run(actions.cancelMemberMembership, { userId: member.userId })).error).toBe('noLiveMembership');
  });

  it('adds a note, with an audit entry', async () => {
    const member = await createPersona(getSql(), 'lapsed');
    expect((await run(actions.addNote, { userId: member.userId, body: '  ' })).fieldErrors).toEqual({ body: 'required' });
    expect((await run(actions.addNote, { userId: member.userId, body: 'Rang to say the cheque is in the post.' })).done).toBe('note');
    const [note] = await sql()`select body, author_user_id from member_notes where user_id = ${member.userId}`;
    expect(note).toEqual({ body: 'Rang to say the cheque is in the post.', author_user_id: staff.userId });
    expect(await auditOf('member.note_added', member.userId)).toHaveLength(1);
    const detail = (await findMemberDetail(member.userId))!;
    expect(detail.notes.map((n) => n.body)).toEqual(['Rang to say the cheque is in the post.']);
    expect(detail.audit.map((a) => a.action)).toContain('member.note_added');
  });

  it('sends a sign-in link within the per-address limit', async () => {
    const member = await createPersona(getSql(), 'lapsed');
    expect((await run(actions.resendSignInLink, { userId: member.userId })).done).toBe('signInLink');
    expect(await sql()`select 1 from verification_tokens where identifier = ${member.email}`).toHaveLength(1);
    expect(await auditOf('member.sign_in_link_sent', member.userId)).toHaveLength(1);
    for (let i = 0; i < 4; i++) await run(actions.resendSignInLink, { userId: member.userId });
    expect((await run(actions.resendSignInLink, { userId: member.userId })).error).toBe('tooMany');
  });

  it('refuses an unknown member', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await run(actions.addNote, { userId: nobody, body: 'x' })).error).toBe('unknownMember');
    expect((await run(actions.cancelMemberMembership, { userId: nobody })).error).toBe('unknownMember');
  });
});

describe('Stripe memberships', () => {
  async function stripeMember() {
    const user = await newUser('stripe-admin');
    const session = await createMembershipCheckout({ user, tier: await tier('individual'), locale: 'en' });
    bench.double.state.completeCheckout(session.id);
    await bench.settle();
    const sub = [...bench.double.state.subscriptions.values()].find((s) => s.metadata.user_id === user.id)!;
    return { user, sub };
  }

  it('cancel asks Stripe to cancel the subscription; the webhook then ends the membership', async () => {
    const { user, sub } = await stripeMember();
    const live = firstRow(await memberships(user.id));
    expect(live.status).toBe('active');
    const state = await run(actions.cancelMemberMembership, { userId: user.id });
    expect(state.done).toBe('stripeCancelled');
    expect(bench.double.state.subscriptions.get(sub.id)!.status).toBe('canceled');
    expect((await auditOf('membership.stripe_cancel_requested', live.id))[0]!.data).toMatchObject({ subscriptionId: sub.id });
    await bench.settle();
    expect((await memberships(user.id))[0]!.status).toBe('cancelled');
  });

  it('extend, change tier, complimentary and offline payments explain that Stripe controls the membership', async () => {
    const { user } = await stripeMember();
    const before = await counts(user.id);
    expect((await run(actions.extendMemberMembership, { userId: user.id, months: '1' })).error).toBe('stripeControls');
    expect((await run(actions.changeMemberTier, { userId: user.id, tier: 'concession' })).error).toBe('stripeControls');
    expect((await run(actions.grantComplimentary, { userId: user.id, tier: 'concession', endsOn: day(30), replaceLive: 'on' })).error).toBe(
      'stripeControls',
    );
    expect((await run(actions.recordMemberPayment, { userId: user.id, amount: '30', paidOn: day(0), method: 'cheque' })).error).toBe(
      'paysByCard',
    );
    expect(await counts(user.id)).toEqual(before);
  });

  it('when Stripe refuses, nothing is recorded and staff are told', async () => {
    const { user } = await stripeMember();
    const live = firstRow(await memberships(user.id));
    bench.double.state.subscriptions.clear();
    expect((await run(actions.cancelMemberMembership, { userId: user.id })).error).toBe('stripeFailed');
    expect(await auditOf('membership.stripe_cancel_requested', live.id)).toHaveLength(0);
    expect((await memberships(user.id))[0]!.status).toBe('active');
  });
});
