import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import type { AdminPublication } from '@/db/queries/admin-publications';
import type { AdminTopic } from '@/db/queries/admin-topics';
import type { PublicationFormState } from '@/lib/content/publication-form';
import { formatBytes } from '@/lib/format';
import type { AppLocale } from '@/lib/i18n/routing';
import { PublicationForm } from './publication-form';

/**
 * The create/edit form with its labels and current files. `topics`: every topic, from the
 * page. `draft`: the form as it was sent, with its errors or its "saved" notice (no JavaScript).
 */
export async function PublicationEditor({
  locale,
  publication,
  topics,
  draft,
}: {
  locale: AppLocale;
  publication: AdminPublication | null;
  topics: AdminTopic[];
  draft?: PublicationFormState | null;
}) {
  const t = await getTranslations({ locale });
  const typeLabels = Object.fromEntries(
    (['report', 'case_study', 'briefing', 'submission', 'event_report', 'newsletter'] as const).map((type) => [type, t(`types.${type}`)]),
  );
  const initial: Record<string, string> = publication
    ? {
        id: publication.id,
        slug: publication.slug,
        type: publication.type,
        publishedOn: publication.publishedOn,
        datePrecision: publication.datePrecision,
        partner: publication.partner ?? '',
        featured: publication.featured ? 'on' : '',
        titleEn: publication.en?.title ?? '',
        summaryEn: publication.en?.summary ?? '',
        titleEs: publication.es?.title ?? '',
        summaryEs: publication.es?.summary ?? '',
      }
    : { type: 'report', datePrecision: 'month', publishedOn: new Date().toISOString().slice(0, 10) };
  return (
    <ClientMessages namespaces={['adminPublications']}>
      <PublicationForm
        locale={locale}
        initialState={draft ?? { values: initial, topics: publication?.topicIds ?? [] }}
        topics={topics.map((topic) => ({ id: topic.id, name: locale === 'es' ? topic.nameEs : topic.nameEn }))}
        files={(publication?.files ?? []).map((f) => ({ locale: f.locale, fileName: f.fileName, size: formatBytes(f.byteSize, locale) }))}
        allowNewsletter={publication?.type === 'newsletter'}
        typeLabels={typeLabels}
        languageNames={{ en: t('languages.en'), es: t('languages.es') }}
      />
    </ClientMessages>
  );
}
