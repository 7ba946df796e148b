// The one list of benchmarks. To add one: write bench/<name>.bench.ts with `export default { name, run }`
// (see types.ts) and push an entry here. Each runs in its own child process, in this order.
export interface BenchmarkEntry {
  name: string;
  /** Path relative to this folder. */
  module: string;
  /** Wall-clock limit for the child; it is killed and its figures written as null past this. */
  timeoutSeconds: { quick: number; full: number };
}

export const benchmarks: BenchmarkEntry[] = [
  { name: 'files', module: './files.bench.ts', timeoutSeconds: { quick: 90, full: 900 } },
  { name: 'api', module: './api.bench.ts', timeoutSeconds: { quick: 120, full: 600 } },
  // Later: push, pull, soak, ui.
];
