// The one failure style of the use cases (lib/<domain>/<verb>.ts). A refusal the person
// can act on (a taken slug, a claim that changed, a member with no membership) is
// returned, as a message key of the form that asked; the action turns it into its form
// state. Anything unexpected (the database down, Stripe unreachable, a bug) is thrown and
// never returned: it rolls the transaction back and reaches the error page or the log.
// Classes thrown inside a transaction only to roll it back are caught by the use case
// that threw them and returned as a refusal.

export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; detail?: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
/** `detail`: words from elsewhere the message shows as they are (Stripe's own error). */
export const refused = <E extends string>(error: E, detail?: string): { ok: false; error: E; detail?: string } =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };
