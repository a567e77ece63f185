import { getTranslations } from 'next-intl/server';
import type { PublicationCard as Card } from '@/db/queries/publications';
import { formatPublicationDate } from '@/lib/format';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { libraryQueryString } from '@/lib/library/params';

export async function PublicationCard({
  publication,
  locale,
  headingLevel = 3,
}: {
  publication: Card;
  locale: AppLocale;
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations({ locale });
  const Heading = `h${headingLevel}` as const;
  const titleId = `publication-${publication.id}-title`;
  return (
    // Named by its title: a screen reader's list of articles then says which is which.
    <article aria-labelledby={titleId} className="rounded-lg border border-line bg-white p-5">
      <p className="text-sm text-muted">
        <span className="font-medium text-accent">{t(`types.${publication.type}`)}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={publication.publishedOn}>{formatPublicationDate(publication.publishedOn, publication.datePrecision, locale)}</time>
      </p>
      <Heading id={titleId} className="mt-1 font-serif text-xl font-semibold leading-snug">
        {/* A plain link: cards are many, and a client <Link> per card costs more to render than it saves. */}
        <a
          href={getPathname({ href: `/publications/${publication.slug}`, locale })}
          className="hover:text-brand hover:underline"
          lang={publication.isFallback ? 'en' : undefined}
        >
          {publication.title}
        </a>
      </Heading>
      <p className="mt-2 line-clamp-3 text-[0.95rem] text-muted" lang={publication.isFallback ? 'en' : undefined}>
        {publication.summary}
      </p>
      {publication.isFallback && <p className="mt-2 text-xs text-muted italic">{t('publication.fallback')}</p>}
      {/* Named by text a screen reader reads before the list: aria-label is not for a <ul>. */}
      {publication.topics.length > 0 && <p className="sr-only">{t('publication.topics')}</p>}
      {publication.topics.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-1.5">
          {publication.topics.map((topic) => (
            <li key={topic.slug}>
              {/* The library narrowed to this topic, as the tags on the publication page do. */}
              <a
                href={getPathname({ href: '/publications', locale }) + libraryQueryString({ topic: topic.slug })}
                className="inline-block rounded-full bg-brand-soft px-2.5 py-1 text-xs text-brand-dark hover:underline"
              >
                {topic.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
