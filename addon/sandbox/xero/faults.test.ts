import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

let sandbox: XeroSandbox;
const server = setupServer();
let token: string;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  ({ sandbox } = makeSandbox());
  server.use(...mswSandbox(sandbox));
  token = (await connect()).access_token;
});
afterEach(() => server.resetHandlers());

describe('faults', () => {
  it('commit-then-drop creates the invoice but the client sees a network error; a keyed retry gets the first answer', async () => {
    const au = sandbox.tenants.au;
    sandbox.control.addFault({
      method: 'PUT',
      path: 'api/api.xro/2.0/Invoices',
      fault: { kind: 'commit-then-drop' },
      times: 1,
    });
    const body = { Invoices: [auInvoice({ InvoiceNumber: 'ABT-1001' })] };
    const headers = { 'Idempotency-Key': 'abtrac-inv-1001-v1' };
    await expect(api(token, au, 'Invoices', { method: 'PUT', body, headers })).rejects.toThrow();
    const stored = sandbox.inspect.invoices(au);
    expect(stored.map((i) => i.InvoiceNumber)).toEqual(['ABT-1001']);
    const retry = await api(token, au, 'Invoices', { method: 'PUT', body, headers });
    expect(retry.status).toBe(200);
    expect((await retry.json()).Invoices[0].InvoiceID).toBe(stored[0]!.InvoiceID);
    // Without the key, the retry hits ACCREC number uniqueness instead of duplicating.
    const unkeyed = await api(token, au, 'Invoices', { method: 'PUT', body });
    expect(unkeyed.status).toBe(400);
    expect(sandbox.inspect.duplicates().invoiceNumbers).toEqual([]);
  });

  it('status and reset faults answer before any work', async () => {
    const au = sandbox.tenants.au;
    sandbox.control.addFault({
      path: 'api/api.xro/2.0/Contacts',
      fault: { kind: 'status', status: 503 },
      times: 1,
    });
    expect((await api(token, au, 'Contacts')).status).toBe(503);
    sandbox.control.addFault({ path: 'identity/connect/token', fault: { kind: 'reset' }, times: 1 });
    await expect(connect()).rejects.toThrow();
    expect((await api(token, au, 'Contacts')).status).toBe(200);
  });
});
