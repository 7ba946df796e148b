// The only file that imports xero-node (DESIGN.md §5). A typed adapter over its positional methods
// (xero.md §7.5 item 8: optionals shift between versions), one XeroClient per call (item 4: one mutable
// token set per client), the base path from the runtime (demo mode points it at the mounted sandbox),
// every call through the tenant's RateGovernor (xero.md §3), and every rejection parsed and classified
// (item 1: it rejects with a JSON string). Bodies go out as Xero's wire JSON and come back as the raw
// response JSON (axios `response.data`), not the SDK's models (items 2-3: `_class`, Date objects).
import { ObjectSerializer, XeroClient } from 'xero-node';
import type { Clock } from '../clock.ts';
import type { ConnectorError } from '../errors.ts';
import { RateGovernor } from '../governor.ts';
import {
  classifyXeroFailure,
  lowerHeaders,
  PROVIDER,
  parseXeroRejection,
  retryAfterSeconds,
  type XeroFailure,
} from './errors.ts';
import { type ScopeNeed, xeroPlatform, xeroScopeNeeds } from './manifest.ts';
import type {
  XeroAccountWire,
  XeroContactWire,
  XeroDocumentRequest,
  XeroDocumentWire,
  XeroTaxRateWire,
  XeroTrackingCategoryWire,
  XeroTrackingOptionWire,
} from './mappers.ts';

/** Xero documents no server-side timeout; past this a call counts as failed (uncertain for a write). */
export const REQUEST_TIMEOUT_MS = 100_000;
const DAY_MS = 86_400_000;

/** Per organisation: 60 a minute, 5 in flight, 5,000 a day (xero.md §3, manifest limits). */
export function xeroGovernor(clock: Clock): RateGovernor {
  const { perMinute, perDay, concurrent } = xeroPlatform.limits;
  return new RateGovernor(clock, {
    windows: [
      { limit: perMinute, windowMs: 60_000 },
      { limit: perDay, windowMs: DAY_MS },
    ],
    concurrency: concurrent,
  });
}

export interface XeroEnvelope {
  DateTimeUTC?: string;
  pagination?: { page?: number; pageSize?: number; pageCount?: number; itemCount?: number };
}

export interface XeroResult<T> {
  body: T & XeroEnvelope;
  headers: Record<string, string>;
}

export interface XeroCallTarget {
  tenantId: string;
  accessToken(): Promise<string>;
  /** `rt.baseUrls.api` (https://api.xero.com, or the sandbox's mounted URL). */
  apiBaseUrl: string;
  clock: Clock;
  governor: RateGovernor;
  /**
   * Gets a new access token now (single-flight). Called once when Xero answers 401 for the token itself
   * (TokenExpired); never for a missing scope, which a new token would not cure.
   */
  refreshAccessToken?: (() => Promise<string>) | undefined;
  /** REQUEST_TIMEOUT_MS by default; 0 turns the timeout off (tests on a clock that jumps when slept on). */
  timeoutMs?: number | undefined;
}

/** Raised when a call fails; `failure` keeps the parsed answer for callers that need it (304). */
export class XeroCallError extends Error {
  constructor(
    readonly error: ConnectorError,
    readonly failure: XeroFailure,
  ) {
    super(error.message);
  }
}

type SdkCall = (
  api: XeroClient['accountingApi'],
) => Promise<{ response: { data?: unknown; headers?: unknown } }>;

/** The SDK's model for a wire body (it re-serialises the model into the same PascalCase JSON). */
function model<T>(wire: unknown, type: string): T {
  return ObjectSerializer.deserialize(wire, type) as T;
}

/** The scope each operation needs, to name it when Xero says it is missing (docs/platforms/xero.md, "Scopes"). */
function scopeFor(operation: string): ScopeNeed | undefined {
  const needs = xeroScopeNeeds({ createJobs: true });
  const need = (scope: string) => needs.find((n) => n.scope === scope);
  if (operation === 'resolveJobs.create') return need('accounting.settings');
  if (operation.startsWith('pullReference') || operation === 'trackingCategories')
    return {
      scope: 'accounting.settings.read',
      reason: 'reading accounts, tax rates and tracking categories',
    };
  if (operation.startsWith('resolveContacts')) return need('accounting.contacts');
  if (operation.startsWith('payments')) return need('accounting.payments.read');
  return need('accounting.invoices');
}

export class XeroApi {
  constructor(private readonly target: XeroCallTarget) {}

  /** One SDK call; a refused token is refreshed and the call made again, once. */
  private async call<T>(operation: string, write: boolean, fn: SdkCall): Promise<XeroResult<T>> {
    try {
      return await this.attempt<T>(operation, write, fn, () => this.target.accessToken());
    } catch (e) {
      const refresh = this.target.refreshAccessToken;
      if (!(e instanceof XeroCallError) || e.error.code !== 'auth_expired' || !refresh) throw e;
      // A 401 was answered before anything was applied, so a write may be sent again as it was.
      const token = await refresh();
      return this.attempt<T>(operation, write, fn, async () => token);
    }
  }

  /** Runs one SDK call: governor slot, fresh client, header feedback, timeout, classified failure. */
  private async attempt<T>(
    operation: string,
    write: boolean,
    fn: SdkCall,
    tokenOf: () => Promise<string>,
  ): Promise<XeroResult<T>> {
    const { governor, clock } = this.target;
    return governor.run(async () => {
      const token = await tokenOf();
      const xero = new XeroClient();
      xero.setTokenSet({ access_token: token, token_type: 'Bearer', expires_in: 1800 });
      xero.accountingApi.basePath = `${this.target.apiBaseUrl.replace(/\/+$/, '')}${xeroPlatform.paths.accounting}`;
      let timedOut = false;
      const timeoutMs = this.target.timeoutMs ?? REQUEST_TIMEOUT_MS;
      const pending = fn(xero.accountingApi);
      const racers: Promise<Awaited<typeof pending>>[] = [pending];
      if (timeoutMs > 0) {
        const timeout = clock.sleep(timeoutMs).then(() => {
          timedOut = true;
          return Promise.reject(new Error('timeout'));
        });
        timeout.catch(() => {});
        pending.catch(() => {});
        racers.push(timeout);
      }
      try {
        const result = await Promise.race(racers);
        const headers = lowerHeaders(result.response.headers);
        this.observe(headers);
        return { body: (result.response.data ?? {}) as T & XeroEnvelope, headers };
      } catch (rejection) {
        const failure: XeroFailure = timedOut
          ? { status: 0, body: 'The request to Xero timed out.', headers: {} }
          : parseXeroRejection(rejection);
        this.observe(failure.headers);
        const error = classifyXeroFailure(failure, { operation, write, scopeNeeded: scopeFor(operation) });
        if (error.code === 'rate_limited') governor.pauseFor((error.retryAfterSeconds ?? 60) * 1000);
        throw new XeroCallError(error, failure);
      }
    });
  }

  /** xero.md §3: trust Xero's remaining counts when they are stricter than ours (other processes). */
  private observe(headers: Record<string, string>) {
    const minute = headers['x-minlimit-remaining'];
    const day = headers['x-daylimit-remaining'];
    if (minute !== undefined) this.target.governor.observeRemaining(0, Number(minute));
    if (day !== undefined) this.target.governor.observeRemaining(1, Number(day));
    if (headers['retry-after'] && headers['x-rate-limit-problem']) {
      this.target.governor.pauseFor((retryAfterSeconds(headers) ?? 60) * 1000);
    }
  }

  private get tenant() {
    return this.target.tenantId;
  }

  /** GET /Accounts with If-Modified-Since (xero.md §2.1); a 304 reads as "nothing changed". */
  async getAccounts(ifModifiedSince?: Date): Promise<XeroResult<{ Accounts?: XeroAccountWire[] }>> {
    try {
      return await this.call('pullReference.accounts', false, (api) =>
        api.getAccounts(this.tenant, ifModifiedSince, undefined, undefined),
      );
    } catch (e) {
      if (e instanceof XeroCallError && e.failure.status === 304)
        return { body: { Accounts: [] }, headers: {} };
      throw e;
    }
  }

  /** GET /TaxRates: no If-Modified-Since in the API (xero.md §2.2). */
  getTaxRates(): Promise<XeroResult<{ TaxRates?: XeroTaxRateWire[] }>> {
    return this.call('pullReference.taxRates', false, (api) =>
      api.getTaxRates(this.tenant, undefined, undefined),
    );
  }

  /** GET /TrackingCategories?includeArchived=true, so archived options are seen as archived (xero.md §2.3). */
  getTrackingCategories(): Promise<XeroResult<{ TrackingCategories?: XeroTrackingCategoryWire[] }>> {
    return this.call('trackingCategories', false, (api) =>
      api.getTrackingCategories(this.tenant, undefined, undefined, true),
    );
  }

  /** PUT /TrackingCategories/{id}/Options (needs accounting.settings, xero.md §1.4). */
  createTrackingOption(
    categoryId: string,
    name: string,
    idempotencyKey: string,
  ): Promise<XeroResult<{ Options?: XeroTrackingOptionWire[] }>> {
    return this.call('resolveJobs.create', true, (api) =>
      api.createTrackingOptions(
        this.tenant,
        categoryId,
        model({ Name: name }, 'TrackingOption'),
        idempotencyKey,
      ),
    );
  }

  /**
   * GET /Contacts by IDs, an optimised `where` (one equality) or searchTerm: the filters Xero serves on
   * organisations of any size (docs/platforms/xero.md, "Large organisations"). Archived contacts are
   * included so an archived match is reported, not missed.
   */
  getContacts(query: {
    ids?: string[];
    where?: string;
    searchTerm?: string;
    page?: number;
    pageSize?: number;
    summaryOnly?: boolean;
  }): Promise<XeroResult<{ Contacts?: XeroContactWire[] }>> {
    return this.call('resolveContacts.lookup', false, (api) =>
      api.getContacts(
        this.tenant,
        undefined,
        query.where,
        undefined,
        query.ids,
        query.page,
        true,
        query.summaryOnly,
        query.searchTerm,
        query.page === undefined ? undefined : (query.pageSize ?? 100),
      ),
    );
  }

  /** PUT /Contacts?summarizeErrors=false: one call creates a batch, each element with its own status. */
  createContacts(
    contacts: XeroContactWire[],
    idempotencyKey: string,
  ): Promise<XeroResult<{ Contacts?: XeroContactWire[] }>> {
    return this.call('resolveContacts.create', true, (api) =>
      api.createContacts(this.tenant, model({ Contacts: contacts }, 'Contacts'), false, idempotencyKey),
    );
  }

  /** PUT /Invoices?summarizeErrors=false&unitdp=4 (xero.md §2.7, §2.9) with an Idempotency-Key (§4). */
  createInvoices(
    invoices: XeroDocumentRequest[],
    idempotencyKey: string,
  ): Promise<XeroResult<{ Invoices?: XeroDocumentWire[] }>> {
    return this.call('pushDocuments.invoices', true, (api) =>
      api.createInvoices(this.tenant, model({ Invoices: invoices }, 'Invoices'), false, 4, idempotencyKey),
    );
  }

  /** PUT /CreditNotes?summarizeErrors=false&unitdp=4 (xero.md §2.6). */
  createCreditNotes(
    creditNotes: XeroDocumentRequest[],
    idempotencyKey: string,
  ): Promise<XeroResult<{ CreditNotes?: XeroDocumentWire[] }>> {
    return this.call('pushDocuments.creditNotes', true, (api) =>
      api.createCreditNotes(
        this.tenant,
        model({ CreditNotes: creditNotes }, 'CreditNotes'),
        false,
        4,
        idempotencyKey,
      ),
    );
  }

  /** GET /Invoices by IDs or InvoiceNumbers (the explicit filters, xero.md §2), or changed since, paged. */
  getInvoices(query: {
    ids?: string[];
    numbers?: string[];
    ifModifiedSince?: Date;
    page?: number;
    pageSize?: number;
  }): Promise<XeroResult<{ Invoices?: XeroDocumentWire[] }>> {
    return this.call('documents.invoices', false, (api) =>
      api.getInvoices(
        this.tenant,
        query.ifModifiedSince,
        undefined,
        undefined,
        query.ids,
        query.numbers,
        undefined,
        undefined,
        query.page,
        true,
        undefined,
        undefined,
        undefined,
        query.pageSize,
      ),
    );
  }

  /** GET /CreditNotes/{id}: the way to read one by id (the list has no IDs filter); 404 when it is not one. */
  async getCreditNote(id: string): Promise<XeroResult<{ CreditNotes?: XeroDocumentWire[] }>> {
    try {
      return await this.call('documents.creditNotes', false, (api) => api.getCreditNote(this.tenant, id, 4));
    } catch (e) {
      if (e instanceof XeroCallError && e.failure.status === 404)
        return { body: { CreditNotes: [] }, headers: {} };
      throw e;
    }
  }

  /** GET /CreditNotes: no IDs / numbers filters in the SDK, so `where` (xero.md §2.6), or changed since. */
  getCreditNotes(query: {
    where?: string;
    ifModifiedSince?: Date;
    page?: number;
    pageSize?: number;
  }): Promise<XeroResult<{ CreditNotes?: XeroDocumentWire[] }>> {
    return this.call('documents.creditNotes', false, (api) =>
      api.getCreditNotes(
        this.tenant,
        query.ifModifiedSince,
        query.where,
        undefined,
        query.page,
        undefined,
        query.pageSize,
      ),
    );
  }
}

export { PROVIDER };
