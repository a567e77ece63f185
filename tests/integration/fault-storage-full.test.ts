// A staff member uploads a PDF while the file storage is full, or fails mid-write: the form
// must say the file was not saved (with their other input kept), no database row may point
// at a missing or half-written file, no partial file may stay in the storage folder, and
// once there is space again the very same upload must succeed. The storage folder is a
// real 8 MB tmpfs (tests/support/small-disk.ts) filled with a ballast file, so the writes
// fail with ENOSPC part-way, as on a real full disk.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona, type PersonaUser } from '../support/personas';
import { postForm } from '../support/forms';
import { nextHeadersMock, requestContext } from '../support/request-context';
import { mountSmallDisk, smallDiskUnsupported } from '../support/small-disk';

const unsupported = smallDiskUnsupported();
// Before anything reads the configuration: this file's storage folder is the small disk.
const disk = unsupported ? null : await mountSmallDisk(8 * 1024 * 1024);
if (disk) process.env.STORAGE_DIR = disk.dir;

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/cache', () => ({
  updateTag: () => {},
  revalidateTag: () => {},
  revalidatePath: () => {},
  unstable_cache: (fn: unknown) => fn,
}));
const newsletters = await import('@/app/api/admin/newsletters/route');
const publications = await import('@/app/api/admin/publications/route');
const { takeFormDraft } = await import('@/lib/storage/drafts');
const { issueFormStateSchema } = await import('@/lib/newsletter/issue-form');
const { readMultipart } = await import('@/lib/http/multipart');

let staff: PersonaUser;
beforeAll(async () => {
  staff = await createPersona(getSql(), 'staff');
});
beforeEach(() => {
  requestContext.reset();
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
});
afterAll(async () => {
  await disk?.close();
});

const MB = 1024 * 1024;
const ballast = () => path.join(disk!.dir, 'ballast');
/** Fills the disk so that only about `leave` bytes are free (0: none at all). */
function fillDisk(leave: number) {
  fs.rmSync(ballast(), { force: true });
  fs.writeFileSync(ballast(), Buffer.alloc(Math.max(0, disk!.free() - leave)));
  if (leave === 0) {
    try {
      fs.appendFileSync(ballast(), Buffer.alloc(MB));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
    expect(disk!.free()).toBe(0);
  }
}
const freeDisk = () => fs.rmSync(ballast(), { force: true });

/** A PDF by its content (the check is "%PDF-"), of the given size, different every time. */
const pdf = (bytes: number) => {
  const body = Buffer.alloc(bytes, Math.floor(Math.random() * 256));
  body.write('%PDF-1.7\n');
  return new File([body], 'report.pdf', { type: 'application/pdf' });
};

let number = 100;
function issueForm(file: File) {
  const data = new FormData();
  const fields = {
    locale: 'en',
    id: '',
    number: String(++number),
    title: `Issue ${number}`,
    issuedOn: '2026-05-01',
    summary: 'In this issue.',
    bodyMarkdown: '# Long text typed by hand',
  };
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  data.set('pdf', file);
  return data;
}
function publicationForm(title: string, files: { file_en: File; file_es: File }) {
  const data = new FormData();
  const fields = {
    locale: 'en',
    id: '',
    slug: '',
    type: 'report',
    publishedOn: '2026-03-14',
    datePrecision: 'month',
    partner: '',
    titleEn: title,
    summaryEn: 'What it says.',
    titleEs: `${title} (es)`,
    summaryEs: 'Lo que dice.',
  };
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  for (const [k, v] of Object.entries(files)) data.set(k, v);
  return data;
}
const postIssue = (data: FormData) => postForm(newsletters.POST, '/api/admin/newsletters?locale=en', data);
const postPublication = (data: FormData) => postForm(publications.POST, '/api/admin/publications?locale=en', data);
/** As a browser without JavaScript posts the form: the answer is a redirect (or a page). */
const postIssueWithoutJs = (data: FormData, locale = 'en') =>
  newsletters.POST(
    new Request(`http://localhost:3000/api/admin/newsletters?locale=${locale}`, {
      method: 'POST',
      body: data,
      headers: { origin: 'http://localhost:3000' },
    }),
  );

const issueRow = async (n: number) =>
  (await getSql()`select id, pdf_storage_key, pdf_byte_size from newsletter_issues where number = ${n}`)[0];
const publicationRow = async (title: string) =>
  (await getSql()`select p.id from publications p join publication_translations t on t.publication_id = p.id where t.title = ${title}`)[0];

/**
 * What must hold after every upload, whatever failed: every file a row names is there, whole
 * (its size is the row's), and every file in the storage folders is one a row names: no
 * orphan, no temporary file left behind.
 */
async function expectStorageMatchesDatabase() {
  const rows = [
    ...(await getSql()`select pdf_storage_key as key, pdf_byte_size as size from newsletter_issues where pdf_storage_key is not null`),
    ...(await getSql()`select storage_key as key, byte_size as size from publication_files`),
  ];
  // No temporary file anywhere (drafts/ included): a write cut short must not stay behind.
  expect(fs.readdirSync(disk!.dir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
  for (const row of rows) expect(fs.statSync(path.join(disk!.dir, row.key as string)).size, row.key as string).toBe(row.size);
  const onDisk = ['newsletters', 'publications'].flatMap((area) =>
    fs.existsSync(path.join(disk!.dir, area)) ? fs.readdirSync(path.join(disk!.dir, area)).map((f) => `${area}/${f}`) : [],
  );
  expect(onDisk.sort()).toEqual(rows.map((r) => r.key as string).sort());
}

describe.skipIf(!disk)(`uploads when the file storage is full or failing${unsupported ? ` (skipped: ${unsupported})` : ''}`, () => {
  it('storage failing mid-write (the folder vanishes under the upload): says so, leaves nothing, and works when it is back', async () => {
    const data = issueForm(pdf(2 * MB));
    const sent = new Response(data);
    const body = new Uint8Array(await sent.arrayBuffer());
    const folder = path.join(disk!.dir, 'newsletters');
    // First in this file, so that the folder it loses holds no file of a saved issue.
    expect(await getSql()`select count(*)::int as n from newsletter_issues where pdf_storage_key is not null`).toEqual([{ n: 0 }]);
    const free = disk!.free();
    const temporary = () => (fs.existsSync(folder) ? fs.readdirSync(folder) : []).some((f) => f.endsWith('.tmp'));
    let part = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (part === 0) controller.enqueue(body.subarray(0, MB));
        else if (part === 1) {
          // Once the upload is being written, its folder goes (a volume dropped, a clean-up run).
          for (let i = 0; i < 200 && !temporary(); i++) await new Promise((r) => setTimeout(r, 10));
          expect(temporary()).toBe(true);
          fs.rmSync(folder, { recursive: true });
          controller.enqueue(body.subarray(MB));
        } else controller.close();
        part++;
      },
    });
    const request = new Request('http://localhost:3000/api/admin/newsletters?locale=en', {
      method: 'POST',
      body: stream,
      headers: { origin: 'http://localhost:3000', accept: 'application/json', 'content-type': sent.headers.get('content-type')! },
      duplex: 'half',
    } as RequestInit);
    const response = await newsletters.POST(request);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { state: unknown }).state).toMatchObject({
      fieldErrors: { pdf: 'storageFailed' },
      values: { title: `Issue ${number}` },
    });
    expect(await issueRow(number)).toBeUndefined();
    await expectStorageMatchesDatabase();
    // The half-written file, already unlinked with its folder, is closed: its space is back.
    expect(disk!.free()).toBeGreaterThanOrEqual(free - 64 * 1024);

    const saved = await postIssue(data);
    expect(saved.redirect).toMatch(/\/admin\/newsletters\/[0-9a-f-]{36}$/);
    expect((await issueRow(number))!.pdf_byte_size).toBe(2 * MB);
    await expectStorageMatchesDatabase();
  });

  it('newsletter PDF on a full disk: says so, keeps the input, stores nothing; the same upload works once there is space', async () => {
    fillDisk(1 * MB);
    const free = disk!.free();
    const data = issueForm(pdf(2 * MB));
    const refused = await postIssue(data);
    expect(refused.status).toBe(200);
    expect(refused.redirect).toBeUndefined();
    expect(refused.result).toMatchObject({
      fieldErrors: { pdf: 'storageFull' },
      values: { title: `Issue ${number}`, summary: 'In this issue.', bodyMarkdown: '# Long text typed by hand' },
    });
    expect(await issueRow(number)).toBeUndefined();
    await expectStorageMatchesDatabase();
    // The part of the file that did fit was removed, not just hidden: its space is back.
    expect(disk!.free()).toBe(free);

    freeDisk();
    const saved = await postIssue(data);
    expect(saved.redirect).toMatch(/\/admin\/newsletters\/[0-9a-f-]{36}$/);
    const row = await issueRow(number);
    expect(row!.pdf_byte_size).toBe(2 * MB);
    expect(
      Buffer.compare(
        fs.readFileSync(path.join(disk!.dir, row!.pdf_storage_key)),
        Buffer.from(await (data.get('pdf') as File).arrayBuffer()),
      ),
    ).toBe(0);
    await expectStorageMatchesDatabase();
  });

  it('publication with two PDFs, the second too big for what is left: neither is kept, and both are once there is space', async () => {
    fillDisk(1 * MB);
    const data = publicationForm('Full disk report', { file_en: pdf(200 * 1024), file_es: pdf(2 * MB) });
    const refused = await postPublication(data);
    expect(refused.status).toBe(200);
    expect(refused.result).toMatchObject({
      fieldErrors: { file_es: 'storageFull' },
      values: { titleEn: 'Full disk report', titleEs: 'Full disk report (es)' },
    });
    expect(await publicationRow('Full disk report')).toBeUndefined();
    await expectStorageMatchesDatabase();

    freeDisk();
    const saved = await postPublication(data);
    expect(saved.redirect).toMatch(/\/admin\/publications\/[0-9a-f-]{36}\?saved=1$/);
    const { id } = (await publicationRow('Full disk report'))!;
    expect(
      (await getSql()`select locale, byte_size from publication_files where publication_id = ${id} order by locale`).map((r) => [
        r.locale,
        r.byte_size,
      ]),
    ).toEqual([
      ['en', 200 * 1024],
      ['es', 2 * MB],
    ]);
    await expectStorageMatchesDatabase();
  });

  it('without JavaScript: the form comes back with the message and the input', async () => {
    fillDisk(1 * MB);
    const response = await postIssueWithoutJs(issueForm(pdf(2 * MB)));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, 'http://localhost:3000');
    expect(location.pathname).toBe('/admin/newsletters');
    const draft = await takeFormDraft(staff.userId, 'newsletter', location.searchParams.get('draft'), issueFormStateSchema);
    expect(draft).toMatchObject({ fieldErrors: { pdf: 'storageFull' }, values: { title: `Issue ${number}` } });
    expect(await issueRow(number)).toBeUndefined();
    await expectStorageMatchesDatabase();
    freeDisk();
  });

  it('without JavaScript on a disk with no space at all (not even for the draft): a plain message, in the form’s language, not an error page', async () => {
    fillDisk(0);
    const response = await postIssueWithoutJs(issueForm(pdf(100 * 1024)), 'es');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('el almacenamiento de archivos del sitio está lleno');
    expect(await issueRow(number)).toBeUndefined();
    await expectStorageMatchesDatabase();
    freeDisk();
  });

  it('a storage driver that throws (rather than refusing the file) is a server error at once, never a request left hanging', async () => {
    const data = issueForm(pdf(2 * MB));
    const request = new Request('http://localhost:3000/api/admin/newsletters', { method: 'POST', body: data });
    const started = Date.now();
    const reading = readMultipart(
      request,
      { maxBytes: 4 * MB, maxFieldBytes: 1024, maxFields: 20 },
      {
        pdf: async (stream) => {
          for await (const chunk of stream) if (chunk) throw new Error('driver down');
        },
      },
    );
    await expect(reading).rejects.toThrow('driver down');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
