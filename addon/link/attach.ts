// Before a chunk is sent: each client's contact and each job's tracking option or MYOB job, found or
// created per the interface's policy, and remembered so the next batch needs no look-up.
import { and, eq } from 'drizzle-orm';
import { clients, externalLinks, jobs } from '../../db/schema.ts';
import type { ApiConnector, ConnectorRuntime, InterfaceOptions, LedgerInvoice } from '../connectors/types.ts';
import type { InterfaceRow, LinkDeps } from './deps.ts';
import { markFailed } from './ledger.ts';

/** Finds or creates each client's contact (and job) per the interface's policy, and remembers the link. */
export async function attachContactsAndJobs(
  deps: LinkDeps,
  connector: ApiConnector,
  runtime: ConnectorRuntime,
  iface: InterfaceRow,
  batchId: string,
  invoices: LedgerInvoice[],
): Promise<LedgerInvoice[]> {
  if (!invoices.length) return invoices;
  const options = iface.options as InterfaceOptions;
  const byCode = new Map(invoices.map((i) => [i.contact.clientCode, i.contact]));
  const results = await connector.resolveContacts(runtime, [...byCode.values()], {
    create: options.contactPolicy === 'create',
    dryRun: false,
  });
  const contactIds = new Map<string, string>();
  const refused = new Map<string, string>();
  for (const r of results) {
    if ('externalId' in r && r.status !== 'archived') {
      contactIds.set(r.clientCode, r.externalId);
      // A stored link confirmed as it is needs no write: each chunk of a long batch would otherwise rewrite
      // every client's link.
      if (r.status !== 'linked' || r.externalId !== byCode.get(r.clientCode)?.externalId)
        await rememberLink(deps, iface, 'client', r.clientCode, r.externalId, r.externalName);
    } else {
      refused.set(
        r.clientCode,
        'message' in r ? r.message : `No contact could be found or created for client ${r.clientCode}.`,
      );
    }
  }
  let jobIds = new Map<string, { id: string; name: string }>();
  const jobsToLink = [
    ...new Map(invoices.flatMap((i) => (i.job ? [[i.job.code, i.job] as const] : []))).values(),
  ];
  if (jobsToLink.length && (options.jobTrackingCategory || options.createJobs)) {
    const jr = await connector.resolveJobs(runtime, jobsToLink, {
      create: options.createJobs ?? false,
      dryRun: false,
    });
    jobIds = new Map(
      jr.flatMap((r) => ('externalId' in r ? [[r.code, { id: r.externalId, name: r.name }] as const] : [])),
    );
    const storedJob = new Map(jobsToLink.map((j) => [j.code, j.externalId]));
    for (const r of jr) {
      if (!('externalId' in r)) continue;
      if (r.status === 'linked' && r.externalId === storedJob.get(r.code)) continue;
      await rememberLink(deps, iface, 'job', r.code, r.externalId, r.name);
    }
  }
  const out: LedgerInvoice[] = [];
  for (const inv of invoices) {
    const why = refused.get(inv.contact.clientCode);
    if (why) {
      await markFailed(deps.db, iface.practiceId, iface.id, batchId, [inv.invoiceId], {
        code: 'contact_unmatched',
        message: why,
      });
      continue;
    }
    const job = inv.job ? jobIds.get(inv.job.code) : undefined;
    out.push({
      ...inv,
      contact: { ...inv.contact, externalId: contactIds.get(inv.contact.clientCode) },
      job: inv.job
        ? {
            ...inv.job,
            externalId: job?.id ?? inv.job.externalId,
            trackingOption: job?.name ?? inv.job.trackingOption,
          }
        : undefined,
    });
  }
  return out;
}

async function rememberLink(
  deps: LinkDeps,
  iface: InterfaceRow,
  kind: 'client' | 'job',
  code: string,
  externalId: string,
  externalName: string,
) {
  const table = kind === 'client' ? clients : jobs;
  const codeColumn = kind === 'client' ? clients.clientCode : jobs.code;
  const [local] = await deps.db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.practiceId, iface.practiceId), eq(codeColumn, code)));
  if (!local) return;
  await deps.db
    .insert(externalLinks)
    .values({
      practiceId: iface.practiceId,
      interfaceId: iface.id,
      kind,
      localId: local.id,
      externalId,
      externalName,
    })
    .onConflictDoUpdate({
      target: [externalLinks.interfaceId, externalLinks.kind, externalLinks.localId],
      set: { externalId, externalName },
    });
}
