// fast-check generators for LedgerInvoice values with hostile text. Shapes are valid (ISO-ish dates, decimal
// strings, bigint cents); the text is not: formula leads, look-alikes that fold to = + - @ in ASCII or
// Windows-1252, tabs, CR/LF, quotes, long strings. Codes come mostly from the package's own tax profile so
// that a good share of invoices pass validation and the renderer is exercised, not only the validator.
import fc from 'fast-check';
import type { TaxProfile } from '../../addon/connectors/files/test-support/fixtures.ts';
import type { LedgerInvoice, LedgerLine } from '../../addon/connectors/types.ts';

// The OWASP leads, their full-width forms, and characters that become one of them once folded to ASCII or
// Windows-1252 (en/em dash -> "-", superscript/small forms -> "=", "+", "-", "@" under NFKD).
const LEADS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '＝',
  '＋',
  '－',
  '＠',
  '–',
  '—',
  '⁼',
  '⁺',
  '₋',
  '﹦',
  '﹢',
  '﹣',
  '﹫',
  "'",
  ' ',
];
const BREAKERS = ['\t', '\r\n', '\r', '\n', '"', ',', ';', ':', '\u000b', '\u00a0', 'é', '€', '“', '😀'];

// Mostly text a Windows-1252 file can hold (so the IIF, MYOB and Sage 50 renderers see a fair share of cases, not
// only the refusal of characters those packages cannot store), sometimes any grapheme at all.
const WESTERN = fc.constantFrom(...'aZ 09é€–“ÜïçÆøß&/.'.split(''));
const plain = fc.oneof(
  { weight: 3, arbitrary: fc.array(WESTERN, { maxLength: 24 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
);

/** Free text as a person might type or paste it. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: plain },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...LEADS), plain).map(([lead, rest]) => lead + rest) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), fc.constantFrom(...BREAKERS)), {
        maxLength: 8,
      })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 1500 }) },
);

/** Text that usually fits the short fields (names at most 41, numbers at most 8) so validation can pass. */
const shortText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...LEADS), fc.string({ maxLength: 6 })).map((t) => t.join('')),
  },
  { weight: 1, arbitrary: hostileText },
);
const code = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const isoDate = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2025-02-29', '2026-13-01', '26-1-1', '') },
);

const decimal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 999_999_999_999n }),
    fc.integer({ min: 0, max: 4 }),
    fc.nat(9999),
  )
  .map(([neg, whole, places, frac]) => {
    const f = places ? `.${String(frac).padStart(4, '0').slice(0, places)}` : '';
    return `${neg && whole > 0n ? '-' : ''}${whole}${f}`;
  });
// Mostly the positive amounts a LedgerInvoice carries (credits too), sometimes negative or huge.
const cents = fc.oneof(
  { weight: 30, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 9n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }) },
);

function line(p: TaxProfile): fc.Arbitrary<LedgerLine> {
  return fc
    .record({
      description: hostileText,
      quantity: decimal,
      unitPrice: decimal,
      category: fc.constantFrom('fee', 'disbursement', 'variation', 'expense'),
      free: fc.boolean(),
      accountCode: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(p.accounts.fee, p.accounts.disbursement) },
        { weight: 1, arbitrary: shortText },
      ),
      netCents: cents,
      taxCents: cents,
      trackingOption: maybe(shortText),
    })
    .map(({ free, ...l }) => {
      const tax = free ? p.free : p.standard;
      // A tax-free line carries no tax, so one-rate-per-invoice packages (IIF) can accept it.
      const taxCents = free ? 0n : l.taxCents;
      return {
        ...l,
        taxCents,
        taxCode: tax.code,
        taxName: tax.name,
        taxRatePercent: free ? '0' : p.rate,
        grossCents: l.netCents + taxCents,
      };
    });
}

export function ledgerInvoice(p: TaxProfile): fc.Arbitrary<LedgerInvoice> {
  const address = fc.record({
    line1: maybe(hostileText),
    line2: maybe(hostileText),
    city: maybe(shortText),
    region: maybe(shortText),
    postcode: maybe(shortText),
    country: maybe(shortText),
  });
  return fc
    .record({
      invoiceId: fc.uuid(),
      version: fc.integer({ min: 1, max: 50 }),
      kind: fc.constantFrom('invoice', 'credit'),
      number: shortText,
      date: isoDate,
      dueDate: isoDate,
      currency: fc.oneof(
        { weight: 5, arbitrary: fc.constant(p.home) },
        { weight: 1, arbitrary: fc.constantFrom('USD', 'NZD', 'EUR', 'aud') },
      ),
      taxMode: fc.constantFrom('exclusive', 'inclusive'),
      reference: maybe(hostileText),
      url: maybe(hostileText),
      contact: fc.record({
        // Ledger ids as short as real ones: a 36-character UUID is longer than some packages allow (Oracle: 30).
        externalId: maybe(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/)),
        clientCode: fc.oneof({ weight: 4, arbitrary: code }, { weight: 1, arbitrary: shortText }),
        name: shortText,
        email: maybe(hostileText),
        address,
      }),
      job: maybe(
        fc.record({
          code,
          name: shortText,
          trackingCategory: maybe(shortText),
          trackingOption: maybe(shortText),
        }),
      ),
      lines: fc.array(line(p), { maxLength: 40 }),
    })
    .map((inv) => {
      let subtotal = 0n;
      let tax = 0n;
      for (const l of inv.lines) {
        subtotal += l.netCents;
        tax += l.taxCents;
      }
      return { ...inv, subtotalCents: subtotal, taxCents: tax, totalCents: subtotal + tax };
    });
}
