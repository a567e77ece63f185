import { getTranslations } from 'next-intl/server';
import { setTierActiveAction } from '@/app/[locale]/admin/settings/actions';
import type { MembershipTier } from '@/db/schema';
import { formatPence } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';
import { TierPriceForm } from './tier-forms';

/** One card per tier (readable at 360 px): price, Stripe price, status, and its actions. */
export async function TierList({ locale, tiers }: { locale: AppLocale; tiers: MembershipTier[] }) {
  const t = await getTranslations({ locale, namespace: 'adminSettings.tiers' });
  return (
    <ul className="mt-4 grid gap-4">
      {tiers.map((tier) => {
        const name = locale === 'es' ? tier.nameEs : tier.nameEn;
        return (
          <li key={tier.id} className="rounded-md border border-line p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-serif text-lg font-semibold">
                {name} <span className="font-mono text-sm font-normal text-muted">{tier.slug}</span>
              </h3>
              <span className={`rounded-full px-2 py-0.5 text-sm ${tier.active ? 'bg-accent/15' : 'bg-line'}`}>
                {tier.active ? t('active') : t('inactive')}
              </span>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted">{t('price')}</dt>
              <dd className="font-semibold">{t('perYear', { price: formatPence(tier.annualPricePence, locale) })}</dd>
              <dt className="text-muted">{t('stripePrice')}</dt>
              <dd className="break-all font-mono">{tier.stripePriceId ?? t('noStripePrice')}</dd>
              <dt className="text-muted">{t('giftAid')}</dt>
              <dd>{tier.benefitsNewsletterOnly ? t('giftAidYes') : t('giftAidNo')}</dd>
            </dl>
            <div className="mt-4 grid gap-6 md:grid-cols-2">
              <TierPriceForm locale={locale} tierId={tier.id} tierName={name} currentPounds={(tier.annualPricePence / 100).toFixed(2)} />
              <form
                action={setTierActiveAction}
                className="grid content-start gap-3"
                aria-label={tier.active ? t('deactivateLabel', { tier: name }) : t('reactivateLabel', { tier: name })}
              >
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="tierId" value={tier.id} />
                <input type="hidden" name="active" value={tier.active ? 'false' : 'true'} />
                <p className="text-sm text-muted">{tier.active ? t('deactivateHelp') : t('reactivateHelp')}</p>
                <div className="flex items-start gap-2">
                  <input id={`active-${tier.id}`} name="confirm" type="checkbox" required className="mt-1 size-4" />
                  <label htmlFor={`active-${tier.id}`} className="text-sm">
                    {tier.active ? t('confirmDeactivate', { tier: name }) : t('confirmReactivate', { tier: name })}
                  </label>
                </div>
                <button
                  type="submit"
                  className="justify-self-start rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand/5"
                >
                  {tier.active ? t('deactivate') : t('reactivate')}
                </button>
              </form>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
