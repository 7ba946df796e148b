// The shapes shared by every import-file template: a template is a manifest plus its format written as data
// (columns, header rows, dates, encoding, grouping, limits); one small engine renders and validates them all.
import type { ConnectorManifest, LedgerInvoice, LedgerLine } from '../types.ts';

/**
 * How a cell is treated on the way out. No cell is ever altered to defuse a spreadsheet formula: packages match
 * customers, numbers and codes by their exact text, so a changed name would create a stray record
 * (docs/platforms/file-imports.md). Where a spreadsheet may open the file, the validator flags such text instead.
 * - text: free text a person typed (names, descriptions, references).
 * - code: an identifier the package must recognise (account, tax code, card ID).
 * - amount / number: plain numbers, never escaped (a credit's "-150.00" is legitimate; import-formats.md §8).
 * - date: written with the format's date pattern.
 * - fixed: a constant the template writes itself (e.g. "INVOICE", "SI", "END").
 */
export type CellKind = 'text' | 'code' | 'amount' | 'number' | 'date' | 'fixed';

export type Encoding = 'utf-8' | 'windows-1252' | 'ascii';

export interface RenderContext {
  /** The accounts file's home currency; formats without a currency column can only carry this one. */
  baseCurrency: string;
  /** Template settings after defaults are applied (account names, batch sources, date order...). */
  settings: Readonly<Record<string, string>>;
  /** The package's item (QuickBooks Product/Service) for each mapped income account, as the practice set it. */
  itemsByAccount: Readonly<Record<string, string>>;
  /** ISO date -> the package's date text. */
  date(iso: string): string;
}

export interface Column<R> {
  /** The header text exactly as the package spells it (also the name used in problems when no label). */
  header: string;
  kind: CellKind;
  value?: ((row: R, ctx: RenderContext) => string | undefined) | undefined;
  /** What a person would call this field, for messages ("invoice number"). */
  label?: string | undefined;
  /** The LedgerInvoice field the value comes from ("number", "contact.name", "line.description"). */
  source?: string | undefined;
  required?: boolean | undefined;
  /** Longest value the package accepts, in characters. */
  max?: number | undefined;
  /** What a person can do about a value that is too long, when it is more than shortening it in Abtrac. */
  tooLongHint?: string | undefined;
  /** 'error' (default for codes and identifiers) or 'truncate' (cut to max, with a warning). */
  overflow?: 'error' | 'truncate' | undefined;
  pattern?: RegExp | undefined;
  /** Plain words for what the pattern wants, used in the message. */
  patternHint?: string | undefined;
  oneOf?: readonly string[] | undefined;
}

/** One output record with its raw values, before sanitising and encoding. */
export interface BoundRow {
  cells: readonly BoundCell[];
  /** The LedgerInvoice line the row came from, for problem fields. */
  lineIndex?: number | undefined;
}

export interface BoundCell {
  column: Column<never>;
  raw: string;
}

export interface LineRow {
  inv: LedgerInvoice;
  line: LedgerLine;
  index: number;
}

export interface FileLimits {
  invoicesPerFile?: number | undefined;
  rowsPerFile?: number | undefined;
  bytesPerFile?: number | undefined;
}

export interface SettingSpec {
  /** What the package itself calls the thing, e.g. QuickBooks' "Accounts Receivable account". */
  label: string;
  /** One or two sentences for the options screen; says so plainly where a rule is uncertain. */
  help?: string | undefined;
  default?: string | undefined;
  /** A setting without a default that must be filled in before exporting. */
  required?: boolean | undefined;
  oneOf?: readonly string[] | undefined;
}

export interface FileFormat {
  /** File name stem, e.g. "xero-invoices". */
  fileStem: string;
  extension: 'csv' | 'txt' | 'iif';
  contentType: string;
  delimiter: ',' | '\t';
  recordDelimiter: '\r\n' | '\r' | '\n';
  encoding: Encoding;
  bom: boolean;
  /** 'csv': RFC 4180 quoting via csv-stringify. 'none': tab formats and IIF; TAB/CR/LF are stripped from text. */
  quoting: 'csv' | 'none';
  /** Replace line breaks in text with spaces even though quoting could keep them (short one-line fields). */
  singleLineText?: boolean | undefined;
  /** Date pattern using DD, MM, YYYY, YY, M, D tokens; a "dateFormat" setting overrides it when offered. */
  dateFormat: string;
  /**
   * True when the package's import is a CSV people open and save in a spreadsheet (Xero, QuickBooks Online,
   * Sage): text a spreadsheet would run as a formula is then flagged in the preview, never changed.
   */
  spreadsheet: boolean;
  /** Header renames for the credit-note file (formats with separateFilesBy 'kind' whose credit importer differs). */
  creditHeaders?: Readonly<Record<string, string>> | undefined;
  /** The number the package will store, where it differs from Abtrac's (e.g. MYOB's 8 characters). */
  documentNumber?: ((inv: LedgerInvoice, ctx: RenderContext) => string) | undefined;
  /**
   * Packages that load a zip (Oracle FBDI): the data file is `entry` inside the zip, with companion files
   * built from the same invoices (e.g. the revenue distributions).
   */
  zip?: { entry: string; companions: readonly ZipCompanion[] } | undefined;
  /** Header rows at the top of every file: the columns' headers, explicit rows (IIF), or none (Oracle FBDI). */
  headerRows: 'columns' | 'none' | readonly (readonly string[])[];
  /** Columns of the main record (used for the header when headerRows is 'columns'). */
  columns: readonly Column<never>[];
  /** Rows for one invoice, in order. Every row of an invoice stays in one file. */
  rows(inv: LedgerInvoice, ctx: RenderContext): BoundRow[];
  /** Emit an empty record between invoices (MYOB: "a blank line must be entered between each record"). */
  blankLineBetweenInvoices?: boolean | undefined;
  /** Start a new file when these change, so each file can be imported with one choice of importer/option. */
  separateFilesBy?: readonly ('kind' | 'taxMode')[] | undefined;
  limits: FileLimits;
  /** 'column': the file names the currency. 'base-only': the file cannot express another currency. */
  currency: 'column' | 'base-only';
  defaultBaseCurrency: string;
  /** How credits are written, in plain words for people (shown as a warning on each credit when set). */
  creditNote: { how: string; warning?: string | undefined };
  settings?: Readonly<Record<string, SettingSpec>> | undefined;
  /** Rules of this file that no public source settles, said plainly on the interface's settings screen. */
  uncertain?: readonly string[] | undefined;
  /** Package rules that a column constraint cannot express (e.g. one sales-tax rate per IIF invoice). */
  extraRules?: ((inv: LedgerInvoice, ctx: RenderContext) => ProblemDraft[]) | undefined;
}

export interface ZipCompanion {
  entry: string;
  columns: readonly Column<never>[];
  rows(inv: LedgerInvoice, ctx: RenderContext): BoundRow[];
}

export type FileManifest = ConnectorManifest & {
  kind: 'file';
  auth: 'none';
  capabilities: readonly ['file.export'];
};

export interface ExportProblem {
  /** null for a problem with the export as a whole (e.g. a missing setting). */
  invoiceId: string | null;
  severity: 'error' | 'warning';
  code: string;
  /** Plain words telling a person what to fix. */
  message: string;
  /** The LedgerInvoice field at fault, e.g. "lines[2].description", or a setting name. */
  field: string;
}

export type ProblemDraft = Omit<ExportProblem, 'invoiceId'>;

export interface ExportOptions {
  baseCurrency?: string | undefined;
  settings?: Readonly<Record<string, string | undefined>> | undefined;
  /** The package's item for each income account code (QuickBooks Online / Desktop, Reckon). */
  itemsByAccount?: Readonly<Record<string, string>> | undefined;
  /** Replaces the format's file stem in file names. */
  fileStem?: string | undefined;
}

export interface FileTemplate {
  manifest: FileManifest;
  format: FileFormat;
  validate(invoices: readonly LedgerInvoice[], opts?: ExportOptions): ExportProblem[];
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  /** Encoded bytes. Read each file's chunks to the end before asking for the next file. */
  chunks: AsyncIterable<Uint8Array>;
}
