// Reads an AutoInvoice FBDI upload the way "Load Interface File for Import" does
// (docs/platforms/oracle-fusion-autoinvoice.md): a zip holding RaInterfaceLinesAll.csv (no header row, fields by
// position, each record ending with END) and RaInterfaceDistributionsAll.csv; each line identified uniquely by its
// line flexfield context and segments; bill-to account and site numbers set; dates YYYY/MM/DD; and each line's
// revenue account given by one REV distribution for the line's amount.
import { type Checker, cents, csvRecords, isDate, isMoney, readUtf8, reporter, unzip } from './read.ts';

const LINES = 'RaInterfaceLinesAll.csv';
const DISTRIBUTIONS = 'RaInterfaceDistributionsAll.csv';
const LINE_WIDTH = 372;

// 1-based positions in RaInterfaceLinesAll.csv.
const P = {
  batchSource: 2,
  type: 3,
  trxDate: 5,
  glDate: 6,
  billTo: 19,
  billToSite: 20,
  lineType: 26,
  description: 27,
  currency: 28,
  amount: 32,
  context: 37,
  segment1: 38,
  segment2: 39,
  businessUnit: 287,
} as const;

// 1-based positions in RaInterfaceDistributionsAll.csv.
const D = {
  accountClass: 2,
  amount: 3,
  percent: 4,
  context: 6,
  segment1: 7,
  segment2: 8,
  account1: 22,
} as const;

export const checkOracleAutoinvoice: Checker = (files) =>
  files.flatMap((file) => {
    const r = reporter(file.fileName);
    if (!file.fileName.endsWith('.zip')) r.add('zip', 'Oracle loads AutoInvoice data as a zip file.');
    const entries = unzip(file, r.add);
    if (!entries[LINES]) {
      r.add('zip', `The zip has no ${LINES}.`);
      return r.out;
    }
    const lines = csvRecords(readUtf8({ fileName: LINES, bytes: entries[LINES] }, r.add), r.add);
    const keys = new Map<string, string>();
    lines.forEach((rec, i) => {
      const line = i + 1;
      const at = (p: number) => rec[p - 1] ?? '';
      if (rec.length !== LINE_WIDTH)
        r.add('columns', `${LINES} record has ${rec.length} fields, not ${LINE_WIDTH}.`, line);
      if (at(LINE_WIDTH) !== 'END') r.add('end', `${LINES} record does not end with END.`, line);
      const required: [number, string][] = [
        [P.batchSource, 'Transaction Batch Source Name'],
        [P.type, 'Transaction Type Name'],
        [P.trxDate, 'Transaction Date'],
        [P.billTo, 'Bill-to Customer Account Number'],
        [P.billToSite, 'Bill-to Customer Site Number'],
        [P.description, 'Transaction Line Description'],
        [P.currency, 'Currency Code'],
        [P.amount, 'Transaction Line Amount'],
        [P.context, 'Line Transactions Flexfield Context'],
        [P.segment1, 'Line Transactions Flexfield Segment 1'],
        [P.businessUnit, 'Business Unit Name'],
      ];
      for (const [p, name] of required)
        if (!at(p)) r.add('required', `${name} (position ${p}) is empty.`, line, name);
      if (at(P.lineType) !== 'LINE')
        r.add('line_type', 'Transaction Line Type must be LINE.', line, 'Transaction Line Type');
      for (const p of [P.trxDate, P.glDate]) {
        if (at(p) && !isDate(at(p), 'YYYY/MM/DD'))
          r.add('date', `Date "${at(p)}" at position ${p} is not YYYY/MM/DD.`, line);
      }
      if (!isMoney(at(P.amount)))
        r.add('number', `Transaction Line Amount "${at(P.amount)}" is not an amount.`, line);
      const key = [at(P.context), at(P.segment1), at(P.segment2)].join('|');
      if (keys.has(key))
        r.add('unique', `Line flexfield ${key} is used twice; AutoInvoice needs each line unique.`, line);
      keys.set(key, at(P.amount));
    });
    if (!entries[DISTRIBUTIONS]) {
      r.add(
        'distributions',
        `The zip has no ${DISTRIBUTIONS}, so AutoAccounting, not the mapped account, decides revenue.`,
      );
      return r.out;
    }
    const dists = csvRecords(
      readUtf8({ fileName: DISTRIBUTIONS, bytes: entries[DISTRIBUTIONS] }, r.add),
      r.add,
    );
    const covered = new Set<string>();
    dists.forEach((rec, i) => {
      const line = i + 1;
      const at = (p: number) => rec[p - 1] ?? '';
      if (at(rec.length) !== 'END') r.add('end', `${DISTRIBUTIONS} record does not end with END.`, line);
      if (at(D.accountClass) !== 'REV') return;
      const key = [at(D.context), at(D.segment1), at(D.segment2)].join('|');
      const amount = keys.get(key);
      if (amount === undefined) r.add('distribution', `Distribution for ${key} matches no line.`, line);
      else if (isMoney(at(D.amount)) && isMoney(amount) && cents(at(D.amount)) !== cents(amount))
        r.add('distribution', `REV distribution ${at(D.amount)} is not its line's amount ${amount}.`, line);
      if (at(D.percent) !== '100')
        r.add('distribution', 'A single REV distribution must be 100 percent.', line);
      if (!at(D.account1))
        r.add('distribution', 'The REV distribution has no accounting flexfield segment.', line);
      if (covered.has(key)) r.add('distribution', `Line ${key} has two REV distributions.`, line);
      covered.add(key);
    });
    for (const key of keys.keys()) {
      if (!covered.has(key))
        r.add('distribution', `Line ${key} has no REV distribution carrying its revenue account.`);
    }
    return r.out;
  });
