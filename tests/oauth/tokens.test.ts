// The token store: single-flight refresh, revocation -> reconnect needed, and no rotated token lost to a
// crash between the token response and the store (issue #6).
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../addon/connectors/errors.ts';
import { accessTokenFor, refreshIdleConnections } from '../../addon/connectors/oauth/tokens.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { accountsInterfaces, connections } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { listen, type Rig, rawRows, runFlow, server, startRig } from './harness.ts';

beforeAll(listen);
afterAll(() => server.close());

const HOUR = 3_600_000;

async function connected(rig: Rig, provider: 'xero' | 'myob', name: string) {
  const id = await rig.addInterface(provider, name);
  const { callback } = await runFlow(rig, `/api/interfaces/${id}/connect`);
  expect(callback.headers.get('location')).toBe(`/accounting/interfaces/${id}`);
  return id;
}

async function statusOf(rig: Rig, id: string) {
  const [iface] = await rig.database.db
    .select()
    .from(accountsInterfaces)
    .where(eq(accountsInterfaces.id, id));
  const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
  return { status: iface!.status, lastError: conn!.lastError, refresh: conn!.refreshTokenEnc };
}

/** Throws once, between the token response and the store: the process "dies" there. */
function crashOnce() {
  let armed = true;
  return {
    afterRefreshResponse: () => {
      if (!armed) return;
      armed = false;
      throw new Error('simulated crash after the token response, before the store');
    },
  };
}

describe.each(testDbKinds)('token store (%s)', (kind) => {
  let rig: Rig;
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => rig?.close());

  it.each(['xero', 'myob'] as const)(
    '%s: returns the stored token while valid; ten concurrent calls on an expired one make ONE token call',
    async (provider) => {
      rig = await startRig(kind, { database });
      const id = await connected(rig, provider, `single flight ${provider}`);
      const calls = () => rig.tokenCalls[provider];
      const afterConnect = calls();
      const first = await accessTokenFor(rig.deps, id, { practiceId: rig.practiceId });
      expect(rig.issued.has(first)).toBe(true);
      expect(calls()).toBe(afterConnect);

      rig.clock.advance(HOUR);
      const tokens = await Promise.all(Array.from({ length: 10 }, () => accessTokenFor(rig.deps, id)));
      expect(calls()).toBe(afterConnect + 1);
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(first);
      // The new token works against the platform's API.
      const api =
        provider === 'xero'
          ? await fetch('https://api.xero.com/connections', {
              headers: { authorization: `Bearer ${tokens[0]}` },
            })
          : await fetch(`https://api.myob.com/accountright/${rig.myob.ids.demoFile}/GeneralLedger/Account`, {
              headers: {
                authorization: `Bearer ${tokens[0]}`,
                'x-myobapi-key': rig.deps.settings.myob.apiKey,
                'x-myobapi-version': 'v2',
              },
            });
      expect(api.status).toBe(200);
      // The rotated refresh token is stored (encrypted), the previous one kept beside it.
      const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
      expect(conn!.previousRefreshTokenEnc).toMatch(/^v1\./);
      expect(conn!.rotatedAt).not.toBeNull();
      const raw = await rawRows(rig);
      for (const t of rig.issued) expect(raw).not.toContain(t);
    },
  );

  it('revoked in Xero -> reconnect_needed status, plain lastError, ConnectorError; no token in the logs', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    rig = await startRig(kind, { database, deps: { log } });
    const id = await connected(rig, 'xero', 'revoked');
    expect(rig.xero.control.revokeToken('all')).toBeGreaterThan(0);
    rig.clock.advance(HOUR);
    const error = await accessTokenFor(rig.deps, id).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('reconnect_needed');
    const s = await statusOf(rig, id);
    expect(s.status).toBe('reconnect_needed');
    expect(s.lastError).toMatchObject({ code: 'reconnect_needed' });
    expect(s.lastError!.message).toMatch(/Connect again/);
    expect(s.refresh).toBeNull();
    // Later calls fail fast with the same message, without calling Xero.
    const calls = rig.tokenCalls.xero;
    await expect(accessTokenFor(rig.deps, id)).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect(rig.tokenCalls.xero).toBe(calls);
    const status = await (await rig.api(`/api/interfaces/${id}/connection`)).json();
    expect(status).toMatchObject({ status: 'reconnect_needed', lastError: { code: 'reconnect_needed' } });
    const logged = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const t of rig.issued) expect(logged).not.toContain(t);
  });

  it('MYOB consent removed -> reconnect_needed', async () => {
    rig = await startRig(kind, { database });
    const id = await connected(rig, 'myob', 'consent removed');
    rig.myob.control.removeConsent(rig.myob.ids.demoFile);
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toMatchObject({ code: 'reconnect_needed' });
    expect((await statusOf(rig, id)).status).toBe('reconnect_needed');
  });

  it('Xero: a crash between refresh and store loses nothing: the stored token is retried within the 30-minute grace', async () => {
    rig = await startRig(kind, { database, deps: { testHooks: crashOnce() } });
    const id = await connected(rig, 'xero', 'xero crash');
    const before = (await statusOf(rig, id)).refresh;
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toThrow(/simulated crash/);
    // Rolled back: the row still holds the token Xero has just rotated away from.
    expect((await statusOf(rig, id)).refresh).toBe(before);
    // The process restarts and retries within Xero's 30-minute grace.
    const token = await accessTokenFor(rig.deps, id);
    expect(rig.issued.has(token)).toBe(true);
    expect(await statusOf(rig, id)).toMatchObject({ status: 'connected', lastError: null });
    expect(rig.tokenCalls.xero).toBe(3); // code exchange, the lost refresh, the retried refresh
    // And the chain goes on: the newly stored refresh token works.
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).resolves.toBeTruthy();
  });

  it('Xero: after the 30-minute grace the lost rotation means reconnect (the documented limit)', async () => {
    rig = await startRig(kind, { database, deps: { testHooks: crashOnce() } });
    const id = await connected(rig, 'xero', 'xero crash late');
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toThrow(/simulated crash/);
    rig.platformClock.advance(31 * 60_000);
    await expect(accessTokenFor(rig.deps, id)).rejects.toMatchObject({ code: 'reconnect_needed' });
  });

  it('MYOB with a refresh grace (sandbox refreshGraceMs): the rotated token is not lost across a crash', async () => {
    rig = await startRig(kind, {
      database,
      myob: { refreshGraceMs: 30 * 60_000 },
      deps: { testHooks: crashOnce() },
    });
    const id = await connected(rig, 'myob', 'myob crash');
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toThrow(/simulated crash/);
    const token = await accessTokenFor(rig.deps, id);
    expect(rig.issued.has(token)).toBe(true);
    expect(await statusOf(rig, id)).toMatchObject({ status: 'connected', lastError: null });
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).resolves.toBeTruthy();
  });

  it('MYOB killing the used token at once (sandbox default): a crash in that window needs a reconnect', async () => {
    rig = await startRig(kind, { database, deps: { testHooks: crashOnce() } });
    const id = await connected(rig, 'myob', 'myob crash strict');
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toThrow(/simulated crash/);
    await expect(accessTokenFor(rig.deps, id)).rejects.toMatchObject({ code: 'reconnect_needed' });
  });

  it('a transient failure (Xero 503) changes nothing and is retryable', async () => {
    rig = await startRig(kind, { database });
    const id = await connected(rig, 'xero', 'transient');
    const before = (await statusOf(rig, id)).refresh;
    const fault = rig.xero.control.addFault({
      method: 'POST',
      path: 'identity/connect/token',
      fault: { kind: 'status', status: 503 },
      times: 1,
    });
    rig.clock.advance(HOUR);
    await expect(accessTokenFor(rig.deps, id)).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(await statusOf(rig, id)).toMatchObject({ status: 'connected', refresh: before });
    rig.xero.control.removeFault(fault);
    await expect(accessTokenFor(rig.deps, id)).resolves.toBeTruthy();
  });

  it('refreshIdleConnections: MYOB daily, Xero after 14 idle days', async () => {
    rig = await startRig(kind, { database });
    const x = await connected(rig, 'xero', 'idle xero');
    const m = await connected(rig, 'myob', 'idle myob');
    const calls = () => rig.tokenCalls.xero + rig.tokenCalls.myob;
    const base = calls();
    rig.clock.advance(2 * 24 * HOUR);
    // The shared database also holds other tests' connections (their sandboxes are gone): look at ours.
    const ours = (r: { failed: { practiceId: string }[] }) =>
      r.failed.filter((f) => f.practiceId === rig.practiceId);
    let report = await refreshIdleConnections(rig.deps, rig.clock.now());
    expect(ours(report)).toEqual([]);
    expect(rig.tokenCalls.myob).toBeGreaterThan(1);
    const afterMyob = calls();
    expect(afterMyob).toBeGreaterThanOrEqual(base + 1);
    rig.clock.advance(13 * 24 * HOUR);
    report = await refreshIdleConnections(rig.deps, rig.clock.now());
    expect(ours(report)).toEqual([]);
    const [cx] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, x));
    const [cm] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, m));
    expect(cx!.lastRefreshedAt!.getTime()).toBe(rig.clock.now());
    expect(cm!.lastRefreshedAt!.getTime()).toBe(rig.clock.now());
  });
});

describe.runIf(testDbKinds.includes('postgres'))('token store across processes (postgres)', () => {
  it('two server processes (two pools, two in-process maps), ten concurrent calls: ONE token call', async () => {
    const database = await freshDatabase('postgres');
    const rig = await startRig('postgres', { database });
    try {
      const id = await connected(rig, 'xero', 'two processes');
      const [{ name }] = (await database.sql!`select current_database() as name`) as unknown as [
        { name: string },
      ];
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const second = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 5 });
      try {
        const other = { ...rig.deps, db: second.db };
        const before = rig.tokenCalls.xero;
        rig.clock.advance(HOUR);
        const tokens = await Promise.all(
          Array.from({ length: 10 }, (_, i) => accessTokenFor(i % 2 ? other : rig.deps, id)),
        );
        expect(rig.tokenCalls.xero).toBe(before + 1);
        expect(new Set(tokens).size).toBe(1);
      } finally {
        await second.close();
      }
    } finally {
      await rig.close();
      await database.close();
    }
  });
});
