// Opens the database: embedded PGlite in a data directory by default, PostgreSQL when a URL is given.
// One schema, one set of migrations, one Drizzle type for both.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import lockfile from 'proper-lockfile';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** The underlying PGlite instance (for pg-boss's PGlite backend), when kind is 'pglite'. */
  pglite?: PGlite;
  /** The postgres-js client, when kind is 'postgres'. */
  sql?: postgres.Sql;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  constructor(dir: string) {
    super(
      `The data directory ${dir} is already in use by another Abtrac Accounts Link process. ` +
        'Stop that process first, or start this one with a different DATA_DIR.',
    );
  }
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type OpenOptions =
  | { kind: 'pglite'; dataDir?: string /* in memory when absent */ }
  | { kind: 'postgres'; url: string; maxConnections?: number };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const sql = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema }) as unknown as Db;
    await migratePostgres(db as never, { migrationsFolder });
    return { db, kind: 'postgres', sql, close: () => sql.end({ timeout: 5 }) };
  }

  // PGlite has no lock of its own: two processes on one directory would corrupt it. A lock file that the
  // holder keeps fresh refuses the second process, and goes stale (so a restart after a crash works)
  // a few seconds after its holder dies.
  let release: (() => Promise<void>) | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    try {
      release = await lockfile.lock(options.dataDir, {
        lockfilePath: join(options.dataDir, 'in-use.lock'),
        stale: 5_000,
        update: 2_000,
        retries: { retries: 4, minTimeout: 1_000, maxTimeout: 2_000 },
        realpath: false,
        onCompromised: (err) => {
          console.error(`Lost the lock on ${options.dataDir}: ${err.message}`);
          process.exit(1);
        },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DatabaseLockedError(options.dataDir);
      throw err;
    }
  }
  try {
    const pglite = new PGlite(options.dataDir ? join(options.dataDir, 'pg') : undefined);
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await pglite.close();
        await release?.();
      },
    };
  } catch (err) {
    await release?.();
    throw err;
  }
}
