// Text hygiene for import files: formula neutralising, control-character stripping, and the byte encodings
// old Windows importers expect.

// OWASP CSV injection: a cell starting with = + - @ TAB or CR runs as a formula; prefix a single quote.
// https://owasp.org/www-community/attacks/CSV_Injection and https://symfony.com/cve-2021-41270 (TAB, CR added);
// csv-stringify 6.8 also covers the full-width forms Apple Numbers normalises (import-formats.md §8, §9).
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

/** Prefixes `'` to text a spreadsheet would run as a formula. Only for free-text cells, never amounts. */
export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * IIF and tab-delimited files have no quoting: TAB, CR and LF break the record (Intuit: "Carriage returns and
 * New Lines also cause an imported transaction to fail", import-formats.md §2.3, §8), so they become spaces.
 */
export function stripControls(value: string): string {
  return value.replace(/\r\n|[\t\r\n\v\f]/g, ' ');
}

// Windows-1252 bytes 0x80-0x9F are printable characters, unlike ISO-8859-1 (https://www.unicode.org/Public/
// MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
const CP1252_HIGH: ReadonlyMap<string, number> = new Map([
  ['€', 0x80],
  ['‚', 0x82],
  ['ƒ', 0x83],
  ['„', 0x84],
  ['…', 0x85],
  ['†', 0x86],
  ['‡', 0x87],
  ['ˆ', 0x88],
  ['‰', 0x89],
  ['Š', 0x8a],
  ['‹', 0x8b],
  ['Œ', 0x8c],
  ['Ž', 0x8e],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['•', 0x95],
  ['–', 0x96],
  ['—', 0x97],
  ['˜', 0x98],
  ['™', 0x99],
  ['š', 0x9a],
  ['›', 0x9b],
  ['œ', 0x9c],
  ['ž', 0x9e],
  ['Ÿ', 0x9f],
]);

// ASCII stand-ins for common punctuation, so "–" and "“" survive an ASCII-only IIF file readably.
const ASCII_STAND_INS: ReadonlyMap<string, string> = new Map([
  ['–', '-'],
  ['—', '-'],
  ['‘', "'"],
  ['’', "'"],
  ['‚', ','],
  ['“', '"'],
  ['”', '"'],
  ['„', '"'],
  ['…', '...'],
  ['•', '*'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['\u00a0', ' '],
]);

function fitsEncoding(ch: string, encoding: 'windows-1252' | 'ascii'): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return true;
  if (encoding === 'ascii') return false;
  return (cp >= 0xa0 && cp <= 0xff) || CP1252_HIGH.has(ch);
}

/** Replaces characters the encoding cannot hold: a stand-in, the letter without its accent, or "?". */
export function foldToEncoding(value: string, encoding: 'windows-1252' | 'ascii'): string {
  let out = '';
  for (const ch of value) {
    if (fitsEncoding(ch, encoding)) {
      out += ch;
      continue;
    }
    const standIn = ASCII_STAND_INS.get(ch);
    if (standIn !== undefined) {
      out += standIn;
      continue;
    }
    const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += [...stripped].every((c) => fitsEncoding(c, encoding)) && stripped !== '' ? stripped : '?';
  }
  return out;
}

/** True when the text would change on its way into the encoding (used for a warning). */
export function needsFolding(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): boolean {
  if (encoding === 'utf-8') return false;
  for (const ch of value) if (!fitsEncoding(ch, encoding)) return true;
  return false;
}

const utf8 = new TextEncoder();

/** Encodes text already folded to the encoding's repertoire. */
export function encodeText(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): Uint8Array {
  if (encoding === 'utf-8') return utf8.encode(value);
  const folded = foldToEncoding(value, encoding);
  const bytes = new Uint8Array(folded.length);
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i]!;
    bytes[i] = CP1252_HIGH.get(ch) ?? ch.charCodeAt(0);
  }
  return bytes;
}

export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
