import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { runScript } from '../support/run-script';

vi.mock('next/headers', () => nextHeadersMock);
const { changeUserRole } = await import('@/lib/auth/roles');

afterEach(() => requestContext.reset());

const roleOf = async (userId: string) => (await getSql()<{ role: string }[]>`select role from users where id = ${userId}`)[0].role;

describe('roles', () => {
  it('npm run user:role makes the first admin and records it', async () => {
    const person = await createPersona(getSql(), 'member');
    const result = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: [person.email, 'admin'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${person.email} is now admin`);
    expect(await roleOf(person.userId)).toBe('admin');
    const [audit] = await getSql()`select data from audit_log where action = 'user.role_changed' and entity_id = ${person.userId}`;
    expect(audit.data).toEqual({ from: 'member', to: 'admin', via: 'command line' });
  });

  it('the command refuses an unknown address and an unknown role', async () => {
    const unknown = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: ['nobody-here@example.org', 'admin'] });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account uses nobody-here@example.org');
    const badRole = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: ['x@example.org', 'superuser'] });
    expect(badRole.code).toBe(2);
  });

  for (const persona of ['member', 'staff'] as const) {
    it(`a ${persona} cannot change anyone's role, their own included`, async () => {
      const actor = await createPersona(getSql(), persona);
      requestContext.cookies.set('authjs.session-token', actor.sessionToken);
      const { outcome } = await outcomeOf(() => changeUserRole(actor.email, 'admin'));
      expect(outcome).toBe('forbidden');
      expect(await roleOf(actor.userId)).toBe(persona);
    });
  }

  it('an admin can, and the audit log names them', async () => {
    const admin = await createPersona(getSql(), 'admin');
    const target = await createPersona(getSql(), 'member');
    requestContext.cookies.set('authjs.session-token', admin.sessionToken);
    const { outcome } = await outcomeOf(() => changeUserRole(target.email, 'staff'));
    expect(outcome).toBe('ok');
    expect(await roleOf(target.userId)).toBe('staff');
    const [audit] = await getSql()`select actor_user_id from audit_log where action = 'user.role_changed' and entity_id = ${target.userId}`;
    expect(audit.actor_user_id).toBe(admin.userId);
  });

  it('a role change takes effect on the next request of a signed-in session', async () => {
    const person = await createPersona(getSql(), 'staff');
    requestContext.cookies.set('authjs.session-token', person.sessionToken);
    const { requireRole } = await import('@/lib/auth/guards');
    expect((await outcomeOf(() => requireRole('staff'))).outcome).toBe('ok');
    await getSql()`update users set role = 'member' where id = ${person.userId}`;
    vi.resetModules(); // a new request: nothing cached from the last one
    const guards = await import('@/lib/auth/guards');
    expect((await outcomeOf(() => guards.requireRole('staff'))).outcome).toBe('forbidden');
  });
});
