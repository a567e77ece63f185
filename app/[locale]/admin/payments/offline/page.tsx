import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { OfflinePaymentForm } from '@/components/offline-payment-form';
import { listActiveTiers } from '@/db/queries/tiers';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { offlinePaymentMethods } from '@/lib/payments/methods';

export const generateMetadata = titledMetadata('offline', 'title', { private: true });

/** Staff: record a bank transfer, cheque, standing order or cash payment for a member. */
export default async function OfflinePaymentPage({ params }: PageProps<'/[locale]/admin/payments/offline'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/payments/offline', locale }), locale });
  const [t, tPayments, tiers] = await Promise.all([
    getTranslations({ locale, namespace: 'offline' }),
    getTranslations({ locale, namespace: 'adminPayments' }),
    listActiveTiers(locale),
  ]);
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/payments" className="text-sm text-brand underline underline-offset-2">
          ← {tPayments('back')}
        </Link>
      </p>
      <h1 className="mt-4 font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      <ClientMessages namespaces={['offline']}>
        <OfflinePaymentForm
          locale={locale}
          tiers={tiers.map((x) => ({ slug: x.slug, name: x.name }))}
          today={new Date().toISOString().slice(0, 10)}
          methods={offlinePaymentMethods}
        />
      </ClientMessages>
    </div>
  );
}
