import { getTranslations } from 'next-intl/server';
import { formatLongDate } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { MemberAccess } from '@/lib/membership/lifecycle';
import { buttonClass } from '@/components/ui/styles';

/** Why the archive is closed to this person, and how to open it. Nothing for members. */
export async function MemberAccessNotice({ locale, access }: { locale: AppLocale; access: MemberAccess }) {
  if (access.kind === 'active') return null;
  const t = await getTranslations({ locale, namespace: 'newsletters' });
  const date = access.kind === 'ended' && access.endedAt ? formatLongDate(access.endedAt, locale) : null;
  const text =
    access.kind === 'ended' ? (date ? t('endedOn', { date }) : t('ended')) : access.kind === 'pending' ? t('pending') : t('join');
  return (
    <div role="status" className="mt-4 rounded-lg border border-accent/40 bg-white p-4">
      <p>{text}</p>
      <Link href={access.kind === 'pending' ? '/account' : '/join'} className={buttonClass({ size: 'md', className: 'mt-3 inline-block' })}>
        {access.kind === 'ended' ? t('renewCta') : access.kind === 'pending' ? t('accountCta') : t('joinCta')}
      </Link>
    </div>
  );
}
