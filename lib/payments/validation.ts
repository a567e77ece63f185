import { z } from 'zod';

// Shared rules for payment forms. UK postcodes: the official pattern, spaces optional.
export const UK_POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]([0-9ABEHMNPRV-Y])?|[0-9][A-HJKPS-UW]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;

export const normalisePostcode = (value: string) => {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
};

export const giftAidSchema = z.object({
  title: z.string().trim().max(35).optional().transform((v) => v || null),
  firstName: z.string().trim().min(1, 'required').max(35),
  // HMRC: no hyphens in the last name field of the claim; we keep what the donor typed.
  lastName: z.string().trim().min(1, 'required').max(35),
  houseNameOrNumber: z.string().trim().min(1, 'required').max(40),
  postcode: z
    .string()
    .trim()
    .refine((v) => UK_POSTCODE.test(v.replace(/\s+/g, ' ')) || UK_POSTCODE.test(v.replace(/\s+/g, '')), 'ukPostcode')
    .transform(normalisePostcode),
  scope: z.enum(['this_gift', 'this_and_future', 'past_four_years_and_future']),
  confirm: z.literal('on', { message: 'confirm' }),
});

/** Money typed by a person: "25", "25.5", "25.50", "£1,000" → integer pence, or null. */
export function parsePounds(input: string): number | null {
  const cleaned = input.trim().replace(/^£/, '').replace(/,/g, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds, pence = ''] = cleaned.split('.');
  return Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
}

/** The gift amounts offered as buttons on /donate; any amount from £1 to £10,000 is accepted. */
export const PRESET_AMOUNTS_PENCE = [1000, 2500, 5000, 10000];
