import { z } from 'zod';
import { getPublicFile } from '@/db/queries/publications';
import { getStorage } from '@/lib/storage';
import { opensInBrowser } from '@/lib/storage/urls';

const paramsSchema = z.object({ id: z.uuid(), name: z.string().max(300) });
// ?download=1 is the "Download" link beside a file: saved, not opened. Anything else opens.
const querySchema = z.object({ download: z.literal('1').optional().catch(undefined) });

function notFound() {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'download';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// Streams a published publication's file. The storage key comes from the database row
// found by id; nothing in the URL is ever used as a path.
export async function GET(request: Request, ctx: RouteContext<'/files/publications/[id]/[name]'>) {
  const parsed = paramsSchema.safeParse(await ctx.params);
  if (!parsed.success) return notFound();
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const file = await getPublicFile(parsed.data.id);
  if (!file) return notFound();
  const stored = await getStorage().read(file.storageKey);
  if (!stored) return notFound();
  const disposition = opensInBrowser(file.contentType) && !query.download ? 'inline' : 'attachment';
  return new Response(stored.stream, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(stored.size),
      'Content-Disposition': contentDisposition(disposition, file.fileName),
      // A new upload gets a new id, so a URL's bytes never change.
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
