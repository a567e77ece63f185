// Where a form of a server action posts when JavaScript has not run.
//
// React renders such a form with the action's own fields and `action=""` unless
// useActionState is given a permalink, and an empty action is invalid HTML (a form that
// posts to its own page omits the attribute or names the page). With the permalink the
// browser posts to that page, Next runs the action there and renders the page again with
// the action's state, as it did with "". The query string the page reads is kept, so the
// page rendered after a refused post is the one the form was on (the sign-in page's
// callbackUrl, the link-invalid page's reason).

/** The page's path with these query parameters (absent ones left out). */
export function formPermalink(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
