// A practice's administrator invites a colleague as a biller; the colleague opens the mailed link, signs in
// through an OpenID Connect provider (the tests' own, on loopback), uploads a batch, and cannot open the
// connection or billing settings. Two browsers: the administrator's (API key) and the colleague's (none).
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMailer } from '../../addon/mail/index.ts';
import type { Database } from '../../db/client.ts';
import type { Batch } from '../../web/src/api.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';
import { practiceOnTestLedger, standardMappings, startEngine, testLinkDeps } from '../helpers/link.ts';
import { startTestIdp, type TestIdp } from '../helpers/oidc-provider.ts';
import { createTestLedger } from '../helpers/test-ledger.ts';
import { type BrowserSession, CHROMIUM_PATH, hasChromium, openBrowser } from './browser-harness.ts';
import { ensureWebBuilt } from './build-web.ts';

if (!hasChromium) {
  it.skip(`browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`, () => {});
} else {
  describe('An administrator invites a biller, who signs in with an OpenID provider and uploads', () => {
    let database: Database;
    let boss: PgBoss;
    let app: TestApp;
    let idp: TestIdp;
    let admin: BrowserSession;
    let colleague: BrowserSession;
    let interfaceId: string;
    let inviteLink: string;
    const ledger = createTestLedger();

    beforeAll(async () => {
      await ensureWebBuilt();
      database = await freshDatabase('pglite');
      const practice = await practiceOnTestLedger(database, 47);
      interfaceId = practice.interfaceId;
      const deps = testLinkDeps(database, ledger.connector);
      boss = await startEngine(database, deps);
      idp = await startTestIdp({
        name: 'Practice Identity',
        users: [{ sub: 'bea-7731', email: 'bea@harbour.test', name: 'Bea Biller' }],
      });
      app = await startTestApp(
        database,
        {
          link: deps,
          boss,
          mail: outboxMailer(),
          signInProviders: [
            {
              id: 'practice-id',
              name: 'Practice ID',
              issuer: idp.issuer,
              clientId: idp.clientId,
              clientSecret: idp.clientSecret,
            },
          ],
        },
        { publicUrlIsOwn: true },
      );
      // What only an administrator does: the codes and the mappings, ready for the biller's batch.
      const asAdmin = app.as(practice.key);
      expect(
        (await asAdmin(`/api/interfaces/${interfaceId}/reference/refresh`, { method: 'POST' })).status,
      ).toBe(200);
      const mapped = await asAdmin(`/api/interfaces/${interfaceId}/mappings`, {
        method: 'PUT',
        json: { mappings: await standardMappings(database, practice.practiceId) },
      });
      expect(mapped.status).toBe(200);
      admin = await openBrowser(app, practice.key, 20_000);
      colleague = await openBrowser(app, undefined, 20_000);
    }, 180_000);
    afterAll(async () => {
      await colleague?.closeBrowser();
      await admin?.closeBrowser();
      await boss?.stop({ graceful: false, close: true });
      await app?.close();
      await idp?.close();
      await database?.close();
    });

    it('the administrator invites a colleague as a biller from Users & keys, and the mail goes out', async () => {
      const { page } = admin;
      await admin.open('/users');
      await page.getByRole('heading', { name: 'Users & keys' }).waitFor();
      await page.getByLabel('Colleague’s email').fill('bea@harbour.test');
      await page.getByLabel('Invite as').selectOption('biller');
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText('Invitation sent to bea@harbour.test.').waitFor();
      await page
        .getByRole('table', { name: 'Invitations waiting to be accepted' })
        .getByText('bea@harbour.test')
        .waitFor();
      await admin.screenshot('team-1-invited');

      // The demo outbox shows the mail; its link is the invitation.
      await page.goto('/sandbox/mail');
      await page.getByRole('heading', { name: /^Join .* in Abtrac Accounts Link$/ }).waitFor();
      inviteLink = (await page.locator('a[href*="/join?invitation="]').first().getAttribute('href'))!;
      expect(inviteLink.startsWith(`${app.url}/join?invitation=`)).toBe(true);
      await admin.screenshot('team-2-outbox');
    });

    it('the colleague opens the link and signs in through the OpenID provider as a biller', async () => {
      const { page } = colleague;
      await page.goto(inviteLink);
      await page.getByRole('heading', { name: /^Join / }).waitFor();
      expect(await page.getByText(/You are invited as biller \(for bea@harbour\.test\)/).count()).toBe(1);
      await colleague.screenshot('team-3-join');
      await page.getByRole('link', { name: 'Sign in with Practice ID to join' }).click();
      // The provider's own page, then back into the add-on, signed in.
      await page.getByRole('heading', { name: 'Sign in to Practice Identity' }).waitFor();
      await page.getByRole('button', { name: 'Continue as Bea Biller' }).click();
      await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
      const signedIn = page.getByRole('region', { name: 'Signed in' });
      await expect.poll(() => signedIn.textContent()).toContain('Bea Biller');
      await expect.poll(() => signedIn.textContent()).toContain('biller');
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Batches' }).count()).toBe(1);
      for (const hidden of ['Interface settings', 'Mappings', 'Billing', 'Users & keys', 'Audit log']) {
        expect({ hidden, links: await nav.getByRole('link', { name: hidden }).count() }).toEqual({
          hidden,
          links: 0,
        });
      }
      await colleague.screenshot('team-4-signed-in-as-biller');
    });

    it('the biller creates, previews and uploads a batch', async () => {
      const { page } = colleague;
      await colleague.open(`/accounting/batches?interface=${interfaceId}`);
      const rows = page.getByTestId('available-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(5);
      await page.getByRole('checkbox', { name: 'Select all invoices' }).check();
      await page.getByRole('button', { name: 'Create batch' }).click();
      await page.waitForURL(/\/accounting\/batches\/[0-9a-f-]{36}$/);
      const batchId = page.url().split('/').pop()!;
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByTestId('preview').waitFor();
      await expect
        .poll(() => page.getByTestId('preview').getByRole('status').textContent())
        .toContain('0 blocked');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('batch-status').textContent(), { timeout: 60_000 })
        .toBe('Done');
      const batch = await colleague.apiGet<Batch>(`/api/batches/${batchId}`);
      expect(batch.counts).toMatchObject({ uploaded: batch.counts.total, failed: 0 });
      expect(ledger.documents()).toHaveLength(batch.counts.total);
      await colleague.screenshot('team-5-biller-uploaded');
    });

    it('the biller cannot open the connection or billing settings', async () => {
      const { page } = colleague;
      await colleague.open(`/accounting/interfaces/${interfaceId}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Accounts interface needs an administrator',
      );
      await colleague.screenshot('team-6-connection-refused');
      await colleague.open('/billing');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Billing needs an administrator',
      );
      // The API refuses the same, whatever the screen shows.
      const refused = await page.evaluate(async (id) => {
        const answers = await Promise.all(
          [
            `/api/interfaces/${id}/connection`,
            '/api/billing/status',
            `/api/interfaces/${id}/connect?format=json`,
          ].map(async (p) => {
            const r = await fetch(p);
            return { status: r.status, code: (await r.json()).error?.code };
          }),
        );
        return answers;
      }, interfaceId);
      expect(refused).toEqual([
        { status: 403, code: 'forbidden' },
        { status: 403, code: 'forbidden' },
        { status: 403, code: 'forbidden' },
      ]);
    });

    it('signs out with the Sign out button, and the session is over', async () => {
      const { page } = colleague;
      await colleague.open('/invoices');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Abtrac Accounts Link' }).waitFor();
      const status = await page.evaluate(async () => (await fetch('/api/me')).status);
      expect(status).toBe(401);
      await page.goto('/invoices');
      await page.getByRole('heading', { name: 'Sign in to Abtrac Accounts Link' }).waitFor();
      await colleague.screenshot('team-7-signed-out');
    });
  });
}
