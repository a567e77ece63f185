import 'server-only';
import { z } from 'zod';
import { currentUser, type SessionUser } from '@/lib/auth/guards';
import { safeCallbackPath } from '@/lib/auth/magic-link';
import type { FormState } from '@/lib/forms/state';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { refuseCrossSite } from '@/lib/security/same-origin';
import { storageFault } from '@/lib/storage';
import { saveFormDraft } from '@/lib/storage/drafts';
import { messagesFor } from '@/messages';
import { readMultipart, type FileConsumer, type MultipartLimits } from './multipart';
import { logFor } from '@/lib/log';

// The staff forms that carry files (publication and newsletter PDFs, member CSVs) post to
// route handlers made by staffFormRoute, not to server actions: server actions read the
// whole body before any code of ours runs, up to one limit for every action, public ones
// included. Here the Origin and the staff role are checked before a byte of the body is
// read, the declared length is checked against the form's own cap, and the body is then
// streamed (files straight to storage) and counted, and cut off past the cap.
//
// The same handler serves both kinds of browser. The form's JavaScript posts with
// `Accept: application/json` and gets the form's next state (or where to go) as JSON;
// without JavaScript the browser posts the form itself and is redirected (303): to the
// next page, or back to the form with ?draft=<id> (lib/storage/drafts.ts) so that it is
// shown again with the staff member's input and the errors.
//
// The state is the one FormState of every form (lib/forms/state.ts): the values kept, the
// errors as message keys, `done` once the form was saved.

export type FormResult<S extends FormState<string, string>> = { state: S } | { redirect: string };

export type FormFields = {
  /** Each field's first value (text fields only). */
  values: Record<string, string>;
  all(name: string): string[];
};

type Options<S extends FormState<string, string>, F> = {
  /** Names the draft of a refused form; also the form page the visitor is sent back to. */
  form: string;
  /** The form's page (sign-in comes back to it; a member is sent to it and gets its 403). */
  page: (locale: AppLocale) => string;
  /** Where a refused form is shown again without JavaScript. */
  draftPage: (locale: AppLocale, state: S) => string;
  limits: MultipartLimits;
  files: Record<string, FileConsumer<F>>;
  /** What was stored for files of a form that could not be read whole; the handler deletes it. */
  discard: (file: F) => Promise<void>;
  /** The state to show when the form came in broken (too large, cut off, malformed). */
  refused: (problem: 'tooLarge' | 'malformed') => S;
  handle: (input: {
    staff: SessionUser;
    locale: AppLocale;
    fields: FormFields;
    files: Partial<Record<string, F>>;
  }) => Promise<FormResult<S>>;
};

const localeSchema = z.object({ locale: z.enum(['en', 'es']).catch('en') });
const STAFF = new Set(['staff', 'admin']);

function wantsJson(request: Request) {
  return (request.headers.get('accept') ?? '').includes('application/json');
}

/**
 * A refusal sent before the body was read. The connection is closed afterwards, so a
 * large body the visitor is still sending is not read (and drained) by the server.
 */
function early(request: Request, status: number, redirect: string | null, message: string): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', Connection: 'close' };
  if (wantsJson(request)) return Response.json(redirect ? { redirect } : { error: message }, { status, headers });
  if (redirect) return new Response(null, { status: 303, headers: { ...headers, Location: redirect } });
  return new Response(message, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function staffFormRoute<S extends FormState<string, string>, F>(options: Options<S, F>) {
  return async function POST(request: Request): Promise<Response> {
    const { locale } = localeSchema.parse({ locale: new URL(request.url).searchParams.get('locale') ?? undefined });
    const page = options.page(locale);
    // Everything up to readMultipart looks at headers only.
    const crossSite = refuseCrossSite(request);
    if (crossSite) {
      crossSite.headers.set('Connection', 'close');
      return crossSite;
    }
    const staff = await currentUser();
    if (!staff) {
      const signin = `${getPathname({ href: '/signin', locale })}?${new URLSearchParams({ callbackUrl: safeCallbackPath(page) })}`;
      return early(request, 401, signin, 'Sign in first.');
    }
    if (!STAFF.has(staff.role)) return early(request, 403, page, 'Staff only.');
    const declared = Number(request.headers.get('content-length') ?? NaN);
    if (declared > options.limits.maxBytes) return respond(request, locale, staff, options, { state: options.refused('tooLarge') }, true);

    const form = await readMultipart(request, options.limits, options.files);
    if (form.problem) {
      for (const file of Object.values(form.files)) if (file !== undefined) await options.discard(file);
      return respond(request, locale, staff, options, { state: options.refused(form.problem) }, form.problem === 'tooLarge');
    }
    const values: Record<string, string> = {};
    for (const [name, value] of form.fields) values[name] ??= value;
    const fields: FormFields = { values, all: (name) => form.fields.filter(([n]) => n === name).map(([, v]) => v) };
    return respond(request, locale, staff, options, await options.handle({ staff, locale, fields, files: form.files }), false);
  };
}

async function respond<S extends FormState<string, string>, F>(
  request: Request,
  locale: AppLocale,
  staff: SessionUser,
  options: Options<S, F>,
  result: FormResult<S>,
  closeConnection: boolean,
): Promise<Response> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...(closeConnection ? { Connection: 'close' } : {}) };
  const tooLarge = closeConnection ? 413 : 200;
  if (wantsJson(request)) return Response.json(result, { status: tooLarge, headers });
  let location: string;
  if ('redirect' in result) location = result.redirect;
  else {
    let draft: string;
    try {
      draft = await saveFormDraft(staff.id, options.form, result.state);
    } catch (error) {
      // Drafts are kept in file storage too: when it is full or failing, the form cannot be
      // shown again with its input. A form that was saved goes to its page without the
      // "Saved." notice (the page shows what was saved); a refused one says plainly what
      // happened (and the browser's Back button usually still has what they typed).
      logFor('forms').error({ err: error, form: options.form }, 'could not keep a form to show again');
      if (result.state.done) {
        return new Response(null, { status: 303, headers: { ...headers, Location: options.draftPage(locale, result.state) } });
      }
      const message = messagesFor(locale).staffForms[storageFault(error)];
      return new Response(message, {
        status: 503,
        headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '300' },
      });
    }
    const target = options.draftPage(locale, result.state);
    location = `${target}${target.includes('?') ? '&' : '?'}draft=${draft}`;
  }
  return new Response(null, { status: 303, headers: { ...headers, Location: location } });
}
