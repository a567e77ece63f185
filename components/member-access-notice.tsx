import { getTranslations } from 'next-intl/server';
import { formatLongDate } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { MemberAccess } from '@/lib/membership/lifecycle';

/** Why the archive is closed to this person, and how to open it. Nothing for members. */
export async function MemberAccessNotice({ locale, access }: { locale: AppLocale; access: MemberAccess }) {
  if (access.kind === 'active') return null;
  const t = await getTranslations({ locale, namespace: 'newsletters' });
  const date = access.kind === 'ended' && access.endedAt
    ? formatLongDate(access.endedAt, locale)
    : null;
  const text = access.kind === 'ended' ? (date ? t('endedOn', { date }) : t('ended')) : access.kind === 'pending' ? t('pending') : t('join');
  return (
    <div role="status" className="mt-4 rounded-lg border border-accent/40 bg-white p-4">
      <p>{text}</p>
      <Link href={access.kind === 'pending' ? '/account' : '/join'} className="mt-3 inline-block rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">
        {access.kind === 'ended' ? t('renewCta') : access.kind === 'pending' ? t('accountCta') : t('joinCta')}
      </Link>
    </div>
  );
}
