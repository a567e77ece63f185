import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { EmbeddedServer } from './embedded-server';
import { lockDataFolder } from './lock';

export const DEFAULT_DATA_DIR = path.join(process.cwd(), '.data', 'pglite');

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/**
 * Serves a PGlite database over the Postgres wire protocol on loopback, so the app
 * only ever speaks postgres.js. `dataDir: null` keeps it in memory (tests).
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string | null; port?: number } = {}): Promise<EmbeddedPostgres> {
  const dataDir = opts.dataDir === undefined ? DEFAULT_DATA_DIR : opts.dataDir;
  const release = dataDir ? lockDataFolder(dataDir) : () => {};
  try {
    const db = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      extensions: { unaccent, pg_trgm },
    });
    // Our own server (db/embedded-server.ts): clients take turns on the one session.
    const server = new EmbeddedServer({ db, host: '127.0.0.1', port: opts.port ?? 0 });
    const { port } = await server.start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      stop: async () => {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
