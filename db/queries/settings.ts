import 'server-only';
import { eq } from 'drizzle-orm';
import { cache } from 'react';
import { serverEnv } from '@/lib/env';
import { getDb } from '../client';
import { settings } from '../schema';
import { recordAudit } from './audit';

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

/** Writes a setting and its audit entry in one transaction; the entry keeps the old value. */
export async function saveSetting(actorUserId: string, key: string, value: unknown, auditAction: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).for('update');
    await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await recordAudit({ actorUserId, action: auditAction, entityType: 'setting', entityId: key, data: { from: before?.value ?? null, to: value } }, tx);
  });
}
