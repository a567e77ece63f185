import { describe, expect, it } from 'vitest';
import { z } from 'zod';

process.env.AUTH_SECRET ??= 'unit-test-secret-0123456789abcdef';
const { cursorCodec } = await import('@/lib/http/cursor');
const { parseListParams, cursorParam } = await import('@/components/admin/payments/params');

const payments = cursorCodec('payments', z.object({ createdAt: z.string(), id: z.uuid() }));
const audit = cursorCodec('audit', z.object({ id: z.number().int().positive() }));
const position = { createdAt: '2026-03-31T10:00:00.123456Z', id: '6f1c2b1e-8d3a-4c55-9a77-1e2d3c4b5a69' };

describe('list cursors', () => {
  it('gives back the position it was made from, as URL-safe text', () => {
    const cursor = payments.encode(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(payments.decode(cursor)).toEqual(position);
  });

  it('refuses a cursor edited by hand, cut short, made for another list, or of another shape', () => {
    const cursor = payments.encode(position);
    const [body, signature] = cursor.split('.');
    const edited = Buffer.from(JSON.stringify({ ...position, id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expect(payments.decode(`${edited}.${signature}`)).toBeNull();
    expect(payments.decode(body)).toBeNull();
    expect(payments.decode(cursor.slice(0, -2))).toBeNull();
    expect(payments.decode(`${cursor}.x`)).toBeNull();
    // The same text signed for the audit list is worth nothing here, and the other way round.
    expect(payments.decode(audit.encode({ id: 5 }))).toBeNull();
    expect(audit.decode(cursor)).toBeNull();
    const wrongShape = cursorCodec('payments', z.object({ id: z.number() })).encode({ id: 1 });
    expect(payments.decode(wrongShape)).toBeNull();
  });

  it('refuses what is not a string or is far too long, without throwing', () => {
    for (const value of [undefined, null, 42, ['a'], '', '.', 'a'.repeat(5000), '%%%.%%%']) expect(payments.decode(value)).toBeNull();
  });

  it('the payments list keeps a cursor it made and says when one was not', () => {
    const cursor = cursorParam(position);
    expect(parseListParams({ after: cursor, kind: 'membership' })).toEqual({
      filters: { kind: 'membership' },
      after: position,
      ignored: false,
    });
    expect(parseListParams({ after: '2026-03-31T10:00:00.123456Z~6f1c2b1e-8d3a-4c55-9a77-1e2d3c4b5a69' })).toEqual({
      filters: {},
      after: null,
      ignored: true,
    });
  });
});
