// One test per package rule the files used to break, each written from the package's published rules
// (docs/platforms/<package>.md) and failing on the templates as they were.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileTemplates } from './index.ts';
import { fixtureInvoices, makeInvoice, PROFILES, SETTINGS } from './test-support/fixtures.ts';
import { renderAll, tabRecords } from './test-support/render-all.ts';

const text = (bytes: Buffer) => bytes.toString('latin1');

describe('QuickBooks Online', () => {
  const p = PROFILES['quickbooks-online-csv']!;
  const invoices = fixtureInvoices(p, true);

  it("fills Item (Product/Service) from the item mapped to the line's income account, else its category", async () => {
    const files = await renderAll(fileTemplates['quickbooks-online-csv'], invoices, {
      baseCurrency: 'AUD',
      settings: SETTINGS['quickbooks-online-csv'],
      itemsByAccount: { [p.accounts.disbursement]: 'Printing recovered' },
    });
    const all = files.map((f) => f.bytes.toString('utf8')).join('');
    expect(all).toContain(',Printing recovered,=SUM(A1:A9) printing,');
    expect(all).toContain(',Design Fees,"Design fees, stage 1",');
  });

  it('refuses a line with no item rather than letting QuickBooks post it to "Sales"', () => {
    const problems = fileTemplates['quickbooks-online-csv'].validate(invoices, { baseCurrency: 'AUD' });
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'required', field: 'lines[0].accountCode' }),
    );
  });

  it("uses Intuit's auto-mapped names, and the credit-note importer's own number and date columns", async () => {
    const files = await renderAll(fileTemplates['quickbooks-online-csv'], invoices, {
      baseCurrency: 'AUD',
      settings: SETTINGS['quickbooks-online-csv'],
    });
    const header = (name: string) =>
      files
        .find((f) => f.fileName.includes(name))!
        .bytes.toString('utf8')
        .split('\r\n')[0];
    expect(header('invoices-1')).toMatch(
      /^Invoice number,Customer,Invoice date,Due date,.*Item \(Product\/Service\),/,
    );
    expect(header('credit-notes')).toMatch(/^\*CreditNoteNo,Customer,\*CreditNoteDate,/);
  });
});

describe('MYOB AccountRight v19', () => {
  const p = PROFILES['myob-accountright-classic-txt']!;
  const long = makeInvoice(
    p,
    {
      invoiceId: 'l1',
      kind: 'invoice',
      number: 'INV-10001',
      date: '2026-03-05',
      dueDate: '2026-04-04',
      contact: { clientCode: 'C001', name: 'Client', address: {} },
    },
    [{ description: 'Fees', quantity: '1', unitPrice: '100.00' }],
  );

  it("writes continuation captions with MYOB's leading spaces", async () => {
    const [file] = await renderAll(
      fileTemplates['myob-accountright-classic-txt'],
      fixtureInvoices(p, false),
      {
        baseCurrency: 'AUD',
      },
    );
    const [header] = tabRecords(text(file!.bytes));
    expect(header).toContain('           - Line 2');
    expect(header).toContain('           - Balance Due Days');
    expect(header).not.toContain('- Line 2');
  });

  it('refuses a number over 8 characters unless the interface maps long numbers, and then shows the change', async () => {
    const template = fileTemplates['myob-accountright-classic-txt'];
    expect(template.validate([long], { baseCurrency: 'AUD' })).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'too_long', field: 'number' }),
    );
    for (const [mode, written] of [
      ['drop-prefix', '10001'],
      ['last-8', 'NV-10001'],
    ] as const) {
      const opts = { baseCurrency: 'AUD', settings: { longNumbers: mode } };
      const problems = template.validate([long], opts);
      expect(problems.filter((x) => x.severity === 'error')).toEqual([]);
      expect(problems).toContainEqual(
        expect.objectContaining({ code: 'number_shortened', message: expect.stringContaining(written) }),
      );
      const [file] = await renderAll(template, [long], opts);
      expect(tabRecords(text(file!.bytes))[1]![7]).toBe(written);
    }
  });
});

describe('Oracle AutoInvoice', () => {
  const p = PROFILES['oracle-fusion-autoinvoice-csv']!;

  it('is a zip of RaInterfaceLinesAll.csv with the bill-to site and RaInterfaceDistributionsAll.csv with the mapped revenue account', async () => {
    const invoices = fixtureInvoices(p, true);
    const files = await renderAll(fileTemplates['oracle-fusion-autoinvoice-csv'], invoices, {
      baseCurrency: 'AUD',
      settings: { ...SETTINGS['oracle-fusion-autoinvoice-csv'], accountSeparator: '' },
    });
    expect(files.map((f) => f.fileName)).toEqual(['oracle-autoinvoice-1.zip']);
    const zip = unzipSync(files[0]!.bytes);
    expect(Object.keys(zip).sort()).toEqual(['RaInterfaceDistributionsAll.csv', 'RaInterfaceLinesAll.csv']);
    const lines = Buffer.from(zip['RaInterfaceLinesAll.csv']!).toString('utf8').split('\r\n').filter(Boolean);
    // Position 20: the bill-to site number ({account} by default: the customer's account number).
    expect(lines[0]!.split(',')[19]).toBe('SMITH01');
    const dists = Buffer.from(zip['RaInterfaceDistributionsAll.csv']!)
      .toString('utf8')
      .split('\r\n')
      .filter(Boolean);
    const lineCount = invoices.reduce((n, inv) => n + inv.lines.length, 0);
    expect(dists).toHaveLength(lineCount);
    const first = dists[0]!.split(',');
    expect(first.slice(0, 4)).toEqual(['AU Business Unit', 'REV', '1500.00', '100']);
    expect(first[21]).toBe(p.accounts.fee);
    expect(first.at(-1)).toBe('END');
  });
});
