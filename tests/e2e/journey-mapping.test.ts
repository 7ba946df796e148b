// The mapping dropdowns as a finance user meets them in the demo, against the Xero and MYOB sandboxes' own
// charts: what is typed and confirmed with Enter is what gets saved, an exact code or name is offered
// first, Xero's tax types read by name, and the page's precedence help says what the engine does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ORDER, orderInWords, TAX_ORDER, TRACKING_ORDER } from '../../addon/contract/precedence.ts';
import { hasChromium } from './browser-harness.ts';
import { type DemoHarness, startDemo } from './demo-harness.ts';

if (!hasChromium) {
  it.skip('browser tests skipped: /usr/bin/chromium is not installed (apt-get install chromium)', () => {});
} else {
  describe('Mapping dropdowns on the demo ledgers', () => {
    let h: DemoHarness;
    let xero: string;
    let myob: string;
    beforeAll(async () => {
      h = await startDemo();
      xero = await h.interfaceId('xero');
      myob = await h.interfaceId('myob');
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    async function connected(id: string, allow: () => Promise<void>, platform: string) {
      await h.open(`/accounting/interfaces/${id}`);
      await h.page.getByRole('button', { name: `Connect to ${platform}` }).click();
      await allow();
      await h.page.waitForURL(`**/accounting/interfaces/${id}`);
      await expect
        .poll(
          async () =>
            (await h.api<{ accounts: unknown[] }>(`/api/interfaces/${id}/reference`)).body.accounts.length,
          {
            timeout: 30_000,
          },
        )
        .toBeGreaterThan(0);
    }

    const combo = (name: string) => h.page.getByRole('combobox', { name, exact: true });
    const menu = (name: string) => h.page.getByRole('listbox', { name, exact: true });

    it('saves what was typed and confirmed with Enter, and offers the exact code first', async () => {
      await connected(xero, () => h.allowXero(['Demo Architects Pty Ltd']), 'Xero');
      await h.open(`/accounting/mappings?interface=${xero}`);
      const account = combo('Account for Category Disbursements');
      await account.click();
      await account.pressSequentially('220');
      // The exact code is highlighted first, so Enter picks what the person sees.
      await expect
        .poll(() => menu('Account for Category Disbursements').getByRole('option').first().textContent())
        .toMatch(/^220/);
      await account.press('Enter');
      await expect.poll(() => account.inputValue()).toMatch(/^220 · /);
      await expect.poll(() => h.page.getByText('1 rule has unsaved changes.').count()).toBe(1);
      await h.screenshot('mapping-typed-220-enter');

      // Typing something no code matches and pressing Enter chooses nothing, and says so.
      const tracking = combo('Account for Category Variations');
      await tracking.click();
      await tracking.pressSequentially('zzz-no-such');
      await tracking.press('Enter');
      await expect.poll(() => h.page.getByText('No codes match “zzz-no-such”.').count()).toBe(1);
      await tracking.press('Tab');
      await expect.poll(() => tracking.inputValue()).toBe('');
      await expect.poll(() => h.page.getByText('1 rule has unsaved changes.').count()).toBe(1);

      await h.page.getByRole('button', { name: 'Save mappings' }).click();
      await expect.poll(() => h.page.getByText(/Mappings saved/).count()).toBe(1);
      await h.page.reload();
      await combo('Account for Category Disbursements').waitFor();
      await expect.poll(() => combo('Account for Category Disbursements').inputValue()).toMatch(/^220 · /);
      const saved = await h.api<{ scope: string; scopeKey: string; accountCode: string | null }[]>(
        `/api/interfaces/${xero}/mappings`,
      );
      expect(
        saved.body.find((m) => m.scope === 'category' && m.scopeKey === 'disbursement')?.accountCode,
      ).toBe('220');
    }, 120_000);

    it("shows Xero's tax rates by name and ranks the rate that charges GST above GST Free", async () => {
      await h.open(`/accounting/mappings?interface=${xero}`);
      const tax = combo('Tax rate for Default Every line');
      await tax.click();
      await tax.pressSequentially('GST');
      const first = menu('Tax rate for Default Every line').getByRole('option').first();
      await expect.poll(() => first.textContent()).toMatch(/^GST on Income \(10%\)/);
      // The tax type is secondary text after the name, never what the row leads with.
      const texts = await menu('Tax rate for Default Every line').getByRole('option').allTextContents();
      expect(texts.some((t) => t.startsWith('OUTPUT') || t.startsWith('EXEMPTOUTPUT'))).toBe(false);
      expect(texts.join('|')).toContain('GST Free Income (0%)EXEMPTOUTPUT');
      await h.screenshot('mapping-xero-tax-by-name');
      await tax.press('Enter');
      await expect.poll(() => tax.inputValue()).toBe('GST on Income (10%)');
      await h.page.getByRole('button', { name: 'Save mappings' }).click();
      await expect.poll(() => h.page.getByText(/Mappings saved/).count()).toBe(1);
      const saved = await h.api<{ scope: string; taxCode: string | null }[]>(
        `/api/interfaces/${xero}/mappings`,
      );
      expect(saved.body.find((m) => m.scope === 'default')?.taxCode).toBe('OUTPUT');
    }, 60_000);

    it("states the engine's own order of precedence", async () => {
      await h.open(`/accounting/mappings?interface=${xero}`);
      const help = h.page.getByTestId('precedence');
      const text = await help.textContent();
      expect(text).toContain(`Account: ${orderInWords(ACCOUNT_ORDER)}.`);
      expect(text).toContain(`Tax rate: ${orderInWords(TAX_ORDER)}`);
      expect(text).toContain(`Tracking option: ${orderInWords(TRACKING_ORDER)}.`);
      // The engine's order, independently: a category rule beats a job type rule for the account, and the
      // tax class beats the category for the tax rate.
      expect(orderInWords(ACCOUNT_ORDER)).toBe(
        'task, category, job type, department, office, tax class, default',
      );
      expect(orderInWords(TAX_ORDER).startsWith('tax class, ')).toBe(true);
    });

    it('offers the MYOB code GST first when GST is typed, not FRE · GST Free', async () => {
      await connected(myob, () => h.allowMyob('Demo Architects'), 'MYOB');
      await h.open(`/accounting/mappings?interface=${myob}`);
      const tax = combo('Tax rate for Default Every line');
      await tax.click();
      await tax.pressSequentially('GST');
      await expect
        .poll(() => menu('Tax rate for Default Every line').getByRole('option').first().textContent())
        .toMatch(/^GSTGoods & Services Tax/);
      await tax.press('Enter');
      await expect.poll(() => tax.inputValue()).toMatch(/^GST · Goods & Services Tax/);
      await h.screenshot('mapping-myob-gst-first');
    }, 120_000);
  });
}
