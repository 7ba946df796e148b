// Reference data per interface: the ledger's accounts, tax rates and tracking options, pulled by the
// connector and kept here so the mapping screen's dropdowns and the preview work without a round trip.
import { and, eq, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ledgerAccounts, ledgerPulls, ledgerTaxRates, ledgerTracking } from '../../db/schema.ts';
import type { ReferencePull, ReferenceSince } from '../connectors/types.ts';
import type { ReferenceData } from '../contract/link.ts';
import { badRequest, conflict } from '../http/errors.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';

export const KINDS = ['accounts', 'taxRates', 'tracking'] as const;
export type Kind = (typeof KINDS)[number];

export async function refreshReference(deps: LinkDeps, iface: InterfaceRow) {
  const connector = deps.apiConnectors[iface.provider];
  if (!connector)
    throw badRequest(
      'no_reference_data',
      'This accounts interface writes import files: it has no ledger to read codes from.',
    );
  notReadyToRead(iface);
  const pulls = await deps.db
    .select()
    .from(ledgerPulls)
    .where(and(eq(ledgerPulls.practiceId, iface.practiceId), eq(ledgerPulls.interfaceId, iface.id)));
  const since: ReferenceSince = {};
  for (const p of pulls) if (p.kind !== 'payments') since[p.kind] = p.modifiedSince ?? undefined;
  const runtime = await deps.runtimeFor(iface);
  const pull = await connector.pullReference(runtime, since);
  return storeReference(deps.db, iface, pull);
}

/** Reading codes needs a working connection: said in plain words, with what to do, before any call. */
function notReadyToRead(iface: InterfaceRow) {
  const platform = iface.provider === 'xero' ? 'Xero' : iface.provider === 'myob' ? 'MYOB' : iface.provider;
  if (iface.status === 'connected' && iface.tenantId) return;
  if (iface.status === 'reconnect_needed') {
    throw conflict(
      'reconnect_needed',
      `"${iface.displayName}" needs reconnecting before codes can be read from ${platform}: choose Reconnect on its page.`,
    );
  }
  throw conflict(
    'not_connected',
    iface.tenantId || iface.status === 'disconnected'
      ? `"${iface.displayName}" is disconnected from ${platform}, so no codes can be read. Choose Connect to ${platform} on its page first.`
      : `"${iface.displayName}" is not connected to ${platform} yet, so there are no codes to read. Choose Connect to ${platform} on its page first.`,
  );
}

/**
 * Writes one pull: full lists replace (what is missing was deleted), incremental ones upsert. `kinds` are the
 * lists this pull counts as having read (a code list uploaded for an import-file interface holds only one).
 */
export async function storeReference(
  db: Db,
  iface: InterfaceRow,
  pull: ReferencePull,
  kinds: readonly Kind[] = KINDS,
) {
  const { practiceId, id: interfaceId } = iface;
  const changed: Record<Kind, number> = { accounts: 0, taxRates: 0, tracking: 0 };
  await db.transaction(async (tx) => {
    if (pull.accounts) {
      const items = pull.accounts.items;
      changed.accounts = items.length;
      for (const a of items) {
        const row = { ...a, defaultTaxCode: a.defaultTaxCode ?? null, pulledAt: pull.pulledAt };
        await tx
          .insert(ledgerAccounts)
          .values({ practiceId, interfaceId, ...row })
          .onConflictDoUpdate({ target: [ledgerAccounts.interfaceId, ledgerAccounts.externalId], set: row });
      }
      if (pull.accounts.mode === 'full') {
        await tx
          .update(ledgerAccounts)
          .set({ status: 'deleted' })
          .where(
            and(
              eq(ledgerAccounts.interfaceId, interfaceId),
              items.length
                ? notInArray(
                    ledgerAccounts.externalId,
                    items.map((a) => a.externalId),
                  )
                : undefined,
            ),
          );
      }
    }
    if (pull.taxRates) {
      const items = pull.taxRates.items;
      changed.taxRates = items.length;
      for (const r of items) {
        const row = { ...r, pulledAt: pull.pulledAt };
        await tx
          .insert(ledgerTaxRates)
          .values({ practiceId, interfaceId, ...row })
          .onConflictDoUpdate({ target: [ledgerTaxRates.interfaceId, ledgerTaxRates.externalId], set: row });
      }
      if (pull.taxRates.mode === 'full') {
        await tx
          .update(ledgerTaxRates)
          .set({ status: 'deleted' })
          .where(
            and(
              eq(ledgerTaxRates.interfaceId, interfaceId),
              items.length
                ? notInArray(
                    ledgerTaxRates.externalId,
                    items.map((r) => r.externalId),
                  )
                : undefined,
            ),
          );
      }
    }
    if (pull.tracking) {
      const items = pull.tracking.items;
      changed.tracking = items.length;
      if (pull.tracking.mode === 'full') {
        await tx
          .update(ledgerTracking)
          .set({ status: 'deleted' })
          .where(eq(ledgerTracking.interfaceId, interfaceId));
      }
      for (const t of items) {
        const row = { ...t, pulledAt: pull.pulledAt };
        await tx
          .insert(ledgerTracking)
          .values({ practiceId, interfaceId, ...row })
          .onConflictDoUpdate({
            target: [ledgerTracking.interfaceId, ledgerTracking.categoryId, ledgerTracking.optionId],
            set: row,
          });
      }
    }
    for (const kind of kinds) {
      const values = { practiceId, interfaceId, kind, pulledAt: pull.pulledAt, modifiedSince: pull.pulledAt };
      await tx
        .insert(ledgerPulls)
        .values(values)
        .onConflictDoUpdate({ target: [ledgerPulls.interfaceId, ledgerPulls.kind], set: values });
    }
  });
  return changed;
}

export interface ReferenceIndex {
  accounts: Map<string, typeof ledgerAccounts.$inferSelect>;
  taxRates: Map<string, typeof ledgerTaxRates.$inferSelect>;
  trackingOptions: Set<string>;
  pulled: boolean;
  /** The lists actually read: all three for an API ledger, the uploaded ones for an import-file interface. */
  pulledKinds: ReadonlySet<string>;
}

/** The interface's reference rows and pull times: every query scoped to the practice and the interface. */
async function loadReference(db: Db, practiceId: string, interfaceId: string) {
  const scope = (
    t: typeof ledgerAccounts | typeof ledgerTaxRates | typeof ledgerTracking | typeof ledgerPulls,
  ) => and(eq(t.practiceId, practiceId), eq(t.interfaceId, interfaceId));
  const [accounts, taxRates, tracking, pulls] = await Promise.all([
    db.select().from(ledgerAccounts).where(scope(ledgerAccounts)).orderBy(ledgerAccounts.code),
    db.select().from(ledgerTaxRates).where(scope(ledgerTaxRates)).orderBy(ledgerTaxRates.name),
    db
      .select()
      .from(ledgerTracking)
      .where(scope(ledgerTracking))
      .orderBy(ledgerTracking.categoryName, ledgerTracking.optionName),
    db
      .select()
      .from(ledgerPulls)
      .where(and(scope(ledgerPulls), ne(ledgerPulls.kind, 'payments'))),
  ]);
  return { accounts, taxRates, tracking, pulls };
}

/** A code can exist twice (an archived account and its active successor): keyed by code, the active one wins. */
const byCodeActiveLast = <T extends { code: string; status: string }>(rows: T[]) =>
  new Map(
    [...rows]
      .sort((a, b) => (a.status === 'active' ? 1 : 0) - (b.status === 'active' ? 1 : 0))
      .map((r) => [r.code, r] as const),
  );

/** The reference data keyed by code, for validation and preview. */
export async function referenceIndex(
  db: Db,
  practiceId: string,
  interfaceId: string,
): Promise<ReferenceIndex> {
  const { accounts, taxRates, tracking, pulls } = await loadReference(db, practiceId, interfaceId);
  return {
    accounts: byCodeActiveLast(accounts),
    taxRates: byCodeActiveLast(taxRates),
    trackingOptions: new Set(tracking.filter((t) => t.status === 'active').map((t) => t.optionName)),
    pulled: pulls.length > 0,
    pulledKinds: new Set(pulls.map((p) => p.kind)),
  };
}

/**
 * The mapping dropdowns' data as JSON text, kept per process and reused while the interface's pull rows are
 * unchanged. Every refresh rewrites all of them in the transaction that writes the codes, so their row
 * versions (`xmin`) change with any change to the codes; checking them is one small indexed query, where
 * rebuilding the answer for a 5,000-account chart reads and serialises every row.
 */
const serialised = new Map<string, { version: string; json: string }>();
const SERIALISED_MAX = 500;

export async function readReferenceJson(
  db: Db,
  practiceId: string,
  interfaceId: string,
  all: boolean,
): Promise<string> {
  const rows = await db
    .select({ kind: ledgerPulls.kind, version: sql<string>`${ledgerPulls}.xmin::text` })
    .from(ledgerPulls)
    .where(and(eq(ledgerPulls.practiceId, practiceId), eq(ledgerPulls.interfaceId, interfaceId)));
  const version = rows
    .map((r) => `${r.kind}:${r.version}`)
    .sort()
    .join(',');
  const key = `${practiceId}/${interfaceId}/${all}`;
  const hit = serialised.get(key);
  if (hit && hit.version === version) return hit.json;
  const json = JSON.stringify(await readReference(db, practiceId, interfaceId, all));
  serialised.delete(key);
  serialised.set(key, { version, json });
  // Oldest first out: a Map iterates in insertion order.
  if (serialised.size > SERIALISED_MAX) serialised.delete(serialised.keys().next().value!);
  return json;
}

export async function readReference(
  db: Db,
  practiceId: string,
  interfaceId: string,
  all: boolean,
): Promise<ReferenceData> {
  const { accounts, taxRates, tracking, pulls } = await loadReference(db, practiceId, interfaceId);
  const pulledAt = (kind: Kind) => pulls.find((p) => p.kind === kind)?.pulledAt.toISOString() ?? null;
  const status = (s: string) => s as 'active' | 'archived' | 'deleted';
  return {
    accounts: accounts
      .filter((a) => all || (a.status === 'active' && a.isRevenue))
      .map((a) => ({
        code: a.code,
        name: a.name,
        type: a.type,
        accountClass: a.accountClass,
        isRevenue: a.isRevenue,
        status: status(a.status),
        defaultTaxCode: a.defaultTaxCode,
      })),
    taxRates: taxRates
      .filter((r) => all || (r.status === 'active' && r.canApplyToRevenue))
      .map((r) => ({
        code: r.code,
        name: r.name,
        ratePercent: r.ratePercent,
        canApplyToRevenue: r.canApplyToRevenue,
        accountClasses: r.accountClasses,
        status: status(r.status),
      })),
    tracking: tracking
      .filter((t) => all || t.status === 'active')
      .map((t) => ({ categoryName: t.categoryName, optionName: t.optionName, status: status(t.status) })),
    pulledAt: {
      accounts: pulledAt('accounts'),
      taxRates: pulledAt('taxRates'),
      tracking: pulledAt('tracking'),
    },
  };
}
