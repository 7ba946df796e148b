// Import files: lines per second writing 100,000 invoice lines (quick: 20,000) with each template, against a
// bare csv-stringify run over the same records in the same process. Target: every template within 1.5x.
import { fileTemplates } from '../addon/connectors/files/index.ts';
import { PROFILES, SETTINGS } from '../addon/connectors/files/test-support/fixtures.ts';
import { invoicePool, LINES_PER_INVOICE, lazyInvoices } from './files/invoices.ts';
import { baselinePass, baselineRecords, type Pass, templatePass } from './files/measure.ts';
import { collect, median } from './files/sinks.ts';
import type { Benchmark, Figures } from './types.ts';

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

const benchmark: Benchmark = {
  name: 'files',
  async run({ quick, log }) {
    const lines = quick ? 20_000 : 100_000;
    const repeats = quick ? 1 : 3;
    const invoices = lines / LINES_PER_INVOICE;
    const figures: Figures = { lines, worstRatio: 0, peakHeapMb: 0 };
    let worstRatio = 0;
    let peakHeapMb = 0;

    for (const [id, template] of Object.entries(fileTemplates)) {
      const opts = { baseCurrency: PROFILES[id]!.home, settings: SETTINGS[id] ?? {} };
      const pool = invoicePool(id);
      const records = baselineRecords(template, pool, opts);
      // Warm both paths up so the JIT has compiled them before the clock starts.
      await templatePass(template, lazyInvoices(pool, 200), opts);
      await baselinePass(template, records, 200);

      const bare: Pass[] = [];
      const written: Pass[] = [];
      for (let r = 0; r < repeats; r++) {
        collect();
        bare.push(await baselinePass(template, records, invoices));
        collect();
        written.push(await templatePass(template, lazyInvoices(pool, invoices), opts));
      }
      const templateMs = median(written.map((p) => p.ms));
      const bareMs = median(bare.map((p) => p.ms));
      const ratio = templateMs / bareMs;
      const heapMb = Math.max(...written.map((p) => p.peakHeapMb));
      worstRatio = Math.max(worstRatio, ratio);
      peakHeapMb = Math.max(peakHeapMb, heapMb);
      figures[id] = {
        linesPerSec: Math.round(lines / (templateMs / 1000)),
        bareLinesPerSec: Math.round(lines / (bareMs / 1000)),
        ratio: round(ratio),
        peakHeapMb: round(heapMb, 1),
        outputMb: round(written[0]!.bytes / (1024 * 1024), 1),
      };
      log(`${id}: ${templateMs.toFixed(0)} ms vs bare ${bareMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`);
    }
    figures.worstRatio = round(worstRatio);
    figures.peakHeapMb = round(peakHeapMb, 1);
    return figures;
  },
};

export default benchmark;
