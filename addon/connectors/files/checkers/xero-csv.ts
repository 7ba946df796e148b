// Reads a Xero sales-invoice CSV the way Business > Invoices > Import does (docs/platforms/xero-csv.md): Xero's
// own template header, one row per line grouped by *InvoiceNumber, required columns filled, dates in the
// organisation's order, at most 500 invoices a file, UTF-8 without a byte-order mark.
import {
  byHeader,
  type Checker,
  checkHeader,
  csvRecords,
  isDate,
  isDecimal,
  len,
  readUtf8,
  reporter,
} from './read.ts';

export const XERO_HEADER = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'Total',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;

const INVOICES_PER_FILE = 500;
const SAME_PER_INVOICE = ['*ContactName', '*InvoiceDate', '*DueDate', 'Currency', 'Reference'] as const;

export const checkXeroCsv: Checker = (files, opts = {}) => {
  const dateFormat = opts.dateFormat ?? 'DD/MM/YYYY';
  return files.flatMap((file) => {
    const r = reporter(file.fileName);
    const records = csvRecords(readUtf8(file, r.add), r.add);
    const [header, ...rows] = records;
    checkHeader(header, XERO_HEADER, r.add);
    const invoices = new Map<string, Record<string, string>>();
    const signs = new Map<string, Set<boolean>>();
    rows.forEach((rec, i) => {
      const line = i + 2;
      const row = byHeader(XERO_HEADER, rec);
      if (rec.length !== XERO_HEADER.length)
        r.add('columns', `The record has ${rec.length} fields, not ${XERO_HEADER.length}.`, line);
      for (const col of XERO_HEADER) {
        if (col.startsWith('*') && row[col] === '') r.add('required', `${col} is empty.`, line, col);
      }
      for (const col of ['*InvoiceDate', '*DueDate'] as const) {
        if (row[col] && !isDate(row[col]!, dateFormat))
          r.add('date', `${col} "${row[col]}" is not a ${dateFormat} date.`, line, col);
      }
      for (const col of ['*Quantity', '*UnitAmount'] as const) {
        if (row[col] && !isDecimal(row[col]!))
          r.add('number', `${col} "${row[col]}" is not a number.`, line, col);
      }
      if (len(row['*ContactName']!) > 255)
        r.add('length', '*ContactName is over 255 characters.', line, '*ContactName');
      if (len(row['*InvoiceNumber']!) > 255)
        r.add('length', '*InvoiceNumber is over 255 characters.', line, '*InvoiceNumber');
      if (len(row['*AccountCode']!) > 10)
        r.add('length', '*AccountCode is over 10 characters.', line, '*AccountCode');
      const number = row['*InvoiceNumber']!;
      const first = invoices.get(number);
      if (!first) invoices.set(number, row);
      else {
        for (const col of SAME_PER_INVOICE) {
          if (row[col] !== first[col])
            r.add(
              'grouping',
              `Invoice ${number}: ${col} differs between its lines, so Xero cannot group them.`,
              line,
              col,
            );
        }
      }
      // A credit is written with negative unit amounts: all of one document's lines must agree.
      const set = signs.get(number) ?? new Set<boolean>();
      if (row['*UnitAmount']) set.add(row['*UnitAmount']!.startsWith('-'));
      signs.set(number, set);
    });
    for (const [number, set] of signs) {
      if (set.size > 1)
        r.add(
          'sign',
          `Invoice ${number} mixes positive and negative unit amounts: Xero would read part of it as a credit.`,
        );
    }
    if (invoices.size > INVOICES_PER_FILE)
      r.add('limit', `${invoices.size} invoices in one file; Xero imports at most ${INVOICES_PER_FILE}.`);
    return r.out;
  });
};
