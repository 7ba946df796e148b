// QuickBooks Online "Import invoices" for US companies: a Taxable flag per line and one sales-tax rate (item)
// per invoice. Header: the public C# exporter's US header with tax columns (import-formats.md §1.4) [Code].
import { defineFileTemplate } from '../define-template.ts';
import { oneRowPerLine } from '../helpers.ts';
import type { Column, LineRow, ProblemDraft } from '../types.ts';
import {
  itemSettings,
  qboCreditHeaders,
  qboCreditNote,
  qboLeadingColumns,
} from './quickbooks-online-columns.ts';

const taxable = (r: LineRow): boolean => r.line.taxCents !== 0n;

const columns: readonly Column<LineRow>[] = [
  ...qboLeadingColumns,
  // US model: "LineTaxable (checkbox)" and TaxRate = "name of the sales tax item only" (TransactionPro, §1.3).
  { header: 'Taxable', kind: 'fixed', value: (r) => (taxable(r) ? 'Y' : 'N') },
  {
    header: 'TaxRate',
    kind: 'code',
    label: 'sales tax item',
    source: 'line.taxName',
    value: (r) => (taxable(r) ? r.line.taxName : undefined),
  },
  { header: 'Service Date', kind: 'date' },
];

export const quickbooksOnlineUsCsv = defineFileTemplate(
  {
    id: 'quickbooks-online-us-csv',
    displayName: 'QuickBooks Online (US CSV)',
    docs: [
      'import-formats.md §1',
      'https://support.transactionpro.com/kb/a163/quickbooks-online-setting-sales-tax.aspx',
      'https://quickbooks.intuit.com/learn-support/en-us/help-articles/how-to-import-credit-notes/00/332855',
    ],
  },
  {
    fileStem: 'quickbooks-online-us-invoices',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    delimiter: ',',
    recordDelimiter: '\r\n',
    encoding: 'utf-8',
    bom: false,
    quoting: 'csv',
    // People check and fix these files in Excel before importing.
    spreadsheet: true,
    dateFormat: 'MM/DD/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    // US sales tax is added on top, so there is no inclusive choice; credit notes have their own tool (§1.1).
    separateFilesBy: ['kind'],
    limits: { invoicesPerFile: 100, rowsPerFile: 1000 },
    // The US header has no currency column.
    currency: 'base-only',
    defaultBaseCurrency: 'USD',
    uncertain: [
      "Intuit publishes no sample header: columns are named as QuickBooks maps them by itself, but if one is not matched on the import's mapping screen, pick it there.",
      'The limit of 100 invoices and 1,000 lines per file comes from third parties.',
    ],
    creditNote: qboCreditNote,
    creditHeaders: qboCreditHeaders,
    settings: {
      dateFormat: {
        label: 'Date format',
        default: 'MM/DD/YYYY',
        oneOf: ['MM/DD/YYYY', 'DD/MM/YYYY'],
        help: 'Choose the same format on QuickBooks\' import screen ("Select the date format you have used").',
      },
      ...itemSettings,
    },
    extraRules: (inv) => {
      const problems: ProblemDraft[] = [];
      const rates = new Set(inv.lines.filter((l) => l.taxCents !== 0n).map((l) => l.taxName));
      if (rates.size > 1) {
        problems.push({
          severity: 'error',
          code: 'mixed_sales_tax',
          field: 'lines',
          message: `Invoice ${inv.number} uses several sales tax rates (${[...rates].join(', ')}); a QuickBooks Online US invoice takes one. Split it into one invoice per rate.`,
        });
      }
      if (inv.taxMode === 'inclusive') {
        problems.push({
          severity: 'error',
          code: 'inclusive_not_supported',
          field: 'taxMode',
          message: `Invoice ${inv.number} has tax-inclusive prices; QuickBooks Online US adds sales tax on top. Change it to tax-exclusive prices.`,
        });
      }
      return problems;
    },
  },
);
