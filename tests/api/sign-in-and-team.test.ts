// Signing in through an OpenID Connect provider, invitations, sessions and API keys, against the real app
// and the tests' own identity provider on loopback.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mailer, outboxMailer } from '../../addon/mail/index.ts';
import type { Database } from '../../db/client.ts';
import { invitations, users } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type CookieBrowser, cookieBrowser } from '../helpers/cookie-browser.ts';
import { freshDatabase, testDbKinds } from '../helpers/databases.ts';
import { startTestIdp, type TestIdp } from '../helpers/oidc-provider.ts';
import { seedTwoPractices, type TwoPractices } from '../helpers/practices.ts';

const IDLE_MINUTES = 30;

describe.each(testDbKinds)('sign-in, invitations, sessions and API keys on %s', (kind) => {
  let database: Database;
  let app: TestApp;
  let idp: TestIdp;
  let practices: TwoPractices;
  let mail: Mailer;
  let admin: ReturnType<TestApp['as']>;
  let clock = new Date();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    practices = await seedTwoPractices(database);
    idp = await startTestIdp({
      users: [
        { sub: 'bea-1', email: 'bea@example.test', name: 'Bea Biller' },
        { sub: 'bea-impostor', email: 'bea@example.test', name: 'Same Address, Other Person' },
        { sub: 'val-1', email: 'val@example.test', name: 'Val Viewer' },
        { sub: 'stranger', email: 'stranger@example.test', name: 'Stranger' },
      ],
    });
    mail = outboxMailer();
    app = await startTestApp(
      database,
      {
        mail,
        now: () => clock,
        signInProviders: [
          {
            id: 'testid',
            name: 'Test ID',
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
          },
        ],
      },
      {
        publicUrlIsOwn: true,
        // Every sign-in below comes from one address within a minute; the limit itself is tested in hardening.
        env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES), RATE_LIMIT_AUTH_PER_MINUTE: '1000' },
      },
    );
    admin = app.as(practices.a.key);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await database?.close();
  });

  const invite = async (email: string, role: string) => {
    const res = await admin('/api/invitations', { method: 'POST', json: { email, role } });
    expect(res.status).toBe(201);
    return (await res.json()) as { invitation: { id: string }; link: string; mailed: boolean };
  };
  const tokenOf = (link: string) => new URL(link).searchParams.get('invitation')!;

  /** Starts a sign-in in `browser`, approves it at the provider as `sub`, and follows the callback. */
  const signIn = async (browser: CookieBrowser, sub: string, invitation?: string) => {
    const start = await browser.get(
      `${app.url}/api/auth/sign-in/testid${invitation ? `?invitation=${encodeURIComponent(invitation)}` : ''}`,
    );
    expect(start.status).toBe(302);
    if (!start.location!.startsWith(idp.issuer)) return start.location!; // refused before the provider
    const callback = await idp.approve(start.location!, sub);
    expect(callback.startsWith(`${app.url}/api/auth/callback/testid?`)).toBe(true);
    return (await browser.get(callback)).location!;
  };
  const me = async (browser: CookieBrowser) => browser.fetch(`${app.url}/api/me`);

  it('invites by email with a signed link that joins the practice, as the invited role, at first sign-in', async () => {
    const { link, mailed } = await invite('bea@example.test', 'biller');
    expect(mailed).toBe(true);
    const [sent] = mail.outbox!.messages();
    expect(sent).toMatchObject({
      to: 'bea@example.test',
      subject: 'Join Practice A in Abtrac Accounts Link',
    });
    expect(sent!.text).toContain(link);
    expect(sent!.text).toContain('as biller');

    const preview = await fetch(`${app.url}/api/auth/invitations/${encodeURIComponent(tokenOf(link))}`);
    expect(await preview.json()).toMatchObject({
      practiceName: 'Practice A',
      email: 'bea@example.test',
      role: 'biller',
    });

    const bea = cookieBrowser();
    expect(await signIn(bea, 'bea-1', tokenOf(link))).toBe('/');
    const who = await (await me(bea)).json();
    expect(who).toMatchObject({ role: 'biller', via: 'session', practice: { name: 'Practice A' } });
    expect(who.user.email).toBe('bea@example.test');
    const [row] = await database.db.select().from(users).where(eq(users.email, 'bea@example.test'));
    expect(row).toMatchObject({ issuer: idp.issuer, subject: 'bea-1', role: 'biller' });

    // The link works once: a second use, in another browser, is refused before the provider.
    expect(await signIn(cookieBrowser(), 'val-1', tokenOf(link))).toBe('/sign-in?error=invitation_used');
    expect((await fetch(`${app.url}/api/auth/invitations/${encodeURIComponent(tokenOf(link))}`)).status).toBe(
      400,
    );
  });

  it('knows people by issuer and subject, never by email alone', async () => {
    const bea = cookieBrowser();
    expect(await signIn(bea, 'bea-1')).toBe('/');
    expect((await me(bea)).status).toBe(200);
    // Another account at the provider carrying the same email address is nobody here.
    const impostor = cookieBrowser();
    expect(await signIn(impostor, 'bea-impostor')).toBe('/sign-in?error=no_account');
    expect(impostor.cookie('aal_session')).toBeUndefined();
    expect((await me(impostor)).status).toBe(401);
  });

  it('refuses tampered, expired and withdrawn invitation links', async () => {
    const { link, invitation } = await invite('val@example.test', 'viewer');
    const token = tokenOf(link);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const later = `${id}.${Number(exp) + 86_400 * 30}.${sig}`;
    const flipped = `${id}.${exp}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [later, flipped, `${crypto.randomUUID()}.${exp}.${sig}`]) {
      expect(await signIn(cookieBrowser(), 'val-1', bad)).toBe('/sign-in?error=invitation_invalid');
    }
    // Eight days on, the genuine link has expired.
    clock = new Date(Date.now() + 8 * 86_400_000);
    try {
      expect(await signIn(cookieBrowser(), 'val-1', token)).toBe('/sign-in?error=invitation_expired');
    } finally {
      clock = new Date();
    }
    // Withdrawn by an administrator: refused too.
    expect((await admin(`/api/invitations/${invitation.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await signIn(cookieBrowser(), 'val-1', token)).toBe('/sign-in?error=invitation_invalid');
    const [row] = await database.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row!.acceptedAt).toBeNull();
    expect(await database.db.select().from(users).where(eq(users.email, 'val@example.test'))).toEqual([]);
  });

  it('refuses an id_token that is not signed by the provider, or names another issuer, audience or nonce, or has expired', async () => {
    const { link } = await invite('stranger@example.test', 'viewer');
    for (const how of [
      'bad-signature',
      'wrong-audience',
      'wrong-issuer',
      'wrong-nonce',
      'expired',
    ] as const) {
      idp.misbehave(how);
      const browser = cookieBrowser();
      expect({ how, to: await signIn(browser, 'stranger', tokenOf(link)) }).toEqual({
        how,
        to: '/sign-in?error=sign_in_failed',
      });
      expect(browser.cookie('aal_session')).toBeUndefined();
    }
    // None of them used the invitation up: the genuine sign-in still can.
    expect(await signIn(cookieBrowser(), 'stranger', tokenOf(link))).toBe('/');
  });

  it('finishes a sign-in only in the browser that started it', async () => {
    const starter = cookieBrowser();
    const start = await starter.get(`${app.url}/api/auth/sign-in/testid`);
    const callback = await idp.approve(start.location!, 'bea-1');
    const other = cookieBrowser();
    expect((await other.get(callback)).location).toBe('/sign-in?error=sign_in_expired');
    expect(other.cookie('aal_session')).toBeUndefined();
  });

  it('refuses a biller the connection and billing settings with a 403 in plain words, and lets them batch', async () => {
    const bea = cookieBrowser();
    await signIn(bea, 'bea-1');
    const [iface] = await (await admin('/api/interfaces')).json();
    for (const path of [`/api/interfaces/${iface.id}/connection`, '/api/billing/status', '/api/users']) {
      const res = await bea.fetch(`${app.url}${path}`);
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toMatch(/^Your role is biller: this needs an administrator/);
    }
    expect((await bea.fetch(`${app.url}/api/batches`)).status).toBe(200);
    const created = await bea.fetch(`${app.url}/api/batches`, {
      method: 'POST',
      json: { interfaceId: iface.id, invoiceIds: [] },
    });
    expect(created.status).not.toBe(403);
  });

  it('keeps sessions on the server: sign-out, rotation at sign-in, sign out everywhere and idle time end them', async () => {
    // Sign out ends this browser's session; the old cookie is dead even if replayed.
    const one = cookieBrowser();
    await signIn(one, 'bea-1');
    const replay = one.cookie('aal_session')!;
    expect((await one.fetch(`${app.url}/api/auth/sign-out`, { method: 'POST' })).status).toBe(204);
    expect((await me(one)).status).toBe(401);
    one.setCookie('aal_session', replay);
    expect((await me(one)).status).toBe(401);

    // Signing in again on a browser rotates its session: the previous cookie stops working.
    const two = cookieBrowser();
    await signIn(two, 'bea-1');
    const before = two.cookie('aal_session')!;
    await signIn(two, 'bea-1');
    expect(two.cookie('aal_session')).not.toBe(before);
    const stale = cookieBrowser();
    stale.setCookie('aal_session', before);
    expect((await me(stale)).status).toBe(401);
    expect((await me(two)).status).toBe(200);

    // An administrator signs Bea out everywhere: both of her live browsers are out.
    const three = cookieBrowser();
    await signIn(three, 'bea-1');
    const list = await (await admin('/api/users')).json();
    const beaRow = list.find((u: { email: string }) => u.email === 'bea@example.test');
    expect(beaRow.activeSessions).toBeGreaterThanOrEqual(2);
    const out = await admin(`/api/users/${beaRow.id}/sign-out-everywhere`, { method: 'POST' });
    expect((await out.json()).sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await me(two)).status).toBe(401);
    expect((await me(three)).status).toBe(401);

    // Idle time: a session unused for longer than SESSION_IDLE_MINUTES has ended.
    const four = cookieBrowser();
    await signIn(four, 'bea-1');
    clock = new Date(Date.now() + (IDLE_MINUTES - 1) * 60_000);
    expect((await me(four)).status).toBe(200);
    clock = new Date(clock.getTime() + (IDLE_MINUTES + 1) * 60_000);
    try {
      expect((await me(four)).status).toBe(401);
    } finally {
      clock = new Date();
    }
  });

  it('creates API keys shown once, lists them with role and last use, and revokes them', async () => {
    const created = await admin('/api/api-keys', {
      method: 'POST',
      json: { name: 'reporting', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const { key, apiKey } = await created.json();
    expect(key).toMatch(/^aal_/);
    expect(apiKey).toMatchObject({ name: 'reporting', role: 'viewer', lastUsedAt: null });

    const reporting = app.as(key);
    expect((await reporting('/api/offices')).status).toBe(200);
    const refused = await reporting('/api/offices', { method: 'POST', json: { code: 'X', name: 'X' } });
    expect(refused.status).toBe(403);

    const listed = await (await admin('/api/api-keys')).json();
    const row = listed.find((k: { id: string }) => k.id === apiKey.id);
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await admin(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await reporting('/api/offices');
    expect(after.status).toBe(401);
    expect(
      (await (await admin('/api/api-keys')).json()).some((k: { id: string }) => k.id === apiKey.id),
    ).toBe(false);
  });

  it('keeps one administrator at least', async () => {
    const list = await (await admin('/api/users')).json();
    const admins = list.filter((u: { role: string }) => u.role === 'administrator');
    expect(admins).toHaveLength(1);
    const res = await admin(`/api/users/${admins[0].id}`, { method: 'PATCH', json: { role: 'viewer' } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('last_administrator');
  });
});
