import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/files/publications/[id]/[name]/route';
import { getDb } from '@/db/client';
import { seedDemoContent } from '../support/seed';

type FileRow = { id: string; file_name: string; byte_size: number; locale: string; slug: string };
let files: FileRow[];

const download = (id: string, name = 'x.pdf', query = '') =>
  GET(new Request(`http://localhost/files/publications/${id}/${name}${query}`), { params: Promise.resolve({ id, name }) });

beforeAll(async () => {
  await seedDemoContent();
  files = [
    ...(await getDb().execute<FileRow>(sql`
      select f.id, f.file_name, f.byte_size, f.locale, p.slug from publication_files f
      join publications p on p.id = f.publication_id order by p.slug, f.locale`)),
  ];
});

describe('publication file downloads', () => {
  it('streams the PDF with its type, length, a readable name and long caching', async () => {
    const file = files.find((f) => f.slug === 'artisanal-small-scale-gold-mining-peru' && f.locale === 'es')!;
    const response = await download(file.id, file.file_name);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(file.byte_size));
    expect(response.headers.get('content-disposition')).toContain(`filename="${file.file_name}"`);
    expect(response.headers.get('cache-control')).toContain('max-age=31536000');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.byteLength).toBe(file.byte_size);
  });

  it('opens a PDF in the browser, and saves it when asked to (the Download link)', async () => {
    const file = files.find((f) => f.slug === 'artisanal-small-scale-gold-mining-peru' && f.locale === 'en')!;
    expect((await download(file.id, file.file_name)).headers.get('content-disposition')).toMatch(/^inline; filename="/);
    expect((await download(file.id, file.file_name, '?download=1')).headers.get('content-disposition')).toMatch(/^attachment; filename="/);
    // Any other value is not a request to save.
    expect((await download(file.id, file.file_name, '?download=yes')).headers.get('content-disposition')).toMatch(/^inline; /);
    expect((await download(file.id, file.file_name, '?download=1&download=1')).status).toBe(200);
  });

  it('always saves a file of a type browsers do not show', async () => {
    const file = files.find((f) => f.slug === 'artisanal-small-scale-gold-mining-peru' && f.locale === 'en')!;
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    await getDb().execute(sql`update publication_files set content_type = ${docx} where id = ${file.id}`);
    try {
      const response = await download(file.id, file.file_name);
      expect(response.headers.get('content-type')).toBe(docx);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
    } finally {
      await getDb().execute(sql`update publication_files set content_type = 'application/pdf' where id = ${file.id}`);
    }
  });

  it('answers 404 to path traversal and made-up ids', async () => {
    for (const id of ['../../package.json', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-4000-8000-000000000000', 'publications/x.pdf']) {
      const response = await download(id);
      expect(response.status, id).toBe(404);
    }
  });

  it('does not serve the file of an unpublished publication', async () => {
    const file = files.find((f) => f.slug === 'great-water-debate-peru')!;
    await getDb().execute(sql`update publications set status = 'draft' where slug = 'great-water-debate-peru'`);
    try {
      expect((await download(file.id)).status).toBe(404);
    } finally {
      await getDb().execute(sql`update publications set status = 'published' where slug = 'great-water-debate-peru'`);
    }
  });
});
