import { notFound, redirect } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { JoinForm } from '@/components/join-form';
import { findLatestMembership } from '@/db/queries/memberships';
import { findTierBySlug } from '@/db/queries/payments';
import { findUserById } from '@/db/queries/users';
import { requireUser } from '@/lib/auth/guards';
import { formatPence } from '@/lib/format';
import { getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { memberAccess } from '@/lib/membership/lifecycle';
import { getBankDetails } from '@/lib/payments/bank-details';
import { paymentsEnabled } from '@/lib/payments/stripe';
import { getMembershipGraceDays } from '@/db/queries/settings';

export const generateMetadata = titledMetadata('nav', 'join', { private: true });

// Step 2 and 3 of joining: signed in (the tier is in the URL, so it survives the
// sign-in round trip), then details, Gift Aid and how to pay.
export default async function JoinTierPage({ params, searchParams }: PageProps<'/[locale]/join/[tier]'>) {
  const { locale: rawLocale, tier: slug } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const tier = await findTierBySlug(slug);
  if (!tier || !paymentsEnabled()) notFound();
  const sessionUser = await requireUser({ returnTo: getPathname({ href: `/join/${slug}`, locale }), locale });
  const [user, membership, bank] = await Promise.all([
    findUserById(sessionUser.id),
    findLatestMembership(sessionUser.id),
    getBankDetails(),
  ]);
  if (memberAccess(membership, new Date(), await getMembershipGraceDays()).kind === 'active')
    redirect(getPathname({ href: '/account', locale }));
  const t = await getTranslations({ locale, namespace: 'join' });
  const name = locale === 'es' ? tier.nameEs : tier.nameEn;
  const { checkout } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('detailsTitle', { tier: name })}</h1>
      <p className="mt-2 text-muted">{t('detailsIntro', { price: formatPence(tier.annualPricePence, locale) })}</p>
      {checkout === 'cancelled' && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('cancelled')}
        </p>
      )}
      <ClientMessages namespaces={['join', 'giftAid']}>
        <JoinForm
          locale={locale}
          permalink={getPathname({ href: `/join/${tier.slug}`, locale })}
          tier={tier.slug}
          bankTransfer={bank !== null}
          initial={{
            name: user?.name ?? '',
            addressLine1: user?.addressLine1 ?? '',
            addressLine2: user?.addressLine2 ?? '',
            city: user?.city ?? '',
            postcode: user?.postcode ?? '',
            country: user?.country ?? '',
          }}
        />
      </ClientMessages>
    </div>
  );
}
