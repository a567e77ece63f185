import { z } from 'zod';
import { optOutOfNewsletter } from '@/db/queries/users';
import { verifyUnsubscribe } from '@/lib/newsletter/unsubscribe';

const schema = z.object({ u: z.uuid(), s: z.string().min(20).max(100), locale: z.enum(['en', 'es']).optional() });

/**
 * One-click unsubscribe (RFC 8058: mail clients POST here) and the button of the
 * unsubscribe page. The HMAC signature is the guard: no sign-in, and no way to
 * unsubscribe anyone else.
 */
export async function POST(request: Request) {
  const url = new URL(request.url);
  const form = await request.formData().catch(() => new FormData());
  const parsed = schema.safeParse({
    u: form.get('u') ?? url.searchParams.get('u'),
    s: form.get('s') ?? url.searchParams.get('s'),
    locale: form.get('locale') ?? undefined,
  });
  if (!parsed.success || !verifyUnsubscribe(parsed.data.u, parsed.data.s)) {
    return new Response('This unsubscribe link is not valid.', { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }
  await optOutOfNewsletter(parsed.data.u);
  // The page's button gets the page back; a mail client's one-click POST gets a 200.
  if (form.get('from') === 'page') {
    const prefix = parsed.data.locale === 'es' ? '/es' : '';
    // A relative Location: the browser resolves it against the address it used. The
    // server's own idea of its origin (request.url) is its listening address, not the site's.
    return new Response(null, {
      status: 303,
      headers: { Location: `${prefix}/newsletter/unsubscribe?done=1`, 'Cache-Control': 'no-store' },
    });
  }
  return new Response('Unsubscribed.', { status: 200, headers: { 'Cache-Control': 'no-store' } });
}
