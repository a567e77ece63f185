import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { form } from '../support/forms';
import { startBench, type Bench } from '../support/payments';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { seedDemoContent } from '../support/seed';
import type { SettingsFormState } from '@/app/[locale]/admin/settings/actions';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
const updatedTags: string[] = [];
vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: (tag: string) => void updatedTags.push(tag),
  unstable_cache: (fn: unknown) => fn,
}));

let bench: Bench;
let admin: PersonaUser;
let staff: PersonaUser;
let actions: typeof import('@/app/[locale]/admin/settings/actions');

beforeAll(async () => {
  bench = await startBench();
  await seedDemoContent();
  actions = await import('@/app/[locale]/admin/settings/actions');
  admin = await createPersona(getSql(), 'admin');
  staff = await createPersona(getSql(), 'staff');
});
afterAll(async () => bench?.stop());
beforeEach(() => {
  updatedTags.length = 0;
  requestContext.reset();
});

const as = (user: PersonaUser) => requestContext.cookies.set('authjs.session-token', user.sessionToken);
const tierRow = async (slug: string) =>
  (
    await getSql()<{ id: string; annual_price_pence: number; stripe_price_id: string | null; active: boolean }[]>`
    select id, annual_price_pence, stripe_price_id, active from membership_tiers where slug = ${slug}`
  )[0];
const auditCount = async (action: string) =>
  (await getSql()<{ n: number }[]>`select count(*)::int as n from audit_log where action = ${action}`)[0]!.n;

describe('tier prices', () => {
  it('an admin changes a price: a new Stripe price is made, stored on the tier, audited, and /join revalidated', async () => {
    const before = await tierRow('individual');
    as(admin);
    const { result } = await outcomeOf(() =>
      actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: before!.id, price: '36.50', confirm: 'on' })),
    );
    expect(result).toMatchObject({ done: 'saved', vars: { slug: 'individual' } });
    const after = await tierRow('individual');
    expect(after!.annual_price_pence).toBe(3650);
    expect(after!.stripe_price_id).toMatch(/^price_/);
    const price = bench.double.state.prices.get(after!.stripe_price_id!)!;
    expect(price).toMatchObject({
      unit_amount: 3650,
      currency: 'gbp',
      lookup_key: 'psg-individual-3650-yearly',
      recurring: { interval: 'year' },
    });
    expect(updatedTags).toEqual(['tiers']);
    const audit = firstRow(
      await getSql()`select actor_user_id, data from audit_log where action = 'tier.price_changed' and entity_id = ${before!.id}`,
    );
    expect(audit.actor_user_id).toBe(admin.userId);
    expect(audit.data).toMatchObject({ fromPence: 3000, toPence: 3650, toStripePriceId: after!.stripe_price_id });

    // A second change keeps the tier's Stripe product and makes yet another price.
    await outcomeOf(() =>
      actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: before!.id, price: '30', confirm: 'on' })),
    );
    const again = await tierRow('individual');
    expect(again!.stripe_price_id).not.toBe(after!.stripe_price_id);
    expect(bench.double.state.prices.get(again!.stripe_price_id!)!.product).toBe(price.product);
  });

  it('if Stripe fails, nothing changes and the admin sees the error', async () => {
    as(admin);
    // A first change gives the tier a Stripe price, so the next change asks Stripe for it first.
    const tierId = (await tierRow('concession'))!.id;
    await outcomeOf(() => actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId, price: '16', confirm: 'on' })));
    updatedTags.length = 0;
    const before = await tierRow('concession');
    const audits = await auditCount('tier.price_changed');
    const prices = bench.double.state.prices.size;
    // Every attempt (the SDK retries twice) gets a 500 from Stripe.
    bench.double.failNextResponses(3);
    const { result } = await outcomeOf(() =>
      actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: before!.id, price: '17', confirm: 'on' })),
    );
    bench.double.failNextResponses(0);
    expect(result).toMatchObject({ error: 'stripe', values: { price: '17' } });
    expect((result as SettingsFormState).vars?.detail).toContain('unknown error');
    expect(bench.double.state.prices.size).toBe(prices);
    expect(await tierRow('concession')).toEqual(before);
    expect(await auditCount('tier.price_changed')).toBe(audits);
    expect(updatedTags).toEqual([]);
  });

  it('refuses bad prices and an unconfirmed change, keeping the input', async () => {
    const before = await tierRow('organisation');
    as(admin);
    for (const [fields, field, message] of [
      [{ price: '-5', confirm: 'on' }, 'price', 'amount'],
      [{ price: '10.005', confirm: 'on' }, 'price', 'amount'],
      [{ price: 'abc', confirm: 'on' }, 'price', 'amount'],
      [{ price: '0.50', confirm: 'on' }, 'price', 'amount'],
      [{ price: '80' }, 'confirm', 'confirm'],
    ] as const) {
      const { result } = await outcomeOf(() =>
        actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: before!.id, ...fields })),
      );
      expect(result, JSON.stringify(fields)).toMatchObject({ fieldErrors: { [field]: message }, values: { price: fields.price } });
    }
    expect(await tierRow('organisation')).toEqual(before);
  });

  it('staff cannot change a price, create a tier or hide one', async () => {
    const before = await tierRow('individual');
    as(staff);
    expect(
      (
        await outcomeOf(() =>
          actions.changeTierPriceAction({ values: {} }, form({ locale: 'en', tierId: before!.id, price: '99', confirm: 'on' })),
        )
      ).outcome,
    ).toBe('forbidden');
    expect(
      (await outcomeOf(() => actions.setTierActiveAction(form({ locale: 'en', tierId: before!.id, active: 'false', confirm: 'on' }))))
        .outcome,
    ).toBe('forbidden');
    expect(
      (
        await outcomeOf(() =>
          actions.createTierAction(
            { values: {} },
            form({ locale: 'en', slug: 'staff-tier', nameEn: 'S', nameEs: 'S', price: '5', sortOrder: '1' }),
          ),
        )
      ).outcome,
    ).toBe('forbidden');
    expect(await tierRow('individual')).toEqual(before);
    expect(await tierRow('staff-tier')).toBeUndefined();
  });

  it('an admin creates a tier with its Stripe price; a taken slug is refused before Stripe is asked', async () => {
    as(admin);
    const fields = {
      locale: 'en',
      slug: 'family',
      nameEn: 'Family',
      nameEs: 'Familia',
      descriptionEn: 'Two adults',
      descriptionEs: 'Dos adultos',
      price: '45',
      sortOrder: '4',
    };
    const { result } = await outcomeOf(() => actions.createTierAction({ values: {} }, form(fields)));
    expect(result).toMatchObject({ done: 'saved', vars: { slug: 'family' } });
    const tier = await tierRow('family');
    expect(tier).toMatchObject({ annual_price_pence: 4500, active: true });
    expect(bench.double.state.prices.get(tier!.stripe_price_id!)!.unit_amount).toBe(4500);
    const row = firstRow(await getSql()`select benefits_newsletter_only from membership_tiers where slug = 'family'`);
    expect(row.benefits_newsletter_only).toBe(false);
    const prices = bench.double.state.prices.size;
    const { result: again } = await outcomeOf(() => actions.createTierAction({ values: {} }, form(fields)));
    expect(again).toMatchObject({ fieldErrors: { slug: 'duplicate' } });
    expect(bench.double.state.prices.size).toBe(prices);
    const { result: bad } = await outcomeOf(() =>
      actions.createTierAction({ values: {} }, form({ ...fields, slug: 'Bad Slug', nameEs: '' })),
    );
    expect(bad).toMatchObject({ fieldErrors: { slug: 'slug', nameEs: 'required' } });
    expect(await auditCount('tier.created')).toBe(1);
  });

  it('hiding a tier needs confirmation, removes it from the join list, and can be undone', async () => {
    const { listActiveTiers } = await import('@/db/queries/tiers');
    const tier = await tierRow('concession');
    as(admin);
    const unconfirmed = await outcomeOf(() => actions.setTierActiveAction(form({ locale: 'en', tierId: tier!.id, active: 'false' })));
    expect(unconfirmed.redirect).toContain('tier=unconfirmed');
    expect((await tierRow('concession'))!.active).toBe(true);
    const hidden = await outcomeOf(() =>
      actions.setTierActiveAction(form({ locale: 'en', tierId: tier!.id, active: 'false', confirm: 'on' })),
    );
    expect(hidden.redirect).toContain('tier=deactivated');
    expect((await listActiveTiers('en')).map((t) => t.slug)).not.toContain('concession');
    await outcomeOf(() => actions.setTierActiveAction(form({ locale: 'en', tierId: tier!.id, active: 'true', confirm: 'on' })));
    expect((await listActiveTiers('en')).map((t) => t.slug)).toContain('concession');
    expect(await auditCount('tier.deactivated')).toBe(1);
    expect(await auditCount('tier.reactivated')).toBe(1);
  });
});

describe('grace period', () => {
  it('a longer grace period gives a lapsed member their access back; a shorter one takes it away', async () => {
    const member = await createPersona(getSql(), 'member');
    // Paid period ended 40 days ago: outside 30 days of grace, inside 60.
    await getSql()`update memberships set status = 'lapsed', current_period_end = now() - interval '40 days' where user_id = ${member.userId}`;
    // What the newsletter archive, its issues and their PDFs ask (lib/membership/viewer.ts).
    const { accessOf } = await import('@/lib/membership/viewer');
    const viewer = { id: member.userId, email: member.email, name: null, role: 'member' as const, preferredLocale: 'en' as const };
    const tryAccess = async () => ((await accessOf(viewer)).kind === 'active' ? 'ok' : 'forbidden');
    expect(await tryAccess()).toBe('forbidden');
    as(admin);
    expect(
      (await outcomeOf(() => actions.saveGraceDaysAction({ values: {} }, form({ locale: 'en', graceDays: '60' })))).result,
    ).toMatchObject({ done: 'saved', vars: { days: '60' } });
    expect(await tryAccess()).toBe('ok');
    requestContext.reset();
    as(admin);
    await outcomeOf(() => actions.saveGraceDaysAction({ values: {} }, form({ locale: 'en', graceDays: '10' })));
    expect(await tryAccess()).toBe('forbidden');
    const audits = await getSql()`select data from audit_log where action = 'setting.grace_days_changed' order by id`;
    expect(audits.map((a) => a.data)).toEqual([
      { from: null, to: 60 },
      { from: 60, to: 10 },
    ]);
  });

  it('refuses anything but a whole number from 0 to 90, and staff cannot change it', async () => {
    as(admin);
    for (const value of ['91', '-1', '2.5', 'ten', '']) {
      const { result } = await outcomeOf(() => actions.saveGraceDaysAction({ values: {} }, form({ locale: 'en', graceDays: value })));
      expect(result, value).toMatchObject({ fieldErrors: { graceDays: 'range' }, values: { graceDays: value } });
    }
    requestContext.reset();
    as(staff);
    expect((await outcomeOf(() => actions.saveGraceDaysAction({ values: {} }, form({ locale: 'en', graceDays: '90' })))).outcome).toBe(
      'forbidden',
    );
    const { getMembershipGraceDays } = await import('@/db/queries/settings');
    expect(await getMembershipGraceDays()).toBe(10);
  });
});

describe('bank details', () => {
  it('are absent until an admin saves them: no placeholder is ever offered', async () => {
    const { getBankDetails } = await import('@/lib/payments/bank-details');
    expect(await getBankDetails()).toBeNull();
  });

  it('an admin saves them (sort code tidied), and the bank-transfer page reads them', async () => {
    as(admin);
    const { result } = await outcomeOf(() =>
      actions.saveBankDetailsAction(
        { values: {} },
        form({
          locale: 'en',
          accountName: 'Peru Support Group',
          bank: 'Unity Trust Bank',
          sortCode: '089299',
          accountNumber: '20123456',
          referenceHintEn: 'Add your surname',
          referenceHintEs: 'Añada su apellido',
        }),
      ),
    );
    expect(result).toMatchObject({ done: 'saved' });
    const { getBankDetails } = await import('@/lib/payments/bank-details');
    expect(await getBankDetails()).toEqual({
      accountName: 'Peru Support Group',
      bank: 'Unity Trust Bank',
      sortCode: '08-92-99',
      accountNumber: '20123456',
      referenceHintEn: 'Add your surname',
      referenceHintEs: 'Añada su apellido',
    });
    expect(await auditCount('setting.bank_details_changed')).toBe(1);
  });

  it('refuses a bad sort code or account number and keeps the old details', async () => {
    const { getBankDetails } = await import('@/lib/payments/bank-details');
    const before = await getBankDetails();
    as(admin);
    const { result } = await outcomeOf(() =>
      actions.saveBankDetailsAction(
        { values: {} },
        form({ locale: 'en', accountName: 'X', bank: 'Y', sortCode: '12-34-5', accountNumber: '1234567' }),
      ),
    );
    expect(result).toMatchObject({
      fieldErrors: { sortCode: 'sortCode', accountNumber: 'accountNumber' },
      values: { sortCode: '12-34-5' },
    });
    expect(await getBankDetails()).toEqual(before);
  });
});

describe('staff roles', () => {
  const roleOf = async (userId: string) => (await getSql()<{ role: string }[]>`select role from users where id = ${userId}`)[0]!.role;

  it('the only admin cannot give up their own admin role', async () => {
    await getSql()`update users set role = 'staff' where role = 'admin' and id <> ${admin.userId}`;
    as(admin);
    const { result } = await outcomeOf(() =>
      actions.setStaffRoleAction({ values: {} }, form({ locale: 'en', email: admin.email, role: 'staff', confirm: 'on' })),
    );
    expect(result).toMatchObject({ error: 'lastAdmin' });
    expect(await roleOf(admin.userId)).toBe('admin');
  });

  it('an admin makes a member staff, then admin; with two admins one may step down; all audited', async () => {
    const person = await createPersona(getSql(), 'member');
    as(admin);
    const set = (email: string, role: string, confirm = 'on') =>
      outcomeOf(() => actions.setStaffRoleAction({ values: {} }, form({ locale: 'en', email, role, confirm })));
    expect((await set(person.email, 'staff', '')).result).toMatchObject({ fieldErrors: { confirm: 'confirm' } });
    expect(await roleOf(person.userId)).toBe('member');
    expect((await set(person.email.toUpperCase(), 'staff')).result).toMatchObject({
      done: 'saved',
      vars: { email: person.email, role: 'staff' },
    });
    expect(await roleOf(person.userId)).toBe('staff');
    expect((await set('nobody-here@example.org', 'staff')).result).toMatchObject({ error: 'unknownUser' });
    await set(person.email, 'admin');
    expect((await set(admin.email, 'staff')).result).toMatchObject({ done: 'saved', vars: { email: admin.email, role: 'staff' } });
    expect(await roleOf(admin.userId)).toBe('staff');
    const audits =
      await getSql()`select actor_user_id, data from audit_log where action = 'user.role_changed' and entity_id in (${person.userId}, ${admin.userId}) order by id`;
    expect(audits.map((a) => a.data)).toEqual([
      { from: 'member', to: 'staff', via: 'admin settings' },
      { from: 'staff', to: 'admin', via: 'admin settings' },
      { from: 'admin', to: 'staff', via: 'admin settings' },
    ]);
  });

  it('staff cannot change anyone’s role, their own included', async () => {
    as(staff);
    expect(
      (
        await outcomeOf(() =>
          actions.setStaffRoleAction({ values: {} }, form({ locale: 'en', email: staff.email, role: 'admin', confirm: 'on' })),
        )
      ).outcome,
    ).toBe('forbidden');
    expect(await roleOf(staff.userId)).toBe('staff');
  });
});
