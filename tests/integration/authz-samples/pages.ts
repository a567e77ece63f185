// A valid submission for each /admin (pages) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { form } from '../../support/forms';
import type { PersonaUser } from '../../support/personas';

const pages = await import('@/app/[locale]/admin/pages/actions');

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  '[locale]/admin/pages/actions.ts#savePageAction': () => () =>
    pages.savePageAction(
      { values: {} },
      form({ locale: 'en', slug: 'history', pageLocale: 'es', title: 'Historia', bodyMarkdown: 'Texto de **prueba**.', intent: 'save' }),
    ),
};
