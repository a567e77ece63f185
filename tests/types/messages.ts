// Checked by the typecheck (npm test's first step), never run: message keys are typed
// (global.d.ts), so a key messages/ does not have, or a form error code without its
// text, fails `tsc`. If one of the @ts-expect-error lines below stopped being an error,
// tsc would fail on it ("Unused '@ts-expect-error' directive").
import type { getTranslations } from 'next-intl/server';
import type { SettingsFormState } from '@/app/[locale]/admin/settings/actions';

type Settings = Awaited<ReturnType<typeof getTranslations<'adminSettings'>>>;

export function typedMessageKeys(t: Settings, state: SettingsFormState) {
  t('errors.amount');
  // @ts-expect-error: adminSettings has no such key
  t('errors.noSuchError');
  // Every error code of the settings forms has its text.
  if (state.error) t(`errors.${state.error}`);
  const other = 'notACode' as const;
  // @ts-expect-error: a code outside the form's codes has no text
  t(`errors.${other}`);
}
