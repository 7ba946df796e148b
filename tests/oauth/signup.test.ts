// Sign up with Xero (xero.md §1.8): the App Store's connect request URL creates a practice on the first
// visit and signs the same Xero user in on the next.
import { eq } from 'drizzle-orm';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { xeroPlatform } from '../../addon/connectors/xero/manifest.ts';
import type { Database } from '../../db/client.ts';
import { accountsInterfaces, practices, users } from '../../db/schema.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { cookiesOf, followCallback, listen, type Rig, server, startRig } from './harness.ts';

beforeAll(listen);
afterAll(() => server.close());

async function signUp(rig: Rig) {
  const start = await fetch(`${rig.url}${xeroPlatform.routes.signup}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const cookies = cookiesOf(start);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = await followCallback(rig, new URL(authorize.headers.get('location')!), cookies);
  return { callback, session: cookiesOf(callback) };
}

describe.each(testDbKinds)('Sign up with Xero (%s)', (kind) => {
  let rig: Rig;
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => rig?.close());

  it('first visit creates the practice, its admin and a connected Xero interface; the second signs in', async () => {
    rig = await startRig(kind, { database });
    const first = await signUp(rig);
    expect(first.callback.status).toBe(302);
    expect(first.session).toMatch(/aal_session=/);
    const [user] = await rig.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'demo.user@abtrac.example'));
    expect(user!.name).toBe('Demo User');
    const [practice] = await rig.database.db
      .select()
      .from(practices)
      .where(eq(practices.id, user!.practiceId));
    expect(practice!.name).toBe('Demo Architects Pty Ltd');
    const [iface] = await rig.database.db
      .select()
      .from(accountsInterfaces)
      .where(eq(accountsInterfaces.practiceId, practice!.id));
    expect(iface).toMatchObject({
      provider: 'xero',
      status: 'connected',
      tenantName: 'Demo Architects Pty Ltd',
    });
    expect(first.callback.headers.get('location')).toBe(`/accounting/interfaces/${iface!.id}`);

    // The session works on the API: it acts for the new practice.
    const status = await fetch(`${rig.url}/api/interfaces/${iface!.id}/connection`, {
      headers: { cookie: first.session },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({
      status: 'connected',
      connectedBy: 'demo.user@abtrac.example',
    });

    const second = await signUp(rig);
    expect(second.callback.headers.get('location')).toBe('/accounting/interfaces');
    expect(second.session).toMatch(/aal_session=/);
    const all = await rig.database.db
      .select()
      .from(practices)
      .where(eq(practices.name, 'Demo Architects Pty Ltd'));
    expect(all).toHaveLength(1);
    const again = await fetch(`${rig.url}/api/interfaces/${iface!.id}/connection`, {
      headers: { cookie: second.session },
    });
    expect(again.status).toBe(200);
  });

  it('a signup callback from another browser (no binding cookie) is refused', async () => {
    rig = await startRig(kind, { database });
    const start = await fetch(`${rig.url}${xeroPlatform.routes.signup}`, { redirect: 'manual' });
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const res = await followCallback(rig, new URL(authorize.headers.get('location')!), '');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('browser_mismatch');
  });

  it('an id_token altered on the way (another email, the same signature) is refused; nobody signs up', async () => {
    rig = await startRig(kind, { database });
    // Between the sandbox's token endpoint and the add-on: swap the id_token's email for an attacker's.
    server.use(
      http.post('https://identity.xero.com/connect/token', async ({ request }) => {
        const answer = await rig.xero.handle(request, { service: 'identity', path: '/connect/token' });
        const body = (await answer.json()) as Record<string, string>;
        const [head, payload, signature] = body.id_token!.split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
        claims.email = 'attacker@evil.example';
        const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
        return HttpResponse.json({ ...body, id_token: `${head}.${forged}.${signature}` });
      }),
    );
    const { callback } = await signUp(rig);
    expect(callback.status).toBe(502);
    expect((await callback.json()).error.code).toBe('exchange_failed');
    const attacker = await rig.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'attacker@evil.example'));
    expect(attacker).toEqual([]);
  });

  it('knows the Xero user by issuer and subject: a same-email user of another practice is not signed in', async () => {
    const own = await freshDatabase(kind);
    try {
      rig = await startRig(kind, { database: own });
      const [other] = await own.db.insert(practices).values({ name: 'Someone Else' }).returning();
      await own.db
        .insert(users)
        .values({ practiceId: other!.id, email: 'demo.user@abtrac.example', name: 'Same address' });
      const first = await signUp(rig);
      // A new practice was made (sign-up lands on its interface), not a sign-in to Someone Else.
      expect(first.callback.headers.get('location')).toMatch(/^\/accounting\/interfaces\/[0-9a-f-]{36}$/);
      const made = await own.db.select().from(users).where(eq(users.email, 'demo.user@abtrac.example'));
      expect(made).toHaveLength(2);
      const admin = made.find((u) => u.practiceId !== other!.id)!;
      expect(admin).toMatchObject({ role: 'administrator', subject: expect.any(String) });
      expect(admin.issuer).toMatch(/^https:\/\/identity\.xero\.com/);
      expect(made.find((u) => u.practiceId === other!.id)!.subject).toBeNull();
    } finally {
      await rig?.close();
      rig = undefined as unknown as Rig;
      await own.close();
    }
  });
});
