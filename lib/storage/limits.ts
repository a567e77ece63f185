// Upload sizes, in a module of their own so the forms (client components) can check a
// file before sending it. The route handlers enforce them whatever the browser did.

/** Largest newsletter or publication file we accept. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
