import type { z } from 'zod';
import { hasValidSignature, signFor } from '@/lib/security/signatures';

// The one codec for every list's "next page" and "previous page" links (members,
// payments, publications, audit, Gift Aid claims). A cursor is the position of the last
// row shown, as JSON, base64url, then a signature under AUTH_SECRET for that list: only a
// cursor the site made is ever used, and one made for another list, edited by hand or cut
// short is simply no cursor (the first page), like a missing one. The schema still checks
// what comes back, so a cursor from before a change of shape is refused too, and nothing
// Postgres would reject (a NUL, 2024-02-30, a malformed id) reaches it.
//
// db/queries take and return positions as plain values; pages encode and decode them here.

// Far above any position of ours; bounds the work spent on a pasted URL.
const MAX_CURSOR_LENGTH = 1000;

export type CursorCodec<P> = {
  encode(position: P): string;
  /** The position, or null when the value is missing, not ours, or not of this list. */
  decode(value: unknown): P | null;
};

export function cursorCodec<S extends z.ZodType>(list: string, schema: S): CursorCodec<z.output<S>> {
  const purpose = `list-cursor:${list}` as const;
  return {
    encode(position) {
      const body = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${body}.${signFor(purpose, body)}`;
    },
    decode(value) {
      if (typeof value !== 'string' || value.length > MAX_CURSOR_LENGTH) return null;
      const [body, signature, ...rest] = value.split('.');
      if (!body || !signature || rest.length || !hasValidSignature(purpose, body, signature)) return null;
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}
