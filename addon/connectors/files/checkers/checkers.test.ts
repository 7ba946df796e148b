// Every template's output, read back by its package's checker: the fixture invoices (GST, GST-free, multi-line,
// credit note, foreign currency, names with commas, quotes, accents and a leading -, = or @) pass; and each
// checker catches what the package would reject when a file breaks its rules.
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileTemplates } from '../index.ts';
import { fixtureInvoices, PROFILES, SETTINGS } from '../test-support/fixtures.ts';
import { renderAll } from '../test-support/render-all.ts';
import { fileCheckers } from './index.ts';

const rulesOf = (v: { rule: string }[]) => [...new Set(v.map((x) => x.rule))];

describe.each(Object.keys(fileTemplates) as (keyof typeof fileTemplates)[])('%s', (id) => {
  it("the fixture invoices' files pass the package's checker", async () => {
    const template = fileTemplates[id];
    const profile = PROFILES[id]!;
    const invoices = fixtureInvoices(profile, template.format.currency === 'column');
    const files = await renderAll(template, invoices, { baseCurrency: profile.home, settings: SETTINGS[id] });
    expect(files.length).toBeGreaterThan(0);
    expect(fileCheckers[id](files, { dateFormat: SETTINGS[id]?.dateFormat })).toEqual([]);
  });
});

const file = (fileName: string, text: string, encoding = 'utf8') => ({
  fileName,
  bytes: encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1252'),
});

describe('checkers catch what the package would reject', () => {
  it("Reckon: a separate GST line on top of each line's TAXAMOUNT posts GST twice and unbalances", () => {
    const text = [
      '!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM',
      '!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tINVITEM\tEXTRA\tTAXCODE\tTAXRATE\tTAXAMOUNT',
      '!ENDTRNS',
      'TRNS\t\tINVOICE\t03/05/2026\tAccounts Receivable\tCafé Müller\t110.00\tINV-1',
      'SPL\t\tINVOICE\t03/05/2026\tFees\t\t-100.00\t\tFees\t\tGST\t10%\t-10.00',
      'SPL\t\tINVOICE\t03/05/2026\tGST Payable\t\t-10.00\t\tGST\tAUTOSTAX\t\t\t',
      'ENDTRNS',
      '',
    ].join('\r\n');
    const v = fileCheckers['reckon-accounts-iif']([file('r.iif', text, 'win1252')]);
    expect(rulesOf(v)).toEqual(expect.arrayContaining(['gst_twice', 'balance']));
  });

  it('IIF: a UTF-8 file is not Windows-1252 text QuickBooks reads back the same', () => {
    const text = '!TRNS\tTRNSTYPE\r\n!SPL\tTRNSTYPE\r\n!ENDTRNS\r\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(rulesOf(fileCheckers['quickbooks-desktop-iif']([{ fileName: 'q.iif', bytes }]))).toContain('bom');
  });

  it('QuickBooks Online: blank item, old headers and a credit file with invoice headers are caught', () => {
    const old =
      '*InvoiceNo,*Customer,*InvoiceDate,*DueDate,Terms,Location,Memo,Item(Product/Service),ItemDescription,ItemQuantity,ItemRate,*ItemAmount,*ItemTaxCode,ItemTaxAmount,Currency\r\n';
    expect(rulesOf(fileCheckers['quickbooks-online-csv']([file('q.csv', old)]))).toContain('header');
    const header =
      'Invoice number,Customer,Invoice date,Due date,Terms,Memo,Item (Product/Service),Item Description,Item Quantity,Item Rate,Item Amount,Item tax code,Item tax amount,Currency\r\n';
    const blankItem = `${header}INV-1,Acme,05/03/2026,04/04/2026,,,,Fees,2,10,20.00,GST,2.00,AUD\r\n`;
    const v = fileCheckers['quickbooks-online-csv']([file('q.csv', blankItem)]);
    expect(v).toContainEqual(expect.objectContaining({ rule: 'required', column: 'Item (Product/Service)' }));
    const wrongAmount = `${header}INV-1,Acme,05/03/2026,04/04/2026,,,Fees,Fees,2,10,25.00,GST,2.00,AUD\r\n`;
    expect(rulesOf(fileCheckers['quickbooks-online-csv']([file('q.csv', wrongAmount)]))).toContain('amount');
  });

  it('MYOB: captions without their leading spaces, long numbers and missing blank lines are caught', () => {
    const captions = [
      'Co./Last Name',
      'First Name',
      'Addr 1 - Line 1',
      '- Line 2',
      '- Line 3',
      '- Line 4',
    ].join('\t');
    expect(
      rulesOf(fileCheckers['myob-accountright-classic-txt']([file('m.txt', `${captions}\r\n`, 'win1252')])),
    ).toContain('header');
  });

  it('Oracle: a bare CSV without the zip, or a zip without distributions, is caught', () => {
    const row = Array.from({ length: 372 }, (_, i) => (i === 371 ? 'END' : '')).join(',');
    expect(
      rulesOf(fileCheckers['oracle-fusion-autoinvoice-csv']([file('RaInterfaceLinesAll.csv', row)])),
    ).toContain('zip');
    const zip = zipSync({ 'RaInterfaceLinesAll.csv': strToU8(`${row}\r\n`) });
    const v = fileCheckers['oracle-fusion-autoinvoice-csv']([{ fileName: 'o.zip', bytes: zip }]);
    expect(rulesOf(v)).toEqual(expect.arrayContaining(['required', 'distributions']));
    expect(v).toContainEqual(expect.objectContaining({ column: 'Bill-to Customer Site Number' }));
  });

  it('Xero: a line with a different contact under the same number cannot be grouped', () => {
    const header =
      '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,Total,InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme';
    const row = (name: string) =>
      `${name},,,,,,,,,,INV-1,,05/03/2026,04/04/2026,,,Fees,1,10,,200,GST on Income,,,,,,AUD,`;
    const v = fileCheckers['xero-csv']([file('x.csv', [header, row('A'), row('B'), ''].join('\r\n'))]);
    expect(rulesOf(v)).toEqual(['grouping']);
  });
});
