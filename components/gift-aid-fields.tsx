'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';

const input = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

/**
 * The Gift Aid declaration HMRC needs: name, house and postcode (or, for a UK taxpayer living
 * abroad, the full address and no postcode: HMRC's X), scope, and the taxpayer statement,
 * confirmed. Without JavaScript every field is shown; with it, only on "yes". The scope
 * follows `defaultScope` (a monthly gift: this and future payments) until the donor picks one.
 * `manage`: where the donor can cancel it later, their account or (a guest) the signed link in their receipt.
 */
export function GiftAidFields({
  values,
  errors,
  defaultScope = 'this_and_future',
  manage = 'account',
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  defaultScope?: string;
  manage?: 'account' | 'link';
}) {
  const t = useTranslations('giftAid');
  const te = useTranslations('join.errors');
  const [on, setOn] = useState(values.giftAid === 'on');
  const [abroad, setAbroad] = useState(values.overseas === 'on');
  const [picked, setPicked] = useState<string | null>(values.scope ?? null);
  const scope = picked ?? defaultScope;
  // Until the page is interactive the fields stay visible, so the form works without JavaScript.
  const interactive = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const field = (name: string, label: string, autoComplete: string, errorKey = `ga.${name}`, extra: { help?: string; maxLength?: number; hidden?: boolean } = {}) => {
    const error = errors[errorKey];
    const described = [error && `ga-${name}-error`, extra.help && `ga-${name}-help`].filter(Boolean).join(' ');
    return (
      <div hidden={extra.hidden}>
        <label htmlFor={`ga-${name}`} className="text-sm font-medium">{label}</label>
        <input id={`ga-${name}`} name={name} autoComplete={autoComplete} maxLength={extra.maxLength} defaultValue={values[name] ?? ''} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} className={input} />
        {extra.help && <p id={`ga-${name}-help`} className="mt-1 text-sm text-muted">{extra.help}</p>}
        {error && <p id={`ga-${name}-error`} className="mt-1 text-sm text-brand-dark">{te(error)}</p>}
      </div>
    );
  };
  return (
    <fieldset className="rounded-lg border border-line bg-white p-4">
      <legend className="px-1 font-semibold">{t('title')}</legend>
      <p className="text-sm text-muted">{t('boost')}</p>
      <div className="mt-3 flex items-start gap-3">
        <input id="ga-on" name="giftAid" type="checkbox" defaultChecked={on} onChange={(e) => setOn(e.target.checked)} className="mt-1 h-5 w-5" />
        <label htmlFor="ga-on" className="font-medium">{t('add')}</label>
      </div>
      <div className="mt-4 grid gap-3 sm:grid-cols-2" hidden={interactive && !on}>
        {field('gaTitle', t('titleField'), 'honorific-prefix', 'ga.title')}
        {field('firstName', t('firstName'), 'given-name')}
        {field('lastName', t('lastName'), 'family-name')}
        <div className="flex items-start gap-3 sm:col-span-2">
          <input id="ga-overseas" name="overseas" type="checkbox" defaultChecked={abroad} onChange={(e) => setAbroad(e.target.checked)} className="mt-1 h-5 w-5" />
          <label htmlFor="ga-overseas">{t('overseas')}</label>
        </div>
        {field('houseNameOrNumber', interactive && abroad ? t('addressAbroad') : t('house'), interactive && abroad ? 'street-address' : 'address-line1', 'ga.houseNameOrNumber', {
          help: interactive ? (abroad ? t('addressAbroadHelp') : undefined) : t('houseHelp'),
          maxLength: 40,
        })}
        {field('gaPostcode', t('postcode'), 'postal-code', 'ga.postcode', { hidden: interactive && abroad })}
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium">{t('scope')}</legend>
          {(['this_gift', 'this_and_future', 'past_four_years_and_future'] as const).map((option) => (
            <div key={option} className="mt-1 flex items-start gap-2">
              <input id={`ga-scope-${option}`} type="radio" name="scope" value={option} checked={scope === option} onChange={() => setPicked(option)} className="mt-1" />
              <label htmlFor={`ga-scope-${option}`}>{t(`scopes.${option}`)}</label>
            </div>
          ))}
        </fieldset>
        <p className="rounded-md bg-paper p-3 text-sm sm:col-span-2">{t('statement')}</p>
        <div className="flex items-start gap-3 sm:col-span-2">
          <input id="ga-confirm" name="confirm" type="checkbox" defaultChecked={values.confirm === 'on'} aria-invalid={errors['ga.confirm'] ? true : undefined} aria-describedby={errors['ga.confirm'] ? 'ga-confirm-error' : undefined} className="mt-1 h-5 w-5" />
          <label htmlFor="ga-confirm">{t('confirm')}</label>
        </div>
        {errors['ga.confirm'] && <p id="ga-confirm-error" className="text-sm text-brand-dark sm:col-span-2">{te('confirm')}</p>}
        <p className="text-sm text-muted sm:col-span-2">{t(manage === 'account' ? 'cancelHelp' : 'cancelHelpGuest')}</p>
      </div>
    </fieldset>
  );
}
