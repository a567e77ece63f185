// A guest donor was told to cancel their Gift Aid declaration "from your account", which
// they do not have. They now get a signed link (receipt and thank-you page) that shows and
// cancels that one declaration with no account; the link cannot be bent to another one.
import { createElement, type ComponentProps } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { messagesFor } from '@/messages';
import { form } from '../support/forms';
import { createPersona } from '../support/personas';
import { startBench, type Bench } from '../support/payments';
import { after, nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after,
}));

const { startDonation } = await import('@/app/[locale]/donate/actions');
const { cancelDeclarationWithLink } = await import('@/app/[locale]/gift-aid/declaration/actions');
const { DonateForm } = await import('@/components/donate-form');
const { ClientTranslations } = await import('@/components/client-translations');

let bench: Bench;
beforeAll(async () => {
  await seedDemoContent();
  bench = await startBench();
});
afterAll(() => bench.stop());
beforeEach(() => requestContext.reset());

async function guestGiftWithGiftAid(email: string, lastName = 'Flores') {
  await outcomeOf(() =>
    startDonation(
      { values: {} },
      form({
        locale: 'en',
        frequency: 'one_off',
        amount: '15',
        email,
        giftAid: 'on',
        firstName: 'Ana',
        lastName,
        houseNameOrNumber: '3',
        gaPostcode: 'E1 6AN',
        scope: 'this_gift',
        confirm: 'on',
      }),
    ),
  );
  const donation = firstRow(
    await getSql()`select id, gift_aid_declaration_id, stripe_checkout_session_id from donations where email = ${email}`,
  );
  bench.double.state.completeCheckout(donation.stripe_checkout_session_id);
  await bench.settle();
  const receipt = firstRow(
    await getSql()`select text_body, html_body from mail_outbox where to_address = ${email} and dedupe_key like 'receipt:%'`,
  );
  const link = new URL(/https?:\/\/\S+\/gift-aid\/declaration\?\S+/.exec(receipt.text_body)![0]);
  return { declarationId: donation.gift_aid_declaration_id as string, receipt, link };
}

const cancelledAt = async (id: string) =>
  (await getSql()`select cancelled_at from gift_aid_declarations where id = ${id}`)[0]!.cancelled_at as string | null;

describe("a guest donor's Gift Aid declaration", () => {
  it('the receipt gives a link to it that needs no account, and never sends them to an account', async () => {
    const email = `guest-${Date.now()}@example.org`;
    const { declarationId, receipt, link } = await guestGiftWithGiftAid(email);
    expect(link.searchParams.get('d')).toBe(declarationId);
    expect(receipt.html_body).toContain('See or cancel your Gift Aid declaration');
    expect(receipt.text_body).not.toContain('/account');
  });

  it('the link cancels that declaration, with no sign-in', async () => {
    const { declarationId, link } = await guestGiftWithGiftAid(`guest-${Date.now()}@example.org`);
    const { outcome, redirect } = await outcomeOf(() =>
      cancelDeclarationWithLink(form({ d: link.searchParams.get('d')!, s: link.searchParams.get('s')!, locale: 'en' })),
    );
    expect(outcome).toBe('ok');
    expect(redirect).toMatch(/^\/gift-aid\/declaration\?d=.+&done=1$/);
    expect(await cancelledAt(declarationId)).not.toBeNull();
    const [audit] =
      await getSql()`select actor_user_id, data from audit_log where action = 'gift_aid.declaration_cancelled' and entity_id = ${declarationId}`;
    expect(audit).toMatchObject({ actor_user_id: null, data: { via: 'signed link' } });
  });

  it("one declaration's link cannot cancel another, and a made-up signature cancels nothing", async () => {
    const mine = await guestGiftWithGiftAid(`guest-a-${Date.now()}@example.org`, 'Mine');
    const theirs = await guestGiftWithGiftAid(`guest-b-${Date.now()}@example.org`, 'Theirs');
    for (const s of [mine.link.searchParams.get('s')!, 'A'.repeat(43), theirs.link.searchParams.get('s')!.slice(0, -1) + 'x']) {
      const { redirect } = await outcomeOf(() => cancelDeclarationWithLink(form({ d: theirs.declarationId, s, locale: 'en' })));
      expect(redirect).toBe('/');
    }
    expect(await cancelledAt(theirs.declarationId)).toBeNull();
    // Nor can a member's signed unsubscribe link, signed with the same secret.
    const member = await createPersona(getSql(), 'member');
    const { unsubscribeUrls } = await import('@/lib/newsletter/unsubscribe');
    const unsubscribe = new URL(unsubscribeUrls(member.userId, 'en').oneClick);
    await outcomeOf(() =>
      cancelDeclarationWithLink(form({ d: theirs.declarationId, s: unsubscribe.searchParams.get('s')!, locale: 'en' })),
    );
    expect(await cancelledAt(theirs.declarationId)).toBeNull();
  });

  it('the donate form tells a guest about the link and a signed-in donor about their account', () => {
    const render = (signedIn: boolean) =>
      renderToStaticMarkup(
        createElement(
          ClientTranslations,
          { locale: 'en', messages: messagesFor('en') as unknown as Record<string, unknown> } as ComponentProps<typeof ClientTranslations>,
          createElement(DonateForm, {
            locale: 'en',
            permalink: '/donate',
            email: signedIn ? 'm@example.org' : '',
            signedIn,
            presets: [
              { value: '5', label: '£5' },
              { value: '10', label: '£10' },
            ],
          }),
        ),
      );
    const guest = render(false);
    expect(guest).not.toMatch(/from your account/i);
    expect(guest).toContain('your receipt email has a link to see or cancel this declaration');
    expect(render(true)).toContain('You can cancel a declaration at any time from your account.');
  });
});
