// The part of ICU message syntax our catalogues use, for client components: `{name}` and
// `{count, plural, =0 {...} one {# item} other {# items}}`, `#` being the number in the
// page's language. next-intl's client translator carries a whole ICU parser, about 12 KiB
// of compressed JavaScript on every page with a form (issue #16); the server keeps it.
// tests/unit/message-format.test.ts renders every message of both catalogues through this
// and through next-intl and expects the same text. No imports: it runs in the browser.

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** The text of `template` with `values` put in. */
export function formatMessage(locale: string, template: string, values: MessageValues = {}): string {
  return render(locale, template, values, undefined);
}

function render(locale: string, template: string, values: MessageValues, count: number | undefined): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '#' && count !== undefined) {
      out += new Intl.NumberFormat(locale).format(count);
      i++;
    } else if (c === '{') {
      const end = closing(template, i);
      out += argument(locale, template.slice(i + 1, end), values);
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index of the `}` that closes the `{` at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unclosed "{" in message: ${text}`);
}

function argument(locale: string, body: string, values: MessageValues): string {
  const comma = body.indexOf(',');
  const name = (comma === -1 ? body : body.slice(0, comma)).trim();
  const value = values[name];
  if (comma === -1)
    return value instanceof Date
      ? value.toLocaleString(locale)
      : typeof value === 'number'
        ? new Intl.NumberFormat(locale).format(value)
        : String(value ?? `{${name}}`);
  const rest = body.slice(comma + 1);
  const kindEnd = rest.indexOf(',');
  const kind = rest.slice(0, kindEnd).trim();
  if (kind !== 'plural') throw new Error(`Unsupported message argument "${kind}" (lib/i18n/message-format.ts)`);
  const n = Number(value);
  const options = new Map<string, string>();
  const cases = rest.slice(kindEnd + 1);
  for (let i = 0; i < cases.length;) {
    const open = cases.indexOf('{', i);
    if (open === -1) break;
    const end = closing(cases, open);
    options.set(cases.slice(i, open).trim(), cases.slice(open + 1, end));
    i = end + 1;
  }
  const chosen = options.get(`=${n}`) ?? options.get(new Intl.PluralRules(locale).select(n)) ?? options.get('other') ?? '';
  return render(locale, chosen, values, n);
}
