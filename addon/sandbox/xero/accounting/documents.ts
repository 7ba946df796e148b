// /Invoices and /CreditNotes (xero.md §2.5-§2.7): GET with the explicit filters, paging and
// If-Modified-Since; PUT creates, POST creates or updates, in batches with summarizeErrors and unitdp.
import { json } from '../../common/http.ts';
import type { DocumentKind, StoredDocument } from '../state.ts';
import { advanceNumber, buildDocument, findActiveContactByName } from '../validation.ts';
import {
  batchElements,
  batchResponse,
  type ElementResult,
  invalidBody,
  readJson,
  summarizeErrorsParam,
  unitdpParam,
  ZERO_GUID,
} from './batch.ts';
import type { ApiCall } from './call.ts';
import { INVOICES, refusedForVolume } from './high-volume.ts';
import { byUpdatedThenId, listParam, listQuery, queryParam } from './list-query.ts';
import { envelope, highVolume, notFound, queryParseError } from './responses.ts';
import { documentJson } from './serialize.ts';
import { WhereSyntaxError } from './where.ts';

const NAMES = {
  invoice: {
    collection: 'Invoices',
    id: 'InvoiceID',
    number: 'InvoiceNumber',
    numbers: 'InvoiceNumbers',
    category: 'INVOICE',
  },
  creditnote: {
    collection: 'CreditNotes',
    id: 'CreditNoteID',
    number: 'CreditNoteNumber',
    numbers: 'CreditNoteNumbers',
    category: 'CREDITNOTE',
  },
} as const;

function docs(call: ApiCall, kind: DocumentKind): StoredDocument[] {
  return kind === 'invoice' ? call.org.invoices : call.org.creditNotes;
}

function findDoc(call: ApiCall, kind: DocumentKind, idOrNumber: string): StoredDocument | undefined {
  const lower = idOrNumber.toLowerCase();
  return (
    docs(call, kind).find((d) => d.id === lower) ??
    docs(call, kind).find((d) => d.Number.toLowerCase() === lower)
  );
}

function list(call: ApiCall, kind: DocumentKind): Response {
  const n = NAMES[kind];
  const { url, org } = call;
  const unitdp = unitdpParam(url);
  let items = docs(call, kind);
  if (
    kind === 'invoice' &&
    refusedForVolume(call, items.length, call.ctx.options.highVolumeThreshold, INVOICES)
  )
    return highVolume('Invoices');
  const ids = listParam(url, 'IDs')?.map((s) => s.toLowerCase());
  if (ids) items = items.filter((d) => ids.includes(d.id));
  const numbers = listParam(url, n.numbers)?.map((s) => s.toLowerCase());
  if (numbers) items = items.filter((d) => numbers.includes(d.Number.toLowerCase()));
  const contactIds = listParam(url, 'ContactIDs')?.map((s) => s.toLowerCase());
  if (contactIds) items = items.filter((d) => contactIds.includes(d.ContactID));
  const statuses = listParam(url, 'Statuses')?.map((s) => s.toUpperCase());
  if (statuses) items = items.filter((d) => statuses.includes(d.Status));
  if (queryParam(url, 'createdByMyApp') === 'true')
    items = items.filter((d) => d.createdBy === call.clientId);
  const term = queryParam(url, 'searchTerm')?.toLowerCase();
  if (term)
    items = items.filter(
      (d) => d.Number.toLowerCase().includes(term) || (d.Reference ?? '').toLowerCase().includes(term),
    );
  try {
    const result = listQuery(items, url, call.request, {
      updatedAt: (d) => d.updatedAt,
      view: (d) => documentJson(org, d, unitdp),
      paged: true,
      defaultOrder: byUpdatedThenId(
        (d) => d.updatedAt,
        (d) => d.id,
      ),
    });
    // "By default line items are not returned" on an unpaged list; paged or filtered-by-id lists include them.
    const withLines = result.pagination !== undefined || ids !== undefined || numbers !== undefined;
    const body = result.items.map((d) => {
      const j = documentJson(org, d, unitdp) as Record<string, unknown>;
      if (!withLines) delete j.LineItems;
      return j;
    });
    return envelope(call.ctx, call.providerName, {
      ...(result.pagination ? { pagination: result.pagination } : {}),
      [n.collection]: body,
    });
  } catch (e) {
    if (e instanceof WhereSyntaxError) return queryParseError(e.message);
    throw e;
  }
}

function rejected(
  raw: Record<string, unknown>,
  kind: DocumentKind,
  errors: string[],
  doc?: StoredDocument,
): ElementResult {
  const n = NAMES[kind];
  const { LineItems: _lines, Contact: _contact, ...rest } = raw;
  const echo: Record<string, unknown> = {};
  // Echo the simple fields the client sent, typed as Xero's schema expects them.
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' || typeof v === 'boolean') echo[k] = v;
  return {
    ok: false,
    json: {
      ...echo,
      [n.id]: ZERO_GUID,
      ...(doc
        ? {
            Type: doc.Type,
            Status: doc.Status,
            LineAmountTypes: doc.LineAmountTypes,
            SubTotal: Number(doc.SubTotal),
            TotalTax: Number(doc.TotalTax),
            Total: Number(doc.Total),
          }
        : {}),
      ...(doc?.Number ? { [n.number]: doc.Number } : {}),
      HasErrors: true,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    },
  };
}

/** Validates and stores one element; used by PUT, POST and POST /{id}. */
function writeOne(
  call: ApiCall,
  kind: DocumentKind,
  raw: Record<string, unknown>,
  allowUpdate: boolean,
  forceId?: string,
): ElementResult {
  const n = NAMES[kind];
  const { ctx, org } = call;
  let existing: StoredDocument | undefined;
  if (allowUpdate) {
    const id = forceId ?? (typeof raw[n.id] === 'string' ? (raw[n.id] as string) : undefined);
    if (id) {
      existing = findDoc(call, kind, id);
      if (!existing)
        return rejected(raw, kind, [
          `${kind === 'invoice' ? 'Invoice' : 'Credit note'} ${id} could not be found.`,
        ]);
    } else if (typeof raw[n.number] === 'string') {
      // POST matches an existing ACCREC document by its number and updates it (xero.md §4).
      existing = docs(call, kind).find(
        (d) =>
          d.Number.toLowerCase() === (raw[n.number] as string).trim().toLowerCase() &&
          d.Type === (raw.Type ?? d.Type),
      );
    }
  }
  const built = buildDocument(
    { ctx, org, kind, unitdp: unitdpParam(call.url), clientId: call.clientId, existing },
    raw,
  );
  if (built.errors.length) return rejected(raw, kind, built.errors, built.doc);
  if (built.newContact) {
    // A contact created in the same batch may already exist by now.
    const again = findActiveContactByName(org, built.newContact.Name);
    if (again) built.doc.ContactID = again.ContactID;
    else {
      org.contacts.push(built.newContact);
      ctx.webhooks.enqueue(call.tenantId, 'CONTACT', 'CREATE', built.newContact.ContactID);
    }
  }
  const data = kind === 'creditnote' ? { Type: built.doc.Type, Status: built.doc.Status } : undefined;
  if (existing) {
    Object.assign(existing, built.doc);
    ctx.webhooks.enqueue(call.tenantId, n.category, 'UPDATE', existing.id, data);
  } else {
    docs(call, kind).push(built.doc);
    advanceNumber(org, built.doc);
    ctx.webhooks.enqueue(call.tenantId, n.category, 'CREATE', built.doc.id, data);
  }
  ctx.changed();
  const stored = existing ?? built.doc;
  return {
    ok: true,
    json: {
      ...(documentJson(org, stored, unitdpParam(call.url)) as Record<string, unknown>),
      StatusAttributeString: 'OK',
    },
  };
}

async function write(call: ApiCall, kind: DocumentKind): Promise<Response> {
  const n = NAMES[kind];
  const body = await readJson(call.request, call.bodyText);
  const elements = batchElements(body, n.collection);
  if (!elements) return invalidBody(n.collection);
  const forceId = call.segments[1];
  const allowUpdate = call.method === 'POST';
  const results = elements.map((raw) => writeOne(call, kind, raw, allowUpdate, forceId));
  return batchResponse(call.ctx, call.providerName, n.collection, results, summarizeErrorsParam(call.url));
}

export async function documentsRoute(call: ApiCall, kind: DocumentKind): Promise<Response> {
  const [, id, sub] = call.segments;
  if (call.method === 'GET') {
    if (!id) return list(call, kind);
    if (sub) return notFound();
    const doc = findDoc(call, kind, id);
    if (!doc) return notFound();
    return envelope(call.ctx, call.providerName, {
      [NAMES[kind].collection]: [documentJson(call.org, doc, unitdpParam(call.url))],
    });
  }
  if (call.method === 'PUT' && !id) return write(call, kind);
  if (call.method === 'POST' && !sub) return write(call, kind);
  return json({ Message: 'The requested method is not supported' }, { status: 405 });
}
