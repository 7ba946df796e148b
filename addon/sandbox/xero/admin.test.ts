// The admin service (index page and inspection API) and demo-mode persistence.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../common/clock.ts';
import { mswSandbox } from '../common/msw.ts';
import { stateFile } from '../common/persistence.ts';
import type { XeroState } from './state.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

describe('admin service', () => {
  it('shows the index page and inspection JSON, and pays an invoice by POST', async () => {
    const { sandbox } = makeSandbox();
    server.use(...mswSandbox(sandbox));
    const token = (await connect()).access_token;
    const au = sandbox.tenants.au;
    await api(token, au, 'Invoices', {
      method: 'PUT',
      body: { Invoices: [auInvoice({ InvoiceNumber: 'ADM-1' })] },
    });
    const page = await (await fetch('https://xero.sandbox.test/')).text();
    expect(page).toContain('Demo Architects Pty Ltd');
    expect(page).toContain('ADM-1');
    expect(page).toContain('Consent page');
    const state = await (await fetch('https://xero.sandbox.test/inspect/state')).json();
    expect(state.identity.signingKey).toBeUndefined();
    const calls = await (await fetch('https://xero.sandbox.test/inspect/calls')).json();
    expect(calls.tenants[au].calls).toBe(1);
    const pay = await fetch('https://xero.sandbox.test/inspect/pay', {
      method: 'POST',
      body: JSON.stringify({ tenantId: au, invoice: 'ADM-1', amount: '100.00' }),
    });
    expect(pay.status).toBe(201);
    expect(sandbox.inspect.invoices(au)[0]).toMatchObject({ AmountPaid: 100, Status: 'AUTHORISED' });
    const fault = await fetch('https://xero.sandbox.test/inspect/faults', {
      method: 'POST',
      body: JSON.stringify({
        path: 'api/api.xro/2.0/Organisation',
        fault: { kind: 'status', status: 500 },
        times: 1,
      }),
    });
    expect(fault.status).toBe(201);
    expect((await api(token, au, 'Organisation')).status).toBe(500);
    expect(await (await fetch('https://xero.sandbox.test/inspect/duplicates')).json()).toEqual({
      invoiceNumbers: [],
      contactNames: [],
      sameReferenceAndTotal: [],
    });
  });

  it('persists state through a state file, so tokens and invoices survive a restart', async () => {
    const file = stateFile<XeroState>(join(mkdtempSync(join(tmpdir(), 'xero-sandbox-')), 'xero.json'));
    const clock = manualClock();
    const first = makeSandbox({ stateFile: file, clock }).sandbox;
    server.use(...mswSandbox(first));
    const tokens = await connect();
    await api(tokens.access_token, first.tenants.au, 'Invoices', {
      method: 'PUT',
      body: { Invoices: [auInvoice()] },
    });
    first.control.saveNow();

    const second = makeSandbox({ stateFile: file, clock }).sandbox;
    server.resetHandlers(...mswSandbox(second));
    const res = await api(tokens.access_token, second.tenants.au, 'Invoices?page=1');
    expect(res.status).toBe(200);
    expect((await res.json()).Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual([
      'INV-0001',
    ]);
    const next = await api(tokens.access_token, second.tenants.au, 'Invoices', {
      method: 'PUT',
      body: { Invoices: [auInvoice()] },
    });
    expect((await next.json()).Invoices[0].InvoiceNumber).toBe('INV-0002');
  });

  it('is deterministic: same seed, same ids', async () => {
    const a = makeSandbox({ seed: 7 }).sandbox.inspect.state();
    const b = makeSandbox({ seed: 7 }).sandbox.inspect.state();
    expect(a.orgs[a.orgs ? Object.keys(a.orgs)[0]! : '']?.accounts[0]?.AccountID).toBe(
      b.orgs[Object.keys(b.orgs)[0]!]?.accounts[0]?.AccountID,
    );
    expect(a.rng).toBe(b.rng);
  });
});
