// "Live" (waiting for payment, paid up, or retrying a card) is written twice of necessity:
// as LIVE_MEMBERSHIP_STATUSES for the code, and spelled out in the unique index that lets a
// member have one live membership, because SQL in a migration cannot import a constant.
// This keeps the two the same list.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIVE_MEMBERSHIP_STATUSES } from '@/db/schema';
import { isLive, stripeControls } from '@/lib/membership/lifecycle';

describe('live memberships', () => {
  it('the one-live-membership index covers exactly LIVE_MEMBERSHIP_STATUSES', () => {
    const dir = path.join(process.cwd(), 'db/migrations');
    const statements = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('--> statement-breakpoint'))
      .filter((s) => s.includes('"memberships_one_live_per_user"') && /CREATE UNIQUE INDEX/i.test(s));
    const latest = statements.at(-1);
    expect(latest).toBeDefined();
    const listed = [...latest!.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...LIVE_MEMBERSHIP_STATUSES].sort());
  });

  it('a paid card membership is Stripe’s to change; a pending one, or an ended one, is not', () => {
    expect(stripeControls({ source: 'stripe', status: 'active' })).toBe(true);
    expect(stripeControls({ source: 'stripe', status: 'past_due' })).toBe(true);
    expect(stripeControls({ source: 'stripe', status: 'pending' })).toBe(false);
    expect(stripeControls({ source: 'stripe', status: 'cancelled' })).toBe(false);
    expect(stripeControls({ source: 'offline', status: 'active' })).toBe(false);
    expect(isLive('lapsed')).toBe(false);
  });
});
