'use client';

import { useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { CheckboxField, TextField } from '@/components/ui/field';
import { Fieldset } from '@/components/ui/fieldset';
import type { GiftAidError } from '@/lib/payments/validation';

/** The codes the declaration's fields are refused with (lib/gift-aid/form.ts); anything else reads 'invalid'. */
const known = (code: string): GiftAidError | 'invalid' =>
  code === 'required' || code === 'ukPostcode' || code === 'confirm' ? code : 'invalid';

/**
 * The Gift Aid declaration HMRC needs: name, house and postcode (or, for a UK taxpayer living
 * abroad, the full address and no postcode: HMRC's X), scope, and the taxpayer statement,
 * confirmed. Without JavaScript every field is shown; with it, only on "yes". The scope
 * follows `defaultScope` (a monthly gift: this and future payments) until the donor picks one.
 * `manage`: where the donor can cancel it later, their account or (a guest) the signed link in their receipt.
 * `errors`: the form's field errors; the declaration's are under `ga.<field>`.
 */
export function GiftAidFields({
  values,
  errors,
  defaultScope = 'this_and_future',
  manage = 'account',
}: {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
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
  const errorOf = (field: string) => {
    const code = errors[`ga.${field}`];
    return code ? te(known(code)) : undefined;
  };
  return (
    <fieldset className="rounded-lg border border-line bg-white p-4">
      <legend className="px-1 font-semibold">{t('title')}</legend>
      <p className="text-sm text-muted">{t('boost')}</p>
      <div className="mt-3 flex items-start gap-3">
        <input
          id="ga-on"
          name="giftAid"
          type="checkbox"
          defaultChecked={on}
          onChange={(e) => setOn(e.target.checked)}
          className="mt-1 h-5 w-5"
        />
        <label htmlFor="ga-on" className="font-medium">
          {t('add')}
        </label>
      </div>
      <div className="mt-4 grid gap-3 sm:grid-cols-2" hidden={interactive && !on}>
        <TextField
          id="ga-gaTitle"
          name="gaTitle"
          label={t('titleField')}
          autoComplete="honorific-prefix"
          defaultValue={values.gaTitle}
          error={errorOf('title')}
        />
        <TextField
          id="ga-firstName"
          name="firstName"
          label={t('firstName')}
          autoComplete="given-name"
          defaultValue={values.firstName}
          error={errorOf('firstName')}
        />
        <TextField
          id="ga-lastName"
          name="lastName"
          label={t('lastName')}
          autoComplete="family-name"
          defaultValue={values.lastName}
          error={errorOf('lastName')}
        />
        <div className="flex items-start gap-3 sm:col-span-2">
          <input
            id="ga-overseas"
            name="overseas"
            type="checkbox"
            defaultChecked={abroad}
            onChange={(e) => setAbroad(e.target.checked)}
            className="mt-1 h-5 w-5"
          />
          <label htmlFor="ga-overseas">{t('overseas')}</label>
        </div>
        <TextField
          id="ga-houseNameOrNumber"
          name="houseNameOrNumber"
          label={interactive && abroad ? t('addressAbroad') : t('house')}
          autoComplete={interactive && abroad ? 'street-address' : 'address-line1'}
          hint={interactive ? (abroad ? t('addressAbroadHelp') : undefined) : t('houseHelp')}
          maxLength={40}
          defaultValue={values.houseNameOrNumber}
          error={errorOf('houseNameOrNumber')}
        />
        {/* Living abroad: no postcode (HMRC's X), so the box goes. */}
        <TextField
          id="ga-gaPostcode"
          name="gaPostcode"
          label={t('postcode')}
          autoComplete="postal-code"
          defaultValue={values.gaPostcode}
          error={errorOf('postcode')}
          className={interactive && abroad ? 'hidden' : undefined}
        />
        <Fieldset id="ga-scope" legend={t('scope')} legendClassName="text-sm" className="sm:col-span-2" error={errorOf('scope')}>
          {(['this_gift', 'this_and_future', 'past_four_years_and_future'] as const).map((option) => (
            <div key={option} className="mt-1 flex items-start gap-2">
              <input
                id={`ga-scope-${option}`}
                type="radio"
                name="scope"
                value={option}
                checked={scope === option}
                onChange={() => setPicked(option)}
                className="mt-1"
              />
              <label htmlFor={`ga-scope-${option}`}>{t(`scopes.${option}`)}</label>
            </div>
          ))}
        </Fieldset>
        <p className="rounded-md bg-paper p-3 text-sm sm:col-span-2">{t('statement')}</p>
        <div className="sm:col-span-2">
          <CheckboxField
            id="ga-confirm"
            name="confirm"
            label={t('confirm')}
            defaultChecked={values.confirm === 'on'}
            error={errorOf('confirm')}
          />
        </div>
        <p className="text-sm text-muted sm:col-span-2">{t(manage === 'account' ? 'cancelHelp' : 'cancelHelpGuest')}</p>
      </div>
    </fieldset>
  );
}
