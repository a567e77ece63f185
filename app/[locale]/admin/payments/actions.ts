'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { correctOfflinePayment, type CorrectionError } from '@/lib/payments/correct-offline-payment';
import { formatPence } from '@/lib/format';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import { refundPayment, type RefundError } from '@/lib/payments/refunds';
import { parsePounds } from '@/lib/payments/validation';
import { offlinePaymentMethods } from '@/lib/payments/methods';

/** Why a refund or correction was refused: its messages are adminPayments.errors.<code>. */
export type PaymentFormError =
  'required' | 'tooLong' | 'amount' | 'date' | 'future' | 'confirm' | Exclude<RefundError, 'needsOfflineMethod'> | CorrectionError;

/**
 * What the refund and correction forms get back. Both redirect once done, so there is no
 * `done`; `vars` holds what the error names: what is left to refund, formatted, when the
 * amount was too much (`left`), and Stripe's own words when it refused (`message`).
 */
export type PaymentFormState = FormState<PaymentFormError>;

const FIELD_CODES = ['required', 'tooLong', 'amount', 'date', 'future', 'confirm'] as const satisfies readonly PaymentFormError[];
const staff = guards.staff('/admin/payments');

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
const reference = z
  .string()
  .trim()
  .max(80, 'tooLong')
  .optional()
  .transform((v) => v || null);

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
export const refundPaymentAction = formAction(
  { schema: refundSchema, guard: staff, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<PaymentFormState> => {
    const result = await refundPayment({
      paymentId: input.paymentId,
      amountPence: input.amount,
      reason: input.reason,
      endMembership: input.endMembership === 'on',
      staffUserId: user.id,
      offline: input.offlineMethod ? { method: input.offlineMethod, reference: input.offlineReference } : undefined,
    });
    if (!result.ok) {
      if (result.error === 'needsOfflineMethod') return { values, fieldErrors: { offlineMethod: 'required' } };
      const vars: Record<string, string> = {};
      if (result.message !== undefined) vars.message = result.message;
      if (result.left !== undefined) vars.left = formatPence(result.left, locale);
      return { values, error: result.error, vars };
    }
    const notice = result.membershipError ? 'refundedMembershipKept' : 'refunded';
    redirect(`${getPathname({ href: `/admin/payments/${input.paymentId}`, locale })}?done=${notice}`);
  },
);

const correctionSchema = z.object({
  paymentId: z.uuid(),
  amount: pounds(1, 1_000_000),
  paidOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
    // A real calendar day: 2026-02-30 would otherwise roll over to March.
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) && v >= '2000-01-01',
      'date',
    )
    .transform((v) => new Date(`${v}T00:00:00Z`))
    .refine((d) => d <= today(), 'future'),
  method: z.enum(offlinePaymentMethods),
  reference,
  confirm: z.literal('on', { message: 'confirm' }),
});

/** Staff correct a payment recorded by hand: amount, date paid, method and reference. */
export const correctOfflinePaymentAction = formAction(
  { schema: correctionSchema, guard: staff, codes: FIELD_CODES },
  async ({ paymentId, amount, paidOn, method, reference: ref }, { user, values, locale }): Promise<PaymentFormState> => {
    const result = await correctOfflinePayment(user.id, paymentId, { amountPence: amount, paidAt: paidOn, method, reference: ref });
    if (!result.ok) return { values, error: result.error };
    redirect(`${getPathname({ href: `/admin/payments/${paymentId}`, locale })}?done=corrected`);
  },
);
