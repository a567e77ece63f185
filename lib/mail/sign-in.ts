import 'server-only';
import { createTranslator } from 'next-intl';
import type { AppLocale } from '@/lib/i18n/routing';
import type { OutgoingMail } from './index';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The magic-link mail, in the visitor's language, as plain text and HTML. */
export async function signInMail(opts: { to: string; url: string; locale: AppLocale; minutes: number }): Promise<OutgoingMail> {
  const messages = (await import(`../../messages/${opts.locale}.json`)).default;
  const t = createTranslator({ locale: opts.locale, messages, namespace: 'mail.signIn' });
  const vars = { minutes: opts.minutes };
  const text = [t('greeting'), '', t('intro'), '', opts.url, '', t('expiry', vars), t('ignore'), '', t('signature')].join('\n');
  const html = `<!doctype html><html lang="${opts.locale}"><body style="font-family:Arial,sans-serif;color:#1f1b18;line-height:1.5">
<p>${escapeHtml(t('greeting'))}</p>
<p>${escapeHtml(t('intro'))}</p>
<p><a href="${escapeHtml(opts.url)}" style="display:inline-block;background:#8a2b1f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(t('button'))}</a></p>
<p style="font-size:13px;color:#5c534c">${escapeHtml(t('expiry', vars))} ${escapeHtml(t('ignore'))}</p>
<p style="font-size:13px;color:#5c534c">${escapeHtml(t('signature'))}</p>
</body></html>`;
  return { to: opts.to, subject: t('subject'), text, html };
}
