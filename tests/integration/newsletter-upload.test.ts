// Staff uploads: checked by content, refused clearly, and nothing stored when refused.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona } from '../support/personas';
import { postForm } from '../support/forms';
import { nextHeadersMock, requestContext } from '../support/request-context';
import { firstRow } from '../support/rows';
import { isStored, storedKeys } from '../support/stored-files';

vi.mock('next/headers', () => nextHeadersMock);
const { POST } = await import('@/app/api/admin/newsletters/route');
/** The issue form, posted to its route handler as the page's JavaScript does. */
const saveNewsletterIssue = (data: FormData) => postForm(POST, '/api/admin/newsletters?locale=en', data);
const { MAX_UPLOAD_BYTES } = await import('@/lib/storage/upload');

let number = 7000;
beforeAll(async () => {
  const staff = await createPersona(getSql(), 'staff');
  requestContext.cookies.set('authjs.session-token', staff.sessionToken);
});

function form(file: File | null) {
  const data = new FormData();
  for (const [k, v] of Object.entries({ locale: 'en', id: '', number: String(++number), title: 'Upload test', issuedOn: '2026-05-01' }))
    data.set(k, v);
  // As a browser sends it: a file input left empty is a part with no name and no bytes.
  data.set('pdf', file ?? new File([], '', { type: 'application/octet-stream' }));
  return data;
}

const storedFiles = async () => (await storedKeys('newsletters')).length;

describe('newsletter PDF uploads', () => {
  const refusals: [string, File, string][] = [
    ['a renamed .exe', new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'issue.pdf', { type: 'application/pdf' }), 'notPdf'],
    ['an empty file', new File([], 'empty.pdf', { type: 'application/pdf' }), 'empty'],
    ['an oversized file', new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], 'huge.pdf', { type: 'application/pdf' }), 'tooLarge'],
  ];
  for (const [what, file, error] of refusals) {
    it(`refuses ${what} with a clear message, keeps the other fields, stores nothing`, async () => {
      const before = await storedFiles();
      const issues = (await getSql()`select count(*)::int as n from newsletter_issues`)[0]!.n;
      const { result } = await saveNewsletterIssue(form(file));
      expect(result).toMatchObject({ fieldErrors: { pdf: error }, values: { title: 'Upload test' } });
      expect(await storedFiles()).toBe(before);
      expect((await getSql()`select count(*)::int as n from newsletter_issues`)[0]!.n).toBe(issues);
    });
  }

  it('saves an issue when no PDF was chosen (the browser still sends the empty file input)', async () => {
    const before = await storedFiles();
    const { outcome, redirect } = await saveNewsletterIssue(form(null));
    expect(outcome).toBe('ok');
    expect(redirect).toMatch(/\/admin\/newsletters\/[0-9a-f-]{36}$/);
    expect((await getSql()`select pdf_storage_key from newsletter_issues where number = ${number}`)[0]!.pdf_storage_key).toBeNull();
    expect(await storedFiles()).toBe(before);
  });

  it('accepts a real PDF whatever its name says, under a key of our own', async () => {
    const pdf = new File([new TextEncoder().encode('%PDF-1.7\n% test\n')], '../../etc/pässwörd ✓ .exe', {
      type: 'application/octet-stream',
    });
    const { outcome, redirect } = await saveNewsletterIssue(form(pdf));
    expect(outcome).toBe('ok');
    expect(redirect).toMatch(/\/admin\/newsletters\/[0-9a-f-]{36}$/);
    const row = firstRow(await getSql()`select pdf_storage_key, pdf_byte_size from newsletter_issues where number = ${number}`);
    expect(row.pdf_storage_key).toMatch(/^newsletters\/[0-9a-f-]{36}\.pdf$/);
    expect(row.pdf_byte_size).toBe('%PDF-1.7\n% test\n'.length);
    expect(await isStored(row.pdf_storage_key)).toBe(true);
  });
});
