import { getTranslations, setRequestLocale } from 'next-intl/server';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { queryValue } from '@/lib/http/query';
import { SubmitButton } from '@/components/ui/button';

export const generateMetadata = titledMetadata('unsubscribe', 'title', { private: true });

// One query parameter as text, the way every page reads them (lib/http/query.ts).
const first = (v: string | string[] | undefined) => queryValue(v) ?? '';

// Opening the link changes nothing (mail scanners open links); the button does.
export default async function UnsubscribePage({ params, searchParams }: PageProps<'/[locale]/newsletter/unsubscribe'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'unsubscribe' });
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      {first(query.done) ? (
        <p role="status" className="mt-4">{t('done')}</p>
      ) : (
        <form method="post" action="/api/newsletter/unsubscribe" className="mt-4">
          <p>{t('confirm')}</p>
          <input type="hidden" name="u" value={first(query.u).slice(0, 40)} />
          <input type="hidden" name="s" value={first(query.s).slice(0, 100)} />
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="from" value="page" />
          <SubmitButton className="mt-4">{t('button')}</SubmitButton>
        </form>
      )}
    </div>
  );
}
