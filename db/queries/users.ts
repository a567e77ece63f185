import 'server-only';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { getDb } from '../client';
import { sessions, users, verificationTokens, type Locale, type User } from '../schema';
import { recordAudit } from './audit';

export async function findUserById(id: string): Promise<User | null> {
  const rows = await getDb().select().from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function findUserByEmail(email: string): Promise<User | null> {
  const rows = await getDb().select().from(users).where(eq(users.email, email.toLowerCase()));
  return rows[0] ?? null;
}

export type ProfileUpdate = {
  name: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  preferredLocale: Locale;
  newsletterOptIn: boolean;
};

/** Only the listed profile fields can change here; role, email and ids never do. */
export async function updateProfile(userId: string, profile: ProfileUpdate): Promise<void> {
  await getDb().update(users).set(profile).where(eq(users.id, userId));
}

/** Signs the user out on every device. */
export async function deleteAllSessions(userId: string, db: Pick<Database, 'delete'> = getDb()): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function findLiveVerificationToken(identifier: string, hashedToken: string): Promise<{ expires: Date } | 'expired' | null> {
  const rows = await getDb()
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.identifier, identifier), eq(verificationTokens.token, hashedToken)));
  const row = rows[0];
  if (!row) return null;
  return row.expires.getTime() > Date.now() ? row : 'expired';
}

/** Whether a valid session exists for this token (used by tests and tools). */
export async function sessionExists(sessionToken: string): Promise<boolean> {
  const rows = await getDb()
    .select({ one: sql`1` })
    .from(sessions)
    .where(and(eq(sessions.sessionToken, sessionToken), gt(sessions.expires, new Date())));
  return rows.length > 0;
}

/** Stops newsletter mails for a user (the signed unsubscribe link). */
export async function optOutOfNewsletter(userId: string): Promise<boolean> {
  const rows = await getDb().update(users).set({ newsletterOptIn: false }).where(eq(users.id, userId)).returning({ id: users.id });
  if (rows.length) await recordAudit({ actorUserId: userId, action: 'newsletter.unsubscribed', entityType: 'user', entityId: userId });
  return rows.length === 1;
}
