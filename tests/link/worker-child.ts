// A worker process for the kill test: it opens the database, runs the push workers against the tests'
// file-backed ledger, and exits 0 once the batch has nothing left to send. The test SIGKILLs it mid-way.
import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { batchItems } from '../../db/schema.ts';
import { startEngine, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';

const { kind, dataDir, url, ledgerFile, batchId, delayMs } = JSON.parse(process.env.WORKER_CHILD ?? '{}');
const database =
  kind === 'pglite'
    ? await openDatabase({ kind: 'pglite', dataDir })
    : await openDatabase({ kind: 'postgres', url });
const ledger = createTestLedger({ file: ledgerFile, faults: { delayMs } });
await startEngine(database, testLinkDeps(database, ledger.connector));
console.log('worker ready');
for (;;) {
  const open = await database.db
    .select({ id: batchItems.id })
    .from(batchItems)
    .where(and(eq(batchItems.batchId, batchId), inArray(batchItems.status, ['pending', 'sending'])));
  if (open.length === 0) {
    console.log('batch drained');
    process.exit(0);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
