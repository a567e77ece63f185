/** Auth.js's session cookie, without and with the __Secure- prefix used over HTTPS. */
export const SESSION_COOKIE_NAMES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;
