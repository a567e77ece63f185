'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/db/queries/audit';
import { deleteAccount as eraseAccount } from '@/lib/account/delete-account';
import { confirmGuestGift } from '@/lib/gift-aid/confirm-guest-gift';
import { cancelDeclaration } from '@/lib/gift-aid/cancel-declaration';
import { deleteAllSessions, findUserById, updateProfile } from '@/db/queries/users';
import { SESSION_COOKIE_NAMES } from '@/lib/auth/session-cookie';
import { formAction, formCommand, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { createPortalSession } from '@/lib/payments/checkout';
import { isStripeFailure } from '@/lib/payments/stripe';
import { logFor } from '@/lib/log';

const accountPage = (locale: AppLocale) => getPathname({ href: '/account', locale });
const signedIn = guards.user('/account');
/** A plain post whose only input is who is signed in: a refused one (too large) goes back to the account page. */
const noFields = z.object({});
const backToAccount = ({ locale }: { locale: AppLocale }) => redirect(accountPage(locale));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'tooLong')
    .optional()
    .transform((v) => v || null);

// Only these fields can be changed here. Anything else in the form (a role, another
// user's id) is dropped by the schema; the user is always the one signed in.
const profileSchema = z.object({
  name: optionalText(120),
  addressLine1: optionalText(120),
  addressLine2: optionalText(120),
  city: optionalText(80),
  postcode: optionalText(12),
  country: optionalText(60),
  preferredLocale: z.enum(['en', 'es']),
  // An unticked box is not sent at all: false.
  newsletterOptIn: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

/** Why the profile form was refused: its messages are account.errors.<code>. */
export type ProfileError = 'tooLong';
export type ProfileFormState = FormState<ProfileError, 'saved'>;
const PROFILE_CODES = ['tooLong'] as const satisfies readonly ProfileError[];

export const saveProfile = formAction(
  { schema: profileSchema, guard: signedIn, codes: PROFILE_CODES },
  async (profile, { user, values }): Promise<ProfileFormState> => {
    await updateProfile(user.id, profile);
    return { values, done: 'saved' };
  },
);

async function clearSessionCookie() {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
}

/** Ends every session of this user, on every device. */
export const signOutEverywhere = formCommand(
  { schema: noFields, guard: signedIn, refused: backToAccount },
  async (_input, { user, locale }) => {
    await deleteAllSessions(user.id);
    await recordAudit({ actorUserId: user.id, action: 'auth.sign_out_everywhere', entityType: 'user', entityId: user.id });
    await clearSessionCookie();
    redirect(getPathname({ href: '/', locale }));
  },
);

/**
 * Why the deletion was refused: the address typed is not the account's (account.deleteMismatch),
 * or Stripe could not be asked to stop their payments, so nothing was deleted (account.deleteStripe).
 */
export type DeleteError = 'mismatch' | 'stripe';
export type DeleteFormState = FormState<DeleteError>;

export const deleteAccount = formAction(
  // A form without the field is a mismatch, like an empty one.
  { schema: z.object({ confirmation: z.string().trim().default('') }), guard: guards.user('/account/delete') },
  async ({ confirmation }, { user, values, locale }): Promise<DeleteFormState> => {
    if (confirmation.toLowerCase() !== user.email.toLowerCase()) return { values: { ...values, confirmation }, error: 'mismatch' };
    if ((await eraseAccount(user.id)) === 'stripe-unavailable') return { values: { ...values, confirmation }, error: 'stripe' };
    await clearSessionCookie();
    redirect(getPathname({ href: '/goodbye', locale }));
  },
);

/** "Manage payment": the Stripe customer portal (card, cancellation, tier, invoices). */
export const openBillingPortal = formCommand(
  { schema: noFields, guard: signedIn, refused: backToAccount },
  async (_input, { user, locale }) => {
    const row = await findUserById(user.id);
    if (!row?.stripeCustomerId) redirect(accountPage(locale));
    let url: string;
    try {
      url = await createPortalSession({ customerId: row.stripeCustomerId, locale });
    } catch (error) {
      // Back to the account page with a notice, never an error page: a portal session changes nothing, so trying again is safe.
      if (!isStripeFailure(error)) throw error;
      logFor('account').error({ err: error }, 'could not open the billing portal');
      redirect(`${accountPage(locale)}?billing=unavailable`);
    }
    redirect(url);
  },
);

/** Cancels one of the signed-in member's own Gift Aid declarations. */
export const cancelGiftAidDeclaration = formCommand(
  { schema: z.object({ declarationId: z.uuid() }), guard: signedIn, refused: backToAccount },
  async ({ declarationId }, { user, locale }) => {
    await cancelDeclaration(declarationId, { userId: user.id });
    revalidatePath(accountPage(locale));
  },
);

/**
 * "This was me": a gift made without signing in under the person's address, with any Gift
 * Aid declaration made with it, joins their account. The session says who; the address
 * must match the one they signed in with (db/queries/donations.ts).
 */
export const confirmGuestGiftAction = formCommand(
  { schema: z.object({ donationId: z.uuid() }), guard: signedIn, refused: backToAccount },
  async ({ donationId }, { user, locale }) => {
    await confirmGuestGift({ userId: user.id, email: user.email, donationId });
    revalidatePath(accountPage(locale));
  },
);
