// /Contacts (xero.md §2.4): GET with where, searchTerm, IDs, paging and includeArchived; PUT creates, POST
// creates or updates (matching ContactID, then ContactNumber, then Name). Active names are unique and
// archived contacts cannot be edited through the API.
import { json } from '../../common/http.ts';
import { newId } from '../context.ts';
import type { StoredAddress, StoredContact } from '../state.ts';
import { findActiveContactByName } from '../validation.ts';
import {
  batchElements,
  batchResponse,
  type ElementResult,
  invalidBody,
  readJson,
  summarizeErrorsParam,
  ZERO_GUID,
} from './batch.ts';
import type { ApiCall } from './call.ts';
import { CONTACTS, refusedForVolume } from './high-volume.ts';
import { byUpdatedThenId, listParam, listQuery, queryParam } from './list-query.ts';
import { envelope, highVolume, notFound, queryParseError } from './responses.ts';
import { contactJson } from './serialize.ts';
import { WhereSyntaxError } from './where.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function find(call: ApiCall, idOrNumber: string): StoredContact | undefined {
  const lower = idOrNumber.toLowerCase();
  return (
    call.org.contacts.find((c) => c.ContactID === lower) ??
    call.org.contacts.find((c) => c.ContactNumber === idOrNumber)
  );
}

function list(call: ApiCall): Response {
  const { url } = call;
  if (refusedForVolume(call, call.org.contacts.length, call.ctx.options.highVolumeThreshold, CONTACTS))
    return highVolume('Contacts');
  const ids = listParam(url, 'IDs')?.map((s) => s.toLowerCase());
  let items = call.org.contacts;
  if (ids) items = items.filter((c) => ids.includes(c.ContactID));
  else if (queryParam(url, 'includeArchived') !== 'true')
    items = items.filter((c) => c.ContactStatus !== 'ARCHIVED');
  // OAS: "case-insensitive text search across the Name, FirstName, LastName, ContactNumber and EmailAddress".
  const term = queryParam(url, 'searchTerm')?.toLowerCase();
  if (term) {
    items = items.filter((c) =>
      [c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress].some((f) =>
        f?.toLowerCase().includes(term),
      ),
    );
  }
  try {
    const result = listQuery(items, url, call.request, {
      updatedAt: (c) => c.updatedAt,
      view: contactJson,
      paged: true,
      defaultOrder: byUpdatedThenId(
        (c) => c.updatedAt,
        (c) => c.ContactID,
      ),
    });
    return envelope(call.ctx, call.providerName, {
      ...(result.pagination ? { pagination: result.pagination } : {}),
      Contacts: result.items.map(contactJson),
    });
  } catch (e) {
    if (e instanceof WhereSyntaxError) return queryParseError(e.message);
    throw e;
  }
}

function addresses(raw: unknown): StoredAddress[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw
    .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    .map((a) => {
      const out: StoredAddress = { AddressType: a.AddressType === 'STREET' ? 'STREET' : 'POBOX' };
      for (const k of [
        'AddressLine1',
        'AddressLine2',
        'City',
        'Region',
        'PostalCode',
        'Country',
        'AttentionTo',
      ] as const) {
        if (typeof a[k] === 'string') out[k] = a[k] as string;
      }
      return out;
    });
}

function phones(raw: unknown): StoredContact['Phones'] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw
    .filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null)
    .map((p) => ({
      PhoneType: ['DEFAULT', 'DDI', 'MOBILE', 'FAX', 'OFFICE'].includes(String(p.PhoneType))
        ? String(p.PhoneType)
        : 'DEFAULT',
      ...(str(p.PhoneNumber) ? { PhoneNumber: str(p.PhoneNumber)! } : {}),
      ...(str(p.PhoneAreaCode) ? { PhoneAreaCode: str(p.PhoneAreaCode)! } : {}),
      ...(str(p.PhoneCountryCode) ? { PhoneCountryCode: str(p.PhoneCountryCode)! } : {}),
    }));
}

function rejected(raw: Record<string, unknown>, errors: string[]): ElementResult {
  const echo: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'boolean') echo[k] = v;
  return {
    ok: false,
    json: {
      ...echo,
      ContactID: ZERO_GUID,
      HasValidationErrors: true,
      StatusAttributeString: 'ERROR',
      ValidationErrors: errors.map((Message) => ({ Message })),
    },
  };
}

function writeOne(
  call: ApiCall,
  raw: Record<string, unknown>,
  allowUpdate: boolean,
  forceId?: string,
): ElementResult {
  const { ctx, org } = call;
  const name = str(raw.Name)?.trim();
  const number = str(raw.ContactNumber)?.trim();
  let existing: StoredContact | undefined;
  const id = forceId ?? str(raw.ContactID);
  if (id) {
    existing = find(call, id);
    if (!existing) return rejected(raw, [`The contact with ContactID '${id}' could not be found.`]);
  } else if (allowUpdate) {
    existing =
      (number
        ? org.contacts.find((c) => c.ContactNumber === number && c.ContactStatus === 'ACTIVE')
        : undefined) ??
      (name ? findActiveContactByName(org, name) : undefined) ??
      (name
        ? org.contacts.find(
            (c) => c.ContactStatus === 'ARCHIVED' && c.Name.toLowerCase() === name.toLowerCase(),
          )
        : undefined);
  }
  const errors: string[] = [];
  if (existing?.ContactStatus === 'ARCHIVED' && raw.ContactStatus !== 'ACTIVE') {
    errors.push(
      'The specified contact details matched an archived contact. Archived contacts cannot currently be edited via the API.',
    );
  }
  if (!existing && !name) errors.push('Contact Name cannot be empty');
  if (name) {
    const clash = findActiveContactByName(org, name);
    if (clash && clash.ContactID !== existing?.ContactID) {
      errors.push(
        `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
      );
    }
  }
  const email = str(raw.EmailAddress);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push('Email address must be valid.');
  if (errors.length) return rejected(raw, errors);

  const now = ctx.clock.now();
  const patch: Partial<StoredContact> = { updatedAt: now };
  if (name) patch.Name = name;
  if (number !== undefined) patch.ContactNumber = number;
  for (const k of ['AccountNumber', 'FirstName', 'LastName', 'EmailAddress', 'TaxNumber'] as const) {
    const v = str(raw[k]);
    if (v !== undefined) patch[k] = v;
  }
  if (raw.ContactStatus === 'ACTIVE' || raw.ContactStatus === 'ARCHIVED')
    patch.ContactStatus = raw.ContactStatus;
  const addr = addresses(raw.Addresses);
  if (addr) patch.Addresses = addr;
  const ph = phones(raw.Phones);
  if (ph) patch.Phones = ph;

  let stored: StoredContact;
  if (existing) {
    Object.assign(existing, patch);
    stored = existing;
    ctx.webhooks.enqueue(call.tenantId, 'CONTACT', 'UPDATE', stored.ContactID);
  } else {
    stored = {
      ContactID: newId(ctx),
      ContactStatus: 'ACTIVE',
      Name: name!,
      Addresses: [],
      Phones: [],
      IsCustomer: false,
      IsSupplier: false,
      createdAt: now,
      ...patch,
      updatedAt: now,
    };
    org.contacts.push(stored);
    ctx.webhooks.enqueue(call.tenantId, 'CONTACT', 'CREATE', stored.ContactID);
  }
  ctx.changed();
  return { ok: true, json: { ...contactJson(stored), StatusAttributeString: 'OK' } };
}

export async function contactsRoute(call: ApiCall): Promise<Response> {
  const [, id, sub] = call.segments;
  if (call.method === 'GET') {
    if (!id) return list(call);
    const c = sub ? undefined : find(call, id);
    return c ? envelope(call.ctx, call.providerName, { Contacts: [contactJson(c)] }) : notFound();
  }
  if ((call.method === 'PUT' && !id) || (call.method === 'POST' && !sub)) {
    const elements = batchElements(await readJson(call.request, call.bodyText), 'Contacts');
    if (!elements) return invalidBody('Contacts');
    const results = elements.map((raw) => writeOne(call, raw, call.method === 'POST', id));
    return batchResponse(call.ctx, call.providerName, 'Contacts', results, summarizeErrorsParam(call.url));
  }
  return json({ Message: 'The requested method is not supported' }, { status: 405 });
}
