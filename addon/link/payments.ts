// Payments, voids and deletions coming back from the ledger onto Abtrac's invoices: by webhook where the
// platform sends them (Xero), and by a scheduled poll everywhere (MYOB has no webhooks; Xero's can be missed).
import { and, eq, inArray } from 'drizzle-orm';
import { accountsInterfaces, ledgerPulls, syncLedger } from '../../db/schema.ts';
import type { RemoteDocument } from '../connectors/types.ts';
import { badRequest, conflict } from '../http/errors.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';

const CHUNK = 50;

/** Applies what the ledger says now to the sync ledger rows it concerns. Returns how many changed. */
export async function applyRemoteDocuments(
  deps: LinkDeps,
  iface: InterfaceRow,
  docs: RemoteDocument[],
): Promise<number> {
  let changed = 0;
  for (const doc of docs) {
    const rows = await deps.db
      .update(syncLedger)
      .set({
        remoteStatus: doc.status,
        amountPaidCents: doc.amountPaidCents,
        paidAt: doc.paidOn ?? null,
        remoteUpdatedAt: doc.updatedAt ?? new Date(deps.clock.now()),
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(syncLedger.practiceId, iface.practiceId),
          eq(syncLedger.interfaceId, iface.id),
          eq(syncLedger.externalId, doc.externalId),
        ),
      )
      .returning({ id: syncLedger.id });
    changed += rows.length;
  }
  return changed;
}

/** When payments were last read back for the interface (the hourly poll or Check now); null: never. */
export async function paymentsCheckedAt(deps: LinkDeps, iface: InterfaceRow): Promise<string | null> {
  const [row] = await deps.db
    .select({ at: ledgerPulls.pulledAt })
    .from(ledgerPulls)
    .where(
      and(
        eq(ledgerPulls.practiceId, iface.practiceId),
        eq(ledgerPulls.interfaceId, iface.id),
        eq(ledgerPulls.kind, 'payments'),
      ),
    );
  return row?.at.toISOString() ?? null;
}

/** Reads payments back now and records when; refused in plain words when the interface cannot be read. */
export async function checkPaymentsNow(deps: LinkDeps, iface: InterfaceRow) {
  if (!deps.apiConnectors[iface.provider]) {
    throw badRequest(
      'file_interface',
      `${iface.displayName} writes import files: no payments come back from it.`,
    );
  }
  if (iface.status !== 'connected') {
    throw conflict(
      'not_connected',
      `"${iface.displayName}" is not connected, so payments cannot be read. Connect it on its page first.`,
    );
  }
  const changed = await pollInterface(deps, iface);
  return { changed, checkedAt: await paymentsCheckedAt(deps, iface) };
}

/** Reads back every pushed invoice of one interface that is not settled yet (paid, voided or deleted). */
export async function pollInterface(deps: LinkDeps, iface: InterfaceRow): Promise<number> {
  const changed = await readBack(deps, iface);
  if (deps.apiConnectors[iface.provider] && iface.status === 'connected') {
    const now = new Date(deps.clock.now());
    await deps.db
      .insert(ledgerPulls)
      .values({ practiceId: iface.practiceId, interfaceId: iface.id, kind: 'payments', pulledAt: now })
      .onConflictDoUpdate({ target: [ledgerPulls.interfaceId, ledgerPulls.kind], set: { pulledAt: now } });
  }
  return changed;
}

async function readBack(deps: LinkDeps, iface: InterfaceRow): Promise<number> {
  const connector = deps.apiConnectors[iface.provider];
  if (!connector || iface.status !== 'connected') return 0;
  const open = await deps.db
    .select({ externalId: syncLedger.externalId, remoteStatus: syncLedger.remoteStatus })
    .from(syncLedger)
    .where(
      and(
        eq(syncLedger.practiceId, iface.practiceId),
        eq(syncLedger.interfaceId, iface.id),
        eq(syncLedger.state, 'pushed'),
      ),
    );
  const ids = open
    .filter((r) => r.externalId && !['PAID', 'VOIDED', 'DELETED', 'Closed'].includes(r.remoteStatus ?? ''))
    .map((r) => r.externalId!);
  if (!ids.length) return 0;
  const runtime = await deps.runtimeFor(iface);
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const docs = await connector.fetchDocuments(runtime, { externalIds: ids.slice(i, i + CHUNK) });
    changed += await applyRemoteDocuments(deps, iface, docs);
  }
  return changed;
}

/** The scheduled poll: every connected API interface of every practice. */
export async function pollAll(deps: LinkDeps): Promise<number> {
  const interfaces = await deps.db
    .select()
    .from(accountsInterfaces)
    .where(
      and(
        eq(accountsInterfaces.status, 'connected'),
        inArray(accountsInterfaces.provider, Object.keys(deps.apiConnectors)),
      ),
    );
  let changed = 0;
  for (const iface of interfaces) {
    try {
      changed += await pollInterface(deps, iface);
    } catch (err) {
      deps.log.warn({ err, interfaceId: iface.id }, 'payment poll failed for one interface');
    }
  }
  return changed;
}

/** A Xero INVOICE or CREDITNOTE event: read that document back for every interface on that organisation. */
export async function applyLedgerEvent(
  deps: LinkDeps,
  provider: string,
  tenantId: string,
  resourceIds: string[],
) {
  const connector = deps.apiConnectors[provider];
  if (!connector) return 0;
  const interfaces = await deps.db
    .select()
    .from(accountsInterfaces)
    .where(
      and(
        eq(accountsInterfaces.provider, provider),
        eq(accountsInterfaces.tenantId, tenantId),
        eq(accountsInterfaces.status, 'connected'),
      ),
    );
  let changed = 0;
  for (const iface of interfaces) {
    const runtime = await deps.runtimeFor(iface);
    changed += await applyRemoteDocuments(
      deps,
      iface,
      await connector.fetchDocuments(runtime, { externalIds: resourceIds }),
    );
  }
  return changed;
}
