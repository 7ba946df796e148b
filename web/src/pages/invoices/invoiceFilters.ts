// The invoice list's filters live in the address (?office=…&status=…), so a filtered list can be
// bookmarked, shared, and returned to from an invoice.
import type { InvoiceFilters, InvoiceSummary } from '../../api.ts';

export type InvoiceStatus = InvoiceSummary['status'];

/** Every status the API knows, with its label; typed by the contract so a new status must be added. */
export const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: 'Draft', committed: 'Committed' };

const PARAMS = { officeId: 'office', status: 'status', from: 'from', to: 'to', q: 'number' } as const;

export function filtersFromParams(params: URLSearchParams): InvoiceFilters {
  const status = params.get(PARAMS.status);
  return {
    officeId: params.get(PARAMS.officeId) || undefined,
    status: status && status in STATUS_LABELS ? (status as InvoiceStatus) : undefined,
    from: params.get(PARAMS.from) || undefined,
    to: params.get(PARAMS.to) || undefined,
    q: params.get(PARAMS.q) || undefined,
  };
}

export function paramsFromFilters(filters: InvoiceFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAMS)) {
    const value = filters[key as keyof typeof PARAMS];
    if (value) params.set(name, value.trim());
  }
  return params;
}
