// The cell writer against its references: the hand-written RFC 4180 joiner must produce exactly what
// csv-stringify wrote with the options the engine used before (same bytes in every file), and the fast path
// for plain cells must agree with the full sanitise path. No cell is ever prefixed to defuse a formula.
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, recordsText, rowsText } from './cells.ts';
import { fileTemplates } from './index.ts';
import { encodeFolded, encodeText } from './text.ts';
import type { BoundRow, CellKind, Column, FileFormat } from './types.ts';

const formats = Object.values(fileTemplates).map((t) => t.format);

// Mostly the characters that matter to quoting, escaping and folding, plus arbitrary text.
const field = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '"',
        ',',
        '\t',
        '\r',
        '\n',
        '\r\n',
        '=',
        '+',
        '-',
        '@',
        "'",
        'é',
        '–',
        '€',
        '﹫',
        '⁺',
        '﹦',
        '⁼',
        '＝',
        '\u00a0',
        '😀',
        '\v',
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '-150.00', '0', 'Fees'),
);
const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 4 });
const kinds: CellKind[] = ['text', 'code', 'amount', 'number', 'date', 'fixed'];

describe('recordsText', () => {
  it.each(formats.map((f) => [f.fileStem, f] as const))('%s: same text as csv-stringify', (_, format) => {
    fc.assert(
      fc.property(records, (recs) => {
        const expected =
          recs.length === 0
            ? ''
            : format.quoting === 'none'
              ? recs.map((r) => r.join(format.delimiter) + format.recordDelimiter).join('')
              : stringify(recs, {
                  delimiter: format.delimiter,
                  record_delimiter: format.recordDelimiter,
                  quoted_match: /[\r\n]/,
                  eof: true,
                });
        expect(recordsText(recs, format)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('matches csv-stringify for a tab-delimited quoted format too', () => {
    const tabCsv = { ...formats[0]!, delimiter: '\t', quoting: 'csv' } as FileFormat;
    fc.assert(
      fc.property(records, (recs) => {
        const expected = recs.length
          ? stringify(recs, { delimiter: '\t', record_delimiter: '\r\n', quoted_match: /[\r\n]/, eof: true })
          : '';
        expect(recordsText(recs, tabCsv)).toBe(expected);
      }),
    );
  });
});

describe('rowsText', () => {
  it.each(formats.map((f) => [f.fileStem, f] as const))(
    '%s: the plain-cell fast path writes what cellText does',
    (_, format) => {
      const cell = fc.record({
        raw: field,
        kind: fc.constantFrom(...kinds),
        max: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      });
      fc.assert(
        fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 3 }), (spec) => {
          const rows: BoundRow[] = spec.map((r) => ({
            cells: r.map(({ raw, kind, max }) => ({
              raw,
              column: { header: 'x', kind, max, overflow: 'truncate' } as Column<never>,
            })),
          }));
          const slow = recordsText(
            rows.map((row) => row.cells.map((c) => cellText(c, format))),
            format,
          );
          expect(rowsText(rows, format)).toBe(slow);
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('cells are written as typed', () => {
  const text = { header: 'x', kind: 'text' } as Column<never>;
  const byId = (id: keyof typeof fileTemplates) => fileTemplates[id].format;

  it('never prefixes a quote to text that starts like a formula, in any format', () => {
    for (const format of formats) {
      for (const raw of ['=1+1', '+61 2 9999', '-Dash Design Studio', '@Home Studios']) {
        expect(cellText({ raw, column: text }, format), format.fileStem).toBe(raw);
      }
    }
  });

  it('turns TAB/CR/LF into spaces where the format has no quoting', () => {
    expect(cellText({ raw: '\t=1', column: text }, byId('quickbooks-desktop-iif'))).toBe(' =1');
    expect(cellText({ raw: '\r\n@x', column: text }, byId('myob-accountright-classic-txt'))).toBe(' @x');
  });

  it('leaves UTF-8 look-alikes as they are', () => {
    expect(cellText({ raw: '﹫evil', column: text }, byId('xero-csv'))).toBe('﹫evil');
  });
});

describe('encoding', () => {
  it('encodes folded Windows-1252 text byte for byte, 0x80-0x9F characters included', () => {
    // Bytes from the CP1252 table (unicode.org MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
    const bytes = Buffer.from(encodeFolded('ça – “q” … €5 Œ™', 'windows-1252'));
    expect(bytes.toString('hex')).toBe('e7612096209371942085208035208c99');
    expect(Buffer.from(encodeText('naïve – ok', 'ascii')).toString('latin1')).toBe('naive - ok');
  });
});
