// The attacks reproduced against the add-on, now refused: cross-origin writes riding on the session cookie,
// text that cannot be stored, bodies nested to exhaust the stack, forged cursors and impossible dates, empty
// PATCHes, anonymous bodies parsed before authentication, brute-forced API keys and sign-in starts, and
// eight batches made at once taking the same invoices.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../addon/env.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, auditLog, batchItems, offices } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { practiceOnTestLedger } from '../helpers/link.ts';

describe.each(testDbKinds)('hardening (%s)', (kind) => {
  let database: Database;
  let app: TestApp;
  let practiceId: string;
  let interfaceId: string;
  let key: string;
  /**
   * What a browser sends on its own: a session cookie where one was set. The test app signs credential-less
   * requests in as the demo practice's administrator (as the demo does), the ambient authority a forged
   * cross-site request would ride on.
   */
  let cookie: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ practiceId, interfaceId, key } = await practiceOnTestLedger(database, 13));
    app = await startTestApp(database, { demoPracticeId: () => practiceId });
    const first = await fetch(`${app.url}/api/offices`);
    expect(first.status).toBe(200);
    cookie = first.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const officeCount = async () =>
    (
      await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(offices)
        .where(eq(offices.practiceId, practiceId))
    )[0]!.n;
  const interfaceName = async () =>
    (await database.db.select().from(accountsInterfaces).where(eq(accountsInterfaces.id, interfaceId)))[0]!
      .displayName;
  const auditCount = async () =>
    (
      await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(eq(auditLog.practiceId, practiceId))
    )[0]!.n;

  it('a text/plain POST from another site with the session cookie is refused and changes nothing', async () => {
    const before = await officeCount();
    const forged = await fetch(`${app.url}/api/offices`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ code: 'EVIL', name: 'Evil office' }),
    });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('cross_origin_refused');
    const fetchMetadata = await fetch(`${app.url}/api/interfaces/${interfaceId}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ displayName: 'Taken over' }),
    });
    expect(fetchMetadata.status).toBe(403);
    expect(await officeCount()).toBe(before);
    expect(await interfaceName()).toBe('Test ledger');

    // The web app's own requests (same origin) go through.
    const own = await fetch(`${app.url}/api/offices`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        origin: app.url,
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify({ code: 'OWN', name: 'Own office' }),
    });
    expect(own.status).toBe(201);
  });

  it('a rename with a lone surrogate is 400 naming the field, and nothing (not even an audit row) is written', async () => {
    const audits = await auditCount();
    const res = await fetch(`${app.url}/api/interfaces/${interfaceId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      // Valid JSON, but "\ud800" alone is half a character.
      body: '{"displayName":"x\\ud800"}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ displayName: 'must be valid Unicode text' });
    expect(await interfaceName()).toBe('Test ledger');
    expect(await auditCount()).toBe(audits);
    // A well-formed pair (an emoji) is text like any other.
    const ok = await app.as(key)(`/api/interfaces/${interfaceId}`, {
      method: 'PATCH',
      json: { displayName: 'Ledger 📒' },
    });
    expect(ok.status).toBe(200);
    expect(await auditCount()).toBe(audits + 1);
    await app.as(key)(`/api/interfaces/${interfaceId}`, {
      method: 'PATCH',
      json: { displayName: 'Test ledger' },
    });
  });

  it('deep nesting, forged cursors, impossible dates and empty PATCHes are 400 with the field, never 500', async () => {
    const call = app.as(key);
    const deep = await call('/api/offices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"code":${'['.repeat(50_000)}${']'.repeat(50_000)},"name":"x"}`,
    });
    expect(deep.status).toBe(400);
    expect(Object.keys((await deep.json()).error.fields)[0]).toMatch(/^code/);

    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    for (const bad of [
      cursor('2026-01-01|------------------------------------'),
      cursor('2026-13-45|00000000-0000-4000-8000-000000000000'),
      'not-a-cursor',
    ]) {
      const res = await call(`/api/invoices?cursor=${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect((await res.json()).error.fields).toHaveProperty('cursor');
    }
    const date = await call('/api/invoices?from=2026-13-45');
    expect(date.status).toBe(400);
    expect((await date.json()).error.fields).toHaveProperty('from');
    const batchDate = await call('/api/batches', {
      method: 'POST',
      json: { interfaceId, from: '2026-02-30' },
    });
    expect(batchDate.status).toBe(400);
    expect((await batchDate.json()).error.fields).toHaveProperty('from');

    const [office] = await database.db
      .select()
      .from(offices)
      .where(eq(offices.practiceId, practiceId))
      .limit(1);
    for (const path of [`/api/offices/${office!.id}`, `/api/interfaces/${interfaceId}`]) {
      const res = await call(path, { method: 'PATCH', json: {} });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect((await res.json()).error.fields).toEqual({ body: 'send at least one field to change' });
    }
  });

  it('answers with security headers: a CSP that forbids framing, nosniff', async () => {
    const res = await fetch(`${app.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('eight batches made at once put each invoice in one unfinished batch only', async () => {
    const call = app.as(key);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call('/api/batches', { method: 'POST', json: { interfaceId } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses).toContain(201);
    const held = await database.db
      .select({ invoiceId: batchItems.invoiceId, n: sql<number>`count(*)::int` })
      .from(batchItems)
      .where(and(eq(batchItems.practiceId, practiceId), inArray(batchItems.status, ['pending', 'sending'])))
      .groupBy(batchItems.invoiceId);
    expect(held.length).toBeGreaterThan(0);
    expect(held.filter((h) => h.n > 1)).toEqual([]);
    // And the database itself refuses a second unfinished batch for an invoice, whatever the code does.
    const [taken] = held;
    const [other] = await database.db
      .execute(sql`select id from batches where practice_id = ${practiceId} limit 1`)
      .then((r) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as { id: string }[]);
    await expect(
      database.db.insert(batchItems).values({ practiceId, batchId: other!.id, invoiceId: taken!.invoiceId }),
    ).rejects.toThrow();
  });
});

describe.each(testDbKinds)('rate limits shared through the database (%s)', (kind) => {
  let database: Database;
  let one: TestApp;
  let two: TestApp;
  let key: string;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    ({ key } = await practiceOnTestLedger(database, 14));
    const config = loadConfig({
      DATA_DIR: '/nonexistent',
      DEMO: 'false',
      NODE_ENV: 'test',
      RATE_LIMIT_AUTH_PER_MINUTE: '6',
    });
    // Two app instances on one database stand for two server processes.
    one = await startTestApp(database, { config });
    two = await startTestApp(database, { config });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.close();
  });

  it('refused API keys count across processes; then wrong keys are told to wait (429, Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const app = i % 2 ? two : one;
      statuses.push(
        (await fetch(`${app.url}/api/offices`, { headers: { authorization: `Bearer aal_guess${i}` } }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    const blocked = await fetch(`${one.url}/api/offices`, {
      headers: { authorization: 'Bearer aal_guess9' },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // A valid key costs the counter nothing and still works.
    expect(
      (await fetch(`${two.url}/api/offices`, { headers: { authorization: `Bearer ${key}` } })).status,
    ).toBe(200);
    // Session and demo requests are not API-key attempts: no cookie, no key, a plain 401 as before.
    expect((await fetch(`${one.url}/api/offices`)).status).toBe(401);
  });

  it('sign-up starts are counted across processes too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const app = i % 2 ? two : one;
      statuses.push((await fetch(`${app.url}/api/oauth/xero/signup`, { redirect: 'manual' })).status);
    }
    expect(statuses.slice(0, 6).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('anonymous bodies are not parsed: broken JSON without credentials is 401, not 400', async () => {
    const res = await fetch(`${one.url}/api/offices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(res.status).toBe(401);
  });
});
