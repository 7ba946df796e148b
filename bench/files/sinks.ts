// Where benchmark output goes: nowhere, but counted. Plus a cheap peak-heap sampler.
import { Writable } from 'node:stream';

export class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    done();
  }
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Full collection before a measurement, so each starts from the same heap (run.ts passes --expose-gc). */
export function collect(): void {
  gc?.();
}

/** Tracks the highest heapUsed seen; sample() is called every few hundred rows, not on a timer (the loops
 * never yield to timers). */
export class HeapPeak {
  peak = process.memoryUsage().heapUsed;
  sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.peak) this.peak = used;
  }
  get mb(): number {
    return this.peak / (1024 * 1024);
  }
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
