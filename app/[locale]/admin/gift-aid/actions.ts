'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createClaim, type CreateClaimResult } from '@/lib/gift-aid/claims/create-claim';
import { markClaimSubmitted } from '@/lib/gift-aid/claims/mark-submitted';
import { formAction, guards } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { claimRangeSchema } from '@/lib/gift-aid/claim-range';
import { getPathname } from '@/lib/i18n/navigation';

/**
 * Why a claim was not created: adminGiftAid.create.errors.<code>. An unticked box is the
 * field error `confirm`; any other refused field is a hidden one (the period, the
 * fingerprint), so the form is out of date ('invalid').
 */
export type CreateClaimError = 'confirm' | Extract<CreateClaimResult, { ok: false }>['error'];
export type CreateClaimState = FormState<CreateClaimError>;

/** Why a claim was not marked as submitted: adminGiftAid.claims.errors.<code> (a refused claim id reads notFound). */
export type MarkSubmittedError = 'confirm' | Exclude<Awaited<ReturnType<typeof markClaimSubmitted>>, 'submitted'>;
export type MarkSubmittedState = FormState<MarkSubmittedError>;

const CODES = ['confirm'] as const;
const staff = guards.staff('/admin/gift-aid');
const giftAidPage = (locale: 'en' | 'es') => getPathname({ href: '/admin/gift-aid', locale });

// A missing box is a failed check (default '' then refine), not a failed type, so the
// other fields are still checked beside it.
const confirmed = z
  .string()
  .default('')
  .refine((v) => v === 'on', 'confirm');

const createSchema = z.object({ confirm: confirmed, fingerprint: z.string().regex(/^[0-9a-f]{32}$/) }).and(claimRangeSchema);

/** Staff put the eligible payments of a period on one claim (confirmed; exactly once). */
export const createGiftAidClaim = formAction(
  { schema: createSchema, guard: staff, codes: CODES },
  async ({ from, to, fingerprint }, { user, values, locale }): Promise<CreateClaimState> => {
    const result = await createClaim({ range: { from, to }, fingerprint, staffUserId: user.id });
    if (!result.ok) return { values, error: result.error };
    const query = new URLSearchParams({ from, to, created: result.claim.id });
    redirect(`${giftAidPage(locale)}?${query}`);
  },
);

const markSchema = z.object({ confirm: confirmed, claimId: z.uuid(), from: z.string().optional(), to: z.string().optional() });

/** Staff record that the claim has been sent to HMRC Charities Online (confirmed; once). */
export const markGiftAidClaimSubmitted = formAction(
  { schema: markSchema, guard: staff, codes: CODES },
  async ({ claimId, from, to }, { user, values, locale }): Promise<MarkSubmittedState> => {
    const outcome = await markClaimSubmitted(claimId, user.id);
    if (outcome !== 'submitted') return { values, error: outcome };
    // Back to the period staff were looking at, if any.
    const range = claimRangeSchema.safeParse({ from, to });
    const query = new URLSearchParams({ ...(range.success ? { from: range.data.from, to: range.data.to } : {}), submitted: claimId });
    redirect(`${giftAidPage(locale)}?${query}`);
  },
);
