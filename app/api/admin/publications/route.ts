import {
  PUBLICATION_FILE_FIELDS,
  refusedPublicationForm,
  savePublicationForm,
  type PublicationFormState,
} from '@/lib/content/publication-form';
import { isUuid } from '@/lib/http/query';
import { staffFormRoute } from '@/lib/http/staff-form-route';
import { getPathname } from '@/lib/i18n/navigation';
import { getStorage } from '@/lib/storage';
import { MAX_UPLOAD_BYTES, storeChosenPdf, type StoredUpload } from '@/lib/storage/upload';

export const dynamic = 'force-dynamic';

/** Staff create or edit a publication, with a PDF per language (lib/http/staff-form-route.ts). */
export const POST = staffFormRoute<PublicationFormState, StoredUpload | null>({
  form: 'publication',
  page: (locale) => getPathname({ href: '/admin/publications/new', locale }),
  draftPage: (locale, state) => {
    const id = state.values.id;
    return getPathname({ href: id && isUuid(id) ? `/admin/publications/${id}` : '/admin/publications/new', locale });
  },
  // Two PDFs and the text fields (titles and summaries are a few KB; topics one field each).
  limits: { maxBytes: PUBLICATION_FILE_FIELDS.length * MAX_UPLOAD_BYTES + 1024 * 1024, maxFieldBytes: 64 * 1024, maxFields: 500 },
  files: Object.fromEntries(
    PUBLICATION_FILE_FIELDS.map((field) => [field, (stream, info) => storeChosenPdf('publications', stream, info)]),
  ),
  discard: async (file) => {
    if (file?.ok) await getStorage().delete(file.storageKey);
  },
  refused: refusedPublicationForm,
  handle: ({ staff, locale, fields, files }) =>
    savePublicationForm(staff.id, locale, {
      values: fields.values,
      topics: fields.all('topics'),
      files: { file_en: files.file_en ?? undefined, file_es: files.file_es ?? undefined },
    }),
});
