// MYOB AccountRight Classic (v19 and earlier, Australia) Service Sales import: File > Import Data > Sales >
// Service Sales, in single-user mode, "First Record is Header Record", cards matched by Card ID.
// Captions are MYOB's own, from its v19 import/export tables (help.myob.com.au/prem19/win/impexptables.htm),
// including the leading spaces of the continuation captions ("           - Line 2"), as MYOB's own exports write
// them (docs/platforms/myob-accountright-classic.md).

import type { LedgerInvoice } from '../../types.ts';
import { defineFileTemplate } from '../define-template.ts';
import { joinNonEmpty, money, oneRowPerLine, signedMoney } from '../helpers.ts';
import type { Column, LineRow, ProblemDraft, RenderContext } from '../types.ts';

const addr = (r: LineRow) => r.inv.contact.address;

/** MYOB's continuation captions start with eleven spaces, lining up under the caption they continue. */
const cont = (caption: string) => `           ${caption}`;

/** "Invoice #: 8 chars" (MYOB v19 Sales Fields - Service). */
export const MYOB_NUMBER_MAX = 8;

/**
 * The invoice number MYOB will store: Abtrac's, or, when longer than MYOB's 8 characters, shortened the way the
 * practice chose in the interface options (never silently: the preview shows each change).
 */
export function myobNumber(inv: LedgerInvoice, ctx: RenderContext): string {
  const n = inv.number;
  if ([...n].length <= MYOB_NUMBER_MAX) return n;
  switch (ctx.settings.longNumbers) {
    case 'drop-prefix':
      return n.replace(/^[^0-9]+/, '');
    case 'last-8':
      return [...n].slice(-MYOB_NUMBER_MAX).join('');
    default:
      return n;
  }
}

const columns: readonly Column<LineRow>[] = [
  // Company names are at most 50 characters and must match the card.
  {
    header: 'Co./Last Name',
    kind: 'text',
    label: 'customer name',
    source: 'contact.name',
    required: true,
    max: 50,
    value: (r) => r.inv.contact.name,
  },
  { header: 'First Name', kind: 'text' },
  { header: 'Addr 1 - Line 1', kind: 'text', source: 'contact.address.line1', value: (r) => addr(r).line1 },
  { header: cont('- Line 2'), kind: 'text', source: 'contact.address.line2', value: (r) => addr(r).line2 },
  {
    header: cont('- Line 3'),
    kind: 'text',
    source: 'contact.address.city',
    value: (r) => joinNonEmpty(' ', addr(r).city, addr(r).region, addr(r).postcode),
  },
  {
    header: cont('- Line 4'),
    kind: 'text',
    source: 'contact.address.country',
    value: (r) => addr(r).country,
  },
  // "Any non-zero value indicates that the Sale Invoice is Tax Inclusive" (Zed Axis, §5).
  { header: 'Inclusive', kind: 'fixed', value: (r) => (r.inv.taxMode === 'inclusive' ? 'X' : '') },
  // "Invoice #: 8 chars"; a longer Abtrac number is mapped as the interface options say.
  {
    header: 'Invoice #',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: MYOB_NUMBER_MAX,
    tooLongHint:
      'Choose how long numbers are shortened under "Invoice # longer than 8 characters" in the interface\'s export settings, or renumber the invoice.',
    value: (r, c) => myobNumber(r.inv, c),
  },
  // "Follows date convention of your system": Australian Windows uses day/month/year.
  { header: 'Date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  {
    header: 'Customer PO',
    kind: 'text',
    label: 'reference',
    source: 'reference',
    max: 20,
    overflow: 'truncate',
    value: (r) => r.inv.reference,
  },
  { header: 'Ship Via', kind: 'text' },
  // A = Already Printed or Sent: Abtrac has already issued the invoice, so MYOB should not queue it to print.
  { header: 'Delivery Status', kind: 'fixed', value: () => 'A' },
  {
    header: 'Description',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 255,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  // "5 digits, optional separator (e.g. 1-1234); must exist".
  {
    header: 'Account #',
    kind: 'code',
    label: 'income account',
    source: 'line.accountCode',
    required: true,
    pattern: /^\d-?\d{4}$/,
    patternHint: 'an MYOB account number such as 4-1100',
    value: (r) => r.line.accountCode,
  },
  // "Amount accepts a negative sign"; a credit is a negative service sale [Derived, unverified; §5].
  { header: 'Amount', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.netCents) },
  { header: 'Inc-Tax Amount', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.grossCents) },
  // Job: 15 characters; must exist ("-85 Job not found … job ignored").
  {
    header: 'Job',
    kind: 'code',
    label: 'job code',
    source: 'job.code',
    max: 15,
    value: (r) => r.inv.job?.code,
  },
  { header: 'Comment', kind: 'text' },
  {
    header: 'Journal Memo',
    kind: 'text',
    label: 'journal memo',
    source: 'contact.name',
    max: 255,
    overflow: 'truncate',
    value: (r) => `Sale; ${r.inv.contact.name}`,
  },
  { header: 'Salesperson Last Name', kind: 'text' },
  { header: 'Salesperson First Name', kind: 'text' },
  { header: 'Promised Date', kind: 'date' },
  { header: 'Referral Source', kind: 'text' },
  // AU codes GST, FRE (§5); MYOB tax codes are at most 3 characters.
  {
    header: 'Tax Code',
    kind: 'code',
    label: 'tax code',
    source: 'line.taxCode',
    required: true,
    max: 3,
    value: (r) => r.line.taxCode,
  },
  { header: 'Non-GST Amount', kind: 'amount' },
  { header: 'GST Amount', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.taxCents) },
  { header: 'LCT Amount', kind: 'amount' },
  // "Freight tax code must always be included even though freight might not apply" (myob.md, odbclink).
  { header: 'Freight Amount', kind: 'amount', value: () => money(0n) },
  { header: 'Inc-Tax Freight Amount', kind: 'amount', value: () => money(0n) },
  {
    header: 'Freight Tax Code',
    kind: 'code',
    label: 'freight tax code',
    value: (_r, c) => c.settings.freightTaxCode,
  },
  { header: 'Freight Non-GST Amount', kind: 'amount' },
  { header: 'Freight GST Amount', kind: 'amount' },
  { header: 'Freight LCT Amount', kind: 'amount' },
  { header: 'Sale Status', kind: 'fixed' },
  // Blank means the file's own currency; a foreign sale names its currency (multi-currency files only).
  {
    header: 'Currency Code',
    kind: 'code',
    source: 'currency',
    value: (r, c) => (r.inv.currency.toUpperCase() === c.baseCurrency ? '' : r.inv.currency),
  },
  { header: 'Exchange Rate', kind: 'number' },
  { header: 'Terms - Payment is Due', kind: 'number' },
  { header: cont('- Discount Days'), kind: 'number' },
  { header: cont('- Balance Due Days'), kind: 'number' },
  { header: cont('- % Discount'), kind: 'number' },
  { header: cont('- % Monthly Charge'), kind: 'number' },
  { header: 'Amount Paid', kind: 'amount' },
  { header: 'Category', kind: 'code' },
  // Cards are matched by Card ID (legacy Abtrac MYOB upload, peers.md §1.8); Card IDs are at most 15 characters.
  {
    header: 'Card ID',
    kind: 'code',
    label: 'card ID (client code)',
    source: 'contact.clientCode',
    required: true,
    max: 15,
    value: (r) => r.inv.contact.clientCode,
  },
  { header: 'Record ID', kind: 'number' },
];

export const myobAccountrightClassicTxt = defineFileTemplate(
  {
    id: 'myob-accountright-classic-txt',
    displayName: 'MYOB AccountRight Classic v19 (Service Sales)',
    docs: [
      'import-formats.md §5',
      'https://help.myob.com/wiki/x/8YFk',
      'https://help.acclivitysoftware.com/prem18/win/impexpfield.37.3.htm',
      'https://help.accountedge.com/prem16/win/impexptables-19.htm',
      'https://support.zed-systems.com/kb/a83/import-invoices-into-myob.aspx',
    ],
  },
  {
    fileStem: 'myob-service-sales',
    extension: 'txt',
    contentType: 'text/plain; charset=windows-1252',
    delimiter: '\t',
    recordDelimiter: '\r\n',
    // A Windows ANSI-era program: Windows-1252, no BOM (§5, §9).
    encoding: 'windows-1252',
    bom: false,
    quoting: 'none',
    // AccountRight reads the text file itself; no spreadsheet in between.
    spreadsheet: false,
    dateFormat: 'DD/MM/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    // "A blank line must be entered between each record… all of your records could be imported as one" (§5).
    blankLineBetweenInvoices: true,
    limits: {},
    currency: 'column',
    defaultBaseCurrency: 'AUD',
    uncertain: [
      'A credit is written as a service sale with negative amounts; MYOB accepts negative amounts, but that it records a credit is not documented.',
    ],
    creditNote: { how: 'negative amounts on a service sale' },
    documentNumber: myobNumber,
    settings: {
      freightTaxCode: {
        label: 'Freight Tax Code',
        default: 'FRE',
        help: 'MYOB wants a freight tax code on every sale even with no freight; use a code from your Tax Code List.',
      },
      longNumbers: {
        label: 'Invoice # longer than 8 characters',
        default: 'refuse',
        oneOf: ['refuse', 'drop-prefix', 'last-8'],
        help: 'MYOB holds at most 8 characters in Invoice #. refuse: such invoices are not exported; drop-prefix: letters and punctuation before the first digit are removed (INV-10001 becomes 10001); last-8: the last 8 characters are kept. The preview shows every number that changes.',
      },
    },
    extraRules: (inv, ctx) => {
      const problems: ProblemDraft[] = [];
      const written = myobNumber(inv, ctx);
      if (written !== inv.number) {
        problems.push({
          severity: 'warning',
          code: 'number_shortened',
          field: 'number',
          message: `Invoice ${inv.number} will be numbered ${written} in MYOB, which holds at most ${MYOB_NUMBER_MAX} characters in Invoice #.`,
        });
      }
      return problems;
    },
  },
);
