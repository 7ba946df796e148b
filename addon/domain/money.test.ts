import { describe, expect, it } from 'vitest';
import {
  computeLine,
  divRound,
  formatCents,
  formatDecimal,
  parseDecimal,
  sumLines,
  toCents,
} from './money.ts';

const line = (quantity: string, unitPrice: string, taxRatePercent: string, mode: 'exclusive' | 'inclusive') =>
  computeLine({ quantity, unitPrice, taxRatePercent }, mode);

describe('rounding half away from zero', () => {
  it.each([
    [5n, 10n, 1n],
    [-5n, 10n, -1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [-15n, 10n, -2n],
    [25n, 10n, 3n],
  ])('%i / %i = %i', (n, d, q) => expect(divRound(n, d)).toBe(q));
});

describe('line tax, per line, to the cent', () => {
  it.each`
    case                                            | qty         | price       | rate      | mode           | net       | tax      | gross
    ${'3 x 33.335 at 10% GST rounds the amount up'} | ${'3'}      | ${'33.335'} | ${'10'}   | ${'exclusive'} | ${10001n} | ${1000n} | ${11001n}
    ${'inclusive 100.00 at 15% (NZ GST)'}           | ${'1'}      | ${'100'}    | ${'15'}   | ${'inclusive'} | ${8696n}  | ${1304n} | ${10000n}
    ${'inclusive 100.00 at 10%'}                    | ${'1'}      | ${'100'}    | ${'10'}   | ${'inclusive'} | ${9091n}  | ${909n}  | ${10000n}
    ${'negative line (credit)'}                     | ${'-2'}     | ${'12.345'} | ${'10'}   | ${'exclusive'} | ${-2469n} | ${-247n} | ${-2716n}
    ${'negative half cent rounds away from zero'}   | ${'1'}      | ${'-0.005'} | ${'0'}    | ${'exclusive'} | ${-1n}    | ${0n}    | ${-1n}
    ${'zero quantity'}                              | ${'0'}      | ${'999.99'} | ${'10'}   | ${'exclusive'} | ${0n}     | ${0n}    | ${0n}
    ${'GST-free'}                                   | ${'2.5'}    | ${'180'}    | ${'0'}    | ${'exclusive'} | ${45000n} | ${0n}    | ${45000n}
    ${'tax of exactly half a cent rounds up'}       | ${'1'}      | ${'0.05'}   | ${'10'}   | ${'exclusive'} | ${5n}     | ${1n}    | ${6n}
    ${'12.5% fractional rate'}                      | ${'1'}      | ${'0.04'}   | ${'12.5'} | ${'exclusive'} | ${4n}     | ${1n}    | ${5n}
    ${'4-dp quantity and price'}                    | ${'1.3333'} | ${'7.7777'} | ${'10'}   | ${'exclusive'} | ${1037n}  | ${104n}  | ${1141n}
  `('$case', ({ qty, price, rate, mode, net, tax, gross }) => {
    expect(line(qty, price, rate, mode)).toEqual({ netCents: net, taxCents: tax, grossCents: gross });
  });

  it('sums rounded lines, which can differ from tax on the sum by a cent', () => {
    // Three lines of 0.05 at 10%: 0.005 tax each rounds to 0.01, so 0.03 in all, where 10% of 0.15 is 0.02.
    const lines = [1, 2, 3].map(() => line('1', '0.05', '10', 'exclusive'));
    expect(sumLines(lines)).toEqual({ subtotalCents: 15n, taxCents: 3n, totalCents: 18n });
  });
});

describe('parsing and formatting', () => {
  it('keeps exact decimals', () => {
    expect(parseDecimal('0.1', 4)).toBe(1000n);
    expect(toCents('-12.30')).toBe(-1230n);
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(123456789012345678n)).toBe('1234567890123456.78');
    expect(formatDecimal(25000n, 4)).toBe('2.5');
    expect(formatDecimal(-1n, 4)).toBe('-0.0001');
  });
  it('refuses what is not a number or has too many places', () => {
    expect(() => toCents('1e3')).toThrow(/not a decimal/);
    expect(() => toCents('1.005')).toThrow(/more than 2/);
    expect(() => line('1', '1', '-10', 'exclusive')).toThrow(/negative/);
  });
});
