import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '../client';
import { settings } from '../schema';

export type BankDetails = { accountName: string; sortCode: string; accountNumber: string; bank: string };

const DEFAULT_BANK_DETAILS: BankDetails = { accountName: 'Peru Support Group', sortCode: '00-00-00', accountNumber: '00000000', bank: 'set in admin settings' };

export async function getBankDetails(): Promise<BankDetails> {
  const [row] = await getDb().select().from(settings).where(eq(settings.key, 'bank_details'));
  return { ...DEFAULT_BANK_DETAILS, ...((row?.value as Partial<BankDetails>) ?? {}) };
}
