import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { findDonation } from '@/db/queries/donations';
import { formatPence } from '@/lib/format';
import { declarationLink } from '@/lib/gift-aid/declaration-link';
import { Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { confirmDonationCheckout } from '@/lib/payments/checkout';

export const generateMetadata = titledMetadata('donate', 'thanksTitle', { private: true });

// Guests land here too, so the unguessable session id is the only key; the page shows
// the amount and nothing about the donor.
export default async function DonateThanksPage({ params, searchParams }: PageProps<'/[locale]/donate/thanks'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { session_id: sessionId } = await searchParams;
  if (typeof sessionId !== 'string' || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) notFound();
  const donationId = await confirmDonationCheckout(sessionId);
  if (!donationId) notFound();
  deliverQueuedMailsSoon();
  const donation = await findDonation(donationId);
  if (!donation) notFound();
  const t = await getTranslations({ locale, namespace: 'donate' });
  const amount = formatPence(donation.amountPence, locale);
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('thanksTitle')}</h1>
      <p role="status" className="mt-4 text-lg">
        {donation.status === 'failed'
          ? t('thanksFailed')
          : t(donation.frequency === 'monthly' ? 'thanksMonthly' : 'thanksOnce', { amount })}
      </p>
      {donation.status === 'pending' && <p className="mt-2 text-muted">{t('thanksPending')}</p>}
      <p className="mt-2 text-muted">{t('thanksReceipt')}</p>
      {donation.giftAidDeclarationId &&
        (donation.userId ? (
          <p className="mt-4">{t('thanksGiftAidAccount')}</p>
        ) : (
          <p className="mt-4">
            {t('thanksGiftAidGuest')}{' '}
            <a href={declarationLink(donation.giftAidDeclarationId, locale)} className="text-brand underline underline-offset-2">
              {t('thanksGiftAidLink')}
            </a>
          </p>
        ))}
      <Link href="/" className="mt-6 inline-block text-brand underline underline-offset-2">
        {t('home')}
      </Link>
    </div>
  );
}
