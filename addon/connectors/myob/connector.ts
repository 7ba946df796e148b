// The MYOB Business connector: reference data, customer and job matching, invoice and credit-note pushes
// that cannot duplicate, and payment status read back by polling (MYOB has no webhooks, myob.md §3.8).
// Facts: ../shared/reference/myob.md; the contract: ../types.ts.
import { isConnectorError } from '../errors.ts';
import type {
  ApiConnector,
  ConnectorRuntime,
  ContactResolution,
  JobResolution,
  LedgerContact,
  LedgerInvoice,
  PushOutcome,
  ReferencePull,
  RemoteDocument,
} from '../types.ts';
import { MyobClient, type MyobGovernors, odataString, sharedMyobGovernors } from './client.ts';
import { conflictError, validationError } from './errors.ts';
import {
  accountFromMyob,
  cardId,
  customerBody,
  customerName,
  deletedDocument,
  type InvoiceLookups,
  jobBody,
  LIMITS,
  type MyobAccount,
  type MyobCustomer,
  type MyobInvoice,
  type MyobJob,
  type MyobTaxCode,
  normaliseName,
  pickFreightTaxCode,
  rateFromJson,
  remoteDocument,
  serviceInvoiceBody,
  taxRateFromMyob,
  trackingFromMyob,
  usableOnSales,
} from './mappers.ts';

export interface MyobConnectorOptions {
  /** One governor per API key; defaults to the process-wide registry (myob.md §4). */
  governors?: MyobGovernors | undefined;
  fetch?: typeof fetch | undefined;
  /** How long the per-file account / tax code / job cache is trusted before a push reloads it. */
  referenceTtlMs?: number | undefined;
}

/** MYOB takes one document per POST and has no batch endpoint (myob.md §3.6). */
const PUSH_CHUNK_SIZE = 1;
/** Numbers or UIDs OR-ed into one $filter: one call instead of twenty, well inside URL lengths. */
const LOOKUP_GROUP = 20;
const DEFAULT_TTL_MS = 10 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Kind = 'accounts' | 'taxCodes' | 'jobs';
interface KindItem {
  accounts: MyobAccount;
  taxCodes: MyobTaxCode;
  jobs: MyobJob;
}
interface Loaded<T> {
  items: T[];
  byKey: Map<string, T>;
  at: number;
}
const RESOURCE: Record<Kind, { path: string; key: (x: never) => string; orderby: string }> = {
  accounts: { path: 'GeneralLedger/Account', key: (a: MyobAccount) => a.DisplayID, orderby: 'DisplayID' },
  taxCodes: { path: 'GeneralLedger/TaxCode', key: (t: MyobTaxCode) => t.Code, orderby: 'Code' },
  // Job numbers are unique without regard to case in AccountRight; compare them upper-cased.
  jobs: { path: 'GeneralLedger/Job', key: (j: MyobJob) => j.Number.toUpperCase(), orderby: 'Number' },
};

const groups = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** LastModified as the OData datetime literal MYOB filters on (myob.md §3.8), to the second. */
function odataDateTime(d: Date): string {
  return `datetime'${d.toISOString().slice(0, 19)}'`;
}

function statusForTotal(total: bigint): string {
  return total > 0n ? 'Open' : total < 0n ? 'Credit' : 'Closed';
}

export function createMyobConnector(options: MyobConnectorOptions = {}): ApiConnector {
  const deps = { governors: options.governors ?? sharedMyobGovernors, fetch: options.fetch };
  const ttl = options.referenceTtlMs ?? DEFAULT_TTL_MS;
  // Per company file ({cf_uri}): reference lists, so a push resolves codes to UIDs without extra calls.
  const caches = new Map<string, { [K in Kind]?: Promise<Loaded<KindItem[K]>> }>();

  const clientFor = (rt: ConnectorRuntime) => new MyobClient(rt, deps);

  function load<K extends Kind>(
    client: MyobClient,
    rt: ConnectorRuntime,
    kind: K,
    fresh: boolean,
  ): Promise<Loaded<KindItem[K]>> {
    let cache = caches.get(client.fileBase);
    if (!cache) {
      cache = {};
      caches.set(client.fileBase, cache);
    }
    const current = cache[kind] as Promise<Loaded<KindItem[K]>> | undefined;
    if (current && !fresh) return current;
    const spec = RESOURCE[kind];
    const loading = client
      .listAll<KindItem[K]>(spec.path, { orderby: spec.orderby }, `reference.${kind}`)
      .then((items) => ({
        items,
        byKey: new Map(items.map((x) => [(spec.key as (x: KindItem[K]) => string)(x), x])),
        at: rt.clock.now(),
      }));
    // A failed load is not cached: the next caller tries again.
    const target = cache;
    target[kind] = loading as never;
    loading.catch(() => {
      if (target[kind] === (loading as never)) delete target[kind];
    });
    return loading;
  }

  /** The cached list, reloaded when older than the TTL or when `need` has a key it lacks (refreshed on a miss). */
  async function reference<K extends Kind>(
    client: MyobClient,
    rt: ConnectorRuntime,
    kind: K,
    need: readonly string[],
    reloaded: Set<Kind>,
  ): Promise<Loaded<KindItem[K]>> {
    // A list loaded for the first time by this call is as fresh as a reload: it counts as this call's refresh.
    if (!caches.get(client.fileBase)?.[kind]) reloaded.add(kind);
    const loaded = await load(client, rt, kind, false);
    const stale = rt.clock.now() - loaded.at > ttl;
    const missing = need.some((k) => !loaded.byKey.has(k));
    if ((stale || missing) && !reloaded.has(kind)) {
      reloaded.add(kind);
      return load(client, rt, kind, true);
    }
    return loaded;
  }

  /** The codes an invoice needs looked up: its lines' and the rounding line's (when chosen). */
  const codesOf = (codes: string[], rounding: string | undefined) => [
    ...new Set(rounding ? [...codes, rounding] : codes),
  ];

  async function lookupsFor(
    client: MyobClient,
    rt: ConnectorRuntime,
    inv: LedgerInvoice,
    reloaded: Set<Kind>,
  ): Promise<InvoiceLookups> {
    const jobCodes = inv.lines
      .map((l) => l.trackingOption ?? inv.job?.code)
      .filter((c): c is string => !!c)
      .map((c) => c.toUpperCase());
    const [accounts, taxCodes, jobs] = await Promise.all([
      reference(
        client,
        rt,
        'accounts',
        codesOf(
          inv.lines.map((l) => l.accountCode),
          rt.options.roundingAccountCode,
        ),
        reloaded,
      ),
      reference(
        client,
        rt,
        'taxCodes',
        codesOf(
          inv.lines.map((l) => l.taxCode),
          rt.options.roundingTaxCode,
        ),
        reloaded,
      ),
      jobCodes.length
        ? reference(client, rt, 'jobs', [...new Set(jobCodes)], reloaded)
        : Promise.resolve(undefined),
    ]);
    return {
      customerUid: inv.contact.externalId,
      account(code) {
        const a = accounts.byKey.get(code);
        return a ? { uid: a.UID, isHeader: a.IsHeader, isActive: a.IsActive } : undefined;
      },
      taxCode(code) {
        const t = taxCodes.byKey.get(code);
        return t
          ? { uid: t.UID, ratePercent: rateFromJson(t.Rate), usableOnSales: usableOnSales(t) }
          : undefined;
      },
      job(code) {
        // The engine's stored link wins for the invoice's own job; otherwise the number, detail jobs only.
        if (inv.job?.externalId && code.toUpperCase() === inv.job.code.toUpperCase()) {
          return { uid: inv.job.externalId };
        }
        const j = jobs?.byKey.get(code.toUpperCase());
        return j && !j.IsHeader && j.IsActive ? { uid: j.UID } : undefined;
      },
      freightTaxCodeUid: pickFreightTaxCode(taxCodes.items)?.UID,
    };
  }

  /** Invoices (all layouts) with these numbers: `Number eq '…' or …` on Sale/Invoice (myob.md §5, pattern 1). */
  async function byNumbers(client: MyobClient, numbers: readonly string[]): Promise<MyobInvoice[]> {
    const out: MyobInvoice[] = [];
    for (const group of groups([...new Set(numbers)], LOOKUP_GROUP)) {
      const filter = group.map((n) => `Number eq ${odataString(n)}`).join(' or ');
      out.push(...(await client.listAll<MyobInvoice>('Sale/Invoice', { filter }, 'invoices.find')));
    }
    return out;
  }

  async function pushOne(
    client: MyobClient,
    rt: ConnectorRuntime,
    inv: LedgerInvoice,
    reloaded: Set<Kind>,
  ): Promise<PushOutcome> {
    const op = inv.kind === 'credit' ? 'creditNotes.push' : 'invoices.push';
    const mapped = serviceInvoiceBody(inv, await lookupsFor(client, rt, inv, reloaded), {
      accountCode: rt.options.roundingAccountCode,
      taxCode: rt.options.roundingTaxCode,
    });
    if (!mapped.ok)
      return { invoiceId: inv.invoiceId, ok: false, error: validationError(op, mapped.problems) };
    const number = mapped.body.Number as string;
    // No idempotency at MYOB: look the number up before every create (myob.md §5, patterns 1 and 4).
    const existing = (await byNumbers(client, [number]))
      .filter((d) => d.Number === number)
      .map(remoteDocument);
    const ours = existing.find((d) => d.invoiceId === inv.invoiceId);
    if (ours) {
      // Created by an earlier attempt whose answer was lost: adopt it, never send it again.
      return {
        invoiceId: inv.invoiceId,
        ok: true,
        externalId: ours.externalId,
        externalNumber: number,
        status: ours.status,
      };
    }
    if (existing.length) {
      const other = existing[0]!;
      const whose = other.taggedAsOurs
        ? `it belongs to another Abtrac invoice (${other.invoiceId})`
        : 'it was not sent by Abtrac (no Abtrac tag in its journal memo)';
      return {
        invoiceId: inv.invoiceId,
        ok: false,
        error: conflictError(
          op,
          `MYOB already has invoice number ${number}, and ${whose}. Nothing was sent. ` +
            'Check that invoice in MYOB: renumber or delete it there, or change the Abtrac numbering, then push again.',
        ),
      };
    }
    const created = await client.create('Sale/Invoice/Service', mapped.body, op);
    if (!created.ok) return { invoiceId: inv.invoiceId, ok: false, error: created.error };
    const sign = inv.kind === 'credit' ? -1n : 1n;
    return {
      invoiceId: inv.invoiceId,
      ok: true,
      externalId: created.uid,
      externalNumber: number,
      status: statusForTotal(sign * inv.totalCents),
    };
  }

  /** Default selling tax code for a new card: the interface default, else GST, else any sales code. */
  function sellingCodes(rt: ConnectorRuntime, taxCodes: Loaded<MyobTaxCode>) {
    const usable = taxCodes.items.filter(usableOnSales);
    const preferred = [rt.options.defaultTaxCode, 'GST'].filter((c): c is string => !!c);
    const tax = preferred.map((c) => usable.find((t) => t.Code === c)).find((t) => t) ?? usable[0];
    const freight = pickFreightTaxCode(taxCodes.items);
    return tax && freight ? { taxCodeUid: tax.UID, freightTaxCodeUid: freight.UID } : undefined;
  }

  return {
    pushChunkSize: PUSH_CHUNK_SIZE,
    concurrentPushes: 4,

    /**
     * MYOB has no If-Modified-Since on these lists (only OData $filter, and accounts carry no LastModified),
     * so every pull returns `full` lists, all pages of $top=1000; `since` is not used.
     */
    async pullReference(rt): Promise<ReferencePull> {
      const client = clientFor(rt);
      const pulledAt = new Date(rt.clock.now());
      const [accounts, taxCodes, jobs] = await Promise.all([
        load(client, rt, 'accounts', true),
        load(client, rt, 'taxCodes', true),
        load(client, rt, 'jobs', true),
      ]);
      return {
        accounts: { mode: 'full', items: accounts.items.map(accountFromMyob) },
        taxRates: { mode: 'full', items: taxCodes.items.map(taxRateFromMyob) },
        tracking: {
          mode: 'full',
          items: jobs.items.map(trackingFromMyob).filter((t) => t !== undefined),
        },
        pulledAt,
      };
    },

    /**
     * Stored link (UID) -> Card ID (DisplayID = Abtrac client ID) -> normalised name -> email -> create.
     * The customer list is read once per call (1 call per 1,000 cards) rather than 2-3 filtered calls per
     * client. Names are compared with normaliseName (mappers.ts). Existing cards are never renamed.
     */
    async resolveContacts(rt, contacts, mode): Promise<ContactResolution[]> {
      const client = clientFor(rt);
      const op = 'contacts.resolve';
      const all = await client.listAll<MyobCustomer>('Contact/Customer', { orderby: 'UID' }, op);
      const byUid = new Map<string, MyobCustomer>();
      const byCard = new Map<string, MyobCustomer[]>();
      const byName = new Map<string, MyobCustomer[]>();
      const byEmail = new Map<string, MyobCustomer[]>();
      const push = (map: Map<string, MyobCustomer[]>, key: string | undefined, c: MyobCustomer) => {
        if (key) map.set(key, [...(map.get(key) ?? []), c]);
      };
      const index = (c: MyobCustomer) => {
        byUid.set(c.UID.toLowerCase(), c);
        push(byCard, cardId(c)?.toUpperCase(), c);
        push(byName, normaliseName(customerName(c)), c);
        for (const a of c.Addresses ?? []) push(byEmail, a.Email?.trim().toLowerCase() || undefined, c);
      };
      all.forEach(index);

      const found = (
        contact: LedgerContact,
        c: MyobCustomer,
        status: 'linked' | 'matched',
        matchedBy?: string,
      ): ContactResolution => {
        const externalName = customerName(c);
        if (!c.IsActive) {
          return {
            clientCode: contact.clientCode,
            status: 'archived',
            externalId: c.UID,
            externalName,
            message:
              `The MYOB card "${externalName}"${cardId(c) ? ` (${cardId(c)})` : ''} is inactive. ` +
              'Make it active again in MYOB, or link this client to another card.',
          };
        }
        return {
          clientCode: contact.clientCode,
          status,
          externalId: c.UID,
          externalName,
          ...(matchedBy ? { matchedBy } : {}),
        };
      };
      const near = (contact: LedgerContact, cands: MyobCustomer[], why: string): ContactResolution => ({
        clientCode: contact.clientCode,
        status: 'near_match',
        candidates: cands.map((c) => ({ externalId: c.UID, name: customerName(c), number: cardId(c) })),
        message: why,
      });

      const resolveOne = async (contact: LedgerContact): Promise<ContactResolution> => {
        const code = contact.clientCode.trim();
        const linked = contact.externalId ? byUid.get(contact.externalId.toLowerCase()) : undefined;
        if (linked) return found(contact, linked, 'linked');
        // A stored link that is no longer in the list: the card was deleted in MYOB; match afresh.

        if (code && code.length <= LIMITS.cardId) {
          const cards = byCard.get(code.toUpperCase()) ?? [];
          if (cards.length === 1) return found(contact, cards[0]!, 'matched', 'card_id');
          if (cards.length > 1) {
            return near(contact, cards, `Several MYOB cards have Card ID ${code}; choose the right one.`);
          }
        }
        const named = byName.get(normaliseName(contact.name)) ?? [];
        if (named.length) {
          const unnumbered = named.filter((c) => !cardId(c));
          if (named.length === 1 && unnumbered.length === 1)
            return found(contact, named[0]!, 'matched', 'name');
          return near(
            contact,
            named,
            named.length === 1
              ? `MYOB has "${customerName(named[0]!)}" with Card ID ${cardId(named[0]!)}, not ${code}. ` +
                  'Confirm it is the same client before linking.'
              : `MYOB has ${named.length} cards named "${contact.name}"; choose the right one.`,
          );
        }
        const email = contact.email?.trim().toLowerCase();
        const mailed = email ? (byEmail.get(email) ?? []) : [];
        if (mailed.length) {
          // Shared addresses (accounts@…) are common: an email alone never links without a person.
          return near(
            contact,
            mailed,
            `MYOB has a card with the same email (${contact.email}); confirm before linking.`,
          );
        }

        if (!mode.create) {
          return {
            clientCode: contact.clientCode,
            status: 'unmatched',
            message: `No MYOB customer card has Card ID ${code} or the name "${contact.name}".`,
          };
        }
        const taxCodes = await load(client, rt, 'taxCodes', false);
        const codes = sellingCodes(rt, taxCodes);
        if (!codes) {
          return {
            clientCode: contact.clientCode,
            status: 'unmatched',
            message: 'The MYOB file has no tax code a new customer card can use for sales and freight.',
          };
        }
        const mapped = customerBody(contact, codes);
        if (!mapped.ok) {
          return { clientCode: contact.clientCode, status: 'unmatched', message: mapped.problems.join(' ') };
        }
        if (mode.dryRun) return { clientCode: contact.clientCode, status: 'will_create' };
        const name = mapped.body.CompanyName as string;
        const matchedBy = mapped.notes.length ? `created; ${mapped.notes.join(' ')}` : undefined;
        let uid: string;
        try {
          const created = await client.create('Contact/Customer', mapped.body, 'contacts.create');
          if (!created.ok) {
            return { clientCode: contact.clientCode, status: 'unmatched', message: created.error.message };
          }
          uid = created.uid;
        } catch (e) {
          // POST always creates (myob.md §3.5): after an uncertain answer, the Card ID tells whether it did.
          if (!isConnectorError(e) || e.code !== 'uncertain_outcome') throw e;
          const again = await client.listAll<MyobCustomer>(
            'Contact/Customer',
            { filter: `DisplayID eq ${odataString(code)}` },
            op,
          );
          if (again.length !== 1) throw e;
          uid = again[0]!.UID;
        }
        const card: MyobCustomer = {
          UID: uid,
          CompanyName: name,
          IsIndividual: false,
          DisplayID: code,
          IsActive: true,
        };
        index(card);
        return {
          clientCode: contact.clientCode,
          status: 'created',
          externalId: uid,
          externalName: name,
          ...(matchedBy ? { matchedBy } : {}),
        };
      };

      const results: ContactResolution[] = [];
      const seen = new Map<string, ContactResolution>();
      for (const contact of contacts) {
        const key = contact.clientCode.trim().toUpperCase();
        const earlier = key ? seen.get(key) : undefined;
        // The same client twice in one call is resolved (and created) once.
        const result = earlier ?? (await resolveOne(contact));
        if (key) seen.set(key, result);
        results.push(result);
      }
      return results;
    },

    /**
     * Stored link -> job Number (= Abtrac job code). Header jobs are never used (myob.md §3.2, §3.4). A missing
     * job is created only when the interface allows it (options.createJobs) and the caller asks to create.
     */
    async resolveJobs(rt, jobs, mode): Promise<JobResolution[]> {
      const client = clientFor(rt);
      const loaded = await load(client, rt, 'jobs', true);
      const byUid = new Map(loaded.items.map((j) => [j.UID.toLowerCase(), j]));
      const byNumber = new Map(loaded.items.map((j) => [j.Number.toUpperCase(), j]));
      const canCreate = mode.create && rt.options.createJobs === true;
      let createdAny = false;
      const results: JobResolution[] = [];
      for (const job of jobs) {
        const code = job.code.trim();
        const check = (j: MyobJob, status: 'linked' | 'matched'): JobResolution => {
          if (j.IsHeader) {
            return {
              code: job.code,
              status: 'unmatched',
              message: `MYOB job ${j.Number} is a header job; invoice lines need a detail job.`,
            };
          }
          if (!j.IsActive) {
            return {
              code: job.code,
              status: 'archived',
              message: `MYOB job ${j.Number} "${j.Name}" is inactive. Make it active in MYOB or use another job.`,
            };
          }
          return { code: job.code, status, externalId: j.UID, name: j.Name };
        };
        const linked = job.externalId ? byUid.get(job.externalId.toLowerCase()) : undefined;
        if (linked) {
          results.push(check(linked, 'linked'));
          continue;
        }
        const numbered = byNumber.get(code.toUpperCase());
        if (numbered) {
          results.push(check(numbered, 'matched'));
          continue;
        }
        const mapped = jobBody(job);
        if (!mapped.ok) {
          results.push({ code: job.code, status: 'unmatched', message: mapped.problems.join(' ') });
          continue;
        }
        if (!canCreate) {
          results.push({
            code: job.code,
            status: 'unmatched',
            message: `MYOB has no job ${code}. Create it in MYOB, or turn on "Create jobs" for this interface.`,
          });
          continue;
        }
        if (mode.dryRun) {
          results.push({ code: job.code, status: 'will_create' });
          continue;
        }
        let uid: string;
        try {
          const created = await client.create('GeneralLedger/Job', mapped.body, 'jobs.create');
          if (!created.ok) {
            results.push({ code: job.code, status: 'unmatched', message: created.error.message });
            continue;
          }
          uid = created.uid;
        } catch (e) {
          if (!isConnectorError(e) || e.code !== 'uncertain_outcome') throw e;
          const again = await client.listAll<MyobJob>(
            'GeneralLedger/Job',
            { filter: `Number eq ${odataString(code)}` },
            'jobs.resolve',
          );
          if (again.length !== 1) throw e;
          uid = again[0]!.UID;
        }
        createdAny = true;
        const made: MyobJob = {
          UID: uid,
          Number: code,
          Name: mapped.body.Name as string,
          IsHeader: false,
          IsActive: true,
        };
        byNumber.set(code.toUpperCase(), made);
        byUid.set(uid, made);
        results.push({ code: job.code, status: 'created', externalId: uid, name: made.Name });
      }
      // The next push must see the new jobs: drop the cached list.
      const cache = caches.get(client.fileBase);
      if (createdAny && cache) delete cache.jobs;
      return results;
    },

    /**
     * One invoice per call (pushChunkSize 1). Per invoice: 1 look-up by Number + 1 POST (reference lists come
     * from the cache). The idempotency key is not used: MYOB has none (myob.md §5); the Number look-up and the
     * JournalMemo tag do its work. A lost answer throws 'uncertain_outcome'; the next attempt's look-up adopts
     * the invoice if it was created.
     */
    async pushDocuments(rt, invoices): Promise<PushOutcome[]> {
      const client = clientFor(rt);
      const reloaded = new Set<Kind>();
      const outcomes: PushOutcome[] = [];
      for (const inv of invoices) outcomes.push(await pushOne(client, rt, inv, reloaded));
      return outcomes;
    },

    /** Every invoice with one of these numbers, whatever its sign or tag, so the engine sees conflicts too. */
    async findDocuments(rt, refs): Promise<RemoteDocument[]> {
      const client = clientFor(rt);
      const wanted = new Set(refs.map((r) => r.number));
      const found = await byNumbers(client, [...wanted]);
      return found.filter((d) => wanted.has(d.Number)).map(remoteDocument);
    },

    /**
     * By UID: one OData call per 20 UIDs; a UID missing from the answer is confirmed with GET
     * Sale/Invoice/Service/{uid}, whose 404 means it was deleted in MYOB (status 'DELETED').
     * Changed since: `LastModified ge datetime'…'` on Sale/Invoice (myob.md §3.8; no webhooks).
     */
    async fetchDocuments(rt, query): Promise<RemoteDocument[]> {
      const client = clientFor(rt);
      const op = 'payments.read';
      if ('modifiedSince' in query) {
        const filter = `LastModified ge ${odataDateTime(query.modifiedSince)}`;
        const items = await client.listAll<MyobInvoice>('Sale/Invoice', { filter, orderby: 'UID' }, op);
        return items.map(remoteDocument);
      }
      const ids = [...new Set(query.externalIds.map((id) => id.toLowerCase()))];
      const docs = new Map<string, RemoteDocument>();
      for (const group of groups(
        ids.filter((id) => GUID.test(id)),
        LOOKUP_GROUP,
      )) {
        const filter = group.map((id) => `UID eq guid'${id}'`).join(' or ');
        for (const item of await client.listAll<MyobInvoice>('Sale/Invoice', { filter }, op)) {
          docs.set(item.UID.toLowerCase(), remoteDocument(item));
        }
      }
      const out: RemoteDocument[] = [];
      for (const id of ids) {
        let doc = docs.get(id);
        if (!doc) {
          const one = GUID.test(id)
            ? await client.find<MyobInvoice>('Sale/Invoice/Service', id, op)
            : undefined;
          doc = one ? remoteDocument(one) : deletedDocument(id);
        }
        out.push(doc);
      }
      return out;
    },
  };
}
