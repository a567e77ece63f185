'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findUserById } from '@/db/queries/users';
import { giftAidPart } from '@/lib/gift-aid/form';
import { declareGiftAid } from '@/lib/gift-aid/declare';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { createDonationCheckout } from '@/lib/payments/donations';
import { isStripeFailure } from '@/lib/payments/stripe';
import { GIFT_AID_CODES, parsePounds, type GiftAidError } from '@/lib/payments/validation';
import { logFor } from '@/lib/log';

/**
 * Why a gift was refused: `amount` (donate.amountError), Stripe `unavailable`
 * (donate.unavailable), or the Gift Aid declaration's own codes on its `ga.` fields
 * (join.errors.<code>, shared with the join form).
 */
export type DonateError = 'amount' | 'unavailable' | GiftAidError;
export type DonateFormState = FormState<DonateError>;
const DONATE_CODES = ['amount', ...GIFT_AID_CODES] as const satisfies readonly DonateError[];

// The gift is a preset or "other" with the amount typed; it is resolved to the one `amount`
// first, so that its check runs beside the other fields' and its error sits on `amount`.
const chosenAmount = (input: unknown) => {
  if (!input || typeof input !== 'object') return input;
  const values = input as Record<string, unknown>;
  return { ...values, amount: values.amount === 'other' ? (values.otherAmount ?? '') : values.amount };
};

const schema = z.preprocess(
  chosenAmount,
  z.object({
    locale: z.enum(['en', 'es']),
    frequency: z.enum(['one_off', 'monthly']),
    email: z.string().trim().toLowerCase().pipe(z.email()),
    // From £1 to £10,000.
    amount: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const pence = parsePounds(v);
        if (pence === null || pence < 100 || pence > 1_000_000) {
          ctx.addIssue({ code: 'custom', message: 'amount' });
          return z.NEVER;
        }
        return pence;
      }),
  }),
);

/**
 * Starts a gift: guests give an email address, signed-in donors give as themselves (the
 * session decides who, never a form field). Optional Gift Aid, checked with the rest so
 * that the donor sees every problem at once. Then Stripe Checkout.
 */
export const startDonation = formAction(
  { schema, guard: guards.visitor(), codes: DONATE_CODES, part: giftAidPart },
  async ({ locale, frequency, email, amount: amountPence }, { user: signedIn, values, part: declaration }): Promise<DonateFormState> => {
    const user = signedIn ? await findUserById(signedIn.id) : null;
    let declarationId: string | null = null;
    if (declaration) {
      const { title, firstName, lastName, houseNameOrNumber, postcode, scope } = declaration;
      declarationId = (
        await declareGiftAid({
          title,
          firstName,
          lastName,
          houseNameOrNumber,
          postcode,
          scope,
          userId: user?.id ?? null,
          email: user?.email ?? email,
        })
      ).id;
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
      logFor('donate').error({ err: error }, 'could not start checkout');
      if (isStripeFailure(error)) return { values, error: 'unavailable' };
      throw error;
    }
    redirect(url);
  },
);
