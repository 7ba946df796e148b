// The built web app served from an install under a dot-folder (~/.cache/..., ~/.local/...): every page
// answers, and a file that does not exist is a 404, not the page and not a 500.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { ensureWebBuilt } from '../e2e/build-web.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';

describe('the web app under a dot-folder', () => {
  const home = mkdtempSync(join(tmpdir(), 'aal-home-'));
  const webRoot = join(home, '.cache', 'abtrac-accounts-link', 'dist', 'web');
  let database: Database;
  let app: TestApp;
  beforeAll(async () => {
    await ensureWebBuilt();
    mkdirSync(webRoot, { recursive: true });
    cpSync('dist/web', webRoot, { recursive: true });
    database = await freshDatabase('pglite');
    app = await startTestApp(database, { webRoot });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('serves the page for the app routes', async () => {
    for (const path of ['/', '/accounting/interfaces', '/invoices/123']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('answers 404 for a file that does not exist', async () => {
    const res = await fetch(`${app.url}/assets/gone-1234.js`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
