// The one place the Stripe API version is pinned: the app's SDK client and the project's
// Stripe double (stripe-double/) both use it. Change it only together with the SDK.
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;
