import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { users, type Role, type User } from '../schema';

export type StaffMember = { id: string; email: string | null; name: string | null; role: Role };

/** Everyone with a staff or admin role, admins first. */
export async function listStaff(): Promise<StaffMember[]> {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, ['staff', 'admin']))
    .orderBy(asc(users.role), asc(users.email));
}

/** Every admin row, locked until the transaction ends (so two demotions at once are seen). */
export async function lockAdmins(tx: Tx): Promise<{ id: string }[]> {
  return tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).for('update');
}

/** The account with this email address, locked until the transaction ends. */
export async function lockUserByEmail(tx: Tx, email: string): Promise<User | null> {
  const [user] = await tx.select().from(users).where(eq(users.email, email.toLowerCase())).for('update');
  return user ?? null;
}

export async function updateRole(tx: Tx, userId: string, role: Role): Promise<void> {
  await tx.update(users).set({ role }).where(eq(users.id, userId));
}
