// The governors' shared windows on the add-on's database: every server process counts one organisation's
// (or one API key's) calls in the same rows, so together they stay within the platform's limit.
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rateCalls } from '../../db/schema.ts';
import type { SharedWindows, Window } from '../connectors/governor.ts';

export function databaseWindows(db: Db): SharedWindows {
  return {
    tryTake(key: string, windows: readonly Window[], now: number): Promise<number> {
      return db.transaction(async (tx) => {
        // One key's takers queue here, in whichever process they run; other keys are not held up.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate:${key}`}, 0))`);
        // `now` was read before the lock was granted, so a taker that waited may count from a time earlier
        // than rows another has already written: rows are kept for two windows, never deleted from under it.
        const longest = Math.max(...windows.map((w) => w.windowMs));
        await tx.delete(rateCalls).where(and(eq(rateCalls.key, key), lte(rateCalls.at, now - 2 * longest)));
        let wait = 0;
        for (const w of windows) {
          const recent = await tx
            .select({ at: rateCalls.at })
            .from(rateCalls)
            .where(and(eq(rateCalls.key, key), gt(rateCalls.at, now - w.windowMs)))
            .orderBy(desc(rateCalls.at))
            .limit(w.limit);
          // Full: the oldest of the last `limit` calls must leave the window first.
          if (recent.length >= w.limit) wait = Math.max(wait, recent.at(-1)!.at + w.windowMs - now);
        }
        if (wait <= 0) await tx.insert(rateCalls).values({ key, at: now });
        return Math.max(wait, 0);
      });
    },
  };
}
