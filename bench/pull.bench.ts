// Reference pull cost (issue #9 item 2): the API calls and response-body bytes refreshReference (the engine's
// own path: connector pull, then stored in the database) needs for a chart of 1,000 extra accounts, the first
// time and again on an unchanged chart a minute later. Target: the refresh moves almost nothing.
// Baseline, same run: the first (full) pull; refreshRatio = refresh bytes / first bytes.
// Xero figures are flat (pull.firstCalls ...); MYOB's (no If-Modified-Since on its lists) are under pull.myob.

import { fileTemplates } from '../addon/connectors/files/index.ts';
import { MyobGovernors } from '../addon/connectors/myob/client.ts';
import { createMyobConnector } from '../addon/connectors/myob/connector.ts';
import type { ConnectorRuntime } from '../addon/connectors/types.ts';
import { createXeroConnector } from '../addon/connectors/xero/connector.ts';
import type { LinkDeps } from '../addon/link/deps.ts';
import { refreshReference } from '../addon/link/reference.ts';
import { openDatabase } from '../db/client.ts';
import { silentLog } from '../tests/helpers/app.ts';
import { benchClock } from './link/clock.ts';
import { practiceOn } from './link/practice.ts';
import {
  diffTally,
  myobRuntime,
  snapshot,
  startPlatforms,
  type Tally,
  xeroRuntime,
} from './link/sandboxes.ts';
import type { Benchmark, Figure } from './types.ts';

const EXTRA_ACCOUNTS = 1_000;

const benchmark: Benchmark = {
  name: 'pull',
  async run({ log }) {
    const clock = benchClock(1);
    const platforms = startPlatforms(clock, { extraAccounts: EXTRA_ACCOUNTS });
    const database = await openDatabase({ kind: 'pglite' });
    const xero = createXeroConnector();
    const myob = createMyobConnector({ governors: new MyobGovernors() });
    const xeroRt = await xeroRuntime(platforms, clock);
    const myobRt = await myobRuntime(clock);
    const deps: LinkDeps = {
      db: database.db,
      clock,
      log: silentLog,
      apiConnectors: { xero, myob },
      fileTemplates,
      runtimeFor: async (iface): Promise<ConnectorRuntime> =>
        (iface.provider === 'xero' ? xeroRt : myobRt)(iface.options as ConnectorRuntime['options']),
      publicUrl: 'http://abtrac.bench',
    };

    async function measure(provider: 'xero' | 'myob', tenantId: string, tally: Tally) {
      const p = await practiceOn(database.db, provider, tenantId);
      const once = async () => {
        const before = snapshot(tally);
        const started = performance.now();
        const changed = await refreshReference(deps, await p.iface());
        return { t: diffTally(tally, before), ms: performance.now() - started, changed };
      };
      const first = await once();
      // An unchanged chart, looked at again later, as the scheduled refresh does.
      clock.jump(60_000);
      const refresh = await once();
      const figures: Record<string, Figure> = {
        accounts: first.changed.accounts,
        firstCalls: first.t.calls,
        firstBytes: first.t.bytes,
        firstMs: Math.round(first.ms),
        refreshCalls: refresh.t.calls,
        refreshBytes: refresh.t.bytes,
        refreshMs: Math.round(refresh.ms),
        refreshRatio: Math.round((refresh.t.bytes / first.t.bytes) * 1000) / 1000,
        refreshRowsWritten: refresh.changed.accounts + refresh.changed.taxRates + refresh.changed.tracking,
      };
      log(`${provider}: ${JSON.stringify(figures)}; refresh by status ${JSON.stringify(refresh.t.byStatus)}`);
      return figures;
    }

    try {
      const xeroFigures = await measure('xero', platforms.xero.tenants.au, platforms.xeroTally);
      const myobFigures = await measure('myob', myobRt({}).tenantId, platforms.myobTally);
      return { extraAccounts: EXTRA_ACCOUNTS, ...xeroFigures, myob: myobFigures };
    } finally {
      await database.close().catch(() => {});
      platforms.close();
    }
  },
};

export default benchmark;
