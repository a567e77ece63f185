import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/client-messages';
import { MemberActions } from '@/components/admin/members/member-actions';
import { MemberRecord } from '@/components/admin/members/member-record';
import { MemberStatusBadge } from '@/components/admin/members/member-status-badge';
import { findMemberDetail, listTiersForStaff } from '@/db/queries/admin-members';
import { lifecycleStatus } from '@/lib/membership/lifecycle';
import { requireRole } from '@/lib/auth/guards';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminMembers', 'detail.title', { private: true });

/** Staff: one member's record, and the changes staff can make to it. */
export default async function AdminMemberPage({ params }: PageProps<'/[locale]/admin/members/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: `/admin/members/${id}`, locale }), locale });
  if (!z.uuid().safeParse(id).success) notFound();
  const [detail, tiers, t] = await Promise.all([
    findMemberDetail(id),
    listTiersForStaff(),
    getTranslations({ locale, namespace: 'adminMembers' }),
  ]);
  if (!detail) notFound();

  const now = new Date();
  const graceDays = await getMembershipGraceDays();
  const latest = detail.memberships[0];
  const live = detail.memberships.find((m) => ['pending', 'active', 'past_due'].includes(m.status)) ?? null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <p>
        <Link href="/admin/members" className="text-brand underline underline-offset-2">
          ← {t('detail.back')}
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="break-all font-serif text-3xl font-semibold">{detail.user.name || detail.user.email || t('noName')}</h1>
        {latest && <MemberStatusBadge status={lifecycleStatus(latest, now, graceDays)} locale={locale} />}
      </div>
      <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <MemberRecord locale={locale} detail={detail} graceDays={graceDays} />
        <section aria-labelledby="member-actions" className="min-w-0">
          <h2 id="member-actions" className="font-serif text-2xl font-semibold">
            {t('detail.actions')}
          </h2>
          <ClientMessages namespaces={['adminMembers']}>
            <MemberActions
              locale={locale}
              userId={detail.user.id}
              live={live ? { source: live.source, status: live.status, tierSlug: live.tierSlug } : null}
              tiers={tiers.filter((x) => x.active).map((x) => ({ value: x.slug, label: locale === 'es' ? x.nameEs : x.nameEn }))}
              today={now.toISOString().slice(0, 10)}
            />
          </ClientMessages>
        </section>
      </div>
    </div>
  );
}
