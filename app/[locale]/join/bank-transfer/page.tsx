import { redirect } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { findLatestMembership, paymentReference } from '@/db/queries/memberships';
import { findTier } from '@/db/queries/payments';
import { requireUser } from '@/lib/auth/guards';
import { formatPence } from '@/lib/format';
import { Link, getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { getBankDetails } from '@/lib/payments/bank-details';

export const generateMetadata = titledMetadata('join', 'bankTitle', { private: true });

/** Shown to a member who chose to pay by bank transfer: our details and their reference. */
export default async function BankTransferPage({ params }: PageProps<'/[locale]/join/bank-transfer'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireUser({ returnTo: getPathname({ href: '/join/bank-transfer', locale }), locale });
  const membership = await findLatestMembership(user.id);
  if (!membership || membership.status !== 'pending' || membership.source !== 'offline')
    redirect(getPathname({ href: '/account', locale }));
  const [tier, bank] = await Promise.all([findTier(membership.tierId), getBankDetails()]);
  const t = await getTranslations({ locale, namespace: 'join' });
  const reference = paymentReference(membership.id);
  const price = formatPence(tier?.annualPricePence ?? 0, locale);
  if (!bank) {
    // Only reachable if a transfer was chosen before the details were withdrawn: never show a placeholder.
    return (
      <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
        <h1 className="font-serif text-3xl font-semibold">{t('bankTitle')}</h1>
        <p className="mt-4">{t('bankMissing')}</p>
        <Link href={`/join/${tier?.slug ?? ''}`} className="mt-6 inline-block text-brand underline underline-offset-2">
          {t('joinByCard')}
        </Link>
      </div>
    );
  }
  // Staff write this note in both languages in admin settings; it may be empty.
  const hint = locale === 'es' ? bank.referenceHintEs : bank.referenceHintEn;
  const rows: [string, string][] = [
    [t('accountName'), bank.accountName],
    [t('sortCode'), bank.sortCode],
    [t('accountNumber'), bank.accountNumber],
    [t('bank'), bank.bank],
    [t('reference'), reference],
  ];
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('bankTitle')}</h1>
      <p className="mt-4">{t('bankIntro', { price })}</p>
      <section aria-labelledby="bank-heading" className="mt-6 rounded-lg border border-line bg-white p-5">
        <h2 id="bank-heading" className="font-serif text-xl font-semibold">
          {t('bankDetails')}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="font-mono">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <p className="mt-4 font-medium">{t('bankReference', { reference })}</p>
      {hint && <p className="mt-2">{hint}</p>}
      <Link href="/account" className="mt-6 inline-block text-brand underline underline-offset-2">
        {t('toAccount')}
      </Link>
    </div>
  );
}
