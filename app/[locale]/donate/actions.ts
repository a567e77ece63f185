'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findUserById } from '@/db/queries/users';
import { currentUser } from '@/lib/auth/guards';
import { declareGiftAid } from '@/lib/gift-aid/declare';
import { createDonationCheckout } from '@/lib/payments/donations';
import { isStripeFailure } from '@/lib/payments/stripe';
import { giftAidSchema, parsePounds } from '@/lib/payments/validation';

export type DonateFormState = { values: Record<string, string>; fieldErrors?: Record<string, string>; error?: 'unavailable' };

const schema = z.object({
  locale: z.enum(['en', 'es']),
  frequency: z.enum(['one_off', 'monthly']),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  amount: z.string(),
  otherAmount: z.string().optional(),
});

/**
 * Starts a gift: guests give an email address, signed-in donors give as themselves (the
 * session decides who, never a form field). Optional Gift Aid. Then Stripe Checkout.
 */
export async function startDonation(_previous: DonateFormState, formData: FormData): Promise<DonateFormState> {
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const fieldErrors: Record<string, string> = {};
  const parsed = schema.safeParse(values);
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] = 'invalid';
  const typed = values.amount === 'other' ? (values.otherAmount ?? '') : (values.amount ?? '');
  const amountPence = parsePounds(typed);
  if (amountPence === null || amountPence < 100 || amountPence > 1_000_000) fieldErrors.amount = 'amount';
  const giftAid = values.giftAid === 'on' ? giftAidSchema.safeParse({ ...values, postcode: values.gaPostcode, title: values.gaTitle }) : null;
  if (giftAid && !giftAid.success) {
    for (const issue of giftAid.error.issues) fieldErrors[`ga.${String(issue.path[0])}`] = ['required', 'ukPostcode', 'confirm'].includes(issue.message) ? issue.message : 'invalid';
  }
  if (!parsed.success || Object.keys(fieldErrors).length || amountPence === null) return { values, fieldErrors };

  const { locale, frequency, email } = parsed.data;
  const signedIn = await currentUser();
  const user = signedIn ? await findUserById(signedIn.id) : null;
  let declarationId: string | null = null;
  if (giftAid?.success) {
    const { title, firstName, lastName, houseNameOrNumber, postcode, scope } = giftAid.data;
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
}
