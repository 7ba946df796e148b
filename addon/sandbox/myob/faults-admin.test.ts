import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { DEMO_FILE_ID } from './index.ts';
import { api, connect, lookups, makeEnv, myobHeaders, type TestEnv } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function start(options: Parameters<typeof makeEnv>[0] = {}): TestEnv {
  const env = makeEnv(options);
  server.use(...mswSandbox(env.sandbox));
  return env;
}

async function invoiceBody(a: ReturnType<typeof api>, number: string) {
  const ids = await lookups(a);
  return {
    Number: number,
    Date: '2026-11-02',
    IsTaxInclusive: false,
    Customer: { UID: ids.customer('CUS000002') },
    FreightTaxCode: { UID: ids.tax('N-T') },
    Lines: [
      {
        Type: 'Transaction',
        Account: { UID: ids.account('4-1200') },
        TaxCode: { UID: ids.tax('GST') },
        Total: 550,
      },
    ],
  };
}

describe('faults', () => {
  it('commit-then-drop creates the invoice while the client sees a network error', async () => {
    const env = start();
    const conn = await connect();
    const a = api(conn);
    const body = await invoiceBody(a, 'INV-GHOST');
    const route = `api/accountright/${conn.businessId}/Sale/Invoice/Service`;
    env.faults.add({ method: 'POST', path: route, fault: { kind: 'commit-then-drop' }, times: 1 });
    const sent = fetch(`${a.base}/Sale/Invoice/Service`, {
      method: 'POST',
      headers: myobHeaders(conn.accessToken, { 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
    await expect(sent).rejects.toThrow(TypeError);
    // The re-query after a timeout (myob.md §5) finds the ghost invoice.
    const found = await a.get("Sale/Invoice?$filter=Number eq 'INV-GHOST'");
    expect(found.json.Count).toBe(1);
    expect(env.sandbox.inspect.invoicesByNumber(DEMO_FILE_ID, 'INV-GHOST')[0]!.TotalAmount).toBe(605);
  });

  it('reset drops the connection without doing the work; status faults answer in MYOB form', async () => {
    const env = start();
    const conn = await connect();
    const a = api(conn);
    const body = await invoiceBody(a, 'INV-RESET');
    env.faults.add({ method: 'POST', path: 'Sale/Invoice/Service', fault: { kind: 'reset' }, times: 1 });
    await expect(a.post('Sale/Invoice/Service', body)).rejects.toThrow(TypeError);
    expect(env.sandbox.inspect.invoicesByNumber(DEMO_FILE_ID, 'INV-RESET')).toHaveLength(0);
    env.faults.add({ path: 'GeneralLedger/Account', fault: { kind: 'status', status: 504 }, times: 1 });
    const timeout = await a.get('GeneralLedger/Account');
    expect(timeout.status).toBe(504);
    expect(timeout.json.Errors[0].Name).toBe('GatewayTimeout');
    expect((await a.get('GeneralLedger/Account')).status).toBe(200);
  });
});

describe('inspection (admin host)', () => {
  it('serves the index page and the inspection API', async () => {
    const env = start();
    const a = api(await connect());
    await a.post('Sale/Invoice/Service', await invoiceBody(a, 'INV-1'));
    await a.post('Sale/Invoice/Service', await invoiceBody(a, 'INV-1'));
    const page = await fetch('https://myob.sandbox.test/');
    const text = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(text).toContain('Demo Architects');
    expect(text).toContain('Harbour Engineering');
    expect(text).toContain('INV-1');
    expect(text).toContain('https://secure.myob.com/oauth2/account/authorize?client_id=');
    expect(text).toContain('https://myob.sandbox.test/inspect/duplicates');

    const state = await (await fetch('https://myob.sandbox.test/inspect/state')).json();
    expect(state.files[0]).toMatchObject({ name: 'Demo Architects', role: 'Administrator' });
    expect(state.files[0].invoices[0]).toMatchObject({
      number: 'INV-1',
      totalAmount: '605.00',
      status: 'Open',
    });
    const dups = await (await fetch('https://myob.sandbox.test/inspect/duplicates')).json();
    expect(dups.invoices[0].uids).toHaveLength(2);
    const calls = await (await fetch('https://myob.sandbox.test/inspect/calls')).json();
    expect(calls[0]).toMatchObject({ businessId: DEMO_FILE_ID, rateLimited: 0 });

    const uid = state.files[0].invoices[0].uid;
    const paid = await fetch('https://myob.sandbox.test/control/pay-invoice', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ businessId: DEMO_FILE_ID, invoiceUid: uid }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(env.sandbox.inspect.file(DEMO_FILE_ID).invoices[0]!.status).toBe('Closed');
  });
});

describe('persistence', () => {
  it('keeps files, consents and tokens across a restart through the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'myob-sandbox-'));
    try {
      const path = join(dir, 'myob.json');
      const first = start({ stateFile: path });
      const conn = await connect();
      const a = api(conn);
      await a.post('Sale/Invoice/Service', await invoiceBody(a, 'INV-KEEP'));
      first.sandbox.control.flush();
      server.resetHandlers();

      const second = makeEnv({ stateFile: path });
      second.clock.set(first.clock.now());
      server.use(...mswSandbox(second.sandbox));
      const found = await a.get("Sale/Invoice?$filter=Number eq 'INV-KEEP'");
      expect(found.status).toBe(200);
      expect(found.json.Items[0]).toMatchObject({ TotalAmount: 605, TotalTax: 55 });
      expect(second.sandbox.inspect.consents()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
