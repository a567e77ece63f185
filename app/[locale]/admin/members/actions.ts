'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { findLatestTierSlug, findMemberForAction, recordSignInLinkSent, recordStripeCancellation } from '@/db/queries/admin-members';
import { requireRole } from '@/lib/auth/guards';
import { sendSignInLink } from '@/lib/auth/sign-in-mail';
import { formatLongDate } from '@/lib/format';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
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

/** What every member action form gets back: the input kept, and either errors or what was done. */
export type MemberActionState = {
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  error?: MemberChangeError | 'paysByCard' | 'tooMany' | 'sendFailed' | 'stripeFailed' | 'noEmail';
  done?: string;
  doneVars?: Record<string, string>;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const utcDay = (value: string) => new Date(`${value}T00:00:00Z`);
const todayUtc = () => utcDay(new Date().toISOString().slice(0, 10));

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const base = z.object({
  userId: z.uuid(),
  confirm: z.literal('on', { message: 'confirm' }),
});
const tierSlug = z.string().regex(/^[a-z0-9-]{1,40}$/, 'invalid');
const dateField = z.string().regex(DATE, 'date').refine((v) => !Number.isNaN(utcDay(v).getTime()), 'date');

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
    method: z.enum(['bank_transfer', 'cheque', 'standing_order', 'cash']),
    tier: tierSlug.optional().or(z.literal('').transform(() => undefined)),
    reference: z.string().trim().max(80, 'tooLong').optional().transform((v) => v || null),
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

type Kind = keyof typeof schemas;

/** Guard, then parse: every action starts here. Invalid input comes back with its values. */
async function begin<K extends Kind>(kind: K, formData: FormData) {
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
  const locale: AppLocale = values.locale === 'es' ? 'es' : 'en';
  const memberPath = z.uuid().safeParse(values.userId).success ? `/admin/members/${values.userId}` : '/admin/members';
  const staff = await requireRole('staff', { returnTo: getPathname({ href: memberPath, locale }), locale });
  const parsed = schemas[kind].safeParse(values);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), KNOWN.has(i.message) ? i.message : 'invalid']));
    return { ok: false as const, state: { values, fieldErrors } satisfies MemberActionState };
  }
  return { ok: true as const, staff, values, locale, input: parsed.data as z.infer<(typeof schemas)[K]> };
}
const KNOWN = new Set(['confirm', 'amount', 'date', 'futureDate', 'pastDate', 'months', 'required', 'tooLong']);

/** After a change: the detail page shows it, the form is cleared but keeps its hidden fields. */
function done(values: Record<string, string>, key: string, vars: Record<string, string> = {}): MemberActionState {
  revalidatePath('/[locale]/admin/members/[id]', 'page');
  return { values: { locale: values.locale ?? 'en', userId: values.userId ?? '' }, done: key, doneVars: vars };
}

/** Records a bank transfer, cheque, standing order or cash payment for this member. */
export async function recordMemberPayment(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('payment', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
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
    recordedByUserId: staff.id,
  });
  if (!result.ok) return { values, error: result.error };
  return done(values, 'payment', { amount: (input.amount / 100).toFixed(2), until: formatLongDate(result.membership.currentPeriodEnd!, start.locale) });
}

/** A complimentary membership until the given date (ending an offline one first if asked). */
export async function grantComplimentary(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('complimentary', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  const result = await grantComplimentaryMembership({ actorUserId: staff.id, userId: input.userId, tierSlug: input.tier, endsAt: utcDay(input.endsOn), replaceLive: input.replaceLive === 'on' });
  if (!result.ok) return { values, error: result.error };
  deliverQueuedMailsSoon();
  return done(values, 'complimentary', { until: formatLongDate(utcDay(input.endsOn), start.locale) });
}

/** Moves the end of a live offline or complimentary membership by N months or to a date. */
export async function extendMemberMembership(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('extend', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  if ((input.months === undefined) === (input.until === undefined)) return { values, fieldErrors: { months: 'monthsOrDate' } };
  const by = input.months !== undefined ? { months: input.months } : { until: utcDay(input.until!) };
  const result = await extendMembership({ actorUserId: staff.id, userId: input.userId, by });
  if (!result.ok) return { values, error: result.error };
  return done(values, 'extend', { until: formatLongDate(result.value.currentPeriodEnd!, start.locale) });
}

/** Puts the live membership on another tier. */
export async function changeMemberTier(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('tier', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  const result = await changeMembershipTier({ actorUserId: staff.id, userId: input.userId, tierSlug: input.tier });
  if (!result.ok) return { values, error: result.error };
  return done(values, 'tier');
}

/**
 * Cancels the live membership: an offline or complimentary one ends now; a Stripe one is
 * cancelled through Stripe's API, and Stripe's webhook then updates the membership.
 */
export async function cancelMemberMembership(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('cancel', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  const result = await cancelMembershipNow({ actorUserId: staff.id, userId: input.userId });
  if (!result.ok) return { values, error: result.error };
  if (result.value.kind === 'local') return done(values, 'cancelled');
  try {
    await getStripe().subscriptions.cancel(result.value.subscriptionId);
  } catch (error) {
    console.error('[admin] Stripe refused to cancel', result.value.subscriptionId, (error as Error).message);
    return { values, error: 'stripeFailed' };
  }
  await recordStripeCancellation({ actorUserId: staff.id, userId: input.userId, membershipId: result.value.membershipId, subscriptionId: result.value.subscriptionId });
  return done(values, 'stripeCancelled');
}

/** Mails the member a new sign-in link, within the usual per-address and per-IP limits. */
export async function resendSignInLink(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('signInLink', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  const member = await findMemberForAction(input.userId);
  if (!member) return { values, error: 'unknownMember' };
  if (!member.email) return { values, error: 'noEmail' };
  try {
    // The link brings them to their account, in their own language.
    const decision = await sendSignInLink(member.email, getPathname({ href: '/account', locale: member.preferredLocale }));
    if (!decision.allowed) return { values, error: 'tooMany', doneVars: { minutes: String(Math.ceil(decision.retryAfterSeconds / 60)) } };
  } catch (error) {
    console.error('[admin] could not send the sign-in mail', error);
    return { values, error: 'sendFailed' };
  }
  await recordSignInLinkSent({ actorUserId: staff.id, userId: member.id });
  return done(values, 'signInLink', { email: member.email });
}

/** A staff note on the member's record. */
export async function addNote(_previous: MemberActionState, formData: FormData): Promise<MemberActionState> {
  const start = await begin('note', formData);
  if (!start.ok) return start.state;
  const { staff, values, input } = start;
  const result = await addMemberNote({ actorUserId: staff.id, userId: input.userId, body: input.body });
  if (!result.ok) return { values, error: result.error };
  return done(values, 'note');
}
