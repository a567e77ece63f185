import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { ACTIONS, PERSONAS, type Persona } from '../authz/matrix';
import { form } from '../support/forms';
import { createPersona, type PersonaUser } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);
// revalidatePath needs a Next request; the effect it stands for is not what is tested here.
vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: (fn: unknown) => fn,
}));

const actions = await import('@/app/[locale]/account/actions');
// Each admin area's samples (they import their actions, so after the mocks above).
const AREA_SAMPLES = await Promise.all(
  ['overview', 'members', 'import', 'payments', 'gift-aid', 'publications', 'pages', 'settings', 'audit'].map(
    async (area) =>
      (await import(`./authz-samples/${area}.ts`)).samples as Record<string, (user: PersonaUser | null) => () => Promise<unknown>>,
  ),
);
const offline = await import('@/app/[locale]/admin/payments/offline/actions');
const newsletters = await import('@/app/[locale]/admin/newsletters/actions');
const issueId = async () =>
  (
    await getSql()`insert into newsletter_issues (number, title, issued_on, published) values (${Math.floor(Math.random() * 9e6) + 1}, 'Authz', '2026-01-01', true) returning id`
  )[0]!.id as string;

// A valid submission for each action, so that "ok" means the action really ran.
const SAMPLES: Record<string, (user: PersonaUser | null) => () => Promise<unknown>> = {
  ...Object.assign({}, ...AREA_SAMPLES),
  '[locale]/account/actions.ts#saveProfile': () => () =>
    actions.saveProfile({ values: {} }, form({ name: 'A Person', preferredLocale: 'en', locale: 'en' })),
  '[locale]/account/actions.ts#signOutEverywhere': () => () => actions.signOutEverywhere(form({ locale: 'en' })),
  '[locale]/account/actions.ts#openBillingPortal': () => () => actions.openBillingPortal(form({ locale: 'en' })),
  '[locale]/account/actions.ts#cancelGiftAidDeclaration': () => () =>
    actions.cancelGiftAidDeclaration(form({ locale: 'en', declarationId: '00000000-0000-4000-8000-000000000000' })),
  '[locale]/account/actions.ts#confirmGuestGiftAction': () => () =>
    actions.confirmGuestGiftAction(form({ locale: 'en', donationId: '00000000-0000-4000-8000-000000000000' })),
  '[locale]/admin/payments/offline/actions.ts#recordOfflinePaymentAction': () => async () => {
    const target = await createPersona(getSql(), 'lapsed');
    return offline.recordOfflinePaymentAction(
      { values: {} },
      form({
        locale: 'en',
        email: target.email,
        amount: '30',
        paidOn: new Date().toISOString().slice(0, 10),
        method: 'cheque',
        tier: 'individual',
      }),
    );
  },
  '[locale]/admin/newsletters/actions.ts#publishNewsletterIssue': () => async () =>
    newsletters.publishNewsletterIssue(form({ locale: 'en', id: await issueId(), publish: 'true' })),
  '[locale]/admin/newsletters/actions.ts#sendNewsletterTest': () => async () =>
    newsletters.sendNewsletterTest(form({ locale: 'en', id: await issueId() })),
  '[locale]/admin/newsletters/actions.ts#sendNewsletterToMembers': () => async () =>
    newsletters.sendNewsletterToMembers(form({ locale: 'en', id: await issueId(), confirm: 'off' })),
  '[locale]/account/actions.ts#deleteAccount': (user) => () =>
    actions.deleteAccount({ values: {} }, form({ confirmation: user?.email ?? 'nobody@example.org', locale: 'en' })),
};

async function actAs(persona: Persona): Promise<PersonaUser | null> {
  requestContext.reset();
  if (persona === 'anonymous') return null;
  const user = await createPersona(getSql(), persona);
  requestContext.cookies.set('authjs.session-token', user.sessionToken);
  return user;
}

beforeEach(() => requestContext.reset());

describe('authorization matrix: server actions', () => {
  it('has a sample submission for every action in the matrix', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [key, expectation] of Object.entries(ACTIONS)) {
    for (const persona of PERSONAS) {
      it(`${key} as ${persona}: ${expectation[persona]}`, async () => {
        const user = await actAs(persona);
        const { outcome, result } = await outcomeOf(SAMPLES[key]!(user));
        expect(outcome).toBe(expectation[persona]);
        // An allowed submission must really go through, not come back refused.
        if (outcome === 'ok' && result && typeof result === 'object') {
          expect(result).not.toHaveProperty('error');
          expect(result).not.toHaveProperty('fieldErrors');
        }
      });
    }
  }
});

describe('forged form fields', () => {
  let member: PersonaUser;
  let other: PersonaUser;
  beforeAll(async () => {
    other = await createPersona(getSql(), 'member');
  });

  it('a member cannot make themselves admin, or edit someone else, through the profile form', async () => {
    member = (await actAs('member'))!;
    const forged = form({
      name: 'Changed Name',
      preferredLocale: 'es',
      locale: 'en',
      role: 'admin',
      id: other.userId,
      userId: other.userId,
      email: 'attacker@example.org',
    });
    const { outcome } = await outcomeOf(() => actions.saveProfile({ values: {} }, forged));
    expect(outcome).toBe('ok');
    const rows = await getSql()<{ id: string; role: string; name: string; email: string; preferred_locale: string }[]>`
      select id, role, name, email, preferred_locale from users where id in (${member.userId}, ${other.userId})`;
    const me = rows.find((r) => r.id === member.userId)!;
    const them = rows.find((r) => r.id === other.userId)!;
    expect(me).toMatchObject({ role: 'member', name: 'Changed Name', email: member.email, preferred_locale: 'es' });
    expect(them).toMatchObject({ role: 'member', name: 'member tester', email: other.email });
  });

  it('deleting an account always deletes the signed-in one, whatever id the form names', async () => {
    const me = (await actAs('member'))!;
    const forged = form({ confirmation: other.email, userId: other.userId, locale: 'en' });
    const result = await outcomeOf(() => actions.deleteAccount({ values: {} }, forged));
    expect(result.outcome).toBe('ok');
    expect(result.result).toEqual({ values: { confirmation: other.email, userId: other.userId, locale: 'en' }, error: 'mismatch' });
    const them = firstRow(await getSql()<{ email: string | null }[]>`select email from users where id = ${other.userId}`);
    expect(them.email).toBe(other.email);
    const still = firstRow(await getSql()<{ email: string | null }[]>`select email from users where id = ${me.userId}`);
    expect(still.email).toBe(me.email);
  });

  it('rejects invalid profile input with the values kept and nothing saved', async () => {
    const me = (await actAs('member'))!;
    const long = 'x'.repeat(500);
    const { result } = await outcomeOf(() =>
      actions.saveProfile({ values: {} }, form({ name: long, preferredLocale: 'fr', locale: 'en' })),
    );
    expect(result).toMatchObject({ values: { name: long }, fieldErrors: { name: 'tooLong', preferredLocale: 'invalid' } });
    expect(result).not.toHaveProperty('done');
    const row = firstRow(await getSql()<{ name: string }[]>`select name from users where id = ${me.userId}`);
    expect(row.name).toBe('member tester');
  });
});
