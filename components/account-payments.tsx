import { getTranslations } from 'next-intl/server';
import { cancelGiftAidDeclaration, confirmGuestGiftAction } from '@/app/[locale]/account/actions';
import type { GuestGift } from '@/db/queries/donations';
import type { GiftAidDeclaration, Payment } from '@/db/schema';
import { formatLongDate, formatPence } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { failureReasonKey } from '@/lib/payments/failure-reasons';
import { paymentNotices } from '@/lib/payments/notices';
import { buttonClass } from '@/components/ui/styles';

const shortDate = (locale: AppLocale, date: Date) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(date);

export async function ReceiptList({ locale, payments }: { locale: AppLocale; payments: Payment[] }) {
  const t = await getTranslations({ locale, namespace: 'receipts' });
  if (!payments.length) return <p className="mt-2 text-muted">{t('none')}</p>;
  return (
    <ul className="mt-3 divide-y divide-line">
      {payments.map((p) => (
        <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
          <span>
            {shortDate(locale, p.paidAt ?? p.createdAt)} · {p.kind === 'membership' ? t('membershipShort') : t('donation')} ·{' '}
            <strong>{formatPence(p.amountPence, locale)}</strong> · {t(`statuses.${p.status}`)}
          </span>
          <Link href={`/account/receipts/${p.id}`} className="text-brand underline underline-offset-2">
            {t('view')}
            <span className="sr-only"> {p.id.slice(0, 8).toUpperCase()}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export async function GiftAidList({ locale, declarations }: { locale: AppLocale; declarations: GiftAidDeclaration[] }) {
  const t = await getTranslations({ locale, namespace: 'account' });
  const g = await getTranslations({ locale, namespace: 'giftAid' });
  if (!declarations.length) return <p className="mt-2 text-muted">{t('giftAidNone')}</p>;
  return (
    <ul className="mt-3 space-y-3">
      {declarations.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center justify-between gap-3">
          <span>
            {d.cancelledAt
              ? t('giftAidCancelled', { date: shortDate(locale, d.declaredAt), cancelled: shortDate(locale, d.cancelledAt) })
              : t('giftAidActive', { date: shortDate(locale, d.declaredAt), scope: g(`scopes.${d.scope}`) })}
          </span>
          {!d.cancelledAt && (
            <form action={cancelGiftAidDeclaration}>
              <input type="hidden" name="locale" value={locale} />
              <input type="hidden" name="declarationId" value={d.id} />
              <button type="submit" className="rounded-md border border-line px-3 py-1.5 text-sm text-brand-dark hover:bg-brand-soft">
                {t('giftAidCancel')}
              </button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The payer's Stripe payments that are not done yet, and what to do (lib/payments/notices.ts). */
export async function PaymentNotices({ locale, payments }: { locale: AppLocale; payments: Payment[] }) {
  const notices = paymentNotices(payments);
  if (!notices.length) return null;
  const t = await getTranslations({ locale, namespace: 'account' });
  const reasons = await getTranslations({ locale, namespace: 'paymentFailures' });
  return (
    <ul className="mt-3 space-y-2">
      {notices.map((notice) => {
        const amount = formatPence(notice.amountPence, locale);
        return (
          <li key={notice.paymentId} className="rounded-md border border-brand/40 bg-white px-3 py-2">
            {notice.kind === 'confirm' ? (
              <>
                <p>{t('confirmNeeded', { amount })}</p>
                <a href={notice.url} className={buttonClass({ size: 'md', className: 'mt-2 inline-block' })}>
                  {t('confirmButton')}
                </a>
              </>
            ) : notice.kind === 'processing' ? (
              <p>{t('processing', { amount })}</p>
            ) : (
              <p>
                {t('failedRetry', {
                  amount,
                  reason: reasons(failureReasonKey(notice.failureCode)),
                  date: formatLongDate(notice.nextAttemptAt, locale),
                })}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Gifts made under the person's address without signing in, each to confirm as theirs (or leave). */
export async function GuestGiftList({ locale, email, gifts }: { locale: AppLocale; email: string; gifts: GuestGift[] }) {
  const t = await getTranslations({ locale, namespace: 'account' });
  const g = await getTranslations({ locale, namespace: 'giftAid' });
  return (
    <>
      <p className="mt-1 text-sm text-muted">{t('guestGiftsIntro', { email })}</p>
      <ul className="mt-3 space-y-4">
        {gifts.map((gift) => {
          const d = gift.declaration;
          const name = d ? [d.title, d.firstName, d.lastName].filter(Boolean).join(' ') : '';
          const amount = formatPence(gift.amountPence, locale);
          const date = shortDate(locale, gift.firstPaidAt);
          return (
            <li key={gift.donationId} className="rounded-md border border-line p-3">
              <p className="font-medium">{t(gift.frequency === 'monthly' ? 'guestGiftMonthly' : 'guestGift', { amount, date })}</p>
              {d && (
                <p className="mt-1 text-sm">
                  {d.cancelledAt
                    ? t('guestGiftDeclarationCancelled', { name, cancelled: shortDate(locale, d.cancelledAt) })
                    : t('guestGiftDeclaration', { name, house: d.houseNameOrNumber, postcode: d.postcode, scope: g(`scopes.${d.scope}`) })}
                </p>
              )}
              <form action={confirmGuestGiftAction} className="mt-2">
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="donationId" value={gift.donationId} />
                <button
                  type="submit"
                  className="rounded-md border border-brand px-3 py-1.5 text-sm font-medium text-brand-dark hover:bg-brand-soft"
                >
                  {t('guestGiftConfirm')}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </>
  );
}
