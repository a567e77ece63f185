import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { GiftAidList, GuestGiftList, PaymentNotices, ReceiptList } from '@/components/account-payments';
import { listGuestGiftsFor } from '@/db/queries/donations';
import { MembershipStatus } from '@/components/membership-status';
import { listDeclarations } from '@/db/queries/gift-aid';
import { listPaymentsForUser } from '@/db/queries/payments';
import { ProfileForm } from '@/components/profile-form';
import { findLatestMembership } from '@/db/queries/memberships';
import { findUserById } from '@/db/queries/users';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { requireUser } from '@/lib/auth/guards';
import { Link, getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { signOutEverywhere } from './actions';

export const generateMetadata = titledMetadata('account', 'title', { private: true });

export default async function AccountPage({ params, searchParams }: PageProps<'/[locale]/account'>) {
  const locale = asLocale((await params).locale);
  const billingUnavailable = (await searchParams).billing === 'unavailable';
  setRequestLocale(locale);
  const sessionUser = await requireUser({ returnTo: getPathname({ href: '/account', locale }), locale });
  const [user, membership, payments, declarations, guestGifts, graceDays] = await Promise.all([
    findUserById(sessionUser.id),
    findLatestMembership(sessionUser.id),
    listPaymentsForUser(sessionUser.id),
    listDeclarations(sessionUser.id),
    listGuestGiftsFor(sessionUser.email),
    getMembershipGraceDays(),
  ]);
  const t = await getTranslations({ locale, namespace: 'account' });
  if (!user) return null;

  const section = 'rounded-lg border border-line bg-white p-5 sm:p-6';
  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-10 sm:px-6">
      <div>
        <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
        <p className="mt-2 text-muted">{t('signedInAs', { email: user.email ?? '' })}</p>
      </div>

      <section aria-labelledby="membership-heading" className={section}>
        <h2 id="membership-heading" className="font-serif text-xl font-semibold">
          {t('membershipTitle')}
        </h2>
        {billingUnavailable && (
          <p role="alert" className="mt-3 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark">
            {t('billingUnavailable')}
          </p>
        )}
        <PaymentNotices locale={locale} payments={payments} />
        <MembershipStatus
          locale={locale}
          membership={membership}
          hasStripeCustomer={Boolean(user.stripeCustomerId)}
          graceDays={graceDays}
        />
      </section>

      <section aria-labelledby="receipts-heading" className={section}>
        <h2 id="receipts-heading" className="font-serif text-xl font-semibold">
          {t('receiptsTitle')}
        </h2>
        <ReceiptList locale={locale} payments={payments} />
      </section>

      {guestGifts.length > 0 && (
        <section aria-labelledby="guest-gifts-heading" className={section}>
          <h2 id="guest-gifts-heading" className="font-serif text-xl font-semibold">
            {t('guestGiftsTitle')}
          </h2>
          <GuestGiftList locale={locale} email={sessionUser.email} gifts={guestGifts} />
        </section>
      )}

      <section aria-labelledby="gift-aid-heading" className={section}>
        <h2 id="gift-aid-heading" className="font-serif text-xl font-semibold">
          {t('giftAidTitle')}
        </h2>
        <GiftAidList locale={locale} declarations={declarations} />
      </section>

      <section aria-labelledby="profile-heading" className={section}>
        <h2 id="profile-heading" className="font-serif text-xl font-semibold">
          {t('profileTitle')}
        </h2>
        <p className="mt-1 text-sm text-muted">{t('profileHelp')}</p>
        <ClientMessages namespaces={['account']}>
          <ProfileForm
            locale={locale}
            initial={{
              name: user.name ?? '',
              addressLine1: user.addressLine1 ?? '',
              addressLine2: user.addressLine2 ?? '',
              city: user.city ?? '',
              postcode: user.postcode ?? '',
              country: user.country ?? '',
              preferredLocale: user.preferredLocale,
              newsletterOptIn: user.newsletterOptIn ? 'on' : 'off',
            }}
          />
        </ClientMessages>
      </section>

      <section aria-labelledby="data-heading" className={section}>
        <h2 id="data-heading" className="font-serif text-xl font-semibold">
          {t('dataTitle')}
        </h2>
        <p className="mt-1 text-sm text-muted">{t('dataHelp')}</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <a
            href={getPathname({ href: '/account/export', locale })}
            download
            className="rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft"
          >
            {t('download')}
          </a>
          <Link href="/account/delete" className="rounded-md border border-line px-4 py-2 font-medium text-brand-dark hover:bg-brand-soft">
            {t('delete')}
          </Link>
        </div>
      </section>

      <form action={signOutEverywhere}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-white hover:bg-muted">
          {t('signOut')}
        </button>
        <p className="mt-2 text-sm text-muted">{t('signOutHelp')}</p>
      </form>
    </div>
  );
}
