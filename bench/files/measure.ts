// One timed pass of a template, and one of the baseline: csv-stringify alone over the very same records.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { makeContext } from '../../addon/connectors/files/helpers.ts';
import { type ExportOptions, type FileTemplate, renderExport } from '../../addon/connectors/files/index.ts';
import type { LedgerInvoice } from '../../addon/connectors/types.ts';
import { CountingSink, HeapPeak } from './sinks.ts';

export interface Pass {
  ms: number;
  bytes: number;
  peakHeapMb: number;
}

// Sampling heapUsed costs microseconds; every 32 invoices (320 lines) keeps it well under 1% of a pass.
const SAMPLE_EVERY = 32;

/** Renders `invoices` with the template, draining every file's chunks into a counting sink. */
export async function templatePass(
  template: FileTemplate,
  invoices: Iterable<LedgerInvoice>,
  opts: ExportOptions,
): Promise<Pass> {
  const heap = new HeapPeak();
  let bytes = 0;
  let chunks = 0;
  const started = performance.now();
  for await (const file of renderExport(template, invoices, opts)) {
    for await (const chunk of file.chunks) {
      bytes += chunk.length;
      if (++chunks % SAMPLE_EVERY === 0) heap.sample();
    }
  }
  const ms = performance.now() - started;
  heap.sample();
  return { ms, bytes, peakHeapMb: heap.mb };
}

/**
 * The records the template would write for the pool (same rows, same columns, same raw values), so the
 * baseline stringifies exactly the shape the template does, without binding, checks, sanitising or encoding.
 */
export function baselineRecords(
  template: FileTemplate,
  pool: readonly LedgerInvoice[],
  opts: ExportOptions,
): string[][][] {
  const ctx = makeContext(template.format, opts);
  return pool.map((inv) => template.format.rows(inv, ctx).map((row) => row.cells.map((c) => c.raw)));
}

/** csv-stringify (streaming API) over `count` invoices' records cycled from the pool, into a null sink. */
export async function baselinePass(
  template: FileTemplate,
  records: readonly string[][][],
  count: number,
): Promise<Pass> {
  const heap = new HeapPeak();
  const sink = new CountingSink();
  const { delimiter, recordDelimiter } = template.format;
  const stringifier = stringify({ delimiter, record_delimiter: recordDelimiter });
  stringifier.pipe(sink);
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    for (const record of records[n % records.length]!) {
      if (!stringifier.write(record)) await once(stringifier, 'drain');
    }
    if (n % SAMPLE_EVERY === 0) heap.sample();
  }
  stringifier.end();
  await finished(sink);
  const ms = performance.now() - started;
  heap.sample();
  return { ms, bytes: sink.bytes, peakHeapMb: heap.mb };
}
