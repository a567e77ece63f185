// A library state (its query string) as one URL path segment, and back: proxy.ts rewrites
// /publications?q=... to /publications/search/<key>, a page Next caches like any other
// public page (issue #16). base64url, because a query can hold any character, "/" and "%"
// included, and a path segment must not be decoded twice on the way. No imports: the
// language switcher reads it in the browser too.

export const LIBRARY_SEARCH_SEGMENT = 'search';

export function libraryStateKey(queryString: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(queryString)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The query string a key stands for; anything that is not a key gives the empty one. */
export function libraryStateQuery(key: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(key)) return '';
  try {
    const binary = atob(key.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}
