// The soak benchmark's ledger: a Xero sandbox in its own long-lived process, served over loopback HTTP
// (/<service>/<path>, e.g. /api/api.xro/2.0/Invoices), so what it holds outlives every worker the chaos loop
// kills. Its FaultInjector is the ledger side of the chaos: 5xx answers, connection resets and "commit then
// drop the response" on writes and reads, switched on and off by the parent over IPC.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { systemClock } from '../../addon/connectors/clock.ts';
import { FaultInjector } from '../../addon/sandbox/common/faults.ts';
import { mswSandbox } from '../../addon/sandbox/common/msw.ts';
import { createXeroSandbox } from '../../addon/sandbox/xero/index.ts';
import { connect, TEST_CLIENT } from '../../addon/sandbox/xero/test-support.ts';

export type LedgerRequest =
  | { id: number; faults: boolean }
  | { id: number; holdings: string[] }
  | { id: number; stats: true };

export interface LedgerReady {
  ready: { port: number; token: string; tenantId: string };
}

/** Fault rates per matching call while the chaos is on (each rule draws separately, first failure wins). */
const CHAOS = [
  { method: 'PUT', path: /\/(Invoices|CreditNotes|Contacts)$/i, kind: 'commit-then-drop', probability: 0.15 },
  { method: 'PUT', path: /\/(Invoices|CreditNotes|Contacts)$/i, kind: 'reset', probability: 0.1 },
  { method: 'PUT', path: /\/(Invoices|CreditNotes|Contacts)$/i, kind: 'status', probability: 0.1 },
  { method: 'GET', path: /\/(Invoices|CreditNotes|Contacts)$/i, kind: 'status', probability: 0.05 },
  { method: 'GET', path: /\/(Invoices|CreditNotes|Contacts)$/i, kind: 'reset', probability: 0.05 },
] as const;

async function body(req: IncomingMessage): Promise<ArrayBuffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  const all = Buffer.concat(chunks);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
}

async function main(): Promise<void> {
  const faults = new FaultInjector(Math.random);
  // Scale 1: the workers use the system clock, so both ends read the same platform time.
  const sandbox = createXeroSandbox({
    clock: systemClock,
    clients: [TEST_CLIENT],
    autoApprove: true,
    faults,
  });
  const tenantId = sandbox.tenants.au;

  // The OAuth code flow through msw in this process only, then msw is gone and the loopback server serves.
  const msw = setupServer(...mswSandbox(sandbox));
  msw.listen({ onUnhandledRequest: 'error' });
  const token = (await connect()).access_token;
  msw.close();

  let failures = 0;
  // Faults injected by rules already cleared (clear() forgets their hit counts).
  let injectedBefore = 0;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, service = '', path = '/'] = /^\/([^/]+)(\/.*)?$/.exec(url.pathname) ?? [];
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) for (const item of v) headers.append(k, item);
        else if (v !== undefined) headers.set(k, v);
      }
      const request = new Request(`https://${sandbox.hosts[service] ?? 'unknown'}${path}${url.search}`, {
        method: req.method ?? 'GET',
        headers,
        body: await body(req),
      });
      const response = await sandbox.handle(request, { service, path });
      if (response.type === 'error') {
        failures++;
        req.socket.destroy();
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      const plain: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        plain[key] = value;
      });
      res.writeHead(response.status, plain).end(out);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  process.on('message', (m: LedgerRequest) => {
    if ('faults' in m) {
      injectedBefore += faults.list().reduce((s, r) => s + r.hits, 0);
      faults.clear();
      if (m.faults) {
        // Slow writes first: pushes then last long enough for kills to land mid-push, and a worker killed
        // while waiting leaves a write that lands with nobody to hear the answer.
        faults.add({
          method: 'PUT',
          path: /\/(Invoices|CreditNotes)$/i,
          fault: { kind: 'latency', ms: 3_000 },
        });
        for (const rule of CHAOS)
          faults.add({
            method: rule.method,
            path: rule.path,
            probability: rule.probability,
            fault: rule.kind === 'status' ? { kind: 'status', status: 503 } : { kind: rule.kind },
          });
      }
      process.send!({ id: m.id, ok: true });
    } else if ('holdings' in m) {
      // How many live documents the ledger holds under each number (invoices and credit notes alike).
      const held = new Map<string, number>();
      const live = (d: Record<string, unknown>) => d.Status !== 'DELETED' && d.Status !== 'VOIDED';
      for (const d of sandbox.inspect.invoices(tenantId).filter(live))
        held.set(String(d.InvoiceNumber), (held.get(String(d.InvoiceNumber)) ?? 0) + 1);
      for (const d of sandbox.inspect.creditNotes(tenantId).filter(live))
        held.set(String(d.CreditNoteNumber), (held.get(String(d.CreditNoteNumber)) ?? 0) + 1);
      process.send!({ id: m.id, counts: m.holdings.map((n) => held.get(n) ?? 0) });
    } else {
      const calls = sandbox.inspect.calls()[tenantId];
      const hits = injectedBefore + faults.list().reduce((s, r) => s + r.hits, 0);
      process.send!({
        id: m.id,
        calls: calls?.calls ?? 0,
        rateLimited: calls?.rateLimited ?? 0,
        failures,
        hits,
      });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: { port, token, tenantId } } satisfies LedgerReady);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
