import { getTranslations } from 'next-intl/server';
import { LIFECYCLE_STATUSES } from '@/lib/membership/lifecycle';
import { MEMBER_SORTS, type MemberFilter } from '@/lib/membership/staff/member-filter';
import type { AppLocale } from '@/lib/i18n/routing';
import { SubmitButton } from '@/components/ui/button';
import { describedBy, Field, FieldHint, TextField } from '@/components/ui/field';

/** The search and filters: a plain GET form, so the URL holds them and it works without JS. */
export async function MemberFilters({ locale, filter, tiers, clearHref }: { locale: AppLocale; filter: MemberFilter; tiers: { slug: string; name: string }[]; clearHref: string }) {
  const t = await getTranslations({ locale, namespace: 'adminMembers' });
  return (
    <form method="get" role="search" aria-label={t('searchLabel')} className="mt-6 grid gap-4 rounded-lg border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      {/* The hint under the box, where it has always been. */}
      <Field id="members-q" label={t('search')} className="sm:col-span-2 lg:col-span-4">
        {(control) => (
          <>
            <input {...control} {...describedBy('members-q', { hint: true })} name="q" type="search" defaultValue={filter.q ?? ''} />
            <FieldHint id="members-q">{t('searchHint')}</FieldHint>
          </>
        )}
      </Field>
      <Field id="members-status" label={t('filters.status')}>
        {(control) => (
          <select {...control} name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('filters.any')}</option>
            {LIFECYCLE_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="members-tier" label={t('filters.tier')}>
        {(control) => (
          <select {...control} name="tier" defaultValue={filter.tier ?? ''}>
            <option value="">{t('filters.any')}</option>
            {tiers.map((x) => <option key={x.slug} value={x.slug}>{x.name}</option>)}
          </select>
        )}
      </Field>
      <Field id="members-source" label={t('filters.source')}>
        {(control) => (
          <select {...control} name="source" defaultValue={filter.source ?? ''}>
            <option value="">{t('filters.any')}</option>
            {(['stripe', 'offline', 'complimentary'] as const).map((s) => <option key={s} value={s}>{t(`sources.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <TextField id="members-expires" name="expiresWithin" type="number" min={0} max={3660} inputMode="numeric" label={t('filters.expiresWithin')} defaultValue={filter.expiresWithin === undefined ? '' : String(filter.expiresWithin)} />
      <Field id="members-sort" label={t('filters.sort')}>
        {(control) => (
          <select {...control} name="sort" defaultValue={filter.sort}>
            {MEMBER_SORTS.map((s) => <option key={s} value={s}>{t(`sorts.${s}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="members-dir" label={t('filters.dir')}>
        {(control) => (
          <select {...control} name="dir" defaultValue={filter.dir}>
            <option value="asc">{t('dirs.asc')}</option>
            <option value="desc">{t('dirs.desc')}</option>
          </select>
        )}
      </Field>
      <div className="flex items-end gap-3 sm:col-span-2">
        <SubmitButton>{t('filters.apply')}</SubmitButton>
        <a href={clearHref} className="px-2 py-2.5 font-medium text-brand underline underline-offset-2">{t('filters.clear')}</a>
      </div>
    </form>
  );
}
