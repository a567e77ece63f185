import 'server-only';
import type { Tx } from '@/db/client';
import { queueMail } from '@/db/queries/mail-outbox';
import type { MembershipTier } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import { formatLongDate, formatPence } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';
import { renderMail } from '@/lib/mail/render';

/**
 * The receipt mail for one payment, membership or donation, queued once (keyed by the
 * payment) in the caller's transaction.
 */
export async function queueReceipt(
  tx: Tx,
  receipt: {
    to: string;
    locale: AppLocale;
    paymentId: string;
    amountPence: number;
    paidAt: Date;
    tier: MembershipTier | null;
    giftAid: boolean;
    /** A guest's gift with a Gift Aid declaration: the signed link to see or cancel it, no account needed. */
    declarationLink?: string | null;
  },
) {
  const { locale, tier, paymentId } = receipt;
  const description = tier
    ? locale === 'es'
      ? `cuota de socio (${tier.nameEs})`
      : `membership (${tier.nameEn})`
    : locale === 'es'
      ? 'un donativo'
      : 'a donation';
  // Members see the receipt in their account; a guest donor may have none yet.
  const path = tier ? `/account/receipts/${paymentId}` : '/account';
  const paragraphs = ['intro', 'number', ...(receipt.giftAid ? ['giftAid'] : []), ...(receipt.declarationLink ? ['giftAidGuest'] : [])];
  const link = receipt.declarationLink
    ? { url: receipt.declarationLink, labelKey: 'giftAidButton' }
    : { url: `${siteUrl()}${locale === 'es' ? '/es' : ''}${path}`, labelKey: 'button' };
  const mail = await renderMail({
    to: receipt.to,
    locale,
    template: 'receipt',
    paragraphs,
    vars: {
      amount: formatPence(receipt.amountPence, locale),
      date: formatLongDate(receipt.paidAt, locale),
      description,
      number: paymentId.slice(0, 8).toUpperCase(),
    },
    link,
  });
  await queueMail(tx, { dedupeKey: `receipt:${paymentId}`, ...mail });
}
