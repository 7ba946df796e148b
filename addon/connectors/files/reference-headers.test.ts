// Each golden file's header must agree with the column list in the shared reference pack
// (/work/shared/reference/import-formats.md and samples/). The pack is not present in every environment:
// then only these comparisons are skipped, with the reason in the test name; everything else still runs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

const REF = process.env.IMPORT_REFERENCE_DIR ?? '/work/shared/reference';
const HAVE_REF = existsSync(join(REF, 'import-formats.md')) && existsSync(join(REF, 'samples'));
const SKIP_NOTE = HAVE_REF ? '' : ` (skipped: reference pack not found at ${REF})`;
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');

const golden = (id: string, file: string): string => readFileSync(join(GOLDEN, id, file), 'latin1');
const firstLine = (text: string): string => text.slice(0, text.indexOf('\r\n') + 2);
const lines = (text: string): string[] => text.split('\r\n');
const doc = (): string => readFileSync(join(REF, 'import-formats.md'), 'utf8');
const sample = (name: string): string => readFileSync(join(REF, 'samples', name), 'latin1');

/** The line of the reference doc that starts with `prefix` and contains `marker`. */
function docLine(prefix: string, marker: string): string {
  const found = doc()
    .split('\n')
    .find((l) => l.startsWith(prefix) && l.includes(marker));
  if (!found) throw new Error(`reference line starting ${prefix} with ${marker} not found`);
  return found.trimEnd();
}

describe(`golden headers agree with the reference pack${SKIP_NOTE}`, () => {
  it.skipIf(!HAVE_REF)('xero-csv: byte-identical to samples/xero-SalesInvoiceTemplate-header.csv', () => {
    expect(firstLine(golden('xero-csv', 'xero-invoices-1.csv'))).toBe(
      sample('xero-SalesInvoiceTemplate-header.csv'),
    );
  });

  it.skipIf(!HAVE_REF)('sage-accounting-csv: byte-identical to the sales quick entries sample header', () => {
    expect(firstLine(golden('sage-accounting-csv', 'sage-accounting-sales-quick-entries-1.csv'))).toBe(
      sample('sage-accounting-sales-quick-entries-header.csv'),
    );
  });

  it.skipIf(!HAVE_REF)('quickbooks-desktop-iif: starts with the Intuit kit !TRNS and !SPL columns', () => {
    const kit = lines(sample('quickbooks-desktop-intuit-kit-invoice-example.iif')).map((l) => l.split('\t'));
    const ours = lines(golden('quickbooks-desktop-iif', 'quickbooks-desktop-invoices-1.iif')).map((l) =>
      l.split('\t'),
    );
    expect(ours[0]!.slice(0, kit[0]!.length)).toEqual(kit[0]);
    expect(ours[1]!.slice(0, kit[1]!.length)).toEqual(kit[1]);
    expect(ours[2]![0]).toBe('!ENDTRNS');
  });

  it.skipIf(!HAVE_REF)('reckon-accounts-iif: contains the AU GST example columns in order', () => {
    const trns = docLine('!TRNS,', 'NAMEISTAXABLE').split(',').filter(Boolean);
    const spl = docLine('!SPL,', 'TAXAMOUNT').split(',').filter(Boolean);
    const ours = lines(golden('reckon-accounts-iif', 'reckon-accounts-invoices-1.iif')).map((l) =>
      l.split('\t'),
    );
    expect(ours[0]!.slice(0, trns.length)).toEqual(trns);
    expect(ours[1]!.slice(0, spl.length)).toEqual(spl);
  });

  // The corrections to the pack (§9 of platform-corrections.md) replace the public-code headers of §1.4 with the
  // names Intuit says QuickBooks maps by itself (§1.1).
  it.skipIf(!HAVE_REF)(
    "quickbooks-online csv: every column is one of Intuit's auto-mapped names (§1.1)",
    () => {
      const listed = docLine('- "(the fields marked with * are mandatory)', 'Item Rate')
        .replace(/^.*mandatory\):\s*/, '')
        .replace(/".*$/, '')
        .split(', ')
        .map((n) => n.replace(/^\*/, '').toLowerCase());
      const normal = (n: string) => n.toLowerCase();
      for (const [id, file] of [
        ['quickbooks-online-csv', 'quickbooks-online-invoices-1.csv'],
        ['quickbooks-online-us-csv', 'quickbooks-online-us-invoices-1.csv'],
      ] as const) {
        const ours = firstLine(golden(id, file)).trim().split(',');
        // Columns Intuit's list does not name: the tax amount, currency and the US sales-tax pair.
        const extra = ['item tax amount', 'currency', 'taxable', 'taxrate'];
        for (const name of ours.map(normal)) {
          if (!extra.includes(name)) expect(listed, `${id}: ${name}`).toContain(name);
        }
      }
    },
  );

  it.skipIf(!HAVE_REF)(
    "myob-accountright-classic-txt: the AU Service Sales captions of §5, continuation captions with MYOB's leading spaces",
    () => {
      const text = doc();
      const at = text.indexOf('**Proposed AU Service Sales header');
      const listLine = text
        .slice(at)
        .split('\n')
        .find((l) => l.startsWith('`Co./Last Name'))!;
      const ref = listLine.replace(/^`|`$/g, '').split(', ');
      const ours = lines(golden('myob-accountright-classic-txt', 'myob-service-sales-1.txt'))[0]!.split('\t');
      expect(ours.map((c) => c.trim())).toEqual(ref);
      // As the AU header from MYOB exports shows them: "           - Line 2".
      for (const c of ours.filter((c) => c.trim().startsWith('- '))) expect(c).toMatch(/^ {11}- /);
    },
  );

  it.skipIf(!HAVE_REF)('sage-50-csv: the columns A–O of the Sage KB field table in §4.2', () => {
    const text = doc();
    const table = text.slice(text.indexOf('### 4.2'), text.indexOf('### 4.3'));
    const ref = table
      .split('\n')
      .filter((l) => /^\| [A-O] \|/.test(l))
      .map((l) =>
        l
          .split('|')[2]!
          .trim()
          .replace(/\s*\(.*\)$/, ''),
      );
    const ours = lines(golden('sage-50-csv', 'sage-50-audit-trail-1.csv'))[0]!.split(',');
    expect(ref).toHaveLength(15);
    expect(ours).toEqual(ref);
  });

  it.skipIf(!HAVE_REF)('moneyworks-txt: every field name is one the reference lists (§6)', () => {
    const text = doc();
    const section = text.slice(text.indexOf('## 6. MoneyWorks'), text.indexOf('## 7. Xero')).toLowerCase();
    const ours = lines(golden('moneyworks-txt', 'moneyworks-transactions-1.txt'))[0]!.split('\t');
    for (const name of ours) expect(section, name).toContain(`\`${name.toLowerCase()}\``);
  });
});

// Oracle's FBDI CSV is not in the reference pack; its shape is checked against the template source here.
describe('oracle-fusion-autoinvoice-csv layout', () => {
  const zip = unzipSync(
    readFileSync(join(GOLDEN, 'oracle-fusion-autoinvoice-csv', 'oracle-autoinvoice-1.zip')),
  );
  const rows = Buffer.from(zip['RaInterfaceLinesAll.csv']!).toString('utf8').split('\r\n').filter(Boolean);

  it('has no header row: the first record is data', () => {
    expect(rows[0]!.split(',').slice(1, 4)).toEqual(['Abtrac', 'Invoice', '30 Net']);
  });

  it('every record has 372 positions ending in END, with key columns where the template puts them', () => {
    for (const row of rows) {
      // Quoted commas appear only in the description (27) and comments (288) of the fixture.
      const fields = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
      expect(fields.filter((f, i) => i < 372 || f !== '')).toHaveLength(372);
      expect(fields[371]).toBe('END');
      expect(fields[25]).toBe('LINE');
      expect(fields[286]).toBe('AU Business Unit');
      expect(fields[4]).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    }
  });
});
