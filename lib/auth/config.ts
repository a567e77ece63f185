import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import type { NextAuthConfig } from 'next-auth';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { accounts, sessions, users, verificationTokens, type Locale, type Role } from '@/db/schema';
import { sendMail } from '@/lib/mail';
import { signInMail } from '@/lib/mail/sign-in';
import { confirmLink, localeOfCallback, MAGIC_LINK_MINUTES } from './magic-link';
import { noteSignInMailSent, signInMailPermitted } from './mail-permit';

declare module 'next-auth' {
  interface User {
    role: Role;
    preferredLocale: Locale;
  }
}

/** Built on first use, so the database is not opened at build time. */
export function authConfig(): NextAuthConfig {
  const db = getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    trustHost: true,
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/link-invalid' },
    providers: [
      {
        id: 'email',
        type: 'email',
        name: 'Email',
        maxAge: MAGIC_LINK_MINUTES * 60,
        // The mail links to our confirm page, never to the callback itself, so a mail
        // scanner that opens the link does not use up the token (only the POST does).
        async sendVerificationRequest({ identifier, token, url }) {
          const callbackUrl = new URL(url).searchParams.get('callbackUrl') ?? '/account';
          const locale = localeOfCallback(callbackUrl);
          const link = confirmLink({ token, email: identifier, callbackUrl, locale });
          await sendMail(await signInMail({ to: identifier, url: link, locale, minutes: MAGIC_LINK_MINUTES }));
          noteSignInMailSent();
        },
      },
    ],
    callbacks: {
      // A sign-in mail only goes out through sendSignInLink, which has counted it against
      // the per-address and per-IP limits (lib/auth/mail-permit.ts). Using a link is not
      // a verification request and passes.
      signIn({ user, email }) {
        return email?.verificationRequest ? signInMailPermitted(user.email) : true;
      },
      // Database sessions: the user row, role included, is read fresh on every request.
      // Only these fields leave the server (the session row itself holds the token).
      session({ session, user }) {
        return {
          expires: session.expires,
          user: { id: user.id, email: user.email, name: user.name, role: user.role, preferredLocale: user.preferredLocale },
        } as typeof session;
      },
    },
    events: {
      // Nothing is attached to the account here by matching its email: a guest's gifts
      // and Gift Aid declaration join it only when the person confirms them on /account.
      async signIn({ user, isNewUser }) {
        await recordAudit({
          actorUserId: user.id ?? null,
          action: 'auth.sign_in',
          entityType: 'user',
          entityId: user.id,
          data: { isNewUser: Boolean(isNewUser) },
        });
      },
    },
  };
}
