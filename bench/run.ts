// Benchmark harness: `npm run bench` (full, for people) or `npm run bench -- --quick` (CI).
// Runs each registered benchmark in its own child process with --expose-gc, merges their figures into one
// nested object, writes bench/results/latest.json and prints a table. Names after the flags pick a subset:
// `npx tsx bench/run.ts --quick files`.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildMessage } from './child.ts';
import { type BenchmarkEntry, benchmarks } from './registry.ts';
import { formatTable } from './table.ts';
import type { Figures } from './types.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface Outcome {
  figures: Figures | null;
  error?: string;
  seconds: number;
}

function runChild(entry: BenchmarkEntry, quick: boolean): Promise<Outcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  return new Promise((resolve) => {
    const child = fork(here('./child.ts'), [here(entry.module), quick ? 'quick' : 'full'], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: ChildMessage | undefined;
    const limit = quick ? entry.timeoutSeconds.quick : entry.timeoutSeconds.full;
    const timer = setTimeout(() => {
      message = { error: `timed out after ${limit} s` };
      child.kill('SIGKILL');
    }, limit * 1000);
    child.on('message', (m) => {
      message ??= m as ChildMessage;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const error = message?.error ?? (message?.figures ? undefined : `exited with ${signal ?? code}`);
      resolve({ figures: message?.figures ?? null, seconds: seconds(), ...(error ? { error } : {}) });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const unknown = only.filter((n) => !benchmarks.some((b) => b.name === n));
  if (unknown.length) throw new Error(`no such benchmark: ${unknown.join(', ')}`);
  const chosen = benchmarks.filter((b) => only.length === 0 || only.includes(b.name));

  const results: Record<string, Figures | null> = {};
  const seconds: Record<string, number> = {};
  const failed: string[] = [];
  for (const entry of chosen) {
    console.error(`bench: ${entry.name} (${quick ? 'quick' : 'full'})`);
    const outcome = await runChild(entry, quick);
    results[entry.name] = outcome.figures;
    seconds[entry.name] = outcome.seconds;
    if (outcome.error) {
      failed.push(entry.name);
      console.error(`bench: ${entry.name} failed: ${outcome.error}`);
    }
  }

  // A subset replaces its own benchmarks' figures and keeps the others' from the last run.
  const path = here('./results/latest.json');
  const earlier: Record<string, unknown> =
    only.length && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  const earlierSeconds = (earlier.meta as { seconds?: Record<string, number> } | undefined)?.seconds ?? {};
  const output = {
    ...earlier,
    meta: {
      mode: quick ? 'quick' : 'full',
      finishedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      seconds: { ...earlierSeconds, ...seconds },
    },
    ...results,
  };
  mkdirSync(here('./results'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(output, null, 2)}\n`);
  console.log(formatTable(results));
  console.log(
    `\nwritten bench/results/latest.json (${quick ? 'quick' : 'full'} mode, ${cpus().length} cpus)`,
  );
  if (failed.length) {
    console.error(`bench: failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
