// Text hygiene for import files: spotting formula-like text, control-character stripping, and the byte
// encodings old Windows importers expect. Every function here runs once per cell of every row, so each one tests the
// common case (plain ASCII, no control characters) with a single regex before doing any real work.

// OWASP CSV injection: a cell starting with = + - @ TAB or CR runs as a formula; prefix a single quote.
// https://owasp.org/www-community/attacks/CSV_Injection and https://symfony.com/cve-2021-41270 (TAB, CR added);
// csv-stringify 6.8 also covers the full-width forms Apple Numbers normalises (import-formats.md §8, §9).
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

const CONTROLS = /\r\n|[\t\r\n\v\f]/g;
const ANY_CONTROL = /[\t\r\n\v\f]/;

/**
 * IIF and tab-delimited files have no quoting: TAB, CR and LF break the record (Intuit: "Carriage returns and
 * New Lines also cause an imported transaction to fail", import-formats.md §2.3, §8), so they become spaces.
 */
export function stripControls(value: string): string {
  // Testing first is cheaper than a global replace() that finds nothing.
  return ANY_CONTROL.test(value) ? value.replace(CONTROLS, ' ') : value;
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

// The repertoire of each single-byte encoding as a character class (all of it in the BMP, so one UTF-16 unit
// per character and per byte): ASCII, or ASCII + 0xA0-0xFF + the 27 printable 0x80-0x9F characters.
const CP1252_CLASS = `\\x00-\\x7f\\xa0-\\xff${[...CP1252_HIGH.keys()].join('')}`;
const FITS: Readonly<Record<'windows-1252' | 'ascii', RegExp>> = {
  ascii: /^[^\x80-\uffff]*$/,
  'windows-1252': new RegExp(`^[${CP1252_CLASS}]*$`),
};
// The characters that do not fit, one code point at a time (`u`, so an astral character is one match).
const MISFITS: Readonly<Record<'windows-1252' | 'ascii', RegExp>> = {
  ascii: /[\x80-\u{10ffff}]/gu,
  'windows-1252': new RegExp(`[^${CP1252_CLASS}]`, 'gu'),
};

function fitsEncoding(ch: string, encoding: 'windows-1252' | 'ascii'): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return true;
  if (encoding === 'ascii') return false;
  return (cp >= 0xa0 && cp <= 0xff) || CP1252_HIGH.has(ch);
}

/** The replacement for one character the encoding cannot hold: a stand-in, the letter without its accent, or "?". */
function foldChar(ch: string, encoding: 'windows-1252' | 'ascii'): string {
  const standIn = ASCII_STAND_INS.get(ch);
  if (standIn !== undefined) return standIn;
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return [...stripped].every((c) => fitsEncoding(c, encoding)) && stripped !== '' ? stripped : '?';
}

// NFKD per character is the slow part of folding; the same few accented letters recur on every row. Bounded, so
// hostile text cannot grow it past a few thousand entries.
const FOLD_CACHE_MAX = 4096;
const foldCache: Readonly<Record<'windows-1252' | 'ascii', Map<string, string>>> = {
  ascii: new Map(),
  'windows-1252': new Map(),
};

function cachedFoldChar(ch: string, encoding: 'windows-1252' | 'ascii'): string {
  const cache = foldCache[encoding];
  let folded = cache.get(ch);
  if (folded === undefined) {
    folded = foldChar(ch, encoding);
    if (cache.size >= FOLD_CACHE_MAX) cache.clear();
    cache.set(ch, folded);
  }
  return folded;
}

/** Replaces characters the encoding cannot hold: a stand-in, the letter without its accent, or "?". */
export function foldToEncoding(value: string, encoding: 'windows-1252' | 'ascii'): string {
  if (FITS[encoding].test(value)) return value;
  return value.replace(MISFITS[encoding], (ch) => cachedFoldChar(ch, encoding));
}

/** The distinct characters of a value that the encoding cannot hold, in order of appearance. */
export function unencodable(value: string, encoding: 'windows-1252' | 'ascii'): string[] {
  if (FITS[encoding].test(value)) return [];
  return [...new Set(value.match(MISFITS[encoding]) ?? [])];
}

/** True when the text would change on its way into the encoding. */
export function needsFolding(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): boolean {
  return encoding !== 'utf-8' && !FITS[encoding].test(value);
}

// Any character above 0xFF in folded Windows-1252 text is one of CP1252_HIGH.
const ABOVE_LATIN1 = /[\u0100-\uffff]/;
const ABOVE_LATIN1_ALL = /[\u0100-\uffff]/g;

/**
 * Encodes text that is already folded to the encoding's repertoire (every cell passes through cellText). Buffer's
 * native latin1 writer copies one byte per character; in Windows-1252 text the few characters above 0xFF (each
 * one of CP1252_HIGH, one UTF-16 unit, so indexes line up with bytes) are then patched to their 0x80-0x9F bytes.
 */
export function encodeFolded(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from(value, 'utf8');
  const bytes = Buffer.from(value, 'latin1');
  // Folded ASCII text has nothing above 0x7F to patch.
  if (encoding === 'windows-1252' && ABOVE_LATIN1.test(value)) {
    ABOVE_LATIN1_ALL.lastIndex = 0;
    for (let m = ABOVE_LATIN1_ALL.exec(value); m !== null; m = ABOVE_LATIN1_ALL.exec(value)) {
      bytes[m.index] = CP1252_HIGH.get(m[0]) ?? 0x3f;
    }
  }
  return bytes;
}

/** Bytes the folded text takes in the encoding: one per UTF-16 unit for the single-byte encodings. */
export function encodedLength(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): number {
  return encoding === 'utf-8' ? Buffer.byteLength(value, 'utf8') : value.length;
}

/** Folds, then encodes, any text. */
export function encodeText(value: string, encoding: 'utf-8' | 'windows-1252' | 'ascii'): Uint8Array {
  return encodeFolded(encoding === 'utf-8' ? value : foldToEncoding(value, encoding), encoding);
}

export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
