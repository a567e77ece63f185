// Staff edit the content pages per language: preview without saving, save with audit and
// the public cache refreshed, the other language untouched.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { form } from '../support/forms';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

const updatedTags = vi.hoisted(() => [] as string[]);
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => void updatedTags.push(tag),
  revalidateTag: () => {},
  revalidatePath: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
const { savePageAction } = await import('@/app/[locale]/admin/pages/actions');
const { getPage } = await import('@/db/queries/pages');

let staff: PersonaUser;
beforeAll(async () => {
  await seedDemoContent();
  staff = await createPersona(getSql(), 'staff');
});
beforeEach(() => {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  updatedTags.length = 0;
});

const submit = (fields: Record<string, string>) =>
  outcomeOf(() =>
    savePageAction(
      { values: {} },
      form({
        locale: 'en',
        slug: 'aims',
        pageLocale: 'es',
        title: 'Nuestros objetivos',
        bodyMarkdown: '## Nuevo\n\nTexto **nuevo**.',
        ...fields,
      }),
    ),
  );

describe('editing a content page', () => {
  it('previews without saving anything', async () => {
    const before = await getPage('aims', 'es');
    const { result } = await submit({ intent: 'preview' });
    expect(result).toMatchObject({ done: 'preview', values: { title: 'Nuestros objetivos' } });
    expect(await getPage('aims', 'es')).toEqual(before);
    expect(updatedTags).toEqual([]);
  });

  it('saves the Spanish version only, records who changed it, audits it and refreshes the pages cache', async () => {
    const english = await getPage('aims', 'en');
    const { result } = await submit({ intent: 'save' });
    expect(result).toMatchObject({ done: 'saved' });
    expect(await getPage('aims', 'es')).toEqual({ title: 'Nuestros objetivos', bodyMarkdown: '## Nuevo\n\nTexto **nuevo**.' });
    expect(await getPage('aims', 'en')).toEqual(english);
    const row = firstRow(await getSql()`select updated_by_user_id from pages where slug = 'aims' and locale = 'es'`);
    expect(row.updated_by_user_id).toBe(staff.userId);
    const entries = await getSql()`select action, actor_user_id, entity_id, data from audit_log where entity_type = 'page' order by id`;
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'page.updated',
        actor_user_id: staff.userId,
        entity_id: 'aims/es',
        data: expect.objectContaining({ slug: 'aims', locale: 'es' }),
      }),
    ]);
    expect(updatedTags).toEqual(['pages']);
  });

  it('refuses an empty title, an unknown page or language, keeping the text and saving nothing', async () => {
    const before = await getPage('history', 'en');
    const { result } = await submit({ slug: 'history', pageLocale: 'en', title: '  ', bodyMarkdown: 'Kept text' });
    expect(result).toMatchObject({ fieldErrors: { title: 'invalid' }, values: { bodyMarkdown: 'Kept text' } });
    const { result: odd } = await submit({ slug: 'secrets', pageLocale: 'fr' });
    expect(odd).toMatchObject({ fieldErrors: { slug: 'invalid', pageLocale: 'invalid' } });
    expect(await getPage('history', 'en')).toEqual(before);
    expect(updatedTags).toEqual([]);
  });

  it('is refused to a member', async () => {
    const member = await createPersona(getSql(), 'member');
    requestContext.cookies.set('authjs.session-token', member.sessionToken);
    const before = await getPage('aims', 'en');
    expect((await submit({ pageLocale: 'en', title: 'Hacked' })).outcome).toBe('forbidden');
    expect(await getPage('aims', 'en')).toEqual(before);
  });
});
