import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { DonateForm } from '@/components/donate-form';
import { currentUser } from '@/lib/auth/guards';
import { formatPence } from '@/lib/format';
import { getPathname } from '@/lib/i18n/navigation';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { paymentsEnabled } from '@/lib/payments/stripe';
import { PRESET_AMOUNTS_PENCE } from '@/lib/payments/validation';

export async function generateMetadata({ params }: PageProps<'/[locale]/donate'>) {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'donate' });
  return { ...(await titleMetadata(locale, t('title'))), alternates: localeAlternates(locale, '/donate') };
}

// Per request: a signed-in donor's email is filled in for them.
export default async function DonatePage({ params, searchParams }: PageProps<'/[locale]/donate'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const [t, user, { checkout }] = await Promise.all([getTranslations({ locale, namespace: 'donate' }), currentUser(), searchParams]);
  const presets = PRESET_AMOUNTS_PENCE.map((p) => ({ value: String(p / 100), label: formatPence(p, locale) }));
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      {checkout === 'cancelled' && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('cancelled')}
        </p>
      )}
      {paymentsEnabled() ? (
        <ClientMessages namespaces={['donate', 'giftAid', 'join']}>
          <DonateForm
            locale={locale}
            permalink={getPathname({ href: '/donate', locale })}
            email={user?.email ?? ''}
            signedIn={Boolean(user)}
            presets={presets}
          />
        </ClientMessages>
      ) : (
        <p role="status" className="mt-6 rounded-lg border border-accent/40 bg-white p-4">
          {t('closed')}
        </p>
      )}
    </div>
  );
}
