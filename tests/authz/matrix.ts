// The authorization matrix: every route and server action under /account, /members,
// /admin and /api (the sign-in confirmation and the Stripe webhook excepted), with what
// each kind of visitor gets, and every route handler in app/ with how it meets a request
// from another site (ROUTE_HANDLERS). tests/unit/authz-coverage.test.ts fails when a
// route, route handler or exported action exists in app/ without a row here, so nothing
// new ships unguarded.

import {
  activeMembers,
  adminOnly,
  everyone,
  signedIn,
  staffOnly,
  PERSONAS,
  type Expectation,
  type Outcome,
  type Persona,
} from './expectations';
import * as adminOverview from './admin/overview';
import * as adminMembers from './admin/members';
import * as adminImport from './admin/import';
import * as adminPayments from './admin/payments';
import * as adminGiftAid from './admin/gift-aid';
import * as adminPublications from './admin/publications';
import * as adminPages from './admin/pages';
import * as adminSettings from './admin/settings';
import * as adminAudit from './admin/audit';

export { activeMembers, adminOnly, PERSONAS, staffOnly, type Expectation, type Outcome, type Persona };
const ADMIN_AREAS = [
  adminOverview,
  adminMembers,
  adminImport,
  adminPayments,
  adminGiftAid,
  adminPublications,
  adminPages,
  adminSettings,
  adminAudit,
];

/** Keyed by the file under app/; `path` is the URL requested (English; Spanish is checked too for pages). */
export const ROUTES: Record<string, { path: string; expect: Expectation }> = {
  ...Object.assign({}, ...ADMIN_AREAS.map((area) => area.routes)),
  '[locale]/account/page.tsx': { path: '/account', expect: signedIn },
  '[locale]/account/delete/page.tsx': { path: '/account/delete', expect: signedIn },
  '[locale]/account/export/route.ts': { path: '/account/export', expect: signedIn },
  // Someone else's (or no) receipt is not found, whoever asks.
  '[locale]/account/receipts/[id]/page.tsx': {
    path: '/account/receipts/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'notfound', lapsed: 'notfound', staff: 'notfound', admin: 'notfound' },
  },
  '[locale]/admin/payments/offline/page.tsx': { path: '/admin/payments/offline', expect: staffOnly },
  // Everyone signed in sees the list (titles and dates); only members read the issues.
  '[locale]/members/newsletters/page.tsx': { path: '/members/newsletters', expect: signedIn },
  '[locale]/members/newsletters/[number]/page.tsx': {
    path: '/members/newsletters/999999',
    expect: { anonymous: 'signin', member: 'notfound', lapsed: 'notfound', staff: 'notfound', admin: 'notfound' },
  },
  '[locale]/members/newsletters/[number]/pdf/route.ts': {
    path: '/members/newsletters/999999/pdf',
    expect: { anonymous: 'signin', member: 'notfound', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
  '[locale]/admin/newsletters/page.tsx': { path: '/admin/newsletters', expect: staffOnly },
  '[locale]/admin/newsletters/[id]/page.tsx': {
    path: '/admin/newsletters/00000000-0000-4000-8000-000000000000',
    expect: { anonymous: 'signin', member: 'forbidden', lapsed: 'forbidden', staff: 'notfound', admin: 'notfound' },
  },
  // The issue form's route handler: POST only, staff and same-origin only (tests/security/upload-limits.test.ts).
  'api/admin/newsletters/route.ts': {
    path: '/api/admin/newsletters',
    expect: { anonymous: 'method', member: 'method', lapsed: 'method', staff: 'method', admin: 'method' },
  },
  'api/admin/newsletters/[id]/progress/route.ts': {
    path: '/api/admin/newsletters/00000000-0000-4000-8000-000000000000/progress',
    expect: staffOnly,
  },
  // Guarded by a bearer token derived from AUTH_SECRET; a GET is not allowed at all.
  'api/jobs/scheduled/route.ts': {
    path: '/api/jobs/scheduled',
    expect: { anonymous: 'method', member: 'method', lapsed: 'method', staff: 'method', admin: 'method' },
  },
  'api/health/route.ts': { path: '/api/health', expect: everyone },
  'api/ready/route.ts': { path: '/api/ready', expect: everyone },
  // Guarded by its HMAC signature, not a session: a GET is not allowed at all.
  'api/newsletter/unsubscribe/route.ts': {
    path: '/api/newsletter/unsubscribe',
    expect: { anonymous: 'method', member: 'method', lapsed: 'method', staff: 'method', admin: 'method' },
  },
};

/** Keyed by `<file under app/>#<exported action>`. */
export const ACTIONS: Record<string, Expectation> = {
  ...Object.assign({}, ...ADMIN_AREAS.map((area) => area.actions)),
  '[locale]/account/actions.ts#saveProfile': signedIn,
  '[locale]/account/actions.ts#signOutEverywhere': signedIn,
  '[locale]/account/actions.ts#deleteAccount': signedIn,
  '[locale]/account/actions.ts#openBillingPortal': signedIn,
  '[locale]/account/actions.ts#cancelGiftAidDeclaration': signedIn,
  '[locale]/account/actions.ts#confirmGuestGiftAction': signedIn,
  '[locale]/admin/payments/offline/actions.ts#recordOfflinePaymentAction': staffOnly,
  '[locale]/admin/newsletters/actions.ts#publishNewsletterIssue': staffOnly,
  '[locale]/admin/newsletters/actions.ts#sendNewsletterTest': staffOnly,
  '[locale]/admin/newsletters/actions.ts#sendNewsletterToMembers': staffOnly,
};

/** Parts of app/ the matrix must cover. */
export function isGuardedArea(file: string): boolean {
  if (file.startsWith('api/')) return !file.startsWith('api/auth/') && !file.startsWith('api/stripe/webhook/');
  return /^\[locale\]\/(account|members|admin)(\/|$)/.test(file);
}

/**
 * How a route handler meets a request sent by another site (CSRF):
 * - `safe`: it only answers GET/HEAD. A cross-site GET can at most download something the
 *   visitor may see anyway (and leave an audit entry); SameSite=Lax keeps the session cookie
 *   off cross-site subresource requests.
 * - `same-origin`: it changes state on the strength of the visitor's browser, so it calls
 *   refuseCrossSite (lib/security/same-origin.ts) before anything else;
 *   tests/security/csrf.test.ts posts to each from another site and expects a 403.
 * - `signed`: it changes state, but its authority is a secret in the request itself, which
 *   another site cannot borrow from the visitor; its callers are machines that send no
 *   Origin. `by` names the secret.
 */
export type CsrfExpectation = { kind: 'safe' } | { kind: 'same-origin'; path: string } | { kind: 'signed'; by: string };

const safe: CsrfExpectation = { kind: 'safe' };

/** Every route handler (route.ts) under app/, keyed by its file. */
export const ROUTE_HANDLERS: Record<string, CsrfExpectation> = {
  'api/auth/confirm/route.ts': { kind: 'same-origin', path: '/api/auth/confirm' },
  // The staff forms with files (lib/http/staff-form-route.ts): Origin, then role, before the body.
  'api/admin/publications/route.ts': { kind: 'same-origin', path: '/api/admin/publications' },
  'api/admin/newsletters/route.ts': { kind: 'same-origin', path: '/api/admin/newsletters' },
  'api/admin/members/import/route.ts': { kind: 'same-origin', path: '/api/admin/members/import' },
  'api/stripe/webhook/route.ts': { kind: 'signed', by: 'Stripe-Signature, checked with STRIPE_WEBHOOK_SECRET' },
  'api/jobs/scheduled/route.ts': { kind: 'signed', by: 'bearer token derived from AUTH_SECRET' },
  'api/newsletter/unsubscribe/route.ts': { kind: 'signed', by: 'HMAC of the member id (RFC 8058 one-click: mail providers post it)' },
  'api/health/route.ts': safe,
  'api/ready/route.ts': safe,
  'api/admin/newsletters/[id]/progress/route.ts': safe,
  'feed.xml/route.ts': safe,
  'files/publications/[id]/[name]/route.ts': safe,
  '[locale]/account/export/route.ts': safe,
  '[locale]/members/newsletters/[number]/pdf/route.ts': safe,
  '[locale]/admin/members/export/route.ts': safe,
  '[locale]/admin/members/import/template/route.ts': safe,
  '[locale]/admin/payments/export/route.ts': safe,
  '[locale]/admin/gift-aid/claims/[id]/schedule/route.ts': safe,
};
