import 'server-only';
import Stripe from 'stripe';
import type { Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { queueMail } from '@/db/queries/mail-outbox';
import { lockStripeObject, setRefundedAmount } from '@/db/queries/payments';
import { takeStripeReadTicket } from '@/db/queries/stripe-reads';
import {
  addOfflineRefund,
  endMembershipNow,
  findMembership,
  findPayer,
  findPaymentByIntent,
  findRefundForStripe,
  insertRefund,
  listStuckCardRefunds,
  lockPaymentForRefund,
  markRefundFailed,
  updateRefund,
} from '@/db/queries/refunds';
import type { Payment, Refund } from '@/db/schema';
import { formatPence } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { renderMail } from '@/lib/mail/render';
import { isLive } from '@/lib/membership/lifecycle';
import { getStripe, isStripeFailure, PaymentsUnavailableError, stripeRefused } from './stripe';
import { isStripeMethod } from './methods';
import { withStripeReads, type StripeReads } from './stripe-reads';
import { logFor } from '@/lib/log';

const log = logFor('payments');

export type OfflineRefundMethod = 'bank_transfer' | 'cheque' | 'cash';

export type RefundRequest = {
  paymentId: string;
  amountPence: number;
  reason: string | null;
  /** A membership fee: also end the membership it paid for (staff choose). */
  endMembership: boolean;
  staffUserId: string;
  /** How the money went back, for payments made outside Stripe. */
  offline?: { method: OfflineRefundMethod; reference: string | null };
};

/** 'stripe': Stripe refused, nothing was refunded. 'stripeUnconfirmed': Stripe's answer never came; the refund stays pending until Stripe is asked again. */
export type RefundError = 'notFound' | 'notPaid' | 'tooMuch' | 'notCard' | 'needsOfflineMethod' | 'stripe' | 'stripeUnconfirmed';

export type RefundResult =
  | { ok: true; refund: Refund; membershipEnded: boolean; membershipError?: string }
  | { ok: false; error: RefundError; left?: number; message?: string };

const REFUNDABLE = new Set<Payment['status']>(['paid', 'partially_refunded']);

const refundStatusFromStripe = (status: string | null): Refund['status'] =>
  status === 'succeeded' ? 'succeeded' : status === 'failed' || status === 'canceled' ? 'failed' : 'pending';

/**
 * Staff refund a payment. Card payments: a pending `refunds` row is written first, then
 * Stripe is asked with an idempotency key made from that row's id (a retry can never
 * refund twice), then the row gets Stripe's id. Whichever comes first, our API call
 * returning or Stripe's webhook, settles it; the other changes nothing. A refusal by
 * Stripe marks the row failed and leaves the payment as it was. When Stripe's answer never
 * comes (timeouts, 5xx, a 429 after a lost attempt) it may have made the refund, so the row
 * stays pending: it holds the amount against a second refund, and the same request with the
 * same key (resumeStuckRefunds, or the webhook first) settles it. Payments made outside
 * Stripe are refunded by recording how the money went back, in one transaction.
 */
export async function refundPayment(request: RefundRequest): Promise<RefundResult> {
  const started = await getDb().transaction(async (tx): Promise<RefundResult | { ok: true; pending: Refund; payment: Payment }> => {
    const state = await lockPaymentForRefund(tx, request.paymentId);
    if (!state) return { ok: false, error: 'notFound' };
    const { payment, pendingPence } = state;
    if (!REFUNDABLE.has(payment.status)) return { ok: false, error: 'notPaid' };
    const left = payment.amountPence - payment.refundedPence - pendingPence;
    if (request.amountPence < 1 || request.amountPence > left) return { ok: false, error: 'tooMuch', left: Math.max(left, 0) };

    if (!isStripeMethod(payment.method)) {
      if (!request.offline) return { ok: false, error: 'needsOfflineMethod' };
      const refund = await insertRefund(tx, {
        paymentId: payment.id,
        amountPence: request.amountPence,
        status: 'succeeded',
        reason: request.reason,
        requestedByUserId: request.staffUserId,
      });
      const updated = await addOfflineRefund(tx, payment, request.amountPence);
      const membershipEnded =
        request.endMembership && payment.membershipId ? Boolean(await endMembershipNow(tx, payment.membershipId)) : false;
      await recordAudit(
        {
          actorUserId: request.staffUserId,
          action: 'payment.refund_recorded',
          entityType: 'payment',
          entityId: payment.id,
          data: {
            refundId: refund.id,
            amountPence: refund.amountPence,
            reason: request.reason,
            method: request.offline.method,
            reference: request.offline.reference,
            refundedPence: updated.refundedPence,
            membershipEnded,
          },
        },
        tx,
      );
      await queueRefundMail(tx, updated, refund);
      return { ok: true, refund, membershipEnded };
    }

    if (!payment.stripePaymentIntentId) return { ok: false, error: 'notCard' };
    const pending = await insertRefund(tx, {
      paymentId: payment.id,
      amountPence: request.amountPence,
      status: 'pending',
      reason: request.reason,
      requestedByUserId: request.staffUserId,
    });
    await recordAudit(
      {
        actorUserId: request.staffUserId,
        action: 'payment.refund_requested',
        entityType: 'payment',
        entityId: payment.id,
        data: { refundId: pending.id, amountPence: pending.amountPence, reason: request.reason },
      },
      tx,
    );
    return { ok: true, pending, payment };
  });
  if (!started.ok || !('pending' in started)) {
    if (started.ok) deliverQueuedMailsSoon();
    return started;
  }

  const { pending, payment } = started;
  let stripeRefund: Stripe.Refund;
  // Taken before Stripe is asked, so that the refund it answers with can be written from.
  const ticket = await takeStripeReadTicket();
  try {
    stripeRefund = await askStripeToRefund(pending, payment);
  } catch (error) {
    const message = error instanceof Stripe.errors.StripeError ? error.message : error instanceof Error ? error.message : String(error);
    if (!stripeRefused(error) && !(error instanceof PaymentsUnavailableError)) {
      log.error({ err: error, refundId: pending.id }, 'refund unconfirmed: left pending');
      return { ok: false, error: 'stripeUnconfirmed' };
    }
    await getDb().transaction(async (tx) => {
      const failed = await markRefundFailed(tx, pending.id);
      if (failed) {
        await recordAudit(
          {
            actorUserId: request.staffUserId,
            action: 'payment.refund_failed',
            entityType: 'payment',
            entityId: payment.id,
            data: { refundId: pending.id, message },
          },
          tx,
        );
      }
    });
    return { ok: false, error: 'stripe', message };
  }

  // Stripe has the refund. Ending the membership comes after, so a refused refund never ends one.
  let membershipError: string | undefined;
  let subscriptionCancelled = false;
  const membership =
    request.endMembership && payment.membershipId ? await getDb().transaction((tx) => findMembership(tx, payment.membershipId!)) : null;
  if (membership?.stripeSubscriptionId && isLive(membership.status)) {
    try {
      await getStripe().subscriptions.cancel(membership.stripeSubscriptionId);
      subscriptionCancelled = true;
    } catch (error) {
      membershipError = error instanceof Error ? error.message : String(error);
    }
  }
  let result: RefundResult;
  try {
    const seed = { ticket, reads: [{ kind: 'refund' as const, id: stripeRefund.id, value: stripeRefund }] };
    result = await withStripeReads(async (tx, stripe) => {
      const refund = (await settleStripeRefund(tx, stripe, stripeRefund.id)) ?? pending;
      const ended = membership && !membershipError ? Boolean(await endMembershipNow(tx, membership.id)) : false;
      await recordAudit(
        {
          actorUserId: request.staffUserId,
          action: 'payment.refund_accepted',
          entityType: 'payment',
          entityId: payment.id,
          data: {
            refundId: pending.id,
            stripeRefundId: stripeRefund.id,
            status: stripeRefund.status,
            membershipEnded: ended,
            subscriptionCancelled,
            membershipError,
          },
        },
        tx,
      );
      return { ok: true as const, refund, membershipEnded: ended, membershipError };
    }, seed);
  } catch (error) {
    // Settling reads the charge from Stripe (outside the transaction). If that read fails the
    // refund is made but not yet recorded: as good as an unanswered request, and settled the
    // same way.
    if (!isStripeFailure(error)) throw error;
    log.error({ err: error, refundId: pending.id }, 'refund made but not yet recorded: left pending');
    return { ok: false, error: 'stripeUnconfirmed' };
  }
  deliverQueuedMailsSoon();
  return result;
}

/** The one Stripe call for a refund row: the same parameters and key every time, so a retry never refunds twice. */
function askStripeToRefund(pending: Refund, payment: Payment): Promise<Stripe.Refund> {
  return getStripe().refunds.create(
    {
      payment_intent: payment.stripePaymentIntentId!,
      amount: pending.amountPence,
      reason: 'requested_by_customer',
      metadata: { refund_id: pending.id, payment_id: payment.id },
    },
    { idempotencyKey: `refund-${pending.id}` },
  );
}

/**
 * Card refunds left pending by a process that died between writing the row and hearing
 * from Stripe (so they block that amount). The same request is made again with the same
 * idempotency key: Stripe answers with the refund it already made, or makes it now; a
 * refusal marks the row failed. Run by the scheduled task, well inside the 24 hours Stripe
 * keeps idempotency keys. Returns how many rows were settled or failed.
 */
export async function resumeStuckRefunds(olderThanMinutes = 10): Promise<number> {
  let done = 0;
  for (const { refund, payment } of await listStuckCardRefunds(olderThanMinutes)) {
    if (!payment.stripePaymentIntentId) continue;
    try {
      const ticket = await takeStripeReadTicket();
      const stripeRefund = await askStripeToRefund(refund, payment);
      await withStripeReads((tx, stripe) => settleStripeRefund(tx, stripe, stripeRefund.id), {
        ticket,
        reads: [{ kind: 'refund', id: stripeRefund.id, value: stripeRefund }],
      });
      done++;
    } catch (error) {
      // Stripe said no: the refund did not happen. Anything else (network): try next time.
      if (!stripeRefused(error)) {
        log.error({ err: error, refundId: refund.id }, 'a stuck refund is still unconfirmed: tried again next time');
        continue;
      }
      await getDb().transaction(async (tx) => {
        if (await markRefundFailed(tx, refund.id)) {
          await recordAudit(
            {
              actorUserId: null,
              action: 'payment.refund_failed',
              entityType: 'payment',
              entityId: payment.id,
              data: { refundId: refund.id, message: error.message },
            },
            tx,
          );
        }
      });
      done++;
    }
  }
  if (done) deliverQueuedMailsSoon();
  return done;
}

/**
 * Makes our rows match one Stripe refund: the refund row (found by Stripe id, by the row id
 * we sent as metadata, or created for a refund made in Stripe's dashboard) and the
 * payment's refunded amount, read from the charge. Queues the payer's mail when the refund
 * first succeeds. Used by our own call and by the refund.* webhooks alike.
 */
export async function settleStripeRefund(tx: Tx, stripe: StripeReads, refundId: string): Promise<Refund | null> {
  const refund = await stripe.refund(refundId);
  const intentId = typeof refund.payment_intent === 'string' ? refund.payment_intent : (refund.payment_intent?.id ?? null);
  if (!intentId) return null;
  await lockStripeObject(tx, refund.id);
  const payment = await findPaymentByIntent(tx, intentId);
  if (!payment) return null;
  const status = refundStatusFromStripe(refund.status);
  const existing = await findRefundForStripe(tx, {
    stripeRefundId: refund.id,
    refundRowId: refund.metadata?.refund_id ?? null,
    paymentId: payment.id,
    amountPence: refund.amount,
  });
  const row = existing
    ? await updateRefund(tx, existing.id, { stripeRefundId: refund.id, status })
    : await insertRefund(tx, {
        paymentId: payment.id,
        amountPence: refund.amount,
        status,
        reason: refund.reason ?? null,
        requestedByUserId: null,
        stripeRefundId: refund.id,
      });

  const chargeId = typeof refund.charge === 'string' ? refund.charge : (refund.charge?.id ?? null);
  const updated = chargeId ? await setRefundedAmount(tx, intentId, (await stripe.charge(chargeId)).amount_refunded) : payment;
  if (status !== existing?.status) {
    await recordAudit(
      {
        actorUserId: null,
        action: `payment.refund_${status}`,
        entityType: 'payment',
        entityId: payment.id,
        data: { refundId: row.id, stripeRefundId: refund.id, amountPence: row.amountPence, refundedPence: updated?.refundedPence ?? null },
      },
      tx,
    );
  }
  if (status === 'succeeded' && existing?.status !== 'succeeded') await queueRefundMail(tx, updated ?? payment, row);
  return row;
}

/** The payer's short confirmation, queued once per refund in the caller's transaction. */
async function queueRefundMail(tx: Tx, payment: Payment, refund: Refund) {
  const payer = await findPayer(tx, payment);
  if (!payer?.email) return;
  await queueMail(tx, {
    dedupeKey: `refund:${refund.id}`,
    ...(await renderRefundMail(payer.email, payer.preferredLocale, payment, refund)),
  });
}

function renderRefundMail(to: string, locale: AppLocale, payment: Payment, refund: Refund) {
  return renderMail({
    to,
    locale,
    namespace: 'adminPaymentsMail',
    paragraphs: ['intro', payment.method === 'card' ? 'card' : payment.method === 'bacs_debit' ? 'bacs' : 'offline', 'questions'],
    vars: {
      amount: formatPence(refund.amountPence, locale),
      original: formatPence(payment.amountPence, locale),
      number: payment.id.slice(0, 8).toUpperCase(),
    },
  });
}
