// 100,000 invoice lines must stream in little memory: invoices are generated lazily and every chunk is
// dropped once counted, so heap growth measures the writer alone.
import { describe, expect, it } from 'vitest';
import type { LedgerInvoice } from '../types.ts';
import { fileTemplates } from './index.ts';
import { renderExport } from './render.ts';
import { makeInvoice, PROFILES, SETTINGS } from './test-support/fixtures.ts';

const LINES_PER_INVOICE = 10;
const INVOICES = 10_000;
const MB = 1024 * 1024;

function* lazyInvoices(id: string): Generator<LedgerInvoice> {
  const p = PROFILES[id]!;
  for (let n = 0; n < INVOICES; n++) {
    yield makeInvoice(
      p,
      {
        invoiceId: `i${n}`,
        kind: n % 10 === 9 ? 'credit' : 'invoice',
        number: `S${n}`,
        date: '2026-02-01',
        dueDate: '2026-03-03',
        reference: `Job ${n}, stage ${n % 7}`,
        contact: { clientCode: `C${n % 500}`, name: `Client ${n % 500} Pty Ltd`, address: { city: 'Perth' } },
      },
      Array.from({ length: LINES_PER_INVOICE }, (_, i) => ({
        description: `Professional services, item ${i} for invoice ${n}`,
        quantity: String(1 + (i % 4)),
        unitPrice: `${100 + i}.25`,
        free: i % 3 === 0,
      })),
    );
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

describe('streaming 100,000 lines', () => {
  it.each(['myob-accountright-classic-txt', 'xero-csv', 'oracle-fusion-autoinvoice-csv'] as const)(
    '%s stays under 150 MB of heap growth',
    async (id) => {
      gc?.();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let bytes = 0;
      let files = 0;
      let chunks = 0;
      for await (const file of renderExport(fileTemplates[id], lazyInvoices(id), {
        baseCurrency: PROFILES[id]!.home,
        settings: SETTINGS[id],
      })) {
        files++;
        for await (const chunk of file.chunks) {
          bytes += chunk.length;
          if (++chunks % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      }
      gc?.();
      const growth = Math.max(peak, process.memoryUsage().heapUsed) - baseline;
      console.warn(
        `${id}: ${INVOICES * LINES_PER_INVOICE} lines, ${files} file(s), ${(bytes / MB).toFixed(1)} MB written, peak heap growth ${(growth / MB).toFixed(1)} MB (gc ${gc ? 'exposed' : 'not exposed'})`,
      );
      // Oracle's zip is deflated, so fewer bytes; still one chunk at a time rather than one buffer at the end.
      expect(bytes).toBeGreaterThan(INVOICES * LINES_PER_INVOICE * (id.startsWith('oracle') ? 5 : 50));
      expect(chunks).toBeGreaterThan(10);
      expect(growth).toBeLessThan(150 * MB);
    },
    120_000,
  );
});
