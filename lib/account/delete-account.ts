import 'server-only';
import Stripe from 'stripe';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { erasePersonalRows, listChargingSubscriptions, lockUser } from '@/db/queries/personal-data';
import { logFor } from '@/lib/log';
import { getStripe, isStripeFailure } from '@/lib/payments/stripe';

/** What became of a request to delete an account. */
export type DeleteAccountOutcome =
  /** Erased, and nothing at Stripe charges them any more. */
  | 'deleted'
  /** Already deleted (or never was): nothing done. */
  | 'gone'
  /** Stripe could not be asked to stop a subscription: nothing was erased, try again. */
  | 'stripe-unavailable';

/**
 * The signed-in person deletes their account. First, at Stripe, every subscription that
 * would still charge them (a membership renewing, a monthly gift) is cancelled: erasing
 * the account ends its memberships here, and Stripe's later renewals would then charge a
 * person we no longer know, with no receipt and no way for them to sign in and stop it.
 * Outside the transaction (no transaction waits on the network), and before it: if Stripe
 * cannot be reached, nothing is erased and the person is asked to try again; a retry finds
 * the subscriptions already cancelled and goes on. Then their personal data is erased
 * (erasePersonalRows says what stays and why) and the deletion audited, in one transaction.
 */
export async function deleteAccount(userId: string): Promise<DeleteAccountOutcome> {
  const charging = await getDb().transaction((tx) => listChargingSubscriptions(tx, userId));
  for (const subscriptionId of charging) {
    try {
      await getStripe().subscriptions.cancel(subscriptionId);
    } catch (error) {
      // Already cancelled at Stripe (an earlier attempt, the member in the portal): done.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing') continue;
      if (!isStripeFailure(error)) throw error;
      logFor('account').error({ err: error, subscriptionId }, 'could not cancel a subscription before deleting an account');
      return 'stripe-unavailable';
    }
  }
  return getDb().transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user || user.deletedAt) return 'gone';
    await erasePersonalRows(tx, user);
    await recordAudit(
      {
        actorUserId: userId,
        action: 'user.deleted',
        entityType: 'user',
        entityId: userId,
        data: charging.length ? { stripeSubscriptionsCancelled: charging } : undefined,
      },
      tx,
    );
    return 'deleted';
  });
}
