// Each package's own limits, as a person preparing an export would meet them: the problem names the invoice,
// the field, and says what to change; an export with an error is refused rather than written wrongly.
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.ts';
import type { LedgerInvoice } from '../types.ts';
import { type FileTemplateId, fileTemplates } from './index.ts';
import { fixtureInvoices, makeInvoice, PROFILES, SETTINGS } from './test-support/fixtures.ts';
import { renderAll } from './test-support/render-all.ts';
import type { ExportProblem } from './types.ts';

const base = (id: FileTemplateId): LedgerInvoice => fixtureInvoices(PROFILES[id]!, false)[0]!;
const opts = (id: FileTemplateId) => ({ baseCurrency: PROFILES[id]!.home, settings: SETTINGS[id] });

function problems(id: FileTemplateId, invoices: LedgerInvoice[]): ExportProblem[] {
  return fileTemplates[id].validate(invoices, opts(id));
}

function only(id: FileTemplateId, inv: LedgerInvoice, code: string, field?: string): ExportProblem {
  const found = problems(id, [inv]).filter(
    (p) => p.code === code && (field === undefined || p.field === field),
  );
  expect(found, `${id}: ${code}`).toHaveLength(1);
  return found[0]!;
}

const withNumber = (inv: LedgerInvoice, number: string): LedgerInvoice => ({ ...inv, number });
const withName = (inv: LedgerInvoice, name: string): LedgerInvoice => ({
  ...inv,
  contact: { ...inv.contact, name },
});
const withLine = (inv: LedgerInvoice, patch: Partial<LedgerInvoice['lines'][number]>): LedgerInvoice => ({
  ...inv,
  lines: [{ ...inv.lines[0]!, ...patch }, ...inv.lines.slice(1)],
});

describe('QuickBooks Online', () => {
  it('refuses an invoice number longer than 21 characters', () => {
    const p = only(
      'quickbooks-online-csv',
      withNumber(base('quickbooks-online-csv'), 'INV-2026-000000000001'.padEnd(22, '9')),
      'too_long',
    );
    expect(p).toMatchObject({ invoiceId: 'inv-1001', severity: 'error', field: 'number' });
    expect(p.message).toContain('at most 21');
  });

  it('refuses ":" in a customer name, which QuickBooks reads as a sub-customer', () => {
    const p = only(
      'quickbooks-online-csv',
      withName(base('quickbooks-online-csv'), 'Acme: Sydney'),
      'invalid_format',
    );
    expect(p.field).toBe('contact.name');
    expect(p.message).toContain('remove the colon');
  });

  it('warns that credit notes go to the separate credit-note importer', () => {
    const credit = fixtureInvoices(PROFILES['quickbooks-online-csv']!, false)[1]!;
    expect(only('quickbooks-online-csv', credit, 'credit_note').severity).toBe('warning');
  });

  it('refuses an invoice with more lines than one import file takes', () => {
    const p = PROFILES['quickbooks-online-csv']!;
    const big = makeInvoice(
      p,
      {
        invoiceId: 'big',
        kind: 'invoice',
        number: 'BIG-1',
        date: '2026-01-01',
        dueDate: '2026-01-31',
        contact: { clientCode: 'B', name: 'B', address: {} },
      },
      Array.from({ length: 1001 }, (_, i) => ({ description: `L${i}`, quantity: '1', unitPrice: '1.00' })),
    );
    expect(only('quickbooks-online-csv', big, 'too_many_lines').message).toContain('1001 lines');
  });

  it('US: refuses a foreign-currency invoice and several sales tax rates on one invoice', () => {
    const inv = base('quickbooks-online-us-csv');
    expect(
      only('quickbooks-online-us-csv', { ...inv, currency: 'CAD' }, 'currency_not_supported').field,
    ).toBe('currency');
    const mixed = withLine(inv, { taxName: 'Oakland' });
    expect(only('quickbooks-online-us-csv', mixed, 'mixed_sales_tax').message).toContain('Oakland');
  });
});

describe('QuickBooks Desktop and Reckon IIF', () => {
  it('refuses ":" in customer or job names', () => {
    const inv = base('quickbooks-desktop-iif');
    expect(only('quickbooks-desktop-iif', withName(inv, 'A:B'), 'forbidden_character').field).toBe(
      'contact.name',
    );
    const job = { code: 'J', name: 'Stage: 2' };
    expect(
      only('reckon-accounts-iif', { ...base('reckon-accounts-iif'), job }, 'forbidden_character').field,
    ).toBe('job.name');
  });

  it('refuses invoice numbers longer than QuickBooks holds', () => {
    expect(
      only('quickbooks-desktop-iif', withNumber(base('quickbooks-desktop-iif'), 'INV-12345678'), 'too_long')
        .field,
    ).toBe('number');
  });

  it('Reckon: refuses foreign currency and tax codes longer than 3 characters', () => {
    const inv = base('reckon-accounts-iif');
    expect(
      only('reckon-accounts-iif', { ...inv, currency: 'NZD' }, 'currency_not_supported').message,
    ).toContain('AUD');
    expect(only('reckon-accounts-iif', withLine(inv, { taxCode: 'GSTX' }), 'too_long').field).toBe(
      'lines[0].taxCode',
    );
  });

  it('keeps Windows-1252 accents and refuses, with the field, a character the file cannot hold', () => {
    expect(
      problems('quickbooks-desktop-iif', [withName(base('quickbooks-desktop-iif'), 'Zoë Ltd')]).map(
        (p) => p.code,
      ),
    ).not.toContain('character_not_supported');
    const p = only(
      'quickbooks-desktop-iif',
      withName(base('quickbooks-desktop-iif'), 'Ōtautahi Ltd'),
      'character_not_supported',
      'contact.name',
    );
    expect(p.severity).toBe('error');
  });
});

describe('Sage', () => {
  it("Sage Accounting: VAT rate must be one of Sage's names; customer reference at most 10", () => {
    const inv = base('sage-accounting-csv');
    expect(
      only('sage-accounting-csv', withLine(inv, { taxName: '20% VAT' }), 'not_allowed').message,
    ).toContain('Standard, Zero Rated');
    const longRef = { ...inv, contact: { ...inv.contact, clientCode: 'CUSTOMER-001' } };
    expect(only('sage-accounting-csv', longRef, 'too_long').field).toBe('contact.clientCode');
  });

  it('Sage Accounting: long details are a warning, and only the first 25 characters are written', async () => {
    const inv = withLine(base('sage-accounting-csv'), {
      description: 'Architectural design services for stage two',
    });
    expect(only('sage-accounting-csv', inv, 'will_be_shortened', 'lines[0].description').severity).toBe(
      'warning',
    );
    const [file] = await renderAll(fileTemplates['sage-accounting-csv'], [inv], opts('sage-accounting-csv'));
    const text = file!.bytes.toString('utf8');
    expect(text).toContain(',Architectural design serv,');
    expect(text).not.toContain('Architectural design servi');
  });

  it('Sage 50: T/C codes, account references, reference length and amount size', () => {
    const inv = base('sage-50-csv');
    expect(only('sage-50-csv', withLine(inv, { taxCode: 'GST' }), 'invalid_format').message).toContain(
      'T0 to T99',
    );
    const lower = { ...inv, contact: { ...inv.contact, clientCode: 'smith 1' } };
    expect(only('sage-50-csv', lower, 'invalid_format').field).toBe('contact.clientCode');
    expect(only('sage-50-csv', withNumber(inv, 'X'.repeat(31)), 'too_long').field).toBe('number');
    const huge = withLine(inv, { netCents: 10_000_000_000n });
    expect(only('sage-50-csv', huge, 'invalid_format').message).toContain('99,999,999.99');
  });
});

describe('MYOB, MoneyWorks, Xero, Oracle', () => {
  it('MYOB: invoice number at most 8 characters, account numbers like 4-1100', () => {
    const inv = base('myob-accountright-classic-txt');
    expect(only('myob-accountright-classic-txt', withNumber(inv, 'INV-10001'), 'too_long').message).toContain(
      'at most 8',
    );
    expect(
      only('myob-accountright-classic-txt', withLine(inv, { accountCode: 'Sales' }), 'invalid_format').field,
    ).toBe('lines[0].accountCode');
  });

  it('MoneyWorks: account codes at most 14 characters; credits carry a sign warning', () => {
    const inv = base('moneyworks-txt');
    expect(only('moneyworks-txt', withLine(inv, { accountCode: '4000-ABCDEFGHIJ' }), 'too_long').field).toBe(
      'lines[0].accountCode',
    );
    const credit = fixtureInvoices(PROFILES['moneyworks-txt']!, false)[1]!;
    expect(only('moneyworks-txt', credit, 'credit_note').message).toContain('Signs');
  });

  it('Xero: the tax rate name is required', () => {
    expect(only('xero-csv', withLine(base('xero-csv'), { taxName: '' }), 'required').field).toBe(
      'lines[0].taxName',
    );
  });

  it('Oracle: missing site settings are reported once for the whole export', () => {
    const found = fileTemplates['oracle-fusion-autoinvoice-csv'].validate(
      [base('oracle-fusion-autoinvoice-csv')],
      {},
    );
    const missing = found.filter((p) => p.code === 'setting_required');
    expect(missing.map((p) => p.field).sort()).toEqual([
      'settings.batchSource',
      'settings.businessUnit',
      'settings.lineContext',
    ]);
    expect(missing.every((p) => p.invoiceId === null)).toBe(true);
  });
});

describe('every package', () => {
  it('reports duplicate numbers, impossible dates and empty invoices', () => {
    const inv = base('xero-csv');
    const dup = { ...inv, invoiceId: 'other' };
    expect(problems('xero-csv', [inv, dup]).map((p) => p.code)).toContain('duplicate_number');
    expect(only('xero-csv', { ...inv, dueDate: '2026-02-30' }, 'invalid_date').field).toBe('dueDate');
    expect(only('xero-csv', { ...inv, lines: [] }, 'no_lines').severity).toBe('error');
  });

  it('flags a code a spreadsheet would run as a formula, in packages whose file is opened in one', () => {
    const flagged = problems('xero-csv', [withLine(base('xero-csv'), { accountCode: '=200' })]).filter(
      (p) => p.code === 'formula_like',
    );
    expect(flagged).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'lines[0].accountCode' }),
    );
  });

  it('renderExport stops with a validation error instead of writing a file the package would reject', async () => {
    const bad = withNumber(base('myob-accountright-classic-txt'), 'TOO-LONG-1');
    const attempt = renderAll(
      fileTemplates['myob-accountright-classic-txt'],
      [bad],
      opts('myob-accountright-classic-txt'),
    );
    await expect(attempt).rejects.toBeInstanceOf(ConnectorError);
    await expect(attempt).rejects.toMatchObject({
      code: 'validation',
      details: [expect.stringContaining('at most 8')],
    });
  });

  it('renderExport refuses to start when required settings are missing', async () => {
    const attempt = renderAll(fileTemplates['oracle-fusion-autoinvoice-csv'], [
      base('oracle-fusion-autoinvoice-csv'),
    ]);
    await expect(attempt).rejects.toMatchObject({ code: 'validation' });
  });
});
