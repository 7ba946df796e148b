// Uploading a batch as a finance user meets it in the demo: Upload says why it cannot go (unconnected,
// not previewed, nothing ready) and the server refuses the same; the preview shows where the person looks,
// groups a problem repeated on every invoice with a link to its fix, and totals each currency on its own;
// a batch where nothing reached Xero is Failed, never a green Done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './browser-harness.ts';
import { type DemoHarness, startDemo } from './demo-harness.ts';

interface BatchView {
  id: string;
  status: string;
  counts: { total: number; failed: number; uploaded: number; pending: number };
  items: { status: string }[];
}

if (!hasChromium) {
  it.skip('browser tests skipped: /usr/bin/chromium is not installed (apt-get install chromium)', () => {});
} else {
  describe('Uploading a batch', () => {
    let h: DemoHarness;
    let xero: string;
    let batchId: string;
    beforeAll(async () => {
      h = await startDemo();
      xero = await h.interfaceId('xero');
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });

    const upload = () => h.page.getByRole('button', { name: 'Upload', exact: true });
    const blockers = () => h.page.getByTestId('upload-blockers');

    it('refuses to upload to an unconnected interface, on the screen and in the API', async () => {
      const created = await h.api<BatchView>('/api/batches', { method: 'POST', json: { interfaceId: xero } });
      expect(created.status).toBe(201);
      batchId = created.body.id;
      await h.open(`/accounting/batches/${batchId}`);
      await expect.poll(() => blockers().textContent()).toContain('Xero (Australia East) is not connected.');
      expect(await blockers().textContent()).toContain('Preview the batch first');
      expect(await upload().isDisabled()).toBe(true);
      await h.screenshot('upload-refused-unconnected');
      const api = await h.api<{ error: { code: string; message: string } }>(
        `/api/batches/${batchId}/upload`,
        {
          method: 'POST',
        },
      );
      expect(api.status).toBe(409);
      expect(api.body.error.message).toContain('Choose Connect to Xero on its page');
    });

    it('previews above the invoices, groups the repeated problem with its fix, and totals each currency', async () => {
      await h.open(`/accounting/interfaces/${xero}`);
      await h.page.getByRole('button', { name: 'Connect to Xero' }).click();
      await h.allowXero(['Demo Architects Pty Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${xero}`);
      await expect
        .poll(() => h.page.getByTestId('pulled-times').textContent(), { timeout: 30_000 })
        .toMatch(/Accounts[1-9]\d* offered/);

      await h.open(`/accounting/batches/${batchId}`);
      await h.page.getByRole('button', { name: 'Preview', exact: true }).click();
      const preview = h.page.getByTestId('preview');
      await preview.waitFor();
      // Above the table of invoices, and scrolled to.
      const previewBox = (await preview.boundingBox())!;
      const tableBox = (await h.page.getByTestId('batch-items').boundingBox())!;
      expect(previewBox.y).toBeLessThan(tableBox.y);
      await expect
        .poll(() => preview.evaluate((el) => Math.round(el.getBoundingClientRect().top)))
        .toBeLessThan(200);

      // One line per kind of problem, counted, with a link to where it is fixed.
      const groups = h.page.getByTestId('problem-groups').getByRole('listitem');
      const first = await groups.first().textContent();
      expect(first).toMatch(/^\d+ invoices blocked:/);
      const link = groups.first().getByRole('link', { name: 'Fix in Mappings' });
      expect(await link.getAttribute('href')).toBe(`/accounting/mappings?interface=${xero}`);
      // Every invoice card starts closed: the page stays short.
      const height = await h.page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeLessThan(20_000);

      // Each currency totalled on its own.
      const totals = await h.page.getByTestId('preview-totals').textContent();
      expect(totals).toMatch(/^Total AUD [\d,]+\.\d\d · NZD [\d,]+\.\d\d$/);
      const api = await h.api<{ summary: { totals: { currency: string }[] } }>(
        `/api/batches/${batchId}/preview`,
        { method: 'POST' },
      );
      expect(api.body.summary.totals.map((t) => t.currency)).toEqual(['AUD', 'NZD']);

      expect(await blockers().textContent()).toContain('No invoice is ready');
      expect(await upload().isDisabled()).toBe(true);
      await h.screenshot('upload-preview-grouped');

      const refused = await h.api<{ error: { code: string; message: string } }>(
        `/api/batches/${batchId}/upload`,
        {
          method: 'POST',
        },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('nothing_ready');
      expect(refused.body.error.message).toMatch(/none of the \d+ invoices in batch \d+ is ready\. \d+ × /);
      // Nothing was half-written: the batch is still open with every invoice waiting.
      const batch = await h.api<BatchView>(`/api/batches/${batchId}`);
      expect(batch.body.status).toBe('open');
      expect(batch.body.items.every((i) => i.status === 'pending')).toBe(true);
    }, 120_000);

    it('shows a batch where every invoice failed as Failed, not Done', async () => {
      const free = (await h.api<{ id: string; code: string }[]>('/api/tax-classes')).body.find(
        (c) => c.code === 'FRE',
      )!;
      await h.api(`/api/interfaces/${xero}/options`, { method: 'PUT', json: { contactPolicy: 'create' } });
      const saved = await h.api(`/api/interfaces/${xero}/mappings`, {
        method: 'PUT',
        json: {
          mappings: [
            { scope: 'default', scopeKey: '', accountCode: '200', taxCode: 'OUTPUT' },
            { scope: 'tax_class', scopeKey: free.id, taxCode: 'EXEMPTOUTPUT' },
          ],
        },
      });
      expect(saved.status).toBe(200);
      // Xero refuses every invoice.
      const fault = await fetch(`${h.base}/sandbox/xero/inspect/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          method: 'PUT',
          path: 'Invoices',
          fault: {
            kind: 'status',
            status: 400,
            body: {
              ErrorNumber: 10,
              Type: 'ValidationException',
              Message: 'A validation exception occurred',
            },
          },
        }),
      });
      expect(fault.status).toBe(201);
      await h.open(`/accounting/batches/${batchId}`);
      await h.page.getByRole('button', { name: 'Preview', exact: true }).click();
      await h.page.getByTestId('preview').waitFor();
      await expect.poll(() => upload().isDisabled()).toBe(false);
      await upload().click();
      await expect
        .poll(() => h.page.getByTestId('batch-status').textContent(), { timeout: 60_000 })
        .toMatch(/^(Failed|Done, \d+ failed)$/);
      const batch = await h.api<BatchView>(`/api/batches/${batchId}`);
      expect(batch.body.counts.uploaded).toBe(0);
      expect(batch.body.status).toBe('failed');
      expect(await h.page.getByTestId('batch-status').textContent()).toBe('Failed');
      expect(await h.page.getByTestId('batch-status').locator('.badge-bad').count()).toBe(1);
      await h.screenshot('upload-all-failed');
      await fetch(`${h.base}/sandbox/xero/inspect/faults/clear`, { method: 'POST' });
    }, 120_000);
  });
}
