// The Xero ApiConnector (issue #5 items 4-9): reference pull, contact and job resolution, batched pushes,
// look-ups after an uncertain outcome, and read-back of payments. State that outlives a call (a governor
// per tenant, fingerprints of the last reference pull) lives in the factory's closure; nothing is stored
// elsewhere, and the engine keeps the ledger.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { ConnectorError } from '../errors.ts';
import type { RateGovernor } from '../governor.ts';
import type {
  ApiConnector,
  ConnectorRuntime,
  ContactResolution,
  JobResolution,
  LedgerContact,
  LedgerInvoice,
  LedgerJob,
  PushOutcome,
  ReferencePull,
  RemoteDocument,
} from '../types.ts';
import { XeroApi, XeroCallError, xeroGovernor } from './client.ts';
import { localError, PROVIDER, validationMessages } from './errors.ts';
import { xeroPlatform } from './manifest.ts';
import {
  contactRequest,
  type DocumentMapping,
  documentNumber,
  documentRequest,
  jobOptionName,
  mapAccount,
  mapTaxRate,
  mapTracking,
  nameSearchWord,
  normaliseEmail,
  normaliseName,
  optionMatchesJob,
  parseXeroDate,
  remoteDocument,
  whereString,
  type XeroContactWire,
  type XeroDocumentRequest,
  type XeroDocumentWire,
  type XeroTrackingCategoryWire,
} from './mappers.ts';

export interface XeroConnectorOptions {
  /** When known (e.g. "https://app.abtrac.com/"), only documents whose Url starts with it count as ours. */
  ourUrlPrefix?: string | undefined;
  /** Per-call timeout in platform ms (REQUEST_TIMEOUT_MS by default; 0 for none). */
  requestTimeoutMs?: number | undefined;
}

export interface XeroConnector extends ApiConnector {
  /** The tenant's governor (one per organisation, xero.md §3), for the engine's dashboards and tests. */
  governorFor(rt: Pick<ConnectorRuntime, 'tenantId' | 'clock'>): RateGovernor;
}

/** xero.md §3: "Filter in batches of ~40 IDs". */
const IDS_PER_CALL = 40;
/** Contacts read a page at a time when the whole list is cheaper than per-client look-ups (xero.md §3: ≤ 1,000). */
const CONTACT_PAGE = 1_000;
/** xero.md §2.7: batches of up to 50. */
const BATCH = xeroPlatform.limits.batchSize;
/** xero.md §3: pageSize up to 1000; 500 keeps responses (with lines) moderate. */
const PAGE_SIZE = 500;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A key for one of several calls made for one engine key; hashed when it would pass 128 characters. */
/**
 * The Idempotency-Key of one call: the engine's key (the invoices and their versions) hashed with the body
 * actually sent. A retry of the same request reuses it and gets Xero's first answer; a changed request (a
 * mapping fixed, then sent again within Xero's six minutes) gets a new one, where reusing the key would
 * be refused as "used with a different request" (docs/platforms/xero.md, "Idempotency").
 */
export function requestKey(engineKey: string, kind: 'invoice' | 'credit', body: unknown): string {
  // 68 characters, inside Xero's 128.
  return `abx-${sha256(`${engineKey}\n${kind}\n${JSON.stringify(body)}`)}`;
}

/** Unwraps the classified error of a failed call. */
async function wire<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof XeroCallError) throw e.error;
    throw e;
  }
}

function isActive(c: XeroContactWire): boolean {
  return (c.ContactStatus ?? 'ACTIVE') === 'ACTIVE';
}

function candidatesOf(list: XeroContactWire[]) {
  return list.map((c) => ({ externalId: c.ContactID ?? '', name: c.Name ?? '', number: c.ContactNumber }));
}

function elementFailed(e: {
  HasErrors?: boolean;
  HasValidationErrors?: boolean;
  StatusAttributeString?: string;
}) {
  return e.HasErrors === true || e.HasValidationErrors === true || e.StatusAttributeString === 'ERROR';
}

export function createXeroConnector(options: XeroConnectorOptions = {}): XeroConnector {
  const governors = new Map<string, RateGovernor>();
  const fingerprints = new Map<string, { taxRates?: string; tracking?: string }>();

  function governorFor(rt: { tenantId: string; clock: Clock }): RateGovernor {
    let g = governors.get(rt.tenantId);
    if (!g) {
      g = xeroGovernor(rt.clock);
      governors.set(rt.tenantId, g);
    }
    return g;
  }

  function api(rt: ConnectorRuntime): XeroApi {
    return new XeroApi({
      tenantId: rt.tenantId,
      accessToken: () => rt.accessToken(),
      refreshAccessToken: rt.refreshAccessToken,
      apiBaseUrl: rt.baseUrls.api ?? xeroPlatform.hosts.api,
      clock: rt.clock,
      governor: governorFor(rt),
      timeoutMs: options.requestTimeoutMs,
    });
  }

  // ---------------------------------------------------------------- reference data

  async function pullReference(
    rt: ConnectorRuntime,
    since: Parameters<ApiConnector['pullReference']>[1],
  ): Promise<ReferencePull> {
    const x = api(rt);
    const [accounts, taxRates, tracking] = await Promise.all([
      wire(x.getAccounts(since.accounts)),
      wire(x.getTaxRates()),
      wire(x.getTrackingCategories()),
    ]);
    // The platform's clock, from the first answer (each envelope carries DateTimeUTC): the next `since`.
    const times = [accounts, taxRates, tracking]
      .map((r) => parseXeroDate(r.body.DateTimeUTC)?.getTime())
      .filter((t): t is number => t !== undefined);
    const pulledAt = new Date(times.length ? Math.min(...times) : rt.clock.now());

    const accountItems = (accounts.body.Accounts ?? []).map(mapAccount).filter((a) => a !== undefined);
    const taxItems = (taxRates.body.TaxRates ?? []).map(mapTaxRate).filter((t) => t !== undefined);
    const trackingItems = mapTracking(tracking.body.TrackingCategories ?? []);

    // Accounts take If-Modified-Since (xero.md §2.1, §3). TaxRates and TrackingCategories do not, so they are
    // read whole and reported unchanged when they equal the last pull this process saw for the tenant.
    const seen = fingerprints.get(rt.tenantId) ?? {};
    const taxPrint = sha256(JSON.stringify(taxItems));
    const trackingPrint = sha256(JSON.stringify(trackingItems));
    fingerprints.set(rt.tenantId, { taxRates: taxPrint, tracking: trackingPrint });

    return {
      accounts: since.accounts
        ? accountItems.length
          ? { mode: 'incremental', items: accountItems }
          : undefined
        : { mode: 'full', items: accountItems },
      taxRates: since.taxRates && seen.taxRates === taxPrint ? undefined : { mode: 'full', items: taxItems },
      tracking:
        since.tracking && seen.tracking === trackingPrint
          ? undefined
          : { mode: 'full', items: trackingItems },
      pulledAt,
    };
  }

  // ---------------------------------------------------------------- contacts

  async function resolveContacts(
    rt: ConnectorRuntime,
    contacts: LedgerContact[],
    mode: { create: boolean; dryRun: boolean },
  ): Promise<ContactResolution[]> {
    const x = api(rt);
    // The same client may come once per invoice: resolve each client ID once.
    const unique = new Map<string, LedgerContact>();
    for (const c of contacts) if (!unique.has(c.clientCode)) unique.set(c.clientCode, c);
    const resolved = new Map<string, ContactResolution>();
    let pending = [...unique.values()];

    // 1. The stored link: the contact still exists and is active (GET ?IDs=, 40 at a time).
    const linked = pending.filter((c) => c.externalId);
    if (linked.length) {
      const found = new Map<string, XeroContactWire>();
      for (const ids of chunk(
        linked.map((c) => c.externalId!),
        IDS_PER_CALL,
      )) {
        const r = await wire(x.getContacts({ ids }));
        for (const c of r.body.Contacts ?? []) if (c.ContactID) found.set(c.ContactID.toLowerCase(), c);
      }
      for (const c of linked) {
        const hit = found.get(c.externalId!.toLowerCase());
        if (!hit) continue; // deleted or merged in Xero: look again by number, name and email
        resolved.set(
          c.clientCode,
          isActive(hit)
            ? {
                clientCode: c.clientCode,
                status: 'linked',
                externalId: hit.ContactID!,
                externalName: hit.Name ?? '',
                matchedBy: 'link',
              }
            : archived(c, hit),
        );
      }
      pending = pending.filter((c) => !resolved.has(c.clientCode));
    }

    // 2. ContactNumber = Abtrac client ID (xero.md §2.4), then the normalised name, then email. Only
    //    Xero's optimised filters (docs/platforms/xero.md, "Large organisations"): no ORed terms and no
    //    Name.ToLower().Contains, which Xero refuses on large organisations (HighVolumeException). When the
    //    whole contact list, read in pages of 1,000 (summaryOnly), costs fewer calls than asking for each
    //    client, it is read once and matched here; otherwise each client is looked up on its own.
    const byNumber = (c: LedgerContact, hits: XeroContactWire[]) => {
      const mine = hits.filter((h) => h.ContactNumber === c.clientCode);
      const active = mine.find(isActive);
      if (active) {
        resolved.set(c.clientCode, {
          clientCode: c.clientCode,
          status: 'matched',
          externalId: active.ContactID!,
          externalName: active.Name ?? '',
          matchedBy: 'contactNumber',
        });
      } else if (mine[0]) resolved.set(c.clientCode, archived(c, mine[0]));
    };
    const everyone = pending.length > 1 ? await wholeListIfCheaper(x, pending.length) : undefined;
    for (const c of pending) {
      if (everyone) {
        byNumber(c, everyone);
        if (!resolved.has(c.clientCode)) {
          const outcome = matchByNameOrEmail(c, everyone);
          if (outcome) resolved.set(c.clientCode, outcome);
        }
        continue;
      }
      const r = await wire(x.getContacts({ where: `ContactNumber==${whereString(c.clientCode)}` }));
      byNumber(c, r.body.Contacts ?? []);
      if (resolved.has(c.clientCode)) continue;
      // Xero cannot normalise names: searchTerm (case-insensitive, over name, number and email) brings
      // candidates by one word of the name, then by the email; they are compared here (normaliseName).
      const candidates = new Map<string, XeroContactWire>();
      const search = async (searchTerm: string) => {
        const found = await wire(x.getContacts({ searchTerm }));
        for (const hit of found.body.Contacts ?? []) if (hit.ContactID) candidates.set(hit.ContactID, hit);
      };
      const word = nameSearchWord(c.name) ?? c.name.trim();
      if (word) await search(word);
      let outcome = matchByNameOrEmail(c, [...candidates.values()]);
      const email = c.email?.trim();
      if (!outcome && email) {
        await search(email);
        outcome = matchByNameOrEmail(c, [...candidates.values()]);
      }
      if (outcome) resolved.set(c.clientCode, outcome);
    }
    pending = pending.filter((c) => !resolved.has(c.clientCode));

    // 4. Create what is still missing: one PUT per 50, each element with its own status (xero.md §2.7).
    if (pending.length) {
      if (!mode.create) {
        for (const c of pending)
          resolved.set(c.clientCode, {
            clientCode: c.clientCode,
            status: 'unmatched',
            message: `No Xero contact has the client ID ${c.clientCode}, the name "${c.name}" or the client's email; link one, or let the interface create contacts.`,
          });
      } else if (mode.dryRun) {
        for (const c of pending)
          resolved.set(c.clientCode, { clientCode: c.clientCode, status: 'will_create' });
      } else {
        for (const group of chunk(pending, BATCH)) {
          const body = group.map(contactRequest);
          const key = `abx-contacts-${sha256(`${rt.tenantId}\n${JSON.stringify(body)}`)}`;
          const r = await wire(x.createContacts(body, key));
          const returned = r.body.Contacts ?? [];
          group.forEach((c, i) => {
            const el =
              returned[i]?.ContactNumber === c.clientCode || returned[i]?.Name === c.name.trim()
                ? returned[i]
                : returned.find((e) => e.ContactNumber === c.clientCode);
            if (el && !elementFailed(el) && el.ContactID) {
              resolved.set(c.clientCode, {
                clientCode: c.clientCode,
                status: 'created',
                externalId: el.ContactID,
                externalName: el.Name ?? c.name,
                matchedBy: 'created',
              });
            } else {
              const reasons = validationMessages(el?.ValidationErrors);
              resolved.set(c.clientCode, {
                clientCode: c.clientCode,
                status: 'unmatched',
                message: `Xero did not create the contact "${c.name}": ${reasons.join('; ') || 'no reason given'}`,
              });
            }
          });
        }
      }
    }
    return contacts.map((c) => resolved.get(c.clientCode)!);
  }

  /**
   * Every contact, when reading them all (pages of 1,000, summaryOnly: paging is how Xero wants large lists
   * read) costs fewer calls than the per-client look-ups would (up to three each); else undefined.
   */
  async function wholeListIfCheaper(x: XeroApi, clients: number): Promise<XeroContactWire[] | undefined> {
    const first = await wire(x.getContacts({ page: 1, pageSize: CONTACT_PAGE, summaryOnly: true }));
    const pages = first.body.pagination?.pageCount ?? 1;
    if (pages > clients) return undefined;
    const all = [...(first.body.Contacts ?? [])];
    for (let page = 2; page <= pages; page++) {
      const r = await wire(x.getContacts({ page, pageSize: CONTACT_PAGE, summaryOnly: true }));
      all.push(...(r.body.Contacts ?? []));
    }
    return all;
  }

  function archived(c: LedgerContact, hit: XeroContactWire): ContactResolution {
    return {
      clientCode: c.clientCode,
      status: 'archived',
      externalId: hit.ContactID ?? '',
      externalName: hit.Name ?? '',
      message: `The Xero contact "${hit.Name ?? ''}" for client ${c.clientCode} is archived. Restore it in Xero (archived contacts cannot be used through the API), or link the client to another contact.`,
    };
  }

  /** Name first, then email; a differing ContactNumber or several hits make a near match, never a link. */
  function matchByNameOrEmail(c: LedgerContact, all: XeroContactWire[]): ContactResolution | undefined {
    const key = normaliseName(c.name);
    const byName = all.filter((x) => x.Name && normaliseName(x.Name) === key);
    const activeByName = byName.filter(isActive);
    const decide = (hits: XeroContactWire[], by: 'name' | 'email'): ContactResolution | undefined => {
      if (!hits.length) return undefined;
      const clash = hits.some((h) => h.ContactNumber && h.ContactNumber !== c.clientCode);
      if (hits.length === 1 && !clash) {
        return {
          clientCode: c.clientCode,
          status: 'matched',
          externalId: hits[0]!.ContactID!,
          externalName: hits[0]!.Name ?? '',
          matchedBy: by,
        };
      }
      return {
        clientCode: c.clientCode,
        status: 'near_match',
        candidates: candidatesOf(hits),
        message:
          hits.length > 1
            ? `Several Xero contacts match "${c.name}" by ${by}; choose the one to link.`
            : `The Xero contact "${hits[0]!.Name}" has the same ${by} but another client ID (${hits[0]!.ContactNumber}); confirm it is the same client before linking.`,
      };
    };
    const named = decide(activeByName, 'name');
    if (named) return named;
    if (byName.length) return archived(c, byName[0]!);
    const email = normaliseEmail(c.email);
    if (!email) return undefined;
    return decide(
      all.filter((x) => isActive(x) && normaliseEmail(x.EmailAddress) === email),
      'email',
    );
  }

  // ---------------------------------------------------------------- jobs

  async function resolveJobs(
    rt: ConnectorRuntime,
    jobs: LedgerJob[],
    mode: { create: boolean; dryRun: boolean },
  ): Promise<JobResolution[]> {
    const unmatched = (code: string, message: string): JobResolution => ({
      code,
      status: 'unmatched',
      message,
    });
    if (!jobs.length) return [];
    const x = api(rt);
    const r = await wire(x.getTrackingCategories());
    const categories: XeroTrackingCategoryWire[] = r.body.TrackingCategories ?? [];
    // The interface option decides (DESIGN: "created when createJobs"); the caller's mode may also ask.
    const canCreate = rt.options.createJobs === true || mode.create;
    const created = new Map<string, JobResolution>();
    const out: JobResolution[] = [];
    for (const job of jobs) {
      const categoryName = job.trackingCategory ?? rt.options.jobTrackingCategory;
      if (!categoryName) {
        out.push(
          unmatched(
            job.code,
            'Choose the Xero tracking category that jobs map to in the interface settings.',
          ),
        );
        continue;
      }
      const category = categories.find(
        (c) => c.Name.trim().toLowerCase() === categoryName.trim().toLowerCase(),
      );
      if (!category || (category.Status ?? 'ACTIVE') !== 'ACTIVE') {
        out.push(unmatched(job.code, `Xero has no active tracking category named "${categoryName}".`));
        continue;
      }
      const options = category.Options ?? [];
      const byId = job.externalId ? options.find((o) => o.TrackingOptionID === job.externalId) : undefined;
      const byCode = options.filter((o) => optionMatchesJob(o.Name, job.code));
      const hit = byId ?? byCode.find((o) => (o.Status ?? 'ACTIVE') === 'ACTIVE') ?? byCode[0];
      if (hit) {
        if ((hit.Status ?? 'ACTIVE') !== 'ACTIVE') {
          out.push({
            code: job.code,
            status: 'archived',
            message: `The tracking option "${hit.Name}" for job ${job.code} is archived in Xero; restore it there or choose another.`,
          });
        } else {
          out.push({
            code: job.code,
            status: byId ? 'linked' : 'matched',
            externalId: hit.TrackingOptionID,
            name: hit.Name,
          });
        }
        continue;
      }
      if (!canCreate) {
        out.push(unmatched(job.code, `No "${category.Name}" option in Xero for job ${job.code}.`));
        continue;
      }
      if (mode.dryRun) {
        out.push({ code: job.code, status: 'will_create' });
        continue;
      }
      const name = jobOptionName(job);
      const done = created.get(name.toLowerCase());
      if (done) {
        out.push({ ...done, code: job.code });
        continue;
      }
      const key = `abx-option-${sha256(`${rt.tenantId}\n${category.TrackingCategoryID}\n${name}`)}`;
      const made = await wire(x.createTrackingOption(category.TrackingCategoryID, name, key));
      const option = made.body.Options?.[0];
      if (!option?.TrackingOptionID)
        throw localError('internal', 'resolveJobs.create', 'Xero returned no option.');
      const resolution: JobResolution = {
        code: job.code,
        status: 'created',
        externalId: option.TrackingOptionID,
        name: option.Name,
      };
      created.set(name.toLowerCase(), resolution);
      out.push(resolution);
    }
    return out;
  }

  // ---------------------------------------------------------------- pushing

  async function pushDocuments(
    rt: ConnectorRuntime,
    invoices: LedgerInvoice[],
    idempotencyKey: string,
  ): Promise<PushOutcome[]> {
    if (invoices.length > BATCH)
      throw localError('internal', 'pushDocuments', `At most ${BATCH} documents per push call.`);
    const x = api(rt);
    const outcomes = new Map<string, PushOutcome>();
    const status = rt.options.invoiceStatus ?? 'DRAFT';
    const sendable: { invoice: LedgerInvoice; mapping: Extract<DocumentMapping, { ok: true }> }[] = [];
    for (const invoice of invoices) {
      const mapping = documentRequest(invoice, {
        status,
        roundingAccountCode: rt.options.roundingAccountCode,
        roundingTaxCode: rt.options.roundingTaxCode,
        jobTrackingCategory: rt.options.jobTrackingCategory,
      });
      if (mapping.ok) sendable.push({ invoice, mapping });
      else
        outcomes.set(invoice.invoiceId, {
          invoiceId: invoice.invoiceId,
          ok: false,
          error: localError(
            'validation',
            'pushDocuments',
            `Not sent to Xero: ${mapping.problems[0]}`,
            mapping.problems,
          ),
        });
    }
    const groups = [
      { kind: 'invoice' as const, items: sendable.filter((s) => s.invoice.kind === 'invoice') },
      { kind: 'credit' as const, items: sendable.filter((s) => s.invoice.kind === 'credit') },
    ].filter((g) => g.items.length);
    let anySent = false;
    for (const group of groups) {
      const body: XeroDocumentRequest[] = group.items.map((s) => s.mapping.request);
      const key = requestKey(idempotencyKey, group.kind, body);
      let returned: XeroDocumentWire[];
      try {
        const r =
          group.kind === 'invoice'
            ? (await wire(x.createInvoices(body, key))).body.Invoices
            : (await wire(x.createCreditNotes(body, key))).body.CreditNotes;
        returned = r ?? [];
      } catch (e) {
        // A later call failing must not hide what an earlier one created: report its items, keep the rest.
        if (!anySent || !(e instanceof ConnectorError)) throw e;
        for (const s of group.items)
          outcomes.set(s.invoice.invoiceId, { invoiceId: s.invoice.invoiceId, ok: false, error: e });
        continue;
      }
      anySent = true;
      group.items.forEach((s, i) => {
        const number = s.invoice.number.toLowerCase();
        const el =
          returned[i] && documentNumber(returned[i]!).toLowerCase() === number
            ? returned[i]!
            : (returned.find((d) => documentNumber(d).toLowerCase() === number) ?? returned[i]);
        outcomes.set(s.invoice.invoiceId, elementOutcome(s.invoice, el));
      });
    }
    return invoices.map((i) => outcomes.get(i.invoiceId)!);
  }

  function elementOutcome(invoice: LedgerInvoice, el: XeroDocumentWire | undefined): PushOutcome {
    const id = el?.InvoiceID ?? el?.CreditNoteID;
    if (el && !elementFailed(el) && id && id !== '00000000-0000-0000-0000-000000000000') {
      return {
        invoiceId: invoice.invoiceId,
        ok: true,
        externalId: id,
        externalNumber: documentNumber(el) || invoice.number,
        status: el.Status ?? '',
      };
    }
    const details = validationMessages(el?.ValidationErrors);
    return {
      invoiceId: invoice.invoiceId,
      ok: false,
      error: new ConnectorError({
        code: 'validation',
        provider: PROVIDER,
        operation: 'pushDocuments',
        message: details.length
          ? `Xero rejected ${invoice.number}: ${details.join('; ')}`
          : `Xero did not return ${invoice.number}.`,
        details,
        body: el,
      }),
    };
  }

  // ---------------------------------------------------------------- reading back

  async function findDocuments(
    rt: ConnectorRuntime,
    refs: { number: string; kind: 'invoice' | 'credit' }[],
  ): Promise<RemoteDocument[]> {
    const x = api(rt);
    const out: RemoteDocument[] = [];
    const invoiceNumbers = [...new Set(refs.filter((r) => r.kind === 'invoice').map((r) => r.number))];
    const creditNumbers = [...new Set(refs.filter((r) => r.kind === 'credit').map((r) => r.number))];
    for (const numbers of chunk(invoiceNumbers, IDS_PER_CALL)) {
      const r = await wire(x.getInvoices({ numbers }));
      for (const d of r.body.Invoices ?? []) out.push(remoteDocument(d, 'invoice', options.ourUrlPrefix));
    }
    // One equality per number: OR filters are refused on large organisations (docs/platforms/xero.md).
    for (const n of creditNumbers) {
      const r = await wire(x.getCreditNotes({ where: `CreditNoteNumber==${whereString(n)}` }));
      for (const d of r.body.CreditNotes ?? []) out.push(remoteDocument(d, 'credit', options.ourUrlPrefix));
    }
    return out;
  }

  async function fetchDocuments(
    rt: ConnectorRuntime,
    query: { externalIds: string[] } | { modifiedSince: Date },
  ): Promise<RemoteDocument[]> {
    const x = api(rt);
    const out: RemoteDocument[] = [];
    if ('externalIds' in query) {
      const ids = [...new Set(query.externalIds.map((i) => i.toLowerCase()))];
      const found = new Set<string>();
      for (const group of chunk(ids, IDS_PER_CALL)) {
        const r = await wire(x.getInvoices({ ids: group }));
        for (const d of r.body.Invoices ?? []) {
          found.add((d.InvoiceID ?? '').toLowerCase());
          out.push(remoteDocument(d, 'invoice', options.ourUrlPrefix));
        }
      }
      // Ids that are not invoices are credit notes: read one by one (the list has no IDs filter, and a
      // `where` on the id is what Xero refuses on large organisations).
      const rest = ids.filter((i) => !found.has(i) && /^[0-9a-f-]{36}$/.test(i));
      for (const id of rest) {
        const r = await wire(x.getCreditNote(id));
        for (const d of r.body.CreditNotes ?? []) out.push(remoteDocument(d, 'credit', options.ourUrlPrefix));
      }
      return out;
    }
    // Changed since (polling fallback to webhooks): paged, UpdatedDateUTC ascending (xero.md §2, §3).
    for (const kind of ['invoice', 'credit'] as const) {
      for (let page = 1; ; page++) {
        const q = { ifModifiedSince: query.modifiedSince, page, pageSize: PAGE_SIZE };
        const r =
          kind === 'invoice'
            ? await wire(x.getInvoices(q)).then((res) => ({
                items: res.body.Invoices ?? [],
                p: res.body.pagination,
              }))
            : await wire(x.getCreditNotes(q)).then((res) => ({
                items: res.body.CreditNotes ?? [],
                p: res.body.pagination,
              }));
        for (const d of r.items) out.push(remoteDocument(d, kind, options.ourUrlPrefix));
        const more = r.p?.pageCount !== undefined ? page < r.p.pageCount : r.items.length >= PAGE_SIZE;
        if (!more) break;
      }
    }
    return out;
  }

  return {
    pushChunkSize: BATCH,
    governorFor,
    pullReference,
    resolveContacts,
    resolveJobs,
    pushDocuments,
    findDocuments,
    fetchDocuments,
  };
}
