import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ClaimPreviewSection } from '@/components/admin/gift-aid/claim-preview';
import { ClaimRangeForm } from '@/components/admin/gift-aid/claim-range-form';
import { ClaimsList } from '@/components/admin/gift-aid/claims-list';
import { DisputedClaimedPayments } from '@/components/admin/gift-aid/disputed-claimed';
import { listClaimedPaymentsWithLostDisputes } from '@/db/queries/disputes';
import { listClaims } from '@/db/queries/gift-aid-claims';
import { previewClaim } from '@/lib/gift-aid/claims/preview-claim';
import { requireRole } from '@/lib/auth/guards';
import { parseClaimRange, ukToday } from '@/lib/gift-aid/claim-range';
import { z } from 'zod';
import { cursorCodec } from '@/lib/http/cursor';
import { isIsoInstant, queryValue } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { titledMetadata } from '@/lib/i18n/metadata';
import { asLocale } from '@/lib/i18n/params';

export const generateMetadata = titledMetadata('adminGiftAid', 'title', { private: true });

// One query parameter as text, the way every page reads them (lib/http/query.ts).
const one = (value: string | string[] | undefined) => queryValue(value);
/**
 * Where the previous page of claims ended: the last claim's time and id. Only real
 * instants: new Date() accepts dates Postgres refuses (2026-02-30, year -271821).
 */
const claimCursor = cursorCodec('gift-aid-claims', z.object({ createdAt: z.string().refine(isIsoInstant), id: z.uuid() }));
function parseCursor(value: string | undefined) {
  const position = claimCursor.decode(value);
  return position ? { createdAt: new Date(position.createdAt), id: position.id } : undefined;
}

const dayAfter = (isoDay: string) => new Date(Date.parse(`${isoDay}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The UK tax year began on 6 April of this year or the last. */
function taxYearStart(today: string) {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '04-06' ? `${year}-04-06` : `${year - 1}-04-06`;
}

/** Staff: choose a period, check what can be claimed and why not, make the claim, export HMRC's schedule. */
export default async function AdminGiftAidPage({ params, searchParams }: PageProps<'/[locale]/admin/gift-aid'>) {
  const locale = asLocale((await params).locale);
  setRequestLocale(locale);
  await requireRole('staff', { returnTo: getPathname({ href: '/admin/gift-aid', locale }), locale });
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'adminGiftAid' });

  const today = ukToday();
  const asked = query.from !== undefined || query.to !== undefined;
  const parsed = asked ? parseClaimRange({ from: one(query.from), to: one(query.to) }) : null;
  const cursor = parseCursor(one(query.claimsBefore));
  const [{ claims, next }, preview, disputedClaimed] = await Promise.all([
    listClaims(cursor),
    parsed?.ok ? previewClaim(parsed.range) : null,
    listClaimedPaymentsWithLostDisputes(),
  ]);

  // Suggest the period after the latest claim, or the tax year so far.
  const latest = cursor ? undefined : claims[0];
  const suggestedFrom = latest && latest.periodTo < today ? dayAfter(latest.periodTo) : taxYearStart(today);
  const values = asked ? { from: one(query.from) ?? '', to: one(query.to) ?? '' } : { from: suggestedFrom, to: today };
  const range = parsed?.ok ? parsed.range : undefined;

  const base = getPathname({ href: '/admin/gift-aid', locale });
  const keep: Record<string, string> = range ? { from: range.from, to: range.to } : {};
  const olderHref = next
    ? `${base}?${new URLSearchParams({ ...keep, claimsBefore: claimCursor.encode({ createdAt: next.createdAt.toISOString(), id: next.id }) })}`
    : null;
  const newestHref = cursor ? `${base}${range ? `?${new URLSearchParams(keep)}` : ''}#ga-claims-heading` : null;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-muted">{t('intro')}</p>
      {one(query.created) && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('create.created')}
        </p>
      )}
      {one(query.submitted) && (
        <p role="status" className="mt-4 rounded-md border border-accent/40 bg-white px-3 py-2">
          {t('claims.submittedNotice')}
        </p>
      )}
      <DisputedClaimedPayments locale={locale} rows={disputedClaimed} />
      <ClaimRangeForm locale={locale} values={values} errors={parsed && !parsed.ok ? parsed.errors : {}} today={today} />
      {range && preview && <ClaimPreviewSection locale={locale} range={range} preview={preview} />}
      <ClaimsList locale={locale} claims={claims} olderHref={olderHref} newestHref={newestHref} range={range} />
    </div>
  );
}
