'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { findLatestTierSlug, findMemberForAction, recordSignInLinkSent, recordStripeCancellation } from '@/db/queries/admin-members';
import { sendSignInLink } from '@/lib/auth/sign-in-mail';
import { formatLongDate } from '@/lib/format';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { recordOfflineMembershipPayment } from '@/lib/payments/offline';
import { addMemberNote } from '@/lib/membership/staff/add-note';
import { cancelMembershipNow } from '@/lib/membership/staff/cancel-now';
import { changeMembershipTier } from '@/lib/membership/staff/change-tier';
import { extendMembership } from '@/lib/membership/staff/extend';
import { grantComplimentaryMembership } from '@/lib/membership/staff/grant-complimentary';
import type { MemberChangeError } from '@/lib/membership/staff/result';
import { getStripe } from '@/lib/payments/stripe';
import { parsePounds } from '@/lib/payments/validation';
import { offlinePaymentMethods } from '@/lib/payments/methods';
import { logFor } from '@/lib/log';

/** Why a member action was refused: its messages are adminMembers.actions.errors.<code>. */
export type MemberActionError =
  | MemberChangeError
  | 'paysByCard'
  | 'tooMany'
  | 'sendFailed'
  | 'stripeFailed'
  | 'noEmail'
  | 'confirm'
  | 'amount'
  | 'date'
  | 'futureDate'
  | 'pastDate'
  | 'months'
  | 'monthsOrDate'
  | 'required'
  | 'tooLong';

/** What a member action did: its messages are adminMembers.actions.done.<key>. */
export type MemberActionDone = 'payment' | 'complimentary' | 'extend' | 'tier' | 'cancelled' | 'stripeCancelled' | 'signInLink' | 'note';

/**
 * What every member action form gets back: the input kept, and either errors or what was
 * done; `vars` holds what its message names (an amount, a date, the minutes to wait).
 */
export type MemberActionState = FormState<MemberActionError, MemberActionDone>;

const FIELD_CODES = [
  'confirm',
  'amount',
  'date',
  'futureDate',
  'pastDate',
  'months',
  'required',
  'tooLong',
] as const satisfies readonly MemberActionError[];

/** Staff only: a visitor signs in and comes back to this member's page (the list, if the id is not one). */
const staff = guards.staff((values) => (z.uuid().safeParse(values.userId).success ? `/admin/members/${values.userId}` : '/admin/members'));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const utcDay = (value: string) => new Date(`${value}T00:00:00Z`);
const todayUtc = () => utcDay(new Date().toISOString().slice(0, 10));

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const base = z.object({
  userId: z.uuid(),
  confirm: z.literal('on', { message: 'confirm' }),
});
const tierSlug = z.string().regex(/^[a-z0-9-]{1,40}$/, 'invalid');
const dateField = z
  .string()
  .regex(DATE, 'date')
  .refine((v) => !Number.isNaN(utcDay(v).getTime()), 'date');

const schemas = {
  payment: base.extend({
    amount: z.string().transform((v, ctx) => {
      const pence = parsePounds(v);
      if (pence === null || pence < 100 || pence > 1_000_000) {
        ctx.addIssue({ code: 'custom', message: 'amount' });
        return z.NEVER;
      }
      return pence;
    }),
    paidOn: dateField.refine((v) => utcDay(v) <= todayUtc(), 'futureDate').refine((v) => utcDay(v).getUTCFullYear() >= 2000, 'date'),
    method: z.enum(offlinePaymentMethods),
    tier: tierSlug.optional().or(z.literal('').transform(() => undefined)),
    reference: z
      .string()
      .trim()
      .max(80, 'tooLong')
      .optional()
      .transform((v) => v || null),
  }),
  complimentary: base.extend({
    tier: tierSlug,
    endsOn: dateField.refine((v) => utcDay(v) > todayUtc(), 'pastDate'),
    replaceLive: z.literal('on').optional(),
  }),
  extend: base.extend({
    months: z.preprocess(blank, z.coerce.number({ message: 'months' }).int('months').min(1, 'months').max(60, 'months').optional()),
    until: z.preprocess(blank, dateField.refine((v) => utcDay(v) > todayUtc(), 'pastDate').optional()),
  }),
  tier: base.extend({ tier: tierSlug }),
  cancel: base,
  signInLink: base,
  note: z.object({ userId: z.uuid(), body: z.string().trim().min(1, 'required').max(5000, 'tooLong') }),
};

/** After a change: the detail page shows it, the form is cleared but keeps its hidden fields. */
function done(values: Record<string, string>, key: MemberActionDone, vars: Record<string, string> = {}): MemberActionState {
  revalidatePath('/[locale]/admin/members/[id]', 'page');
  return { values: { locale: values.locale ?? 'en', userId: values.userId ?? '' }, done: key, vars };
}

/** Records a bank transfer, cheque, standing order or cash payment for this member. */
export const recordMemberPayment = formAction(
  { schema: schemas.payment, guard: staff, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<MemberActionState> => {
    const member = await findMemberForAction(input.userId);
    if (!member) return { values, error: 'unknownMember' };
    if (!member.email) return { values, error: 'noEmail' };
    // "Keep the current tier": a lapsed or pending member renews on the tier they last had.
    const tierSlug = input.tier ?? (await findLatestTierSlug(member.id));
    const result = await recordOfflineMembershipPayment({
      email: member.email,
      tierSlug,
      amountPence: input.amount,
      paidOn: utcDay(input.paidOn),
      method: input.method,
      reference: input.reference,
      recordedByUserId: user.id,
    });
    if (!result.ok) return { values, error: result.error };
    return done(values, 'payment', {
      amount: (input.amount / 100).toFixed(2),
      until: formatLongDate(result.membership.currentPeriodEnd!, locale),
    });
  },
);

/** A complimentary membership until the given date (ending an offline one first if asked). */
export const grantComplimentary = formAction(
  { schema: schemas.complimentary, guard: staff, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<MemberActionState> => {
    const result = await grantComplimentaryMembership({
      actorUserId: user.id,
      userId: input.userId,
      tierSlug: input.tier,
      endsAt: utcDay(input.endsOn),
      replaceLive: input.replaceLive === 'on',
    });
    if (!result.ok) return { values, error: result.error };
    deliverQueuedMailsSoon();
    return done(values, 'complimentary', { until: formatLongDate(utcDay(input.endsOn), locale) });
  },
);

/** Moves the end of a live offline or complimentary membership by N months or to a date. */
export const extendMemberMembership = formAction(
  { schema: schemas.extend, guard: staff, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<MemberActionState> => {
    if ((input.months === undefined) === (input.until === undefined)) return { values, fieldErrors: { months: 'monthsOrDate' } };
    const by = input.months !== undefined ? { months: input.months } : { until: utcDay(input.until!) };
    const result = await extendMembership({ actorUserId: user.id, userId: input.userId, by });
    if (!result.ok) return { values, error: result.error };
    return done(values, 'extend', { until: formatLongDate(result.value.currentPeriodEnd!, locale) });
  },
);

/** Puts the live membership on another tier. */
export const changeMemberTier = formAction(
  { schema: schemas.tier, guard: staff, codes: FIELD_CODES },
  async (input, { user, values }): Promise<MemberActionState> => {
    const result = await changeMembershipTier({ actorUserId: user.id, userId: input.userId, tierSlug: input.tier });
    if (!result.ok) return { values, error: result.error };
    return done(values, 'tier');
  },
);

/**
 * Cancels the live membership: an offline or complimentary one ends now; a Stripe one is
 * cancelled through Stripe's API, and Stripe's webhook then updates the membership.
 */
export const cancelMemberMembership = formAction(
  { schema: schemas.cancel, guard: staff, codes: FIELD_CODES },
  async (input, { user, values }): Promise<MemberActionState> => {
    const result = await cancelMembershipNow({ actorUserId: user.id, userId: input.userId });
    if (!result.ok) return { values, error: result.error };
    if (result.value.kind === 'local') return done(values, 'cancelled');
    try {
      await getStripe().subscriptions.cancel(result.value.subscriptionId);
    } catch (error) {
      logFor('admin').error({ err: error, subscriptionId: result.value.subscriptionId }, 'Stripe refused to cancel a subscription');
      return { values, error: 'stripeFailed' };
    }
    await recordStripeCancellation({
      actorUserId: user.id,
      userId: input.userId,
      membershipId: result.value.membershipId,
      subscriptionId: result.value.subscriptionId,
    });
    return done(values, 'stripeCancelled');
  },
);

/** Mails the member a new sign-in link, within the usual per-address and per-IP limits. */
export const resendSignInLink = formAction(
  { schema: schemas.signInLink, guard: staff, codes: FIELD_CODES },
  async (input, { user, values }): Promise<MemberActionState> => {
    const member = await findMemberForAction(input.userId);
    if (!member) return { values, error: 'unknownMember' };
    if (!member.email) return { values, error: 'noEmail' };
    try {
      // The link brings them to their account, in their own language.
      const decision = await sendSignInLink(member.email, getPathname({ href: '/account', locale: member.preferredLocale }));
      if (!decision.allowed) return { values, error: 'tooMany', vars: { minutes: String(Math.ceil(decision.retryAfterSeconds / 60)) } };
    } catch (error) {
      logFor('admin').error({ err: error, userId: member.id }, 'could not send a sign-in mail');
      return { values, error: 'sendFailed' };
    }
    await recordSignInLinkSent({ actorUserId: user.id, userId: member.id });
    return done(values, 'signInLink', { email: member.email });
  },
);

/** A staff note on the member's record. */
export const addNote = formAction(
  { schema: schemas.note, guard: staff, codes: FIELD_CODES },
  async (input, { user, values }): Promise<MemberActionState> => {
    const result = await addMemberNote({ actorUserId: user.id, userId: input.userId, body: input.body });
    if (!result.ok) return { values, error: result.error };
    return done(values, 'note');
  },
);
