// The staff list (keyset pages, search, filters) and the topic list (add, rename, delete).
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { form } from '../support/forms';
import { firstRow } from '../support/rows';

const updatedTags = vi.hoisted(() => [] as string[]);
vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => void updatedTags.push(tag),
  revalidateTag: () => {},
  revalidatePath: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
const { listPublicationsForStaff: listAdminPublications } = await import('@/lib/content/publication-list');
const { createTopicAction, renameTopicAction, deleteTopicAction } = await import('@/app/[locale]/admin/publications/topics/actions');

let staff: PersonaUser;
beforeAll(async () => {
  staff = await createPersona(getSql(), 'staff');
  // 130 publications, several on the same date (the id breaks ties), a few drafts and briefings.
  await getSql()`
    insert into publications (slug, type, status, published_on)
    select 'pub-' || n, (case when n % 10 = 0 then 'briefing' else 'report' end)::publication_type,
           (case when n % 7 = 0 then 'draft' else 'published' end)::publication_status,
           date '2020-01-01' + (n / 3)
    from generate_series(1, 130) n`;
  await getSql()`
    insert into publication_translations (publication_id, locale, title, summary)
    select id, 'en', 'Report number ' || substr(slug, 5), '' from publications where slug like 'pub-%'`;
  await getSql()`update publication_translations set title = 'Minería informal en Madre de Dios' where publication_id = (select id from publications where slug = 'pub-42')`;
});
beforeEach(() => {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  updatedTags.length = 0;
});

describe('the staff list of publications', () => {
  it('walks every publication once, newest first, 50 a page forward and back by keyset', async () => {
    const seen: string[] = [];
    const pages = [];
    let after: string | undefined;
    do {
      const page = await listAdminPublications({ pageSize: 50, after });
      pages.push(page);
      seen.push(...page.items.map((i) => i.slug));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 30]);
    expect(new Set(seen).size).toBe(130);
    const dates = pages.flatMap((p) => p.items.map((i) => i.publishedOn));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(pages[0]!.prevCursor).toBeNull();
    expect(pages[2]!.nextCursor).toBeNull();

    // Back from the third page gives exactly the second, and from there the first.
    const back = await listAdminPublications({ pageSize: 50, before: pages[2]!.prevCursor! });
    expect(back.items.map((i) => i.slug)).toEqual(pages[1]!.items.map((i) => i.slug));
    const start = await listAdminPublications({ pageSize: 50, before: back.prevCursor! });
    expect(start.items.map((i) => i.slug)).toEqual(pages[0]!.items.map((i) => i.slug));
    expect(start.prevCursor).toBeNull();
    expect(start.nextCursor).not.toBeNull();
  });

  it('filters by status and type, drafts included', async () => {
    const drafts = await listAdminPublications({ pageSize: 50, status: 'draft' });
    expect(drafts.items.length).toBe(18);
    expect(drafts.items.every((i) => i.status === 'draft')).toBe(true);
    const briefings = await listAdminPublications({ pageSize: 50, type: 'briefing', status: 'published' });
    expect(briefings.items.map((i) => i.slug).sort()).toEqual([
      'pub-10',
      'pub-100',
      'pub-110',
      'pub-120',
      'pub-130',
      'pub-20',
      'pub-30',
      'pub-40',
      'pub-50',
      'pub-60',
      'pub-80',
      'pub-90',
    ]);
  });

  it('searches titles by word prefixes, whatever the accents or case, and search syntax is just text', async () => {
    expect((await listAdminPublications({ pageSize: 50, q: 'MINERIA informal' })).items.map((i) => i.slug)).toEqual(['pub-42']);
    expect((await listAdminPublications({ pageSize: 50, q: 'minería infor' })).items.map((i) => i.slug)).toEqual(['pub-42']);
    const twelves = [
      'pub-12',
      'pub-120',
      'pub-121',
      'pub-122',
      'pub-123',
      'pub-124',
      'pub-125',
      'pub-126',
      'pub-127',
      'pub-128',
      'pub-129',
    ];
    expect((await listAdminPublications({ pageSize: 50, q: 'number 12' })).items.map((i) => i.slug).sort()).toEqual(twelves);
    expect((await listAdminPublications({ pageSize: 50, q: "12 & !(' |" })).items.map((i) => i.slug).sort()).toEqual(twelves);
    expect((await listAdminPublications({ pageSize: 50, q: '% _ *' })).items).toEqual([]);
    // Summaries are not titles.
    await getSql()`update publication_translations set summary = 'glaciers' where publication_id = (select id from publications where slug = 'pub-3')`;
    expect((await listAdminPublications({ pageSize: 50, q: 'glaciers' })).items).toEqual([]);
  });

  it('ignores a forged or edited cursor instead of failing: the first page', async () => {
    const firstPage = await listAdminPublications({ pageSize: 50 });
    const page = await listAdminPublications({ pageSize: 50, after: "2020-01-01~x' or 1=1 --" });
    expect(page.items).toEqual(firstPage.items);
    const [body, signature] = firstPage.nextCursor!.split('.');
    const edited = Buffer.from(
      JSON.stringify({ date: '1999-01-01', id: JSON.parse(Buffer.from(body!, 'base64url').toString()).id }),
    ).toString('base64url');
    expect((await listAdminPublications({ pageSize: 50, after: `${edited}.${signature}` })).items).toEqual(firstPage.items);
    expect((await listAdminPublications({ pageSize: 50, after: firstPage.nextCursor! })).items).not.toEqual(firstPage.items);
  });
});

describe('topics', () => {
  const audit = (id: string) =>
    getSql()<{ action: string }[]>`select action from audit_log where entity_type = 'topic' and entity_id = ${id} order by id`;

  it('adds a topic with a slug made from its English name, and refreshes topics and publications', async () => {
    const { result } = await outcomeOf(() =>
      createTopicAction({ values: {} }, form({ locale: 'en', nameEn: 'Climate & Andean glaciers', nameEs: 'Clima y glaciares andinos' })),
    );
    expect(result).toEqual({ values: {}, done: 'added' });
    const topic = firstRow(await getSql()`select id, slug from topics where name_en = 'Climate & Andean glaciers'`);
    expect(topic.slug).toBe('climate-andean-glaciers');
    expect(await audit(topic.id)).toEqual([{ action: 'topic.created' }]);
    expect(updatedTags.sort()).toEqual(['publications', 'topics']);

    const { result: again } = await outcomeOf(() =>
      createTopicAction({ values: {} }, form({ locale: 'en', nameEn: 'Climate: Andean glaciers', nameEs: 'Otro' })),
    );
    expect(again).toMatchObject({ fieldErrors: { slug: 'duplicate' }, values: { nameEn: 'Climate: Andean glaciers' } });
  });

  it('renames a topic, keeps its slug, and the search text of its publications follows', async () => {
    const topic = firstRow(await getSql()`insert into topics (slug, name_en, name_es) values ('gender', 'Gender', 'Género') returning id`);
    const pub = firstRow(await getSql()`select id from publications where slug = 'pub-1'`);
    await getSql()`insert into publication_topics (publication_id, topic_id) values (${pub.id}, ${topic.id})`;
    const { result } = await outcomeOf(() =>
      renameTopicAction({ values: {} }, form({ locale: 'en', id: topic.id, nameEn: 'Gender and women', nameEs: 'Género y mujeres' })),
    );
    expect(result).toMatchObject({ done: 'saved' });
    const [row] = await getSql()`select slug, name_en from topics where id = ${topic.id}`;
    expect(row).toEqual({ slug: 'gender', name_en: 'Gender and women' });
    const tr = firstRow(await getSql()`select topic_names from publication_translations where publication_id = ${pub.id}`);
    expect(tr.topic_names).toContain('mujeres');
    expect(await audit(topic.id)).toEqual([{ action: 'topic.renamed' }]);

    const { result: blank } = await outcomeOf(() =>
      renameTopicAction({ values: {} }, form({ locale: 'en', id: topic.id, nameEn: ' ', nameEs: 'x' })),
    );
    expect(blank).toMatchObject({ fieldErrors: { nameEn: 'invalid' } });
  });

  it('refuses to delete a topic in use, and deletes an unused one once confirmed', async () => {
    const used = firstRow(await getSql()`select id from topics where slug = 'gender'`);
    const refused = await outcomeOf(() => deleteTopicAction(form({ locale: 'en', id: used.id, confirm: 'on' })));
    expect(refused.redirect).toMatch(/error=inUse.*count=1/);
    expect((await getSql()`select count(*)::int as n from topics where id = ${used.id}`)[0]!.n).toBe(1);
    expect(updatedTags).toEqual([]);

    const unused = firstRow(
      await getSql()`insert into topics (slug, name_en, name_es) values ('unused', 'Unused', 'Sin uso') returning id`,
    );
    const unconfirmed = await outcomeOf(() => deleteTopicAction(form({ locale: 'en', id: unused.id })));
    expect(unconfirmed.redirect).toMatch(/error=confirm/);
    const done = await outcomeOf(() => deleteTopicAction(form({ locale: 'en', id: unused.id, confirm: 'on' })));
    expect(done.redirect).toMatch(/\/admin\/publications\/topics\?deleted=1$/);
    expect((await getSql()`select count(*)::int as n from topics where id = ${unused.id}`)[0]!.n).toBe(0);
    expect(await audit(unused.id)).toEqual([{ action: 'topic.deleted' }]);
    expect(updatedTags.sort()).toEqual(['publications', 'topics']);
  });
});
