// Test set-up for the MYOB connector: the MYOB sandbox behind msw on a manual clock, a connected runtime,
// a driver that moves the clock while the connector waits on its rate governor, and ledger invoices built
// with the same money maths as Abtrac. Tests only: the connector itself never imports the sandbox.

import { computeLine, sumLines, type TaxMode } from '../../domain/money.ts';
import type { ManualClock } from '../../sandbox/common/clock.ts';
import { mswSandbox } from '../../sandbox/common/msw.ts';
import {
  API_KEY,
  BASE_URLS,
  type Connection,
  connect,
  makeEnv,
  type TestEnv,
} from '../../sandbox/myob/test-support.ts';
import type { ConnectorRuntime, InterfaceOptions, LedgerInvoice, LedgerLine } from '../types.ts';
import { MyobGovernors } from './client.ts';
import { createMyobConnector } from './connector.ts';

export { API_KEY, BASE_URLS };

export interface ConnectorEnv extends TestEnv {
  conn: Connection;
  governors: MyobGovernors;
  connector: ReturnType<typeof createMyobConnector>;
  rt: ConnectorRuntime;
  /** Runs `work`, moving the manual clock whenever everything else has settled. */
  drive<T>(work: Promise<T>): Promise<T>;
}

type Server = { use: (...handlers: ReturnType<typeof mswSandbox>) => void };

/** Sandbox + msw + OAuth connection + connector with its own governor registry (a fresh 8/s window). */
export async function connectorEnv(
  server: Server,
  sandboxOptions: Parameters<typeof makeEnv>[0] = {},
  interfaceOptions: InterfaceOptions = {},
): Promise<ConnectorEnv> {
  const env = makeEnv(sandboxOptions);
  server.use(...mswSandbox(env.sandbox));
  const conn = await connect();
  const governors = new MyobGovernors();
  const connector = createMyobConnector({ governors });
  const rt = runtimeFor(env.clock, conn, interfaceOptions);
  return { ...env, conn, governors, connector, rt, drive: (work) => drive(env.clock, work) };
}

export function runtimeFor(
  clock: ManualClock,
  conn: Connection,
  options: InterfaceOptions = {},
): ConnectorRuntime {
  return {
    tenantId: conn.businessId,
    accessToken: async () => conn.accessToken,
    options,
    clock,
    baseUrls: { api: BASE_URLS.api, secure: BASE_URLS.secure },
    credentials: { apiKey: API_KEY },
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * The connector sleeps on the platform clock when its governor says wait; a manual clock only moves when
 * told. This advances it in small steps, each after pending I/O has settled, until `work` is done: no test
 * sleeps in real time.
 */
export async function drive<T>(clock: ManualClock, work: Promise<T>, stepMs = 20): Promise<T> {
  let done = false;
  work.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; i < 1_000_000 && !done; i++) {
    await settle();
    if (!done) clock.advance(stepMs);
  }
  return work;
}

// ------------------------------------------------------------------ ledger invoices

export interface LineSpec {
  description?: string;
  quantity?: string;
  unitPrice: string;
  accountCode?: string;
  taxCode?: string;
  taxRatePercent?: string;
  trackingOption?: string;
}

export function ledgerLine(spec: LineSpec, mode: TaxMode): LedgerLine {
  const taxRatePercent = spec.taxRatePercent ?? (spec.taxCode && spec.taxCode !== 'GST' ? '0' : '10');
  const quantity = spec.quantity ?? '1';
  const amounts = computeLine({ quantity, unitPrice: spec.unitPrice, taxRatePercent }, mode);
  return {
    description: spec.description ?? 'Professional fees',
    quantity,
    unitPrice: spec.unitPrice,
    accountCode: spec.accountCode ?? '4-1000',
    taxCode: spec.taxCode ?? 'GST',
    taxName: spec.taxCode ?? 'GST',
    taxRatePercent,
    ...amounts,
    trackingOption: spec.trackingOption,
    category: 'fee',
  };
}

export function ledgerInvoice(
  overrides: Partial<Omit<LedgerInvoice, 'lines'>> & { lines?: LineSpec[] } = {},
): LedgerInvoice {
  const taxMode = overrides.taxMode ?? 'exclusive';
  const lines = (overrides.lines ?? [{ unitPrice: '1000' }]).map((l) => ledgerLine(l, taxMode));
  const totals = sumLines(lines);
  const { lines: _lines, ...rest } = overrides;
  return {
    invoiceId: '7d0c5a52-1111-4c3e-9a1b-000000000001',
    version: 1,
    kind: 'invoice',
    number: 'INV-1001',
    date: '2026-11-02',
    dueDate: '2026-11-30',
    currency: 'AUD',
    taxMode,
    contact: { clientCode: 'CUS000001', name: 'Smith Family Trust', address: {} },
    lines,
    ...totals,
    ...rest,
  };
}
