import { z } from 'zod';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { asLocale } from '@/lib/i18n/params';
import { parseSearchParams, queryField } from '@/lib/http/query';
import { SubmitButton } from '@/components/ui/button';

export async function generateMetadata({ params }: PageProps<'/[locale]/signin/confirm'>): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'signin' });
  // The URL carries the sign-in token: no other site may see it as a referrer. "same-origin"
  // rather than "no-referrer", which would also make the browser send `Origin: null` on
  // this page's own form POST, and the sign-in would be refused as cross-site.
  return { title: t('confirmTitle'), robots: { index: false }, referrer: 'same-origin' };
}

const querySchema = z.object({ email: queryField.text(320), token: queryField.text(200), callbackUrl: queryField.text(2000) });

// Opening this page changes nothing, so a mail scanner that follows the link does not use
// it up. The button posts to /api/auth/confirm, which signs the person in.
export default async function ConfirmSignInPage({ params, searchParams }: PageProps<'/[locale]/signin/confirm'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const query = parseSearchParams(querySchema, await searchParams);
  const t = await getTranslations({ locale, namespace: 'signin' });
  const email = query.email ?? '';
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('confirmTitle')}</h1>
      <p className="mt-4">{t('confirmText', { email })}</p>
      <form method="post" action="/api/auth/confirm" className="mt-6">
        <input type="hidden" name="token" value={query.token ?? ''} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={query.callbackUrl ?? ''} />
        <input type="hidden" name="locale" value={locale} />
        <SubmitButton size="xl" className="text-lg">
          {t('confirmButton')}
        </SubmitButton>
      </form>
    </div>
  );
}
