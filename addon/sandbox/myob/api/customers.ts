// Contact/Customer (myob.md §3.5): list, read, create, update. POST always creates, even when a customer
// of that name exists ("another record for the customer will be added"); PUT needs the current RowVersion.
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import { ApiError, invalidTaxCode, type MyobErrorItem, required, validation } from '../errors.ts';
import { centsToJson } from '../money-json.ts';
import type { AddressRecord, CompanyFileRecord, CustomerRecord } from '../types.ts';
import { type Refs, refs } from './refs.ts';
import {
  type ApiRequest,
  bool,
  created,
  findOr404,
  isoSeconds,
  list,
  methodNotAllowed,
  obj,
  refUid,
  str,
  updated,
} from './request.ts';
import { checkPutIdentity, rejectIdentifiersOnPost } from './write-rules.ts';

/** Field limits from MYOB's customer page (myob.md §3.5). */
const LIMITS = { CompanyName: 50, LastName: 30, FirstName: 20, DisplayID: 15, Notes: 255, Street: 255 };
const UNUSABLE_ON_SALES = new Set(['ImportDuty', 'InputTaxed']);

function balance(file: CompanyFileRecord, uid: string): bigint {
  return file.invoices
    .filter((i) => i.customerUid === uid)
    .reduce((sum, i) => sum + i.totalAmount - i.paid, 0n);
}

export function customerView(c: CustomerRecord, file: CompanyFileRecord, r: Refs, base: string) {
  return {
    UID: c.uid,
    CompanyName: c.isIndividual ? null : c.companyName,
    LastName: c.isIndividual ? c.lastName : null,
    FirstName: c.isIndividual ? c.firstName : null,
    IsIndividual: c.isIndividual,
    DisplayID: c.displayId,
    IsActive: c.isActive,
    Addresses: c.addresses.map((a) => ({
      Location: a.location,
      Street: a.street,
      City: a.city,
      State: a.state,
      PostCode: a.postCode,
      Country: a.country,
      Phone1: a.phone1,
      Email: a.email,
      ContactName: a.contactName,
    })),
    Notes: c.notes,
    CurrentBalance: centsToJson(balance(file, c.uid)),
    SellingDetails: {
      SaleLayout: 'Service',
      InvoiceDelivery: 'Print',
      TaxCode: r.taxCode(c.taxCodeUid),
      FreightTaxCode: r.taxCode(c.freightTaxCodeUid),
      UseCustomerTaxCode: false,
      Terms: { PaymentIsDue: 'InAGivenNumberOfDays', BalanceDueDate: 30 },
    },
    LastModified: isoSeconds(c.lastModified),
    URI: `${base}/Contact/Customer/${c.uid}`,
    RowVersion: c.rowVersion,
  };
}

function tooLong(errors: MyobErrorItem[], field: keyof typeof LIMITS, value: string) {
  if (value.length > LIMITS[field]) {
    errors.push(validation(`${field} must be ${LIMITS[field]} characters or fewer`, field));
  }
}

function parseAddresses(errors: MyobErrorItem[], value: unknown): AddressRecord[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(validation('Addresses must be a list', 'Addresses'));
    return [];
  }
  if (value.length > 5) errors.push(validation('A contact can have at most five addresses', 'Addresses'));
  return value.slice(0, 5).map((raw, i) => {
    const a = obj(raw) ?? {};
    const text = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
    const street = text('Street');
    tooLong(errors, 'Street', street);
    return {
      location: typeof a.Location === 'number' ? a.Location : i + 1,
      street,
      city: text('City'),
      state: text('State'),
      postCode: text('PostCode'),
      country: text('Country'),
      phone1: text('Phone1'),
      email: text('Email'),
      contactName: text('ContactName'),
    };
  });
}

/** Validates a POST/PUT body into the fields a customer record holds. */
function parseCustomer(req: ApiRequest, body: Record<string, unknown>, selfUid: string | null) {
  const errors: MyobErrorItem[] = [];
  const isIndividual = bool(body, 'IsIndividual') ?? false;
  const companyName = str(body, 'CompanyName')?.trim() ?? '';
  const firstName = str(body, 'FirstName')?.trim() ?? '';
  const lastName = str(body, 'LastName')?.trim() ?? '';
  // CompanyName is "ONLY required when IsIndividual set to false" (myob.md §3.5).
  if (!isIndividual && !companyName) errors.push(required('CompanyName'));
  if (isIndividual && !lastName) errors.push(required('LastName'));
  tooLong(errors, 'CompanyName', companyName);
  tooLong(errors, 'FirstName', firstName);
  tooLong(errors, 'LastName', lastName);
  const displayId = str(body, 'DisplayID')?.trim() || '*None';
  tooLong(errors, 'DisplayID', displayId);
  // Card IDs other than *None are unique in a file (sandbox choice; "a unique customer contact identifier").
  if (
    displayId !== '*None' &&
    req.file.customers.some((c) => c.displayId === displayId && c.uid !== selfUid)
  ) {
    errors.push(validation(`DisplayID ${displayId} is already in use`, 'DisplayID'));
  }
  const notes = str(body, 'Notes') ?? '';
  tooLong(errors, 'Notes', notes);
  const addresses = parseAddresses(errors, body.Addresses);
  // Connectors report SellingDetails.TaxCode and FreightTaxCode as required on create (myob.md §3.5).
  const selling = obj(body.SellingDetails) ?? {};
  const taxCode = (field: 'TaxCode' | 'FreightTaxCode') => {
    const uid = refUid(selling[field]);
    if (!uid) {
      errors.push(required(`SellingDetails.${field}`));
      return '';
    }
    const code = req.file.taxCodes.find((t) => t.uid === uid);
    if (!code) errors.push(validation(`SellingDetails.${field} was not found`, `SellingDetails.${field}`));
    else if (UNUSABLE_ON_SALES.has(code.type)) errors.push(invalidTaxCode(`SellingDetails.${field}`));
    return uid;
  };
  const taxCodeUid = taxCode('TaxCode');
  const freightTaxCodeUid = taxCode('FreightTaxCode');
  if (errors.length) throw new ApiError(400, errors);
  return {
    isIndividual,
    companyName: isIndividual ? '' : companyName,
    firstName: isIndividual ? firstName : '',
    lastName: isIndividual ? lastName : '',
    displayId,
    isActive: bool(body, 'IsActive') ?? true,
    notes,
    addresses,
    taxCodeUid,
    freightTaxCodeUid,
  };
}

export async function customersResource(req: ApiRequest): Promise<Response> {
  const base = fileBase(req.ctx, req.file.id);
  const r = refs(req.file, base);
  const view = (c: CustomerRecord) => customerView(c, req.file, r, base);
  const [uid] = req.rest;
  if (req.method === 'GET' && uid) return json(view(findOr404(req.file.customers, uid, 'Customer')));
  if (req.method === 'GET' && !uid) return list(req, req.file.customers.map(view));
  if (req.method === 'POST' && !uid) {
    const body = await req.body();
    rejectIdentifiersOnPost(body);
    const customer: CustomerRecord = {
      uid: req.ctx.state.uid(),
      ...parseCustomer(req, body, null),
      rowVersion: req.ctx.state.rowVersion(),
      lastModified: req.ctx.clock.now(),
    };
    req.file.customers.push(customer);
    req.ctx.state.changed();
    return created(req, customer.uid, () => view(customer));
  }
  if (req.method === 'PUT' && uid) {
    const customer = findOr404(req.file.customers, uid, 'Customer');
    const body = await req.body();
    checkPutIdentity(body, customer.uid, customer.rowVersion);
    Object.assign(customer, parseCustomer(req, body, customer.uid), {
      rowVersion: req.ctx.state.rowVersion(),
      lastModified: req.ctx.clock.now(),
    });
    req.ctx.state.changed();
    return updated(req, () => view(customer));
  }
  return methodNotAllowed(req);
}
