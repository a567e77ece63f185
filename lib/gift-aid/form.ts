import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/forms/action';
import type { FormState } from '@/lib/forms/state';
import { GIFT_AID_CODES, giftAidSchema, type GiftAidError } from '@/lib/payments/validation';

type Declaration = z.output<typeof giftAidSchema>;

/**
 * The Gift Aid part of the donate and join forms (components/gift-aid-fields.tsx): nothing
 * unless "yes" is ticked; then the declaration, or why not, field by field as `ga.<field>`
 * so that its postcode and title stay apart from the form's own.
 */
export function giftAidOf(
  values: Record<string, string>,
): { declaration: Declaration | null; fieldErrors: NonNullable<FormState<GiftAidError>['fieldErrors']> | null } {
  if (values.giftAid !== 'on') return { declaration: null, fieldErrors: null };
  const parsed = giftAidSchema.safeParse({ ...values, postcode: values.gaPostcode, title: values.gaTitle });
  if (parsed.success) return { declaration: parsed.data, fieldErrors: null };
  return { declaration: null, fieldErrors: fieldErrorsOf(parsed.error, GIFT_AID_CODES, 'ga.') };
}
