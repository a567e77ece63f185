import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { MAGIC_LINK_MINUTES } from '@/lib/auth/magic-link';
import { asLocale } from '@/lib/i18n/params';

export async function generateMetadata({ params }: PageProps<'/[locale]/signin/check-email'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'signin' });
  return { title: t('checkTitle'), robots: { index: false } };
}

export default async function CheckEmailPage({ params, searchParams }: PageProps<'/[locale]/signin/check-email'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { email } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'signin' });
  const address = typeof email === 'string' ? email.slice(0, 320) : '';
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('checkTitle')}</h1>
      <p role="status" className="mt-4 text-lg">
        {address ? t('checkText', { email: address }) : t('checkTextNoEmail')}
      </p>
      <p className="mt-3 text-muted">{t('checkHelp', { minutes: MAGIC_LINK_MINUTES })}</p>
    </div>
  );
}
