// Sage 50 Accounts (UK) audit trail transaction import: SI (sales invoice) and SC (sales credit) rows.
// "You can't import into the Invoices and credit module. You can import sales invoice (SI) and sales credit
// (SC) transactions as audit trail transactions" (import-formats.md §4.2). Columns A–O and their sizes come from
// Sage KB 250321114601443; rows sharing Account, Date and Reference are grouped under one header.
import { defineFileTemplate } from '../define-template.ts';
import { money, oneRowPerLine } from '../helpers.ts';
import type { Column, LineRow } from '../types.ts';

// Net and Tax: Decimal 11, "8 digits + 2 dp".
const AMOUNT = /^\d{1,8}\.\d{2}$/;
const AMOUNT_HINT = 'Sage 50 takes at most 99,999,999.99 per line, so split the line';

const columns: readonly Column<LineRow>[] = [
  { header: 'Transaction Type', kind: 'fixed', value: (r) => (r.inv.kind === 'credit' ? 'SC' : 'SI') },
  // Text 8, must exist; "Account code data is always converted to upper-case lettering and any spaces removed".
  {
    header: 'Account',
    kind: 'code',
    label: 'customer account reference (client code)',
    source: 'contact.clientCode',
    required: true,
    max: 8,
    pattern: /^[A-Z0-9]+$/,
    patternHint: 'Sage 50 account references are capital letters and digits without spaces',
    value: (r) => r.inv.contact.clientCode,
  },
  {
    header: 'Nominal Code',
    kind: 'code',
    label: 'nominal code',
    source: 'line.accountCode',
    required: true,
    max: 8,
    value: (r) => r.line.accountCode,
  },
  { header: 'Department', kind: 'number' },
  { header: 'Date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  // Reference Text 30 (older versions: 8, §4.2).
  {
    header: 'Reference',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: 30,
    value: (r) => r.inv.number,
  },
  {
    header: 'Details',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 60,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  // SC rows carry positive figures; the type makes them a credit.
  {
    header: 'Net',
    kind: 'amount',
    pattern: AMOUNT,
    patternHint: AMOUNT_HINT,
    value: (r) => money(r.line.netCents),
  },
  // T0–T99 (UK defaults: T0 zero, T1 standard, T2 exempt, T4 EC sales, T9 outside scope).
  {
    header: 'T/C',
    kind: 'code',
    label: 'tax code',
    source: 'line.taxCode',
    required: true,
    pattern: /^T\d{1,2}$/,
    patternHint: 'a Sage tax code from T0 to T99',
    value: (r) => r.line.taxCode,
  },
  {
    header: 'Tax',
    kind: 'amount',
    pattern: AMOUNT,
    patternHint: AMOUNT_HINT,
    value: (r) => money(r.line.taxCents),
  },
  { header: 'Exchange Rate', kind: 'number' },
  {
    header: 'Ex.Ref',
    kind: 'text',
    label: 'extra reference',
    source: 'reference',
    max: 30,
    overflow: 'truncate',
    value: (r) => r.inv.reference,
  },
  { header: 'User Name', kind: 'text' },
  { header: 'Project Reference', kind: 'code' },
  { header: 'Cost Code Reference', kind: 'code' },
];

export const sage50Csv = defineFileTemplate(
  {
    id: 'sage-50-csv',
    displayName: 'Sage 50 Accounts (UK)',
    docs: [
      'import-formats.md §4.2',
      'https://gb-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=200427112357427',
      'https://gb-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=250321114601443',
      'https://gb-kb.sage.com/portal/app/portlets/results/viewsolution.jsp?hypermediatext=null&solutionid=200427112602335',
    ],
  },
  {
    fileStem: 'sage-50-audit-trail',
    extension: 'csv',
    contentType: 'text/csv; charset=windows-1252',
    delimiter: ',',
    recordDelimiter: '\r\n',
    // The old importer is an ANSI Windows program: no BOM (§9), Windows-1252 keeps "£" and accents.
    encoding: 'windows-1252',
    bom: false,
    quoting: 'csv',
    // Sage 50 users prepare audit-trail imports in Excel.
    spreadsheet: true,
    // Details is a 60-character one-line field in an old importer, so line breaks become spaces.
    singleLineText: true,
    dateFormat: 'DD/MM/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    limits: {},
    // There is an Exchange Rate column but no currency code column, so only the base currency is expressed.
    currency: 'base-only',
    defaultBaseCurrency: 'GBP',
    creditNote: { how: 'Transaction Type SC, positive amounts' },
  },
);
