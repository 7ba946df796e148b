// What the sandbox holds, for tests, benchmarks and the admin pages: summaries per organisation, calls per
// tenant, and duplicates (two invoices with one number, two active contacts with one name, or one contact
// with two invoices carrying the same reference and total — the trace of a retried push).
import { centsString, parseCents } from '../common/decimal.ts';
import type { XeroContext } from './context.ts';
import type { OrgState, XeroState } from './state.ts';

export interface OrganisationSummary {
  tenantId: string;
  name: string;
  country: string;
  currency: string;
  contacts: number;
  invoices: number;
  invoicesTotal: string;
  invoicesDue: string;
  creditNotes: number;
  creditNotesTotal: string;
  payments: number;
  paymentsTotal: string;
}

export interface DuplicateReport {
  invoiceNumbers: { tenantId: string; number: string; invoiceIds: string[] }[];
  contactNames: { tenantId: string; name: string; contactIds: string[] }[];
  sameReferenceAndTotal: {
    tenantId: string;
    contactId: string;
    reference: string;
    total: string;
    invoiceIds: string[];
  }[];
}

function sum(values: string[]): string {
  return centsString(values.reduce((acc, v) => acc + parseCents(v), 0n));
}

export function summarise(org: OrgState): OrganisationSummary {
  const live = (s: string) => s !== 'DELETED' && s !== 'VOIDED';
  const invoices = org.invoices.filter((d) => live(d.Status));
  const credits = org.creditNotes.filter((d) => live(d.Status));
  const payments = org.payments.filter((p) => p.Status === 'AUTHORISED');
  return {
    tenantId: org.profile.OrganisationID,
    name: org.profile.Name,
    country: org.profile.CountryCode,
    currency: org.profile.BaseCurrency,
    contacts: org.contacts.length,
    invoices: org.invoices.length,
    invoicesTotal: sum(invoices.map((d) => d.Total)),
    invoicesDue: centsString(
      invoices.reduce(
        (a, d) => a + parseCents(d.Total) - parseCents(d.AmountPaid) - parseCents(d.AmountCredited),
        0n,
      ),
    ),
    creditNotes: org.creditNotes.length,
    creditNotesTotal: sum(credits.map((d) => d.Total)),
    payments: payments.length,
    paymentsTotal: sum(payments.map((p) => p.Amount)),
  };
}

function groups<T>(items: T[], key: (t: T) => string | undefined): T[][] {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return [...map.values()].filter((g) => g.length > 1);
}

export function duplicates(state: XeroState): DuplicateReport {
  const report: DuplicateReport = { invoiceNumbers: [], contactNames: [], sameReferenceAndTotal: [] };
  for (const [tenantId, org] of Object.entries(state.orgs)) {
    const live = org.invoices.filter(
      (d) => d.Status !== 'DELETED' && d.Status !== 'VOIDED' && d.Type === 'ACCREC',
    );
    for (const g of groups(live, (d) => d.Number.toLowerCase() || undefined)) {
      report.invoiceNumbers.push({ tenantId, number: g[0]!.Number, invoiceIds: g.map((d) => d.id) });
    }
    for (const g of groups(
      org.contacts.filter((c) => c.ContactStatus === 'ACTIVE'),
      (c) => c.Name.trim().toLowerCase(),
    )) {
      report.contactNames.push({ tenantId, name: g[0]!.Name, contactIds: g.map((c) => c.ContactID) });
    }
    for (const g of groups(live, (d) =>
      d.Reference ? `${d.ContactID}|${d.Reference}|${d.Total}` : undefined,
    )) {
      report.sameReferenceAndTotal.push({
        tenantId,
        contactId: g[0]!.ContactID,
        reference: g[0]!.Reference!,
        total: g[0]!.Total,
        invoiceIds: g.map((d) => d.id),
      });
    }
  }
  return report;
}

/** The state as JSON for /inspect/state, without the signing key. */
export function publicState(ctx: XeroContext): XeroState {
  const copy = structuredClone(ctx.state);
  delete copy.identity.signingKey;
  return copy;
}
