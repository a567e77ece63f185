import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/messages';

const en = messagesFor('en');
const es = messagesFor('es');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const english = leaves(en as Tree);
  const spanish = leaves(es as Tree);

  it('has no namespace defined in two files', () => {
    const namespaces = Object.values(
      import.meta.glob(['../../messages/en.json', '../../messages/trouble.en.json', '../../messages/admin/*.en.json'], {
        eager: true,
        import: 'default',
      }),
    ).flatMap((m) => Object.keys(m as object));
    expect(namespaces.length).toBe(new Set(namespaces).size);
  });

  it('has a Spanish text for every English key, and no extra keys', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has no empty texts', () => {
    for (const [key, value] of [...english, ...spanish]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of english) expect(placeholders(spanish.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('is actually translated where the words differ', () => {
    // Proper names that are the same in both languages.
    const names = new Set([
      'meta.siteName',
      'home.title',
      'mail.common.signature',
      'giftAid.title',
      'receipts.giftAid',
      'receipts.methods.cheque',
      'offline.methods.cheque',
      'mail.newsletter.summary',
      'trouble.siteName',
    ]);
    const same = [...english].filter(([key, value]) => spanish.get(key) === value && !names.has(key));
    expect(same.map(([key]) => key)).toEqual([]);
  });
});
