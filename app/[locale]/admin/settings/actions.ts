'use server';

import { revalidatePath, updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { GRACE_DAYS_RANGE, saveSetting, SETTING_KEYS } from '@/db/queries/settings';
import { setRoleByEmail } from '@/db/queries/staff-roles';
import { changeTierPrice, createTier, DuplicateTierSlugError, findTierById, setTierActive, tierSlugTaken } from '@/db/queries/tiers';
import { requireRole } from '@/lib/auth/guards';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { getPathname } from '@/lib/i18n/navigation';
import { bankDetailsSchema } from '@/lib/payments/bank-details';
import { parsePounds } from '@/lib/payments/validation';
import { createTierStripePrice } from '@/lib/payments/tier-prices';

/** What every settings form gets back: the input kept, field errors, or what was saved. */
export type SettingsFormState = {
  values: Record<string, string>;
  fieldErrors?: Record<string, string>;
  error?: 'stripe' | 'unknownTier' | 'unknownUser' | 'lastAdmin' | 'unchanged';
  detail?: string;
  saved?: string;
};

const valuesOf = (formData: FormData) => Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
const localeOf = (values: Record<string, string>): 'en' | 'es' => (values.locale === 'es' ? 'es' : 'en');
const admin = (locale: 'en' | 'es') => requireRole('admin', { returnTo: getPathname({ href: '/admin/settings', locale }), locale });
const fieldErrorsOf = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message.length < 20 && /^[a-z]+$/i.test(i.message) ? i.message : 'invalid']));

const pounds = z.string().transform((v, ctx) => {
  const pence = parsePounds(v);
  if (pence === null || pence < 100 || pence > 1_000_000) {
    ctx.addIssue({ code: 'custom', message: 'amount' });
    return z.NEVER;
  }
  return pence;
});
const confirmed = z.literal('on', { message: 'confirm' });

// ---------------------------------------------------------------- tiers

const newTierSchema = z.object({
  slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug').max(40, 'slug'),
  nameEn: z.string().trim().min(1, 'required').max(80),
  nameEs: z.string().trim().min(1, 'required').max(80),
  descriptionEn: z.string().trim().max(500).default(''),
  descriptionEs: z.string().trim().max(500).default(''),
  price: pounds,
  sortOrder: z.coerce.number().int().min(0).max(1000),
  // Gift Aid on fees is allowed only for tiers that give no more than the newsletter.
  benefitsNewsletterOnly: z.enum(['on']).optional().transform((v) => v === 'on'),
});

/** Admin: a new tier, with its Stripe price made first; if Stripe refuses, nothing is saved. */
export async function createTierAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = valuesOf(formData);
  const actor = await admin(localeOf(values));
  const parsed = newTierSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  const { price, ...tier } = parsed.data;
  // Checked before Stripe is asked, so a taken slug does not leave a stray Stripe price.
  if (await tierSlugTaken(tier.slug)) return { values, fieldErrors: { slug: 'duplicate' } };
  let stripePriceId: string | null;
  try {
    stripePriceId = await createTierStripePrice({ slug: tier.slug, nameEn: tier.nameEn, annualPricePence: price, previousPriceId: null });
  } catch (error) {
    return { values, error: 'stripe', detail: (error as Error).message };
  }
  try {
    await createTier(actor.id, { ...tier, annualPricePence: price, stripePriceId });
  } catch (error) {
    if (error instanceof DuplicateTierSlugError) return { values, fieldErrors: { slug: 'duplicate' } };
    throw error;
  }
  updateTag(CONTENT_TAGS.tiers);
  revalidatePath(getPathname({ href: '/admin/settings', locale: localeOf(values) }));
  return { values: { locale: values.locale ?? 'en' }, saved: tier.slug };
}

const priceSchema = z.object({ tierId: z.uuid(), price: pounds, confirm: confirmed });

/**
 * Admin: a new annual price. A new Stripe price is created through the API and stored on
 * the tier; members already subscribed keep the price they signed up at.
 */
export async function changeTierPriceAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = valuesOf(formData);
  const actor = await admin(localeOf(values));
  const parsed = priceSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  const tier = await findTierById(parsed.data.tierId);
  if (!tier) return { values, error: 'unknownTier' };
  if (tier.annualPricePence === parsed.data.price) return { values, error: 'unchanged' };
  let stripePriceId: string | null;
  try {
    stripePriceId = await createTierStripePrice({ slug: tier.slug, nameEn: tier.nameEn, annualPricePence: parsed.data.price, previousPriceId: tier.stripePriceId });
  } catch (error) {
    return { values, error: 'stripe', detail: (error as Error).message };
  }
  await changeTierPrice(actor.id, tier.id, parsed.data.price, stripePriceId);
  updateTag(CONTENT_TAGS.tiers);
  revalidatePath(getPathname({ href: '/admin/settings', locale: localeOf(values) }));
  return { values: { locale: values.locale ?? 'en', tierId: tier.id, price: (parsed.data.price / 100).toFixed(2) }, saved: tier.slug };
}

const activeSchema = z.object({ tierId: z.uuid(), active: z.enum(['true', 'false']), confirm: confirmed });

/** Admin: hides a tier from /join, or shows it again (confirmed); members on it keep it. */
export async function setTierActiveAction(formData: FormData): Promise<void> {
  const values = valuesOf(formData);
  const locale = localeOf(values);
  const actor = await admin(locale);
  const parsed = activeSchema.safeParse(values);
  const base = getPathname({ href: '/admin/settings', locale });
  if (!parsed.success) redirect(`${base}?tier=unconfirmed#tiers`);
  const tier = await setTierActive(actor.id, parsed.data.tierId, parsed.data.active === 'true');
  if (tier) updateTag(CONTENT_TAGS.tiers);
  redirect(`${base}?tier=${tier ? (tier.active ? 'reactivated' : 'deactivated') : 'unknown'}#tiers`);
}

// ---------------------------------------------------------------- grace period and bank details

const graceSchema = z.object({ graceDays: z.coerce.number().int('range').min(GRACE_DAYS_RANGE.min, 'range').max(GRACE_DAYS_RANGE.max, 'range') });

/** Admin: days of access after a paid period ends, used by every access check from the next request. */
export async function saveGraceDaysAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = valuesOf(formData);
  const actor = await admin(localeOf(values));
  const parsed = graceSchema.safeParse({ graceDays: values.graceDays?.trim() === '' ? undefined : values.graceDays });
  if (!parsed.success) return { values, fieldErrors: { graceDays: 'range' } };
  await saveSetting(actor.id, SETTING_KEYS.graceDays, parsed.data.graceDays, 'setting.grace_days_changed');
  return { values, saved: String(parsed.data.graceDays) };
}

/** Admin: the bank details shown to members who pay by transfer (/join/bank-transfer). */
export async function saveBankDetailsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = valuesOf(formData);
  const actor = await admin(localeOf(values));
  const parsed = bankDetailsSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  await saveSetting(actor.id, SETTING_KEYS.bankDetails, parsed.data, 'setting.bank_details_changed');
  // The page drops its "no bank details yet" notice.
  revalidatePath(getPathname({ href: '/admin/settings', locale: localeOf(values) }));
  return { values: { ...values, ...parsed.data }, saved: 'bank' };
}

// ---------------------------------------------------------------- staff roles

const roleSchema = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), role: z.enum(['member', 'staff', 'admin']), confirm: confirmed });

/** Admin: gives someone a role; the last admin cannot give up theirs. */
export async function setStaffRoleAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const values = valuesOf(formData);
  const actor = await admin(localeOf(values));
  const parsed = roleSchema.safeParse(values);
  if (!parsed.success) return { values, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await setRoleByEmail(actor.id, parsed.data.email, parsed.data.role);
  if (!result.ok) return { values, error: result.error };
  revalidatePath(getPathname({ href: '/admin/settings', locale: localeOf(values) }));
  return { values: { locale: values.locale ?? 'en' }, saved: `${result.email}:${result.to}` };
}
