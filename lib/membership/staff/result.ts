/** Why a staff change to a member was refused: message keys of the member record's forms. */
export type MemberChangeError = 'unknownMember' | 'unknownTier' | 'noLiveMembership' | 'hasLiveMembership' | 'stripeControls' | 'notLater' | 'sameTier';
export type MemberChange<T> = { ok: true; value: T } | { ok: false; error: MemberChangeError };
