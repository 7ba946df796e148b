// Runs one benchmark module in its own process (started by run.ts with --expose-gc and an IPC channel) and
// sends its figures back, so peak-heap figures are not polluted by other benchmarks and a crash stays local.
import { pathToFileURL } from 'node:url';
import type { Benchmark, Figures } from './types.ts';

export interface ChildMessage {
  figures?: Figures;
  error?: string;
}

async function main(): Promise<void> {
  const [modulePath, mode] = process.argv.slice(2);
  if (!modulePath || !process.send) throw new Error('child.ts is started by bench/run.ts');
  const mod = (await import(pathToFileURL(modulePath).href)) as { default: Benchmark };
  const figures = await mod.default.run({
    quick: mode === 'quick',
    log: (message) => console.error(`  [${mod.default.name}] ${message}`),
  });
  await send({ figures });
}

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

main()
  .catch(async (err: unknown) => {
    await send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exitCode = 1;
  })
  // Open handles (database pools, servers a module forgot) must not keep the child alive.
  .finally(() => process.disconnect?.())
  .then(() => setTimeout(() => process.exit(), 200).unref());
