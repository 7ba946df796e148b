// Reckon Accounts (desktop and Hosted; the Australian fork of QuickBooks) IIF invoice import:
// File > Utilities > Import > IIF Files, after a backup (import-formats.md §3.1).
// Columns: the AU GST example from the IIF Import Kit (money.stackexchange.com/questions/162382), tab-delimited,
// plus MEMO and DUEDATE ("DUEDATE works better" than TERMS, Reckon partner, community.reckon.com/discussion/8027956).
// GST: each income SPL carries its GST in TAXCODE/TAXRATE/TAXAMOUNT and Reckon posts it to the GST account itself;
// it is not posted again as a separate line. The rule (a Reckon accredited partner): over a transaction, the AMOUNTs
// and TAXAMOUNTs sum to zero: TRNS AMOUNT = total, each SPL AMOUNT = -net and TAXAMOUNT = -GST
// (docs/platforms/reckon-accounts.md).
import { defineFileTemplate } from '../define-template.ts';
import { creditSign, money, negateDecimal, netQuantityAndPrice, percent } from '../helpers.ts';
import {
  customerJob,
  iifColumns,
  iifHeaderRows,
  iifItem,
  iifItemSettings,
  iifTransaction,
  quickBooksNameRules,
  trnsType,
} from './iif-records.ts';

const TRNS = iifColumns(
  'TRNS',
  [
    'TRNSID',
    'TRNSTYPE',
    'DATE',
    'ACCNT',
    'NAME',
    'CLASS',
    'AMOUNT',
    'DOCNUM',
    'NAMEISTAXABLE',
    'MEMO',
    'DUEDATE',
  ],
  {
    DATE: { kind: 'date' },
    ACCNT: { kind: 'code', label: 'accounts receivable account', required: true },
    NAME: { kind: 'text', label: 'customer', source: 'contact.name', required: true },
    AMOUNT: { kind: 'amount' },
    DOCNUM: { kind: 'text', label: 'invoice number', source: 'number', required: true, max: 11 },
    MEMO: { kind: 'text', label: 'reference', source: 'reference', max: 4095, overflow: 'truncate' },
    DUEDATE: { kind: 'date' },
  },
);

const SPL = iifColumns(
  'SPL',
  [
    'SPLID',
    'TRNSTYPE',
    'DATE',
    'ACCNT',
    'NAME',
    'CLASS',
    'AMOUNT',
    'DOCNUM',
    'QNTY',
    'PRICE',
    'INVITEM',
    'TAXABLE',
    'EXTRA',
    'TAXCODE',
    'TAXRATE',
    'TAXAMOUNT',
    'MEMO',
  ],
  {
    DATE: { kind: 'date' },
    ACCNT: { kind: 'code', label: 'income account', source: 'line.accountCode', required: true },
    AMOUNT: { kind: 'amount' },
    QNTY: { kind: 'number' },
    PRICE: { kind: 'amount' },
    INVITEM: { kind: 'code', label: 'item', source: 'line.category' },
    // AU codes are GST and FRE (§3.1); Reckon tax codes are at most 3 characters.
    TAXCODE: { kind: 'code', label: 'tax code', source: 'line.taxCode', max: 3 },
    TAXAMOUNT: { kind: 'amount' },
    MEMO: { kind: 'text', label: 'description', source: 'line.description', max: 4095, overflow: 'truncate' },
  },
);

export const reckonAccountsIif = defineFileTemplate(
  {
    id: 'reckon-accounts-iif',
    displayName: 'Reckon Accounts (IIF)',
    docs: [
      'import-formats.md §3.1',
      'https://help.reckon.com/article/a0mlbh3r0b-kba-377-what-is-an-iif-file',
      'https://community.reckon.com/discussion/8027956/bill-import-iif',
      'https://money.stackexchange.com/questions/162382/quickbooks-iif-file-format-for-gst-taxable-transactions',
    ],
  },
  {
    fileStem: 'reckon-accounts-invoices',
    extension: 'iif',
    contentType: 'application/octet-stream',
    delimiter: '\t',
    recordDelimiter: '\r\n',
    // Reckon Accounts is a Windows program storing names in the ANSI code page: Windows-1252, so "Café" stays
    // "Café"; a character outside it is refused in the preview (docs/platforms/reckon-accounts.md).
    encoding: 'windows-1252',
    bom: false,
    quoting: 'none',
    // Reckon reads the IIF file itself; no spreadsheet in between.
    spreadsheet: false,
    // "Dates are MM/DD/YYYY" (Reckon partner, §3.1).
    dateFormat: 'MM/DD/YYYY',
    headerRows: iifHeaderRows(TRNS, SPL),
    columns: TRNS,
    rows: (inv, ctx) => {
      const sign = creditSign(inv);
      // Written out in every record rather than spread from a shared object: V8 builds `{ ...common, more }`
      // through a slow generic path, which cost more than the rest of the export together.
      const type = trnsType(inv);
      const date = ctx.date(inv.date);
      return iifTransaction(
        ctx,
        TRNS,
        SPL,
        {
          TRNSTYPE: type,
          DATE: date,
          ACCNT: ctx.settings.arAccount,
          NAME: customerJob(inv),
          // "Make sure there are no commas in the amounts - 1000 not 1,000" (§3.1): formatCents never groups.
          AMOUNT: money(sign * inv.totalCents),
          DOCNUM: inv.number,
          NAMEISTAXABLE: inv.taxCents !== 0n ? 'Y' : 'N',
          MEMO: inv.reference,
          DUEDATE: ctx.date(inv.dueDate),
        },
        inv.lines.map((line) => {
          const { quantity, price } = netQuantityAndPrice(inv, line);
          return {
            TRNSTYPE: type,
            DATE: date,
            ACCNT: line.accountCode,
            AMOUNT: money(-sign * line.netCents),
            QNTY: inv.kind === 'credit' ? quantity : negateDecimal(quantity),
            PRICE: price,
            INVITEM: iifItem(line, ctx),
            TAXABLE: line.taxCents !== 0n ? 'Y' : 'N',
            TAXCODE: line.taxCode,
            TAXRATE: percent(line.taxRatePercent),
            TAXAMOUNT: money(-sign * line.taxCents),
            MEMO: line.description,
          };
        }),
        [],
      );
    },
    limits: {},
    currency: 'base-only',
    defaultBaseCurrency: 'AUD',
    uncertain: [
      "The GST layout (each line's GST in its TAXAMOUNT, no separate GST line) follows a Reckon accredited partner; Reckon publishes no invoice example. Import into a backup first.",
    ],
    creditNote: { how: 'TRNSTYPE CREDIT MEMO with mirrored signs' },
    settings: {
      arAccount: {
        label: 'Accounts Receivable account',
        default: 'Accounts Receivable',
        help: "The account name exactly as in your Reckon Chart of Accounts. GST goes to the account of each line's tax code, which Reckon chooses itself.",
      },
      ...iifItemSettings,
    },
    extraRules: (inv) => quickBooksNameRules(inv, 'Reckon Accounts'),
  },
);
