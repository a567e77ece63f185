import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockAdmins, lockUserByEmail, updateRole } from '@/db/queries/staff-roles';
import type { Role } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

/**
 * Gives someone a role, with its audit entry, in one transaction: from the admin settings
 * (an admin, `via: 'admin settings'`) or the command line (`npm run user:role`, no actor).
 * The one rule of both: the site never loses its last admin. The admin rows are locked
 * first, so two admins demoting each other at once cannot leave it without one.
 */
export async function setRole(input: {
  actorUserId: string | null;
  email: string;
  role: Role;
  via: string;
}): Promise<Result<{ email: string; from: Role; to: Role }, 'unknownUser' | 'lastAdmin'>> {
  return getDb().transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await lockUserByEmail(tx, input.email);
    if (!target || target.deletedAt || !target.email) return refused('unknownUser');
    if (target.role === 'admin' && input.role !== 'admin' && admins.length <= 1) return refused('lastAdmin');
    if (target.role !== input.role) {
      await updateRole(tx, target.id, input.role);
      await recordAudit(
        {
          actorUserId: input.actorUserId,
          action: 'user.role_changed',
          entityType: 'user',
          entityId: target.id,
          data: { from: target.role, to: input.role, via: input.via },
        },
        tx,
      );
    }
    return ok({ email: target.email, from: target.role, to: input.role });
  });
}
