// Xero sales invoice import (Business > Invoices > Import), for Xero files connected without the API.
// Header: the 29-column SalesInvoiceTemplate.csv (import-formats.md §7 variant A; samples/xero-SalesInvoiceTemplate-
// header.csv). Variant B (27 columns, no Total/TaxAmount) also circulates: verify against a fresh download.

import { defineFileTemplate } from '../define-template.ts';
import { decimal, negateDecimal, oneRowPerLine } from '../helpers.ts';
import type { Column, LineRow } from '../types.ts';

const addr = (r: LineRow) => r.inv.contact.address;
const trackingOption = (r: LineRow) => r.line.trackingOption ?? r.inv.job?.trackingOption;

const columns: readonly Column<LineRow>[] = [
  // "If the contact isn't in Xero, a new contact is created"; it must match exactly to reuse one (§7).
  {
    header: '*ContactName',
    kind: 'text',
    label: 'contact name',
    source: 'contact.name',
    required: true,
    max: 255,
    value: (r) => r.inv.contact.name,
  },
  { header: 'EmailAddress', kind: 'text', source: 'contact.email', value: (r) => r.inv.contact.email },
  { header: 'POAddressLine1', kind: 'text', source: 'contact.address.line1', value: (r) => addr(r).line1 },
  { header: 'POAddressLine2', kind: 'text', source: 'contact.address.line2', value: (r) => addr(r).line2 },
  { header: 'POAddressLine3', kind: 'text' },
  { header: 'POAddressLine4', kind: 'text' },
  { header: 'POCity', kind: 'text', source: 'contact.address.city', value: (r) => addr(r).city },
  { header: 'PORegion', kind: 'text', source: 'contact.address.region', value: (r) => addr(r).region },
  {
    header: 'POPostalCode',
    kind: 'text',
    source: 'contact.address.postcode',
    value: (r) => addr(r).postcode,
  },
  { header: 'POCountry', kind: 'text', source: 'contact.address.country', value: (r) => addr(r).country },
  // One row per line item, repeating the number (§7). Xero's API limit for InvoiceNumber is 255.
  {
    header: '*InvoiceNumber',
    kind: 'text',
    label: 'invoice number',
    source: 'number',
    required: true,
    max: 255,
    value: (r) => r.inv.number,
  },
  { header: 'Reference', kind: 'text', source: 'reference', max: 255, value: (r) => r.inv.reference },
  { header: '*InvoiceDate', kind: 'date', source: 'date', value: (r, c) => c.date(r.inv.date) },
  { header: '*DueDate', kind: 'date', source: 'dueDate', value: (r, c) => c.date(r.inv.dueDate) },
  // "The Total and Tax Amount columns will be calculated automatically" (§7): left empty.
  { header: 'Total', kind: 'amount' },
  { header: 'InventoryItemCode', kind: 'code' },
  {
    header: '*Description',
    kind: 'text',
    label: 'description',
    source: 'line.description',
    required: true,
    max: 4000,
    value: (r) => r.line.description,
  },
  { header: '*Quantity', kind: 'number', value: (r) => decimal(r.line.quantity) },
  // Credits: a negative unit amount, which Xero is expected to import as a credit note (unverified, §7).
  {
    header: '*UnitAmount',
    kind: 'amount',
    value: (r) => (r.inv.kind === 'credit' ? negateDecimal(r.line.unitPrice) : decimal(r.line.unitPrice)),
  },
  { header: 'Discount', kind: 'number' },
  {
    header: '*AccountCode',
    kind: 'code',
    label: 'account code',
    source: 'line.accountCode',
    required: true,
    max: 10,
    value: (r) => r.line.accountCode,
  },
  // "Enter the tax rate display name as it appears in Xero… e.g. 20% (VAT on Income)", not the API code (§7).
  {
    header: '*TaxType',
    kind: 'code',
    label: 'tax rate name',
    source: 'line.taxName',
    required: true,
    value: (r) => r.line.taxName,
  },
  { header: 'TaxAmount', kind: 'amount' },
  {
    header: 'TrackingName1',
    kind: 'text',
    source: 'job.trackingCategory',
    value: (r) => (trackingOption(r) ? r.inv.job?.trackingCategory : undefined),
  },
  { header: 'TrackingOption1', kind: 'text', source: 'line.trackingOption', value: trackingOption },
  { header: 'TrackingName2', kind: 'text' },
  { header: 'TrackingOption2', kind: 'text' },
  { header: 'Currency', kind: 'code', source: 'currency', value: (r) => r.inv.currency },
  { header: 'BrandingTheme', kind: 'text' },
];

export const xeroCsv = defineFileTemplate(
  {
    id: 'xero-csv',
    displayName: 'Xero (CSV import)',
    docs: [
      'import-formats.md §7',
      'samples/xero-SalesInvoiceTemplate-header.csv',
      'https://central.xero.com/s/article/Import-or-create-invoices-using-a-CSV-file',
      'https://entryrocket.com/guides/xero-csv-import-errors',
    ],
  },
  {
    fileStem: 'xero-invoices',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    delimiter: ',',
    recordDelimiter: '\r\n',
    // "Re-save as UTF-8 … (no BOM)" (splitforge, §7).
    encoding: 'utf-8',
    bom: false,
    quoting: 'csv',
    // People often open the template in Excel to check it before importing.
    spreadsheet: true,
    dateFormat: 'DD/MM/YYYY',
    headerRows: 'columns',
    columns: columns as readonly Column<never>[],
    rows: oneRowPerLine(columns),
    // "All prices in a file are either tax inclusive or exclusive, but not a mixture" (§7).
    separateFilesBy: ['taxMode'],
    // "If you are importing more than 500 invoices you will need to split the file"; ~500 rows (EntryRocket).
    limits: { invoicesPerFile: 500, rowsPerFile: 500 },
    currency: 'column',
    defaultBaseCurrency: 'AUD',
    uncertain: [
      'Credit notes are written with negative unit amounts; Xero documents no credit-note column, so check the first credit in Xero before approving it.',
      "Xero's template has had 27- and 29-column versions; this file uses the 29-column one. Compare with a fresh download if Xero reports unknown columns.",
    ],
    creditNote: {
      how: 'negative unit amounts on the invoice template',
      warning:
        'Xero has no documented credit-note column in this template; the credit is written with negative unit amounts, which Xero should import as a credit note. Check it in Xero before approving.',
    },
    settings: {
      // DD/MM/YYYY for AU/NZ/UK organisations, MM/DD/YYYY for US ones (§7).
      dateFormat: { label: 'Date format', default: 'DD/MM/YYYY', oneOf: ['DD/MM/YYYY', 'MM/DD/YYYY'] },
    },
  },
);
