import { describe, expect, it } from 'vitest';
import { getSql } from '@/db/client';
import { POST } from '@/app/api/newsletter/unsubscribe/route';
import { unsubscribeUrls } from '@/lib/newsletter/unsubscribe';
import { createPersona } from '../support/personas';

const optedIn = async (id: string) => (await getSql()`select newsletter_opt_in from users where id = ${id}`)[0]!.newsletter_opt_in;

describe('newsletter unsubscribe', () => {
  it('one click from a mail client unsubscribes, with no sign-in', async () => {
    const member = await createPersona(getSql(), 'member');
    const { oneClick } = unsubscribeUrls(member.userId, 'en');
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const response = await POST(new Request(oneClick, { method: 'POST', body }));
    expect(response.status).toBe(200);
    expect(await optedIn(member.userId)).toBe(false);
  });

  it('cannot be forged for another user', async () => {
    const attacker = await createPersona(getSql(), 'member');
    const victim = await createPersona(getSql(), 'member');
    const mine = new URL(unsubscribeUrls(attacker.userId, 'en').oneClick);
    const forged = new URL(mine);
    forged.searchParams.set('u', victim.userId); // my signature, their id
    expect((await POST(new Request(forged, { method: 'POST' }))).status).toBe(400);
    forged.searchParams.set('s', 'A'.repeat(43));
    expect((await POST(new Request(forged, { method: 'POST' }))).status).toBe(400);
    expect(await optedIn(victim.userId)).toBe(true);
  });

  it('the page button posts the same link and comes back to the page', async () => {
    const member = await createPersona(getSql(), 'member');
    const page = new URL(unsubscribeUrls(member.userId, 'es').page);
    const form = new FormData();
    form.set('u', page.searchParams.get('u')!);
    form.set('s', page.searchParams.get('s')!);
    form.set('locale', 'es');
    form.set('from', 'page');
    const response = await POST(new Request('http://localhost:3000/api/newsletter/unsubscribe', { method: 'POST', body: form }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/es/newsletter/unsubscribe?done=1');
    expect(await optedIn(member.userId)).toBe(false);
  });
});
