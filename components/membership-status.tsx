import { getTranslations } from 'next-intl/server';
import type { MembershipWithTier } from '@/db/queries/memberships';
import { serverEnv } from '@/lib/env';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { memberAccess } from '@/lib/membership/access';

const dateFormat = (locale: AppLocale) => new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/** What the member's access is now. Payments and renewal arrive with the payments work. */
export async function MembershipStatus({ locale, membership }: { locale: AppLocale; membership: MembershipWithTier | null }) {
  const t = await getTranslations({ locale, namespace: 'account' });
  const access = memberAccess(membership, new Date(), serverEnv().MEMBERSHIP_GRACE_DAYS);
  const tier = membership ? (locale === 'es' ? membership.tierNameEs : membership.tierNameEn) : '';
  const format = dateFormat(locale);
  let text: string;
  switch (access.kind) {
    case 'none':
      text = t('noMembership');
      break;
    case 'pending':
      text = t('pending', { tier });
      break;
    case 'active':
      text = access.until ? t('activeUntil', { tier, date: format.format(access.until) }) : t('active', { tier });
      break;
    case 'ended':
      text = access.endedAt ? t('ended', { tier, date: format.format(access.endedAt) }) : t('endedNoDate', { tier });
      break;
  }
  return (
    <div className="mt-2">
      <p>{text}</p>
      {access.kind !== 'active' && (
        <Link href="/join" className="mt-3 inline-block text-brand underline underline-offset-2">{t('joinLink')}</Link>
      )}
    </div>
  );
}
