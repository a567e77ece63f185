import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { DeleteAccountForm } from '@/components/delete-account-form';
import { requireUser } from '@/lib/auth/guards';
import { Link, getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('account', 'deleteTitle', { private: true });

export default async function DeleteAccountPage({ params }: PageProps<'/[locale]/account/delete'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const user = await requireUser({ returnTo: getPathname({ href: '/account/delete', locale }), locale });
  const t = await getTranslations({ locale, namespace: 'account' });
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('deleteTitle')}</h1>
      <div className="mt-4 space-y-3">
        <p>{t('deleteIntro')}</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>{t('deleteRemoves')}</li>
          <li>{t('deleteKeeps')}</li>
          <li>{t('deleteKeepsGiftAid')}</li>
          <li>{t('deleteSessions')}</li>
        </ul>
        <p className="font-medium">{t('deleteFinal')}</p>
      </div>
      <ClientMessages namespaces={['account']}>
        <DeleteAccountForm locale={locale} email={user.email} />
      </ClientMessages>
      <p className="mt-6">
        <Link href="/account" className="text-brand underline underline-offset-2">
          {t('deleteCancel')}
        </Link>
      </p>
    </div>
  );
}
