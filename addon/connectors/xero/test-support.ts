// Shared by the Xero connector's tests (not imported by the connector): a sandbox served through msw at
// Xero's real hosts, a token from its OAuth flow, a ConnectorRuntime, ledger invoices built with money.ts,
// a capture of every request the connector sends, and the OpenAPI validator for their bodies.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { SetupServer } from 'msw/node';
import { parse } from 'yaml';
import { computeLine, sumLines, type TaxMode } from '../../domain/money.ts';
import type { ManualClock } from '../../sandbox/common/clock.ts';
import { mswSandbox } from '../../sandbox/common/msw.ts';
import type { XeroSandbox } from '../../sandbox/xero/index.ts';
import { connect, makeSandbox } from '../../sandbox/xero/test-support.ts';
import type { Clock } from '../clock.ts';
import type { ConnectorRuntime, InterfaceOptions, LedgerInvoice, LedgerLine } from '../types.ts';
import { xeroPlatform, xeroScopesFor } from './manifest.ts';

export { makeSandbox };

export interface XeroTestContext {
  sandbox: XeroSandbox;
  clock: ManualClock;
  token: string;
  tenantId: string;
}

/**
 * A fresh sandbox (manual clock) on the given msw server, connected with exactly the scopes the product
 * asks for with these options (never a larger set: a test must meet the refusals a customer would).
 */
export async function connectedSandbox(
  server: SetupServer,
  options: InterfaceOptions = {},
  sandboxOptions: Parameters<typeof makeSandbox>[0] = {},
): Promise<XeroTestContext> {
  const { sandbox, clock } = makeSandbox(sandboxOptions);
  server.use(...mswSandbox(sandbox));
  const token = (await connect(xeroScopesFor(options).join(' '))).access_token;
  return { sandbox, clock, token, tenantId: sandbox.tenants.au };
}

export function runtime(
  ctx: Pick<XeroTestContext, 'token' | 'tenantId'> & { clock: Clock },
  options: InterfaceOptions = {},
): ConnectorRuntime {
  return {
    tenantId: ctx.tenantId,
    accessToken: async () => ctx.token,
    options,
    clock: ctx.clock,
    baseUrls: { ...xeroPlatform.hosts },
    credentials: {},
  };
}

/** A clock on which sleeping moves the manual clock (the governor's waits pass at once, in order). */
export function steppingClock(clock: ManualClock): Clock {
  return {
    now: () => clock.now(),
    sleep: async (ms) => {
      clock.advance(Math.max(0, ms));
    },
  };
}

export interface CapturedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** Every request to api.xero.com, with its body (read from a clone before the sandbox reads it). */
export function captureRequests(server: SetupServer): {
  requests: CapturedRequest[];
  /** Waits until every captured body has been read. */
  settled: () => Promise<void>;
  stop: () => void;
} {
  const requests: CapturedRequest[] = [];
  const pending: Promise<void>[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.hostname !== 'api.xero.com') return;
    const copy = request.clone();
    const entry: CapturedRequest = { method: request.method, url, headers: request.headers, body: '' };
    requests.push(entry);
    pending.push(
      copy.text().then((t) => {
        entry.body = t;
      }),
    );
  };
  server.events.on('request:start', listener);
  return {
    requests,
    settled: async () => {
      await Promise.all(pending);
    },
    stop: () => server.events.removeListener('request:start', listener),
  };
}

// ------------------------------------------------------------------ OpenAPI

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const specDir = resolve(repoRoot, '../shared/specs/xero');
export const specsPresent = existsSync(resolve(specDir, 'xero_accounting.yaml'));

/** ajv with Xero's accounting spec, as the sandbox's conformance test builds it. */
export function accountingValidator(): (schema: string, data: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i);
  ajv.addSchema(parse(readFileSync(resolve(specDir, 'xero_accounting.yaml'), 'utf8')), 'accounting');
  return (schema, data) => {
    const validate = ajv.getSchema(`accounting#/components/schemas/${schema}`);
    if (!validate) return [`no schema ${schema}`];
    return validate(data)
      ? []
      : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}

/** Which schema a write body must satisfy, by method and path. */
export function requestSchema(method: string, path: string): string | undefined {
  if (method === 'GET') return undefined;
  if (/\/Invoices$/i.test(path)) return 'Invoices';
  if (/\/CreditNotes$/i.test(path)) return 'CreditNotes';
  if (/\/Contacts$/i.test(path)) return 'Contacts';
  if (/\/TrackingCategories\/[^/]+\/Options$/i.test(path)) return 'TrackingOption';
  return 'unknown';
}

// ------------------------------------------------------------------ ledger data

export interface LineSpec {
  quantity?: string;
  unitPrice: string;
  accountCode?: string;
  taxCode?: string;
  taxRatePercent?: string;
  description?: string;
  trackingOption?: string;
}

export function ledgerLine(spec: LineSpec, mode: TaxMode): LedgerLine {
  const quantity = spec.quantity ?? '1';
  const taxRatePercent = spec.taxRatePercent ?? '10';
  const amounts = computeLine({ quantity, unitPrice: spec.unitPrice, taxRatePercent }, mode);
  return {
    description: spec.description ?? 'Design fees',
    quantity,
    unitPrice: spec.unitPrice,
    accountCode: spec.accountCode ?? '200',
    taxCode: spec.taxCode ?? 'OUTPUT',
    taxName: 'GST on Income',
    taxRatePercent,
    ...amounts,
    trackingOption: spec.trackingOption,
    category: 'fee',
  };
}

export interface InvoiceSpec extends Partial<Omit<LedgerInvoice, 'lines'>> {
  lines?: LineSpec[];
  contactId?: string;
}

let counter = 0;

/** A LedgerInvoice with lines and totals computed as Abtrac does (money.ts). */
export function ledgerInvoice(spec: InvoiceSpec = {}): LedgerInvoice {
  counter++;
  const taxMode = spec.taxMode ?? 'exclusive';
  const lines = (spec.lines ?? [{ unitPrice: '1000' }]).map((l) => ledgerLine(l, taxMode));
  const totals = sumLines(lines);
  const number = spec.number ?? `ABT-${String(10_000 + counter)}`;
  return {
    invoiceId: spec.invoiceId ?? `inv-${number}`,
    version: spec.version ?? 1,
    kind: spec.kind ?? 'invoice',
    number,
    date: spec.date ?? '2026-11-01',
    dueDate: spec.dueDate ?? '2026-11-15',
    currency: spec.currency ?? 'AUD',
    taxMode,
    reference: spec.reference ?? `Job J1001`,
    url: spec.url ?? `https://app.abtrac.test/invoices/${number}`,
    contact: spec.contact ?? {
      externalId: spec.contactId,
      clientCode: 'HARB01',
      name: 'Harbour Developments Pty Ltd',
      address: {},
    },
    job: spec.job,
    lines,
    subtotalCents: spec.subtotalCents ?? totals.subtotalCents,
    taxCents: spec.taxCents ?? totals.taxCents,
    totalCents: spec.totalCents ?? totals.totalCents,
  };
}
