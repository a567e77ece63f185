import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '../client';
import { users, type Role } from '../schema';
import { recordAudit } from './audit';

export type StaffMember = { id: string; email: string | null; name: string | null; role: Role };

/** Everyone with a staff or admin role, admins first. */
export async function listStaff(): Promise<StaffMember[]> {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(inArray(users.role, ['staff', 'admin']))
    .orderBy(asc(users.role), asc(users.email));
}

export type RoleChangeResult = { ok: true; email: string; from: Role; to: Role } | { ok: false; error: 'unknownUser' | 'lastAdmin' };

/**
 * Sets someone's role, with its audit entry, in one transaction. The admin rows are locked
 * first, so two admins demoting each other at once cannot leave the site without one.
 */
export async function setRoleByEmail(actorUserId: string, email: string, role: Role): Promise<RoleChangeResult> {
  return getDb().transaction(async (tx) => {
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).for('update');
    const [target] = await tx.select().from(users).where(eq(users.email, email.toLowerCase())).for('update');
    if (!target || target.deletedAt) return { ok: false, error: 'unknownUser' } as const;
    if (target.role === 'admin' && role !== 'admin' && admins.length <= 1) return { ok: false, error: 'lastAdmin' } as const;
    if (target.role !== role) {
      await tx.update(users).set({ role }).where(eq(users.id, target.id));
      await recordAudit({ actorUserId, action: 'user.role_changed', entityType: 'user', entityId: target.id, data: { from: target.role, to: role, via: 'admin settings' } }, tx);
    }
    return { ok: true, email: target.email!, from: target.role, to: role } as const;
  });
}
