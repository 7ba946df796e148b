// Xero's per-line arithmetic on its own, with Xero's documented example (45.45 at 10% = 4.545 -> 4.55).
import { describe, expect, it } from 'vitest';
import { documentTotals, lineTax, withTax } from './tax.ts';

describe('Xero line tax', () => {
  it('rounds each line half away from zero: 4.545 -> 4.55, -4.545 -> -4.55', () => {
    expect(lineTax(4545n, '10', 'Exclusive')).toEqual({ netCents: 4545n, taxCents: 455n, grossCents: 5000n });
    expect(lineTax(-4545n, '10', 'Exclusive').taxCents).toBe(-455n);
  });

  it('inclusive lines carry tax = amount x rate / (100 + rate), rounded per line; NoTax carries none', () => {
    expect(lineTax(999n, '10', 'Inclusive')).toEqual({ netCents: 908n, taxCents: 91n, grossCents: 999n });
    expect(lineTax(999n, '15', 'NoTax').taxCents).toBe(0n);
  });

  it('sums the rounded lines, and a supplied TaxAmount replaces the computed one', () => {
    const line = lineTax(2545n, '15', 'Exclusive'); // 3.8175 -> 3.82
    expect(documentTotals([line, line, line])).toMatchObject({
      SubTotal: '76.35',
      TotalTax: '11.46',
      Total: '87.81',
    });
    expect(documentTotals([line, line, withTax(2545n, 381n, 'Exclusive')]).TotalTax).toBe('11.45');
  });
});
