'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { changeTierPriceAction, createTierAction, type SettingsFormState } from '@/app/[locale]/admin/settings/actions';
import { SubmitButton } from '@/components/ui/button';
import { Field as UiField } from '@/components/ui/field';
import { Confirm, Field, Outcome } from './form-parts';

/** New annual price for one tier: confirmed, then a new Stripe price is made. */
export function TierPriceForm({
  locale,
  tierId,
  tierName,
  currentPounds,
}: {
  locale: string;
  tierId: string;
  tierName: string;
  currentPounds: string;
}) {
  const t = useTranslations('adminSettings.tiers');
  const [state, action] = useActionState<SettingsFormState, FormData>(changeTierPriceAction, { values: { price: currentPounds } });
  const id = `price-${tierId}`;
  return (
    <form action={action} className="grid gap-3" aria-label={t('priceFormLabel', { tier: tierName })}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="tierId" value={tierId} />
      <Outcome state={state} savedText={t('priceSaved', { tier: tierName })} />
      <Field id={id} name="price" label={t('newPrice', { tier: tierName })} state={state} inputMode="decimal" />
      <Confirm id={`${id}-confirm`} label={t('confirmPrice')} state={state} />
      <SubmitButton size="md" className="justify-self-start">
        {t('changePrice')}
      </SubmitButton>
    </form>
  );
}

export function NewTierForm({ locale }: { locale: string }) {
  const t = useTranslations('adminSettings.newTier');
  const [state, action] = useActionState<SettingsFormState, FormData>(createTierAction, {
    values: { sortOrder: '10', benefitsNewsletterOnly: 'on' },
  });
  const textarea = (name: 'descriptionEn' | 'descriptionEs') => (
    <UiField id={`tier-${name}`} label={t(name)}>
      {(control) => <textarea {...control} name={name} rows={3} defaultValue={state.values[name] ?? ''} />}
    </UiField>
  );
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <div className="sm:col-span-2">
        <Outcome state={state} savedText={t('saved', { slug: state.vars?.slug ?? '' })} />
      </div>
      <Field id="tier-slug" name="slug" label={t('slug')} hint={t('slugHint')} state={state} />
      <Field id="tier-price" name="price" label={t('price')} hint={t('priceHint')} state={state} inputMode="decimal" />
      <Field id="tier-nameEn" name="nameEn" label={t('nameEn')} state={state} />
      <Field id="tier-nameEs" name="nameEs" label={t('nameEs')} state={state} />
      {textarea('descriptionEn')}
      {textarea('descriptionEs')}
      <Field id="tier-sortOrder" name="sortOrder" label={t('sortOrder')} state={state} type="number" />
      <div className="flex items-start gap-2 self-end">
        <input
          id="tier-benefits"
          name="benefitsNewsletterOnly"
          type="checkbox"
          defaultChecked={state.values.benefitsNewsletterOnly === 'on'}
          className="mt-1 size-4"
          aria-describedby="tier-benefits-hint"
        />
        <div>
          <label htmlFor="tier-benefits" className="text-sm font-medium">
            {t('benefitsNewsletterOnly')}
          </label>
          <p id="tier-benefits-hint" className="text-sm text-muted">
            {t('benefitsHint')}
          </p>
        </div>
      </div>
      <SubmitButton size="md" className="justify-self-start sm:col-span-2">
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
