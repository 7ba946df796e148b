// The Xero and MYOB sandboxes served through msw at the platforms' real hosts in the benchmark's own
// process, each wrapped so every API answer is counted (by kind of call, status and body bytes) before
// the connector sees it, and connected the way the connector tests connect (OAuth code flow, PKCE).
import { setupServer } from 'msw/node';
import type { Clock } from '../../addon/connectors/clock.ts';
import type { RateGovernor } from '../../addon/connectors/governor.ts';
import type { ConnectorRuntime, InterfaceOptions } from '../../addon/connectors/types.ts';
import { xeroPlatform } from '../../addon/connectors/xero/manifest.ts';
import { FaultInjector } from '../../addon/sandbox/common/faults.ts';
import type { Sandbox } from '../../addon/sandbox/common/http.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import { createMyobSandbox, type MyobSandbox } from '../../addon/sandbox/myob/index.ts';
import {
  API_KEY,
  API_SECRET,
  BASE_URLS,
  connect as connectMyob,
  REDIRECT_URI,
} from '../../addon/sandbox/myob/test-support.ts';
import { createXeroSandbox, type XeroSandbox } from '../../addon/sandbox/xero/index.ts';
import { connect as connectXero, TEST_CLIENT } from '../../addon/sandbox/xero/test-support.ts';

/** API answers seen, by kind of call. */
export interface Tally {
  calls: number;
  bytes: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
}

export const emptyTally = (): Tally => ({ calls: 0, bytes: 0, byKind: {}, byStatus: {} });

export function diffTally(after: Tally, before: Tally): Tally {
  const sub = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));
  return {
    calls: after.calls - before.calls,
    bytes: after.bytes - before.bytes,
    byKind: sub(after.byKind, before.byKind),
    byStatus: sub(after.byStatus, before.byStatus),
  };
}

export const snapshot = (t: Tally): Tally => structuredClone(t);

/** Wraps a sandbox's handler: counts every answer of the 'api' service (body bytes as sent on the wire). */
function counted(sandbox: Sandbox, tally: Tally, kindOf: (method: string, path: string) => string): Sandbox {
  return {
    name: sandbox.name,
    hosts: sandbox.hosts,
    handle: async (request, route) => {
      const method = request.method;
      const response = await sandbox.handle(request, route);
      if (route.service !== 'api') return response;
      tally.calls++;
      const kind = kindOf(method, route.path);
      tally.byKind[kind] = (tally.byKind[kind] ?? 0) + 1;
      const status = response.type === 'error' ? 'dropped' : String(response.status);
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      if (response.type !== 'error') {
        // Read first, then add: `tally.bytes += await ...` would lose the bytes of calls answered meanwhile.
        const bytes = (await response.clone().arrayBuffer()).byteLength;
        tally.bytes += bytes;
      }
      return response;
    },
  };
}

export function xeroKind(method: string, path: string): string {
  const p = path.toLowerCase();
  if (/\/(invoices|creditnotes)$/.test(p)) return method === 'GET' ? 'lookup' : 'push';
  if (p.includes('/contacts')) return 'contacts';
  // Creating a job's tracking option: like contacts, a call the push needs before the invoices can go.
  if (method !== 'GET' && p.includes('/trackingcategories/')) return 'jobs';
  if (/\/(accounts|taxrates|trackingcategories)/.test(p)) return 'reference';
  return 'other';
}

export function myobKind(method: string, path: string): string {
  const p = path.toLowerCase();
  if (p.includes('/sale/invoice')) return method === 'GET' ? 'lookup' : 'push';
  if (p.includes('/contact/')) return 'contacts';
  if (method !== 'GET' && p.includes('/generalledger/job')) return 'jobs';
  if (p.includes('/generalledger/')) return 'reference';
  return 'other';
}

export interface Platforms {
  xero: XeroSandbox;
  myob: MyobSandbox;
  xeroTally: Tally;
  myobTally: Tally;
  close(): void;
}

/** Both sandboxes on one clock, behind one msw server (the benchmark makes no other HTTP calls). */
export function startPlatforms(clock: Clock, options: { extraAccounts?: number } = {}): Platforms {
  const xero = createXeroSandbox({
    clock,
    clients: [TEST_CLIENT],
    autoApprove: true,
    extraAccounts: options.extraAccounts ?? 0,
  });
  const myob = createMyobSandbox({
    clock,
    // A fault injector that never fires: the push and pull benchmarks measure the clean path.
    faults: new FaultInjector(() => 1),
    publicBaseUrls: BASE_URLS,
    apps: [
      { apiKey: API_KEY, apiSecret: API_SECRET, redirectUris: [REDIRECT_URI], name: 'Abtrac Accounts Link' },
    ],
    autoApprove: true,
    ...(options.extraAccounts ? { seed: { extraAccounts: options.extraAccounts } } : {}),
  });
  const xeroTally = emptyTally();
  const myobTally = emptyTally();
  const server = setupServer(
    ...mswSandbox(counted(xero, xeroTally, xeroKind)),
    ...mswSandbox(counted(myob, myobTally, myobKind)),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return { xero, myob, xeroTally, myobTally, close: () => server.close() };
}

export async function xeroRuntime(
  platforms: Platforms,
  clock: Clock,
): Promise<(options: InterfaceOptions) => ConnectorRuntime> {
  const token = (await connectXero()).access_token;
  return (options) => ({
    tenantId: platforms.xero.tenants.au,
    accessToken: async () => token,
    options,
    clock,
    baseUrls: { ...xeroPlatform.hosts },
    credentials: {},
  });
}

export async function myobRuntime(clock: Clock): Promise<(options: InterfaceOptions) => ConnectorRuntime> {
  const conn = await connectMyob();
  return (options) => ({
    tenantId: conn.businessId,
    accessToken: async () => conn.accessToken,
    options,
    clock,
    baseUrls: { api: BASE_URLS.api, secure: BASE_URLS.secure },
    credentials: { apiKey: API_KEY },
  });
}

/**
 * Puts a connection in the steady state of a busy one: `limit` calls in the last `windowMs`, evenly spread,
 * counted by both the connector's governor and the sandbox. Platform time is jumped between them, so it
 * costs no real time. Without it the first run would spend the window's burst and finish faster than the
 * limit allows for any longer run, which makes "achieved / bound" meaningless for 100 invoices.
 */
export async function warmWindow(
  governor: RateGovernor,
  clock: { jump(ms: number): void },
  limit: number,
  windowMs: number,
  call: () => Promise<Response>,
): Promise<void> {
  // Calls made before (reference pulls while preparing) age out first, for the governor and the sandbox.
  clock.jump(windowMs);
  for (let i = 0; i < limit; i++) {
    const res = await governor.run(call);
    if (!res.ok) throw new Error(`warm-up call ${i + 1} answered ${res.status}: ${await res.text()}`);
    clock.jump(windowMs / limit);
  }
}
