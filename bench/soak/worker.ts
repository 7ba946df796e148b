// One worker process of the soak benchmark: opens the shared database (a PGlite data directory, one process
// at a time, or PostgreSQL), runs the engine's queue and workers with the real Xero connector against the
// loopback ledger, uploads a batch when told, and reports the batch's counts every 250 ms. The parent kills
// it with SIGKILL at random moments; nothing here prepares for that.
import { getBatch } from '../../addon/link/batches.ts';
import { startUpload } from '../../addon/link/push.ts';
import { startQueue } from '../../addon/link/queue.ts';
import { startWorkers } from '../../addon/link/workers.ts';
import { openDatabase } from '../../db/client.ts';
import { silentLog } from '../../tests/helpers/app.ts';
import { ledgerDeps, type WorkerArgs, type WorkerCommand, type WorkerReport } from './shared.ts';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as WorkerArgs;
  const database = await openDatabase(
    args.database.kind === 'pglite'
      ? { kind: 'pglite', dataDir: args.database.dataDir }
      : { kind: 'postgres', url: args.database.url, maxConnections: 5 },
  );
  const deps = ledgerDeps(database.db, args.ledger);
  const boss = await startQueue(database, silentLog);
  await startWorkers(boss, deps);
  const send = (r: WorkerReport) => process.send?.(r);
  let watching: string | undefined;
  // Reports until the process ends (or is killed); bounded by the parent, which stops or kills it.
  const timer = setInterval(async () => {
    if (!watching) return;
    try {
      const b = await getBatch(database.db, args.practiceId, watching);
      send({
        batch: watching,
        status: b.status,
        pending: b.counts.pending,
        uploaded: b.counts.uploaded,
        failed: b.counts.failed,
        errors: b.items.filter((i) => i.status === 'failed').map((i) => `${i.number}: ${i.error}`),
      });
    } catch (err) {
      send({ error: String(err) });
    }
  }, 250);
  process.on('message', async (m: WorkerCommand) => {
    if (m === 'stop') {
      clearInterval(timer);
      await boss.stop({ graceful: false, close: true }).catch(() => {});
      await database.close().catch(() => {});
      process.exit(0);
    } else if ('upload' in m) {
      try {
        await startUpload(deps, boss, { practiceId: args.practiceId, actor: 'bench' }, m.upload);
        watching = m.upload;
        send({ uploaded: m.upload });
      } catch (err) {
        send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    } else if ('watch' in m) {
      watching = m.watch;
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}

main().catch((err: unknown) => {
  process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
