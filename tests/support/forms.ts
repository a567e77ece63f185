/** A FormData from plain fields, as a browser would post it. */
export function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

export type FormPost = { outcome: 'ok' | 'signin' | 'forbidden'; status: number; result?: unknown; redirect?: string };

/**
 * Posts a FormData (multipart, as a browser with JavaScript does) to a staff form's route
 * handler (lib/http/staff-form-route.ts), as whoever the request context's cookie names,
 * and says what the form would show: the next state (`result`) or where it goes.
 */
export async function postForm(
  POST: (request: Request) => Promise<Response>,
  path: string,
  data: FormData,
  headers: Record<string, string> = {},
): Promise<FormPost> {
  const request = new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    body: data,
    headers: { origin: 'http://localhost:3000', accept: 'application/json', ...headers },
  });
  const response = await POST(request);
  const body = (await response.json().catch(() => null)) as { state?: unknown; redirect?: string } | null;
  const outcome = response.status === 401 ? 'signin' : response.status === 403 ? 'forbidden' : 'ok';
  return { outcome, status: response.status, result: body?.state, redirect: body?.redirect };
}
