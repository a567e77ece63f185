import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { pendingMigrations } from '@/db/migrate';
import { seedDatabase } from '@/db/seed';
import { getStorage } from '@/lib/storage';

async function counts() {
  const [row] = await getDb().execute<Record<string, number>>(sql`
    select (select count(*)::int from publications) as publications,
           (select count(*)::int from publication_translations) as translations,
           (select count(*)::int from publication_files) as files,
           (select count(*)::int from publication_topics) as links,
           (select count(*)::int from topics) as topics,
           (select count(*)::int from pages) as pages,
           (select count(*)::int from membership_tiers) as tiers`);
  return row;
}

describe('migrations and seed', () => {
  it('leaves no pending migration on a freshly migrated database', async () => {
    expect(await pendingMigrations(process.env.DATABASE_URL!)).toEqual([]);
  });

  it('seeds every demo publication, page and tier, and a second run adds nothing', async () => {
    const first = await seedDatabase(getDb(), getStorage());
    expect(first).toEqual({ topics: 9, publications: 8, files: 9, pages: 8, tiers: 3, newsletters: 3 });
    const before = await counts();
    expect(before).toMatchObject({ publications: 8, pages: 8, tiers: 3, files: 9 });

    const second = await seedDatabase(getDb(), getStorage());
    expect(second).toEqual({ topics: 0, publications: 0, files: 0, pages: 0, tiers: 0, newsletters: 0 });
    expect(await counts()).toEqual(before);
  });

  it('stores each seeded file as a real PDF of the recorded size', async () => {
    const files = await getDb().execute<{ storage_key: string; byte_size: number }>(
      sql`select storage_key, byte_size from publication_files`,
    );
    for (const file of files) {
      const stored = await getStorage().read(file.storage_key);
      const bytes = new Uint8Array(await new Response(stored!.stream).arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(bytes.byteLength).toBe(file.byte_size);
    }
  });

  it('refuses to edit or delete the audit log', async () => {
    await getDb().execute(sql`insert into audit_log (action, entity_type) values ('test', 'none')`);
    const refusedAsAppendOnly = (error: unknown) => /append-only/.test(String((error as { cause?: Error }).cause?.message));
    await expect(getDb().execute(sql`update audit_log set action = 'changed'`)).rejects.toSatisfy(refusedAsAppendOnly);
    await expect(getDb().execute(sql`delete from audit_log`)).rejects.toSatisfy(refusedAsAppendOnly);
  });

  it('refuses negative money and duplicate Stripe ids', async () => {
    await expect(
      getDb().execute(sql`insert into membership_tiers (slug, name_en, name_es, annual_price_pence) values ('bad', 'B', 'B', -1)`),
    ).rejects.toThrow();
    await getDb().execute(sql`insert into stripe_events (id, type) values ('evt_1', 'x')`);
    await expect(getDb().execute(sql`insert into stripe_events (id, type) values ('evt_1', 'x')`)).rejects.toThrow();
  });
});
