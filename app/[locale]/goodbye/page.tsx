import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export function generateStaticParams() {
  return [];
}

export const generateMetadata = titledMetadata('account', 'goodbyeTitle', { private: true });

export default async function GoodbyePage({ params }: PageProps<'/[locale]/goodbye'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'account' });
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('goodbyeTitle')}</h1>
      <p className="mt-4">{t('goodbyeText')}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline underline-offset-2">
        {t('goodbyeHome')}
      </Link>
    </div>
  );
}
