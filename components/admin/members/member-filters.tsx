import { getTranslations } from 'next-intl/server';
import { LIFECYCLE_STATUSES } from '@/lib/membership/lifecycle';
import { MEMBER_SORTS, type MemberFilter } from '@/lib/membership/staff/member-filter';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { describedBy, Field, FieldHint, SelectField, TextField } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';

/** The search and filters: a plain GET form, so the URL holds them and it works without JS. */
export async function MemberFilters({
  locale,
  filter,
  tiers,
  clearHref,
}: {
  locale: AppLocale;
  filter: MemberFilter;
  tiers: { slug: string; name: string }[];
  clearHref: string;
}) {
  const t = await getTranslations({ locale, namespace: 'adminMembers' });
  return (
    <FilterForm
      action={getPathname({ href: '/admin/members', locale })}
      label={t('searchLabel')}
      className="sm:grid-cols-2 lg:grid-cols-4"
      actionsClassName="self-end sm:col-span-2"
      applyLabel={t('filters.apply')}
      clearHref={clearHref}
      clearLabel={t('filters.clear')}
    >
      {/* The hint under the box, where it has always been. */}
      <Field id="members-q" label={t('search')} className="sm:col-span-2 lg:col-span-4">
        {(control) => (
          <>
            <input {...control} {...describedBy('members-q', { hint: true })} name="q" type="search" defaultValue={filter.q ?? ''} />
            <FieldHint id="members-q">{t('searchHint')}</FieldHint>
          </>
        )}
      </Field>
      <SelectField
        id="members-status"
        name="status"
        label={t('filters.status')}
        anyLabel={t('filters.any')}
        value={filter.status}
        options={LIFECYCLE_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
      />
      <SelectField
        id="members-tier"
        name="tier"
        label={t('filters.tier')}
        anyLabel={t('filters.any')}
        value={filter.tier}
        options={tiers.map((x) => ({ value: x.slug, label: x.name }))}
      />
      <SelectField
        id="members-source"
        name="source"
        label={t('filters.source')}
        anyLabel={t('filters.any')}
        value={filter.source}
        options={(['stripe', 'offline', 'complimentary'] as const).map((s) => ({ value: s, label: t(`sources.${s}`) }))}
      />
      <TextField
        id="members-expires"
        name="expiresWithin"
        type="number"
        min={0}
        max={3660}
        inputMode="numeric"
        label={t('filters.expiresWithin')}
        defaultValue={filter.expiresWithin === undefined ? '' : String(filter.expiresWithin)}
      />
      <SelectField
        id="members-sort"
        name="sort"
        label={t('filters.sort')}
        value={filter.sort}
        options={MEMBER_SORTS.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
      />
      <SelectField
        id="members-dir"
        name="dir"
        label={t('filters.dir')}
        value={filter.dir}
        options={[
          { value: 'asc', label: t('dirs.asc') },
          { value: 'desc', label: t('dirs.desc') },
        ]}
      />
    </FilterForm>
  );
}
