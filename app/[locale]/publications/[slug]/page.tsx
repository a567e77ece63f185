import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { NotFoundPage } from '@/components/not-found-page';
import { cachedPublication } from '@/lib/content';
import { formatBytes, formatLabel, formatPublicationDate } from '@/lib/format';
import { Link } from '@/lib/i18n/navigation';
import { localeAlternates, notFoundMetadata, titleMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { opensInBrowser, publicFileDownloadUrl, publicFileUrl } from '@/lib/storage/urls';
import { buttonClass } from '@/components/ui/styles';

// Rendered on first request (pages read the database, which the build does not need),
// then served from Next's cache until a staff edit revalidates it.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[locale]/publications/[slug]'>): Promise<Metadata> {
  const { locale: rawLocale, slug } = await params;
  const locale = asLocale(rawLocale);
  const publication = await cachedPublication(locale, slug);
  if (!publication) return notFoundMetadata(locale);
  return {
    ...(await titleMetadata(locale, publication.title)),
    description: publication.summary.slice(0, 200),
    alternates: localeAlternates(locale, `/publications/${slug}`),
  };
}

export default async function PublicationPage({ params }: PageProps<'/[locale]/publications/[slug]'>) {
  const { locale: rawLocale, slug } = await params;
  const locale = asLocale(rawLocale);
  setRequestLocale(locale);
  const publication = await cachedPublication(locale, slug);
  if (!publication) return <NotFoundPage locale={locale} />;
  const t = await getTranslations({ locale });
  const textLang = publication.isFallback ? 'en' : undefined;

  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <p>
        <Link href="/publications" className="text-sm text-brand underline underline-offset-2">
          ← {t('publication.back')}
        </Link>
      </p>
      <h1 lang={textLang} className="mt-4 font-serif text-3xl font-semibold leading-tight sm:text-4xl">
        {publication.title}
      </h1>
      {publication.isFallback && (
        <p className="mt-3 rounded-md border border-line bg-white px-3 py-2 text-sm text-muted">{t('publication.fallback')}</p>
      )}

      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-[0.95rem]">
        <dt className="font-medium text-muted">{t('publication.published')}</dt>
        <dd>
          <time dateTime={publication.publishedOn}>
            {formatPublicationDate(publication.publishedOn, publication.datePrecision, locale)}
          </time>
        </dd>
        <dt className="font-medium text-muted">{t('publication.type')}</dt>
        <dd>{t(`types.${publication.type}`)}</dd>
        {publication.partner && (
          <>
            <dt className="font-medium text-muted">{t('publication.partner')}</dt>
            <dd>{publication.partner}</dd>
          </>
        )}
        {publication.topics.length > 0 && (
          <>
            <dt className="font-medium text-muted">{t('publication.topics')}</dt>
            <dd>
              <ul className="flex flex-wrap gap-1.5">
                {publication.topics.map((topic) => (
                  <li key={topic.slug}>
                    <Link
                      href={{ pathname: '/publications', query: { topic: topic.slug } }}
                      className="inline-block rounded-full bg-brand-soft px-2.5 py-0.5 text-sm text-brand-dark hover:underline"
                    >
                      {topic.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="summary-heading" className="mt-8">
        <h2 id="summary-heading" className="font-serif text-xl font-semibold">
          {t('publication.summary')}
        </h2>
        <p lang={textLang} className="mt-2 text-[1.0625rem] leading-relaxed">
          {publication.summary}
        </p>
      </section>

      <section aria-labelledby="downloads-heading" className="mt-8">
        <h2 id="downloads-heading" className="font-serif text-xl font-semibold">
          {t('publication.downloads')}
        </h2>
        {publication.files.length === 0 ? (
          <p className="mt-2 text-muted">{t('publication.noFiles')}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {publication.files.map((file) => {
              const language = t(`languages.${file.locale}`);
              return (
                // The file opens in the browser (a phone shows it rather than filing it among
                // its downloads); the link beside it saves it.
                <li
                  key={file.id}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-lg border border-line bg-white px-4 py-3"
                >
                  <p className="flex flex-wrap items-baseline gap-x-3">
                    {opensInBrowser(file.contentType) ? (
                      <a
                        href={publicFileUrl(file)}
                        hrefLang={file.locale}
                        type={file.contentType}
                        className="font-medium text-brand underline underline-offset-2"
                      >
                        {t('publication.open', { language })}
                      </a>
                    ) : (
                      <span className="font-medium">{t('publication.file', { language })}</span>
                    )}
                    <span className="text-sm text-muted">
                      {formatLabel(file.contentType)}, {formatBytes(file.byteSize, locale)}
                    </span>
                  </p>
                  <a
                    href={publicFileDownloadUrl(file)}
                    hrefLang={file.locale}
                    type={file.contentType}
                    download={file.fileName}
                    aria-label={t('publication.download', { language })}
                    className={buttonClass({ variant: 'quiet', size: 'sm', className: 'inline-block' })}
                  >
                    {t('publication.save')}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
