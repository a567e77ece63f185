import { getTranslations } from 'next-intl/server';
import { MEMBER_SORTS, type MemberFilter } from '@/db/queries/admin-members';
import { LIFECYCLE_STATUSES } from '@/db/queries/lifecycle-sql';
import type { AppLocale } from '@/lib/i18n/routing';

const control = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';
const label = 'text-sm font-medium';

/** The search and filters: a plain GET form, so the URL holds them and it works without JS. */
export async function MemberFilters({ locale, filter, tiers, clearHref }: { locale: AppLocale; filter: MemberFilter; tiers: { slug: string; name: string }[]; clearHref: string }) {
  const t = await getTranslations({ locale, namespace: 'adminMembers' });
  return (
    <form method="get" role="search" aria-label={t('searchLabel')} className="mt-6 grid gap-4 rounded-lg border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className="sm:col-span-2 lg:col-span-4">
        <label htmlFor="members-q" className={label}>{t('search')}</label>
        <input id="members-q" name="q" type="search" defaultValue={filter.q ?? ''} aria-describedby="members-q-hint" className={control} />
        <p id="members-q-hint" className="mt-1 text-sm text-muted">{t('searchHint')}</p>
      </div>
      <div>
        <label htmlFor="members-status" className={label}>{t('filters.status')}</label>
        <select id="members-status" name="status" defaultValue={filter.status ?? ''} className={control}>
          <option value="">{t('filters.any')}</option>
          {LIFECYCLE_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="members-tier" className={label}>{t('filters.tier')}</label>
        <select id="members-tier" name="tier" defaultValue={filter.tier ?? ''} className={control}>
          <option value="">{t('filters.any')}</option>
          {tiers.map((x) => <option key={x.slug} value={x.slug}>{x.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="members-source" className={label}>{t('filters.source')}</label>
        <select id="members-source" name="source" defaultValue={filter.source ?? ''} className={control}>
          <option value="">{t('filters.any')}</option>
          {(['stripe', 'offline', 'complimentary'] as const).map((s) => <option key={s} value={s}>{t(`sources.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="members-expires" className={label}>{t('filters.expiresWithin')}</label>
        <input id="members-expires" name="expiresWithin" type="number" min={0} max={3660} inputMode="numeric" defaultValue={filter.expiresWithin ?? ''} className={control} />
      </div>
      <div>
        <label htmlFor="members-sort" className={label}>{t('filters.sort')}</label>
        <select id="members-sort" name="sort" defaultValue={filter.sort} className={control}>
          {MEMBER_SORTS.map((s) => <option key={s} value={s}>{t(`sorts.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="members-dir" className={label}>{t('filters.dir')}</label>
        <select id="members-dir" name="dir" defaultValue={filter.dir} className={control}>
          <option value="asc">{t('dirs.asc')}</option>
          <option value="desc">{t('dirs.desc')}</option>
        </select>
      </div>
      <div className="flex items-end gap-3 sm:col-span-2">
        <button type="submit" className="rounded-md bg-brand px-5 py-2.5 font-medium text-white hover:bg-brand-dark">{t('filters.apply')}</button>
        <a href={clearHref} className="px-2 py-2.5 font-medium text-brand underline underline-offset-2">{t('filters.clear')}</a>
      </div>
    </form>
  );
}
