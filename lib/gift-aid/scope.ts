/**
 * The declaration scope a gift's form starts with, until the donor picks one. A monthly gift
 * is many payments: "this payment only" would cover its first month alone (HMRC reads the
 * declaration as the donor worded it), which is not what someone giving every month means.
 */
export function defaultDeclarationScope(frequency: string): 'this_gift' | 'this_and_future' {
  return frequency === 'monthly' ? 'this_and_future' : 'this_gift';
}
