// MYOB's invoice arithmetic on its own: tax summed unrounded and rounded once; per-line tax shown with the
// rounding carried forward so the lines add up to the total (worked by hand below).
import { describe, expect, it } from 'vitest';
import { computeTotals } from './invoice-totals.ts';

describe('computeTotals', () => {
  it('carries the rounding forward from line to line, and the lines add up to the once-rounded total', () => {
    // 100.01 x 10/110 = 9.091818… each. Running sums: 9.0918 -> 9.09; 18.1836 -> 18.18 (9.09);
    // 27.2754 -> 27.28 (9.10); freight 11 x 10/110 = 1 -> 28.2754… -> 28.28 (1.00).
    const totals = computeTotals({
      isTaxInclusive: true,
      lines: [10001n, 10001n, 10001n].map((total) => ({ total, ratePercent: '10' })),
      freight: 1100n,
      freightRatePercent: '10',
    });
    expect(totals.lineTaxes).toEqual([909n, 909n, 910n]);
    expect(totals.freightTax).toBe(100n);
    expect(totals.totalTax).toBe(2828n);
    expect(totals.totalAmount).toBe(31103n);
  });

  it('mixes rates exactly: 12.5% and 10% unrounded taxes summed before the one rounding', () => {
    // 0.05 x 12.5% = 0.00625; 0.05 x 10% = 0.005; sum 0.01125 -> 0.01 (per line: 0.01 + 0.01 = 0.02).
    const totals = computeTotals({
      isTaxInclusive: false,
      lines: [
        { total: 5n, ratePercent: '12.5' },
        { total: 5n, ratePercent: '10' },
      ],
      freight: 0n,
      freightRatePercent: '0',
    });
    expect(totals.totalTax).toBe(1n);
    expect(totals.lineTaxes.reduce((a, b) => a + b, 0n) + totals.freightTax).toBe(1n);
    expect(totals.totalAmount).toBe(11n);
  });
});
