import { z } from 'zod';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { parseSearchParams, queryField } from '@/lib/http/query';
import { SubmitButton } from '@/components/ui/button';

export const generateMetadata = titledMetadata('unsubscribe', 'title', { private: true });

const querySchema = z.object({ done: queryField.text(10), u: queryField.text(40), s: queryField.text(100) });

// Opening the link changes nothing (mail scanners open links); the button does.
export default async function UnsubscribePage({ params, searchParams }: PageProps<'/[locale]/newsletter/unsubscribe'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const query = parseSearchParams(querySchema, await searchParams);
  const t = await getTranslations({ locale, namespace: 'unsubscribe' });
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      {query.done ? (
        <p role="status" className="mt-4">
          {t('done')}
        </p>
      ) : (
        <form method="post" action="/api/newsletter/unsubscribe" className="mt-4">
          <p>{t('confirm')}</p>
          <input type="hidden" name="u" value={query.u ?? ''} />
          <input type="hidden" name="s" value={query.s ?? ''} />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="from" value="page" />
          <SubmitButton className="mt-4">{t('button')}</SubmitButton>
        </form>
      )}
    </div>
  );
}
