// Invoices built so that per-line and invoice-level rounding give different answers, computed by each sandbox
// on its own. The expected figures are worked by hand from the platforms' rules (BEHAVIOURS.md of each):
// Xero rounds each line's tax and sums; MYOB rounds each line amount to the cent, sums the unrounded line
// taxes and rounds once.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from './common/msw.ts';
import * as myob from './myob/test-support.ts';
import * as xero from './xero/test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Xero: tax per line, rounded half away from zero, then summed', () => {
  async function totals(tenant: 'au' | 'nz', types: string, lines: Record<string, unknown>[], query = '') {
    const { sandbox } = xero.makeSandbox();
    server.use(...mswSandbox(sandbox));
    const token = (await xero.connect()).access_token;
    const res = await xero.api(token, sandbox.tenants[tenant], `Invoices${query}`, {
      method: 'PUT',
      body: {
        Invoices: [
          {
            Type: 'ACCREC',
            Contact: { Name: 'Rounding Test Ltd' },
            Date: '2026-11-02',
            DueDate: '2026-11-30',
            Status: 'AUTHORISED',
            LineAmountTypes: types,
            LineItems: lines,
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const inv = (await res.json()).Invoices[0];
    return [inv.SubTotal, inv.TotalTax, inv.Total];
  }
  const line = (UnitAmount: number, AccountCode: string, TaxType: string) => ({
    Description: 'Fees',
    Quantity: 1,
    UnitAmount,
    AccountCode,
    TaxType,
  });

  it('three equal lines at 33.335 (unitdp=4): 3 x (33.34 + 3.33), not 10.00 of tax on 100.02', async () => {
    // 33.335 -> 33.34 a line; 33.34 x 10% = 3.334 -> 3.33; tax 9.99 (on the subtotal it would be 10.00).
    const l = line(33.335, '200', 'OUTPUT');
    expect(await totals('au', 'Exclusive', [l, l, l], '?unitdp=4')).toEqual([100.02, 9.99, 110.01]);
  });

  it('inclusive lines at 9.99: 3 x 0.91 of tax, not 2.72', async () => {
    // 9.99 x 10/110 = 0.90818… -> 0.91 a line; tax 2.73, subtotal 29.97 - 2.73 = 27.24.
    const l = line(9.99, '200', 'OUTPUT');
    expect(await totals('au', 'Inclusive', [l, l, l])).toEqual([27.24, 2.73, 29.97]);
  });

  it('15% GST lines: 3 x 3.82 of tax, not 11.45', async () => {
    // 25.45 x 15% = 3.8175 -> 3.82 a line; tax 11.46 (on the subtotal 76.35 x 15% = 11.4525 -> 11.45).
    const l = line(25.45, '210', 'OUTPUT2');
    expect(await totals('nz', 'Exclusive', [l, l, l])).toEqual([76.35, 11.46, 87.81]);
  });
});

describe('MYOB: line amounts to the cent, the unrounded line taxes summed and rounded once', () => {
  async function totals(isTaxInclusive: boolean, lineTotals: number[], code = 'GST') {
    const env = myob.makeEnv({
      seed: { extraTaxCodes: [{ code: 'S15', description: 'GST 15%', ratePercent: '15' }] },
    });
    server.use(...mswSandbox(env.sandbox));
    const a = myob.api(await myob.connect());
    const ids = await myob.lookups(a);
    const res = await a.post('Sale/Invoice/Service?returnBody=true', {
      Number: 'R-1',
      Date: '2026-11-02T00:00:00',
      Customer: { UID: ids.customer('CUS000001') },
      IsTaxInclusive: isTaxInclusive,
      FreightTaxCode: { UID: ids.tax('N-T') },
      Lines: lineTotals.map((Total) => ({
        Type: 'Transaction',
        Description: 'Fees',
        Account: { UID: ids.account('4-1000') },
        TaxCode: { UID: ids.tax(code) },
        Total,
      })),
    });
    expect(res.status).toBe(201);
    return [res.json.Subtotal, res.json.TotalTax, res.json.TotalAmount, res.json.Status];
  }

  it('three equal lines at 33.335: each 33.34, tax 3 x 3.334 = 10.002 -> 10.00, not 9.99', async () => {
    expect(await totals(false, [33.335, 33.335, 33.335])).toEqual([100.02, 10, 110.02, 'Open']);
  });

  it('inclusive lines at 9.99: tax 3 x 0.90818… = 2.72454… -> 2.72, not 2.73', async () => {
    expect(await totals(true, [9.99, 9.99, 9.99])).toEqual([29.97, 2.72, 29.97, 'Open']);
  });

  it('15% GST lines: tax 3 x 3.8175 = 11.4525 -> 11.45, not 11.46', async () => {
    expect(await totals(false, [25.45, 25.45, 25.45], 'S15')).toEqual([76.35, 11.45, 87.8, 'Open']);
  });

  it('a negative Service sale is a credit: Status Credit, its tax rounded the same way', async () => {
    // -9.99 x 3 inclusive: tax -2.72454… -> -2.72 (half away from zero, mirrored).
    expect(await totals(true, [-9.99, -9.99, -9.99])).toEqual([-29.97, -2.72, -29.97, 'Credit']);
  });
});
