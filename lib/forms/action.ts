import 'server-only';
import { z } from 'zod';
import { currentUser, requireRole, requireUser, type SessionUser } from '@/lib/auth/guards';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { FormState } from './state';

// Every server action of the site goes through formAction (a form that shows its state)
// or formCommand (a plain post that redirects). Both do the same, in this order:
//
//   1. read the text fields (first value of each name), refusing a form with more fields
//      or longer values than any of ours has: Next.js has already bounded the body
//      (serverActions.bodySizeLimit), this bounds what reaches the schema;
//   2. the locale the form was shown in (its hidden `locale` field, else English);
//   3. the guard, before anything is parsed: who may send this form (it sends visitors to
//      sign in and back, or answers 403);
//   4. the zod schema over the fields; its issues become message keys, per field;
//   5. the handler, with the parsed input and what the guard found.
//
// Origin: Next.js refuses a server action whose Origin is not the host it was sent to,
// before any of this runs (lib/security/same-origin.ts says why route handlers check it
// themselves).

/** What a guard and a handler know about the request. */
export type FormRequest = {
  locale: AppLocale;
  /** The text fields, first value of each name. */
  values: Record<string, string>;
  /** The whole form, for repeated names (a list of checkboxes). */
  formData: FormData;
};

export type Guard<G> = (request: FormRequest) => Promise<G>;

/** Where a guard sends a visitor back after signing in: a path, or one built from the form. */
type ReturnTo = string | ((values: Record<string, string>) => string);

const returnPath = (returnTo: ReturnTo, request: FormRequest) =>
  getPathname({ href: typeof returnTo === 'string' ? returnTo : returnTo(request.values), locale: request.locale });

/** The guards forms use. Each is the one lib/auth/guards.ts rule, given the form's locale. */
export const guards = {
  /** Anyone: the form's own input is its authority (a signed link), or it changes nothing of anyone's. */
  anyone: (): Guard<Record<never, never>> => async () => ({}),
  /** Anyone, and who they are if signed in (the session decides, never a form field). */
  visitor: (): Guard<{ user: SessionUser | null }> => async () => ({ user: await currentUser() }),
  /** Signed in, or sent to sign in and brought back to `returnTo`. */
  user:
    (returnTo: ReturnTo): Guard<{ user: SessionUser }> =>
    async (request) => ({ user: await requireUser({ returnTo: returnPath(returnTo, request), locale: request.locale }) }),
  /** Staff or admin; others get a 403. */
  staff:
    (returnTo: ReturnTo): Guard<{ user: SessionUser }> =>
    async (request) => ({ user: await requireRole('staff', { returnTo: returnPath(returnTo, request), locale: request.locale }) }),
  /** Admin only; staff and members get a 403. */
  admin:
    (returnTo: ReturnTo): Guard<{ user: SessionUser }> =>
    async (request) => ({ user: await requireRole('admin', { returnTo: returnPath(returnTo, request), locale: request.locale }) }),
};

// Above what any form of ours sends (the pages editor: a title and 100,000 characters of
// Markdown; the longest list of fields is the join form's, under 30).
export const FORM_LIMITS = { fields: 100, valueLength: 110_000 } as const;

const localeSchema = z.enum(['en', 'es']).catch('en');

/** The text fields of a form, first value of each name; null when past FORM_LIMITS. */
export function readFormValues(formData: FormData): Record<string, string> | null {
  const values: Record<string, string> = {};
  let fields = 0;
  for (const [name, value] of formData.entries()) {
    if (++fields > FORM_LIMITS.fields) return null;
    if (typeof value !== 'string') continue;
    if (value.length > FORM_LIMITS.valueLength) return null;
    if (!(name in values)) values[name] = value;
  }
  return values;
}

/**
 * A zod error as message keys, one per field (the first issue of each): the issue's
 * message when the form knows it as a code (schemas say `min(1, 'required')`), else
 * 'invalid'. `prefix` keeps apart the fields of a nested schema (the Gift Aid ones, `ga.`).
 */
export function fieldErrorsOf<C extends string>(error: z.ZodError, codes: readonly C[], prefix = ''): FieldErrors<C> {
  const known = new Set<string>(codes);
  const errors: FieldErrors<C> = {};
  for (const issue of error.issues) {
    const field = `${prefix}${String(issue.path[0] ?? '')}`;
    if (field in errors) continue;
    errors[field] = known.has(issue.message) ? (issue.message as C) : 'invalid';
  }
  return errors;
}

async function begin<G>(formData: FormData, guard: Guard<G>) {
  const read = readFormValues(formData);
  const values = read ?? {};
  const request: FormRequest = { locale: localeSchema.parse(values.locale), values, formData };
  const found = await guard(request);
  return { request, found, tooLarge: read === null };
}

type ErrorCode<R extends FormState<string, string>> = NonNullable<R['error']>;

type FieldErrors<C extends string> = Partial<Record<string, C | 'invalid'>>;

/**
 * A part of a form checked beside its schema, from the same fields: its value, or why it
 * was refused, field by field. The Gift Aid declaration of the donate and join forms is
 * one (lib/gift-aid/form.ts): its fields only count when "yes" is ticked, and its problems
 * must show together with the form's own, which a zod refinement over the whole form would
 * not do (zod skips it once any field has failed).
 */
export type FormPart<T, C extends string> = (values: Record<string, string>) => { value: T } | { fieldErrors: FieldErrors<C> };

type Options<S extends z.ZodType, G, C extends string, P> = {
  schema: S;
  guard: Guard<G>;
  /** The schema messages this form shows as they are; any other issue reads 'invalid'. */
  codes?: readonly C[];
  /** Checked with the schema; the handler gets its value as `part`. */
  part?: FormPart<P, C>;
};

/**
 * A form that shows its state (React's useActionState). The handler returns the next
 * state; refused input comes back with the values as they were sent.
 */
export function formAction<S extends z.ZodType, G, R extends FormState<string, string>, P = undefined>(
  options: Options<S, G, ErrorCode<R>, P>,
  handler: (input: z.output<S>, context: FormRequest & G & { part: P }) => Promise<R>,
): (previous: R, formData: FormData) => Promise<R> {
  return async (_previous, formData) => {
    const { request, found, tooLarge } = await begin(formData, options.guard);
    if (tooLarge) return { values: {}, error: 'invalid' } as R;
    const parsed = options.schema.safeParse(request.values);
    const part = options.part?.(request.values) ?? { value: undefined as P };
    if (!parsed.success || 'fieldErrors' in part) {
      const fieldErrors = {
        ...(parsed.success ? {} : fieldErrorsOf(parsed.error, options.codes ?? [])),
        ...('fieldErrors' in part ? part.fieldErrors : {}),
      };
      return { values: request.values, fieldErrors } as R;
    }
    return handler(parsed.data, { ...request, ...found, part: part.value });
  };
}

/**
 * A plain post (a button, a confirmed deletion) that answers with a redirect. Refused
 * input goes to `refused`, which redirects too: back to the page, with why in the query.
 */
export function formCommand<S extends z.ZodType, G>(
  options: { schema: S; guard: Guard<G>; refused: (context: FormRequest & G, error: z.ZodError | null) => Promise<never> | never },
  handler: (input: z.output<S>, context: FormRequest & G) => Promise<void>,
): (formData: FormData) => Promise<void> {
  return async (formData) => {
    const { request, found, tooLarge } = await begin(formData, options.guard);
    const context = { ...request, ...found };
    if (tooLarge) return options.refused(context, null);
    const parsed = options.schema.safeParse(request.values);
    if (!parsed.success) return options.refused(context, parsed.error);
    await handler(parsed.data, context);
  };
}
