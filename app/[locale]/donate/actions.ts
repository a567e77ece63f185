'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findUserById } from '@/db/queries/users';
import { giftAidOf } from '@/lib/gift-aid/form';
import { declareGiftAid } from '@/lib/gift-aid/declare';
import { fieldErrorsOf, formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { createDonationCheckout } from '@/lib/payments/donations';
import { isStripeFailure } from '@/lib/payments/stripe';
import { GIFT_AID_CODES, parsePounds, type GiftAidError } from '@/lib/payments/validation';

/**
 * Why a gift was refused: `amount` (donate.amountError), Stripe `unavailable`
 * (donate.unavailable), or the Gift Aid declaration's own codes on its `ga.` fields
 * (join.errors.<code>, shared with the join form).
 */
export type DonateError = 'amount' | 'unavailable' | GiftAidError;
export type DonateFormState = FormState<DonateError>;
const DONATE_CODES = ['amount', ...GIFT_AID_CODES] as const satisfies readonly DonateError[];

const schema = z.object({
  locale: z.enum(['en', 'es']),
  frequency: z.enum(['one_off', 'monthly']),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  amount: z.string(),
  otherAmount: z.string().optional(),
});

/** The gift in pence: a preset, or "other" and the amount typed, from £1 to £10,000; else null. */
function amountOf(values: Record<string, string>): number | null {
  const pence = parsePounds(values.amount === 'other' ? (values.otherAmount ?? '') : (values.amount ?? ''));
  return pence === null || pence < 100 || pence > 1_000_000 ? null : pence;
}

/**
 * Starts a gift: guests give an email address, signed-in donors give as themselves (the
 * session decides who, never a form field). Optional Gift Aid. Then Stripe Checkout.
 * The fields, the amount and the declaration are checked here together, so that the
 * donor sees every problem at once.
 */
export const startDonation = formAction(
  // The fields are checked in the handler, with the Gift Aid declaration: formAction's schema
  // would answer before the declaration is looked at.
  { schema: z.object({}), guard: guards.visitor() },
  async (_fields, { user: signedIn, values }): Promise<DonateFormState> => {
    const parsed = schema.safeParse(values);
    const amountPence = amountOf(values);
    const giftAid = giftAidOf(values);
    if (!parsed.success || amountPence === null || giftAid.fieldErrors) {
      return {
        values,
        fieldErrors: {
          ...(parsed.success ? {} : fieldErrorsOf(parsed.error, DONATE_CODES)),
          ...(amountPence === null ? { amount: 'amount' } : {}),
          ...giftAid.fieldErrors,
        },
      };
    }

    const { locale, frequency, email } = parsed.data;
    const user = signedIn ? await findUserById(signedIn.id) : null;
    let declarationId: string | null = null;
    if (giftAid.declaration) {
      const { title, firstName, lastName, houseNameOrNumber, postcode, scope } = giftAid.declaration;
      declarationId = (await declareGiftAid({ title, firstName, lastName, houseNameOrNumber, postcode, scope, userId: user?.id ?? null, email: user?.email ?? email })).id;
    }

    let url: string;
    try {
      url = (
        await createDonationCheckout({
          amountPence,
          frequency,
          email: user?.email ?? email,
          userId: user?.id ?? null,
          stripeCustomerId: user?.stripeCustomerId ?? null,
          giftAidDeclarationId: declarationId,
          locale,
        })
      ).url;
    } catch (error) {
      console.error('[donate] could not start checkout', error);
      if (isStripeFailure(error)) return { values, error: 'unavailable' };
      throw error;
    }
    redirect(url);
  },
);
