'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { findLatestMembership } from '@/db/queries/memberships';
import { requestBankTransferMembership } from '@/lib/membership/request-bank-transfer';
import { findTierBySlug } from '@/db/queries/payments';
import { findUserById, updateProfile } from '@/db/queries/users';
import { declareGiftAid } from '@/lib/gift-aid/declare';
import { giftAidPart } from '@/lib/gift-aid/form';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import { memberAccess } from '@/lib/membership/lifecycle';
import { getBankDetails } from '@/lib/payments/bank-details';
import { createMembershipCheckout } from '@/lib/payments/checkout';
import { isStripeFailure } from '@/lib/payments/stripe';
import { GIFT_AID_CODES, normalisePostcode, UK_POSTCODE, type GiftAidError } from '@/lib/payments/validation';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { logFor } from '@/lib/log';

/**
 * Why joining was refused: the messages are join.errors.<code>. The Gift Aid declaration's
 * fields are refused as `ga.<field>`, with the same codes.
 */
export type JoinError = 'required' | GiftAidError | 'unavailable' | 'unknownTier' | 'bankUnavailable';
export type JoinFormState = FormState<JoinError>;
const JOIN_CODES = ['required', ...GIFT_AID_CODES] as const satisfies readonly JoinError[];

const detailsSchema = z.object({
  tier: z.string().regex(/^[a-z0-9-]{1,40}$/),
  locale: z.enum(['en', 'es']),
  name: z.string().trim().min(1, 'required').max(120),
  addressLine1: z.string().trim().min(1, 'required').max(120),
  addressLine2: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  city: z.string().trim().min(1, 'required').max(80),
  postcode: z.string().trim().min(2, 'required').max(12),
  country: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => v || 'United Kingdom'),
  paymentMethod: z.enum(['card', 'bank_transfer']),
  giftAid: z.literal('on').optional(),
});

/**
 * Step 3 of joining: details, an optional Gift Aid declaration, then either Stripe
 * Checkout or a bank-transfer request. Only the signed-in user can join, for themselves.
 * The details and the declaration are checked here together, so that every problem shows at once.
 */
export const startMembership = formAction(
  { schema: detailsSchema, guard: guards.user((values) => `/join/${values.tier ?? ''}`), codes: JOIN_CODES, part: giftAidPart },
  async (details, { user: sessionUser, values, locale, part: declaration }): Promise<JoinFormState> => {
    const tier = await findTierBySlug(details.tier);
    if (!tier) return { values, error: 'unknownTier' };
    // Checked before anything is saved: without bank details a transfer could not be matched.
    if (details.paymentMethod === 'bank_transfer' && !(await getBankDetails())) return { values, error: 'bankUnavailable' };
    const user = await findUserById(sessionUser.id);
    if (!user) return { values, error: 'unavailable' };
    if (memberAccess(await findLatestMembership(user.id), new Date(), await getMembershipGraceDays()).kind === 'active') {
      redirect(getPathname({ href: '/account', locale }));
    }

    const postcode = UK_POSTCODE.test(details.postcode.replace(/\s+/g, '')) ? normalisePostcode(details.postcode) : details.postcode;
    await updateProfile(user.id, {
      name: details.name,
      addressLine1: details.addressLine1,
      addressLine2: details.addressLine2,
      city: details.city,
      postcode,
      country: details.country,
      preferredLocale: locale,
      newsletterOptIn: user.newsletterOptIn,
    });
    if (declaration) {
      const { title, firstName, lastName, houseNameOrNumber, postcode: gaPostcode, scope } = declaration;
      await declareGiftAid({
        title,
        firstName,
        lastName,
        houseNameOrNumber,
        postcode: gaPostcode,
        scope,
        userId: user.id,
        email: user.email,
      });
    }

    if (details.paymentMethod === 'bank_transfer') {
      await requestBankTransferMembership(user.id, tier.id);
      redirect(getPathname({ href: '/join/bank-transfer', locale }));
    }

    let url: string;
    try {
      url = (await createMembershipCheckout({ user: { ...user, name: details.name }, tier, locale })).url;
    } catch (error) {
      logFor('join').error({ err: error }, 'could not start checkout');
      if (isStripeFailure(error)) return { values, error: 'unavailable' };
      throw error;
    }
    redirect(url);
  },
);
