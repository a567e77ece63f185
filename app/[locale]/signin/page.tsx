import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import { formPermalink } from '@/lib/forms/permalink';
import { getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { queryValue } from '@/lib/http/query';

export const generateMetadata = titledMetadata('signin', 'title', { private: true, path: '/signin' });

export default async function SignInPage({ params, searchParams }: PageProps<'/[locale]/signin'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { callbackUrl } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'signin' });
  const returnTo = safeCallbackPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, getPathname({ href: '/account', locale }));
  const permalink = formPermalink(getPathname({ href: '/signin', locale }), { callbackUrl: queryValue(callbackUrl) });
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-muted">{t('intro')}</p>
      <ClientMessages namespaces={['signin']}>
        <SignInForm locale={locale} permalink={permalink} callbackUrl={returnTo} />
      </ClientMessages>
    </div>
  );
}
