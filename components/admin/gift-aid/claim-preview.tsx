import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import type { ClaimPreview, ClaimPreviewRow, ExcludedRow } from '@/lib/gift-aid/claims/preview-claim';
import { schedulePostcode } from '@/lib/gift-aid/hmrc-schedule';
import { giftAidDue } from '@/lib/gift-aid/eligibility';
import { MAX_SCHEDULE_ROWS } from '@/lib/gift-aid/hmrc-schedule';
import type { ClaimRange } from '@/lib/gift-aid/claim-range';
import type { AppLocale } from '@/lib/i18n/routing';
import { CreateClaimForm } from './create-claim-form';
import { money, shortDate, shortDay } from './format';

const th = 'whitespace-nowrap px-3 py-2 text-left font-medium';
const td = 'px-3 py-2 align-top';

function donorOf(row: ClaimPreviewRow, unknown: string): string {
  const d = row.declaration;
  const declared = d ? [d.title, d.firstName, d.lastName].filter((part) => part && part.trim()).join(' ') : '';
  return declared || row.donorName || row.email || unknown;
}

/** A table from 640 px up (scrolling sideways if it must; focusable so keyboards can scroll it). */
function ScrollTable({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="mt-3 hidden overflow-x-auto rounded-lg border border-line bg-white focus-visible:outline-2 focus-visible:outline-brand sm:block"
    >
      <table className="w-full min-w-[40rem] border-collapse text-sm">{children}</table>
    </div>
  );
}

/** On phones the same rows as cards, every value with its label. */
function PaymentCards({ label, rows }: { label: string; rows: { id: string; title: string; facts: [string, string][] }[] }) {
  return (
    <ul aria-label={label} className="mt-3 space-y-3 sm:hidden">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-line bg-white p-3">
          <p className="font-medium">{row.title}</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
            {row.facts.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-muted">{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The period's payments: what can be claimed (with totals and the claim form) and what cannot, and why. */
export async function ClaimPreviewSection({ locale, range, preview }: { locale: AppLocale; range: ClaimRange; preview: ClaimPreview }) {
  const t = await getTranslations({ locale, namespace: 'adminGiftAid' });
  const due = giftAidDue(preview.totalPence);
  const reasonOf = (row: ExcludedRow) =>
    row.reason === 'alreadyClaimed' && row.claim
      ? t('reasons.alreadyClaimed', { from: shortDay(row.claim.periodFrom, locale), to: shortDay(row.claim.periodTo, locale) })
      : t(`reasons.${row.reason}`, { from: '', to: '' });
  return (
    <section aria-labelledby="ga-period-heading" className="mt-8">
      <h2 id="ga-period-heading" className="font-serif text-2xl font-semibold">
        {t('summary.heading', { from: shortDay(range.from, locale), to: shortDay(range.to, locale) })}
      </h2>
      <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [t('summary.eligible'), t('summary.eligibleCount', { count: preview.eligible.length })],
          [t('summary.donations'), money(preview.totalPence, locale)],
          [t('summary.due'), money(due, locale)],
          [t('summary.excluded'), t('summary.eligibleCount', { count: preview.excluded.length })],
        ].map(([term, value]) => (
          <div key={term} className="rounded-lg border border-line bg-white p-3">
            <dt className="text-sm text-muted">{term}</dt>
            <dd className="mt-1 text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {preview.withoutGiftAid.count > 0 && (
        <p className="mt-3 text-sm text-muted">
          {t('summary.withoutGiftAid', { count: preview.withoutGiftAid.count, total: money(preview.withoutGiftAid.totalPence, locale) })}
        </p>
      )}

      <h3 id="ga-eligible-heading" className="mt-8 font-serif text-xl font-semibold">
        {t('eligible.heading')}
      </h3>
      {preview.eligible.length === 0 ? (
        <p className="mt-2 text-muted">{t('eligible.none')}</p>
      ) : (
        <ScrollTable label={t('eligible.tableLabel')}>
          <thead className="border-b border-line bg-paper">
            <tr>
              <th scope="col" className={th}>
                {t('columns.date')}
              </th>
              <th scope="col" className={th}>
                {t('columns.donor')}
              </th>
              <th scope="col" className={th}>
                {t('columns.house')}
              </th>
              <th scope="col" className={th}>
                {t('columns.postcode')}
              </th>
              <th scope="col" className={th}>
                {t('columns.kind')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('columns.amount')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('columns.due')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {preview.eligible.map((row) => (
              <tr key={row.id}>
                <td className={`${td} whitespace-nowrap`}>{shortDate(row.paidAt, locale)}</td>
                <td className={td}>{donorOf(row, t('unknownDonor'))}</td>
                <td className={td}>{row.declaration.houseNameOrNumber}</td>
                <td className={`${td} whitespace-nowrap`}>{schedulePostcode(row.declaration.postcode)}</td>
                <td className={td}>{t(`kinds.${row.kind}`)}</td>
                <td className={`${td} text-right tabular-nums`}>{money(row.amountPence, locale)}</td>
                <td className={`${td} text-right tabular-nums`}>{money(giftAidDue(row.amountPence), locale)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {preview.eligible.length > 0 && (
        <PaymentCards
          label={t('eligible.heading')}
          rows={preview.eligible.map((row) => ({
            id: row.id,
            title: donorOf(row, t('unknownDonor')),
            facts: [
              [t('columns.date'), shortDate(row.paidAt, locale)],
              [t('columns.house'), `${row.declaration.houseNameOrNumber}, ${schedulePostcode(row.declaration.postcode)}`],
              [t('columns.kind'), t(`kinds.${row.kind}`)],
              [t('columns.amount'), money(row.amountPence, locale)],
              [t('columns.due'), money(giftAidDue(row.amountPence), locale)],
            ],
          }))}
        />
      )}
      {preview.eligible.length > 0 && (
        <ClientMessages namespaces={['adminGiftAid']}>
          {preview.eligible.length > MAX_SCHEDULE_ROWS ? (
            <p role="alert" className="mt-4 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
              {t('create.errors.tooMany')}
            </p>
          ) : (
            <CreateClaimForm
              locale={locale}
              from={range.from}
              to={range.to}
              fingerprint={preview.fingerprint}
              count={preview.eligible.length}
              total={money(preview.totalPence, locale)}
            />
          )}
        </ClientMessages>
      )}

      <h3 className="mt-10 font-serif text-xl font-semibold">{t('excluded.heading')}</h3>
      {preview.excluded.length > 0 && (
        <PaymentCards
          label={t('excluded.heading')}
          rows={preview.excluded.map((row) => ({
            id: row.id,
            title: donorOf(row, t('unknownDonor')),
            facts: [
              [t('columns.reason'), reasonOf(row)],
              [t('columns.date'), shortDate(row.paidAt, locale)],
              [t('columns.kind'), t(`kinds.${row.kind}`)],
              [t('columns.amount'), money(row.amountPence, locale)],
            ],
          }))}
        />
      )}
      {preview.excluded.length === 0 ? (
        <p className="mt-2 text-muted">{t('excluded.none')}</p>
      ) : (
        <ScrollTable label={t('excluded.tableLabel')}>
          <thead className="border-b border-line bg-paper">
            <tr>
              <th scope="col" className={th}>
                {t('columns.date')}
              </th>
              <th scope="col" className={th}>
                {t('columns.donor')}
              </th>
              <th scope="col" className={th}>
                {t('columns.kind')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('columns.amount')}
              </th>
              <th scope="col" className={th}>
                {t('columns.reason')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {preview.excluded.map((row) => (
              <tr key={row.id}>
                <td className={`${td} whitespace-nowrap`}>{shortDate(row.paidAt, locale)}</td>
                <td className={td}>{donorOf(row, t('unknownDonor'))}</td>
                <td className={td}>{t(`kinds.${row.kind}`)}</td>
                <td className={`${td} text-right tabular-nums`}>{money(row.amountPence, locale)}</td>
                <td className={td}>{reasonOf(row)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
