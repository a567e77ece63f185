'use server';

import { z } from 'zod';
import { requireRole } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import { recordOfflineMembershipPayment } from '@/lib/payments/offline';
import { parsePounds } from '@/lib/payments/validation';

export type OfflinePaymentFormState = {
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  error?: 'unknownMember' | 'unknownTier' | 'paysByCard';
  recorded?: { amount: string; email: string; until: string };
};

const today = () => new Date(new Date().toISOString().slice(0, 10));

const schema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  tier: z.string().regex(/^[a-z0-9-]{1,40}$/).optional().or(z.literal('').transform(() => undefined)),
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
  method: z.enum(['bank_transfer', 'cheque', 'standing_order', 'cash']),
  reference: z.string().trim().max(80).optional().transform((v) => v || null),
});

/** Staff only: records a payment made outside Stripe and activates or extends the membership. */
export async function recordOfflinePaymentAction(_previous: OfflinePaymentFormState, formData: FormData): Promise<OfflinePaymentFormState> {
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const locale = values.locale === 'es' ? 'es' : 'en';
  const staff = await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments/offline', locale }), locale });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return { values, fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), ['amount', 'date'].includes(i.message) ? i.message : 'invalid'])) };
  }
  const input = parsed.data;
  const result = await recordOfflineMembershipPayment({
    email: input.email,
    tierSlug: input.tier ?? null,
    amountPence: input.amount,
    paidOn: input.paidOn,
    method: input.method,
    reference: input.reference,
    recordedByUserId: staff.id,
  });
  if (!result.ok) return { values, error: result.error };
  return {
    values: { locale },
    recorded: { amount: (input.amount / 100).toFixed(2), email: input.email, until: result.membership.currentPeriodEnd!.toISOString().slice(0, 10) },
  };
}
