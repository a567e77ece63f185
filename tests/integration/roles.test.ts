import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSql } from '@/db/client';
import { createPersona } from '../support/personas';
import { nextHeadersMock, outcomeOf, requestContext } from '../support/request-context';
import { runScript } from '../support/run-script';
import { firstRow } from '../support/rows';

vi.mock('next/headers', () => nextHeadersMock);

afterEach(() => requestContext.reset());

const roleOf = async (userId: string) => (await getSql()<{ role: string }[]>`select role from users where id = ${userId}`)[0]!.role;

describe('roles', () => {
  it('npm run user:role makes the first admin and records it', async () => {
    const person = await createPersona(getSql(), 'member');
    const result = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: [person.email, 'admin'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${person.email} is now admin`);
    expect(await roleOf(person.userId)).toBe('admin');
    const audit = firstRow(await getSql()`select data from audit_log where action = 'user.role_changed' and entity_id = ${person.userId}`);
    expect(audit.data).toEqual({ from: 'member', to: 'admin', via: 'command line' });
  });

  it('the command refuses an unknown address and an unknown role', async () => {
    const unknown = await runScript(
      'user:role',
      { DATABASE_URL: process.env.DATABASE_URL },
      { args: ['nobody-here@example.org', 'admin'] },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account uses nobody-here@example.org');
    const badRole = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: ['x@example.org', 'superuser'] });
    expect(badRole.code).toBe(2);
  });

  it('the command, like the admin screen, never demotes the last admin', async () => {
    // The only admin: every other admin of this database made a member first.
    const person = await createPersona(getSql(), 'admin');
    await getSql()`update users set role = 'member' where role = 'admin' and id <> ${person.userId}`;
    const result = await runScript('user:role', { DATABASE_URL: process.env.DATABASE_URL }, { args: [person.email, 'member'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${person.email} is the last admin`);
    expect(await roleOf(person.userId)).toBe('admin');
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
