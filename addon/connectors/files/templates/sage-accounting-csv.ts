// Sage Accounting (Business Cloud) "Sales Quick Entries" import: Sales > Quick Entries > Import Quick Entries.
// Header: samples/sage-accounting-sales-quick-entries-header.csv; field rules from Sage's tables
// (import-formats.md §4.1). Columns G–N for sales are taken from the purchases table and are unverified.
// Each row is one quick entry with one ledger account and VAT rate; an invoice's lines share its Reference.
import { defineFileTemplate } from '../define-template.ts';
import { money, oneRowPerLine } from '../helpers.ts';
import type { Column, LineRow } from '../types.ts';

// Net, VAT and Total: "≤8 digits + 2 dp (99999999.99)".
const AMOUNT = /^\d{1,8}\.\d{2}$/;
const AMOUNT_HINT = 'Sage takes at most 99,999,999.99 per entry, so split the line';

const columns: readonly Column<LineRow>[] = [
  // "Enter Invoice or Cr Note." Credit amounts stay positive.
  { header: 'Type', kind: 'fixed', value: (r) => (r.inv.kind === 'credit' ? 'Cr Note' : 'Invoice') },
  // Account ref ≤10 chars; the customer must already exist.
  {
    header: 'Customer Reference',
    kind: 'code',
    label: 'customer reference (client code)',
    source: 'contact.clientCode',
    required: true,
    max: 10,
    value: (r) => r.inv.contact.clientCode,
  },
  { header: 'Date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  {
    header: 'Customer Name',
    kind: 'text',
    label: 'customer name',
    source: 'contact.name',
    max: 50,
    overflow: 'truncate',
    value: (r) => r.inv.contact.name,
  },
  {
    header: 'Reference',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: 25,
    value: (r) => r.inv.number,
  },
  {
    header: 'Ledger Account',
    kind: 'code',
    label: 'ledger account',
    source: 'line.accountCode',
    required: true,
    pattern: /^\d{1,8}$/,
    patternHint: 'a ledger account number of up to 8 digits',
    value: (r) => r.line.accountCode,
  },
  // "No more than 255 characters… only the first 25 get imported".
  {
    header: 'Details',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 25,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  {
    header: 'Net',
    kind: 'amount',
    pattern: AMOUNT,
    patternHint: AMOUNT_HINT,
    value: (r) => money(r.line.netCents),
  },
  {
    header: 'VAT Rate',
    kind: 'code',
    label: 'VAT rate name',
    source: 'line.taxName',
    required: true,
    oneOf: ['Standard', 'Zero Rated', 'Lower Rate', 'Exempt', 'No VAT'],
    value: (r) => r.line.taxName,
  },
  {
    header: 'VAT',
    kind: 'amount',
    pattern: AMOUNT,
    patternHint: AMOUNT_HINT,
    value: (r) => money(r.line.taxCents),
  },
  {
    header: 'Total',
    kind: 'amount',
    pattern: AMOUNT,
    patternHint: AMOUNT_HINT,
    value: (r) => money(r.line.grossCents),
  },
  // Analysis Types must match names set up in Settings > Analysis Types, so they are left empty.
  { header: 'Analysis Type 1', kind: 'text' },
  { header: 'Analysis Type 2', kind: 'text' },
  { header: 'Analysis Type 3', kind: 'text' },
];

export const sageAccountingCsv = defineFileTemplate(
  {
    id: 'sage-accounting-csv',
    displayName: 'Sage Accounting (Sales Quick Entries)',
    docs: [
      'import-formats.md §4.1',
      'samples/sage-accounting-sales-quick-entries-header.csv',
      'https://help.accounting.sage.com/en-gb/accounting/importing/extra-quick-entry-import.html',
      'https://gb-kb.sage.com/portal/app/portlets/results/viewsolution.jsp?solutionid=222001000100915',
      'https://ca-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=210128223750317',
    ],
  },
  {
    fileStem: 'sage-accounting-sales-quick-entries',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    delimiter: ',',
    recordDelimiter: '\r\n',
    encoding: 'utf-8',
    bom: false,
    quoting: 'csv',
    // Sage's own instructions have the file prepared in a spreadsheet.
    spreadsheet: true,
    // Quick entries are one-line records (Details keeps 25 characters), so line breaks become spaces.
    singleLineText: true,
    dateFormat: 'DD-MM-YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    // "The maximum file size you can import is 0.5MB."
    limits: { bytesPerFile: 500_000 },
    // "What can you not import? … Foreign invoices; Invoices with foreign currencies."
    currency: 'base-only',
    defaultBaseCurrency: 'GBP',
    uncertain: [
      'Sage documents the quick-entry columns after Ledger Account for purchases; sales are assumed the same.',
    ],
    creditNote: { how: 'Type "Cr Note", positive amounts' },
  },
);
