// What importing one checked row would do to the member it names: pure, so the preview
// ("will create / will update / unchanged") and the import itself share one set of rules.
import { isLive, stripeControls } from '@/lib/membership/lifecycle';
import type { CheckedRow } from './member-import';

export type ExistingMembership = { id: string; tierSlug: string; status: string; source: string; start: string | null; end: string | null };
export type ExistingMember = {
  id: string;
  name: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  newsletterOptIn: boolean;
  memberships: ExistingMembership[];
  notes: string[];
};

export type ProfileFields = Pick<
  ExistingMember,
  'name' | 'addressLine1' | 'addressLine2' | 'city' | 'postcode' | 'country' | 'newsletterOptIn'
>;
export type MembershipChange =
  { kind: 'none' } | { kind: 'insert'; status: 'active' | 'lapsed' } | { kind: 'update'; id: string; status: 'active' | 'lapsed' };
export type RowOutcome = 'create' | 'update' | 'unchanged';
export type RowPlan = { outcome: RowOutcome; profile: Partial<ProfileFields>; membership: MembershipChange; addNote: boolean };

const PROFILE_TEXT = ['name', 'addressLine1', 'addressLine2', 'city', 'postcode', 'country'] as const;

/**
 * Blank cells never erase what we hold. A period already recorded is never recorded
 * twice; a live card (Stripe) membership is left to Stripe; a live offline or
 * complimentary one is moved to the imported period only when that ends later.
 */
export function planRow(row: CheckedRow, existing: ExistingMember | undefined, today: string): RowPlan {
  const status = row.endDate >= today ? 'active' : 'lapsed';
  if (!existing) {
    const profile: Partial<ProfileFields> = { newsletterOptIn: row.newsletterOptIn ?? true };
    for (const key of PROFILE_TEXT) if (row[key]) profile[key] = row[key];
    return { outcome: 'create', profile, membership: { kind: 'insert', status }, addNote: Boolean(row.notes) };
  }
  const profile: Partial<ProfileFields> = {};
  for (const key of PROFILE_TEXT) if (row[key] && row[key] !== existing[key]) profile[key] = row[key];
  if (row.newsletterOptIn !== null && row.newsletterOptIn !== existing.newsletterOptIn) profile.newsletterOptIn = row.newsletterOptIn;

  let membership: MembershipChange = { kind: 'none' };
  const samePeriod = existing.memberships.some((m) => m.start === row.startDate && m.end === row.endDate);
  const live = existing.memberships.find((m) => isLive(m.status));
  if (!samePeriod) {
    if (live) {
      const byCard = stripeControls(live);
      if (!byCard && (live.end ?? '') < row.endDate) membership = { kind: 'update', id: live.id, status };
    } else if (!existing.memberships.some((m) => (m.end ?? '') >= row.endDate)) {
      membership = { kind: 'insert', status };
    }
  }
  const addNote = Boolean(row.notes) && !existing.notes.includes(row.notes!);
  const changed = Object.keys(profile).length > 0 || membership.kind !== 'none' || addNote;
  return { outcome: changed ? 'update' : 'unchanged', profile, membership, addNote };
}
