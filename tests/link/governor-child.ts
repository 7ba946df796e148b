// One server process's share of an organisation's Xero calls, for shared-governor.test.ts: its own database
// connection and its own governor, nothing shared with the other process but PostgreSQL. Time is platform
// time at GOVERNOR_CHILD.scale times real time from a start both processes are given, so a minute of
// platform limits passes in a second. Prints the platform times at which its calls were let through.
import { xeroGovernor } from '../../addon/connectors/xero/client.ts';
import { databaseWindows } from '../../addon/link/shared-windows.ts';
import { openDatabase } from '../../db/client.ts';

const { url, realStart, platformStart, scale, tenant, calls } = JSON.parse(process.env.GOVERNOR_CHILD!) as {
  url: string;
  realStart: number;
  platformStart: number;
  scale: number;
  tenant: string;
  calls: number;
};
const clock = {
  now: () => Math.floor(platformStart + (Date.now() - realStart) * scale),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
};
const database = await openDatabase({ kind: 'postgres', url, maxConnections: 3 });
const store = databaseWindows(database.db);
const admitted: number[] = [];
const governor = xeroGovernor(
  clock,
  {
    async tryTake(key, windows, now) {
      const wait = await store.tryTake(key, windows, now);
      if (wait === 0) admitted.push(now);
      return wait;
    },
  },
  tenant,
);
// Each call takes 200 ms of platform time, five in flight as Xero allows.
await Promise.all(Array.from({ length: calls }, () => governor.run(() => clock.sleep(200))));
await database.close();
process.stdout.write(`${JSON.stringify(admitted)}\n`);
