import 'server-only';
import { createTranslator } from 'use-intl/core';
import type { AppLocale } from '@/lib/i18n/routing';
import { messagesFor } from '@/messages';
import type { OutgoingMail } from './index';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Vars = Record<string, string | number>;

/**
 * A mail from the `mail.<template>` messages, in the reader's language, as plain text and
 * HTML: greeting, the listed paragraphs (a button after the first when there is a link),
 * signature. Every value is escaped in the HTML.
 */
export async function renderMail(opts: {
  to: string;
  locale: AppLocale;
  /** The texts under `mail.<template>`, or under `namespace` for an area's own mail texts. */
  template?: string;
  namespace?: string;
  paragraphs: string[];
  vars?: Vars;
  link?: { url: string; labelKey: string };
  headers?: Record<string, string>;
}): Promise<OutgoingMail> {
  const messages = messagesFor(opts.locale);
  const t = createTranslator({
    locale: opts.locale,
    messages,
    namespace: (opts.namespace ?? `mail.${opts.template}`) as never,
  }) as unknown as (key: string, vars?: Vars) => string;
  const common = createTranslator({ locale: opts.locale, messages, namespace: 'mail.common' });
  const vars = opts.vars ?? {};
  const [lead, ...rest] = opts.paragraphs.map((key) => t(key, vars));
  if (lead === undefined) throw new Error(`Expected at least one paragraph in the ${opts.namespace ?? opts.template} mail`);
  const text = [
    common('greeting'),
    '',
    lead,
    ...(opts.link ? ['', opts.link.url] : []),
    ...rest.flatMap((p) => ['', p]),
    '',
    common('signature'),
  ].join('\n');
  const button = opts.link
    ? `<p><a href="${escapeHtml(opts.link.url)}" style="display:inline-block;background:#8a2b1f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(t(opts.link.labelKey, vars))}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${opts.locale}"><body style="font-family:Arial,sans-serif;color:#1f1b18;line-height:1.5">
<p>${escapeHtml(common('greeting'))}</p>
<p>${escapeHtml(lead)}</p>
${button}
${rest.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p style="font-size:13px;color:#5c534c">${escapeHtml(common('signature'))}</p>
</body></html>`;
  return { to: opts.to, subject: t('subject', vars), text, html, headers: opts.headers };
}
