// Resilience soak (issue #9 item 6): 500 invoices (quick: 150) pushed to Xero through the real engine and
// connector while a chaos loop SIGKILLs the worker process at random moments (at least 10 kills; quick 4)
// and the ledger answers writes and reads with 503s, connection resets and "commit then drop the response".
//
// The ledger is a Xero sandbox in its own long-lived process on loopback HTTP (soak/ledger.ts), so it
// outlives every worker and keeps Xero's real behaviour: it stores a second invoice with a number it already
// holds, so a careless retry shows up as a duplicate. The worker (soak/worker.ts) runs startQueue +
// startWorkers on PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL, a fresh database) or on a PGlite data
// directory that each worker opens in turn.
// Baseline, same run: the same number of other invoices pushed first by one worker with no faults and no
// kills (soak.baselineSeconds). Figures: kills, lost (never reached the ledger, must be 0), duplicated (held
// more than once, must be 0), drainSeconds (from the last fault to the batch done).
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { refreshReference } from '../addon/link/reference.ts';
import { openDatabase } from '../db/client.ts';
import { batchOf, invoicesFor, mapCodes, numbersOf, practiceOn } from './link/practice.ts';
import type { LedgerReady, LedgerRequest } from './soak/ledger.ts';
import { ledgerDeps, type WorkerArgs, type WorkerCommand, type WorkerReport } from './soak/shared.ts';
import type { Benchmark, Figures } from './types.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 100 ms until it holds or `ms` pass; says which. */
async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (let i = 0; i < Math.ceil(ms / 100) + 1; i++) {
    if (done()) return true;
    if (Date.now() >= until) return false;
    await sleep(100);
  }
  return done();
}

/** The ledger process, answering requests by id. */
function ledgerClient(child: ChildProcess) {
  let next = 1;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  child.on('message', (m: { id?: number }) => {
    if (m.id !== undefined) waiting.get(m.id)?.(m as Record<string, unknown>);
  });
  return <T>(request: Omit<LedgerRequest, 'id'>): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error('ledger did not answer in 10 s')), 10_000);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(m as T);
      });
      child.send({ ...request, id });
    });
}

interface Worker {
  child: ChildProcess;
  ready: Promise<boolean>;
  exited: Promise<void>;
  reports: Map<string, Extract<WorkerReport, { batch: string }>>;
  uploaded: Set<string>;
  send(command: WorkerCommand): void;
}

async function database(dir: string): Promise<{ args: WorkerArgs['database']; drop(): Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { args: { kind: 'pglite', dataDir: join(dir, 'db') }, drop: async () => {} };
  const name = `aal_soak_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    args: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

const benchmark: Benchmark = {
  name: 'soak',
  async run({ quick, log }) {
    const n = quick ? 150 : 500;
    const targetKills = quick ? 4 : 10;
    // Real-time limits: the chaos phase, then the drain after the last fault.
    const chaosLimitMs = quick ? 60_000 : 400_000;
    const drainLimitMs = quick ? 60_000 : 240_000;
    // From the fork: a PGlite worker takes 5-15 s to come up (WASM, crash recovery, pg-boss), so some kills
    // land in its start and some mid-push.
    const killDelayMs: [number, number] = quick ? [2_000, 12_000] : [2_000, 20_000];
    const dir = mkdtempSync(join(tmpdir(), 'aal-soak-'));
    const db = await database(dir);
    const children: ChildProcess[] = [];

    const ledgerChild = fork(here('./soak/ledger.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(ledgerChild);
    try {
      const { ready: ledger } = await new Promise<LedgerReady>((resolve, reject) => {
        ledgerChild.once('message', (m: LedgerReady) => resolve(m));
        ledgerChild.once('exit', (code) => reject(new Error(`ledger exited with ${code}`)));
      });
      const ask = ledgerClient(ledgerChild);

      // ------------------------------------------------------------ set-up, in this process, then closed
      const setup = await openDatabase(
        db.args.kind === 'pglite'
          ? { kind: 'pglite', dataDir: db.args.dataDir }
          : { kind: 'postgres', url: db.args.url },
      );
      const p = await practiceOn(setup.db, 'xero', ledger.tenantId);
      await refreshReference(ledgerDeps(setup.db, ledger), await p.iface());
      await mapCodes(setup.db, p, {
        account: '200',
        tax: 'OUTPUT',
        recoveries: '220',
        gstFree: 'EXEMPTOUTPUT',
      });
      const calmIds = await invoicesFor(setup.db, p.practiceId, n, 'CALM');
      const calm = await batchOf(setup.db, p, calmIds);
      const chaosIds = await invoicesFor(setup.db, p.practiceId, n, 'SOAK');
      const chaos = await batchOf(setup.db, p, chaosIds);
      const calmNumbers = (await numbersOf(setup.db, p.practiceId, calmIds)).map((i) => i.number);
      const chaosNumbers = (await numbersOf(setup.db, p.practiceId, chaosIds)).map((i) => i.number);
      await setup.close();

      const args: WorkerArgs = { database: db.args, ledger, practiceId: p.practiceId };
      let starts = 0;
      /** Forks a worker; it starts watching `watch` as soon as it is up. */
      const spawnWorker = (watch?: string): Worker => {
        starts++;
        const child = fork(here('./soak/worker.ts'), [JSON.stringify(args)], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.push(child);
        let up: (ok: boolean) => void = () => {};
        const w: Worker = {
          child,
          ready: new Promise<boolean>((resolve) => {
            up = resolve;
          }),
          exited: new Promise((resolve) => child.once('exit', () => resolve())),
          reports: new Map(),
          uploaded: new Set(),
          send: (c) => {
            if (child.connected) child.send(c);
          },
        };
        child.on('message', (m: WorkerReport) => {
          if ('ready' in m) {
            if (watch) w.send({ watch });
            up(true);
          } else if ('batch' in m) w.reports.set(m.batch, m);
          else if ('uploaded' in m) w.uploaded.add(m.uploaded);
          else if ('error' in m) log(`worker: ${m.error.slice(0, 300)}`);
        });
        child.once('exit', () => up(false));
        return w;
      };
      /** A worker that is up (a start can fail, e.g. PGlite recovering from a kill): bounded retries. */
      const liveWorker = async (watch?: string): Promise<Worker> => {
        for (let attempt = 1; attempt <= 3; attempt++) {
          const w = spawnWorker(watch);
          const ok = await Promise.race([w.ready, sleep(90_000).then(() => false)]);
          if (ok) return w;
          w.child.kill('SIGKILL');
          await w.exited;
          log(`worker start ${attempt} failed`);
        }
        throw new Error('no worker would start');
      };
      const finished = (w: Worker, batchId: string) => {
        const r = w.reports.get(batchId);
        return r !== undefined && r.pending === 0 && (r.status === 'done' || r.status === 'failed');
      };

      // ------------------------------------------------------------ baseline: no faults, no kills
      let worker = await liveWorker();
      const calmStart = Date.now();
      worker.send({ upload: calm.id });
      if (!(await waitUntil(() => finished(worker, calm.id), chaosLimitMs)))
        throw new Error(`the baseline batch did not finish: ${JSON.stringify(worker.reports.get(calm.id))}`);
      const baselineSeconds = (Date.now() - calmStart) / 1000;
      log(
        `baseline: ${n} invoices in ${baselineSeconds.toFixed(1)} s, ${JSON.stringify(worker.reports.get(calm.id))}`,
      );

      // ------------------------------------------------------------ chaos
      const chaosStart = Date.now();
      worker.send({ upload: chaos.id });
      if (!(await waitUntil(() => worker.uploaded.has(chaos.id), 30_000)))
        throw new Error('upload did not start');
      await ask({ faults: true });
      let kills = 0;
      const chaosUntil = Date.now() + chaosLimitMs;
      for (
        let round = 0;
        round < targetKills * 3 && kills < targetKills && Date.now() < chaosUntil;
        round++
      ) {
        // A random moment after the worker was forked: during its start (PGlite crash recovery, pg-boss
        // start-up), while it waits for a killed job's heartbeat to expire, or mid-push.
        const delay = killDelayMs[0] + Math.random() * (killDelayMs[1] - killDelayMs[0]);
        const w = worker;
        if (await waitUntil(() => finished(w, chaos.id), delay)) break;
        w.child.kill('SIGKILL');
        await w.exited;
        kills++;
        const state = w.reports.get(chaos.id);
        log(
          `kill ${kills} at ${((Date.now() - chaosStart) / 1000).toFixed(1)} s: ${state ? `${state.uploaded} uploaded, ${state.pending} pending` : 'before it reported'}`,
        );
        worker = spawnWorker(chaos.id);
      }
      await ask({ faults: false });
      const lastFault = Date.now();
      // The last worker forked by the loop may not have come up (or died starting): make sure one is.
      if (!(await Promise.race([worker.ready, sleep(90_000).then(() => false)]))) {
        worker.child.kill('SIGKILL');
        await worker.exited;
        worker = await liveWorker(chaos.id);
      }
      const drained = await waitUntil(() => finished(worker, chaos.id), drainLimitMs);
      const doneAt = Date.now();
      const final = worker.reports.get(chaos.id);
      log(
        `chaos: ${kills} kills, drained ${drained} in ${((doneAt - lastFault) / 1000).toFixed(1)} s: ${JSON.stringify(final)}`,
      );
      worker.send('stop');
      const stopped = await Promise.race([worker.exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) worker.child.kill('SIGKILL');

      const held = async (numbers: string[]) =>
        (await ask<{ counts: number[] }>({ holdings: numbers })).counts;
      const chaosHeld = await held(chaosNumbers);
      const calmHeld = await held(calmNumbers);
      const stats = await ask<{ calls: number; rateLimited: number; failures: number; hits: number }>({
        stats: true,
      });
      const figures: Figures = {
        invoices: n,
        kills,
        workerStarts: starts,
        faultsInjected: stats.hits,
        lost: chaosHeld.filter((c) => c === 0).length,
        duplicated: chaosHeld.filter((c) => c > 1).length,
        failedItems: final?.failed ?? null,
        drainSeconds: drained ? Math.round((doneAt - lastFault) / 100) / 10 : null,
        chaosSeconds: drained ? Math.round((doneAt - chaosStart) / 100) / 10 : null,
        baselineSeconds: Math.round(baselineSeconds * 10) / 10,
        baselineLost: calmHeld.filter((c) => c === 0).length,
        baselineDuplicated: calmHeld.filter((c) => c > 1).length,
        ledgerCalls: stats.calls,
        http429: stats.rateLimited,
      };
      return figures;
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await db.drop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
