// The format the database enforces on slugs lives with the check that enforces it.
export { SLUG_PATTERN } from '@/db/schema';

/** "Minería y agua: ¿qué pasa?" → "mineria-y-agua-que-pasa" (ASCII, at most `max` characters). */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}
