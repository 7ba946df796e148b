// Turns bound rows into the exact text of a file: values exactly as the practice wrote them (line breaks become
// spaces where the format cannot hold them), then RFC 4180 quoting for quoted CSV, or a plain join for IIF and tab
// files (which have no quoting at all). Nothing is prefixed to defuse spreadsheet formulas: the packages match
// names and numbers exactly (docs/platforms/file-imports.md), so the preview flags such text instead.
import { foldToEncoding, stripControls } from './text.ts';
import type { BoundCell, BoundRow, Column, FileFormat } from './types.ts';

/** What a format does to every cell, worked out once per format rather than once per cell. */
interface CellRules {
  /** Target encoding when it is not UTF-8: characters outside it are transliterated. */
  fold: 'windows-1252' | 'ascii' | undefined;
  /** TAB, CR and LF become spaces (unquoted formats, or one-line text). */
  strip: boolean;
  /**
   * Printable ASCII with no control character and nothing that needs quoting. Most cells (numbers, codes, plain
   * names) match and are written as they are after this one test.
   */
  plain: RegExp;
  /** Fields needing quotes under RFC 4180, or undefined for unquoted formats. */
  needsQuotes: RegExp | undefined;
  delimiter: string;
  recordDelimiter: string;
}

// Printable ASCII (TAB, CR, LF and the other controls left out), less '"' and the delimiter in quoted CSV.
const PLAIN_CHARS = {
  none: '\\x20-\\x7e',
  ',': '\\x20\\x21\\x23-\\x2b\\x2d-\\x7e',
  '\t': '\\x20\\x21\\x23-\\x7e',
} as const;

const rulesByFormat = new WeakMap<FileFormat, CellRules>();

function rulesFor(format: FileFormat): CellRules {
  let rules = rulesByFormat.get(format);
  if (rules === undefined) {
    const quoted = format.quoting === 'csv';
    rules = {
      fold: format.encoding === 'utf-8' ? undefined : format.encoding,
      strip: !quoted || format.singleLineText === true,
      plain: new RegExp(`^[${PLAIN_CHARS[quoted ? format.delimiter : 'none']}]*$`),
      // csv-stringify's rule with our options: quote a field holding the delimiter, a quote, or a lone CR or LF
      // (`quoted_match: /[\r\n]/`, since csv-stringify 6.8 leaves those bare with "\r\n" record delimiters;
      // import-formats.md §9, stack.md). cells.test.ts checks this writer against csv-stringify itself.
      needsQuotes: quoted ? new RegExp(`["\\r\\n${format.delimiter === '\t' ? '\\t' : ','}]`) : undefined,
      delimiter: format.delimiter,
      recordDelimiter: format.recordDelimiter,
    };
    rulesByFormat.set(format, rules);
  }
  return rules;
}

/** A text cell's value cut to the column's maximum length, counted in code points. */
function truncated(value: string, column: Column<never>): string {
  // A string no longer than max in UTF-16 units cannot have more code points, so most skip the split.
  if (column.max === undefined || column.overflow !== 'truncate' || value.length <= column.max) return value;
  const points = [...value];
  return points.length > column.max ? points.slice(0, column.max).join('') : value;
}

/**
 * The validator refuses a character the file's encoding cannot hold, so folding here only ever meets text that
 * already fits; it stays as a last guard so no byte is ever written as something else silently.
 */
function sanitise(raw: string, rules: CellRules): string {
  const value = rules.fold === undefined ? raw : foldToEncoding(raw, rules.fold);
  return rules.strip ? stripControls(value) : value;
}

/** The text written for one cell, before any CSV quoting. */
export function cellText(cell: BoundCell, format: FileFormat): string {
  return sanitise(truncated(cell.raw, cell.column), rulesFor(format));
}

const QUOTES = /"/g;

/** One field under RFC 4180 as csv-stringify writes it: quoted only when it must be, inner quotes doubled. */
function quoteField(value: string, needsQuotes: RegExp): string {
  if (!needsQuotes.test(value)) return value;
  return `"${value.includes('"') ? value.replace(QUOTES, '""') : value}"`;
}

/** Records to text with the format's delimiter and record delimiter (every record ends with one). */
export function recordsText(records: readonly (readonly string[])[], format: FileFormat): string {
  const { needsQuotes, delimiter, recordDelimiter } = rulesFor(format);
  let text = '';
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      const field = record[i]!;
      if (i > 0) text += delimiter;
      text += needsQuotes === undefined || field === '' ? field : quoteField(field, needsQuotes);
    }
    text += recordDelimiter;
  }
  return text;
}

/** Rows to text in one pass: sanitise, quote and join each cell (plain cells after a single regex test). */
export function rowsText(rows: readonly BoundRow[], format: FileFormat): string {
  const rules = rulesFor(format);
  const { plain, needsQuotes, delimiter, recordDelimiter } = rules;
  let text = '';
  for (const row of rows) {
    const { cells } = row;
    // Each record is joined from an array of its fields: one flat string per record, rather than a rope node
    // for every delimiter and every field.
    const fields = new Array<string>(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const { raw, column } = cells[i]!;
      if (raw === '') {
        fields[i] = '';
        continue;
      }
      const value = truncated(raw, column);
      if (plain.test(value)) {
        fields[i] = value;
        continue;
      }
      const clean = sanitise(value, rules);
      fields[i] = needsQuotes === undefined || clean === '' ? clean : quoteField(clean, needsQuotes);
    }
    text += fields.join(delimiter) + recordDelimiter;
  }
  return text;
}

/** The header rows written at the top of a file (credit-note files take the format's credit headers). */
export function headerText(format: FileFormat, credit = false): string {
  if (format.headerRows === 'none') return '';
  const rename = (h: string) => (credit ? (format.creditHeaders?.[h] ?? h) : h);
  const rows =
    format.headerRows === 'columns'
      ? [format.columns.map((c) => rename(c.header))]
      : format.headerRows.map((r) => [...r]);
  const text = recordsText(rows, format);
  return format.encoding === 'utf-8' ? text : foldToEncoding(text, format.encoding);
}
