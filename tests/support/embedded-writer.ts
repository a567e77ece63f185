// A process that writes to an embedded database until it is killed: each row in its own
// transaction, printing "committed <n>" once the commit has been answered. Used by
// tests/integration/embedded-crash.test.ts, which SIGKILLs it mid-write.
import postgres from 'postgres';
import { startEmbeddedPostgres } from '@/db/embedded';

async function main(dataDir: string) {
  const embedded = await startEmbeddedPostgres({ dataDir });
  const sql = postgres(embedded.url, { max: 2, onnotice: () => {} });
  await sql`create table if not exists crash_rows (n int primary key, body text not null)`;
  for (let n = 1; ; n++) {
    await sql.begin(async (tx) => {
      await tx`insert into crash_rows values (${n}, ${'x'.repeat(2000)})`;
    });
    process.stdout.write(`committed ${n}\n`);
  }
}

void main(process.argv[2]!);
