// Who asks, and what each kind of visitor gets; shared by the matrix and its area files.

export const PERSONAS = ['anonymous', 'member', 'lapsed', 'staff', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

/** ok: served (200 / action runs); signin: sent to sign in; forbidden: 403; notfound: 404. */
export type Outcome = 'ok' | 'signin' | 'forbidden' | 'notfound' | 'badrequest' | 'method';
export type Expectation = Record<Persona, Outcome>;

export const signedIn: Expectation = { anonymous: 'signin', member: 'ok', lapsed: 'ok', staff: 'ok', admin: 'ok' };
export const everyone: Expectation = { anonymous: 'ok', member: 'ok', lapsed: 'ok', staff: 'ok', admin: 'ok' };
export const staffOnly: Expectation = { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'ok', admin: 'ok' };
export const adminOnly: Expectation = { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'forbidden', admin: 'ok' };
export const activeMembers: Expectation = { anonymous: 'signin', member: 'ok', lapsed: 'forbidden', staff: 'ok', admin: 'ok' };
