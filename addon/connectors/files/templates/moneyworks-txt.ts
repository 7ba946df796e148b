// MoneyWorks transaction import: "Tab-separated text with field names" (the first record names the fields),
// mapped in the Import Field Order dialog (import-formats.md §6). Field names follow MoneyWorks' transaction
// field list (moneyworks_appendix_transactions.html) as used by public integrations. Each record repeats the
// transaction fields with one Detail line; that MoneyWorks joins such records into one transaction is unverified.
import { defineFileTemplate } from '../define-template.ts';
import { oneRowPerLine, signedMoney } from '../helpers.ts';
import type { Column, LineRow } from '../types.ts';

const columns: readonly Column<LineRow>[] = [
  // DI = debtor invoice; a credit note is a debtor invoice with negative values (§6, sign handling).
  { header: 'Type', kind: 'fixed', value: () => 'DI' },
  {
    header: 'OurRef',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    value: (r) => r.inv.number,
  },
  { header: 'TransDate', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  { header: 'DueDate', kind: 'date', source: 'dueDate', value: (r, c) => c.date(r.inv.dueDate) },
  {
    header: 'NameCode',
    kind: 'code',
    label: 'debtor code (client code)',
    source: 'contact.clientCode',
    required: true,
    value: (r) => r.inv.contact.clientCode,
  },
  {
    header: 'TheirRef',
    kind: 'text',
    label: 'reference',
    source: 'reference',
    value: (r) => r.inv.reference,
  },
  // Description: T 1000.
  {
    header: 'Description',
    kind: 'text',
    label: 'transaction description',
    source: 'contact.name',
    max: 1000,
    overflow: 'truncate',
    value: (r) => r.inv.contact.name,
  },
  // Detail.Account: T 14, "account code- (or account-department code)".
  {
    header: 'Detail.Account',
    kind: 'code',
    label: 'income account',
    source: 'line.accountCode',
    required: true,
    max: 14,
    value: (r) => r.line.accountCode,
  },
  {
    header: 'Detail.TaxCode',
    kind: 'code',
    label: 'tax code',
    source: 'line.taxCode',
    required: true,
    value: (r) => r.line.taxCode,
  },
  { header: 'Detail.Net', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.netCents) },
  { header: 'Detail.Tax', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.taxCents) },
  { header: 'Detail.Gross', kind: 'amount', value: (r) => signedMoney(r.inv, r.line.grossCents) },
  {
    header: 'Detail.Description',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    max: 1000,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  // "MoneyWorks expects that the sum of the Detail.Gross values will equal the transaction Gross value";
  // gross goes last ("MW requires it", ari/moneyworks-cli).
  { header: 'Gross', kind: 'amount', value: (r) => signedMoney(r.inv, r.inv.totalCents) },
];

export const moneyworksTxt = defineFileTemplate(
  {
    id: 'moneyworks-txt',
    displayName: 'MoneyWorks (tab-separated)',
    docs: [
      'import-formats.md §6',
      'http://secure.cognito.co.nz/manual/moneyworks_export_import_import_file_format.html',
      'https://cognito.co.nz/manual/moneyworks_export_import_transaction_importing.html',
      'https://secure.cognito.co.nz/manual/moneyworks_appendix_transactions.html',
    ],
  },
  {
    fileStem: 'moneyworks-transactions',
    extension: 'txt',
    contentType: 'text/tab-separated-values; charset=utf-8',
    delimiter: '\t',
    // "each record terminated by a Carriage Return character (ASCII 13) or CR/LF".
    recordDelimiter: '\r\n',
    encoding: 'utf-8',
    bom: false,
    quoting: 'none',
    // MoneyWorks reads the text file itself; no spreadsheet in between.
    spreadsheet: false,
    // Undocumented for text imports; NZ/AU day-first order [Derived, unverified].
    dateFormat: 'DD/MM/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    limits: {},
    currency: 'base-only',
    defaultBaseCurrency: 'NZD',
    uncertain: [
      'That MoneyWorks joins records with the same OurRef into one transaction, and the day-first date order, are not documented for text imports.',
    ],
    creditNote: {
      how: 'negative values on a debtor invoice',
      warning:
        'This credit note is written as a debtor invoice with negative amounts. In MoneyWorks leave the import Signs option on "Positive" so the negative figures are kept.',
    },
  },
);
