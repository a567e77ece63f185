import { getTranslations } from 'next-intl/server';
import { openBillingPortal } from '@/app/[locale]/account/actions';
import type { MembershipWithTier } from '@/db/queries/memberships';
import { formatLongDate } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { memberAccess } from '@/lib/membership/lifecycle';

const longDate = (locale: AppLocale, date: Date) => formatLongDate(date, locale);

/** Status, tier and renewal date, with the way to pay, renew or manage. */
export async function MembershipStatus({
  locale,
  membership,
  hasStripeCustomer,
  graceDays,
}: {
  locale: AppLocale;
  membership: MembershipWithTier | null;
  hasStripeCustomer: boolean;
  graceDays: number;
}) {
  const t = await getTranslations({ locale, namespace: 'account' });
  const access = memberAccess(membership, new Date(), graceDays);
  const tier = membership ? (locale === 'es' ? membership.tierNameEs : membership.tierNameEn) : '';
  let text: string;
  switch (access.kind) {
    case 'none':
      text = t('noMembership');
      break;
    case 'pending':
      text = t('pending', { tier });
      break;
    case 'active':
      text = access.until ? t('activeUntil', { tier, date: longDate(locale, access.until) }) : t('active', { tier });
      break;
    case 'ended':
      // Stripe gave up on a first payment never made: nothing ever started to end.
      text =
        membership?.stripeStatus === 'incomplete_expired'
          ? t('notStarted', { tier })
          : access.endedAt
            ? t('ended', { tier, date: longDate(locale, access.endedAt) })
            : t('endedNoDate', { tier });
      break;
  }
  const stripeLive = membership?.source === 'stripe' && access.kind === 'active' && membership.currentPeriodEnd;
  return (
    <div className="mt-2 space-y-3">
      <p>{text}</p>
      {stripeLive && (
        <p className="text-sm text-muted">
          {membership.cancelAtPeriodEnd
            ? t('cancelsOn', { date: longDate(locale, membership.currentPeriodEnd!) })
            : t('renews', { date: longDate(locale, membership.currentPeriodEnd!) })}
        </p>
      )}
      {access.kind === 'pending' && membership?.source === 'offline' && (
        <Link href="/join/bank-transfer" className="inline-block text-brand underline underline-offset-2">
          {t('payBank')}
        </Link>
      )}
      {(access.kind === 'none' || access.kind === 'ended') && (
        <Link href="/join" className="inline-block text-brand underline underline-offset-2">
          {t('joinLink')}
        </Link>
      )}
      {hasStripeCustomer && (
        <form action={openBillingPortal}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft">
            {t('manage')}
          </button>
          <p className="mt-1 text-sm text-muted">{t('manageHelp')}</p>
        </form>
      )}
    </div>
  );
}
