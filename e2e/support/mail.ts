import { expect } from '@playwright/test';

export type SinkMail = { to: string[]; subject: string; text: string; html: string; headers: Record<string, string>; receivedAt: number };

/** The newest mail to `to` received after `after` (ms epoch), from the test SMTP sink. */
export async function waitForMail(to: string, after = 0): Promise<SinkMail> {
  const sink = process.env.MAIL_SINK_URL;
  if (!sink) throw new Error('MAIL_SINK_URL is not set: run the e2e suite through npm test (tests/support/run-e2e.ts)');
  let found: SinkMail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${sink}/?to=${encodeURIComponent(to)}`)).json()) as SinkMail[];
        found = mails.filter((m) => m.receivedAt >= after).pop();
        return Boolean(found);
      },
      { timeout: 15_000, message: `a mail to ${to}` },
    )
    .toBe(true);
  return found!;
}

export function linkIn(mail: SinkMail): string {
  const match = mail.text.match(/https?:\/\/\S+\/signin\/confirm\?\S+/);
  if (!match) throw new Error(`No sign-in link in:\n${mail.text}`);
  return match[0];
}

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;

/** Signs in through the real mail flow, starting from `from` (which must lead to /signin). */
export async function signInThroughMail(page: import('@playwright/test').Page, email: string, from: string) {
  const started = Date.now();
  await page.goto(from);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const mail = await waitForMail(email, started);
  await page.goto(linkIn(mail));
  await page.getByRole('button', { name: 'Sign in' }).click();
}
