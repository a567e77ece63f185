import { getTranslations, setRequestLocale } from 'next-intl/server';
import { MAGIC_LINK_MINUTES } from '@/lib/auth/magic-link';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('signin', 'checkTitle', { private: true });

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
