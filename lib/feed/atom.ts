// An Atom 1.0 (RFC 4287) writer of our own. The `feed` package put titles in CDATA and
// escaped only the first "]]>", so a title with two of them could inject XML; here every
// piece of text is escaped as character data, which has no such terminator.

// XML 1.0 allows only these characters. Anything else (C0 controls other than tab, LF and
// CR; lone surrogates; U+FFFE and U+FFFF) makes the whole document unreadable to a
// conforming parser, so it is dropped rather than escaped (it cannot be escaped).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe as XML character data. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text safe inside a double-quoted XML attribute. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}

export type AtomEntry = { id: string; title: string; link: string; summary: string; updated: Date; published?: Date };

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  link: string;
  selfLink: string;
  language: string;
  rights?: string;
  author: string;
  updated: Date;
  entries: AtomEntry[];
};

const element = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;
const textElement = (name: string, text: string) => `<${name} type="text">${xmlText(text)}</${name}>`;
const link = (href: string, rel?: string) => `<link${rel ? ` rel="${rel}"` : ''} href="${xmlAttribute(href)}"/>`;

export function atomXml(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttribute(feed.language)}">`,
    element('id', feed.id),
    textElement('title', feed.title),
    ...(feed.subtitle ? [textElement('subtitle', feed.subtitle)] : []),
    element('updated', feed.updated.toISOString()),
    link(feed.link, 'alternate'),
    link(feed.selfLink, 'self'),
    `<author>${element('name', feed.author)}</author>`,
    ...(feed.rights ? [textElement('rights', feed.rights)] : []),
  ];
  for (const entry of feed.entries) {
    lines.push(
      '<entry>',
      element('id', entry.id),
      textElement('title', entry.title),
      link(entry.link, 'alternate'),
      element('updated', entry.updated.toISOString()),
      ...(entry.published ? [element('published', entry.published.toISOString())] : []),
      textElement('summary', entry.summary),
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
