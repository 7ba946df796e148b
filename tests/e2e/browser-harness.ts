// One seeded practice, the real app serving the built web app, and a chromium page signed in as that
// practice with an API key (the app accepts `Authorization: Bearer <key>` on every request).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { seedPractice } from '../../addon/demo/seed.ts';
import type { Database } from '../../db/client.ts';
import { createApiKey, startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { ensureWebBuilt } from './build-web.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
const SCREENSHOTS = 'test-output/screenshots';

/** A chromium page on the app, signed in with an API key, and what tests do with it. */
export interface BrowserSession {
  page: Page;
  /** Opens a path of the web app and waits for its page heading. */
  open(path: string): Promise<void>;
  /** Reads the API from inside the signed-in page, to compare what the screen shows with the API. */
  apiGet<T>(path: string): Promise<T>;
  screenshot(name: string): Promise<void>;
  closeBrowser(): Promise<void>;
}

export interface Harness extends Omit<BrowserSession, 'closeBrowser'> {
  app: TestApp;
  close(): Promise<void>;
}

/**
 * Debian's chromium, headless, with the flags a closed network needs (no background connections); signed
 * in with an API key, or (without one) a browser that signs in as people do.
 */
export async function openBrowser(
  app: TestApp,
  apiKey: string | undefined,
  timeoutMs = 15_000,
): Promise<BrowserSession> {
  const browser = await chromium.launch({
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
  if (apiKey) await context.setExtraHTTPHeaders({ authorization: `Bearer ${apiKey}` });
  context.setDefaultTimeout(timeoutMs);
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
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
    closeBrowser: () => browser.close(),
  };
}

export async function startHarness(): Promise<Harness> {
  await ensureWebBuilt();
  const database: Database = await freshDatabase('pglite');
  const practiceId = await seedPractice(database.db, { name: 'Browser Test Architects', seed: 20261125 });
  const apiKey = await createApiKey(database.db, practiceId, 'browser tests');
  const app = await startTestApp(database);
  const { closeBrowser, ...session } = await openBrowser(app, apiKey);
  return {
    app,
    ...session,
    async close() {
      await closeBrowser();
      await app.close();
      await database.close();
    },
  };
}
