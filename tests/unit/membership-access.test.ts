import { describe, expect, it } from 'vitest';
import type { MembershipStatus } from '@/db/schema';
import { memberAccess } from '@/lib/membership/lifecycle';

const day = 24 * 60 * 60 * 1000;
const end = new Date('2026-06-30T23:00:00Z');
const at = (days: number) => new Date(end.getTime() + days * day);
const access = (status: MembershipStatus, now: Date, periodEnd: Date | null = end) =>
  memberAccess({ status, currentPeriodEnd: periodEnd }, now, 30);

describe('membership lifecycle: who can read the archive', () => {
  it('no membership and pending memberships have no access', () => {
    expect(memberAccess(null, at(-10), 30)).toEqual({ kind: 'none' });
    expect(access('pending', at(-10))).toEqual({ kind: 'pending' });
  });

  it('an active member has access through the paid period', () => {
    expect(access('active', at(-100))).toEqual({ kind: 'active', until: end, inGrace: false });
  });

  it('past_due keeps access while Stripe retries, including the grace period', () => {
    expect(access('past_due', at(-1))).toMatchObject({ kind: 'active', inGrace: false });
    expect(access('past_due', at(10))).toMatchObject({ kind: 'active', inGrace: true, until: at(30) });
  });

  it('access closes 30 days after the paid period ends unless renewed', () => {
    expect(access('active', at(29))).toMatchObject({ kind: 'active', inGrace: true });
    expect(access('lapsed', at(29))).toMatchObject({ kind: 'active', inGrace: true });
    expect(access('lapsed', at(31))).toEqual({ kind: 'ended', endedAt: at(30) });
    expect(access('active', at(31))).toEqual({ kind: 'ended', endedAt: at(30) });
  });

  it('a cancelled membership ends with its paid period, with no grace', () => {
    expect(access('cancelled', at(-5))).toMatchObject({ kind: 'active', inGrace: false });
    expect(access('cancelled', at(1))).toEqual({ kind: 'ended', endedAt: end });
  });

  it('complimentary memberships without an end date stay open while active', () => {
    expect(access('active', at(5000), null)).toEqual({ kind: 'active', until: null, inGrace: false });
    expect(access('lapsed', at(5000), null)).toEqual({ kind: 'ended', endedAt: null });
  });
});
