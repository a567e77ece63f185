import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FigureCard } from '@/components/ui/figure-card';
import { MembersChart } from '@/components/admin/overview/members-chart';
import { loadOverview } from '@/db/queries/admin-overview';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { requireRole } from '@/lib/auth/guards';
import { membershipLifecycleSql } from '@/lib/membership/lifecycle';
import { formatPence } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminOverview', 'title', { private: true });

const card = 'rounded-lg border border-line bg-white p-4';

/** Staff: the organisation at a glance, from live SQL on every request. */
export default async function AdminOverviewPage({ params }: PageProps<'/[locale]/admin'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin', locale }), locale });
  const now = new Date();
  const graceDays = await getMembershipGraceDays();
  const [t, o] = await Promise.all([
    getTranslations({ locale, namespace: 'adminOverview' }),
    loadOverview(now, membershipLifecycleSql(graceDays)),
  ]);
  const number = (n: number) => n.toLocaleString(locale === 'es' ? 'es-ES' : 'en-GB');
  const money = (pence: number) => formatPence(pence, locale);
  const monthName = (month: string, style: 'short' | 'long' = 'short') =>
    new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { month: style, year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-15T12:00:00Z`),
    );
  const totalActive = o.byTier.reduce((n, tier) => n + tier.members, 0);
  const first = o.history[0];
  const last = o.history[o.history.length - 1];
  if (!first || !last) throw new Error('Expected the overview to hold months of member history, it holds none');
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro', { days: graceDays })}</p>

      <section aria-labelledby="members-heading" className="mt-8">
        <h2 id="members-heading" className="font-serif text-2xl font-semibold">
          {t('members.heading')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <FigureCard title={t('members.active')} figure={number(totalActive)}>
            <ul className="mt-2 space-y-0.5 text-sm">
              {o.byTier.map((tier) => (
                <li key={tier.tierId} className="flex justify-between gap-2">
                  <span>
                    {locale === 'es' ? tier.nameEs : tier.nameEn}
                    {!tier.active && ` ${t('members.hiddenTier')}`}
                  </span>
                  <span className="tabular-nums">{number(tier.members)}</span>
                </li>
              ))}
            </ul>
          </FigureCard>
          <FigureCard title={t('members.thisMonth')}>
            <dl className="mt-2 grid grid-cols-[1fr_auto] gap-y-1">
              <dt>{t('members.new')}</dt>
              <dd className="text-xl font-semibold tabular-nums">{number(o.month.newMembers)}</dd>
              <dt>{t('members.renewals')}</dt>
              <dd className="text-xl font-semibold tabular-nums">{number(o.month.renewals)}</dd>
              <dt>{t('members.lapses')}</dt>
              <dd className="text-xl font-semibold tabular-nums">{number(o.month.lapses)}</dd>
            </dl>
          </FigureCard>
          <FigureCard title={t('members.expiring')} figure={number(o.expiring.total)}>
            <p className="mt-1 text-sm text-muted">{t('members.renewAutomatically', { count: o.expiring.renewAutomatically })}</p>
            <Link href="/admin/members?expiresWithin=30" className="mt-2 inline-block text-brand underline underline-offset-2">
              {t('members.expiringLink')}
            </Link>
          </FigureCard>
          <FigureCard title={t('income.recurring')} figure={money(o.recurring.totalPence)}>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand underline underline-offset-2">{t('income.howCounted')}</summary>
              <p className="mt-2">{t('income.definition')}</p>
              <ul className="mt-2 space-y-0.5">
                <li>{t('income.fromMemberships', { amount: money(o.recurring.membershipsPence), count: o.recurring.memberships })}</li>
                <li>
                  {t('income.fromMonthly', { amount: money(o.recurring.monthlyDonationsPence), count: o.recurring.monthlyDonations })}
                </li>
              </ul>
            </details>
          </FigureCard>
        </div>
      </section>

      <section aria-labelledby="donations-heading" className="mt-10">
        <h2 id="donations-heading" className="font-serif text-2xl font-semibold">
          {t('donations.heading')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <FigureCard title={t('donations.month')} figure={money(o.donations.monthPence)}>
            <p className="text-sm text-muted">{t('donations.count', { count: o.donations.monthCount })}</p>
          </FigureCard>
          <FigureCard title={t('donations.year')} figure={money(o.donations.yearPence)}>
            <p className="text-sm text-muted">{t('donations.count', { count: o.donations.yearCount })}</p>
          </FigureCard>
        </div>
        <p className="mt-2 text-sm text-muted">{t('donations.note')}</p>
      </section>

      <section aria-labelledby="history-heading" className="mt-10">
        <h2 id="history-heading" className="font-serif text-2xl font-semibold">
          {t('history.heading')}
        </h2>
        <div className={`${card} mt-4 text-ink`}>
          <MembersChart
            size="wide"
            className="hidden sm:block"
            points={o.history}
            title={t('history.chartTitle')}
            description={t('history.chartDescription', {
              from: monthName(first.month, 'long'),
              to: monthName(last.month, 'long'),
              start: first.active,
              end: last.active,
            })}
            monthLabel={(m) => monthName(m)}
          />
          <MembersChart
            size="narrow"
            className="sm:hidden"
            points={o.history}
            title={t('history.chartTitle')}
            description={t('history.chartDescription', {
              from: monthName(first.month, 'long'),
              to: monthName(last.month, 'long'),
              start: first.active,
              end: last.active,
            })}
            monthLabel={(m) => monthName(m)}
          />
        </div>
        <p className="mt-2 text-sm text-muted">{t('history.definition')}</p>
        <details className="mt-4">
          <summary className="cursor-pointer text-brand underline underline-offset-2">{t('history.table')}</summary>
          <div
            className="mt-2 overflow-x-auto rounded-lg border border-line bg-white"
            tabIndex={0}
            role="region"
            aria-label={t('history.table')}
          >
            <table className="w-full text-sm">
              <caption className="sr-only">{t('history.chartTitle')}</caption>
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="px-3 py-2">
                    {t('history.month')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('history.active')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('history.started')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('history.ended')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.history.map((p) => (
                  <tr key={p.month} className="border-b border-line last:border-0">
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">
                      {monthName(p.month, 'long')}
                    </th>
                    <td className="px-3 py-1.5 text-right tabular-nums">{number(p.active)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{number(p.started)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{number(p.ended)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </div>
  );
}
