// The web app's only way to the server. Types come from the shared contract (type-only imports, so no
// server code reaches the browser bundle); every failure becomes an ApiError the pages can show.
import type { z } from 'zod';
import type { BillingStatement, BillingStatus, BillingUsage } from '../../addon/contract/billing.ts';
import type { CheckedConnection, ConnectionStatus, Organisation } from '../../addon/contract/connections.ts';
import type { ExportRecord, ExportSelection } from '../../addon/contract/exports.ts';
import type { Invoice, InvoiceListQuery, InvoicePage } from '../../addon/contract/invoices.ts';
import type {
  AvailableInvoice,
  Batch,
  BatchItem,
  BatchSummary,
  InterfaceOptionsInput,
  Mapping,
  MappingInput,
  Preview,
  PreviewInvoice,
  Problem,
  ReferenceData,
  UnmappedCombination,
} from '../../addon/contract/link.ts';
import type {
  AccountsInterface,
  CodedItem,
  CreateInterface,
  CreateInvoiceSetting,
  CreateOffice,
  CreateTaxClass,
  InvoiceSetting,
  Office,
  TaxClass,
  UpdateInterface,
  UpdateTaxClass,
} from '../../addon/contract/organisation.ts';
import type {
  ApiKey,
  ApiKeyCreated,
  Invitation,
  InvitationCreated,
  InvitationPreview,
  Me,
  Member,
  SignInOptions,
} from '../../addon/contract/team.ts';

export type {
  AccountsInterface,
  AvailableInvoice,
  Batch,
  BatchItem,
  BatchSummary,
  BillingStatement,
  BillingStatus,
  BillingUsage,
  CheckedConnection,
  CodedItem,
  ConnectionStatus,
  ExportRecord,
  ExportSelection,
  Invoice,
  InvoiceSetting,
  Mapping,
  MappingInput,
  Office,
  Organisation,
  Preview,
  PreviewInvoice,
  Problem,
  ReferenceData,
  TaxClass,
  UnmappedCombination,
};
export type InterfaceOptions = InterfaceOptionsInput;
export type MeData = z.infer<typeof Me>;
export type Role = MeData['role'];
export type MemberData = z.infer<typeof Member>;
export type InvitationData = z.infer<typeof Invitation>;
export type InvitationCreatedData = z.infer<typeof InvitationCreated>;
export type InvitationPreviewData = z.infer<typeof InvitationPreview>;
export type ApiKeyData = z.infer<typeof ApiKey>;
export type ApiKeyCreatedData = z.infer<typeof ApiKeyCreated>;
export type SignInOptionsData = z.infer<typeof SignInOptions>;
/** An accounting package the API offers (from GET /api/providers). */
export interface Provider {
  id: string;
  displayName: string;
  kind: 'api' | 'file';
  auth: 'oauth2' | 'none';
  capabilities: string[];
  /** not_configured: this server has no credentials for it; it cannot be connected. */
  availability: 'live' | 'sandbox' | 'not_configured';
  file?: {
    settings: FileSetting[];
    defaultBaseCurrency: string;
    currencyColumn: boolean;
    usesItems: boolean;
    encoding: string;
    spreadsheet: boolean;
    uncertain: string[];
  };
}
/** One export setting of an import-file package, in the package's own words. */
export interface FileSetting {
  key: string;
  label: string;
  help: string | null;
  default: string | null;
  required: boolean;
  oneOf: string[] | null;
}
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
}
export interface AvailableFilters {
  officeId?: string;
  from?: string;
  to?: string;
}
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
    get: (id: string) => request<AccountsInterface>('GET', `/api/interfaces/${encodeURIComponent(id)}`),
    options: (id: string) =>
      request<InterfaceOptions>('GET', `/api/interfaces/${encodeURIComponent(id)}/options`),
    loadCodeList: (id: string, kind: 'accounts' | 'taxRates', text: string) =>
      request<{ accounts: number; taxRates: number; tracking: number }>(
        'POST',
        `/api/interfaces/${encodeURIComponent(id)}/reference/import`,
        { kind, text },
      ),
    saveOptions: (id: string, options: InterfaceOptions) =>
      request<InterfaceOptions>('PUT', `/api/interfaces/${encodeURIComponent(id)}/options`, options),
    /** By default what the mapping screen may offer; `all` adds archived and non-revenue codes. */
    reference: (id: string, all = false) =>
      request<ReferenceData>(
        'GET',
        withQuery(`/api/interfaces/${encodeURIComponent(id)}/reference`, { all: all ? 'true' : undefined }),
      ),
    refreshReference: (id: string) =>
      request<{ accounts: number; taxRates: number; tracking: number }>(
        'POST',
        `/api/interfaces/${encodeURIComponent(id)}/reference/refresh`,
      ),
    mappings: (id: string) => request<Mapping[]>('GET', `/api/interfaces/${encodeURIComponent(id)}/mappings`),
    saveMappings: (id: string, mappings: MappingInput[]) =>
      request<Mapping[]>('PUT', `/api/interfaces/${encodeURIComponent(id)}/mappings`, { mappings }),
    unmapped: (id: string) =>
      request<UnmappedCombination[]>('GET', `/api/interfaces/${encodeURIComponent(id)}/mappings/unmapped`),
    connection: (id: string) =>
      request<ConnectionStatus>('GET', `/api/interfaces/${encodeURIComponent(id)}/connection`),
    payments: (id: string) =>
      request<{ changed: number; checkedAt: string | null }>(
        'GET',
        `/api/interfaces/${encodeURIComponent(id)}/payments`,
      ),
    checkPayments: (id: string) =>
      request<{ changed: number; checkedAt: string | null }>(
        'POST',
        `/api/interfaces/${encodeURIComponent(id)}/payments/check`,
      ),
    /** Asks the platform now (one cheap call) whether the connection still works. */
    checkConnection: (id: string) =>
      request<CheckedConnection>('POST', `/api/interfaces/${encodeURIComponent(id)}/connection/check`),
    /** Where to send the browser to connect (or reconnect). */
    connectUrl: (id: string, changeOrganisation = false) =>
      request<{ authorizeUrl: string }>('POST', `/api/interfaces/${encodeURIComponent(id)}/connect`, {
        changeOrganisation,
      }),
    disconnect: (id: string) =>
      request<ConnectionStatus>('POST', `/api/interfaces/${encodeURIComponent(id)}/disconnect`),
    organisations: (id: string) =>
      request<{ organisations: Organisation[] }>(
        'GET',
        `/api/interfaces/${encodeURIComponent(id)}/organisations`,
      ),
    chooseOrganisation: (id: string, tenantId: string) =>
      request<unknown>('POST', `/api/interfaces/${encodeURIComponent(id)}/organisation`, { tenantId }),
    create: (input: z.input<typeof CreateInterface>) =>
      request<AccountsInterface>('POST', '/api/interfaces', input),
    rename: (id: string, input: z.input<typeof UpdateInterface>) =>
      request<AccountsInterface>('PATCH', `/api/interfaces/${encodeURIComponent(id)}`, input),
  },
  taxClasses: {
    list: () => request<TaxClass[]>('GET', '/api/tax-classes'),
    create: (input: z.input<typeof CreateTaxClass>) => request<TaxClass>('POST', '/api/tax-classes', input),
    update: (id: string, input: z.input<typeof UpdateTaxClass>) =>
      request<TaxClass>('PATCH', `/api/tax-classes/${encodeURIComponent(id)}`, input),
  },
  departments: { list: () => request<CodedItem[]>('GET', '/api/departments') },
  jobTypes: { list: () => request<CodedItem[]>('GET', '/api/job-types') },
  tasks: { list: () => request<CodedItem[]>('GET', '/api/tasks') },
  /** Every accounting package, with its name and whether it connects (api) or writes files (file). */
  providerList: () => request<Provider[]>('GET', '/api/providers'),
  health: () => request<{ mode: 'demo' | 'sandbox' | 'production' }>('GET', '/api/health'),
  batches: {
    available: (interfaceId: string, filters: AvailableFilters = {}) =>
      request<AvailableInvoice[]>('GET', withQuery('/api/batches/available', { interfaceId, ...filters })),
    list: () => request<BatchSummary[]>('GET', '/api/batches'),
    create: (input: { interfaceId: string; invoiceIds: string[] }) =>
      request<Batch>('POST', '/api/batches', input),
    get: (id: string) => request<Batch>('GET', `/api/batches/${encodeURIComponent(id)}`),
    remove: (id: string) => request<void>('DELETE', `/api/batches/${encodeURIComponent(id)}`),
    preview: (id: string) => request<Preview>('POST', `/api/batches/${encodeURIComponent(id)}/preview`),
    upload: (id: string) => request<Batch>('POST', `/api/batches/${encodeURIComponent(id)}/upload`),
    retry: (id: string) => request<Batch>('POST', `/api/batches/${encodeURIComponent(id)}/retry`),
    skip: (id: string, invoiceId: string) =>
      request<Batch>('POST', `/api/batches/${encodeURIComponent(id)}/skip`, { invoiceId }),
  },
  parking: {
    park: (invoiceId: string) =>
      request<{ invoiceId: string; number: string; parked: boolean }>(
        'POST',
        `/api/invoices/${encodeURIComponent(invoiceId)}/park`,
      ),
    unpark: (invoiceId: string) =>
      request<{ invoiceId: string; number: string; parked: boolean }>(
        'POST',
        `/api/invoices/${encodeURIComponent(invoiceId)}/unpark`,
      ),
  },
  exports: {
    list: (interfaceId?: string) =>
      request<ExportRecord[]>('GET', withQuery('/api/exports', { interfaceId })),
    preview: (selection: ExportSelection) => request<Preview>('POST', '/api/exports/preview', selection),
    create: (selection: ExportSelection) => request<ExportRecord>('POST', '/api/exports', selection),
    confirm: (id: string) => request<ExportRecord>('POST', `/api/exports/${encodeURIComponent(id)}/confirm`),
  },
  billing: {
    status: () => request<BillingStatus>('GET', '/api/billing/status'),
    usage: () => request<BillingUsage>('GET', '/api/billing/usage'),
    statement: (month?: string) =>
      request<BillingStatement>('GET', withQuery('/api/billing/statement', { month })),
    statementCsvUrl: (month?: string) => withQuery('/api/billing/statement.csv', { month }),
    checkout: (currency: 'AUD' | 'NZD') =>
      request<{ url: string }>('POST', '/api/billing/checkout', { currency }),
    portal: () => request<{ url: string }>('POST', '/api/billing/portal'),
  },
  me: () => request<MeData>('GET', '/api/me'),
  auth: {
    options: () => request<SignInOptionsData>('GET', '/api/auth/options'),
    invitation: (token: string) =>
      request<InvitationPreviewData>('GET', `/api/auth/invitations/${encodeURIComponent(token)}`),
    /** Where the browser goes to sign in with a provider (optionally accepting an invitation). */
    signInUrl: (providerId: string, invitation?: string) =>
      withQuery(`/api/auth/sign-in/${encodeURIComponent(providerId)}`, { invitation }),
    signOut: () => request<void>('POST', '/api/auth/sign-out'),
  },
  team: {
    users: () => request<MemberData[]>('GET', '/api/users'),
    setRole: (id: string, role: Role) =>
      request<MemberData>('PATCH', `/api/users/${encodeURIComponent(id)}`, { role }),
    remove: (id: string) => request<void>('DELETE', `/api/users/${encodeURIComponent(id)}`),
    signOutEverywhere: (id: string) =>
      request<{ sessionsEnded: number }>('POST', `/api/users/${encodeURIComponent(id)}/sign-out-everywhere`),
    invitations: () => request<InvitationData[]>('GET', '/api/invitations'),
    invite: (email: string, role: Role) =>
      request<InvitationCreatedData>('POST', '/api/invitations', { email, role }),
    withdraw: (id: string) => request<void>('DELETE', `/api/invitations/${encodeURIComponent(id)}`),
    apiKeys: () => request<ApiKeyData[]>('GET', '/api/api-keys'),
    createApiKey: (name: string, role: Role) =>
      request<ApiKeyCreatedData>('POST', '/api/api-keys', { name, role }),
    revokeApiKey: (id: string) => request<void>('DELETE', `/api/api-keys/${encodeURIComponent(id)}`),
  },
  audit: {
    list: (filters: { entity?: string; limit?: number; before?: string } = {}) =>
      request<AuditEntry[]>('GET', withQuery('/api/audit-log', { ...filters })),
  },
};
