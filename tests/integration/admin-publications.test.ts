// Staff manage publications: create and edit with a PDF per language, publish, delete;
// uploads checked by content with nothing stored on refusal; the public cache refreshed.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { demoPdf } from '@/db/seed/pdf';
import { createPersona, type PersonaUser } from '../support/personas';
import { postForm } from '../support/forms';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { firstRow } from '../support/rows';
import { isStored, storedBytes, storedKeys } from '../support/stored-files';

const updatedTags = vi.hoisted(() => [] as string[]);
vi.mock('next/headers', () => nextHeadersMock);
// Server actions refresh the cache with updateTag, the form's route handler with revalidateTag.
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => void updatedTags.push(tag),
  revalidateTag: (tag: string) => void updatedTags.push(tag),
  revalidatePath: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
const { setPublicationStatusAction, deletePublicationAction } = await import('@/app/[locale]/admin/publications/actions');
const { POST } = await import('@/app/api/admin/publications/route');
/** The create/edit form, posted to its route handler as the page's JavaScript does. */
const postPublication = (data: FormData) => postForm(POST, '/api/admin/publications?locale=en', data);
const { getPublishedPublication } = await import('@/db/queries/publications');
const { MAX_UPLOAD_BYTES } = await import('@/lib/storage/upload');

let staff: PersonaUser;
let topicIds: string[];
beforeAll(async () => {
  staff = await createPersona(getSql(), 'staff');
  topicIds = (
    await getSql()`insert into topics (slug, name_en, name_es) values ('mining', 'Mining', 'Minería'), ('water', 'Water', 'Agua') returning id`
  ).map((r) => r.id as string);
});
beforeEach(() => {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
  updatedTags.length = 0;
});

const storedFiles = () => storedKeys('publications');
const pdfFile = async (title: string, name = 'report.pdf') =>
  new File([Buffer.from(await demoPdf(title, 'Test'))], name, { type: 'application/pdf' });

function publicationForm(fields: Record<string, string>, files: Record<string, File> = {}, topics: string[] = []) {
  const data = new FormData();
  const defaults = {
    locale: 'en',
    id: '',
    slug: '',
    type: 'report',
    publishedOn: '2026-03-14',
    datePrecision: 'month',
    partner: '',
    titleEn: 'A test report',
    summaryEn: 'What it says.',
    titleEs: '',
    summaryEs: '',
  };
  for (const [k, v] of Object.entries({ ...defaults, ...fields })) data.set(k, v);
  // As a browser sends it: a file input left empty is a part with no name and no bytes.
  for (const k of ['file_en', 'file_es']) data.set(k, files[k] ?? new File([], '', { type: 'application/octet-stream' }));
  for (const topic of topics) data.append('topics', topic);
  return data;
}

async function create(fields: Record<string, string>, files: Record<string, File> = {}, topics: string[] = []) {
  const run = await postPublication(publicationForm(fields, files, topics));
  const id = run.redirect?.match(/\/admin\/publications\/([0-9a-f-]{36})\?saved=1$/)?.[1];
  return { ...run, id };
}

const audit = (id: string) => getSql()<{ action: string; actor_user_id: string; data: Record<string, unknown> }[]>`
  select action, actor_user_id, data from audit_log where entity_type = 'publication' and entity_id = ${id} order by id`;

describe('creating, publishing and editing a publication', () => {
  let id: string;

  it('creates a draft with both language files, topics and a slug made from the English title', async () => {
    const before = await storedFiles();
    const result = await create(
      {
        titleEn: 'Mining and water in Cajamarca',
        summaryEn: 'Conflicts over water.',
        titleEs: 'Minería y agua en Cajamarca',
        summaryEs: 'Conflictos por el agua.',
        partner: 'CooperAcción',
        featured: 'on',
      },
      { file_en: await pdfFile('Mining EN'), file_es: await pdfFile('Minería ES') },
      topicIds,
    );
    expect(result.outcome).toBe('ok');
    id = result.id!;
    expect(id).toBeTruthy();
    const [row] =
      await getSql()`select slug, status, published_on::text, date_precision, partner, featured from publications where id = ${id}`;
    expect(row).toEqual({
      slug: 'mining-and-water-in-cajamarca',
      status: 'draft',
      published_on: '2026-03-01',
      date_precision: 'month',
      partner: 'CooperAcción',
      featured: true,
    });
    const files =
      await getSql()`select locale, storage_key, file_name, byte_size from publication_files where publication_id = ${id} order by locale`;
    expect(files.map((f) => f.locale)).toEqual(['en', 'es']);
    for (const f of files) {
      expect(f.storage_key).toMatch(/^publications\/[0-9a-f-]{36}\.pdf$/);
      expect(f.file_name).toBe(`psg-mining-and-water-in-cajamarca-${f.locale}.pdf`);
      const bytes = await storedBytes(f.storage_key);
      expect(bytes?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes?.byteLength).toBe(f.byte_size);
    }
    expect((await storedFiles()).length).toBe(before.length + 2);
    const es = firstRow(
      await getSql()`select title, topic_names from publication_translations where publication_id = ${id} and locale = 'es'`,
    );
    expect(es.title).toBe('Minería y agua en Cajamarca');
    expect(es.topic_names).toContain('Minería');
    expect(await audit(id)).toEqual([expect.objectContaining({ action: 'publication.created', actor_user_id: staff.userId })]);
    expect(updatedTags).toEqual(['publications']);
    // A draft is not public.
    expect(await getPublishedPublication('en', 'mining-and-water-in-cajamarca')).toBeNull();
  });

  it('publishing puts it in the public library in both languages and refreshes the cache', async () => {
    const result = await outcomeOf(() => setPublicationStatusAction(publicationForm({ id, publish: 'true' })));
    expect(result.redirect).toMatch(new RegExp(`/admin/publications/${id}\\?published=1$`));
    expect(updatedTags).toEqual(['publications']);
    const es = await getPublishedPublication('es', 'mining-and-water-in-cajamarca');
    expect(es).toMatchObject({ title: 'Minería y agua en Cajamarca', isFallback: false });
    expect(es!.files.map((f) => f.locale).sort()).toEqual(['en', 'es']);
    expect(es!.topics.map((t) => t.name).sort()).toEqual(['Agua', 'Minería']);
    expect((await audit(id)).map((a) => a.action)).toEqual(['publication.created', 'publication.published']);
  });

  it('editing replaces one file, removes the other, keeps what was not touched, and deletes the old files after the commit', async () => {
    const old = await getSql()`select locale, storage_key from publication_files where publication_id = ${id} order by locale`;
    const revisedPdf = await pdfFile('Revised EN');
    const result = await postPublication(
      publicationForm(
        {
          id,
          slug: 'mining-and-water-in-cajamarca',
          titleEn: 'Mining and water in Cajamarca (revised)',
          summaryEn: 'Revised.',
          titleEs: 'Minería y agua en Cajamarca',
          summaryEs: 'Revisado.',
          remove_es: 'on',
        },
        { file_en: revisedPdf },
        [topicIds[1]!],
      ),
    );
    expect(result.outcome).toBe('ok');
    expect(result.result).toMatchObject({ done: 'saved' });
    const files = await getSql()`select locale, storage_key from publication_files where publication_id = ${id}`;
    expect(files.map((f) => f.locale)).toEqual(['en']);
    expect(files[0]!.storage_key).not.toBe(old[0]!.storage_key);
    for (const f of old) expect(await isStored(f.storage_key)).toBe(false);
    expect(await isStored(files[0]!.storage_key)).toBe(true);
    const en = await getPublishedPublication('en', 'mining-and-water-in-cajamarca');
    expect(en).toMatchObject({ title: 'Mining and water in Cajamarca (revised)', summary: 'Revised.' });
    expect(en!.topics.map((t) => t.name)).toEqual(['Water']);
    const [entry] = (await audit(id)).slice(-1);
    expect(entry).toMatchObject({ action: 'publication.updated', data: { files: { en: 'replaced', es: 'removed' } } });
    expect(updatedTags).toEqual(['publications']);

    // Saving again with no file keeps the English file as it is.
    await postPublication(
      publicationForm({ id, slug: 'mining-and-water-in-cajamarca', titleEn: 'Mining and water', summaryEn: 'Revised.' }),
    );
    const again = await getSql()`select storage_key from publication_files where publication_id = ${id}`;
    expect(again.map((f) => f.storage_key)).toEqual([files[0]!.storage_key]);
    // The Spanish translation was cleared with its fields, so Spanish readers get English with a note.
    expect(await getPublishedPublication('es', 'mining-and-water-in-cajamarca')).toMatchObject({
      title: 'Mining and water',
      isFallback: true,
    });
  });

  it('deleting needs the confirmation, then removes the row and its files, audited', async () => {
    const keys = (await getSql()`select storage_key from publication_files where publication_id = ${id}`).map(
      (f) => f.storage_key as string,
    );
    const unconfirmed = await outcomeOf(() => deletePublicationAction(publicationForm({ id })));
    expect(unconfirmed.redirect).toMatch(/\?delete=confirm$/);
    expect((await getSql()`select count(*)::int as n from publications where id = ${id}`)[0]!.n).toBe(1);

    const result = await outcomeOf(() => deletePublicationAction(publicationForm({ id, confirm: 'on' })));
    expect(result.redirect).toMatch(/\/admin\/publications\?deleted=mining-and-water-in-cajamarca$/);
    expect((await getSql()`select count(*)::int as n from publications where id = ${id}`)[0]!.n).toBe(0);
    for (const key of keys) expect(await isStored(key)).toBe(false);
    expect((await audit(id)).map((a) => a.action).slice(-1)).toEqual(['publication.deleted']);
    expect(updatedTags).toEqual(['publications']);
    expect(await getPublishedPublication('en', 'mining-and-water-in-cajamarca')).toBeNull();
  });
});

describe('a time-released newsletter entry', () => {
  it('can be edited keeping its type, but not deleted (the release would make it again)', async () => {
    const pub = firstRow(
      await getSql()`insert into publications (slug, type, status, published_on) values ('newsletter-777', 'newsletter', 'published', '2024-01-01') returning id`,
    );
    await getSql()`insert into publication_translations (publication_id, locale, title, summary) values (${pub.id}, 'en', 'Newsletter 777', 'Old issue.')`;
    await getSql()`insert into newsletter_issues (number, title, issued_on, published, released_publication_id) values (777, 'Old issue', '2024-01-01', true, ${pub.id})`;
    const edit = await postPublication(
      publicationForm({ id: pub.id, slug: 'newsletter-777', type: 'newsletter', titleEn: 'Newsletter 777: land', summaryEn: 'Old issue.' }),
    );
    expect(edit.result).toMatchObject({ done: 'saved' });
    const refused = await outcomeOf(() => deletePublicationAction(publicationForm({ id: pub.id, confirm: 'on' })));
    expect(refused.redirect).toMatch(/\?delete=released$/);
    expect((await getSql()`select type, slug from publications where id = ${pub.id}`)[0]).toEqual({
      type: 'newsletter',
      slug: 'newsletter-777',
    });
    expect((await audit(pub.id)).map((a) => a.action)).toEqual(['publication.updated']);
  });
});

describe('refused input stores nothing', () => {
  const count = async () => (await getSql()`select count(*)::int as n from publications`)[0]!.n as number;
  const refusals: [string, () => File, string][] = [
    [
      'a renamed .exe',
      () => new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'report.pdf', { type: 'application/pdf' }),
      'notPdf',
    ],
    ['an empty file', () => new File([], 'empty.pdf', { type: 'application/pdf' }), 'empty'],
    ['a file over 50 MB', () => new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'huge.pdf', { type: 'application/pdf' }), 'tooLarge'],
  ];
  for (const [what, file, error] of refusals) {
    it(`refuses ${what} as the Spanish file, even with a good English one, keeping the other fields`, async () => {
      const [before, rows] = [await storedFiles(), await count()];
      const { result } = await postPublication(
        publicationForm({ titleEn: 'Refused upload' }, { file_en: await pdfFile('ok'), file_es: file() }, [topicIds[0]!]),
      );
      expect(result).toMatchObject({ fieldErrors: { file_es: error }, values: { titleEn: 'Refused upload' }, topics: [topicIds[0]] });
      expect(await storedFiles()).toEqual(before);
      expect(await count()).toBe(rows);
      expect(updatedTags).toEqual([]);
    });
  }

  it('accepts a real PDF whatever its name says, stored under a key and a name of our own', async () => {
    const { id, outcome } = await create({ titleEn: 'Odd names' }, { file_en: await pdfFile('odd', '../../etc/pässwörd ✓ .exe') });
    expect(outcome).toBe('ok');
    const f = firstRow(await getSql()`select storage_key, file_name from publication_files where publication_id = ${id!}`);
    expect(f.storage_key).toMatch(/^publications\/[0-9a-f-]{36}\.pdf$/);
    expect(f.file_name).toBe('psg-odd-names-en.pdf');
  });

  it('a slug already in use is a clear error on the slug field, and the uploaded file is not kept', async () => {
    await create({ titleEn: 'Slug clash', slug: 'slug-clash' });
    const [before, rows] = [await storedFiles(), await count()];
    const { result } = await postPublication(
      publicationForm({ titleEn: 'Another title', slug: 'slug-clash' }, { file_en: await pdfFile('clash') }),
    );
    expect(result).toMatchObject({ fieldErrors: { slug: 'duplicate' }, values: { titleEn: 'Another title', slug: 'slug-clash' } });
    expect(await storedFiles()).toEqual(before);
    expect(await count()).toBe(rows);
  });

  it('refuses a malformed slug, a missing English summary, a Spanish summary without a title, a bad date and the newsletter type', async () => {
    const rows = await count();
    const { result } = await postPublication(
      publicationForm({ slug: 'Not a Slug!', summaryEn: '', summaryEs: 'Sin título', publishedOn: '2026-02-31x', type: 'newsletter' }),
    );
    expect(result).toMatchObject({ fieldErrors: { summaryEn: 'invalid', titleEs: 'required', publishedOn: 'invalid' } });
    const { result: slugResult } = await postPublication(publicationForm({ slug: 'Not a Slug!' }));
    expect(slugResult).toMatchObject({ fieldErrors: { slug: 'slugFormat' } });
    const { result: typeResult } = await postPublication(publicationForm({ type: 'newsletter' }));
    expect(typeResult).toMatchObject({ fieldErrors: { type: 'newsletterType' } });
    expect(await count()).toBe(rows);
  });

  it('a member is refused and nothing is stored', async () => {
    const member = await createPersona(getSql(), 'member');
    requestContext.cookies.set('authjs.session-token', member.sessionToken);
    const before = await storedFiles();
    const { outcome } = await postPublication(publicationForm({ titleEn: 'Member try' }, { file_en: await pdfFile('m') }));
    expect(outcome).toBe('forbidden');
    expect(await storedFiles()).toEqual(before);
  });
});
