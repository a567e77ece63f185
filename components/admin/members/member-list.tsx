import { getTranslations } from 'next-intl/server';
import type { MemberRow } from '@/db/queries/admin-members';
import { formatLongDate } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { MemberStatusBadge } from './member-status-badge';

/** The results: cards on a phone, a table from large widths up (only one is ever displayed). */
export async function MemberList({ locale, rows }: { locale: AppLocale; rows: MemberRow[] }) {
  const t = await getTranslations({ locale, namespace: 'adminMembers' });
  if (rows.length === 0) return <p className="mt-6 rounded-lg border border-line bg-white p-4">{t('noResults')}</p>;
  const tierName = (r: MemberRow) => (locale === 'es' ? r.tierNameEs : r.tierNameEn);
  const date = (d: Date | null) => (d ? formatLongDate(d, locale) : '—');
  const nameLink = (r: MemberRow) => (
    <Link href={`/admin/members/${r.id}`} className="font-medium text-brand underline underline-offset-2">
      {r.name || t('noName')}
    </Link>
  );
  return (
    <>
      <ul className="mt-6 divide-y divide-line rounded-lg border border-line bg-white lg:hidden">
        {rows.map((r) => (
          <li key={r.id} className="p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              {nameLink(r)}
              <MemberStatusBadge status={r.lifecycle} locale={locale} />
            </div>
            <p className="mt-1 break-all text-sm">{r.email}</p>
            <p className="mt-1 text-sm text-muted">{[r.postcode, tierName(r), t(`sources.${r.source}`)].filter(Boolean).join(' · ')}</p>
            <p className="text-sm text-muted">
              {t('table.expires')}: {date(r.currentPeriodEnd)}
            </p>
          </li>
        ))}
      </ul>
      <div className="mt-6 hidden rounded-lg border border-line bg-white lg:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('table.caption')}</caption>
          <thead className="border-b border-line text-muted">
            <tr>
              <th scope="col" className="p-3 font-medium">
                {t('table.name')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.email')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.postcode')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.status')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.tier')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.source')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.expires')}
              </th>
              <th scope="col" className="p-3 font-medium">
                {t('table.joined')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="p-3">{nameLink(r)}</td>
                <td className="break-all p-3">{r.email}</td>
                <td className="whitespace-nowrap p-3">{r.postcode}</td>
                <td className="p-3">
                  <MemberStatusBadge status={r.lifecycle} locale={locale} />
                </td>
                <td className="p-3">{tierName(r)}</td>
                <td className="p-3">{t(`sources.${r.source}`)}</td>
                <td className="whitespace-nowrap p-3">{date(r.currentPeriodEnd)}</td>
                <td className="whitespace-nowrap p-3">{date(r.joinedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
