import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { SignInForm } from '@/components/sign-in-form';
import { formPermalink } from '@/lib/forms/permalink';
import { queryValue } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('signin', 'invalidTitle', { private: true });

// Reached from an expired or already used link (and from Auth.js's own error redirect).
export default async function LinkInvalidPage({ params, searchParams }: PageProps<'/[locale]/signin/link-invalid'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const { reason, email } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'signin' });
  const address = typeof email === 'string' ? email.slice(0, 320) : '';
  const permalink = formPermalink(getPathname({ href: '/signin/link-invalid', locale }), {
    reason: queryValue(reason),
    email: address || undefined,
  });
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('invalidTitle')}</h1>
      <p className="mt-4">{reason === 'expired' ? t('invalidExpired') : t('invalidUsed')}</p>
      <ClientMessages namespaces={['signin']}>
        <SignInForm locale={locale} permalink={permalink} email={address} submitLabel={t('sendNew')} />
      </ClientMessages>
    </div>
  );
}
