import { searchMembers } from '@/db/queries/admin-members';
import { closeDb } from '@/db/client';

const cases: [string, Record<string, unknown>][] = [
  ['list name asc', {}],
  ['list name desc', { dir: 'desc' }],
  ['list joined desc', { sort: 'joined', dir: 'desc' }],
  ['list expiry asc', { sort: 'expiry' }],
  ['status=active', { status: 'active' }],
  ['status=pending', { status: 'pending' }],
  ['status=grace', { status: 'grace' }],
  ['tier=organisation', { tier: 'organisation' }],
  ['source=complimentary', { source: 'complimentary' }],
  ['expires within 30 (expiry sort)', { expiresWithin: 30, sort: 'expiry' }],
  ['expires within 30 (name sort)', { expiresWithin: 30 }],
  ['search name "quispe"', { q: 'quispe' }],
  ['search name "maría torres 12"', { q: 'maría torres 12' }],
  ['search email "person4242"', { q: 'person4242' }],
  ['search postcode "SW1A"', { q: 'SW1A' }],
  ['search postcode "sw1a 3"', { q: 'sw1a 3' }],
  ['search rare "zzzz"', { q: 'zzzz' }],
  ['search 2 chars "an"', { q: 'an' }],
  ['search + status active', { q: 'garcía', status: 'active' }],
];

async function main() {
  for (const [label, filter] of cases) {
    const times: number[] = [];
    let page = await searchMembers(filter, { limit: 50 });
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      page = await searchMembers(filter, { limit: 50 });
      times.push(performance.now() - t0);
    }
    // and a deep page: follow cursors 20 pages
    let after = page.next;
    let deep = 0;
    for (let i = 0; i < 20 && after; i++) {
      const t0 = performance.now();
      const p = await searchMembers(filter, { after, limit: 50 });
      deep = Math.max(deep, performance.now() - t0);
      after = p.next;
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(36)} rows=${String(page.rows.length).padStart(2)} p50=${times[14].toFixed(1)}ms p95=${times[28].toFixed(1)}ms worst-next-page=${deep.toFixed(1)}ms`);
  }
  await closeDb();
}
main();
