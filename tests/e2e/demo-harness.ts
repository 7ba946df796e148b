// The demo exactly as `npm start` runs it (a fresh data directory, the sandboxes mounted in the same server,
// the demo practice signed in for a browser without credentials), driven in chromium as a person would.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuilt } from './build-web.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const SCREENSHOTS = 'test-output/screenshots';

export interface DemoHarness {
  base: string;
  page: Page;
  /** Opens a path of the web app and waits for its page heading. */
  open(path: string): Promise<void>;
  /** JSON from the API as the signed-in demo practice (the browser's own session). */
  api<T = unknown>(
    path: string,
    init?: { method?: string; json?: unknown },
  ): Promise<{ status: number; body: T }>;
  screenshot(name: string): Promise<void>;
  /** Xero's consent page: tick the named organisation(s) and allow access. */
  allowXero(organisations: string[]): Promise<void>;
  /** MYOB's consent page: pick the company file and allow access. */
  allowMyob(companyFile: string): Promise<void>;
  interfaceId(provider: 'xero' | 'myob'): Promise<string>;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export async function startDemo(env: Record<string, string> = {}): Promise<DemoHarness> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'aal-journey-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'addon/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      DEMO: 'true',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let up = false;
  for (let i = 0; i < 360 && !up; i++) {
    up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    // Waiting for a child process to listen, not for time to pass.
    if (!up) await delay(500);
  }
  if (!up) throw new Error('the demo did not start');

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
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });

  const api: DemoHarness['api'] = async (path, init = {}) => {
    const response = await context.request.fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      ...(init.json === undefined ? {} : { data: init.json }),
    });
    const text = await response.text();
    return { status: response.status(), body: (text ? JSON.parse(text) : null) as never };
  };

  return {
    base,
    page,
    api,
    async open(path) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
    },
    async screenshot(name) {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    },
    async allowXero(organisations) {
      await page.getByRole('button', { name: 'Allow access' }).waitFor();
      for (const name of organisations) await page.getByLabel(name).check();
      await page.getByRole('button', { name: 'Allow access' }).click();
    },
    async allowMyob(companyFile) {
      await page.getByLabel(companyFile).check();
      await page.getByRole('button', { name: /Allow/ }).click();
    },
    async interfaceId(provider) {
      const { body } = await api<{ id: string; provider: string }[]>('/api/interfaces');
      return body.find((i) => i.provider === provider)!.id;
    },
    async close() {
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
