import { z } from 'zod';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { findDeclarationForLink } from '@/db/queries/gift-aid';
import { SubmitButton } from '@/components/ui/button';
import { formatLongDate, formatPence } from '@/lib/format';
import { isDeclarationLinkValid } from '@/lib/gift-aid/declaration-link';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';
import { cancelDeclarationWithLink } from './actions';
import { parseSearchParams, queryField } from '@/lib/http/query';

export const generateMetadata = titledMetadata('giftAidLink', 'title', { private: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const querySchema = z.object({ d: queryField.matching(UUID), s: queryField.text(100), done: queryField.text(10) });

// The page a guest donor's receipt and thank-you page link to: their declaration, and a
// button to cancel it, with no account. Opening the link changes nothing; the button does.
export default async function GiftAidDeclarationPage({ params, searchParams }: PageProps<'/[locale]/gift-aid/declaration'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  const query = parseSearchParams(querySchema, await searchParams);
  const id = query.d;
  const signature = query.s ?? '';
  if (!id || !isDeclarationLinkValid(id, signature)) notFound();
  const declaration = await findDeclarationForLink(id);
  if (!declaration) notFound();
  const t = await getTranslations({ locale, namespace: 'giftAidLink' });
  const g = await getTranslations({ locale, namespace: 'giftAid' });
  const name = [declaration.title, declaration.firstName, declaration.lastName].filter(Boolean).join(' ');
  const row = 'grid gap-1 py-2 sm:grid-cols-3';
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      {query.done && declaration.cancelledAt && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('done')}
        </p>
      )}
      <p className="mt-4">{t('intro')}</p>
      {declaration.gift?.paidAt && (
        <p className="mt-2 text-muted">
          {t('gift', { amount: formatPence(declaration.gift.amountPence, locale), date: formatLongDate(declaration.gift.paidAt, locale) })}
        </p>
      )}
      <dl className="mt-6 divide-y divide-line rounded-lg border border-line bg-white px-4">
        <div className={row}>
          <dt className="font-medium">{t('name')}</dt>
          <dd className="sm:col-span-2">{name}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium">{t('address')}</dt>
          <dd className="sm:col-span-2">{`${declaration.houseNameOrNumber}, ${declaration.postcode}`}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium">{t('declared')}</dt>
          <dd className="sm:col-span-2">{formatLongDate(declaration.declaredAt, locale)}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium">{t('scope')}</dt>
          <dd className="sm:col-span-2">{g(`scopes.${declaration.scope}`)}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium">{t('status')}</dt>
          <dd className="sm:col-span-2">
            {declaration.cancelledAt ? t('cancelled', { date: formatLongDate(declaration.cancelledAt, locale) }) : t('active')}
          </dd>
        </div>
      </dl>
      {declaration.userId && <p className="mt-4 text-muted">{t('inAccount')}</p>}
      {!declaration.cancelledAt && (
        <form action={cancelDeclarationWithLink} className="mt-6">
          <input type="hidden" name="d" value={id} />
          <input type="hidden" name="s" value={signature} />
          <input type="hidden" name="locale" value={locale} />
          <p>{t('cancelHelp')}</p>
          <SubmitButton variant="secondary" className="mt-4">
            {t('cancel')}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
