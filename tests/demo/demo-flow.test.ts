// The demo as `npm start` runs it: a fresh data directory, the sandboxes mounted in the same server.
// A person connects Xero through the consent page and MYOB through its consent page, maps codes, and
// pushes every demo invoice; each lands in its sandbox exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieClient } from '../helpers/browserless.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('the demo, end to end', () => {
  let child: ChildProcess;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'aal-demo-'));
  let browser: ReturnType<typeof cookieClient>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'addon/main.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        PUBLIC_URL: base,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        DEMO: 'true',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; i < 360; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    browser = cookieClient(base);
  }, 200_000);
  afterAll(async () => {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Connect -> the sandbox's consent page -> Allow -> our callback, as a browser would follow it. */
  async function connect(interfaceId: string, choose: (html: string) => URLSearchParams) {
    const { authorizeUrl } = await browser.json(`/api/interfaces/${interfaceId}/connect?format=json`);
    const page = await (await browser.call(authorizeUrl)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!;
    const allowed = await browser.call(action.replace(/&amp;/g, '&'), { method: 'POST', body: choose(page) });
    const callback = allowed.headers.get('location')!;
    expect(callback).toContain('/api/oauth/');
    const done = await browser.call(callback);
    expect(done.headers.get('location')).toBe(`/accounting/interfaces/${interfaceId}`);
  }

  async function waitFor<T>(what: () => Promise<T>, ok: (v: T) => boolean, seconds = 60): Promise<T> {
    for (let i = 0; i < seconds * 4; i++) {
      const v = await what();
      if (ok(v)) return v;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('timed out');
  }

  async function pushAll(interfaceId: string, mappings: unknown[], options: Record<string, unknown> = {}) {
    await waitFor(
      () => browser.json<{ accounts: unknown[] }>(`/api/interfaces/${interfaceId}/reference`),
      (r) => r.accounts.length > 0,
    );
    await browser.json(`/api/interfaces/${interfaceId}/options`, {
      method: 'PUT',
      json: { contactPolicy: 'create', ...options },
    });
    await browser.json(`/api/interfaces/${interfaceId}/mappings`, { method: 'PUT', json: { mappings } });
    expect(await browser.json(`/api/interfaces/${interfaceId}/mappings/unmapped`)).toEqual([]);
    const batch = await browser.json('/api/batches', { method: 'POST', json: { interfaceId } });
    const preview = await browser.json(`/api/batches/${batch.id}/preview`, { method: 'POST' });
    expect(preview.summary.blocked).toBe(0);
    await browser.json(`/api/batches/${batch.id}/upload`, { method: 'POST' });
    type BatchView = {
      status: string;
      items: { error: string | null; externalNumber: string | null }[];
      counts: unknown;
    };
    const done = await waitFor(
      () => browser.json<BatchView>(`/api/batches/${batch.id}`),
      (b) => b.status === 'done',
      120,
    );
    expect(done.items.find((i) => i.error)?.error ?? null).toBeNull();
    expect(done.counts).toMatchObject({ failed: 0, uploaded: batch.counts.total });
    return done;
  }

  it('connects Xero through the consent page and pushes the offices that post to it', async () => {
    const interfaces = await browser.json('/api/interfaces');
    const xero = interfaces.find((i: { provider: string }) => i.provider === 'xero');
    await connect(xero.id, (html) => {
      const requestId = /name="request_id" value="([^"]+)"/.exec(html)![1]!;
      const firstOrg = /name="tenant" value="([^"]+)"/.exec(html)![1]!;
      return new URLSearchParams({ request_id: requestId, tenant: firstOrg, action: 'allow' });
    });
    const connection = await browser.json(`/api/interfaces/${xero.id}/connection`);
    expect(connection).toMatchObject({ status: 'connected', tenantName: 'Demo Architects Pty Ltd' });
    const free = (await browser.json('/api/tax-classes')).find((c: { code: string }) => c.code === 'FRE');
    const done = await pushAll(
      xero.id,
      [
        { scope: 'default', scopeKey: '', accountCode: '200', taxCode: 'OUTPUT' },
        { scope: 'category', scopeKey: 'disbursement', accountCode: '220' },
        { scope: 'tax_class', scopeKey: free.id, taxCode: 'EXEMPTOUTPUT' },
      ],
      { invoiceStatus: 'AUTHORISED' },
    );
    // What the sandbox received, seen through its own inspection API.
    const state = await (await fetch(`${base}/sandbox/xero/inspect/duplicates`)).json();
    expect(state).toMatchObject({ invoiceNumbers: [], contactNames: [] });
    expect(done.items.every((i: { externalNumber: string | null }) => i.externalNumber)).toBe(true);
  }, 180_000);

  it('connects MYOB through its consent page and pushes the office that posts to it', async () => {
    const interfaces = await browser.json('/api/interfaces');
    const myob = interfaces.find((i: { provider: string }) => i.provider === 'myob');
    await connect(myob.id, (html) => {
      const form = new URLSearchParams();
      for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
        form.set(
          name!,
          value!.replace(/&#(\d+);/g, (_m, c) => String.fromCharCode(Number(c))),
        );
      }
      form.set('businessId', /name="businessId" value="([^"]+)"/.exec(html)![1]!);
      form.set('decision', 'allow');
      return form;
    });
    const connection = await browser.json(`/api/interfaces/${myob.id}/connection`);
    expect(connection).toMatchObject({
      status: 'connected',
      tenantName: 'Demo Architects',
      renewalDue: false,
    });
    expect(connection.consentExpiresAt).toBeTruthy();
    const free = (await browser.json('/api/tax-classes')).find((c: { code: string }) => c.code === 'FRE');
    await pushAll(
      myob.id,
      [
        { scope: 'default', scopeKey: '', accountCode: '4-1000', taxCode: 'GST' },
        { scope: 'tax_class', scopeKey: free.id, taxCode: 'FRE' },
      ],
      { createJobs: true },
    );
    const duplicates = await (await fetch(`${base}/sandbox/myob/inspect/duplicates`)).json();
    expect(JSON.stringify(duplicates)).not.toMatch(/INV-/);
  }, 180_000);
});
