// Reads Sage's sales imports the way Sage does (docs/platforms/sage.md).
// Sage Accounting "Sales Quick Entries": its own 14-column header, Type Invoice or Cr Note, a customer reference of
// at most 10 characters, VAT Rate one of Sage's names, Net + VAT = Total with at most 8 digits and 2 decimals,
// positive amounts, home currency only, files of at most 0.5 MB, UTF-8.
// Sage 50 Accounts audit-trail import: SI/SC rows, account and nominal codes of at most 8 characters, tax codes
// T0-T99, Reference 30 and Details 60 characters, amounts 8 digits and 2 decimals, Windows-1252.
import {
  byHeader,
  type Checker,
  cents,
  checkHeader,
  csvRecords,
  isDate,
  len,
  readCp1252,
  readUtf8,
  reporter,
} from './read.ts';

export const SAGE_ACCOUNTING_HEADER = [
  'Type',
  'Customer Reference',
  'Date',
  'Customer Name',
  'Reference',
  'Ledger Account',
  'Details',
  'Net',
  'VAT Rate',
  'VAT',
  'Total',
  'Analysis Type 1',
  'Analysis Type 2',
  'Analysis Type 3',
];
const VAT_RATES = ['Standard', 'Zero Rated', 'Lower Rate', 'Exempt', 'No VAT'];
const SAGE_AMOUNT = /^\d{1,8}\.\d{2}$/;
const MAX_BYTES = 500_000;

export const checkSageAccountingCsv: Checker = (files) =>
  files.flatMap((file) => {
    const r = reporter(file.fileName);
    if (file.bytes.length > MAX_BYTES)
      r.add('size', `The file is ${file.bytes.length} bytes; Sage imports at most 0.5 MB.`);
    const [header, ...rows] = csvRecords(readUtf8(file, r.add), r.add);
    checkHeader(header, SAGE_ACCOUNTING_HEADER, r.add);
    rows.forEach((rec, i) => {
      const line = i + 2;
      const row = byHeader(SAGE_ACCOUNTING_HEADER, rec);
      if (!['Invoice', 'Cr Note'].includes(row.Type!))
        r.add('type', `Type "${row.Type}" is not Invoice or Cr Note.`, line, 'Type');
      for (const col of ['Customer Reference', 'Date', 'Reference', 'Ledger Account', 'Net', 'VAT Rate']) {
        if (!row[col]) r.add('required', `${col} is empty.`, line, col);
      }
      if (len(row['Customer Reference']!) > 10)
        r.add('length', 'Customer Reference is over 10 characters.', line, 'Customer Reference');
      if (len(row.Reference!) > 25) r.add('length', 'Reference is over 25 characters.', line, 'Reference');
      if (len(row.Details!) > 255) r.add('length', 'Details is over 255 characters.', line, 'Details');
      if (!/^\d{1,8}$/.test(row['Ledger Account']!))
        r.add('account', 'Ledger Account is not a number of up to 8 digits.', line, 'Ledger Account');
      if (!isDate(row.Date!, 'DD/MM/YYYY') && !isDate(row.Date!, 'DD-MM-YYYY'))
        r.add('date', `Date "${row.Date}" is not a UK date.`, line, 'Date');
      if (row['VAT Rate'] && !VAT_RATES.includes(row['VAT Rate']))
        r.add(
          'vat_rate',
          `VAT Rate "${row['VAT Rate']}" is not one of Sage's: ${VAT_RATES.join(', ')}.`,
          line,
          'VAT Rate',
        );
      const amounts = ['Net', 'VAT', 'Total'].map((c) => row[c]!);
      amounts.forEach((a, j) => {
        if (a && !SAGE_AMOUNT.test(a))
          r.add(
            'amount',
            `${['Net', 'VAT', 'Total'][j]} "${a}" is not a positive amount of up to 8 digits and 2 decimals.`,
            line,
          );
      });
      if (
        amounts.every((a) => SAGE_AMOUNT.test(a)) &&
        cents(amounts[0]!) + cents(amounts[1]!) !== cents(amounts[2]!)
      )
        r.add('total', `Net ${amounts[0]} + VAT ${amounts[1]} is not Total ${amounts[2]}.`, line, 'Total');
    });
    return r.out;
  });

export const SAGE_50_HEADER = [
  'Transaction Type',
  'Account',
  'Nominal Code',
  'Department',
  'Date',
  'Reference',
  'Details',
  'Net',
  'T/C',
  'Tax',
  'Exchange Rate',
  'Ex.Ref',
  'User Name',
  'Project Reference',
  'Cost Code Reference',
];

export const checkSage50Csv: Checker = (files) =>
  files.flatMap((file) => {
    const r = reporter(file.fileName);
    const [header, ...rows] = csvRecords(readCp1252(file, r.add), r.add);
    checkHeader(header, SAGE_50_HEADER, r.add);
    rows.forEach((rec, i) => {
      const line = i + 2;
      const row = byHeader(SAGE_50_HEADER, rec);
      if (!['SI', 'SC'].includes(row['Transaction Type']!))
        r.add('type', 'Transaction Type must be SI or SC.', line, 'Transaction Type');
      if (!/^[A-Z0-9]{1,8}$/.test(row.Account!))
        r.add(
          'account',
          `Account "${row.Account}" is not an upper-case reference of up to 8 characters.`,
          line,
          'Account',
        );
      if (!row['Nominal Code'] || len(row['Nominal Code']!) > 8)
        r.add('nominal', 'Nominal Code must be 1 to 8 characters.', line, 'Nominal Code');
      if (!isDate(row.Date!, 'DD/MM/YYYY'))
        r.add('date', `Date "${row.Date}" is not DD/MM/YYYY.`, line, 'Date');
      if (!row.Reference || len(row.Reference) > 30)
        r.add('reference', 'Reference must be 1 to 30 characters.', line, 'Reference');
      if (len(row.Details!) > 60) r.add('length', 'Details is over 60 characters.', line, 'Details');
      if (!/^T\d{1,2}$/.test(row['T/C']!))
        r.add('tax_code', `T/C "${row['T/C']}" is not T0-T99.`, line, 'T/C');
      for (const c of ['Net', 'Tax']) {
        if (!SAGE_AMOUNT.test(row[c]!))
          r.add(
            'amount',
            `${c} "${row[c]}" is not a positive amount of up to 8 digits and 2 decimals.`,
            line,
            c,
          );
      }
    });
    return r.out;
  });
