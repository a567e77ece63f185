import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ContentPage } from '@/components/content-page';
import { cachedPage, cachedTiers } from '@/lib/content';
import { formatPence } from '@/lib/format';
import { localeAlternates, titleMetadata } from '@/lib/i18n/metadata';
import { Link } from '@/lib/i18n/navigation';
import { asLocale } from '@/lib/i18n/params';
import { paymentsEnabled } from '@/lib/payments/stripe';
import { buttonClass } from '@/components/ui/styles';

// Rendered on first request (pages read the database, which the build does not need),
// then served from Next's cache until a staff edit revalidates it.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/join'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const page = await cachedPage('why-join', locale);
  return { ...(page ? await titleMetadata(locale, page.title) : {}), alternates: localeAlternates(locale, '/join') };
}

export default async function JoinPage({ params }: PageProps<'/[locale]/join'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'join' });
  const [page, tiers] = await Promise.all([cachedPage('why-join', locale), cachedTiers(locale)]);
  if (!page) notFound();
  const open = paymentsEnabled();
  return (
    <ContentPage title={page.title} body={page.bodyMarkdown}>
      <section aria-labelledby="tiers-heading" className="mt-10">
        <h2 id="tiers-heading" className="font-serif text-2xl font-semibold">
          {t('tiersTitle')}
        </h2>
        {!open && (
          <p role="status" className="mt-4 rounded-lg border border-accent/40 bg-white p-4">
            {t('closed')}
          </p>
        )}
        <ul className="mt-6 grid gap-4 sm:grid-cols-3">
          {tiers.map((tier) => (
            <li key={tier.id} className="flex flex-col rounded-lg border border-line bg-white p-5">
              <h3 className="font-serif text-lg font-semibold">{tier.name}</h3>
              <p className="mt-1 text-2xl font-semibold text-brand">
                {t('perYear', { price: formatPence(tier.annualPricePence, locale) })}
              </p>
              <p className="mt-2 flex-1 text-sm text-muted">{tier.description}</p>
              {open && (
                <Link href={`/join/${tier.slug}`} className={buttonClass({ size: 'md', className: 'mt-4 text-center' })}>
                  {t('choose', { tier: tier.name })}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>
    </ContentPage>
  );
}
