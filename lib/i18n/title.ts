import type { Metadata } from 'next';

// Search results show about 60-70 characters of a title, and checkers flag longer ones.
export const TITLE_MAX_LENGTH = 70;
/** Between a page's title and the site's name: the layout's template is `%s${TITLE_SEPARATOR}<site name>`. */
export const TITLE_SEPARATOR = ' · ';

/**
 * The <title> of a page called `title`: "title · site name" (the layout's template) when
 * that fits in TITLE_MAX_LENGTH characters, else the title alone, and a title longer
 * than that is cut at a word with an ellipsis. The page's <h1> and og:title keep it whole.
 */
export function fitTitle(title: string, siteName: string): NonNullable<Metadata['title']> {
  if (title.length + TITLE_SEPARATOR.length + siteName.length <= TITLE_MAX_LENGTH) return title;
  if (title.length <= TITLE_MAX_LENGTH) return { absolute: title };
  // Room for the ellipsis; the last space within it (or just after it) ends the last whole word.
  const room = TITLE_MAX_LENGTH - 1;
  const lastSpace = title.lastIndexOf(' ', room);
  // A word longer than half the room is cut inside rather than dropped whole.
  const cut = title.slice(0, lastSpace > room / 2 ? lastSpace : room);
  return { absolute: `${cut.replace(/[\s,.;:·–—-]+$/u, '')}…` };
}
