import { staffFormRoute } from '@/lib/http/staff-form-route';
import { isUuid } from '@/lib/http/query';
import { getPathname } from '@/lib/i18n/navigation';
import { refusedIssueForm, saveIssueForm, type IssueFormState } from '@/lib/newsletter/issue-form';
import { getStorage } from '@/lib/storage';
import { MAX_UPLOAD_BYTES, storeChosenPdf, type StoredUpload } from '@/lib/storage/upload';

export const dynamic = 'force-dynamic';

/** Staff create or edit a newsletter issue, with its PDF (lib/http/staff-form-route.ts). */
export const POST = staffFormRoute<IssueFormState, StoredUpload | null>({
  form: 'newsletter',
  page: (locale) => getPathname({ href: '/admin/newsletters', locale }),
  draftPage: (locale, state) => {
    const id = state.values.id;
    return getPathname({ href: id && isUuid(id) ? `/admin/newsletters/${id}` : '/admin/newsletters', locale });
  },
  // The PDF and the text fields; the Markdown body is up to 200,000 characters.
  limits: { maxBytes: MAX_UPLOAD_BYTES + 2 * 1024 * 1024, maxFieldBytes: 1024 * 1024, maxFields: 20 },
  files: { pdf: (stream, info) => storeChosenPdf('newsletters', stream, info) },
  discard: async (file) => {
    if (file?.ok) await getStorage().delete(file.storageKey);
  },
  refused: refusedIssueForm,
  handle: ({ staff, locale, fields, files }) => saveIssueForm(staff.id, locale, { values: fields.values, pdf: files.pdf ?? undefined }),
});
