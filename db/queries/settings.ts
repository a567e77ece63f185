import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { serverEnv } from '@/lib/env';
import { getDb, type Tx } from '../client';
import { settings } from '../schema';

export const SETTING_KEYS = { bankDetails: 'bank_details', graceDays: 'membership_grace_days' } as const;

/** A setting's stored value as saved, unchecked: the rule that reads it checks its shape. */
export async function readSetting(key: string): Promise<unknown> {
  const [row] = await getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value;
}

export const GRACE_DAYS_RANGE = { min: 0, max: 90 } as const;

/**
 * Days of access after a paid period ends: the admin setting, or MEMBERSHIP_GRACE_DAYS
 * until an admin sets one. Read once per request (React cache): a primary-key lookup, so a
 * change applies on the very next request on every instance.
 */
export const getMembershipGraceDays = cache(async (): Promise<number> => {
  const value = await readSetting(SETTING_KEYS.graceDays);
  return typeof value === 'number' && Number.isInteger(value) ? value : serverEnv().MEMBERSHIP_GRACE_DAYS;
});

/** The setting's stored value, locked until the transaction ends (undefined: never set). */
export async function lockSetting(tx: Tx, key: string): Promise<unknown> {
  const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).for('update');
  return row?.value;
}

export async function writeSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
