import { getTranslations } from 'next-intl/server';
import type { AuditFilters } from '@/db/queries/admin-audit';
import type { AppLocale } from '@/lib/i18n/routing';
import { Field, TextField } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';

/** The log's filters: who, what, which record and when (components/ui/filter-form.tsx). */
export async function AuditFilterForm({
  locale,
  action,
  filters,
  actions,
}: {
  locale: AppLocale;
  action: string;
  filters: AuditFilters;
  actions: string[];
}) {
  const t = await getTranslations({ locale, namespace: 'adminAudit.filters' });
  const prefixes = [...new Set(actions.map((a) => `${a.split('.')[0]}.`))];
  return (
    <FilterForm
      action={action}
      label={t('label')}
      className="sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      actionsClassName="sm:col-span-2 lg:col-span-5"
      applyLabel={t('submit')}
      clearHref={action}
      clearLabel={t('clear')}
    >
      <TextField id="audit-who" name="who" type="email" label={t('who')} hint={t('whoHint')} defaultValue={filters.actorEmail} />
      <Field id="audit-what" label={t('what')} hint={t('whatHint')}>
        {(control) => (
          <>
            <input {...control} name="what" list="audit-actions" defaultValue={filters.action ?? ''} />
            <datalist id="audit-actions">
              {[...prefixes, ...actions].map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <TextField id="audit-entity" name="entity" label={t('entity')} defaultValue={filters.entityId} />
      <div className="grid grid-cols-2 gap-3 lg:col-span-2">
        <TextField id="audit-from" name="from" type="date" label={t('from')} defaultValue={filters.from} />
        <TextField id="audit-to" name="to" type="date" label={t('to')} defaultValue={filters.to} />
      </div>
    </FilterForm>
  );
}
