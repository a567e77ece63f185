import { getTranslations } from 'next-intl/server';
import type { PaymentAuditEntry } from '@/db/queries/admin-payments';
import { formatLongDate, formatPence } from '@/lib/format';
import { knownText } from '@/lib/i18n/known-text';
import type { AppLocale } from '@/lib/i18n/routing';

const time = (date: Date, locale: AppLocale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { timeStyle: 'short', timeZone: 'Europe/London' }).format(date);

type Snapshot = { amountPence?: number; paidAt?: string | null; method?: string; reference?: string | null };

/** What happened to the payment, oldest first, with who did it; corrections show before → after. */
export async function AuditTrail({ locale, entries }: { locale: AppLocale; entries: PaymentAuditEntry[] }) {
  const t = await getTranslations({ locale, namespace: 'adminPayments' });
  if (entries.length === 0) return <p className="mt-2 text-muted">{t('audit.none')}</p>;
  const describe = (s: Snapshot) =>
    [
      s.amountPence === undefined ? null : formatPence(s.amountPence, locale),
      s.paidAt ? formatLongDate(new Date(s.paidAt), locale) : null,
      s.method ? t(`methods.${s.method as 'cash'}`) : null,
      s.reference,
    ]
      .filter(Boolean)
      .join(', ');
  return (
    <ol className="mt-3 divide-y divide-line rounded-lg border border-line bg-white">
      {entries.map((entry) => {
        const key = entry.action.replace(/^payment\./, '');
        const data = entry.data as { amountPence?: number; reason?: string; message?: string; before?: Snapshot; after?: Snapshot };
        const detail =
          data.before && data.after
            ? `${describe(data.before)} → ${describe(data.after)}`
            : [data.amountPence === undefined ? null : formatPence(data.amountPence, locale), data.reason, data.message]
                .filter(Boolean)
                .join(' · ');
        return (
          <li key={entry.id} className="grid gap-1 p-3 sm:grid-cols-[12rem_1fr]">
            <span className="text-sm text-muted">
              {formatLongDate(entry.createdAt, locale)} {time(entry.createdAt, locale)}
            </span>
            <span>
              <span className="font-medium">{knownText(t, `audit.actions.${key}`, entry.action)}</span>
              <span className="text-muted"> · {entry.actorEmail ?? t('audit.system')}</span>
              {detail && <span className="block text-sm">{detail}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
