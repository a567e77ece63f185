import { staffFormRoute } from '@/lib/http/staff-form-route';
import { getPathname } from '@/lib/i18n/navigation';
import {
  MAX_IMPORT_BYTES,
  previewImportUpload,
  refusedImportForm,
  type ImportUpload,
  type ImportUploadState,
} from '@/lib/membership/import-preview';
import { readUpload } from '@/lib/storage/upload';

export const dynamic = 'force-dynamic';

/** Staff upload a member CSV to check (step 1 of an import; lib/http/staff-form-route.ts). */
export const POST = staffFormRoute<ImportUploadState, ImportUpload>({
  form: 'member-import',
  page: (locale) => getPathname({ href: '/admin/members/import', locale }),
  draftPage: (locale) => getPathname({ href: '/admin/members/import', locale }),
  // Up to twice the CSV limit is read, so that a file just over it is named in the refusal.
  limits: { maxBytes: 2 * MAX_IMPORT_BYTES, maxFieldBytes: 1024, maxFields: 5 },
  // The CSV is checked in memory (at most MAX_IMPORT_BYTES of it), never stored.
  files: {
    file: async (stream, info) => {
      const read = await readUpload(stream, MAX_IMPORT_BYTES);
      return { fileName: info.filename, bytes: read.ok ? read.bytes : null };
    },
  },
  discard: async () => {},
  refused: refusedImportForm,
  handle: ({ staff, locale, files }) => previewImportUpload(staff.id, locale, files.file),
});
