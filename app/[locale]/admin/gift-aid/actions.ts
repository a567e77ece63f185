'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createClaim, markClaimSubmitted } from '@/db/queries/gift-aid-claims';
import { requireRole } from '@/lib/auth/guards';
import { claimRangeSchema } from '@/lib/gift-aid/claim-range';
import { getPathname } from '@/lib/i18n/navigation';

export type CreateClaimState = { error?: 'confirm' | 'invalid' | 'nothingToClaim' | 'changed' | 'takenMeanwhile' | 'tooMany' };
export type MarkSubmittedState = { error?: 'confirm' | 'invalid' | 'notFound' | 'alreadySubmitted' };

const localeOf = (formData: FormData): 'en' | 'es' => (formData.get('locale') === 'es' ? 'es' : 'en');
const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
};

async function staff(formData: FormData) {
  const locale = localeOf(formData);
  const user = await requireRole('staff', { returnTo: getPathname({ href: '/admin/gift-aid', locale }), locale });
  return { locale, user };
}

const createSchema = z.object({
  range: claimRangeSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
});

/** Staff put the eligible payments of a period on one claim (confirmed; exactly once). */
export async function createGiftAidClaim(_previous: CreateClaimState, formData: FormData): Promise<CreateClaimState> {
  const { locale, user } = await staff(formData);
  if (text(formData, 'confirm') !== 'on') return { error: 'confirm' };
  const parsed = createSchema.safeParse({ range: { from: text(formData, 'from'), to: text(formData, 'to') }, fingerprint: text(formData, 'fingerprint') });
  if (!parsed.success) return { error: 'invalid' };
  const result = await createClaim({ range: parsed.data.range, fingerprint: parsed.data.fingerprint, staffUserId: user.id });
  if (!result.ok) return { error: result.error };
  const query = new URLSearchParams({ from: parsed.data.range.from, to: parsed.data.range.to, created: result.claim.id });
  redirect(`${getPathname({ href: '/admin/gift-aid', locale })}?${query}`);
}

/** Staff record that the claim has been sent to HMRC Charities Online (confirmed; once). */
export async function markGiftAidClaimSubmitted(_previous: MarkSubmittedState, formData: FormData): Promise<MarkSubmittedState> {
  const { locale, user } = await staff(formData);
  if (text(formData, 'confirm') !== 'on') return { error: 'confirm' };
  const claimId = z.uuid().safeParse(text(formData, 'claimId'));
  if (!claimId.success) return { error: 'invalid' };
  const outcome = await markClaimSubmitted(claimId.data, user.id);
  if (outcome !== 'submitted') return { error: outcome };
  // Back to the period staff were looking at, if any.
  const range = claimRangeSchema.safeParse({ from: text(formData, 'from'), to: text(formData, 'to') });
  const query = new URLSearchParams({ ...(range.success ? { from: range.data.from, to: range.data.to } : {}), submitted: claimId.data });
  redirect(`${getPathname({ href: '/admin/gift-aid', locale })}?${query}`);
}
