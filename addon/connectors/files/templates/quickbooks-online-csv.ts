// QuickBooks Online "Import invoices" for AU/UK/CA companies: a per-line tax code and tax amount.
// Columns as QuickBooks names them (docs/platforms/quickbooks-online.md). The tax code is the interface's mapping:
// the company's own code names, e.g. AU "GST", UK "20.0% S", CA "GST".

import { defineFileTemplate } from '../define-template.ts';
import { money, oneRowPerLine } from '../helpers.ts';
import type { Column, LineRow } from '../types.ts';
import {
  itemSettings,
  qboCreditHeaders,
  qboCreditNote,
  qboLeadingColumns,
} from './quickbooks-online-columns.ts';

const columns: readonly Column<LineRow>[] = [
  ...qboLeadingColumns,
  {
    header: 'Item tax code',
    kind: 'code',
    label: 'tax code',
    source: 'line.taxCode',
    required: true,
    value: (r) => r.line.taxCode,
  },
  { header: 'Item tax amount', kind: 'amount', value: (r) => money(r.line.taxCents) },
  { header: 'Currency', kind: 'code', source: 'currency', value: (r) => r.inv.currency },
];

export const quickbooksOnlineCsv = defineFileTemplate(
  {
    id: 'quickbooks-online-csv',
    displayName: 'QuickBooks Online (AU/UK/CA CSV)',
    docs: [
      'import-formats.md §1',
      'https://quickbooks.intuit.com/learn-support/en-ca/sales-and-invoicing/do-we-need-to-map-field-everytime-when-import-invoices/01/394876/highlight/true',
      'https://quickbooks.intuit.com/learn-support/en-us/help-articles/how-to-import-credit-notes/00/332855',
      'https://support.zed-systems.com/kb/a262/how-to-import-gst-or-vat-on-transactions-into-quickbooks-online.aspx',
    ],
  },
  {
    fileStem: 'quickbooks-online-invoices',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    delimiter: ',',
    recordDelimiter: '\r\n',
    // Encoding is undocumented; UTF-8 is the usual choice (§1.4). BOM untested, so none.
    encoding: 'utf-8',
    bom: false,
    quoting: 'csv',
    // People check and fix these files in Excel before importing.
    spreadsheet: true,
    // The date format is picked in the import wizard (§1.1); this is the default offered.
    dateFormat: 'DD/MM/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    // Exclusive/Inclusive is one choice per import in the wizard (§1.1), and credit notes have their own tool.
    separateFilesBy: ['kind', 'taxMode'],
    // "A maximum of 100 invoices and 1000 total lines at a time" (third-party, unverified; §1.2).
    limits: { invoicesPerFile: 100, rowsPerFile: 1000 },
    currency: 'column',
    defaultBaseCurrency: 'AUD',
    uncertain: [
      "Intuit publishes no sample header: columns are named as QuickBooks maps them by itself, but if one is not matched on the import's mapping screen, pick it there.",
      'The limit of 100 invoices and 1,000 lines per file comes from third parties.',
    ],
    creditNote: qboCreditNote,
    creditHeaders: qboCreditHeaders,
    settings: {
      dateFormat: {
        label: 'Date format',
        default: 'DD/MM/YYYY',
        oneOf: ['DD/MM/YYYY', 'MM/DD/YYYY'],
        help: 'Choose the same format on QuickBooks\' import screen ("Select the date format you have used").',
      },
      ...itemSettings,
    },
  },
);
