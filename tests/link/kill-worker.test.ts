// A worker killed mid-batch (a real child process, SIGKILL) and started again: every invoice ends up in
// the ledger exactly once. The ledger is a file, so it outlives the killed process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getInterfaceRow } from '../../addon/domain/organisation.ts';
import { createBatch } from '../../addon/link/batches.ts';
import { saveMappings } from '../../addon/link/mappings.ts';
import { startUpload } from '../../addon/link/push.ts';
import { startQueue } from '../../addon/link/queue.ts';
import { refreshReference } from '../../addon/link/reference.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { batchItems, syncLedger } from '../../db/schema.ts';
import { silentLog } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { practiceOnTestLedger, standardMappings, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';

const scratch = mkdtempSync(join(tmpdir(), 'aal-kill-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

function startWorker(env: Record<string, unknown>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'tests/link/worker-child.ts'], {
    env: { ...process.env, WORKER_CHILD: JSON.stringify(env) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe.each(testDbKinds)('a worker killed mid-batch on %s', (kind) => {
  it('resumes from the ledger: each invoice pushed exactly once', async () => {
    const dataDir = join(scratch, `${kind}-db`);
    const ledgerFile = join(scratch, `${kind}-ledger.jsonl`);
    let database: Database =
      kind === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir }) : await freshDatabase('postgres');
    const url = database.url;

    // Prepare and queue the batch from this process, then leave the sending to the worker.
    const setup = await practiceOnTestLedger(database);
    const ledger = createTestLedger({ file: ledgerFile });
    const deps = testLinkDeps(database, ledger.connector);
    const auth = { practiceId: setup.practiceId, actor: 'kill-test' };
    const iface = await getInterfaceRow(database.db, setup.practiceId, setup.interfaceId);
    await refreshReference(deps, iface);
    await saveMappings(database.db, auth, iface.id, await standardMappings(database, setup.practiceId));
    const batch = await createBatch(database.db, auth, { interfaceId: iface.id });
    expect(batch.counts.total).toBe(120);
    const boss = await startQueue(database, silentLog); // the queue only: nothing in this process sends
    await startUpload(deps, boss, auth, batch.id);
    await boss.stop({ graceful: false, close: kind === 'postgres' });
    if (kind === 'pglite') await database.close();

    const env = { kind, dataDir, url, ledgerFile, batchId: batch.id, delayMs: 400 };
    const first = startWorker(env);
    const firstExit = exitOf(first);
    for (let i = 0; i < 600 && lines(ledgerFile).length < 20; i++)
      await new Promise((r) => setTimeout(r, 100));
    const beforeKill = lines(ledgerFile).length;
    expect(beforeKill).toBeGreaterThanOrEqual(20);
    expect(beforeKill).toBeLessThan(120);
    first.kill('SIGKILL');
    await firstExit;

    const second = startWorker(env);
    expect(await exitOf(second)).toBe(0);

    if (kind === 'pglite') database = await openDatabase({ kind: 'pglite', dataDir });
    const items = await database.db.select().from(batchItems).where(eq(batchItems.batchId, batch.id));
    const failures = items
      .filter((i) => i.status !== 'uploaded')
      .map((i) => `${i.status}: ${i.error?.message}`);
    expect(failures).toEqual([]);

    const docs = lines(ledgerFile).map((l) => JSON.parse(l) as { number: string; kind: string });
    const keys = docs.map((d) => `${d.kind}:${d.number}`);
    expect(docs).toHaveLength(120);
    expect(new Set(keys).size).toBe(120);

    const rows = await database.db.select().from(syncLedger).where(eq(syncLedger.interfaceId, iface.id));
    expect(rows.filter((r) => r.state === 'pushed')).toHaveLength(120);
    await database.close();
  }, 240_000);
});
