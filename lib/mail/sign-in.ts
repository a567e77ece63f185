import 'server-only';
import type { AppLocale } from '@/lib/i18n/routing';
import type { OutgoingMail } from './index';
import { renderMail } from './render';

/** The magic-link mail, in the visitor's language. */
export function signInMail(opts: { to: string; url: string; locale: AppLocale; minutes: number }): Promise<OutgoingMail> {
  return renderMail({
    to: opts.to,
    locale: opts.locale,
    template: 'signIn',
    paragraphs: ['intro', 'expiry', 'ignore'],
    vars: { minutes: opts.minutes },
    link: { url: opts.url, labelKey: 'button' },
  });
}
