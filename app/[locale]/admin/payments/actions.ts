'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { correctOfflinePayment } from '@/db/queries/admin-payments';
import { requireRole } from '@/lib/auth/guards';
import { formatPence } from '@/lib/format';
import { getPathname } from '@/lib/i18n/navigation';
import { isGiftAidEligible } from '@/lib/payments/gift-aid';
import { refundPayment } from '@/lib/payments/refunds';
import { parsePounds } from '@/lib/payments/validation';

export type PaymentFormState = {
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  error?: string;
  /** Stripe's own words when it refused. */
  message?: string;
  /** What is left to refund, formatted, when the amount was too much. */
  left?: string;
};

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');
const valuesOf = (formData: FormData) => Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
const fieldErrorsOf = (issues: z.core.$ZodIssue[]) => Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message.startsWith('Invalid') || !/^[a-zA-Z]+$/.test(i.message) ? 'invalid' : i.message]));

const pounds = (min: number, max: number) =>
  z.string().transform((v, ctx) => {
    const pence = parsePounds(v);
    if (pence === null || pence < min || pence > max) {
      ctx.addIssue({ code: 'custom', message: 'amount' });
      return z.NEVER;
    }
    return pence;
  });

const today = () => new Date(new Date().toISOString().slice(0, 10));
const offlineMethod = z.enum(['bank_transfer', 'cheque', 'cash']);
const reference = z.string().trim().max(80, 'tooLong').optional().transform((v) => v || null);

const refundSchema = z.object({
  paymentId: z.uuid(),
  amount: pounds(1, 1_000_000),
  reason: z.string().trim().min(1, 'required').max(500, 'tooLong'),
  confirm: z.literal('on', { message: 'confirm' }),
  endMembership: z.literal('on').optional(),
  offlineMethod: offlineMethod.optional().or(z.literal('').transform(() => undefined)),
  offlineReference: reference,
});

/**
 * Staff refund a payment: through Stripe for a card payment (the webhook confirms it), or
 * recorded as money returned by transfer, cheque or cash for one made outside Stripe.
 */
export async function refundPaymentAction(_previous: PaymentFormState, formData: FormData): Promise<PaymentFormState> {
  const locale = localeOf(formData);
  const values = valuesOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments', locale }), locale });
  const parsed = refundSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const input = parsed.data;
  const result = await refundPayment({
    paymentId: input.paymentId,
    amountPence: input.amount,
    reason: input.reason,
    endMembership: input.endMembership === 'on',
    staffUserId: staff.id,
    offline: input.offlineMethod ? { method: input.offlineMethod, reference: input.offlineReference } : undefined,
  });
  if (!result.ok) {
    if (result.error === 'needsOfflineMethod') return { values, fieldErrors: { offlineMethod: 'required' } };
    return { values, error: result.error, message: result.message, left: result.left === undefined ? undefined : formatPence(result.left, locale) };
  }
  const notice = result.membershipError ? 'refundedMembershipKept' : 'refunded';
  redirect(`${getPathname({ href: `/admin/payments/${input.paymentId}`, locale })}?done=${notice}`);
}

const correctionSchema = z.object({
  paymentId: z.uuid(),
  amount: pounds(1, 1_000_000),
  paidOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
    // A real calendar day: 2026-02-30 would otherwise roll over to March.
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) && v >= '2000-01-01', 'date')
    .transform((v) => new Date(`${v}T00:00:00Z`))
    .refine((d) => d <= today(), 'future'),
  method: z.enum(['bank_transfer', 'cheque', 'standing_order', 'cash']),
  reference,
  confirm: z.literal('on', { message: 'confirm' }),
});

/** Staff correct a payment recorded by hand: amount, date paid, method and reference. */
export async function correctOfflinePaymentAction(_previous: PaymentFormState, formData: FormData): Promise<PaymentFormState> {
  const locale = localeOf(formData);
  const values = valuesOf(formData);
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments', locale }), locale });
  const parsed = correctionSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { paymentId, amount, paidOn, method, reference: ref } = parsed.data;
  const result = await correctOfflinePayment(staff.id, paymentId, { amountPence: amount, paidAt: paidOn, method, reference: ref }, (args) =>
    isGiftAidEligible({ ...args, declarationMadeWithThisPayment: false }),
  );
  if (!result.ok) return { values, error: result.error };
  redirect(`${getPathname({ href: `/admin/payments/${paymentId}`, locale })}?done=corrected`);
}
