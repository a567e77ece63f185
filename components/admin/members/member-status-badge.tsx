import { getTranslations } from 'next-intl/server';
import type { LifecycleStatus } from '@/db/queries/lifecycle-sql';
import type { AppLocale } from '@/lib/i18n/routing';

const TONE: Record<LifecycleStatus, string> = {
  active: 'border-accent/50 bg-white text-accent',
  past_due: 'border-brand/50 bg-brand-soft text-brand-dark',
  grace: 'border-brand/50 bg-brand-soft text-brand-dark',
  pending: 'border-line bg-white text-muted',
  lapsed: 'border-line bg-white text-muted',
  cancelled: 'border-line bg-white text-muted',
};

/** The lifecycle status as a small label (text, never colour alone). */
export async function MemberStatusBadge({ status, locale }: { status: LifecycleStatus; locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: 'adminMembers.statuses' });
  return (
    <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>
      {t(status)}
    </span>
  );
}
