import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { TierList } from '@/components/admin/settings/tier-list';
import { BankDetailsForm, GraceDaysForm, StaffRoleForm } from '@/components/admin/settings/settings-forms';
import { NewTierForm } from '@/components/admin/settings/tier-forms';
import { getMembershipGraceDays } from '@/db/queries/settings';
import { listStaff } from '@/db/queries/staff-roles';
import { listAllTiers } from '@/db/queries/tiers';
import { requireRole } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import { getBankDetails } from '@/lib/payments/bank-details';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminSettings', 'title', { private: true });

const section = 'mt-10 rounded-lg border border-line bg-white p-4 sm:p-6';
const heading = 'font-serif text-2xl font-semibold';

/** Admins only: tiers and prices, the grace period, bank details for transfers, and staff roles. */
const TIER_NOTICES = ['deactivated', 'reactivated', 'unconfirmed', 'unknown'] as const;

export default async function AdminSettingsPage({ params, searchParams }: PageProps<'/[locale]/admin/settings'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('admin', { returnTo: getPathname({ href: '/admin/settings', locale }), locale });
  const { tier: tierNotice } = await searchParams;
  // What the tier buttons (formCommand) came back to say, in the query.
  const notice = TIER_NOTICES.find((n) => n === tierNotice);
  const [t, tiers, graceDays, bank, staff] = await Promise.all([
    getTranslations({ locale, namespace: 'adminSettings' }),
    listAllTiers(),
    getMembershipGraceDays(),
    getBankDetails(),
    listStaff(),
  ]);
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      <ClientMessages namespaces={['adminSettings']}>
        <section id="tiers" aria-labelledby="tiers-heading" className={section}>
          <h2 id="tiers-heading" className={heading}>
            {t('tiers.heading')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('tiers.intro')}</p>
          {notice && (
            <p
              role={notice === 'unconfirmed' || notice === 'unknown' ? 'alert' : 'status'}
              className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2"
            >
              {t(`tiers.notice.${notice}`)}
            </p>
          )}
          <TierList locale={locale} tiers={tiers} />
          <h3 className="mt-8 font-serif text-xl font-semibold">{t('newTier.heading')}</h3>
          <NewTierForm locale={locale} />
        </section>

        <section aria-labelledby="grace-heading" className={section}>
          <h2 id="grace-heading" className={heading}>
            {t('grace.heading')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('grace.intro')}</p>
          <GraceDaysForm locale={locale} current={graceDays} />
        </section>

        <section aria-labelledby="bank-heading" className={section}>
          <h2 id="bank-heading" className={heading}>
            {t('bank.heading')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('bank.intro')}</p>
          {!bank && <p className="mt-3 rounded-md border border-accent/40 bg-white px-3 py-2">{t('bank.notSet')}</p>}
          <BankDetailsForm locale={locale} current={bank ? { ...bank } : {}} />
        </section>

        <section aria-labelledby="roles-heading" className={section}>
          <h2 id="roles-heading" className={heading}>
            {t('roles.heading')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('roles.intro')}</p>
          <ul className="mt-4 divide-y divide-line rounded-md border border-line">
            {staff.map((person) => (
              <li key={person.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                <span className="break-all">
                  {person.name && <span className="font-medium">{person.name} </span>}
                  <span className="text-muted">{person.email}</span>
                </span>
                <span className="text-sm font-medium">{t(`roles.role.${person.role}`)}</span>
              </li>
            ))}
          </ul>
          <StaffRoleForm locale={locale} />
        </section>
      </ClientMessages>
    </div>
  );
}
