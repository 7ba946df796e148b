// Uploading a batch. The request only checks, previews and queues; durable jobs do the sending, one job
// per chunk of invoices, so any number of workers (in any number of processes) can share a batch and a
// killed one loses nothing: its job is retried, and the retry reads the sync ledger first.
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { batches, batchItems } from '../../db/schema.ts';
import { ConnectorError, isConnectorError } from '../connectors/errors.ts';
import type { ApiConnector, ConnectorRuntime, LedgerInvoice, RemoteDocument } from '../connectors/types.ts';
import type { Batch } from '../contract/link.ts';
import { getInterfaceRow } from '../domain/organisation.ts';
import type { Auth } from '../http/auth.ts';
import { badRequest, conflict } from '../http/errors.ts';
import { attachContactsAndJobs } from './attach.ts';
import { getBatch } from './batches.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';
import {
  ensureLedgerRows,
  type LedgerState,
  markFailed,
  markPushed,
  markSending,
  setItems,
} from './ledger.ts';
import { buildPreview } from './preview.ts';
import { QUEUES } from './queue.ts';

export interface PushJob {
  practiceId: string;
  batchId: string;
  interfaceId: string;
  invoiceIds: string[];
}

/** Invoices per job: small enough that a retry redoes little, large enough for Xero's 50 per call. */
const JOB_SIZE = 50;

export async function startUpload(
  deps: LinkDeps,
  boss: PgBoss,
  auth: Auth,
  batchId: string,
  only?: 'failed',
): Promise<Batch> {
  const batch = await getBatch(deps.db, auth.practiceId, batchId);
  if (only !== 'failed' && batch.status !== 'open') {
    throw conflict(
      'batch_started',
      `Batch ${batch.number} has already been uploaded; use Retry failed for what did not go.`,
    );
  }
  const iface = await getInterfaceRow(deps.db, auth.practiceId, batch.interfaceId);
  if (!deps.apiConnectors[iface.provider]) {
    throw badRequest(
      'file_interface',
      `${iface.displayName} writes import files: use Exports to download the file instead.`,
    );
  }
  if (iface.status !== 'connected' || !iface.tenantId) {
    const platform = iface.provider === 'xero' ? 'Xero' : iface.provider === 'myob' ? 'MYOB' : iface.provider;
    throw conflict(
      iface.status === 'reconnect_needed' ? 'reconnect_needed' : 'not_connected',
      iface.status === 'reconnect_needed'
        ? `Nothing was sent: "${iface.displayName}" needs reconnecting. Choose Reconnect on its page, then upload again.`
        : `Nothing was sent: "${iface.displayName}" is not connected to ${platform}. Choose Connect to ${platform} on its page, map the codes, then upload again.`,
    );
  }
  await deps.assertEntitled?.(auth.practiceId, 'push');
  const wanted = batch.items
    .filter((i) => (only === 'failed' ? i.status === 'failed' : i.status === 'pending'))
    .map((i) => i.invoiceId);
  if (!wanted.length)
    throw badRequest('nothing_to_upload', `Batch ${batch.number} has no invoices waiting to be uploaded.`);
  const { preview, ready } = await buildPreview(deps, iface, wanted, { remote: true });
  if (ready.size === 0) throw nothingReady(batch.number, preview.invoices);
  // Invoices the preview blocks are not sent; their first error says why.
  for (const inv of preview.invoices.filter((i) => !i.ready)) {
    const first = inv.problems.find((p) => p.severity === 'error')!;
    await setItems(deps.db, auth.practiceId, batchId, [inv.invoiceId], 'failed', {
      code: first.code,
      message: first.message,
    });
  }
  const ids = [...ready.keys()];
  await setItems(deps.db, auth.practiceId, batchId, ids, 'pending', null);
  await deps.db
    .update(batches)
    .set({
      status: ids.length ? 'queued' : 'done',
      startedAt: batch.startedAt ? undefined : new Date(),
      finishedAt: ids.length ? null : new Date(),
    })
    .where(and(eq(batches.practiceId, auth.practiceId), eq(batches.id, batchId)));
  for (let i = 0; i < ids.length; i += JOB_SIZE) {
    const job: PushJob = {
      practiceId: auth.practiceId,
      batchId,
      interfaceId: iface.id,
      invoiceIds: ids.slice(i, i + JOB_SIZE),
    };
    // One group per accounts file: its jobs run one at a time across all workers, so two chunks never
    // race to create the same new contact, and one organisation's rate limit is not split between them.
    await boss.send(QUEUES.push, job, { group: { id: iface.id } });
  }
  return getBatch(deps.db, auth.practiceId, batchId);
}

/**
 * Every invoice blocked: refused as a whole, nothing marked, with the problems grouped and counted so the
 * person sees the one or two fixes that unblock them (usually a missing mapping).
 */
function nothingReady(
  batchNumber: number,
  invoices: { problems: { severity: string; code: string; message: string }[] }[],
) {
  const counts = new Map<string, { message: string; n: number }>();
  for (const inv of invoices) {
    const first = inv.problems.find((p) => p.severity === 'error');
    if (!first) continue;
    const seen = counts.get(first.code) ?? { message: first.message, n: 0 };
    seen.n += 1;
    counts.set(first.code, seen);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 3);
  const reasons = top.map((r) => `${r.n} × ${r.message}`).join(' ');
  return conflict(
    'nothing_ready',
    `Nothing was sent: none of the ${invoices.length} invoices in batch ${batchNumber} is ready. ${reasons} Fix these (Preview lists every problem), then upload again.`,
  );
}

/** One job: a chunk of a batch. Safe to run again at any point; the ledger decides what still needs doing. */
export async function runPushJob(deps: LinkDeps, job: PushJob, { lastAttempt = false } = {}): Promise<void> {
  const { db } = deps;
  const { practiceId, batchId, interfaceId } = job;
  const iface = await getInterfaceRow(db, practiceId, interfaceId);
  const connector = deps.apiConnectors[iface.provider];
  if (!connector) return;
  await db
    .update(batches)
    .set({ status: 'running' })
    .where(and(eq(batches.id, batchId), eq(batches.status, 'queued')));

  const { preview, ready } = await buildPreview(deps, iface, job.invoiceIds, { remote: false });
  for (const inv of preview.invoices.filter((i) => !i.ready)) {
    const first = inv.problems.find((p) => p.severity === 'error')!;
    await markFailed(db, practiceId, interfaceId, batchId, [inv.invoiceId], {
      code: first.code,
      message: first.message,
    });
  }
  try {
    const runtime = await deps.runtimeFor(iface);
    const ledger = await ensureLedgerRows(
      db,
      practiceId,
      interfaceId,
      new Map([...ready.values()].map((i) => [i.invoiceId, i.version])),
    );
    const isDone = (inv: LedgerInvoice) => {
      const row = ledger.get(inv.invoiceId)!;
      return row.state === 'pushed' && row.version === inv.version;
    };
    const alreadyThere = [...ready.values()].filter(isDone).map((inv) => inv.invoiceId);
    await setItems(db, practiceId, batchId, alreadyThere, 'uploaded', null);
    let todo = [...ready.values()].filter((inv) => !isDone(inv));
    // Anything sent before that did not come back as pushed may be in the ledger already (a send that
    // never reported back, or one marked failed when retries ran out): it is looked up first.
    const unsure = todo.filter((inv) => {
      const row = ledger.get(inv.invoiceId)!;
      return row.attempts > 0 && row.state !== 'pending';
    });
    if (unsure.length) {
      const adopted = await adoptExisting(deps, connector, runtime, iface, batchId, unsure);
      await countUsage(deps, iface, adopted.size);
      todo = todo.filter((inv) => !adopted.has(inv.invoiceId));
    }
    todo = await attachContactsAndJobs(deps, connector, runtime, iface, batchId, todo);
    const chunks: LedgerInvoice[][] = [];
    for (let i = 0; i < todo.length; i += connector.pushChunkSize)
      chunks.push(todo.slice(i, i + connector.pushChunkSize));
    // A few chunks in flight at once where the platform takes one document per call; the connector's
    // governor keeps the rate. The first failure that must stop the job stops taking new chunks.
    const lanes = Math.max(1, connector.concurrentPushes ?? 1);
    let failure: unknown;
    await Promise.all(
      Array.from({ length: Math.min(lanes, chunks.length) }, async () => {
        for (let chunk = chunks.shift(); chunk && failure === undefined; chunk = chunks.shift()) {
          try {
            await sendChunk(deps, connector, runtime, iface, batchId, chunk);
          } catch (err) {
            failure ??= err;
          }
        }
      }),
    );
    if (failure !== undefined) throw failure;
  } catch (err) {
    // Not retryable, or retried for the last time: every invoice still waiting says why, so the batch ends
    // and "Retry failed" can pick them up (the ledger still makes a later resend safe).
    if ((isConnectorError(err) && !err.retryable) || lastAttempt) {
      const waiting = await waitingItems(deps, batchId, job.invoiceIds);
      await markFailed(db, practiceId, interfaceId, batchId, waiting, {
        code: isConnectorError(err) ? err.code : 'internal',
        message: isConnectorError(err) ? err.message : 'The upload failed again and again and has stopped.',
      });
    } else {
      if (isConnectorError(err) && err.retryAfterSeconds)
        await deps.clock.sleep(err.retryAfterSeconds * 1000);
      throw err; // pg-boss retries the job with backoff; the ledger makes the retry safe
    }
  } finally {
    await finishBatchIfDone(deps, practiceId, batchId);
  }
}

async function waitingItems(deps: LinkDeps, batchId: string, invoiceIds: string[]) {
  const rows = await deps.db
    .select({ invoiceId: batchItems.invoiceId })
    .from(batchItems)
    .where(
      and(
        eq(batchItems.batchId, batchId),
        inArray(batchItems.invoiceId, invoiceIds),
        inArray(batchItems.status, ['pending', 'sending']),
      ),
    );
  return rows.map((r) => r.invoiceId);
}

/** Looks up invoices whose send may have landed; ours are adopted, someone else's are a conflict. */
async function adoptExisting(
  deps: LinkDeps,
  connector: ApiConnector,
  runtime: ConnectorRuntime,
  iface: InterfaceRow,
  batchId: string,
  invoices: LedgerInvoice[],
): Promise<Set<string>> {
  const found = await connector.findDocuments(
    runtime,
    invoices.map((i) => ({ number: i.number, kind: i.kind })),
  );
  const settled = new Set<string>();
  for (const inv of invoices) {
    const doc = found.find(
      (d: RemoteDocument) =>
        d.number === inv.number && d.kind === inv.kind && d.status !== 'DELETED' && d.status !== 'VOIDED',
    );
    if (!doc) continue;
    settled.add(inv.invoiceId);
    // Xero credit notes carry no field for our tag: one with our number, kind and total is ours.
    if (doc.taggedAsOurs || (inv.kind === 'credit' && doc.totalCents === inv.totalCents)) {
      await markPushed(deps.db, iface.practiceId, iface.id, batchId, inv.invoiceId, {
        externalId: doc.externalId,
        externalNumber: doc.number,
        status: doc.status,
      });
    } else {
      await markFailed(deps.db, iface.practiceId, iface.id, batchId, [inv.invoiceId], {
        code: 'conflict',
        message: `The ledger already holds invoice ${inv.number}, and not from this add-on.`,
      });
    }
  }
  return settled;
}

/** An idempotency key that is the same for the same invoices at the same versions to the same file. */
function idempotencyKey(interfaceId: string, invoices: LedgerInvoice[]) {
  const basis = [interfaceId, ...invoices.map((i) => `${i.invoiceId}:${i.version}`).sort()].join('|');
  return createHash('sha256').update(basis).digest('base64url').slice(0, 40);
}

async function sendChunk(
  deps: LinkDeps,
  connector: ApiConnector,
  runtime: ConnectorRuntime,
  iface: InterfaceRow,
  batchId: string,
  chunk: LedgerInvoice[],
): Promise<number> {
  const ids = chunk.map((i) => i.invoiceId);
  const key = idempotencyKey(iface.id, chunk);
  // Committed before the call: if the process dies during it, the retry knows to look before sending.
  await markSending(deps.db, iface.practiceId, iface.id, batchId, ids, key);
  let outcomes: Awaited<ReturnType<ApiConnector['pushDocuments']>>;
  try {
    outcomes = await connector.pushDocuments(runtime, chunk, key);
  } catch (err) {
    const error = isConnectorError(err)
      ? err
      : new ConnectorError({
          code: 'uncertain_outcome',
          message: String(err),
          provider: iface.provider,
          operation: 'push',
        });
    const record = (state: LedgerState) =>
      markFailed(
        deps.db,
        iface.practiceId,
        iface.id,
        batchId,
        ids,
        { code: error.code, message: [error.message, ...error.details].join(' ') },
        state,
      );
    if (error.code === 'uncertain_outcome') {
      await record('uncertain');
      // Look now: what landed is adopted; the rest is retried by the job, which looks again first.
      const adopted = await adoptExisting(deps, connector, runtime, iface, batchId, chunk);
      await countUsage(deps, iface, adopted.size);
      if (adopted.size === chunk.length) return chunk.length;
      throw error;
    }
    if (error.code === 'rate_limited' || error.code === 'provider_unavailable') {
      // Refused before anything was written: nothing can have landed.
      await record('pending');
      throw error;
    }
    await record('failed');
    // The connection itself was refused: stop the job, so the invoices still waiting say why too.
    if (
      error.code === 'reconnect_needed' ||
      error.code === 'auth_expired' ||
      error.code === 'forbidden' ||
      error.code === 'scope_missing'
    )
      throw error;
    return 0;
  }
  let pushed = 0;
  const unsure: LedgerInvoice[] = [];
  let retry: ConnectorError | undefined;
  for (const o of outcomes) {
    if (o.ok) {
      await markPushed(deps.db, iface.practiceId, iface.id, batchId, o.invoiceId, o);
      pushed++;
      continue;
    }
    const error = { code: o.error.code, message: [o.error.message, ...o.error.details].join(' ') };
    // One invoice of the call may be unsure (part of a call that dropped) or refused for now: like a whole
    // call, it is looked up or retried, never given up on.
    if (o.error.code === 'uncertain_outcome') {
      await markFailed(deps.db, iface.practiceId, iface.id, batchId, [o.invoiceId], error, 'uncertain');
      unsure.push(chunk.find((i) => i.invoiceId === o.invoiceId)!);
      retry = o.error;
    } else if (o.error.retryable) {
      await markFailed(deps.db, iface.practiceId, iface.id, batchId, [o.invoiceId], error, 'pending');
      retry = o.error;
    } else {
      await markFailed(deps.db, iface.practiceId, iface.id, batchId, [o.invoiceId], error);
    }
  }
  if (unsure.length) {
    const adopted = await adoptExisting(deps, connector, runtime, iface, batchId, unsure);
    pushed += adopted.size;
    if (adopted.size === unsure.length && retry?.code === 'uncertain_outcome') retry = undefined;
  }
  // Billed per chunk, so what went through is counted even when the job is retried for the rest.
  await countUsage(deps, iface, pushed);
  if (retry) throw retry;
  return pushed;
}

async function countUsage(deps: LinkDeps, iface: InterfaceRow, pushed: number) {
  if (pushed) await deps.recordUsage?.(iface.practiceId, 'invoice_pushed', pushed);
}

async function finishBatchIfDone(deps: LinkDeps, practiceId: string, batchId: string) {
  const [open] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(batchItems)
    .where(and(eq(batchItems.batchId, batchId), inArray(batchItems.status, ['pending', 'sending'])));
  if ((open?.n ?? 0) === 0) {
    // A batch where nothing reached the ledger has failed, whatever finished: it is never shown as Done.
    const [landed] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(batchItems)
      .where(and(eq(batchItems.batchId, batchId), eq(batchItems.status, 'uploaded')));
    await deps.db
      .update(batches)
      .set({ status: (landed?.n ?? 0) === 0 ? 'failed' : 'done', finishedAt: new Date() })
      .where(
        and(
          eq(batches.practiceId, practiceId),
          eq(batches.id, batchId),
          inArray(batches.status, ['queued', 'running']),
        ),
      );
  }
}
