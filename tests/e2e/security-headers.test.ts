// The web app runs under the add-on's Content Security Policy and same-origin check as a person uses it:
// signed in by the session cookie (the demo signs the first request in), no API key. Pages render without
// a single CSP violation, and a rename (a PATCH carrying the cookie) goes through the same-origin check.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPractice } from '../../addon/demo/seed.ts';
import type { Database } from '../../db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { CHROMIUM_PATH, hasChromium } from './browser-harness.ts';
import { ensureWebBuilt } from './build-web.ts';

describe.runIf(hasChromium)('the web app under the security headers', () => {
  let database: Database;
  let app: TestApp;

  beforeAll(async () => {
    await ensureWebBuilt();
    database = await freshDatabase('pglite');
    const practiceId = await seedPractice(database.db, { name: 'Header Test Architects', seed: 1313 });
    app = await startTestApp(database, { demoPracticeId: () => practiceId });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('renders with no CSP violation and saves a rename through the cookie session', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage({ baseURL: app.url });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const response = await page.goto('/accounting/interfaces');
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await page.getByRole('heading', { level: 1 }).waitFor();
      const rename = page.getByRole('button', { name: /^Rename / }).first();
      await rename.click();
      const input = page.locator('.rename-form input');
      await input.fill('Renamed under CSP');
      await input.press('Enter');
      await page.getByText('Renamed under CSP').waitFor();
      for (const path of ['/accounting/batches', '/accounting/mappings', '/invoices', '/billing']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
      }
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
