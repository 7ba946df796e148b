// Xero's 60 calls a minute is per organisation, not per process: two server processes pushing for one
// organisation must stay within it together. On PostgreSQL (TEST_DATABASE_URL) two real child processes,
// each with its own connection and governor, share the window through the database; on PGlite, which one
// process opens, two governors in this process share nothing but the database. Time is injected.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { xeroGovernor } from '../../addon/connectors/xero/client.ts';
import { databaseWindows } from '../../addon/link/shared-windows.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';

const MINUTE = 60_000;

/** The most calls let through in any 60-second window. */
function busiestMinute(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= MINUTE) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

function manualClock(start: number) {
  let now = start;
  const sleepers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: now + Math.max(0, ms), wake });
      }),
    /** Advances to the next sleeper's time, once the event loop has settled. */
    async step() {
      await new Promise((r) => setTimeout(r, 5));
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) return false;
      now = Math.max(now, next.at);
      next.wake();
      return true;
    },
  };
}

describe('one organisation, two governors', () => {
  it('without a shared window each governor alone allows 60 a minute: together they would send 120', async () => {
    const clock = manualClock(1_000_000);
    const starts: number[] = [];
    const a = xeroGovernor(clock);
    const b = xeroGovernor(clock);
    const work = Promise.all(
      [a, b].flatMap((g) =>
        Array.from({ length: 70 }, () => g.run(async () => void starts.push(clock.now()))),
      ),
    );
    let done = false;
    void work.then(() => (done = true));
    while (!done && (await clock.step())) {}
    await work;
    expect(busiestMinute(starts)).toBe(120);
  });
});

/** Platform time at `scale` times real time from a start every party is given (as the child processes are). */
function scaledClock(realStart: number, platformStart: number, scale: number) {
  return {
    now: () => Math.floor(platformStart + (Date.now() - realStart) * scale),
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
}

/** 140 calls offered at once at 5 in flight each: only the shared limit can stretch them over 2 minutes. */
function expectHeldTogether(first: number[], second: number[]) {
  expect(first).toHaveLength(70);
  expect(second).toHaveLength(70);
  // Both were sending during the same minutes, not one after the other.
  expect(Math.min(...second)).toBeLessThan(Math.max(...first));
  expect(Math.min(...first)).toBeLessThan(Math.max(...second));
  const all = [...first, ...second];
  expect(busiestMinute(all)).toBeLessThanOrEqual(60);
  expect(Math.max(...all) - Math.min(...all)).toBeGreaterThanOrEqual(2 * MINUTE);
}

describe.each(testDbKinds)('shared rate windows on %s', (kind) => {
  it(kind === 'postgres'
    ? 'two processes with one organisation never exceed 60 calls a minute together'
    : 'two governors with their own windows never exceed 60 calls a minute together', async () => {
    const database = await freshDatabase(kind);
    // 20 platform seconds a real second: the two-plus platform minutes the limit imposes in about 7 s.
    const config = { realStart: Date.now(), platformStart: 5_000_000, scale: 20, tenant: 't-1', calls: 70 };
    try {
      if (kind === 'postgres') {
        const run = () =>
          new Promise<number[]>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', 'tests/link/governor-child.ts'], {
              env: { ...process.env, GOVERNOR_CHILD: JSON.stringify({ ...config, url: database.url }) },
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout!.on('data', (d) => (out += d));
            child.once('exit', (code) =>
              code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`child exited ${code}`)),
            );
          });
        const [first, second] = await Promise.all([run(), run()]);
        expectHeldTogether(first, second);
      } else {
        // PGlite is one process's database: the two governors share nothing but it.
        const clock = scaledClock(config.realStart, config.platformStart, config.scale);
        const store = databaseWindows(database.db);
        const admitted: number[][] = [[], []];
        const governors = admitted.map((mine) =>
          xeroGovernor(
            clock,
            {
              async tryTake(key, windows, now) {
                const wait = await store.tryTake(key, windows, now);
                if (wait === 0) mine.push(now);
                return wait;
              },
            },
            config.tenant,
          ),
        );
        await Promise.all(
          governors.flatMap((g) => Array.from({ length: config.calls }, () => g.run(() => clock.sleep(200)))),
        );
        expectHeldTogether(admitted[0]!, admitted[1]!);
      }
    } finally {
      await database.close();
    }
  }, 180_000);
});
