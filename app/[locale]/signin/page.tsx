import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import { getPathname } from '@/lib/i18n/navigation';
import { localeAlternates } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export async function generateMetadata({ params }: PageProps<'/[locale]/signin'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'signin' });
  return { title: t('title'), alternates: localeAlternates(locale, '/signin'), robots: { index: false } };
}

export default async function SignInPage({ params, searchParams }: PageProps<'/[locale]/signin'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { callbackUrl } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'signin' });
  const returnTo = safeCallbackPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, getPathname({ href: '/account', locale }));
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-muted">{t('intro')}</p>
      <ClientMessages namespaces={['signin']}>
        <SignInForm locale={locale} callbackUrl={returnTo} />
      </ClientMessages>
    </div>
  );
}
