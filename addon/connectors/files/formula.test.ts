// Text a spreadsheet would run as a formula (=, +, -, @, TAB, CR first) is never altered: the packages match names
// exactly, so a "'" prefix would create a stray contact. Where the package's file is opened in a spreadsheet, the
// preview flags it; elsewhere (IIF, MYOB, MoneyWorks, Oracle) nothing is said (docs/platforms/file-imports.md).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileTemplates } from './index.ts';
import { makeInvoice, PROFILES } from './test-support/fixtures.ts';
import { renderAll, tabRecords } from './test-support/render-all.ts';

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

describe('names, numbers and references exactly as the practice wrote them', () => {
  it('Xero CSV: text is written unchanged (Xero matches contacts by exact name) and flagged in the preview', async () => {
    const [file] = await renderAll(fileTemplates['xero-csv'], [hostile], { baseCurrency: 'AUD' });
    const text = file!.bytes.toString('utf8');
    expect(text).toContain(`"=HYPERLINK(""http://x"",""click"")"`);
    expect(text).toContain(',@evil,+61 2 9999 0000,');
    expect(text).toContain(',-2+3,');
    expect(text).not.toContain("'=");
    expect(text).not.toContain("'@");
    const flagged = fileTemplates['xero-csv']
      .validate([hostile], { baseCurrency: 'AUD' })
      .filter((p) => p.code === 'formula_like');
    expect(flagged.every((p) => p.severity === 'warning')).toBe(true);
    expect(flagged.map((p) => p.field)).toEqual(
      expect.arrayContaining(['contact.name', 'contact.email', 'reference', 'lines[0].description']),
    );
  });

  it('MYOB tab file: read by MYOB itself, so nothing is flagged or changed; TAB/CR still become spaces', async () => {
    const myob = PROFILES['myob-accountright-classic-txt']!;
    const inv = makeInvoice(myob, { ...hostile, contact: { ...hostile.contact, name: '=Evil Pty' } }, [
      { description: '\t=1+1', quantity: '1', unitPrice: '150.50' },
    ]);
    const template = fileTemplates['myob-accountright-classic-txt'];
    const [file] = await renderAll(template, [inv], { baseCurrency: 'AUD' });
    const [header, row] = tabRecords(file!.bytes.toString('latin1'));
    expect(row).toHaveLength(header!.length);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Co./Last Name')).toBe('=Evil Pty');
    expect(cell('Description')).toBe(' =1+1');
    expect(cell('Customer PO')).toBe('-2+3');
    expect(cell('Amount')).toBe('-150.50');
    expect(template.validate([inv], { baseCurrency: 'AUD' }).map((p) => p.code)).not.toContain(
      'formula_like',
    );
  });

  it('a character the Windows-1252 file cannot hold is refused with its field, never replaced', async () => {
    const reckon = PROFILES['reckon-accounts-iif']!;
    const inv = makeInvoice(
      reckon,
      { ...hostile, kind: 'invoice', contact: { ...hostile.contact, name: 'Ōtautahi Café' } },
      [{ description: 'Fees', quantity: '1', unitPrice: '150.50' }],
    );
    const problems = fileTemplates['reckon-accounts-iif'].validate([inv], { baseCurrency: 'AUD' });
    const refused = problems.find((p) => p.code === 'character_not_supported');
    expect(refused).toMatchObject({ severity: 'error', field: 'contact.name' });
    expect(refused!.message).toContain('"Ō"');
    await expect(
      renderAll(fileTemplates['reckon-accounts-iif'], [inv], { baseCurrency: 'AUD' }),
    ).rejects.toThrow();
  });

  it('IIF keeps accents as Windows-1252 bytes instead of stripping them', async () => {
    const reckon = PROFILES['reckon-accounts-iif']!;
    const inv = makeInvoice(
      reckon,
      { ...hostile, kind: 'invoice', contact: { ...hostile.contact, name: 'Café Müller' } },
      [{ description: 'Fees – stage 1', quantity: '1', unitPrice: '150.50' }],
    );
    const [file] = await renderAll(fileTemplates['reckon-accounts-iif'], [inv], { baseCurrency: 'AUD' });
    const text = iconv.decode(file!.bytes, 'win1252');
    expect(text).toContain('\tCafé Müller\t');
    expect(text).toContain('Fees – stage 1');
    expect(file!.bytes.includes(0xe9)).toBe(true);
  });
});
