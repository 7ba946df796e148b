// Reads a Service Sales import the way MYOB AccountRight v19 does (docs/platforms/myob-accountright-classic.md):
// Windows-1252, TAB-separated, CRLF, MYOB's own captions (continuation captions with their leading spaces), a blank
// line between sales, one Invoice # per sale of at most 8 characters, account numbers like 4-1100, Inc-Tax Amount =
// Amount + GST Amount, tax codes of at most 3 characters, dates day/month/year.
import {
  byHeader,
  type Checker,
  cents,
  checkHeader,
  crlfLines,
  isDate,
  isMoney,
  len,
  readCp1252,
  reporter,
} from './read.ts';

const c = (caption: string) => `           ${caption}`;
export const MYOB_SERVICE_SALES_HEADER = [
  'Co./Last Name',
  'First Name',
  'Addr 1 - Line 1',
  c('- Line 2'),
  c('- Line 3'),
  c('- Line 4'),
  'Inclusive',
  'Invoice #',
  'Date',
  'Customer PO',
  'Ship Via',
  'Delivery Status',
  'Description',
  'Account #',
  'Amount',
  'Inc-Tax Amount',
  'Job',
  'Comment',
  'Journal Memo',
  'Salesperson Last Name',
  'Salesperson First Name',
  'Promised Date',
  'Referral Source',
  'Tax Code',
  'Non-GST Amount',
  'GST Amount',
  'LCT Amount',
  'Freight Amount',
  'Inc-Tax Freight Amount',
  'Freight Tax Code',
  'Freight Non-GST Amount',
  'Freight GST Amount',
  'Freight LCT Amount',
  'Sale Status',
  'Currency Code',
  'Exchange Rate',
  'Terms - Payment is Due',
  c('- Discount Days'),
  c('- Balance Due Days'),
  c('- % Discount'),
  c('- % Monthly Charge'),
  'Amount Paid',
  'Category',
  'Card ID',
  'Record ID',
];

const LIMITS: Record<string, number> = {
  'Co./Last Name': 50,
  'Invoice #': 8,
  'Customer PO': 20,
  Description: 255,
  Job: 15,
  'Journal Memo': 255,
  'Tax Code': 3,
  'Card ID': 15,
};

export const checkMyobServiceSales: Checker = (files) =>
  files.flatMap((file) => {
    const r = reporter(file.fileName);
    const lines = crlfLines(readCp1252(file, r.add), r.add);
    const [header, ...rest] = lines.map((l) => l.split('\t'));
    checkHeader(header, MYOB_SERVICE_SALES_HEADER, r.add);
    let sale: string | undefined;
    const seen = new Set<string>();
    rest.forEach((rec, i) => {
      const line = i + 2;
      if (rec.length === 1 && rec[0] === '') {
        sale = undefined; // the blank line ends a sale
        return;
      }
      const row = byHeader(MYOB_SERVICE_SALES_HEADER, rec);
      if (rec.length !== MYOB_SERVICE_SALES_HEADER.length)
        r.add(
          'columns',
          `The record has ${rec.length} fields, not ${MYOB_SERVICE_SALES_HEADER.length}.`,
          line,
        );
      const number = row['Invoice #']!;
      if (sale === undefined) {
        if (seen.has(number))
          r.add('grouping', `Invoice # ${number} appears in two sales.`, line, 'Invoice #');
        seen.add(number);
        sale = number;
      } else if (number !== sale) {
        r.add(
          'grouping',
          `Invoice # ${number} follows ${sale} without the blank line MYOB needs between sales: they would import as one.`,
          line,
          'Invoice #',
        );
        sale = number;
      }
      for (const [col, max] of Object.entries(LIMITS)) {
        if (len(row[col] ?? '') > max)
          r.add('length', `${col.trim()} "${row[col]}" is over ${max} characters.`, line, col);
      }
      for (const col of ['Co./Last Name', 'Invoice #', 'Account #', 'Tax Code', 'Card ID']) {
        if (!row[col]) r.add('required', `${col} is empty.`, line, col);
      }
      if (!/^\d-?\d{4}$/.test(row['Account #']!))
        r.add(
          'account',
          `Account # "${row['Account #']}" is not an MYOB account number such as 4-1100.`,
          line,
          'Account #',
        );
      if (!isDate(row.Date!, 'DD/MM/YYYY'))
        r.add('date', `Date "${row.Date}" is not day/month/year.`, line, 'Date');
      const [amount, inc, gst] = [row.Amount!, row['Inc-Tax Amount']!, row['GST Amount']!];
      for (const [col, v] of [
        ['Amount', amount],
        ['Inc-Tax Amount', inc],
        ['GST Amount', gst],
      ] as const) {
        if (v && !isMoney(v)) r.add('number', `${col} "${v}" is not an amount.`, line, col);
        if (len(v) > 15) r.add('length', `${col} is over 15 characters.`, line, col);
      }
      if ([amount, inc, gst].every(isMoney) && cents(amount) + cents(gst) !== cents(inc))
        r.add(
          'tax',
          `Amount ${amount} + GST Amount ${gst} is not Inc-Tax Amount ${inc}.`,
          line,
          'Inc-Tax Amount',
        );
      if (!row['Freight Tax Code'])
        r.add(
          'required',
          'Freight Tax Code is empty; MYOB wants it even without freight.',
          line,
          'Freight Tax Code',
        );
    });
    return r.out;
  });
