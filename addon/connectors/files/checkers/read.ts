// What every checker shares: reading a produced file the way an importer reads it (bytes -> text in the
// package's encoding, records split by its delimiter and quoting, zips opened), and the violation it reports.
// Deliberately independent of the templates: nothing here imports the template engine, so a checker is a second
// reading of the package's published rules, not a copy of the writer.
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';

export interface CheckedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface Violation {
  file: string;
  /** 1-based record (line) number in the file, or undefined for the file as a whole. */
  record?: number | undefined;
  /** The column as the package names it. */
  column?: string | undefined;
  rule: string;
  message: string;
}

export interface CheckOptions {
  /** The date order the practice chose where the package lets the import screen choose (DD/MM/YYYY...). */
  dateFormat?: string | undefined;
  /** The accounts file's home currency, for formats that cannot carry another. */
  baseCurrency?: string | undefined;
}

export type Checker = (files: readonly CheckedFile[], opts?: CheckOptions) => Violation[];

/** Collects violations for one file with its name filled in. */
export function reporter(file: string) {
  const out: Violation[] = [];
  return {
    out,
    add(rule: string, message: string, record?: number, column?: string) {
      out.push({ file, record, column, rule, message });
    },
  };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const hasBom = (b: Uint8Array) => UTF8_BOM.every((x, i) => b[i] === x);

/** UTF-8 text, or a violation when the bytes are not valid UTF-8 (or carry a BOM the package does not want). */
export function readUtf8(
  file: CheckedFile,
  add: (rule: string, message: string) => void,
  { bomAllowed = false } = {},
): string {
  if (hasBom(file.bytes) && !bomAllowed) add('bom', 'The file starts with a UTF-8 byte-order mark.');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    add('encoding', 'The file is not valid UTF-8.');
    return Buffer.from(file.bytes).toString('utf8');
  }
}

// Byte values Windows-1252 leaves undefined (https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Windows-1252 text, with a violation for a UTF-8 BOM or a byte Windows-1252 does not define. */
export function readCp1252(file: CheckedFile, add: (rule: string, message: string) => void): string {
  if (hasBom(file.bytes))
    add('bom', 'The file starts with a UTF-8 byte-order mark, which this package reads as text.');
  const bad = file.bytes.findIndex((b) => CP1252_UNDEFINED.has(b));
  if (bad >= 0)
    add('encoding', `Byte ${bad} (0x${file.bytes[bad]!.toString(16)}) is not a Windows-1252 character.`);
  return iconv.decode(Buffer.from(file.bytes), 'win1252');
}

/** Lines ended by CRLF, as the Windows importers want; a bare LF or CR is reported once. */
export function crlfLines(text: string, add: (rule: string, message: string) => void): string[] {
  const lines = text.split('\r\n');
  if (lines.some((l) => /[\r\n]/.test(l)))
    add('line_ends', 'Records must end with CR LF; a bare CR or LF was found.');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** RFC 4180 records, as a spreadsheet-style CSV importer reads them. */
export function csvRecords(text: string, add: (rule: string, message: string) => void): string[][] {
  try {
    return parse(text, {
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      bom: true,
    }) as string[][];
  } catch (err) {
    add('csv', `The file is not valid CSV: ${(err as Error).message}`);
    return [];
  }
}

/** Opens a zip and returns its entries by name. */
export function unzip(
  file: CheckedFile,
  add: (rule: string, message: string) => void,
): Record<string, Uint8Array> {
  try {
    return unzipSync(file.bytes);
  } catch {
    add('zip', 'The file is not a readable zip archive.');
    return {};
  }
}

/** Compares a header row with the package's exact captions, naming the first difference. */
export function checkHeader(
  actual: readonly string[] | undefined,
  expected: readonly string[],
  add: (rule: string, message: string, record?: number, column?: string) => void,
) {
  if (!actual) return add('header', 'The header row is missing.', 1);
  if (actual.length !== expected.length)
    add('header', `The header has ${actual.length} columns; the package's has ${expected.length}.`, 1);
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    if (actual[i] !== expected[i]) {
      add(
        'header',
        `Column ${i + 1} is captioned ${JSON.stringify(actual[i])}, not ${JSON.stringify(expected[i])}.`,
        1,
        expected[i],
      );
      return;
    }
  }
}

const MONEY = /^-?\d+(\.\d{1,2})?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export const isMoney = (v: string) => MONEY.test(v);
export const isDecimal = (v: string) => DECIMAL.test(v);

/** Exact decimal arithmetic on strings, in units of 10^-scale. */
export function scaled(v: string, scale: number): bigint {
  const neg = v.startsWith('-');
  const [int = '0', frac = ''] = (neg ? v.slice(1) : v).split('.');
  const units =
    BigInt(int || '0') * 10n ** BigInt(scale) + BigInt((frac + '0'.repeat(scale)).slice(0, scale) || '0');
  return neg ? -units : units;
}

export const cents = (v: string) => scaled(v, 2);

/** Whether a date text is a real date in the pattern (DD, MM, YYYY tokens and one separator). */
export function isDate(v: string, pattern: string): boolean {
  const order = pattern.match(/DD|MM|YYYY/g) ?? [];
  const sep = pattern.replace(/DD|MM|YYYY/g, '')[0] ?? '/';
  const parts = v.split(sep);
  if (parts.length !== 3 || order.length !== 3) return false;
  const get = (t: string) => parts[order.indexOf(t)]!;
  const [d, m, y] = [get('DD'), get('MM'), get('YYYY')];
  if (!/^\d{2}$/.test(d) || !/^\d{2}$/.test(m) || !/^\d{4}$/.test(y)) return false;
  const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
  return Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= days;
}

/** Characters (code points) in a value. */
export const len = (v: string) => [...v].length;

/** Reads records as objects keyed by the header captions. */
export function byHeader(header: readonly string[], record: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((h, i) => {
    row[h] = record[i] ?? '';
  });
  return row;
}
