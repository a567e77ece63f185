import 'server-only';
import { z } from 'zod';
import { getStorage, isStorageKey } from './index';

// Without JavaScript, a staff form refused by its route handler is shown again with the
// staff member's input and the errors: the handler keeps them here (a Markdown body can be
// far too big for a cookie or a URL) and redirects to the form's page with ?draft=<id>,
// which reads them once. Only the person who typed them can read them, for an hour.

const MAX_AGE_MS = 60 * 60 * 1000;
const draftSchema = z.object({ userId: z.string(), form: z.string(), createdAt: z.number(), state: z.unknown() });

const keyOf = (id: string) => `drafts/${id}.json`;

export async function saveFormDraft(userId: string, form: string, state: unknown): Promise<string> {
  const id = crypto.randomUUID();
  await getStorage().put(keyOf(id), new TextEncoder().encode(JSON.stringify({ userId, form, createdAt: Date.now(), state })));
  return id;
}

/** The draft's state if it is this user's, for this form, and recent; it is deleted once read. */
export async function takeFormDraft<T>(userId: string, form: string, id: unknown, schema: z.ZodType<T>): Promise<T | null> {
  if (typeof id !== 'string' || !isStorageKey(keyOf(id))) return null;
  const storage = getStorage();
  const file = await storage.read(keyOf(id));
  if (!file) return null;
  const text = await new Response(file.stream).text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // A damaged draft is no draft.
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success || parsed.data.userId !== userId || parsed.data.form !== form) return null;
  await storage.delete(keyOf(id));
  if (Date.now() - parsed.data.createdAt >= MAX_AGE_MS) return null;
  const state = schema.safeParse(parsed.data.state);
  return state.success ? state.data : null;
}
