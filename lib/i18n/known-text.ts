// A text chosen by data the compiler cannot see (an audit action, a Stripe status or
// dispute reason, something a newer version of Stripe may add): the message when
// messages/ has one, else the fallback (the code itself), so a new value shows as what it
// is instead of a missing-message error. Every other key is typed (global.d.ts), so this
// is the one way around that check, and it is for data only.

type Loose = { (key: string): string; has(key: string): boolean };

/** `t` is a next-intl translator (useTranslations or getTranslations), of any namespace. */
export function knownText(t: object, key: string, fallback: string = key): string {
  const loose = t as Loose;
  return loose.has(key) ? loose(key) : fallback;
}
