import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import type { ClaimSummary } from '@/db/queries/gift-aid-claims';
import { giftAidDue } from '@/lib/gift-aid/eligibility';
import { scheduleDate } from '@/lib/gift-aid/hmrc-schedule';
import { rowsRange } from '@/lib/gift-aid/schedule-ods';
import { buttonClass } from '@/components/ui/styles';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { money, shortDate, shortDay } from './format';
import { MarkSubmittedForm } from './mark-submitted-form';

/**
 * Past claims as cards (readable at 360 px): totals, status, the rows to paste into HMRC's
 * schedule with the exact steps for this claim, and "submitted to HMRC".
 */
export async function ClaimsList({
  locale,
  claims,
  olderHref,
  newestHref,
  range,
}: {
  locale: AppLocale;
  claims: ClaimSummary[];
  olderHref: string | null;
  newestHref: string | null;
  range?: { from: string; to: string };
}) {
  const t = await getTranslations({ locale, namespace: 'adminGiftAid.claims' });
  const base = getPathname({ href: '/admin/gift-aid', locale });
  return (
    <section aria-labelledby="ga-claims-heading" className="mt-12">
      <h2 id="ga-claims-heading" className="font-serif text-2xl font-semibold">
        {t('heading')}
      </h2>
      {claims.length === 0 ? (
        <p className="mt-2 text-muted">{t('none')}</p>
      ) : (
        <ul className="mt-4 grid gap-4 md:grid-cols-2">
          {claims.map((claim) => {
            const period = t('period', { from: shortDay(claim.periodFrom, locale), to: shortDay(claim.periodTo, locale) });
            return (
              <li key={claim.id} className="rounded-lg border border-line bg-white p-4" aria-labelledby={`ga-claim-${claim.id}-title`}>
                <h3 id={`ga-claim-${claim.id}-title`} className="font-semibold">
                  {period}
                </h3>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-muted">{t('created')}</dt>
                  <dd>
                    {claim.createdBy
                      ? t('createdBy', { date: shortDate(claim.createdAt, locale), name: claim.createdBy })
                      : shortDate(claim.createdAt, locale)}
                  </dd>
                  <dt className="text-muted">{t('payments')}</dt>
                  <dd>{claim.payments}</dd>
                  <dt className="text-muted">{t('donations')}</dt>
                  <dd className="tabular-nums">{money(claim.totalPence, locale)}</dd>
                  <dt className="text-muted">{t('due')}</dt>
                  <dd className="tabular-nums">{money(giftAidDue(claim.totalPence), locale)}</dd>
                  <dt className="text-muted">{t('status')}</dt>
                  <dd className={claim.claimedAt ? 'font-medium text-accent' : 'font-medium'}>
                    {claim.claimedAt ? t('statusSubmitted', { date: shortDate(claim.claimedAt, locale) }) : t('statusCreated')}
                  </dd>
                </dl>
                <a
                  href={`${base}/claims/${claim.id}/schedule`}
                  download
                  className="mt-3 inline-block font-medium text-brand underline underline-offset-2"
                >
                  {t('download')}
                  <span className="sr-only">
                    {' '}
                    {t('downloadFor', { from: shortDay(claim.periodFrom, locale), to: shortDay(claim.periodTo, locale) })}
                  </span>
                </a>
                <details className="mt-3 text-sm" open={!claim.claimedAt}>
                  <summary className="cursor-pointer font-medium">{t('steps.summary')}</summary>
                  <p className="mt-2 rounded-md bg-paper p-2">{t('steps.notAttachable')}</p>
                  <ol className="mt-2 list-decimal space-y-1 pl-5">
                    <li>{t('steps.one')}</li>
                    <li>{t('steps.two')}</li>
                    <li>{t('steps.three', { range: rowsRange(claim.payments), count: claim.payments })}</li>
                    <li>{t('steps.four')}</li>
                    <li>
                      {t('steps.five', {
                        total: money(claim.totalPence, locale),
                        earliest: claim.earliestPaidAt ? scheduleDate(claim.earliestPaidAt) : '—',
                      })}
                    </li>
                    <li>{t('steps.six')}</li>
                    <li>{t('steps.seven')}</li>
                  </ol>
                </details>
                {!claim.claimedAt && (
                  <ClientMessages namespaces={['adminGiftAid']}>
                    <MarkSubmittedForm locale={locale} claimId={claim.id} from={range?.from} to={range?.to} />
                  </ClientMessages>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {(olderHref || newestHref) && (
        <nav aria-label={t('heading')} className="mt-4 flex flex-wrap justify-between gap-3">
          {newestHref ? (
            <a href={newestHref} className={buttonClass({ variant: 'quiet', size: 'md' })}>
              ← {t('newest')}
            </a>
          ) : (
            <span />
          )}
          {olderHref && (
            <a href={olderHref} className={buttonClass({ variant: 'quiet', size: 'md' })}>
              {t('older')} →
            </a>
          )}
        </nav>
      )}
    </section>
  );
}
