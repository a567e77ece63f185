'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/db/queries/audit';
import { erasePersonalData } from '@/db/queries/personal-data';
import { confirmGuestGift } from '@/db/queries/donations';
import { cancelDeclaration } from '@/db/queries/gift-aid';
import { deleteAllSessions, findUserById, updateProfile } from '@/db/queries/users';
import { requireUser } from '@/lib/auth/guards';
import { SESSION_COOKIE_NAMES } from '@/lib/auth/session-cookie';
import { getPathname } from '@/lib/i18n/navigation';
import { createPortalSession } from '@/lib/payments/checkout';
import { isStripeFailure } from '@/lib/payments/stripe';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
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
  newsletterOptIn: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export type ProfileFormState = {
  status: 'idle' | 'saved' | 'invalid';
  values: Record<string, string>;
  fieldErrors?: Partial<Record<keyof z.infer<typeof profileSchema>, string>>;
};

const localeOf = (formData: FormData) => (formData.get('locale') === 'es' ? 'es' : 'en');

export async function saveProfile(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const locale = localeOf(formData);
  const user = await requireUser({ returnTo: getPathname({ href: '/account', locale }), locale });
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = profileSchema.safeParse({ ...values, newsletterOptIn: formData.get('newsletterOptIn') ?? 'off' });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.code === 'too_big' ? 'tooLong' : 'invalid']));
    return { status: 'invalid', values, fieldErrors };
  }
  await updateProfile(user.id, parsed.data);
  return { status: 'saved', values };
}

async function clearSessionCookie() {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) jar.delete(name);
}

/** Ends every session of this user, on every device. */
export async function signOutEverywhere(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const user = await requireUser({ locale });
  await deleteAllSessions(user.id);
  await recordAudit({ actorUserId: user.id, action: 'auth.sign_out_everywhere', entityType: 'user', entityId: user.id });
  await clearSessionCookie();
  redirect(getPathname({ href: '/', locale }));
}

export type DeleteFormState = { error?: 'mismatch'; confirmation: string };

export async function deleteAccount(_previous: DeleteFormState, formData: FormData): Promise<DeleteFormState> {
  const locale = localeOf(formData);
  const user = await requireUser({ returnTo: getPathname({ href: '/account/delete', locale }), locale });
  const confirmation = String(formData.get('confirmation') ?? '').trim();
  if (confirmation.toLowerCase() !== user.email.toLowerCase()) return { error: 'mismatch', confirmation };
  await erasePersonalData(user.id);
  await clearSessionCookie();
  redirect(getPathname({ href: '/goodbye', locale }));
}

/** "Manage payment": the Stripe customer portal (card, cancellation, tier, invoices). */
export async function openBillingPortal(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const user = await requireUser({ returnTo: getPathname({ href: '/account', locale }), locale });
  const row = await findUserById(user.id);
  if (!row?.stripeCustomerId) redirect(getPathname({ href: '/account', locale }));
  let url: string;
  try {
    url = await createPortalSession({ customerId: row.stripeCustomerId, locale });
  } catch (error) {
    // Back to the account page with a notice, never an error page: a portal session changes nothing, so trying again is safe.
    if (!isStripeFailure(error)) throw error;
    console.error('[account] could not open the billing portal', error);
    redirect(`${getPathname({ href: '/account', locale })}?billing=unavailable`);
  }
  redirect(url);
}

const declarationIdSchema = z.object({ declarationId: z.uuid() });

/** Cancels one of the signed-in member's own Gift Aid declarations. */
export async function cancelGiftAidDeclaration(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const user = await requireUser({ returnTo: getPathname({ href: '/account', locale }), locale });
  const parsed = declarationIdSchema.safeParse({ declarationId: formData.get('declarationId') });
  if (parsed.success) await cancelDeclaration(user.id, parsed.data.declarationId);
  revalidatePath(getPathname({ href: '/account', locale }));
}

const donationIdSchema = z.object({ donationId: z.uuid() });

/**
 * "This was me": a gift made without signing in under the person's address, with any Gift
 * Aid declaration made with it, joins their account. The session says who; the address
 * must match the one they signed in with (db/queries/donations.ts).
 */
export async function confirmGuestGiftAction(formData: FormData): Promise<void> {
  const locale = localeOf(formData);
  const user = await requireUser({ returnTo: getPathname({ href: '/account', locale }), locale });
  const parsed = donationIdSchema.safeParse({ donationId: formData.get('donationId') });
  if (parsed.success) await confirmGuestGift({ userId: user.id, email: user.email, donationId: parsed.data.donationId });
  revalidatePath(getPathname({ href: '/account', locale }));
}
