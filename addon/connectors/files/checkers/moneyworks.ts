// Reads a MoneyWorks transaction import the way File > Import > Transactions does (docs/platforms/moneyworks.md):
// tab-separated text whose first record names MoneyWorks fields, Type DI, each detail's Gross = Net + Tax, and the
// details of one transaction summing to its Gross ("MoneyWorks expects that the sum of the Detail.Gross values will
// equal the transaction Gross value").
import {
  byHeader,
  type Checker,
  cents,
  checkHeader,
  crlfLines,
  isDate,
  isMoney,
  len,
  readUtf8,
  reporter,
} from './read.ts';

export const MONEYWORKS_HEADER = [
  'Type',
  'OurRef',
  'TransDate',
  'DueDate',
  'NameCode',
  'TheirRef',
  'Description',
  'Detail.Account',
  'Detail.TaxCode',
  'Detail.Net',
  'Detail.Tax',
  'Detail.Gross',
  'Detail.Description',
  'Gross',
];

export const checkMoneyworksTxt: Checker = (files, opts = {}) =>
  files.flatMap((file) => {
    const r = reporter(file.fileName);
    const [header, ...rows] = crlfLines(readUtf8(file, r.add), r.add).map((l) => l.split('\t'));
    checkHeader(header, MONEYWORKS_HEADER, r.add);
    const totals = new Map<string, { gross: bigint; details: bigint; line: number }>();
    const dateFormat = opts.dateFormat ?? 'DD/MM/YYYY';
    rows.forEach((rec, i) => {
      const line = i + 2;
      const row = byHeader(MONEYWORKS_HEADER, rec);
      if (row.Type !== 'DI') r.add('type', `Type "${row.Type}" is not DI (debtor invoice).`, line, 'Type');
      for (const col of ['OurRef', 'TransDate', 'NameCode', 'Detail.Account', 'Detail.TaxCode', 'Gross']) {
        if (!row[col]) r.add('required', `${col} is empty.`, line, col);
      }
      if (len(row['Detail.Account']!) > 14)
        r.add('length', 'Detail.Account is over 14 characters.', line, 'Detail.Account');
      for (const col of ['TransDate', 'DueDate']) {
        if (row[col] && !isDate(row[col]!, dateFormat))
          r.add('date', `${col} "${row[col]}" is not ${dateFormat}.`, line, col);
      }
      const money = ['Detail.Net', 'Detail.Tax', 'Detail.Gross', 'Gross'].map((c) => row[c]!);
      if (!money.every(isMoney)) {
        r.add('number', 'An amount is not a number with at most 2 decimals.', line);
        return;
      }
      const [net, tax, gross, total] = money.map(cents) as [bigint, bigint, bigint, bigint];
      if (net + tax !== gross)
        r.add('detail', `Detail.Net + Detail.Tax is not Detail.Gross.`, line, 'Detail.Gross');
      const t = totals.get(row.OurRef!) ?? { gross: total, details: 0n, line };
      t.details += gross;
      if (t.gross !== total)
        r.add('grouping', `Transaction ${row.OurRef}: Gross differs between its records.`, line, 'Gross');
      totals.set(row.OurRef!, t);
    });
    for (const [ref, t] of totals) {
      if (t.details !== t.gross)
        r.add(
          'gross',
          `Transaction ${ref}: the Detail.Gross values sum to ${t.details} cents, not its Gross ${t.gross}.`,
          t.line,
          'Gross',
        );
    }
    return r.out;
  });
