// One checker per import-file package, keyed like the templates. Each reads a produced file as the package's
// importer does and reports every violation of the package's published rules (docs/platforms/<package>.md).
import { checkQuickbooksDesktopIif, checkReckonAccountsIif } from './iif.ts';
import { checkMoneyworksTxt } from './moneyworks.ts';
import { checkMyobServiceSales } from './myob-accountright-classic.ts';
import { checkOracleAutoinvoice } from './oracle-fusion-autoinvoice.ts';
import { checkQuickbooksOnlineCsv, checkQuickbooksOnlineUsCsv } from './quickbooks-online.ts';
import type { Checker } from './read.ts';
import { checkSage50Csv, checkSageAccountingCsv } from './sage.ts';
import { checkXeroCsv } from './xero-csv.ts';

export const fileCheckers = {
  'quickbooks-online-csv': checkQuickbooksOnlineCsv,
  'quickbooks-online-us-csv': checkQuickbooksOnlineUsCsv,
  'quickbooks-desktop-iif': checkQuickbooksDesktopIif,
  'reckon-accounts-iif': checkReckonAccountsIif,
  'sage-accounting-csv': checkSageAccountingCsv,
  'sage-50-csv': checkSage50Csv,
  'myob-accountright-classic-txt': checkMyobServiceSales,
  'moneyworks-txt': checkMoneyworksTxt,
  'xero-csv': checkXeroCsv,
  'oracle-fusion-autoinvoice-csv': checkOracleAutoinvoice,
} satisfies Record<string, Checker>;

export type { CheckedFile, Checker, CheckOptions, Violation } from './read.ts';
