// The web app's only way to the server. Types come from the shared contract (type-only imports, so no
// server code reaches the browser bundle); every failure becomes an ApiError the pages can show.
import type { z } from 'zod';
import type { Invoice, InvoiceListQuery, InvoicePage } from '../../addon/contract/invoices.ts';
import type {
  AccountsInterface,
  CreateInterface,
  CreateInvoiceSetting,
  CreateOffice,
  InvoiceSetting,
  Office,
  TaxClass,
  UpdateInterface,
} from '../../addon/contract/organisation.ts';

export type { AccountsInterface, Invoice, InvoiceSetting, Office, TaxClass };
export type InvoicePageData = z.infer<typeof InvoicePage>;
export type InvoiceSummary = InvoicePageData['items'][number];
export type InvoiceFilters = Omit<z.input<typeof InvoiceListQuery>, 'cursor' | 'limit'>;
export type ProviderId = AccountsInterface['provider'];

/** The API's error envelope `{ error: { code, message, fields } }`, as an Error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field name -> what is wrong with it, for showing next to the field. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw toApiError(undefined);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const envelope = (
    payload as { error?: { code?: string; message?: string; fields?: Record<string, string> } }
  )?.error;
  throw new ApiError(
    response.status,
    envelope?.code ?? 'unexpected_response',
    envelope?.message ?? `The server answered with an unexpected response (HTTP ${response.status}).`,
    envelope?.fields,
  );
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const api = {
  invoices: {
    list: (filters: InvoiceFilters, cursor?: string, limit = 50) =>
      request<InvoicePageData>('GET', withQuery('/api/invoices', { ...filters, cursor, limit })),
    get: (id: string) => request<Invoice>('GET', `/api/invoices/${encodeURIComponent(id)}`),
  },
  offices: {
    list: () => request<Office[]>('GET', '/api/offices'),
    create: (input: z.input<typeof CreateOffice>) => request<Office>('POST', '/api/offices', input),
    /** `null` unlinks. */
    linkInvoiceSetting: (officeId: string, invoiceSettingId: string | null) =>
      request<Office>('PUT', `/api/offices/${encodeURIComponent(officeId)}/invoice-setting`, {
        invoiceSettingId,
      }),
  },
  invoiceSettings: {
    list: () => request<InvoiceSetting[]>('GET', '/api/invoice-settings'),
    create: (input: z.input<typeof CreateInvoiceSetting>) =>
      request<InvoiceSetting>('POST', '/api/invoice-settings', input),
    /** `null` unlinks. */
    linkInterface: (settingId: string, interfaceId: string | null) =>
      request<InvoiceSetting>('PUT', `/api/invoice-settings/${encodeURIComponent(settingId)}/interface`, {
        interfaceId,
      }),
  },
  interfaces: {
    list: () => request<AccountsInterface[]>('GET', '/api/interfaces'),
    create: (input: z.input<typeof CreateInterface>) =>
      request<AccountsInterface>('POST', '/api/interfaces', input),
    rename: (id: string, input: z.input<typeof UpdateInterface>) =>
      request<AccountsInterface>('PATCH', `/api/interfaces/${encodeURIComponent(id)}`, input),
  },
  taxClasses: {
    list: () => request<TaxClass[]>('GET', '/api/tax-classes'),
  },
  /**
   * The providers an interface can be created for. The API has no providers endpoint, so they come from
   * the CreateInterface request schema in the OpenAPI document: the server's registry stays the one list.
   */
  providers: async (): Promise<ProviderId[]> => {
    const doc = await request<OpenApiDocument>('GET', '/api/openapi.json');
    const schema = doc.paths?.['/api/interfaces']?.post?.requestBody?.content?.['application/json']?.schema;
    const values = schema?.properties?.provider?.enum;
    return Array.isArray(values) ? values.filter((v): v is ProviderId => typeof v === 'string') : [];
  },
};

/** Just the part of the OpenAPI document the providers list reads. */
interface OpenApiDocument {
  paths?: Record<
    string,
    {
      post?: {
        requestBody?: {
          content?: Record<string, { schema?: { properties?: Record<string, { enum?: unknown[] }> } }>;
        };
      };
    }
  >;
}
