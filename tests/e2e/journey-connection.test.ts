// The Xero connection page telling the truth, in the demo against the Xero sandbox: plain refusals with the
// next step, codes that appear after Connect without a reload, one organisation per interface, a refused
// organisation released again in Xero, a move that works, and a removal inside Xero seen when the page opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './browser-harness.ts';
import { type DemoHarness, startDemo } from './demo-harness.ts';

interface SandboxState {
  orgs: Record<string, { profile: { Name: string } }>;
  identity: { connections: { id: string; tenantId: string; active: boolean }[] };
}

if (!hasChromium) {
  it.skip('browser tests skipped: /usr/bin/chromium is not installed (apt-get install chromium)', () => {});
} else {
  describe('The Xero connection page', () => {
    let h: DemoHarness;
    let xero: string;
    beforeAll(async () => {
      h = await startDemo();
      xero = await h.interfaceId('xero');
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    const sandbox = async () =>
      (await fetch(`${h.base}/sandbox/xero/inspect/state`)).json() as Promise<SandboxState>;
    const tenantOf = (state: SandboxState, name: string) =>
      Object.entries(state.orgs).find(([, o]) => o.profile.Name === name)![0];
    const activeFor = (state: SandboxState, tenantId: string) =>
      state.identity.connections.filter((c) => c.active && c.tenantId === tenantId);
    const card = () => h.page.getByTestId('connection-card');

    it("offers Sign up with Xero on the sign-in page, which opens Xero's consent page", async () => {
      await h.page.goto('/sign-in');
      await h.page.getByRole('heading', { level: 1 }).waitFor();
      const signUp = h.page.getByRole('link', { name: 'Sign up with Xero', exact: true });
      expect(await signUp.getAttribute('href')).toBe('/api/oauth/xero/signup');
      expect(await signUp.getAttribute('class')).toContain('platform-xero');
      await h.screenshot('signin-sign-up-with-xero');
      await signUp.click();
      await h.page.getByRole('button', { name: 'Allow access' }).waitFor();
    });

    it('answers Refresh codes on an unconnected interface with the reason and what to do', async () => {
      await h.open(`/accounting/interfaces/${xero}`);
      await h.page.getByRole('button', { name: 'Refresh codes from Xero' }).click();
      const alert = h.page.getByText(/is not connected to Xero yet, so there are no codes to read/);
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Choose Connect to Xero on its page first.');
      expect(await h.page.getByText('Something went wrong').count()).toBe(0);
      const api = await h.api<{ error: { code: string } }>(`/api/interfaces/${xero}/reference/refresh`, {
        method: 'POST',
      });
      expect(api.status).toBe(409);
      expect(api.body.error.code).toBe('not_connected');
      await h.screenshot('connection-refresh-unconnected');
    });

    it('connects with the Xero button and shows the codes, scopes and check time without a reload', async () => {
      await h.open(`/accounting/interfaces/${xero}`);
      const connect = card().getByRole('button', { name: 'Connect to Xero' });
      expect(await connect.getAttribute('class')).toContain('platform-xero');
      await h.screenshot('connection-connect-to-xero-button');
      await connect.click();
      await h.allowXero(['Demo Architects Pty Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${xero}`);
      // A mark on this very document: a reload would wipe it.
      await h.page.evaluate(() => Object.assign(window, { sameDocument: true }));
      // The pull runs in the background; the card follows it on the same page.
      await expect
        .poll(() => h.page.getByTestId('pulled-times').textContent(), { timeout: 30_000 })
        .toMatch(/Accounts[1-9]\d* offered/);
      expect(await h.page.evaluate(() => 'sameDocument' in window)).toBe(true);
      expect(await h.page.getByTestId('tenant-name').textContent()).toBe('Demo Architects Pty Ltd');
      expect(await h.page.getByTestId('scopes').textContent()).toContain('accounting.invoices');
      expect(await h.page.getByTestId('checked-at').textContent()).toMatch(/^With Xero, /);
      expect(await card().getByRole('button', { name: 'Disconnect from Xero' }).count()).toBe(1);
      await h.screenshot('connection-connected');
    }, 90_000);

    it('refuses a second interface on the same organisation, in plain words, and leaves the first working', async () => {
      const created = await h.api<{ id: string }>('/api/interfaces', {
        method: 'POST',
        json: { displayName: 'Xero (second)', provider: 'xero' },
      });
      expect(created.status).toBe(201);
      await h.open(`/accounting/interfaces/${created.body.id}`);
      await card().getByRole('button', { name: 'Connect to Xero' }).click();
      await h.allowXero(['Demo Architects Pty Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${created.body.id}?error=organisation_in_use`);
      const alert = h.page.getByRole('alert').first();
      expect(await alert.textContent()).toContain('already connected to another accounts interface');
      expect(
        await h.page
          .getByText(/already connected to the accounts interface "Xero \(Australia East\)"/)
          .count(),
      ).toBe(1);
      await h.screenshot('connection-organisation-in-use');
      const second = await h.api<{ status: string; tenantName: string | null }>(
        `/api/interfaces/${created.body.id}/connection`,
      );
      expect(second.body).toMatchObject({ status: 'not_connected', tenantName: null });
      // The first interface's connection in Xero was not removed along with the refusal.
      const first = await h.api<{ status: string }>(`/api/interfaces/${xero}/connection/check`, {
        method: 'POST',
      });
      expect(first.body.status).toBe('connected');
    }, 90_000);

    it('refuses a different organisation on Reconnect, releases it in Xero, and moves when asked to', async () => {
      await h.open(`/accounting/interfaces/${xero}`);
      await card().getByRole('button', { name: 'Reconnect' }).click();
      await h.page.getByLabel('Demo Architects Pty Ltd').uncheck();
      await h.allowXero(['Demo Engineers NZ Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${xero}?error=organisation_mismatch`);
      expect(await h.page.getByRole('alert').first().textContent()).toContain(
        'Connect a different organisation',
      );
      const nz = tenantOf(await sandbox(), 'Demo Engineers NZ Ltd');
      expect(activeFor(await sandbox(), nz)).toEqual([]);
      expect(await h.page.getByTestId('tenant-name').textContent()).toBe('Demo Architects Pty Ltd');
      await h.screenshot('connection-organisation-mismatch');

      // The button the message names exists, and moves the interface.
      await card().getByRole('button', { name: 'Connect a different organisation' }).click();
      await h.page.getByLabel('Demo Architects Pty Ltd').uncheck();
      await h.allowXero(['Demo Engineers NZ Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${xero}`);
      await expect.poll(() => h.page.getByTestId('tenant-name').textContent()).toBe('Demo Engineers NZ Ltd');
    }, 90_000);

    it('shows Reconnect needed as soon as the page opens after the app is disconnected inside Xero', async () => {
      const state = await sandbox();
      const nz = tenantOf(state, 'Demo Engineers NZ Ltd');
      const [connection] = activeFor(state, nz);
      const removed = await fetch(`${h.base}/sandbox/xero/inspect/disconnect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ connectionId: connection!.id }),
      });
      expect(removed.ok).toBe(true);
      await h.open(`/accounting/interfaces/${xero}`);
      await expect
        .poll(() => card().getByRole('alert').textContent())
        .toContain('The connection to Xero needs to be renewed.');
      expect(await h.page.getByText(/no longer connected to this app in Xero/).count()).toBe(1);
      const after = await h.api<{ status: string }>(`/api/interfaces/${xero}`);
      expect(after.body.status).toBe('reconnect_needed');
      await h.screenshot('connection-removed-in-xero');
      // Refresh codes now answers with the reason, not a generic error.
      const refresh = await h.api<{ error: { code: string; message: string } }>(
        `/api/interfaces/${xero}/reference/refresh`,
        { method: 'POST' },
      );
      expect(refresh.status).toBe(409);
      expect(refresh.body.error.message).toContain('choose Reconnect');
    }, 60_000);
  });
}
