// The whole link in the browser: refresh the codes, map them from the dropdowns with the keyboard, create a
// batch, preview it, upload it and watch the progress bar reach 100%.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch, Mapping, TaxClass } from '../../web/src/api.ts';
import { CHROMIUM_PATH, hasChromium } from './browser-harness.ts';
import { type LinkHarness, startLinkHarness } from './link-harness.ts';

if (!hasChromium) {
  it.skip(`browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`, () => {});
} else {
  describe('From codes to an uploaded batch in the browser', () => {
    let h: LinkHarness;
    beforeAll(async () => {
      h = await startLinkHarness(31);
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    });

    /** Types into a mapping dropdown, then picks the first match with the keyboard. */
    async function pick(label: string, typed: string, expected: string) {
      const input = h.page.getByRole('combobox', { name: label, exact: true });
      await input.click();
      await input.fill('');
      await input.pressSequentially(typed);
      const listbox = h.page.getByRole('listbox', { name: label, exact: true });
      await listbox.getByRole('option').first().waitFor();
      await expect.poll(() => listbox.getByRole('option').first().textContent()).toContain(expected);
      await input.press('ArrowDown');
      await input.press('Enter');
      await expect.poll(() => input.inputValue()).toContain(expected);
    }

    it('refreshes the codes on the interface page', async () => {
      const { page } = h;
      await h.open(`/accounting/interfaces/${h.interfaceId}`);
      // test-ledger has no entry in /api/providers: its id is shown.
      await page.getByRole('heading', { name: 'Codes from test-ledger' }).waitFor();
      expect(await page.getByTestId('tenant-name').textContent()).toBe('Demo Ledger Pty Ltd');
      await page.getByRole('button', { name: 'Refresh codes from test-ledger' }).click();
      await page.getByText(/^Codes refreshed from test-ledger/).waitFor();
      await expect.poll(() => page.getByTestId('pulled-times').textContent()).toContain('3 offered');
      await expect.poll(() => page.getByTestId('pulled-times').textContent()).toContain('Pulled');
      await h.screenshot('link-1-interface-codes-refreshed');
    });

    it('maps the codes from the dropdowns, by keyboard, and saves them', async () => {
      const { page } = h;
      await h.open(`/accounting/mappings?interface=${h.interfaceId}`);
      await page.getByRole('heading', { name: 'Unmapped on committed invoices' }).waitFor();
      await page.getByTestId('unmapped-table').waitFor();
      await h.screenshot('link-2-mappings-before');

      await pick('Account for Default Every line', 'sal', '200');
      await pick('Tax rate for Default Every line', 'income (10', 'OUTPUT');
      await pick('Account for Category Disbursements', '270', '270');
      await pick('Account for Category Expenses', 'reimb', '270');
      const free = (await h.apiGet<TaxClass[]>('/api/tax-classes')).find((c) => c.code === 'FRE')!;
      await pick(
        `Tax rate for Tax class ${free.name} (FRE, ${Number(free.ratePercent)}%)`,
        'free',
        'EXEMPTOUTPUT',
      );

      // Escape closes an open menu without changing the choice.
      const account = page.getByRole('combobox', { name: 'Account for Default Every line', exact: true });
      await account.click();
      await account.press('ArrowDown');
      await account.press('Escape');
      expect(await account.inputValue()).toBe('200 · Sales');

      await page.getByRole('button', { name: 'Save mappings' }).click();
      await page.getByText('Mappings saved: 4 rules.').waitFor();
      await page.getByText('Every line on committed invoices gets an account and a tax rate.').waitFor();
      const saved = await h.apiGet<Mapping[]>(`/api/interfaces/${h.interfaceId}/mappings`);
      expect(
        saved.map((m) => [m.scope, m.scopeKey === free.id ? 'FRE' : m.scopeKey, m.accountCode, m.taxCode]),
      ).toEqual([
        ['default', '', '200', 'OUTPUT'],
        ['category', 'disbursement', '270', null],
        ['category', 'expense', '270', null],
        ['tax_class', 'FRE', null, 'EXEMPTOUTPUT'],
      ]);
      await h.screenshot('link-3-mappings-saved');
    });

    let batchId: string;
    it('creates a batch of the available invoices', async () => {
      const { page } = h;
      await h.open(`/accounting/batches?interface=${h.interfaceId}`);
      const rows = page.getByTestId('available-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(10);
      const available = await rows.count();
      await page.getByRole('checkbox', { name: 'Select all invoices' }).check();
      await expect
        .poll(() => page.getByTestId('selection-count').textContent())
        .toBe(`${available} of ${available} invoices selected`);
      await h.screenshot('link-4-new-batch');
      await page.getByRole('button', { name: 'Create batch' }).click();
      await page.waitForURL(/\/accounting\/batches\/[0-9a-f-]{36}$/);
      batchId = page.url().split('/').pop()!;
      await page.getByRole('heading', { name: 'Batch 1', level: 1 }).waitFor();
      expect(await page.getByTestId('batch-items').locator('tbody tr').count()).toBe(available);
    });

    it('previews the batch: every invoice ready, with codes and their source', async () => {
      const { page } = h;
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      const preview = page.getByTestId('preview');
      await preview.waitFor();
      const batch = await h.apiGet<Batch>(`/api/batches/${batchId}`);
      await expect
        .poll(() => preview.getByRole('status').textContent())
        .toContain(`${batch.counts.total} ready`);
      await expect.poll(() => preview.getByRole('status').textContent()).toContain('0 blocked');
      const first = preview.locator('details').first();
      await first.locator('summary').click();
      await expect.poll(() => first.textContent()).toMatch(/rule/i);
      await h.screenshot('link-5-preview');
    });

    it('uploads the batch and the progress bar reaches 100% with every row uploaded', async () => {
      const { page } = h;
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      const bar = page.getByRole('progressbar', { name: 'Upload progress' });
      await bar.waitFor();
      await h.screenshot('link-6-uploading');
      await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
      await expect
        .poll(() => page.getByTestId('batch-status').textContent(), { timeout: 30_000 })
        .toBe('Done');
      const batch = await h.apiGet<Batch>(`/api/batches/${batchId}`);
      expect(batch.counts).toMatchObject({ uploaded: batch.counts.total, failed: 0, pending: 0 });
      expect(await page.getByTestId('progress-text').textContent()).toContain(
        `${batch.counts.total} of ${batch.counts.total} processed`,
      );
      const uploaded = await page.getByTestId('uploaded-cell').allTextContents();
      expect(uploaded).toHaveLength(batch.counts.total);
      expect(uploaded.every((t) => t.trim() !== '' && t.trim() !== '—')).toBe(true);
      expect(h.ledger.documents()).toHaveLength(batch.counts.total);
      await h.screenshot('link-7-uploaded');
    });

    it('lists the batch in the history and the mapping changes in the audit log', async () => {
      const { page } = h;
      await h.open('/accounting/batches');
      const history = page.getByTestId('batch-history');
      await history.getByRole('link', { name: 'Batch 1' }).waitFor();
      expect(await history.locator('tbody tr').first().textContent()).toContain('Done');
      await h.screenshot('link-8-batch-history');
      await h.open('/accounting/audit-log');
      await page.getByTestId('audit-table').waitFor();
      expect(await page.getByTestId('audit-table').textContent()).toContain('Mapping added');
      await h.screenshot('link-9-audit-log');
      await h.open('/billing');
      await page.getByTestId('statement').waitFor();
      await h.screenshot('link-10-billing');
    });
  });
}
