import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { siteUrl } from '@/lib/env';
import { TITLE_SEPARATOR } from '@/lib/i18n/title';
import { routing } from '@/lib/i18n/routing';
import { paymentsSimulated } from '@/lib/payments/stripe';
import { serif } from '../fonts';
import '../globals.css';

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'meta' });
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: t('siteName'), template: `%s${TITLE_SEPARATOR}${t('siteName')}` },
    description: t('description'),
    alternates: { types: { 'application/atom+xml': `${siteUrl()}/feed.xml` } },
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'nav' });
  return (
    <html lang={locale} className={serif.variable}>
      <body className="min-h-screen flex flex-col font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-ink focus:shadow"
        >
          {t('skip')}
        </a>
        {/* In a landmark of its own, so that a screen reader's landmark list reaches it. */}
        {paymentsSimulated() && (
          <aside aria-label={t('simulatedLabel')} className="bg-amber-100 px-4 py-1.5 text-center text-sm text-ink">
            <p>{t('simulated')}</p>
          </aside>
        )}
        <SiteHeader locale={locale} />
        <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
          {children}
        </main>
        <SiteFooter locale={locale} />
      </body>
    </html>
  );
}
