// CSV injection: text a spreadsheet would run as a formula (=, +, -, @, TAB, CR first) gets a leading "'",
// in text columns only; amounts, including a credit's negative figures, stay plain numbers (import-formats.md §8).
import { describe, expect, it } from 'vitest';
import { fileTemplates } from './index.ts';
import { makeInvoice, PROFILES } from './test-support/fixtures.ts';
import { renderAll, tabRecords } from './test-support/render-all.ts';
import { neutraliseFormula } from './text.ts';

const p = PROFILES['xero-csv']!;
const hostile = makeInvoice(
  p,
  {
    invoiceId: 'h1',
    kind: 'credit',
    number: 'CN-9',
    date: '2026-05-01',
    dueDate: '2026-05-01',
    reference: '-2+3',
    contact: {
      clientCode: 'EVIL',
      name: '=HYPERLINK("http://x","click")',
      email: '@evil',
      address: { line1: '+61 2 9999 0000' },
    },
  },
  [
    { description: '\t=1+1', quantity: '1', unitPrice: '150.50' },
    { description: '\r@SUM(1)', quantity: '2', unitPrice: '10.00' },
    { description: '＝full-width', quantity: '1', unitPrice: '1.00' },
  ],
);

describe('formula neutralising', () => {
  it('prefixes a quote to each dangerous leading character and leaves other text alone', () => {
    for (const v of ['=1', '+1', '-1', '@x', '\tx', '\rx', '＝x']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    for (const v of ['a=1', ' 1', '1-2', '', "'=already"]) expect(neutraliseFormula(v)).toBe(v);
  });

  it('Xero CSV: text cells are neutralised, negative credit amounts are not', async () => {
    const [file] = await renderAll(fileTemplates['xero-csv'], [hostile], { baseCurrency: 'AUD' });
    const text = file!.bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(text).toContain(",'@evil,'+61 2 9999 0000,");
    expect(text).toContain(",'-2+3,");
    expect(text).toContain(`,'\t=1+1,1,-150.5,`);
    expect(text).toContain(`,"'\r@SUM(1)",2,-10,`);
    expect(text).toContain(",'＝full-width,");
    // No amount anywhere picks up a quote.
    expect(text).not.toMatch(/,'-\d+(\.\d+)?,/);
  });

  it('MYOB tab file: neutralised and stripped of TAB/CR so columns stay aligned', async () => {
    const myob = PROFILES['myob-accountright-classic-txt']!;
    const inv = makeInvoice(myob, { ...hostile, contact: { ...hostile.contact, name: '=Evil Pty' } }, [
      { description: '\t=1+1', quantity: '1', unitPrice: '150.50' },
    ]);
    const [file] = await renderAll(fileTemplates['myob-accountright-classic-txt'], [inv], {
      baseCurrency: 'AUD',
    });
    const [header, row] = tabRecords(file!.bytes.toString('latin1'));
    expect(row).toHaveLength(header!.length);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Co./Last Name')).toBe("'=Evil Pty");
    expect(cell('Description')).toBe("' =1+1");
    expect(cell('Customer PO')).toBe("'-2+3");
    expect(cell('Amount')).toBe('-150.50');
    expect(cell('GST Amount')).toBe('-15.05');
  });

  it('escapes look-alikes that fold to formula characters in ASCII and Windows-1252 files', async () => {
    const myob = PROFILES['myob-accountright-classic-txt']!;
    const inv = makeInvoice(myob, { ...hostile, contact: { ...hostile.contact, name: '﹫Evil Pty' } }, [
      { description: '⁼1+1', quantity: '1', unitPrice: '150.50' },
    ]);
    const [file] = await renderAll(fileTemplates['myob-accountright-classic-txt'], [inv], {
      baseCurrency: 'AUD',
    });
    const [header, row] = tabRecords(file!.bytes.toString('latin1'));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Co./Last Name')).toBe("'@Evil Pty");
    expect(cell('Description')).toBe("'=1+1");
  });

  it('refuses a code that becomes a formula once folded to the file encoding', () => {
    const myob = PROFILES['myob-accountright-classic-txt']!;
    const inv = makeInvoice(myob, { ...hostile, job: { code: '﹦J1', name: 'Job' } }, [
      { description: 'Fees', quantity: '1', unitPrice: '150.50' },
    ]);
    const problems = fileTemplates['myob-accountright-classic-txt'].validate([inv], { baseCurrency: 'AUD' });
    expect(problems.map((p) => `${p.code}:${p.field}`)).toContain('looks_like_formula:job.code');
  });
});
