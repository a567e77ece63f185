import 'server-only';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/security/client-ip';
import { signIn } from './index';
import { withSignInMailPermit } from './mail-permit';
import { consumeSignInAttempt, type LimitDecision } from './rate-limit';

/**
 * The only way the app sends a sign-in mail: the sign-in form and staff's "resend a
 * sign-in link" both come here. It counts the attempt against the address and the
 * requester's IP (lib/security/client-ip.ts), then has Auth.js make the token and send
 * the mail. Throws when the mail cannot be sent.
 */
export async function sendSignInLink(email: string, redirectTo: string): Promise<LimitDecision> {
  const decision = await consumeSignInAttempt(email, clientAddress(await headers()));
  if (!decision.allowed) return decision;
  await withSignInMailPermit(email, () => signIn('email', { email, redirectTo, redirect: false }));
  return decision;
}
