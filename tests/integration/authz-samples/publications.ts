// A valid submission for each /admin (publications) action in the matrix, so "ok" means it really ran.
// Imported by ../authorization-actions.test.ts after next/headers and next/cache are mocked.
import { randomBytes } from 'node:crypto';
import { getSql } from '@/db/client';
import { form } from '../../support/forms';
import type { PersonaUser } from '../../support/personas';

const publications = await import('@/app/[locale]/admin/publications/actions');
const topics = await import('@/app/[locale]/admin/publications/topics/actions');

const unique = () => randomBytes(5).toString('hex');
const publicationId = async () =>
  (
    await getSql()`insert into publications (slug, type, published_on) values (${`authz-${unique()}`}, 'report', '2026-01-01') returning id`
  )[0]!.id as string;
const topicId = async () =>
  (await getSql()`insert into topics (slug, name_en, name_es) values (${`authz-${unique()}`}, 'Authz', 'Authz') returning id`)[0]!
    .id as string;

export const samples: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  '[locale]/admin/publications/actions.ts#setPublicationStatusAction': () => async () =>
    publications.setPublicationStatusAction(form({ locale: 'en', id: await publicationId(), publish: 'true' })),
  '[locale]/admin/publications/actions.ts#deletePublicationAction': () => async () =>
    publications.deletePublicationAction(form({ locale: 'en', id: await publicationId(), confirm: 'on' })),
  '[locale]/admin/publications/topics/actions.ts#createTopicAction': () => () =>
    topics.createTopicAction({ values: {} }, form({ locale: 'en', nameEn: `Topic ${unique()}`, nameEs: 'Tema' })),
  '[locale]/admin/publications/topics/actions.ts#renameTopicAction': () => async () =>
    topics.renameTopicAction({ values: {} }, form({ locale: 'en', id: await topicId(), nameEn: 'Renamed', nameEs: 'Renombrado' })),
  '[locale]/admin/publications/topics/actions.ts#deleteTopicAction': () => async () =>
    topics.deleteTopicAction(form({ locale: 'en', id: await topicId(), confirm: 'on' })),
};
