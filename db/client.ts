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
import { DirLockedError, lockDir } from './dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** The underlying PGlite instance (for pg-boss's PGlite backend), when kind is 'pglite'. */
  pglite?: PGlite;
  /** The postgres-js client and its URL, when kind is 'postgres'. */
  sql?: postgres.Sql;
  url?: string;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number, lockPath: string) {
    super(
      `The data directory ${dir} is already in use by another Abtrac Accounts Link process (pid ${pid}). ` +
        `Stop that process first, or start this one with a different DATA_DIR. ` +
        `If no such process is running, delete ${lockPath}.`,
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
    return { db, kind: 'postgres', sql, url: options.url, close: () => sql.end({ timeout: 5 }) };
  }

  // PGlite has no lock of its own: two processes on one directory would corrupt it.
  let release: (() => void) | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    try {
      release = lockDir(join(options.dataDir, 'in-use.lock'));
    } catch (err) {
      if (err instanceof DirLockedError)
        throw new DatabaseLockedError(options.dataDir, err.holder.pid, err.lockPath);
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
        release?.();
      },
    };
  } catch (err) {
    release?.();
    throw err;
  }
}
