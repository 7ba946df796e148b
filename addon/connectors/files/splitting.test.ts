// Files split where a package's limits or import choices demand, never inside an invoice.
import { describe, expect, it } from 'vitest';
import type { LedgerInvoice } from '../types.ts';
import { fileTemplates } from './index.ts';
import { renderExport } from './render.ts';
import { makeInvoice, PROFILES, SETTINGS } from './test-support/fixtures.ts';
import { renderAll } from './test-support/render-all.ts';

function invoices(
  id: string,
  count: number,
  lines: number,
  patch: Partial<LedgerInvoice> = {},
): LedgerInvoice[] {
  const p = PROFILES[id]!;
  return Array.from({ length: count }, (_, n) =>
    makeInvoice(
      p,
      {
        invoiceId: `i${n}`,
        kind: 'invoice',
        number: `N${n}`,
        date: '2026-01-10',
        dueDate: '2026-02-09',
        contact: { clientCode: 'C1', name: 'Client One', address: {} },
        ...patch,
      },
      Array.from({ length: lines }, (_, i) => ({
        description: `Line ${i}`,
        quantity: '1',
        unitPrice: '10.00',
      })),
    ),
  );
}

/** Invoice numbers per file, read from the first column of each data row. */
const numbersPerFile = (files: { bytes: Buffer }[], column: number) =>
  files.map((f) => [
    ...new Set(
      f.bytes
        .toString('utf8')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((r) => r.split(',')[column]!),
    ),
  ]);

describe('splitting', () => {
  it('Xero: 500 invoices per file, the 501st starts a second file with its own header', async () => {
    const files = await renderAll(fileTemplates['xero-csv'], invoices('xero-csv', 501, 1), {
      baseCurrency: 'AUD',
    });
    expect(files.map((f) => f.fileName)).toEqual(['xero-invoices-1.csv', 'xero-invoices-2.csv']);
    const perFile = numbersPerFile(files, 10);
    expect(perFile.map((n) => n.length)).toEqual([500, 1]);
    expect(files[1]!.bytes.toString('utf8').startsWith('*ContactName,')).toBe(true);
  });

  it('QuickBooks Online: 1,000 lines per file, whole invoices only', async () => {
    const files = await renderAll(
      fileTemplates['quickbooks-online-csv'],
      invoices('quickbooks-online-csv', 3, 400),
      { baseCurrency: 'AUD', settings: SETTINGS['quickbooks-online-csv'] },
    );
    const perFile = numbersPerFile(files, 0);
    expect(perFile).toEqual([['N0', 'N1'], ['N2']]);
    for (const f of files)
      expect(f.bytes.toString('utf8').trim().split('\r\n').length - 1).toBeLessThanOrEqual(1000);
  });

  it('Sage Accounting: every file stays within the 0.5 MB import limit', async () => {
    const files = await renderAll(
      fileTemplates['sage-accounting-csv'],
      invoices('sage-accounting-csv', 3000, 3),
      { baseCurrency: 'GBP' },
    );
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) expect(f.bytes.length).toBeLessThanOrEqual(500_000);
    const all = numbersPerFile(files, 4).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(3000);
  });

  it('credit notes and tax-inclusive invoices get files of their own where the importer needs it', async () => {
    const mixed = [
      ...invoices('quickbooks-online-csv', 1, 1),
      ...invoices('quickbooks-online-csv', 1, 1, { invoiceId: 'c', number: 'C1', kind: 'credit' }),
    ];
    const qbo = await renderAll(fileTemplates['quickbooks-online-csv'], mixed, {
      baseCurrency: 'AUD',
      settings: SETTINGS['quickbooks-online-csv'],
    });
    expect(qbo.map((f) => f.fileName)).toEqual([
      'quickbooks-online-invoices-1.csv',
      'quickbooks-online-invoices-credit-notes-2.csv',
    ]);
    const incl = invoices('xero-csv', 1, 1, { invoiceId: 'x', number: 'X1', taxMode: 'inclusive' });
    const xero = await renderAll(fileTemplates['xero-csv'], [...invoices('xero-csv', 1, 1), ...incl], {
      baseCurrency: 'AUD',
    });
    expect(xero.map((f) => f.fileName)).toEqual(['xero-invoices-1.csv', 'xero-invoices-tax-inclusive-2.csv']);
  });

  it('MYOB: a blank line between sales, none before the first', async () => {
    const [file] = await renderAll(
      fileTemplates['myob-accountright-classic-txt'],
      invoices('myob-accountright-classic-txt', 2, 2),
      { baseCurrency: 'AUD' },
    );
    const records = file!.bytes.toString('latin1').split('\r\n');
    expect(records.map((r) => (r === '' ? '' : r.split('\t')[7]))).toEqual([
      'Invoice #',
      'N0',
      'N0',
      '',
      'N1',
      'N1',
      '',
    ]);
  });

  it('asks the caller to finish one file before taking the next', async () => {
    const files = renderExport(fileTemplates['xero-csv'], invoices('xero-csv', 501, 1), {
      baseCurrency: 'AUD',
    });
    await files.next();
    await expect(files.next()).rejects.toThrow(/read every chunk/);
  });
});
