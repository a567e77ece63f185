import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AuditTrail } from '@/components/admin/payments/audit-trail';
import { CorrectionForm } from '@/components/admin/payments/correction-form';
import { DisputeList } from '@/components/admin/payments/dispute-list';
import { PaymentStatus } from '@/components/admin/payments/payment-status';
import { RefundForm } from '@/components/admin/payments/refund-form';
import { RefundList } from '@/components/admin/payments/refund-list';
import { ClientMessages } from '@/components/client-messages';
import { findPaymentForStaff, listPaymentAudit } from '@/db/queries/admin-payments';
import { listDisputesOfPayment } from '@/db/queries/disputes';
import { claimSubmittedAt } from '@/db/queries/gift-aid-claims';
import { listRefundsOfPayment } from '@/db/queries/refunds';
import { requireRole } from '@/lib/auth/guards';
import { giftAidStatus } from '@/lib/gift-aid/status';
import { formatLongDate, formatPence } from '@/lib/format';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { worstDisputeOutcome } from '@/lib/payments/dispute-status';
import { failureReasonKey } from '@/lib/payments/failure-reasons';
import { isStripeMethod, offlinePaymentMethods } from '@/lib/payments/methods';

export const generateMetadata = titledMetadata('adminPayments', 'title', { private: true });

const DONE = ['refunded', 'refundedMembershipKept', 'corrected'] as const;

/** Staff: one payment, who and what, its Stripe ids, refunds, audit trail; refund and correct. */
export default async function AdminPaymentPage({ params, searchParams }: PageProps<'/[locale]/admin/payments/[id]'>) {
  const { locale: rawLocale, id } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments', locale }), locale });
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) notFound();
  const row = await findPaymentForStaff(id);
  if (!row) notFound();
  const { payment } = row;
  const [t, failures, refunds, audit, submittedAt, disputes] = await Promise.all([
    getTranslations({ locale, namespace: 'adminPayments' }),
    getTranslations({ locale, namespace: 'paymentFailures' }),
    listRefundsOfPayment(id),
    listPaymentAudit(id),
    claimSubmittedAt(payment.giftAidClaimId),
    listDisputesOfPayment(id),
  ]);
  const requested = (await searchParams).done;
  const done = DONE.find((d) => d === requested);
  const pendingPence = refunds.filter((r) => r.status === 'pending').reduce((sum, r) => sum + r.amountPence, 0);
  const leftPence = Math.max(payment.amountPence - payment.refundedPence - pendingPence, 0);
  const refundable = payment.status === 'paid' || payment.status === 'partially_refunded';
  // Paid through Stripe (card or Bacs Direct Debit): refunds and states come from Stripe.
  const byCard = isStripeMethod(payment.method);
  const tier = locale === 'es' ? row.tierNameEs : row.tierNameEn;
  const what =
    payment.kind === 'membership'
      ? tier
        ? t('detail.membership', { tier })
        : t('detail.membershipNoTier')
      : row.donationFrequency === 'monthly'
        ? t('detail.donationMonthly')
        : t('detail.donationOnce');
  const none = <span className="text-muted">{t('detail.none')}</span>;
  const facts: [string, React.ReactNode][] = [
    [
      t('detail.who'),
      <>
        {row.payerName && <span className="block">{row.payerName}</span>}
        <span className="break-all">{row.payerEmail ?? payment.email ?? t('table.deleted')}</span>
        {payment.userId && row.payerEmail && (
          <Link href={`/admin/members/${payment.userId}`} className="mt-1 block text-brand underline underline-offset-2">
            {t('detail.memberRecord')}
          </Link>
        )}
      </>,
    ],
    [t('detail.what'), what],
    [t('detail.amount'), formatPence(payment.amountPence, locale)],
    [t('detail.refunded'), formatPence(payment.refundedPence, locale)],
    [
      t('detail.status'),
      <>
        <PaymentStatus key="s" status={payment.status} label={t(`statuses.${payment.status}`)} />
        {payment.status === 'pending' && byCard && (
          <span className="mt-1 block text-sm">{payment.confirmUrl ? t('detail.awaitingConfirmation') : t('detail.processing')}</span>
        )}
      </>,
    ],
    [t('detail.method'), t(`methods.${payment.method}`)],
    [t('detail.paidAt'), payment.paidAt ? formatLongDate(payment.paidAt, locale) : none],
    [t('detail.createdAt'), formatLongDate(payment.createdAt, locale)],
    [
      t('detail.giftAid'),
      t(
        `detail.giftAidStatuses.${giftAidStatus({ ...payment, dispute: worstDisputeOutcome(disputes.map((d) => d.status)) }, submittedAt)}`,
      ),
    ],
  ];
  if (payment.status === 'failed') facts.push([t('detail.failure'), failures(failureReasonKey(payment.failureCode))]);
  if (payment.status === 'failed' && payment.nextAttemptAt)
    facts.push([t('detail.nextAttempt'), formatLongDate(payment.nextAttemptAt, locale)]);
  if (!byCard) facts.push([t('detail.reference'), payment.offlineReference ?? none], [t('detail.recordedBy'), row.recordedBy ?? none]);
  if (row.membershipStatus) facts.push([t('detail.membershipStatus'), t(`membershipStatuses.${row.membershipStatus}`)]);
  const stripeIds: [string, string | null][] = [
    [t('detail.paymentIntent'), payment.stripePaymentIntentId],
    [t('detail.invoice'), payment.stripeInvoiceId],
    [t('detail.checkoutSession'), payment.stripeCheckoutSessionId],
    [t('detail.subscription'), row.stripeSubscriptionId],
  ];
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/payments" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-4 font-serif text-3xl font-semibold">{t('detail.title', { number: payment.id.slice(0, 8).toUpperCase() })}</h1>
      {done && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t(`done.${done}`)}
        </p>
      )}

      <dl className="mt-6 grid gap-x-6 gap-y-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-[12rem_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm font-medium text-muted">{label}</dt>
            <dd className="-mt-2 sm:mt-0">{value}</dd>
          </div>
        ))}
      </dl>

      {byCard && (
        <section aria-labelledby="stripe-heading" className="mt-8">
          <h2 id="stripe-heading" className="font-serif text-2xl font-semibold">
            {t('detail.stripe')}
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-[12rem_1fr]">
            {stripeIds.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-sm font-medium text-muted">{label}</dt>
                <dd className="-mt-2 break-all font-mono text-sm sm:mt-0">{value ?? none}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {(disputes.length > 0 || byCard) && (
        <section aria-labelledby="disputes-heading" className="mt-8">
          <h2 id="disputes-heading" className="font-serif text-2xl font-semibold">
            {t('disputes.title')}
          </h2>
          <DisputeList
            locale={locale}
            disputes={disputes}
            payment={payment}
            claim={
              payment.giftAidClaimId && row.claimPeriodFrom && row.claimPeriodTo
                ? { id: payment.giftAidClaimId, periodFrom: row.claimPeriodFrom, periodTo: row.claimPeriodTo }
                : null
            }
          />
        </section>
      )}

      <section aria-labelledby="refunds-heading" className="mt-8">
        <h2 id="refunds-heading" className="font-serif text-2xl font-semibold">
          {t('refunds.title')}
        </h2>
        <RefundList locale={locale} refunds={refunds} audit={audit} />
      </section>

      <section aria-labelledby="refund-heading" className="mt-8 rounded-lg border border-line bg-white p-4">
        <h2 id="refund-heading" className="font-serif text-2xl font-semibold">
          {t('refund.title')}
        </h2>
        {!refundable ? (
          <p className="mt-2 text-muted">{payment.status === 'refunded' ? t('refund.nothingLeft') : t('refund.notRefundable')}</p>
        ) : leftPence === 0 ? (
          <p className="mt-2 text-muted">{t('refund.nothingLeft')}</p>
        ) : (
          <>
            <p className="mt-2 text-muted">{byCard ? t('refund.cardIntro') : t('refund.offlineIntro')}</p>
            <ClientMessages namespaces={['adminPayments']}>
              <RefundForm
                locale={locale}
                paymentId={payment.id}
                leftPounds={(leftPence / 100).toFixed(2)}
                leftLabel={formatPence(leftPence, locale)}
                byCard={byCard}
                membership={Boolean(
                  payment.membershipId && row.membershipStatus && ['pending', 'active', 'past_due'].includes(row.membershipStatus),
                )}
              />
            </ClientMessages>
          </>
        )}
      </section>

      <section aria-labelledby="correct-heading" className="mt-8 rounded-lg border border-line bg-white p-4">
        <h2 id="correct-heading" className="font-serif text-2xl font-semibold">
          {t('correct.title')}
        </h2>
        {byCard ? (
          <p className="mt-2 text-muted">{t('correct.cardOnly')}</p>
        ) : (
          <>
            <p className="mt-2 text-muted">{t('correct.intro')}</p>
            <ClientMessages namespaces={['adminPayments']}>
              <CorrectionForm
                locale={locale}
                paymentId={payment.id}
                today={today}
                methods={offlinePaymentMethods}
                initial={{
                  amount: (payment.amountPence / 100).toFixed(2),
                  paidOn: (payment.paidAt ?? payment.createdAt).toISOString().slice(0, 10),
                  method: payment.method,
                  reference: payment.offlineReference ?? '',
                }}
              />
            </ClientMessages>
          </>
        )}
      </section>

      <section aria-labelledby="audit-heading" className="mt-8">
        <h2 id="audit-heading" className="font-serif text-2xl font-semibold">
          {t('audit.title')}
        </h2>
        <AuditTrail locale={locale} entries={audit} />
      </section>
    </div>
  );
}
