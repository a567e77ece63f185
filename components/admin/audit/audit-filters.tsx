import { getTranslations } from 'next-intl/server';
import type { AuditFilters } from '@/db/queries/admin-audit';
import type { AppLocale } from '@/lib/i18n/routing';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/** A GET form: the filters live in the URL, work without JavaScript, and can be bookmarked. */
export async function AuditFilterForm({ locale, action, filters, actions }: { locale: AppLocale; action: string; filters: AuditFilters; actions: string[] }) {
  const t = await getTranslations({ locale, namespace: 'adminAudit.filters' });
  const prefixes = [...new Set(actions.map((a) => `${a.split('.')[0]}.`))];
  return (
    <form method="get" action={action} role="search" aria-label={t('label')} className="mt-6 grid gap-4 rounded-lg border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
      <div>
        <label htmlFor="audit-who" className="text-sm font-medium">{t('who')}</label>
        <input id="audit-who" name="who" type="email" defaultValue={filters.actorEmail ?? ''} className={input} aria-describedby="audit-who-hint" />
        <p id="audit-who-hint" className="mt-1 text-xs text-muted">{t('whoHint')}</p>
      </div>
      <div>
        <label htmlFor="audit-what" className="text-sm font-medium">{t('what')}</label>
        <input id="audit-what" name="what" list="audit-actions" defaultValue={filters.action ?? ''} className={input} aria-describedby="audit-what-hint" />
        <datalist id="audit-actions">
          {[...prefixes, ...actions].map((a) => <option key={a} value={a} />)}
        </datalist>
        <p id="audit-what-hint" className="mt-1 text-xs text-muted">{t('whatHint')}</p>
      </div>
      <div>
        <label htmlFor="audit-entity" className="text-sm font-medium">{t('entity')}</label>
        <input id="audit-entity" name="entity" defaultValue={filters.entityId ?? ''} className={input} />
      </div>
      <div className="grid grid-cols-2 gap-3 lg:col-span-2">
        <div>
          <label htmlFor="audit-from" className="text-sm font-medium">{t('from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ''} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className="text-sm font-medium">{t('to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ''} className={input} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-5">
        <button type="submit" className="rounded-md bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark">{t('submit')}</button>
        <a href={action} className="text-brand underline underline-offset-2">{t('clear')}</a>
      </div>
    </form>
  );
}
