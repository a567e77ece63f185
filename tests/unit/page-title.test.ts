import { describe, expect, it } from 'vitest';
import { fitTitle, TITLE_MAX_LENGTH, TITLE_SEPARATOR } from '@/lib/i18n/title';

const SITE = 'Peru Support Group';
/** What the browser shows: the layout's template applied to a plain title. */
const shown = (title: ReturnType<typeof fitTitle>) =>
  typeof title === 'string' ? `${title}${TITLE_SEPARATOR}${SITE}` : (title as { absolute: string }).absolute;

describe('page titles fit in 70 characters', () => {
  it('a short title keeps the site name after it', () => {
    expect(shown(fitTitle('Publications', SITE))).toBe('Publications · Peru Support Group');
  });

  it('a title too long for the site name shows alone, whole', () => {
    const title = 'Update Extra: Artisanal and Small-Scale Gold Mining in Peru';
    expect(shown(fitTitle(title, SITE))).toBe(title);
  });

  it('a title longer than 70 characters is cut at a word, with an ellipsis', () => {
    const title = 'Update Extra: Minería aurífera artesanal y de pequeña escala en el Perú, y sus consecuencias';
    const fitted = shown(fitTitle(title, SITE));
    expect(fitted).toBe('Update Extra: Minería aurífera artesanal y de pequeña escala en el…');
    expect(fitted.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
  });

  it('a title of one long word is cut inside it rather than emptied', () => {
    const fitted = shown(fitTitle('x'.repeat(200), SITE));
    expect(fitted).toBe(`${'x'.repeat(TITLE_MAX_LENGTH - 1)}…`);
  });

  it('no cut title ends in punctuation before its ellipsis', () => {
    const fitted = shown(fitTitle(`${'word '.repeat(12)}end: and then a great deal more`, SITE));
    expect(fitted.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(fitted).toMatch(/\w…$/);
  });
});
