// A ledger that keeps failing: on its last attempt the job says why on every invoice it still holds,
// the batch ends, and "Retry failed" later sends them, each exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInterfaceRow } from '../../addon/domain/organisation.ts';
import { createBatch, getBatch } from '../../addon/link/batches.ts';
import { saveMappings } from '../../addon/link/mappings.ts';
import { runPushJob } from '../../addon/link/push.ts';
import { refreshReference } from '../../addon/link/reference.ts';
import type { Database } from '../../db/client.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { practiceOnTestLedger, standardMappings, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';

describe('when the ledger keeps failing', () => {
  let database: Database;
  afterAll(() => database?.close());
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });

  it('gives up with the reason on its last attempt, and Retry failed then sends each invoice once', async () => {
    const { practiceId, interfaceId } = await practiceOnTestLedger(database, 21);
    const ledger = createTestLedger({ faults: { refuse: 1_000 } });
    const deps = testLinkDeps(database, ledger.connector);
    const auth = { practiceId, actor: 'test' };
    await refreshReference(deps, await getInterfaceRow(database.db, practiceId, interfaceId));
    await saveMappings(database.db, auth, interfaceId, await standardMappings(database, practiceId));
    const batch = await createBatch(database.db, auth, { interfaceId });
    const invoiceIds = batch.items.slice(0, 20).map((i) => i.invoiceId);
    const job = { practiceId, batchId: batch.id, interfaceId, invoiceIds };

    // An ordinary attempt: refused, so the job is retried later and nothing is given up.
    await expect(runPushJob(deps, job)).rejects.toMatchObject({ code: 'provider_unavailable' });
    const waiting = (await getBatch(database.db, practiceId, batch.id)).items.filter((i) =>
      invoiceIds.includes(i.invoiceId),
    );
    expect(waiting.every((i) => i.status === 'pending')).toBe(true);
    // The last attempt: the connector still refuses, so every invoice still waiting says why.
    await runPushJob(deps, job, { lastAttempt: true });
    const after = await getBatch(database.db, practiceId, batch.id);
    const ours = after.items.filter((i) => invoiceIds.includes(i.invoiceId));
    expect(ours.filter((i) => i.status === 'pending' || i.status === 'sending')).toEqual([]);
    const failed = ours.filter((i) => i.status === 'failed');
    expect(failed).toHaveLength(20);
    expect(failed[0]!.error).toMatch(/The test ledger is not answering/);

    // The ledger recovers; sending the failed ones again looks each up first and sends it once.
    ledger.faults.refuse = 0;
    await runPushJob(deps, { ...job, invoiceIds: failed.map((i) => i.invoiceId) });
    expect(ledger.duplicates()).toEqual([]);
    const held = new Set(ledger.documents().map((d) => d.invoiceId));
    for (const id of invoiceIds) expect(held.has(id)).toBe(true);
    expect(ledger.documents()).toHaveLength(20);
  });
});
