import { AsyncLocalStorage } from 'node:async_hooks';

// Auth.js will send a sign-in mail to anyone who reaches its email provider, whether
// through its HTTP endpoint or a server-side signIn(). The app's limits live in
// sendSignInLink (lib/auth/sign-in-mail.ts); it runs Auth.js inside this permit, naming
// the one address it counted, and the signIn callback in lib/auth/config.ts refuses every
// verification request without it. So no way of asking for a mail skips the limits.

const permit = new AsyncLocalStorage<string>();

const normalise = (email: string) => email.normalize('NFKC').toLowerCase().trim();

export function withSignInMailPermit<T>(email: string, run: () => Promise<T>): Promise<T> {
  return permit.run(normalise(email), run);
}

export function signInMailPermitted(email: string | null | undefined): boolean {
  return Boolean(email) && permit.getStore() === normalise(email!);
}
