import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Markdown } from '@/components/markdown';
import { PublicationCard } from '@/components/publication-card';
import { cachedLatestPublications, cachedPage } from '@/lib/content';
import { Link } from '@/lib/i18n/navigation';
import { localeAlternates } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { buttonClass } from '@/components/ui/styles';

// Rendered on first request (pages read the database, which the build does not need),
// then served from Next's cache until a staff edit revalidates it.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'meta' });
  // The tagline in full is too long for a title (lib/i18n/metadata.ts): it is og:title.
  return {
    title: { absolute: `${t('siteName')}: ${t('shortTagline')}` },
    openGraph: { title: `${t('siteName')}: ${t('tagline')}` },
    alternates: localeAlternates(locale, '/'),
  };
}

export default async function HomePage({ params }: PageProps<'/[locale]'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'home' });
  const [latest, aims] = await Promise.all([cachedLatestPublications(locale, 4), cachedPage('aims', locale)]);
  const aimsIntro = aims?.bodyMarkdown.split(/\n\s*\n/).find((block) => !block.startsWith('#')) ?? '';

  return (
    <>
      <section className="border-b border-line bg-brand-soft/60">
        <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6 sm:py-16">
          <h1 className="max-w-3xl font-serif text-4xl font-semibold leading-tight text-ink sm:text-5xl">{t('title')}</h1>
          <p className="mt-4 max-w-2xl text-lg text-muted">{t('intro')}</p>
          <div className="mt-6 flex flex-wrap gap-3">
            <Link href="/publications" className={buttonClass({ size: 'lg' })}>
              {t('allPublications')}
            </Link>
            <Link href="/join" className="rounded-md border border-brand px-5 py-2.5 font-medium text-brand hover:bg-white">
              {t('joinTitle')}
            </Link>
          </div>
        </div>
      </section>

      <div className="mx-auto grid max-w-6xl gap-12 px-4 py-12 sm:px-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="latest-heading">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="latest-heading" className="font-serif text-2xl font-semibold">
              {t('latest')}
            </h2>
            <Link href="/publications" className="text-brand underline underline-offset-2">
              {t('allPublications')}
            </Link>
          </div>
          <div className="mt-5 grid gap-4 sm:grid-cols-2">
            {latest.map((publication) => (
              <PublicationCard key={publication.id} publication={publication} locale={locale} />
            ))}
          </div>
        </section>

        <div className="space-y-8">
          <section aria-labelledby="aims-heading" className="rounded-lg border border-line bg-white p-5">
            <h2 id="aims-heading" className="font-serif text-xl font-semibold">
              {t('aimsTitle')}
            </h2>
            <Markdown className="mt-2 text-[0.95rem] leading-relaxed">{aimsIntro}</Markdown>
            <Link href="/about/aims" className="text-brand underline underline-offset-2">
              {t('aimsMore')}
            </Link>
          </section>
          <section aria-labelledby="join-heading" className="rounded-lg bg-accent p-5 text-white">
            <h2 id="join-heading" className="font-serif text-xl font-semibold">
              {t('joinTitle')}
            </h2>
            <p className="mt-2 text-[0.95rem]">{t('joinText')}</p>
            <Link href="/join" className="mt-4 inline-block rounded-md bg-white px-4 py-2 font-medium text-accent hover:bg-brand-soft">
              {t('joinCta')}
            </Link>
          </section>
          <section aria-labelledby="support-heading" className="rounded-lg border border-line bg-white p-5">
            <h2 id="support-heading" className="font-serif text-xl font-semibold">
              {t('supportTitle')}
            </h2>
            <p className="mt-2 text-[0.95rem] text-muted">{t('supportText')}</p>
            <Link
              href="/donate"
              className="mt-4 inline-block rounded-md border border-brand px-4 py-2 font-medium text-brand hover:bg-brand-soft"
            >
              {t('donateCta')}
            </Link>
          </section>
        </div>
      </div>
    </>
  );
}
