import { forbidden } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { deliverQueuedMailsSoon } from '@/lib/mail/outbox';
import { requireUser } from '@/lib/auth/guards';
import { formatLongDate } from '@/lib/format';
import { Link, getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { confirmMembershipCheckout } from '@/lib/payments/checkout';
import { findTier } from '@/db/queries/payments';
import { buttonClass } from '@/components/ui/styles';

export const generateMetadata = titledMetadata('join', 'successTitle', { private: true });

// Stripe sends the member here after paying. The page syncs from the checkout session
// itself, so it shows them as a member even if the webhook has not arrived yet.
export default async function JoinSuccessPage({ params, searchParams }: PageProps<'/[locale]/join/success'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { session_id: sessionId } = await searchParams;
  const returnTo = `${getPathname({ href: '/join/success', locale })}?session_id=${encodeURIComponent(String(sessionId ?? ''))}`;
  const user = await requireUser({ returnTo, locale });
  const t = await getTranslations({ locale, namespace: 'join' });
  if (typeof sessionId !== 'string' || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) forbidden();
  const result = await confirmMembershipCheckout(sessionId, user.id);
  if (!result.belongsToUser) forbidden();
  deliverQueuedMailsSoon();
  const membership = result.membership;
  const tier = membership ? await findTier(membership.tierId) : null;
  const active = membership && (membership.status === 'active' || membership.status === 'past_due');
  const date = membership?.currentPeriodEnd ? formatLongDate(membership.currentPeriodEnd, locale) : '';
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{active ? t('successTitle') : t('pendingTitle')}</h1>
      <p role="status" className="mt-4 text-lg">
        {active && tier ? t('successText', { tier: locale === 'es' ? tier.nameEs : tier.nameEn, date }) : t('pendingText')}
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/account" className={buttonClass({ size: 'lg' })}>
          {t('toAccount')}
        </Link>
        {!active && (
          <a href={returnTo} className="rounded-md border border-brand px-5 py-2.5 font-medium text-brand">
            {t('refresh')}
          </a>
        )}
      </div>
    </div>
  );
}
