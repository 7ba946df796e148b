// Registry of the import-file templates, keyed by connector id, for the main connector registry to spread in.
// Public API for the rest of the add-on:
//   fileTemplates[id].validate(invoices, opts) -> ExportProblem[]
//   renderExport(template, invoices, opts)     -> AsyncGenerator<ExportFile>
import { moneyworksTxt } from './templates/moneyworks-txt.ts';
import { myobAccountrightClassicTxt } from './templates/myob-accountright-classic-txt.ts';
import { oracleFusionAutoinvoiceCsv } from './templates/oracle-fusion-autoinvoice-csv.ts';
import { quickbooksDesktopIif } from './templates/quickbooks-desktop-iif.ts';
import { quickbooksOnlineCsv } from './templates/quickbooks-online-csv.ts';
import { quickbooksOnlineUsCsv } from './templates/quickbooks-online-us-csv.ts';
import { reckonAccountsIif } from './templates/reckon-accounts-iif.ts';
import { sage50Csv } from './templates/sage-50-csv.ts';
import { sageAccountingCsv } from './templates/sage-accounting-csv.ts';
import { xeroCsv } from './templates/xero-csv.ts';
import type { FileTemplate } from './types.ts';

export const fileTemplates = {
  'quickbooks-online-csv': quickbooksOnlineCsv,
  'quickbooks-online-us-csv': quickbooksOnlineUsCsv,
  'quickbooks-desktop-iif': quickbooksDesktopIif,
  'reckon-accounts-iif': reckonAccountsIif,
  'sage-accounting-csv': sageAccountingCsv,
  'sage-50-csv': sage50Csv,
  'myob-accountright-classic-txt': myobAccountrightClassicTxt,
  'moneyworks-txt': moneyworksTxt,
  'xero-csv': xeroCsv,
  'oracle-fusion-autoinvoice-csv': oracleFusionAutoinvoiceCsv,
} satisfies Record<string, FileTemplate>;

export type FileTemplateId = keyof typeof fileTemplates;

export { readFile, renderExport } from './render.ts';
export type { ExportFile, ExportOptions, ExportProblem, FileTemplate } from './types.ts';
