// Reads an import file back into records of fields, independently of the writer: RFC 4180 for the quoted
// CSV formats, a plain split for tab files and IIF (which have no quoting at all).
import type { FileFormat } from '../../addon/connectors/files/types.ts';

/** RFC 4180: fields may be quoted; inside quotes "" is a quote and the delimiters are literal. */
export function parseCsv(text: string, delimiter: string, recordDelimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (field === '' && text[i] === '"') {
      // A quoted field runs to the next quote not followed by another quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < text.length && text[i] !== delimiter && !text.startsWith(recordDelimiter, i)) {
        throw new Error(`text after a closing quote at ${i}`);
      }
      continue;
    }
    if (text[i] === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith(recordDelimiter, i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += recordDelimiter.length;
    } else {
      field += text[i];
      i++;
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** Tab files and IIF: records end with the record delimiter; a raw TAB/CR/LF inside a field would show here
 * as an extra field or a broken record. */
export function parseUnquoted(text: string, delimiter: string, recordDelimiter: string): string[][] {
  const lines = text.split(recordDelimiter);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => l.split(delimiter));
}

export function decode(bytes: Buffer, format: FileFormat): string {
  // Windows-1252 and ASCII: one byte per character, and every delimiter and formula lead is ASCII.
  const text = format.encoding === 'utf-8' ? bytes.toString('utf8') : bytes.toString('latin1');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

export function parseFile(bytes: Buffer, format: FileFormat): string[][] {
  const text = decode(bytes, format);
  return format.quoting === 'csv'
    ? parseCsv(text, format.delimiter, format.recordDelimiter)
    : parseUnquoted(text, format.delimiter, format.recordDelimiter);
}

export function headerRecordCount(format: FileFormat): number {
  if (format.headerRows === 'none') return 0;
  if (format.headerRows === 'columns') return 1;
  return format.headerRows.length;
}
