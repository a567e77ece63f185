import 'server-only';
import type { NewsletterIssue } from '@/db/schema';
import { siteUrl } from '@/lib/env';
import type { OutgoingMail } from '@/lib/mail';
import { renderMail } from '@/lib/mail/render';
import { unsubscribeUrls } from './unsubscribe';

/**
 * The mail announcing an issue: its summary and a link to the archive, never the PDF
 * itself, with a one-click unsubscribe (RFC 8058) and a signed link that needs no sign-in.
 */
export async function newsletterMail(
  issue: Pick<NewsletterIssue, 'number' | 'title' | 'summary'>,
  to: { userId: string; email: string; locale: 'en' | 'es' },
): Promise<OutgoingMail> {
  const links = unsubscribeUrls(to.userId, to.locale);
  const prefix = to.locale === 'es' ? '/es' : '';
  const mail = await renderMail({
    to: to.email,
    locale: to.locale,
    template: 'newsletter',
    paragraphs: ['intro', 'summary', 'unsubscribe'],
    vars: { number: issue.number, title: issue.title, summary: issue.summary, unsubscribeUrl: links.page },
    link: { url: `${siteUrl()}${prefix}/members/newsletters/${issue.number}`, labelKey: 'button' },
  });
  return {
    ...mail,
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // The same issue to the same member always carries the same Message-ID, so a copy
      // re-sent after a crash is recognised as a duplicate by mail providers.
      'Message-ID': `<newsletter-${issue.number}-${to.userId}@${new URL(siteUrl()).hostname}>`,
    },
  };
}
