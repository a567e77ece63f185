'use server';

import { z } from 'zod';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { recordOfflineMembershipPayment, type OfflinePaymentResult } from '@/lib/payments/offline';
import { parsePounds } from '@/lib/payments/validation';
import { offlinePaymentMethods } from '@/lib/payments/methods';

/** Why the payment was not recorded: its messages are offline.errors.<code>. */
export type OfflinePaymentError = 'amount' | 'date' | Extract<OfflinePaymentResult, { ok: false }>['error'];

/** Once recorded, `vars` holds what the message names: the amount, the member's address, the new end date. */
export type OfflinePaymentFormState = FormState<OfflinePaymentError, 'recorded'>;

const FIELD_CODES = ['amount', 'date'] as const satisfies readonly OfflinePaymentError[];

const today = () => new Date(new Date().toISOString().slice(0, 10));

const schema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  tier: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  amount: z.string().transform((v, ctx) => {
    const pence = parsePounds(v);
    if (pence === null || pence < 100 || pence > 1_000_000) {
      ctx.addIssue({ code: 'custom', message: 'amount' });
      return z.NEVER;
    }
    return pence;
  }),
  paidOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
    .transform((v) => new Date(`${v}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d <= today() && d.getUTCFullYear() >= 2000, 'date'),
  method: z.enum(offlinePaymentMethods),
  reference: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || null),
});

/** Staff only: records a payment made outside Stripe and activates or extends the membership. */
export const recordOfflinePaymentAction = formAction(
  { schema, guard: guards.staff('/admin/payments/offline'), codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<OfflinePaymentFormState> => {
    const result = await recordOfflineMembershipPayment({
      email: input.email,
      tierSlug: input.tier ?? null,
      amountPence: input.amount,
      paidOn: input.paidOn,
      method: input.method,
      reference: input.reference,
      recordedByUserId: user.id,
    });
    if (!result.ok) return { values, error: result.error };
    return {
      values: { locale },
      done: 'recorded',
      vars: {
        amount: (input.amount / 100).toFixed(2),
        email: input.email,
        until: result.membership.currentPeriodEnd!.toISOString().slice(0, 10),
      },
    };
  },
);
