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
  { name: 'api', module: './api.bench.ts', timeoutSeconds: { quick: 480, full: 900 } },
  // Later: push, pull, soak, ui.
  { name: 'push', module: './push.bench.ts', timeoutSeconds: { quick: 300, full: 1200 } },
  { name: 'growth', module: './growth.bench.ts', timeoutSeconds: { quick: 300, full: 1800 } },
  { name: 'pull', module: './pull.bench.ts', timeoutSeconds: { quick: 60, full: 180 } },
  { name: 'soak', module: './soak.bench.ts', timeoutSeconds: { quick: 180, full: 900 } },
  // Quick takes 30-40 s; the headroom covers a stale dist/web being rebuilt by vite first.
  { name: 'ui', module: './ui.bench.ts', timeoutSeconds: { quick: 150, full: 400 } },
];
