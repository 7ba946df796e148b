// A practice posting to the tests' own ledger (the test-ledger connector and the real upload engine), the
// real app serving the built web app, and a chromium page signed in as that practice with its API key.
import { mkdirSync } from 'node:fs';
import type { PgBoss } from 'pg-boss';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Database } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { practiceOnTestLedger, startEngine, testLinkDeps } from '../helpers/link.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';
import { CHROMIUM_PATH } from './browser-harness.ts';
import { ensureWebBuilt } from './build-web.ts';

const SCREENSHOTS = 'test-output/screenshots';

export interface LinkHarness {
  app: TestApp;
  page: Page;
  database: Database;
  practiceId: string;
  interfaceId: string;
  ledger: ReturnType<typeof createTestLedger>;
  open(path: string): Promise<void>;
  apiGet<T>(path: string): Promise<T>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLinkHarness(seed: number): Promise<LinkHarness> {
  await ensureWebBuilt();
  const database = await freshDatabase('pglite');
  const { practiceId, interfaceId, key } = await practiceOnTestLedger(database, seed);
  const ledger = createTestLedger();
  const deps = testLinkDeps(database, ledger.connector);
  const boss: PgBoss = await startEngine(database, deps);
  const app = await startTestApp(database, { link: deps, boss });

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1360, height: 900 } });
  await context.setExtraHTTPHeaders({ authorization: `Bearer ${key}` });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    app,
    page,
    database,
    practiceId,
    interfaceId,
    ledger,
    async open(path) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
    apiGet: (path) =>
      page.evaluate(async (p) => {
        const response = await fetch(p);
        if (!response.ok) throw new Error(`GET ${p} answered ${response.status}`);
        return response.json();
      }, path),
    async screenshot(name) {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    },
    async close() {
      await browser.close();
      await boss.stop({ graceful: false, close: true });
      await app.close();
      await database.close();
    },
  };
}
