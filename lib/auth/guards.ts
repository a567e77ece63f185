import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Role } from '@/db/schema';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { auth } from './index';
import { safeCallbackPath } from './magic-link';
import { logFor } from '@/lib/log';

const log = logFor('auth');

export type SessionUser = { id: string; email: string; name: string | null; role: Role; preferredLocale: AppLocale };

/** The signed-in user for this request, read through the database session (fresh role). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return session?.user?.id ? (session.user as SessionUser) : null;
});

export type GuardOptions = { returnTo?: string; locale?: AppLocale };

/** Signed in, or sent to sign in and brought back to `returnTo`. */
export async function requireUser(options: GuardOptions = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const signin = getPathname({ href: '/signin', locale: options.locale ?? 'en' });
    redirect(`${signin}?${new URLSearchParams({ callbackUrl: safeCallbackPath(options.returnTo) })}`);
  }
  return user;
}

const RANK: Record<Role, number> = { member: 0, staff: 1, admin: 2 };

/** Staff pages admit staff and admins; admin pages admit admins only. Others get a 403. */
export async function requireRole(role: 'staff' | 'admin', options: GuardOptions = {}): Promise<SessionUser> {
  const user = await requireUser(options);
  if (RANK[user.role] < RANK[role]) {
    // A signed-in person trying a page or action above their role: worth a line (who, not
    // what they sent), since a run of them is someone probing.
    log.warn({ userId: user.id, role: user.role, needed: role }, 'refused: the role is not enough');
    forbidden();
  }
  return user;
}
