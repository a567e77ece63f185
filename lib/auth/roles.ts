import 'server-only';
import { setUserRole } from '@/db/queries/users';
import type { Role, User } from '@/db/schema';
import { requireRole } from './guards';

/**
 * Changes someone's role. Only an admin may; the change and who made it go to the audit
 * log. The admin settings screen calls this; until then, `npm run user:role` does the same
 * from the command line.
 */
export async function changeUserRole(email: string, role: Role): Promise<User | null> {
  const admin = await requireRole('admin');
  return setUserRole({ actorUserId: admin.id, email, role, via: 'admin' });
}
