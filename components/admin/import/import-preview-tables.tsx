import { getTranslations } from 'next-intl/server';
import type { StoredRow } from '@/lib/membership/member-import';
import type { RowError } from '@/lib/csv/member-import';
import type { AppLocale } from '@/lib/i18n/routing';

const SHOWN_ROWS = 200;
const cell = 'px-3 py-2 align-top';
const head = 'px-3 py-2 text-left font-medium';

/** The preview: every error with its row and column, then the rows that would be imported. */
export async function ImportPreviewTables({ locale, rows, errors }: { locale: AppLocale; rows: StoredRow[]; errors: RowError[] }) {
  const t = await getTranslations({ locale, namespace: 'adminImport' });
  const ukDate = (iso: string) => iso.split('-').reverse().join('/');
  return (
    <>
      {errors.length > 0 && (
        <section className="mt-6">
          <h2 id="errors-heading" className="font-serif text-xl font-semibold">
            {t('errorsTitle')}
          </h2>
          <p className="mt-1 text-sm text-muted">{t('errorsHelp')}</p>
          {/* Phones get one card per problem; wider screens a table. */}
          <ul className="mt-3 space-y-2 sm:hidden">
            {errors.map((error, i) => (
              <li key={i} className="rounded-lg border border-line bg-white p-3 text-sm">
                <p className="font-medium">
                  {t('row')} {error.row} · <span className="font-mono">{t(`columnNames.${error.column}`)}</span>
                </p>
                <p className="mt-1">{t(`errorCodes.${error.code}`, { otherRow: error.otherRow ?? '' })}</p>
                {error.value && <p className="mt-1 font-mono text-muted [overflow-wrap:anywhere]">{error.value}</p>}
              </li>
            ))}
          </ul>
          <div
            role="region"
            aria-labelledby="errors-heading"
            tabIndex={0}
            className="mt-3 hidden overflow-x-auto rounded-lg border border-line bg-white sm:block"
          >
            <table className="w-full min-w-[36rem] text-sm">
              <thead className="border-b border-line bg-brand-soft">
                <tr>
                  <th scope="col" className={head}>
                    {t('row')}
                  </th>
                  <th scope="col" className={head}>
                    {t('column')}
                  </th>
                  <th scope="col" className={head}>
                    {t('problem')}
                  </th>
                  <th scope="col" className={head}>
                    {t('value')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {errors.map((error, i) => (
                  <tr key={i}>
                    <td className={`${cell} tabular-nums`}>{error.row}</td>
                    <td className={`${cell} font-mono`}>{t(`columnNames.${error.column}`)}</td>
                    <td className={cell}>{t(`errorCodes.${error.code}`, { otherRow: error.otherRow ?? '' })}</td>
                    <td className={`${cell} font-mono [overflow-wrap:anywhere]`}>{error.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {rows.length > 0 && (
        <section className="mt-8">
          <h2 id="rows-heading" className="font-serif text-xl font-semibold">
            {t('rowsTitle')}
          </h2>
          {rows.length > SHOWN_ROWS && (
            <p className="mt-1 text-sm text-muted">{t('rowsShown', { shown: SHOWN_ROWS, total: rows.length })}</p>
          )}
          <ul className="mt-3 divide-y divide-line rounded-lg border border-line bg-white sm:hidden">
            {rows.slice(0, SHOWN_ROWS).map((row) => (
              <li key={row.row} className="p-3 text-sm">
                <p className="flex justify-between gap-2">
                  <span className="font-medium [overflow-wrap:anywhere]">{row.email}</span>
                  <span className="shrink-0 text-muted">
                    {t('row')} {row.row}
                  </span>
                </p>
                <p className="mt-1">
                  {row.name} · {row.tierSlug}
                </p>
                <p className="mt-1 tabular-nums text-muted">
                  {ukDate(row.startDate)} – {ukDate(row.endDate)} · <span className="text-ink">{t(`outcomes.${row.outcome}`)}</span>
                </p>
              </li>
            ))}
          </ul>
          <div
            role="region"
            aria-labelledby="rows-heading"
            tabIndex={0}
            className="mt-3 hidden overflow-x-auto rounded-lg border border-line bg-white sm:block"
          >
            <table className="w-full min-w-[40rem] text-sm">
              <thead className="border-b border-line bg-paper">
                <tr>
                  <th scope="col" className={head}>
                    {t('row')}
                  </th>
                  <th scope="col" className={head}>
                    {t('email')}
                  </th>
                  <th scope="col" className={head}>
                    {t('name')}
                  </th>
                  <th scope="col" className={head}>
                    {t('tier')}
                  </th>
                  <th scope="col" className={head}>
                    {t('period')}
                  </th>
                  <th scope="col" className={head}>
                    {t('outcome')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {rows.slice(0, SHOWN_ROWS).map((row) => (
                  <tr key={row.row}>
                    <td className={`${cell} tabular-nums`}>{row.row}</td>
                    <td className={`${cell} [overflow-wrap:anywhere]`}>{row.email}</td>
                    <td className={cell}>{row.name}</td>
                    <td className={cell}>{row.tierSlug}</td>
                    <td className={`${cell} whitespace-nowrap tabular-nums`}>
                      {ukDate(row.startDate)} – {ukDate(row.endDate)}
                    </td>
                    <td className={cell}>{t(`outcomes.${row.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
