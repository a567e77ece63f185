import { AsyncLocalStorage } from 'node:async_hooks';

// Auth.js will send a sign-in mail to anyone who reaches its email provider, whether
// through its HTTP endpoint or a server-side signIn(). The app's limits live in
// sendSignInLink (lib/auth/sign-in-mail.ts); it runs Auth.js inside this permit, naming
// the one address it counted, and the signIn callback in lib/auth/config.ts refuses every
// verification request without it. So no way of asking for a mail skips the limits.

type Permit = { email: string; sent: boolean };
const permit = new AsyncLocalStorage<Permit>();

const normalise = (email: string) => email.normalize('NFKC').toLowerCase().trim();

export function withSignInMailPermit<T>(email: string, run: () => Promise<T>): Promise<{ result: T; sent: boolean }> {
  const current: Permit = { email: normalise(email), sent: false };
  return permit.run(current, async () => ({ result: await run(), sent: current.sent }));
}

export function signInMailPermitted(email: string | null | undefined): boolean {
  return Boolean(email) && permit.getStore()?.email === normalise(email!);
}

/**
 * Called once the mail server has taken the sign-in mail. Auth.js catches a failure of
 * its sendVerificationRequest and answers as if all went well, so whether the mail went
 * out is told here, and sendSignInLink reports it (never "check your email" for a mail
 * that was not sent).
 */
export function noteSignInMailSent(): void {
  const current = permit.getStore();
  if (current) current.sent = true;
}
