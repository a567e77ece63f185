import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { SignInForm } from '@/components/sign-in-form';
import { asLocale } from '@/lib/i18n/params';

export async function generateMetadata({ params }: PageProps<'/[locale]/signin/link-invalid'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'signin' });
  return { title: t('invalidTitle'), robots: { index: false } };
}

// Reached from an expired or already used link (and from Auth.js's own error redirect).
export default async function LinkInvalidPage({ params, searchParams }: PageProps<'/[locale]/signin/link-invalid'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { reason, email } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'signin' });
  const address = typeof email === 'string' ? email.slice(0, 320) : '';
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('invalidTitle')}</h1>
      <p className="mt-4">{reason === 'expired' ? t('invalidExpired') : t('invalidUsed')}</p>
      <ClientMessages namespaces={['signin']}>
        <SignInForm locale={locale} email={address} submitLabel={t('sendNew')} />
      </ClientMessages>
    </div>
  );
}
