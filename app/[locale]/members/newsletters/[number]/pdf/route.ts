import { findPublishedIssue } from '@/db/queries/newsletters';
import { requireUser } from '@/lib/auth/guards';
import { accessOf } from '@/lib/membership/viewer';
import { getStorage } from '@/lib/storage';

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

/** A newsletter PDF, checked against the membership on every request, never cached. */
export async function GET(_request: Request, ctx: RouteContext<'/[locale]/members/newsletters/[number]/pdf'>) {
  const { locale, number } = await ctx.params;
  const user = await requireUser({
    returnTo: `${locale === 'es' ? '/es' : ''}/members/newsletters/${number}`,
    locale: locale === 'es' ? 'es' : 'en',
  });
  if ((await accessOf(user)).kind !== 'active') return new Response('Members only', { status: 403, headers: PRIVATE });
  const issue = /^\d{1,7}$/.test(number) ? await findPublishedIssue(Number(number)) : null;
  const stored = issue?.pdfStorageKey ? await getStorage().read(issue.pdfStorageKey) : null;
  if (!issue || !stored) return new Response('Not found', { status: 404, headers: PRIVATE });
  return new Response(stored.stream, {
    headers: {
      ...PRIVATE,
      'Content-Type': 'application/pdf',
      'Content-Length': String(stored.size),
      'Content-Disposition': `attachment; filename="psg-newsletter-${issue.number}.pdf"`,
    },
  });
}
