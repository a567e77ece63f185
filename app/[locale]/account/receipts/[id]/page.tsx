import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PrintButton } from '@/components/print-button';
import { claimSubmittedAt } from '@/db/queries/gift-aid-claims';
import { findPaymentOfUser } from '@/db/queries/payments';
import { requireUser } from '@/lib/auth/guards';
import { giftAidStatus } from '@/lib/gift-aid/status';
import { formatLongDate, formatPence } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('receipts', 'title', { private: true });

/** A printable receipt for one of the member's own payments. */
export default async function ReceiptPage({ params }: PageProps<'/[locale]/account/receipts/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const user = await requireUser({ returnTo: getPathname({ href: `/account/receipts/${id}`, locale }), locale });
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const payment = await findPaymentOfUser(user.id, id);
  if (!payment) notFound();
  const t = await getTranslations({ locale, namespace: 'receipts' });
  const date = payment.paidAt ?? payment.createdAt;
  const what =
    payment.kind === 'membership'
      ? t('membership', { tier: (locale === 'es' ? payment.tierNameEs : payment.tierNameEn) ?? '' })
      : t('donation');
  const rows: [string, string][] = [
    [t('number'), payment.id.slice(0, 8).toUpperCase()],
    [t('date'), formatLongDate(date, locale)],
    [t('for'), what],
    [t('amount'), formatPence(payment.amountPence, locale)],
    [t('method'), t(`methods.${payment.method}`)],
    [t('status'), t(`statuses.${payment.status}`)],
  ];
  if (payment.refundedPence > 0) rows.push([t('refunded'), formatPence(payment.refundedPence, locale)]);
  // "Claimed" only once the claim has gone to HMRC; a refunded payment says nothing of Gift Aid.
  const giftAid = giftAidStatus(payment, await claimSubmittedAt(payment.giftAidClaimId));
  if (giftAid === 'covered' || giftAid === 'onClaim') rows.push([t('giftAid'), t('giftAidCovered')]);
  if (giftAid === 'claimed') rows.push([t('giftAid'), t('giftAidClaimed')]);
  return (
    <article className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <p className="print:hidden">
        <Link href="/account" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-4 font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-muted">Peru Support Group</p>
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-8 gap-y-2 rounded-lg border border-line bg-white p-5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-muted">{t('thanks')}</p>
      <PrintButton label={t('print')} />
    </article>
  );
}
