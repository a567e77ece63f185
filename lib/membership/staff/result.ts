import type { Result } from '@/lib/result';

/** Why a staff change to a member was refused: message keys of the member record's forms. */
export type MemberChangeError =
  'unknownMember' | 'unknownTier' | 'noLiveMembership' | 'hasLiveMembership' | 'stripeControls' | 'notLater' | 'sameTier';
export type MemberChange<T> = Result<T, MemberChangeError>;
