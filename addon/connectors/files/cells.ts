// Turns bound rows into the exact text of a file: per-cell sanitising by kind, then csv-stringify for quoted
// CSV, or a plain join for IIF and tab files (which have no quoting at all).
import { stringify } from 'csv-stringify/sync';
import { foldToEncoding, neutraliseFormula, stripControls } from './text.ts';
import type { BoundCell, BoundRow, FileFormat } from './types.ts';

/** The text written for one cell. Only 'text' cells are formula-escaped; amounts and codes never are. */
export function cellText(cell: BoundCell, format: FileFormat): string {
  let value = cell.raw;
  const { column } = cell;
  if (column.max !== undefined && column.overflow === 'truncate' && [...value].length > column.max) {
    value = [...value].slice(0, column.max).join('');
  }
  if (column.kind === 'text') value = neutraliseFormula(value);
  if (format.quoting === 'none' || format.singleLineText) value = stripControls(value);
  if (format.encoding !== 'utf-8') value = foldToEncoding(value, format.encoding);
  return value;
}

/**
 * Records to text with the format's delimiter and record delimiter. csv-stringify quotes fields holding the
 * delimiter or quotes; `quoted_match: /[\r\n]/` also quotes a lone CR or LF, which csv-stringify 6.8 leaves bare
 * with "\r\n" record delimiters (import-formats.md §9, stack.md).
 */
export function recordsText(records: readonly (readonly string[])[], format: FileFormat): string {
  if (records.length === 0) return '';
  if (format.quoting === 'none') {
    return records.map((r) => r.join(format.delimiter) + format.recordDelimiter).join('');
  }
  return stringify(records as string[][], {
    delimiter: format.delimiter,
    record_delimiter: format.recordDelimiter,
    quoted_match: /[\r\n]/,
    eof: true,
  });
}

export function rowsText(rows: readonly BoundRow[], format: FileFormat): string {
  return recordsText(
    rows.map((row) => row.cells.map((cell) => cellText(cell, format))),
    format,
  );
}

/** The header rows written at the top of every file. */
export function headerText(format: FileFormat): string {
  if (format.headerRows === 'none') return '';
  const rows =
    format.headerRows === 'columns'
      ? [format.columns.map((c) => c.header)]
      : format.headerRows.map((r) => [...r]);
  return recordsText(rows, format);
}
