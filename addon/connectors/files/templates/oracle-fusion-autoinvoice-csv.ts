// Oracle Fusion Cloud Financials AutoInvoice import (FBDI): RaInterfaceLinesAll.csv and
// RaInterfaceDistributionsAll.csv inside one zip, loaded with "Load Interface File for Import" then "Import
// AutoInvoice" (docs/platforms/oracle-fusion-autoinvoice.md).
//
// Sources:
// - Oracle, "AutoInvoice Import" FBDI template (AutoInvoiceImportTemplate.xlsm, UCM account fin/receivables/import):
//   https://docs.oracle.com/en/cloud/saas/financials/24d/oefbf/autoinvoiceimport-3113.html
// - Oracle, "AutoInvoice Interface Table RA_INTERFACE_LINES_ALL" (column rules):
//   https://docs.oracle.com/en/cloud/saas/financials/24c/faofc/autoinvoice-interface-table-ra-interface-lines-all.html
// - Column positions: a public analysis of a successful Fusion load of the template's CSV [Code, third party, not
//   Oracle]: the template's GenCSV macro writes 372 columns, no header row, CRLF line ends, dates YYYY/MM/DD, moves
//   Business Unit Name to position 287 and ends each row with "END". Positions 1–39, 54, 77, 95, 111, 287–289
//   and 372 below agree with that analysis and with a public copy of the template's column list; the rest of
//   the 372 are written empty.
// CERTAIN (Oracle docs): the RA_INTERFACE_LINES_ALL columns used and their meaning. FROM THE THIRD-PARTY
// ANALYSIS (verify against your release's template): the positions, the 372-column width and the END marker.
// Template column counts change between releases; regenerate from your pod's AutoInvoiceImportTemplate.xlsm if
// the import reports shifted values.

import { defineFileTemplate } from '../define-template.ts';
import { bindRow, decimal, lineAmount, negateDecimal, oneRowPerLine, signedMoney } from '../helpers.ts';
import type { Column, LineRow, RenderContext } from '../types.ts';

const WIDTH = 372;

const accountNumber = (r: LineRow) => r.inv.contact.externalId ?? r.inv.contact.clientCode;

/** The site number setting, with {account} standing for the customer's account number. */
const billToSite = (r: LineRow, c: RenderContext) =>
  (c.settings.billToSite ?? '').replaceAll('{account}', accountNumber(r));

// Keyed by 1-based CSV position.
const known: Readonly<Record<number, Column<LineRow>>> = {
  2: {
    header: 'Transaction Batch Source Name',
    kind: 'code',
    label: 'transaction batch source',
    required: true,
    value: (_r, c) => c.settings.batchSource,
  },
  3: {
    header: 'Transaction Type Name',
    kind: 'code',
    label: 'transaction type',
    required: true,
    value: (r, c) => (r.inv.kind === 'credit' ? c.settings.creditType : c.settings.invoiceType),
  },
  // Credit memos take no payment terms (an on-account credit has no due date).
  4: {
    header: 'Payment Terms',
    kind: 'code',
    value: (r, c) => (r.inv.kind === 'credit' ? '' : c.settings.paymentTerms),
  },
  5: { header: 'Transaction Date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  6: { header: 'Accounting Date', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  // TRX_NUMBER VARCHAR2(20). Supplied only for a batch source with manual numbering: "You must provide a
  // transaction number if the transaction source indicates manual transaction numbering. Otherwise don't".
  7: {
    header: 'Transaction Number',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    max: 20,
    value: (r, c) => (c.settings.supplyNumber === 'yes' ? r.inv.number : ''),
  },
  19: {
    header: 'Bill-to Customer Account Number',
    kind: 'code',
    label: 'customer account number (client code)',
    source: 'contact.clientCode',
    required: true,
    max: 30,
    value: accountNumber,
  },
  // Set in every successful public load; the site is where the bill goes. Position 20 follows the bill-to account
  // in the template's column list.
  20: {
    header: 'Bill-to Customer Site Number',
    kind: 'code',
    label: 'bill-to site number',
    source: 'contact.clientCode',
    required: true,
    max: 30,
    value: (r, c) => billToSite(r, c),
  },
  26: { header: 'Transaction Line Type', kind: 'fixed', value: () => 'LINE' },
  // DESCRIPTION VARCHAR2(240).
  27: {
    header: 'Transaction Line Description',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    required: true,
    max: 240,
    overflow: 'truncate',
    value: (r) => r.line.description,
  },
  28: {
    header: 'Currency Code',
    kind: 'code',
    source: 'currency',
    required: true,
    max: 15,
    value: (r) => r.inv.currency,
  },
  // "If the currency of the transaction is the same as the base currency, enter User and set CONVERSION_RATE to 1."
  29: {
    header: 'Currency Conversion Type',
    kind: 'code',
    value: (r, c) => (r.inv.currency.toUpperCase() === c.baseCurrency ? 'User' : c.settings.conversionType),
  },
  31: {
    header: 'Currency Conversion Rate',
    kind: 'number',
    value: (r, c) => (r.inv.currency.toUpperCase() === c.baseCurrency ? '1' : ''),
  },
  // On-account credit memos carry negative amounts; quantity stays positive with a negative unit price, as in
  // Oracle's on-account credit memo example (Create an On-Account Credit Memo with Lines) [Derived].
  32: {
    header: 'Transaction Line Amount',
    kind: 'amount',
    value: (r) => signedMoney(r.inv, lineAmount(r.inv, r.line)),
  },
  33: { header: 'Transaction Line Quantity', kind: 'number', value: (r) => decimal(r.line.quantity) },
  35: {
    header: 'Unit Selling Price',
    kind: 'amount',
    value: (r) => (r.inv.kind === 'credit' ? negateDecimal(r.line.unitPrice) : decimal(r.line.unitPrice)),
  },
  // INTERFACE_LINE_CONTEXT + ATTRIBUTE1-15 must be unique per line: invoice number and line number.
  37: {
    header: 'Line Transactions Flexfield Context',
    kind: 'code',
    label: 'line flexfield context',
    required: true,
    value: (_r, c) => c.settings.lineContext,
  },
  38: {
    header: 'Line Transactions Flexfield Segment 1',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    max: 30,
    value: (r) => r.inv.number,
  },
  39: { header: 'Line Transactions Flexfield Segment 2', kind: 'number', value: (r) => String(r.index + 1) },
  // Oracle Tax computes the tax from the classification code; AutoInvoice TAX lines are not written.
  54: {
    header: 'Tax Classification Code',
    kind: 'code',
    label: 'tax classification code',
    source: 'line.taxCode',
    max: 50,
    value: (r) => r.line.taxCode,
  },
  77: { header: 'Default Taxation Country', kind: 'code', value: (_r, c) => c.settings.taxationCountry },
  95: {
    header: 'Line Amount Includes Tax Flag',
    kind: 'fixed',
    value: (r) => (r.inv.taxMode === 'inclusive' ? 'Y' : 'N'),
  },
  111: { header: 'Memo Line Name', kind: 'code', value: (_r, c) => c.settings.memoLine },
  287: {
    header: 'Business Unit Name',
    kind: 'code',
    label: 'business unit',
    required: true,
    value: (_r, c) => c.settings.businessUnit,
  },
  288: {
    header: 'Comments',
    kind: 'text',
    label: 'reference',
    source: 'reference',
    max: 1760,
    overflow: 'truncate',
    value: (r) => r.inv.reference,
  },
  // INTERNAL_NOTES is a grouping attribute: a distinct value keeps each Abtrac invoice a separate Oracle invoice
  // even when customer and dates match (third-party analysis above).
  289: { header: 'Notes from Source', kind: 'text', value: (r) => `Abtrac ${r.inv.number}` },
  372: { header: 'END', kind: 'fixed', value: () => 'END' },
};

const columns: readonly Column<LineRow>[] = Array.from(
  { length: WIDTH },
  (_, i): Column<LineRow> => known[i + 1] ?? { header: `(position ${i + 1})`, kind: 'fixed' },
);

// RA_INTERFACE_DISTRIBUTIONS_ALL: one REV row per line carrying the mapped revenue account, tied to its line by
// the same flexfield context and segments. Positions from the template's column list (Business Unit Name, Account
// Class, Amount, Percent, Accounted Amount, Line Transactions Flexfield Context and Segments 1-15, Accounting
// Flexfield Segments 1-30, Comments, then attributes, ending with END); verify them against your release.
const SEGMENTS = 30;
const DIST_WIDTH = 78;

const segmentsOf = (r: LineRow, c: RenderContext): string[] =>
  c.settings.accountSeparator ? r.line.accountCode.split(c.settings.accountSeparator) : [r.line.accountCode];

const distKnown: Readonly<Record<number, Column<LineRow>>> = {
  1: { header: 'Business Unit Name', kind: 'code', value: (_r, c) => c.settings.businessUnit },
  2: { header: 'Account Class', kind: 'fixed', value: () => 'REV' },
  3: {
    header: 'Amount',
    kind: 'amount',
    value: (r) => signedMoney(r.inv, lineAmount(r.inv, r.line)),
  },
  4: { header: 'Percent', kind: 'number', value: () => '100' },
  6: {
    header: 'Line Transactions Flexfield Context',
    kind: 'code',
    value: (_r, c) => c.settings.lineContext,
  },
  7: { header: 'Line Transactions Flexfield Segment 1', kind: 'text', value: (r) => r.inv.number },
  8: { header: 'Line Transactions Flexfield Segment 2', kind: 'number', value: (r) => String(r.index + 1) },
  ...Object.fromEntries(
    Array.from({ length: SEGMENTS }, (_, i): [number, Column<LineRow>] => [
      22 + i,
      {
        header: `Accounting Flexfield Segment ${i + 1}`,
        kind: 'code',
        label: 'revenue account',
        source: 'line.accountCode',
        value: (r, c) => segmentsOf(r, c)[i],
      },
    ]),
  ),
  [DIST_WIDTH]: { header: 'END', kind: 'fixed', value: () => 'END' },
};

const distColumns: readonly Column<LineRow>[] = Array.from(
  { length: DIST_WIDTH },
  (_, i): Column<LineRow> => distKnown[i + 1] ?? { header: `(position ${i + 1})`, kind: 'fixed' },
);

export const oracleFusionAutoinvoiceCsv = defineFileTemplate(
  {
    id: 'oracle-fusion-autoinvoice-csv',
    displayName: 'Oracle Fusion Cloud Financials (AutoInvoice FBDI)',
    docs: [
      'https://docs.oracle.com/en/cloud/saas/financials/24d/oefbf/autoinvoiceimport-3113.html',
      'https://docs.oracle.com/en/cloud/saas/financials/24c/faofc/autoinvoice-interface-table-ra-interface-lines-all.html',
      'https://docs.oracle.com/en/cloud/saas/financials/24c/oedmf/rainterfacelinesall-18285.html',
      'https://docs.oracle.com/en/cloud/saas/financials/23d/farfa/Create_an_On_Account_Credit_Memo_with_Lines.html',
    ],
  },
  {
    fileStem: 'oracle-autoinvoice',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    delimiter: ',',
    recordDelimiter: '\r\n',
    encoding: 'utf-8',
    bom: false,
    quoting: 'csv',
    // Oracle's loader reads the zipped CSV itself; no spreadsheet in between.
    spreadsheet: false,
    // SQL*Loader reads one record per line unless its control file says otherwise, so line breaks become spaces.
    singleLineText: true,
    dateFormat: 'YYYY/MM/DD',
    // The generated CSV has no header row: SQL*Loader reads columns by position.
    headerRows: 'none',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    zip: {
      entry: 'RaInterfaceLinesAll.csv',
      companions: [
        {
          entry: 'RaInterfaceDistributionsAll.csv',
          columns: distColumns as readonly Column<never>[],
          rows: (inv, ctx) =>
            inv.lines.map((line, index) => bindRow(distColumns, { inv, line, index }, ctx, index)),
        },
      ],
    },
    limits: {},
    currency: 'column',
    defaultBaseCurrency: 'AUD',
    uncertain: [
      "Column positions in both CSV files come from published copies of Oracle's template, not from Oracle; they change between releases. Verify against your release's AutoInvoiceImportTemplate.xlsm.",
    ],
    creditNote: { how: 'an on-account credit memo: the credit transaction type and negative amounts' },
    settings: {
      businessUnit: {
        label: 'Business Unit Name',
        required: true,
        help: 'As in Oracle, e.g. "AU Business Unit".',
      },
      batchSource: {
        label: 'Transaction Batch Source Name',
        required: true,
        help: 'An imported transaction source set up in Receivables.',
      },
      lineContext: {
        label: 'Line Transactions Flexfield Context',
        required: true,
        help: 'The context whose segments hold the Abtrac invoice and line numbers.',
      },
      invoiceType: { label: 'Transaction Type Name (invoices)', default: 'Invoice' },
      creditType: { label: 'Transaction Type Name (credit memos)', default: 'Credit Memo' },
      paymentTerms: { label: 'Payment Terms', default: '30 Net' },
      conversionType: { label: 'Currency Conversion Type (foreign currency)', default: 'Corporate' },
      supplyNumber: {
        label: 'Transaction Number: send Abtrac invoice numbers',
        default: 'yes',
        oneOf: ['yes', 'no'],
        help: 'yes when the batch source uses manual numbering; no when Oracle numbers transactions itself.',
      },
      billToSite: {
        label: 'Bill-to Customer Site Number',
        default: '{account}',
        help: "Oracle needs each customer account's bill-to site number. {account} stands for the customer account number (the Abtrac client code), for sites numbered like their accounts; otherwise type the site number. Uncertain: check one customer in Oracle.",
      },
      accountSeparator: {
        label: 'Accounting Flexfield segment separator',
        default: '-',
        help: "The mapped revenue account (e.g. 01-000-4000-0000) is split at this character into Accounting Flexfield segments in RaInterfaceDistributionsAll.csv. Uncertain: column positions come from published copies of Oracle's template; verify with your release's AutoInvoiceImportTemplate.xlsm.",
      },
      taxationCountry: { label: 'Default Taxation Country' },
      memoLine: { label: 'Memo Line Name' },
    },
  },
);
