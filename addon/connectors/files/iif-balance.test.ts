// QuickBooks Desktop and Reckon reject unbalanced transactions: in every TRNS…ENDTRNS block the AMOUNTs and the
// TAXAMOUNTs together sum to zero, in cents (docs/platforms/reckon-accounts.md: "the sum of AMOUNT and TAXAMOUNT
// over a transaction is zero"). Reckon's GST rides in each line's TAXAMOUNT and is never posted a second time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCents } from '../../domain/money.ts';
import { fileTemplates } from './index.ts';
import { fixtureInvoices, makeInvoice, PROFILES } from './test-support/fixtures.ts';
import { renderAll, tabRecords } from './test-support/render-all.ts';

/** Sum of AMOUNT and TAXAMOUNT per transaction, reading positions from the !TRNS / !SPL keyword rows. */
function transactionSums(text: string): { docnum: string; sum: bigint; splCount: number }[] {
  const records = tabRecords(text);
  const trnsHeader = records.find((r) => r[0] === '!TRNS')!;
  const splHeader = records.find((r) => r[0] === '!SPL')!;
  const sums: { docnum: string; sum: bigint; splCount: number }[] = [];
  let current: { docnum: string; sum: bigint; splCount: number } | undefined;
  for (const r of records) {
    if (r[0] === 'TRNS') {
      current = {
        docnum: r[trnsHeader.indexOf('DOCNUM')]!,
        sum: toCents(r[trnsHeader.indexOf('AMOUNT')]!),
        splCount: 0,
      };
    } else if (r[0] === 'SPL') {
      current!.sum += toCents(r[splHeader.indexOf('AMOUNT')]!);
      const tax = splHeader.indexOf('TAXAMOUNT');
      if (tax >= 0 && r[tax]) current!.sum += toCents(r[tax]!);
      current!.splCount++;
    } else if (r[0] === 'ENDTRNS') {
      sums.push(current!);
      current = undefined;
    }
  }
  expect(current, 'every TRNS is closed by ENDTRNS').toBeUndefined();
  return sums;
}

const IIF_IDS = ['quickbooks-desktop-iif', 'reckon-accounts-iif'] as const;

describe.each(IIF_IDS)('%s transactions balance to zero', (id) => {
  const template = fileTemplates[id];
  const profile = PROFILES[id]!;

  it('for the fixture invoice and credit memo', async () => {
    const [file] = await renderAll(template, fixtureInvoices(profile, false), { baseCurrency: profile.home });
    const sums = transactionSums(file!.bytes.toString('latin1'));
    expect(sums.map((s) => s.docnum)).toEqual(['INV-1001', 'CN-0007', 'INV-1003', 'INV-1004']);
    for (const s of sums) expect(s.sum, s.docnum).toBe(0n);
  });

  it('for any mix of taxed and tax-free lines, quantities and prices', async () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 9999 }).map((n) => (n / 4).toString()),
      unitPrice: fc.integer({ min: 0, max: 10_000_000 }).map((c) => (c / 100).toFixed(2)),
      free: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (lines, credit) => {
          const inv = makeInvoice(
            profile,
            {
              invoiceId: 'p',
              kind: credit ? 'credit' : 'invoice',
              number: 'P-1',
              date: '2026-01-31',
              dueDate: '2026-02-28',
              contact: { clientCode: 'C1', name: 'Client', address: {} },
            },
            lines.map((l, i) => ({ description: `Line ${i}`, ...l })),
          );
          const [file] = await renderAll(template, [inv], { baseCurrency: profile.home });
          const [sum] = transactionSums(file!.bytes.toString('latin1'));
          expect(sum!.sum).toBe(0n);
          // QuickBooks Desktop (US): one SPL per line plus its AUTOSTAX sales-tax line. Reckon: one SPL per line,
          // each carrying its own GST.
          expect(sum!.splCount).toBe(lines.length + (id === 'reckon-accounts-iif' ? 0 : 1));
        },
      ),
      { numRuns: 200 },
    );
  });
});
