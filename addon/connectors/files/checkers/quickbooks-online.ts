// Reads QuickBooks Online invoice and credit-note CSVs the way Gear > Import Data does
// (docs/platforms/quickbooks-online.md): the column names QuickBooks maps by itself, the credit-note importer's own
// number and date columns, an item on every line (a blank one becomes the generic "Sales" item and loses the
// income account), Item Amount = Item Quantity x Item Rate, at most 100 invoices and 1,000 lines a file.
import {
  byHeader,
  type CheckedFile,
  type Checker,
  type CheckOptions,
  checkHeader,
  csvRecords,
  isDate,
  isDecimal,
  isMoney,
  len,
  readUtf8,
  reporter,
  scaled,
  type Violation,
} from './read.ts';

const LEADING = [
  'Invoice number',
  'Customer',
  'Invoice date',
  'Due date',
  'Terms',
  'Memo',
  'Item (Product/Service)',
  'Item Description',
  'Item Quantity',
  'Item Rate',
  'Item Amount',
];
export const QBO_HEADER = [...LEADING, 'Item tax code', 'Item tax amount', 'Currency'];
export const QBO_US_HEADER = [...LEADING, 'Taxable', 'TaxRate', 'Service Date'];
const CREDIT_RENAMES: Record<string, string> = {
  'Invoice number': '*CreditNoteNo',
  'Invoice date': '*CreditNoteDate',
};
const creditHeader = (h: readonly string[]) => h.map((c) => CREDIT_RENAMES[c] ?? c);

function checkQbo(file: CheckedFile, opts: CheckOptions, us: boolean): Violation[] {
  const r = reporter(file.fileName);
  const records = csvRecords(readUtf8(file, r.add), r.add);
  const [header, ...rows] = records;
  const base = us ? QBO_US_HEADER : QBO_HEADER;
  const credit = header?.[0] === '*CreditNoteNo';
  const expected = credit ? creditHeader(base) : base;
  checkHeader(header, expected, r.add);
  const dateFormat = opts.dateFormat ?? (us ? 'MM/DD/YYYY' : 'DD/MM/YYYY');
  const number = expected[0]!;
  const date = expected[2]!;
  const invoices = new Map<string, Record<string, string>>();
  const salesTax = new Map<string, Set<string>>();
  rows.forEach((rec, i) => {
    const line = i + 2;
    const row = byHeader(expected, rec);
    for (const col of [number, 'Customer', date, 'Item Amount', 'Item (Product/Service)']) {
      if (!row[col]) r.add('required', `${col} is empty.`, line, col);
    }
    if (!us && !row['Item tax code']) r.add('required', 'Item tax code is empty.', line, 'Item tax code');
    if (len(row[number]!) > 21) r.add('length', `${number} is over 21 characters.`, line, number);
    if (row.Customer!.includes(':'))
      r.add('customer', 'Customer contains ":", which QuickBooks reads as a sub-customer.', line, 'Customer');
    for (const col of [date, 'Due date']) {
      if (row[col] && !isDate(row[col]!, dateFormat))
        r.add('date', `${col} "${row[col]}" is not a ${dateFormat} date.`, line, col);
    }
    const amount = row['Item Amount']!;
    if (amount && !isMoney(amount))
      r.add('number', `Item Amount "${amount}" is not an amount.`, line, 'Item Amount');
    if (credit && amount.startsWith('-'))
      r.add('sign', 'Credit notes carry positive amounts in the credit-note importer.', line, 'Item Amount');
    const qty = row['Item Quantity']!;
    const rate = row['Item Rate']!;
    if (qty && rate && isDecimal(qty) && isDecimal(rate) && isMoney(amount)) {
      // qty (scale 4) x rate (scale 4) against amount (scale 2): within half a cent.
      const product = scaled(qty, 4) * scaled(rate, 4);
      const diff = product - scaled(amount, 2) * 10n ** 6n;
      if ((diff < 0n ? -diff : diff) > 5n * 10n ** 5n)
        r.add(
          'amount',
          `Item Amount ${amount} is not Item Quantity ${qty} x Item Rate ${rate}.`,
          line,
          'Item Amount',
        );
    }
    if (us) {
      if (!['Y', 'N'].includes(row.Taxable!)) r.add('taxable', 'Taxable must be Y or N.', line, 'Taxable');
      if (row.Taxable === 'Y' && !row.TaxRate)
        r.add('required', 'A taxable line needs its TaxRate.', line, 'TaxRate');
      if (row.TaxRate) {
        const set = salesTax.get(row[number]!) ?? new Set();
        set.add(row.TaxRate);
        salesTax.set(row[number]!, set);
      }
    }
    const first = invoices.get(row[number]!);
    if (!first) invoices.set(row[number]!, row);
    else if (first.Customer !== row.Customer || first[date] !== row[date])
      r.add('grouping', `${row[number]}: Customer or date differs between its lines.`, line);
  });
  for (const [n, set] of salesTax) {
    if (set.size > 1)
      r.add('sales_tax', `Invoice ${n} has several sales tax rates; QuickBooks Online US takes one.`);
  }
  if (invoices.size > 100)
    r.add('limit', `${invoices.size} invoices in one file; QuickBooks imports at most 100.`);
  if (rows.length > 1000)
    r.add('limit', `${rows.length} lines in one file; QuickBooks imports at most 1,000.`);
  return r.out;
}

export const checkQuickbooksOnlineCsv: Checker = (files, opts = {}) =>
  files.flatMap((f) => checkQbo(f, opts, false));
export const checkQuickbooksOnlineUsCsv: Checker = (files, opts = {}) =>
  files.flatMap((f) => checkQbo(f, opts, true));
