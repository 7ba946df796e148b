// A practice posting to the tests' own ledger (the test-ledger connector and the real upload engine), the
// real app serving the built web app, and a chromium page signed in as that practice with its API key.
import type { PgBoss } from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { startTestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { practiceOnTestLedger, startEngine, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';
import { type Harness, openBrowser } from './browser-harness.ts';
import { ensureWebBuilt } from './build-web.ts';

export interface LinkHarness extends Harness {
  database: Database;
  practiceId: string;
  interfaceId: string;
  ledger: ReturnType<typeof createTestLedger>;
}

export async function startLinkHarness(seed: number): Promise<LinkHarness> {
  await ensureWebBuilt();
  const database = await freshDatabase('pglite');
  const { practiceId, interfaceId, key } = await practiceOnTestLedger(database, seed);
  const ledger = createTestLedger();
  const deps = testLinkDeps(database, ledger.connector);
  const boss: PgBoss = await startEngine(database, deps);
  const app = await startTestApp(database, { link: deps, boss });

  const { closeBrowser, ...session } = await openBrowser(app, key, 20_000);
  return {
    app,
    ...session,
    database,
    practiceId,
    interfaceId,
    ledger,
    async close() {
      await closeBrowser();
      await boss.stop({ graceful: false, close: true });
      await app.close();
      await database.close();
    },
  };
}
