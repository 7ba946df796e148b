import { describe, expect, it } from 'vitest';
import {
  computeLine,
  divRound,
  formatCents,
  formatDecimal,
  invoiceRoundedTotals,
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

describe('tax rounded once per invoice (MYOB)', () => {
  const line = (amount: string, rate = '10') => ({ amountCents: toCents(amount), taxRatePercent: rate });

  it('three equal lines at 33.335: per line 9.99 of tax, once per invoice 10.00', () => {
    const lines = [1, 2, 3].map(() =>
      computeLine({ quantity: '1', unitPrice: '33.335', taxRatePercent: '10' }, 'exclusive'),
    );
    expect(sumLines(lines)).toEqual({ subtotalCents: 10002n, taxCents: 999n, totalCents: 11001n });
    const once = invoiceRoundedTotals(
      lines.map((l) => ({ amountCents: l.netCents, taxRatePercent: '10' })),
      'exclusive',
    );
    expect(once).toEqual({ subtotalCents: 10002n, taxCents: 1000n, totalCents: 11002n });
  });

  it('inclusive lines at 9.99: the total is the same, the tax inside it differs by a cent', () => {
    const lines = [1, 2, 3].map(() =>
      computeLine({ quantity: '1', unitPrice: '9.99', taxRatePercent: '10' }, 'inclusive'),
    );
    expect(sumLines(lines)).toEqual({ subtotalCents: 2724n, taxCents: 273n, totalCents: 2997n });
    const once = invoiceRoundedTotals(
      lines.map((l) => ({ amountCents: l.grossCents, taxRatePercent: '10' })),
      'inclusive',
    );
    expect(once).toEqual({ subtotalCents: 2725n, taxCents: 272n, totalCents: 2997n });
  });

  it('mixes rates exactly (15% and 0%, 12.5%), and rounds a half cent away from zero', () => {
    expect(invoiceRoundedTotals([line('0.05'), line('10.00', '0')], 'exclusive').taxCents).toBe(1n);
    expect(invoiceRoundedTotals([line('-0.05')], 'exclusive').taxCents).toBe(-1n);
    expect(
      invoiceRoundedTotals([line('33.33', '15'), line('33.33', '15'), line('1.00', '12.5')], 'exclusive'),
    ).toEqual({
      subtotalCents: 6766n,
      // 4.9995 + 4.9995 + 0.125 = 10.124 -> 10.12
      taxCents: 1012n,
      totalCents: 7778n,
    });
    // Inclusive at 15% and 10%: 11.50 x 15/115 = 1.5 exactly, 11.00 x 10/110 = 1.0 exactly.
    expect(invoiceRoundedTotals([line('11.50', '15'), line('11.00')], 'inclusive').taxCents).toBe(250n);
  });
});
