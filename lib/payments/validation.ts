import { z } from 'zod';

// Shared rules for payment forms. UK postcodes: the official pattern, spaces optional.
export const UK_POSTCODE =
  /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;

export const normalisePostcode = (value: string) => {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
};

/** What HMRC's Gift Aid schedule takes as the postcode of a donor who lives outside the UK. */
export const OVERSEAS_POSTCODE = 'X';

/**
 * A Gift Aid declaration's postcode as HMRC takes it: a UK postcode in capitals with its
 * space, or X for a UK taxpayer living abroad (gov.uk, "Schedule spreadsheet to claim back
 * tax on Gift Aid donations", non-UK resident donors); null for anything else.
 */
export function giftAidPostcode(value: string | null | undefined): string | null {
  const compact = (value ?? '').replace(/\s+/g, '').toUpperCase();
  if (compact === OVERSEAS_POSTCODE) return OVERSEAS_POSTCODE;
  return UK_POSTCODE.test(compact) ? normalisePostcode(compact) : null;
}

/** Why a Gift Aid declaration was refused: the messages join.errors.<code> (the donate form shows them too). */
export type GiftAidError = 'required' | 'ukPostcode' | 'confirm';
export const GIFT_AID_CODES = ['required', 'ukPostcode', 'confirm'] as const satisfies readonly GiftAidError[];

export const giftAidSchema = z
  .object({
    title: z
      .string()
      .trim()
      .max(35)
      .optional()
      .transform((v) => v || null),
    firstName: z.string().trim().min(1, 'required').max(35),
    // HMRC: no hyphens in the last name field of the claim; we keep what the donor typed.
    lastName: z.string().trim().min(1, 'required').max(35),
    // A donor abroad gives their whole address here: HMRC's schedule box holds 40 characters.
    houseNameOrNumber: z.string().trim().min(1, 'required').max(40),
    overseas: z.literal('on').optional(),
    postcode: z.string().trim().max(12).optional(),
    scope: z.enum(['this_gift', 'this_and_future', 'past_four_years_and_future']),
    // A refinement, not z.literal: a missing value is then a failed check, not a wrong type,
    // and zod still runs the postcode check below (it skips an object's refinements once a
    // field has the wrong type).
    confirm: z
      .string()
      .default('')
      .refine((v) => v === 'on', 'confirm'),
  })
  // Checked beside the other fields (superRefine runs when a field fails a check, though not
  // when one has the wrong type), so the
  // donor sees every problem at once. Living abroad: HMRC's X, whatever is in the postcode box.
  .superRefine((value, ctx) => {
    const postcode = giftAidPostcode(typeof value.postcode === 'string' ? value.postcode : '');
    if (!value.overseas && (!postcode || postcode === OVERSEAS_POSTCODE))
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'ukPostcode' });
  })
  .transform(({ overseas, postcode, ...declaration }) => ({
    ...declaration,
    postcode: overseas ? OVERSEAS_POSTCODE : giftAidPostcode(postcode)!,
  }));

/**
 * Money typed by a person, in either language's way of writing numbers, into integer
 * pence (or null). English writes £1,000.50 and Spanish (es-ES, CLDR) 1.000,50 £, and the
 * Spanish form asks for "30 o 30,50", so neither "," nor "." can simply be dropped: "30,50"
 * would become £3,050. Whichever of the two a person types:
 * - followed by one or two digits at the end, it is the decimal mark ("30,50", "30.5");
 * - followed by groups of exactly three digits, it groups thousands ("1,000", "10.000");
 * - both at once must be one of each, grouping first ("1.000,50", "1,000.50").
 * Anything else (three decimals, mixed or misplaced groups) is refused, so the person is
 * asked again rather than charged another amount. A pound sign before or after, and spaces
 * around, are allowed.
 */
export function parsePounds(input: string): number | null {
  const cleaned = input.trim().replace(/^£\s*/, '').replace(/\s*£$/, '');
  const match = /^(\d+|[1-9]\d{0,2}([.,])\d{3}(?:\2\d{3})*)(?:([.,])(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, whole, group, decimal, pence = ''] = match;
  // "1,000,50" or "1.000.50": one mark cannot both group and end the pounds.
  if (group && decimal && group === decimal) return null;
  const pounds = whole!.replace(/[.,]/g, '');
  if (pounds.length > 7) return null;
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** The gift amounts offered as buttons on /donate; any amount from £1 to £10,000 is accepted. */
export const PRESET_AMOUNTS_PENCE = [1000, 2500, 5000, 10000];
