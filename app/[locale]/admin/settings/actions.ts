'use server';

import { revalidatePath, updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { GRACE_DAYS_RANGE, SETTING_KEYS } from '@/db/queries/settings';
import { setRole } from '@/lib/auth/set-role';
import { saveSetting } from '@/lib/settings/save-setting';
import { CONTENT_TAGS } from '@/lib/content/tags';
import { formAction, formCommand, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { bankDetailsSchema } from '@/lib/payments/bank-details';
import { parsePounds } from '@/lib/payments/validation';
import { changeTierPrice } from '@/lib/membership/tiers/change-tier-price';
import { createTier } from '@/lib/membership/tiers/create-tier';
import { setTierActive } from '@/lib/membership/tiers/set-tier-active';

/** Why a settings form was refused: its messages are adminSettings.errors.<code>. */
export type SettingsError =
  | 'required'
  | 'amount'
  | 'slug'
  | 'duplicate'
  | 'confirm'
  | 'range'
  | 'sortCode'
  | 'accountNumber'
  | 'stripe'
  | 'unknownTier'
  | 'unknownUser'
  | 'lastAdmin'
  | 'unchanged';

/** What every settings form gets back; `vars` holds what the "saved" message names. */
export type SettingsFormState = FormState<SettingsError, 'saved'>;

const FIELD_CODES = [
  'required',
  'amount',
  'slug',
  'confirm',
  'range',
  'sortCode',
  'accountNumber',
] as const satisfies readonly SettingsError[];
const admin = guards.admin('/admin/settings');
const settingsPage = (locale: AppLocale) => getPathname({ href: '/admin/settings', locale });

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
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug')
    .max(40, 'slug'),
  nameEn: z.string().trim().min(1, 'required').max(80),
  nameEs: z.string().trim().min(1, 'required').max(80),
  descriptionEn: z.string().trim().max(500).default(''),
  descriptionEs: z.string().trim().max(500).default(''),
  price: pounds,
  sortOrder: z.coerce.number().int().min(0).max(1000),
  // Gift Aid on fees is allowed only for tiers that give no more than the newsletter.
  benefitsNewsletterOnly: z
    .enum(['on'])
    .optional()
    .transform((v) => v === 'on'),
});

/** Admin: a new tier, with its Stripe price made first; if Stripe refuses, nothing is saved. */
export const createTierAction = formAction(
  { schema: newTierSchema, guard: admin, codes: FIELD_CODES },
  async ({ price, ...tier }, { user, values, locale }): Promise<SettingsFormState> => {
    const result = await createTier(user.id, { ...tier, annualPricePence: price });
    if (!result.ok)
      return result.error === 'duplicate'
        ? { values, fieldErrors: { slug: 'duplicate' } }
        : { values, error: result.error, vars: { detail: result.detail ?? '' } };
    updateTag(CONTENT_TAGS.tiers);
    revalidatePath(settingsPage(locale));
    return { values: { locale }, done: 'saved', vars: { slug: tier.slug } };
  },
);

/**
 * Admin: a new annual price. A new Stripe price is created through the API and stored on
 * the tier; members already subscribed keep the price they signed up at.
 */
export const changeTierPriceAction = formAction(
  { schema: z.object({ tierId: z.uuid(), price: pounds, confirm: confirmed }), guard: admin, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<SettingsFormState> => {
    const result = await changeTierPrice(user.id, input.tierId, input.price);
    if (!result.ok) return { values, error: result.error, ...(result.detail === undefined ? {} : { vars: { detail: result.detail } }) };
    const tier = result.value;
    updateTag(CONTENT_TAGS.tiers);
    revalidatePath(settingsPage(locale));
    return { values: { locale, tierId: tier.id, price: (input.price / 100).toFixed(2) }, done: 'saved', vars: { slug: tier.slug } };
  },
);

/** Admin: hides a tier from /join, or shows it again (confirmed); members on it keep it. */
export const setTierActiveAction = formCommand(
  {
    schema: z.object({ tierId: z.uuid(), active: z.enum(['true', 'false']), confirm: confirmed }),
    guard: admin,
    refused: ({ locale }) => redirect(`${settingsPage(locale)}?tier=unconfirmed#tiers`),
  },
  async (input, { user, locale }) => {
    const result = await setTierActive(user.id, input.tierId, input.active === 'true');
    if (result.ok) updateTag(CONTENT_TAGS.tiers);
    redirect(`${settingsPage(locale)}?tier=${result.ok ? (result.value.active ? 'reactivated' : 'deactivated') : 'unknown'}#tiers`);
  },
);

// ---------------------------------------------------------------- grace period and bank details

const graceSchema = z.object({
  graceDays: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ message: 'range' }).int('range').min(GRACE_DAYS_RANGE.min, 'range').max(GRACE_DAYS_RANGE.max, 'range'),
  ),
});

/** Admin: days of access after a paid period ends, used by every access check from the next request. */
export const saveGraceDaysAction = formAction(
  { schema: graceSchema, guard: admin, codes: FIELD_CODES },
  async ({ graceDays }, { user, values }): Promise<SettingsFormState> => {
    await saveSetting(user.id, SETTING_KEYS.graceDays, graceDays, 'setting.grace_days_changed');
    return { values, done: 'saved', vars: { days: String(graceDays) } };
  },
);

/** Admin: the bank details shown to members who pay by transfer (/join/bank-transfer). */
export const saveBankDetailsAction = formAction(
  { schema: bankDetailsSchema, guard: admin, codes: FIELD_CODES },
  async (details, { user, values, locale }): Promise<SettingsFormState> => {
    await saveSetting(user.id, SETTING_KEYS.bankDetails, details, 'setting.bank_details_changed');
    // The page drops its "no bank details yet" notice.
    revalidatePath(settingsPage(locale));
    return { values: { ...values, ...details }, done: 'saved' };
  },
);

// ---------------------------------------------------------------- staff roles

const roleSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  role: z.enum(['member', 'staff', 'admin']),
  confirm: confirmed,
});

/** Admin: gives someone a role; the last admin cannot give up theirs. */
export const setStaffRoleAction = formAction(
  { schema: roleSchema, guard: admin, codes: FIELD_CODES },
  async (input, { user, values, locale }): Promise<SettingsFormState> => {
    const result = await setRole({ actorUserId: user.id, email: input.email, role: input.role, via: 'admin settings' });
    if (!result.ok) return { values, error: result.error };
    revalidatePath(settingsPage(locale));
    return { values: { locale }, done: 'saved', vars: { email: result.value.email, role: result.value.to } };
  },
);
