'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  saveBankDetailsAction,
  saveGraceDaysAction,
  setStaffRoleAction,
  type SettingsFormState,
} from '@/app/[locale]/admin/settings/actions';
import { SubmitButton } from '@/components/ui/button';
import { Field as UiField } from '@/components/ui/field';
import { Confirm, Field, Outcome } from './form-parts';

export function GraceDaysForm({ locale, current }: { locale: string; current: number }) {
  const t = useTranslations('adminSettings.grace');
  const [state, action] = useActionState<SettingsFormState, FormData>(saveGraceDaysAction, { values: { graceDays: String(current) } });
  return (
    <form action={action} className="mt-4 grid max-w-sm gap-3">
      <input type="hidden" name="locale" value={locale} />
      <Outcome state={state} savedText={t('saved', { days: Number(state.vars?.days ?? 0) })} />
      <Field id="grace-days" name="graceDays" label={t('label')} hint={t('hint')} state={state} type="number" inputMode="numeric" />
      <SubmitButton size="md" className="justify-self-start">
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

export function BankDetailsForm({ locale, current }: { locale: string; current: Record<string, string> }) {
  const t = useTranslations('adminSettings.bank');
  const [state, action] = useActionState<SettingsFormState, FormData>(saveBankDetailsAction, { values: current });
  const field = (
    name: 'accountName' | 'bank' | 'sortCode' | 'accountNumber' | 'referenceHintEn' | 'referenceHintEs',
    extra: { hint?: string; inputMode?: 'numeric' } = {},
  ) => <Field id={`bank-${name}`} name={name} label={t(name)} state={state} {...extra} />;
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <div className="sm:col-span-2">
        <Outcome state={state} savedText={t('saved')} />
      </div>
      {field('accountName')}
      {field('bank')}
      {field('sortCode', { hint: t('sortCodeHint'), inputMode: 'numeric' })}
      {field('accountNumber', { hint: t('accountNumberHint'), inputMode: 'numeric' })}
      {field('referenceHintEn')}
      {field('referenceHintEs')}
      <SubmitButton size="md" className="justify-self-start sm:col-span-2">
        {t('submit')}
      </SubmitButton>
    </form>
  );
}

export function StaffRoleForm({ locale }: { locale: string }) {
  const t = useTranslations('adminSettings.roles');
  const [state, action] = useActionState<SettingsFormState, FormData>(setStaffRoleAction, { values: { role: 'staff' } });
  const { email = '', role = '' } = state.vars ?? {};
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="locale" value={locale} />
      <div className="sm:col-span-2">
        <Outcome
          state={state}
          savedText={t('saved', { email, role: role === 'member' || role === 'staff' || role === 'admin' ? t(`role.${role}`) : '' })}
        />
      </div>
      <Field id="role-email" name="email" label={t('email')} hint={t('emailHint')} state={state} type="email" />
      <UiField id="role-role" label={t('newRole')}>
        {(control) => (
          <select {...control} name="role" defaultValue={state.values.role ?? 'staff'}>
            {(['member', 'staff', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </UiField>
      <div className="sm:col-span-2">
        <Confirm id="role-confirm" label={t('confirm')} state={state} />
      </div>
      <SubmitButton size="md" className="justify-self-start sm:col-span-2">
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
