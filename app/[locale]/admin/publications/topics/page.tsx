import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { NewTopicForm, RenameTopicForm } from '@/components/admin/publications/topic-forms';
import { listTopicsWithUsage } from '@/db/queries/admin-topics';
import { requireRole } from '@/lib/auth/guards';
import { getPathname, Link } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { deleteTopicAction } from './actions';

export const generateMetadata = titledMetadata('adminTopics', 'title', { private: true });

/** Staff: add, rename and delete (unused) topics. */
export default async function AdminTopicsPage({ params, searchParams }: PageProps<'/[locale]/admin/publications/topics'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/publications/topics', locale }), locale });
  const [t, topics, query] = await Promise.all([
    getTranslations({ locale, namespace: 'adminTopics' }),
    listTopicsWithUsage(),
    searchParams,
  ]);
  const problemTopic = typeof query.topic === 'string' ? topics.find((topic) => topic.id === query.topic) : undefined;
  const name = (topic: { nameEn: string; nameEs: string }) => (locale === 'es' ? topic.nameEs : topic.nameEn);
  let message: string | null = null;
  if (query.error === 'confirm') message = t('needsConfirm');
  if (query.error === 'inUse' && problemTopic)
    message = t('inUse', { name: name(problemTopic), count: Number(query.count) || problemTopic.publications });

  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p>
        <Link href="/admin/publications" className="text-sm text-brand underline underline-offset-2">
          ← {t('back')}
        </Link>
      </p>
      <h1 className="mt-3 font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-muted">{t('intro')}</p>
      {message && (
        <p role="alert" className="mt-4 rounded-md border border-brand/40 bg-brand-soft px-3 py-2 font-medium text-brand-dark">
          {message}
        </p>
      )}
      {query.deleted === '1' && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('deleted')}
        </p>
      )}

      <ClientMessages namespaces={['adminTopics']}>
        <section aria-labelledby="topic-add-heading" className="mt-6 rounded-lg border border-line bg-white p-4 sm:p-5">
          <h2 id="topic-add-heading" className="font-serif text-xl font-semibold">
            {t('add')}
          </h2>
          <NewTopicForm locale={locale} />
        </section>

        {topics.length === 0 ? (
          <p className="mt-6 text-muted">{t('none')}</p>
        ) : (
          <ul className="mt-6 space-y-4">
            {topics.map((topic) => (
              <li key={topic.id} className="rounded-lg border border-line bg-white p-4">
                <h2 id={`topic-${topic.id}-heading`} className="break-words font-serif text-lg font-semibold">
                  {name(topic)}{' '}
                  <span className="font-sans text-sm font-normal text-muted">
                    /{topic.slug} · {t('used', { count: topic.publications })}
                  </span>
                </h2>
                <div className="mt-3">
                  <RenameTopicForm locale={locale} topic={topic} describedBy={`topic-${topic.id}-heading`} />
                </div>
                {topic.publications === 0 && (
                  <form action={deleteTopicAction} className="mt-3 flex flex-wrap items-center gap-3">
                    <input type="hidden" name="locale" value={locale} />
                    <input type="hidden" name="id" value={topic.id} />
                    <span className="flex items-center gap-2">
                      <input id={`topic-${topic.id}-confirm`} name="confirm" type="checkbox" required className="h-5 w-5" />
                      <label htmlFor={`topic-${topic.id}-confirm`}>{t('deleteConfirm', { name: name(topic) })}</label>
                    </span>
                    <button
                      type="submit"
                      className="rounded-md border border-brand px-3 py-1.5 text-sm font-medium text-brand hover:bg-brand-soft"
                    >
                      {t('delete')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </ClientMessages>
    </div>
  );
}
