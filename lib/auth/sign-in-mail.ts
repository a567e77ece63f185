import 'server-only';
import { headers } from 'next/headers';
import { MailDeliveryError } from '@/lib/mail';
import { clientAddress } from '@/lib/security/client-ip';
import { signIn } from './index';
import { withSignInMailPermit } from './mail-permit';
import { consumeSignInAttempt, type LimitDecision } from './rate-limit';

/**
 * The only way the app sends a sign-in mail: the sign-in form and staff's "resend a
 * sign-in link" both come here. It counts the attempt against the address and the
 * requester's IP (lib/security/client-ip.ts), then has Auth.js make the token and send
 * the mail. Throws MailDeliveryError when the mail server did not take it.
 */
export async function sendSignInLink(email: string, redirectTo: string): Promise<LimitDecision> {
  const decision = await consumeSignInAttempt(email, clientAddress(await headers()));
  if (!decision.allowed) return decision;
  const { sent } = await withSignInMailPermit(email, () => signIn('email', { email, redirectTo, redirect: false }));
  if (!sent) throw new MailDeliveryError(new Error('Auth.js reported the sign-in mail as sent, but the mail server did not take it'));
  return decision;
}
