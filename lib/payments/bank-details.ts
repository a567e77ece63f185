import 'server-only';
import { z } from 'zod';
import { readSetting, SETTING_KEYS } from '@/db/queries/settings';

/**
 * The one definition of usable bank details: the admin form saves only what passes it,
 * and payers are shown only what passes it. There is no default: a placeholder sort code
 * shown to a payer would send real money nowhere.
 */
export const bankDetailsSchema = z.object({
  accountName: z.string().trim().min(1, 'required').max(80),
  sortCode: z
    .string()
    .trim()
    .regex(/^\d{2}-?\d{2}-?\d{2}$/, 'sortCode')
    .transform((v) => v.replace(/-/g, '').replace(/^(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3')),
  accountNumber: z
    .string()
    .trim()
    .regex(/^\d{8}$/, 'accountNumber'),
  bank: z.string().trim().min(1, 'required').max(80),
  /** What payers should quote besides their reference, in each language; may be empty. */
  referenceHintEn: z.string().trim().max(200).default(''),
  referenceHintEs: z.string().trim().max(200).default(''),
});

export type BankDetails = z.output<typeof bankDetailsSchema>;

/** The bank details an admin saved, or null until they have: bank transfer is offered only then. */
export async function getBankDetails(): Promise<BankDetails | null> {
  const parsed = bankDetailsSchema.safeParse(await readSetting(SETTING_KEYS.bankDetails));
  return parsed.success ? parsed.data : null;
}
