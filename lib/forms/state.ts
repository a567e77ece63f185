// The one shape every form gets back from its action (lib/forms/action.ts) or its staff
// form route (lib/http/staff-form-route.ts). Client components import it, so it holds
// types and pure helpers only.
//
// Everything a person reads is a message key, looked up in the form's own namespace of
// messages/ (`errors.<code>`, `done.<key>`), so the same code can read "Tick the box to
// confirm the declaration" on one form and "…the claim" on another. The codes are typed
// per form, and so are the messages (global.d.ts), so a code without its text fails the
// typecheck; 'invalid' is every form's code too, so every form's namespace has its text.

/** What a form's action returns. `Code` names its errors, `Done` what it did. */
export type FormState<Code extends string = 'invalid', Done extends string = never> = {
  /** The input as it was sent, so a refused form comes back as it was typed. */
  values: Record<string, string>;
  /** Per field name, why it was refused. */
  fieldErrors?: Partial<Record<string, Code | 'invalid'>>;
  /** Why the whole form was refused. */
  error?: Code | 'invalid';
  /** What was done, once it was. */
  done?: Done;
  /** The values the error or done message shows (an amount, a date, Stripe's own words). */
  vars?: Record<string, string>;
};

/** The state a form starts in: nothing sent yet, and these values shown. */
export function initialFormState<S extends FormState<string, string>>(values: Record<string, string> = {}): S {
  return { values } as S;
}

/** True when the form came back refused: the field errors, or the form-wide error. */
export function isRefused(state: FormState<string, string>): boolean {
  return Boolean(state.error || (state.fieldErrors && Object.keys(state.fieldErrors).length));
}
