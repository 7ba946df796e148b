// The callback refuses anything it did not start, or started elsewhere, before any token is fetched.
import { createHash, createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signState } from '../../addon/connectors/oauth/state.ts';
import type { Database } from '../../db/client.ts';
import {
  accountsInterfaces,
  connections,
  oauthAttempts,
  practices,
  sessions,
  users,
} from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import {
  cookiesOf,
  followCallback,
  listen,
  type Rig,
  runFlow,
  SESSION_SECRET,
  server,
  startRig,
} from './harness.ts';

beforeAll(listen);
afterAll(() => server.close());

/** Starts a flow and lets the platform answer, without calling our callback yet. */
async function approved(rig: Rig, id: string) {
  const start = await rig.api(`/api/interfaces/${id}/connect`);
  const cookies = cookiesOf(start);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  return { callbackUrl: new URL(authorize.headers.get('location')!), cookies };
}

async function expectRefused(rig: Rig, res: Response, status: number, code: string, id: string) {
  expect(res.status).toBe(status);
  expect((await res.json()).error.code).toBe(code);
  const [conn] = await rig.database.db.select().from(connections).where(eq(connections.interfaceId, id));
  expect(conn?.accessTokenEnc ?? null).toBeNull();
  const [iface] = await rig.database.db
    .select()
    .from(accountsInterfaces)
    .where(eq(accountsInterfaces.id, id));
  expect(iface!.status).toBe('not_connected');
}

describe.each(testDbKinds)('callback security (%s)', (kind) => {
  let rig: Rig;
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => rig?.close());

  it('a tampered state is refused (400 state_invalid); no token call', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'tampered');
    const { callbackUrl, cookies } = await approved(rig, id);
    const state = callbackUrl.searchParams.get('state')!;
    const [body, sig] = state.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
    payload.e += 3_600_000;
    callbackUrl.searchParams.set(
      'state',
      `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`,
    );
    await expectRefused(rig, await followCallback(rig, callbackUrl, cookies), 400, 'state_invalid', id);
    expect(rig.tokenCalls.xero).toBe(0);
  });

  it('a state signed with another secret is refused', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'forged');
    const { callbackUrl, cookies } = await approved(rig, id);
    const [attempt] = await rig.database.db
      .select()
      .from(oauthAttempts)
      .orderBy(sql`created_at desc`)
      .limit(1);
    const forged = signState('not-our-secret-not-our-secret-not-our-secret', {
      attemptId: attempt!.id,
      purpose: 'connect',
      expiresAt: Date.now() + 60_000,
      bindingHash: JSON.parse(
        Buffer.from(callbackUrl.searchParams.get('state')!.split('.')[0]!, 'base64url').toString(),
      ).b,
    });
    callbackUrl.searchParams.set('state', forged);
    await expectRefused(rig, await followCallback(rig, callbackUrl, cookies), 400, 'state_invalid', id);
  });

  it('an expired state is refused (400 state_expired)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'expired');
    const { callbackUrl, cookies } = await approved(rig, id);
    rig.clock.advance(11 * 60_000);
    await expectRefused(rig, await followCallback(rig, callbackUrl, cookies), 400, 'state_expired', id);
    expect(rig.tokenCalls.xero).toBe(0);
  });

  it('a replayed callback (same state and code) is refused (400 attempt_used)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'replayed');
    const { callback, callbackUrl, cookies } = await runFlow(rig, `/api/interfaces/${id}/connect`);
    expect(callback.status).toBe(302);
    const calls = rig.tokenCalls.xero;
    const replay = await followCallback(rig, callbackUrl, cookies);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error.code).toBe('attempt_used');
    expect(rig.tokenCalls.xero).toBe(calls);
  });

  it('an unknown attempt is refused (400 attempt_unknown)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'unknown');
    const { callbackUrl, cookies } = await approved(rig, id);
    const state = signState(SESSION_SECRET, {
      attemptId: '00000000-0000-4000-8000-000000000000',
      purpose: 'connect',
      expiresAt: rig.clock.now() + 60_000,
      bindingHash: 'x',
    });
    callbackUrl.searchParams.set('state', state);
    await expectRefused(rig, await followCallback(rig, callbackUrl, cookies), 400, 'attempt_unknown', id);
  });

  it('a missing PKCE verifier is refused (400 verifier_missing), and the attempt is used up', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'verifier');
    const { callbackUrl, cookies } = await approved(rig, id);
    await rig.database.db
      .update(oauthAttempts)
      .set({ codeVerifierEnc: '' })
      .where(eq(oauthAttempts.interfaceId, id));
    await expectRefused(rig, await followCallback(rig, callbackUrl, cookies), 400, 'verifier_missing', id);
    const again = await followCallback(rig, callbackUrl, cookies);
    expect((await again.json()).error.code).toBe('attempt_used');
    expect(rig.tokenCalls.xero).toBe(0);
  });

  it('another browser (no binding cookie, no session) is refused (403 browser_mismatch)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'other browser');
    const { callbackUrl } = await approved(rig, id);
    await expectRefused(rig, await followCallback(rig, callbackUrl, ''), 403, 'browser_mismatch', id);
  });

  it('a binding cookie from another flow, renamed for this attempt, is refused (403 browser_mismatch)', async () => {
    rig = await startRig(kind, { database });
    const victim = await rig.addInterface('xero', 'victim');
    const attacker = await rig.addInterface('xero', 'attacker');
    const { callbackUrl } = await approved(rig, victim);
    // The attacker's own, validly signed binding cookie from a flow they started themselves.
    const own = await approved(rig, attacker);
    const value = /aal_oauth_[^=]+=([^;]+)/.exec(own.cookies)![1]!;
    const victimAttempt = JSON.parse(
      Buffer.from(callbackUrl.searchParams.get('state')!.split('.')[0]!, 'base64url').toString(),
    ).a;
    const forged = `aal_oauth_${victimAttempt}=${value}`;
    await expectRefused(rig, await followCallback(rig, callbackUrl, forged), 403, 'browser_mismatch', victim);
    expect(rig.tokenCalls.xero).toBe(0);
  });

  it('a session of another practice is refused (403 wrong_practice)', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'wrong practice');
    const { callbackUrl, cookies } = await approved(rig, id);
    const [other] = await rig.database.db.insert(practices).values({ name: 'Other' }).returning();
    // A live server-side session of someone in the other practice.
    const [person] = await rig.database.db
      .insert(users)
      .values({ practiceId: other!.id, email: 'o@other.test', name: 'O' })
      .returning();
    const token = 'a-live-session-token-of-the-other-practice';
    await rig.database.db.insert(sessions).values({
      practiceId: other!.id,
      userId: person!.id,
      tokenHash: createHash('sha256').update(token).digest('hex'),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const session = signedCookie('aal_session', token);
    await expectRefused(
      rig,
      await followCallback(rig, callbackUrl, `${cookies}; ${session}`),
      403,
      'wrong_practice',
      id,
    );
  });

  it('the verifier is encrypted at rest and wiped once used', async () => {
    rig = await startRig(kind, { database });
    const id = await rig.addInterface('xero', 'verifier at rest');
    const { callbackUrl, cookies } = await approved(rig, id);
    const [row] = await rig.database.db.select().from(oauthAttempts).where(eq(oauthAttempts.interfaceId, id));
    expect(row!.codeVerifierEnc).toMatch(/^v1\./);
    expect(row!.usedAt).toBeNull();
    await followCallback(rig, callbackUrl, cookies);
    const [used] = await rig.database.db
      .select()
      .from(oauthAttempts)
      .where(eq(oauthAttempts.interfaceId, id));
    expect(used!.usedAt).not.toBeNull();
    expect(used!.codeVerifierEnc).toBe('');
  });
});

/** A cookie signed the way cookie-parser checks it (s:<value>.<hmac>). */
function signedCookie(name: string, value: string): string {
  const mac = createHmac('sha256', SESSION_SECRET).update(value).digest('base64').replace(/=+$/, '');
  return `${name}=${encodeURIComponent(`s:${value}.${mac}`)}`;
}
