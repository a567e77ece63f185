import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '@/lib/i18n/message-format';
import { messagesFor } from '@/messages';

// Client components format their texts with lib/i18n/message-format.ts instead of
// next-intl's ICU runtime (issue #16). Every message of both catalogues, with the numbers a
// plural can get, must read exactly as next-intl writes it.

function strings(node: unknown, path: string[] = []): [string, string][] {
  if (typeof node === 'string') return [[path.join('.'), node]];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, child]) => strings(child, [...path, key]));
}

describe('formatMessage reads as next-intl', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`every message in ${locale}`, () => {
      const messages = messagesFor(locale) as Record<string, unknown>;
      const translate = createTranslator({ locale, messages: messages as never });
      const all = strings(messages);
      let plurals = 0;
      for (const [key, template] of all) {
        const plural = new Set([...template.matchAll(/\{\s*(\w+)\s*,\s*plural/g)].map((m) => m[1]));
        const names = new Set([...template.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]));
        if (plural.size) plurals++;
        for (const n of plural.size ? [0, 1, 2, 5, 21, 1500] : [0]) {
          const values = Object.fromEntries([...names].map((name) => [name, plural.has(name) ? n : `«${name}»`]));
          expect(formatMessage(locale, template, values), `${key} with ${JSON.stringify(values)}`).toBe(
            (translate as (k: string, v: unknown) => string)(key, values),
          );
        }
      }
      expect(all.length).toBeGreaterThan(500);
      expect(plurals).toBeGreaterThan(5);
    });
  }
});
