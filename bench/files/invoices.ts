// Input for the import-file benchmark: a small pool of realistic invoices per package, handed out lazily with
// fresh ids and numbers, so the input costs almost nothing in time or memory and the writer is what we measure.
import { makeInvoice, PROFILES } from '../../addon/connectors/files/test-support/fixtures.ts';
import type { LedgerInvoice } from '../../addon/connectors/types.ts';

export const LINES_PER_INVOICE = 10;
const POOL_SIZE = 40;

const DESCRIPTIONS = [
  'Design development, stage 2 drawings',
  'Site visit and report – façade inspection',
  'Council lodgement fee',
  'Printing A1 sets, "for tender"',
  'Structural review, level 3 slab',
  'Contract administration, March',
];

/** The pool: kinds, tax modes, GST and GST-free lines and categories in roughly real proportions. */
export function invoicePool(templateId: string): LedgerInvoice[] {
  const p = PROFILES[templateId];
  if (!p) throw new Error(`no tax profile for ${templateId}`);
  return Array.from({ length: POOL_SIZE }, (_, n) =>
    makeInvoice(
      p,
      {
        invoiceId: `pool-${n}`,
        kind: n % 10 === 9 ? 'credit' : 'invoice',
        number: `B${n}`,
        date: '2026-02-01',
        dueDate: '2026-03-03',
        reference: `PO ${4000 + n}, stage ${n % 5}`,
        contact: {
          clientCode: `C${n % 25}`,
          name: `Client ${n % 25} Pty Ltd`,
          email: `accounts${n % 25}@client.example`,
          address: { line1: `${n + 1} George St`, city: 'Perth', region: 'WA', postcode: '6000' },
        },
        job: {
          code: `J${1000 + n}`,
          name: `Job ${1000 + n}`,
          trackingCategory: 'Job',
          trackingOption: `J${n}`,
        },
      },
      Array.from({ length: LINES_PER_INVOICE }, (_, i) => ({
        description: `${DESCRIPTIONS[(n + i) % DESCRIPTIONS.length]} (${i + 1})`,
        quantity: String(1 + (i % 4)),
        unitPrice: `${100 + i * 7}.25`,
        free: i % 3 === 0,
        category: i % 3 === 0 ? ('disbursement' as const) : ('fee' as const),
      })),
    ),
  );
}

/** `count` invoices drawn from the pool, one at a time, each with its own id and number. */
export function* lazyInvoices(pool: readonly LedgerInvoice[], count: number): Generator<LedgerInvoice> {
  for (let n = 0; n < count; n++) {
    const base = pool[n % pool.length]!;
    // Numbers stay within the 8-11 character limits some packages set (MYOB Invoice # is 8).
    yield { ...base, invoiceId: `i${n}`, number: `S${n}` };
  }
}
