// The durable job queue (pg-boss) on the same database as everything else: PGlite in the embedded
// default, PostgreSQL otherwise, so several server processes can share the work.
import { fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';

export const QUEUES = {
  push: 'push-invoices',
  poll: 'poll-payments',
  webhook: 'ledger-webhook',
  reference: 'refresh-reference',
  daily: 'daily-maintenance',
} as const;

/** Attempts after the first before a push job gives up (with backoff up to 2 minutes: about half an hour). */
export const PUSH_RETRY_LIMIT = 20;

export async function startQueue(database: Database, log: Logger): Promise<PgBoss> {
  const common = {
    // A killed worker stops sending heartbeats; the supervisor notices within seconds and retries its job.
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    schema: 'pgboss',
  };
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(database.pglite! as never), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: database.url!, max: 4 });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(QUEUES.push, {
    heartbeatSeconds: 10,
    expireInSeconds: 900,
    retryLimit: PUSH_RETRY_LIMIT,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 120,
  });
  for (const name of [QUEUES.poll, QUEUES.webhook, QUEUES.daily, QUEUES.reference]) {
    await boss.createQueue(name, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
  }
  return boss;
}
