import 'server-only';
import type { z } from 'zod';
import { fieldErrorsOf, type FormPart } from '@/lib/forms/action';
import { GIFT_AID_CODES, giftAidSchema, type GiftAidError } from '@/lib/payments/validation';

type Declaration = z.output<typeof giftAidSchema>;

/**
 * The Gift Aid part of the donate and join forms (components/gift-aid-fields.tsx): nothing
 * unless "yes" is ticked; then the declaration, or why not, field by field as `ga.<field>`
 * so that its postcode and title stay apart from the form's own.
 */
export const giftAidPart: FormPart<Declaration | null, GiftAidError> = (values) => {
  if (values.giftAid !== 'on') return { value: null };
  const parsed = giftAidSchema.safeParse({ ...values, postcode: values.gaPostcode, title: values.gaTitle });
  if (parsed.success) return { value: parsed.data };
  return { fieldErrors: fieldErrorsOf(parsed.error, GIFT_AID_CODES, 'ga.') };
};
