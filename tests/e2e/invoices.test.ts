import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice, InvoiceSummary } from '../../addon/contract/invoices.ts';
import type { Office } from '../../addon/contract/organisation.ts';
import { CHROMIUM_PATH, type Harness, hasChromium, startHarness } from './browser-harness.ts';

/** The screen groups digits ("14,880.56"); the API's exact string is the same without the commas. */
const ungroup = (text: string | null) => (text ?? '').replaceAll(',', '').trim();

if (!hasChromium) {
  it.skip(`browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`, () => {});
} else {
  describe('Invoices page in the browser', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    it('lists invoices newest first and "Load more" pages through all 120', async () => {
      const { page } = h;
      await h.open('/invoices');
      const rows = page.getByTestId('invoice-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(50);
      await expect
        .poll(() => page.getByTestId('invoice-count').textContent())
        .toBe('Showing the first 50 invoices.');

      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rows.count()).toBe(100);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rows.count()).toBe(120);
      await expect
        .poll(() => page.getByTestId('invoice-count').textContent())
        .toBe('Showing all 120 invoices.');
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

      const all = await h.apiGet<{ items: InvoiceSummary[] }>('/api/invoices?limit=200');
      const shownNumbers = await rows.locator('th').allTextContents();
      expect(shownNumbers).toEqual(all.items.map((i) => i.number));
      await h.screenshot('invoices-all-120');
    });

    it('filters by office and by number', async () => {
      const { page } = h;
      await h.open('/invoices');
      const offices = await h.apiGet<Office[]>('/api/offices');
      const brisbane = offices.find((o) => o.name === 'Brisbane')!;
      const expected = await h.apiGet<{ items: InvoiceSummary[] }>(
        `/api/invoices?limit=200&officeId=${brisbane.id}`,
      );

      await page.getByLabel('Office').selectOption({ label: 'Brisbane' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const rows = page.getByTestId('invoice-table').locator('tbody tr');
      await expect.poll(() => page.url()).toContain(`office=${brisbane.id}`);
      // Fewer than a page of Brisbane invoices or more: load until every one is shown.
      await expect.poll(() => page.getByTestId('invoice-count').textContent()).toMatch(/^Showing /);
      // Wait until the filtered list has replaced the unfiltered one (its Load more button included).
      const shownOffices = async () => new Set(await rows.locator('td:nth-child(4)').allTextContents());
      await expect.poll(shownOffices).toEqual(new Set(['Brisbane']));
      const loadMore = page.getByRole('button', { name: /Load more|Loading/ });
      while (await loadMore.isVisible()) {
        const before = await rows.count();
        await loadMore.click();
        await expect.poll(() => rows.count()).toBeGreaterThan(before);
      }
      await expect.poll(() => rows.count()).toBe(expected.items.length);
      const officeCells = await rows.locator('td:nth-child(4)').allTextContents();
      expect(new Set(officeCells)).toEqual(new Set(['Brisbane']));
      await h.screenshot('invoices-filtered-by-office');

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByLabel('Invoice number').fill('10042');
      await page.getByLabel('Invoice number').press('Enter');
      await expect.poll(() => rows.locator('th').allTextContents()).toEqual(['INV-10042']);

      await page.getByLabel('Invoice number').fill('no-such-invoice');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No invoices match these filters.').waitFor();
    });

    it('opens an invoice and shows its lines and totals exactly as the API has them', async () => {
      const { page } = h;
      await h.open('/invoices');
      const firstLink = page.getByTestId('invoice-table').locator('tbody tr').first().getByRole('link');
      const number = await firstLink.textContent();
      await firstLink.click();
      await page.getByRole('heading', { level: 1, name: `Invoice ${number}` }).waitFor();

      const id = page.url().split('/').pop()!;
      const invoice = await h.apiGet<Invoice>(`/api/invoices/${id}`);
      const lineRows = page.getByTestId('invoice-lines').locator('tbody tr');
      expect(await lineRows.count()).toBe(invoice.lines.length);
      for (const [i, line] of invoice.lines.entries()) {
        const cells = await lineRows.nth(i).locator('td').allTextContents();
        expect(cells[1]).toBe(line.description);
        expect(cells[2]).toBe(line.quantity);
        // The same price, shown with at least two decimals (674.1 reads 674.10).
        const trim = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v);
        expect(trim(ungroup(cells[3]!))).toBe(trim(line.unitPrice));
        expect(cells[3]).toMatch(/\.\d{2,}$/);
        expect(cells.slice(5).map(ungroup)).toEqual([line.net, line.tax, line.gross]);
      }
      for (const [row, amount] of [
        ['total-subtotal', invoice.subtotal],
        ['total-tax', invoice.tax],
        ['total-total', invoice.total],
      ] as const) {
        expect(ungroup(await page.getByTestId(row).locator('td').textContent())).toBe(
          `${invoice.currency} ${amount}`,
        );
      }
      await h.screenshot('invoice-detail');

      await page.getByRole('link', { name: 'Back to invoices' }).click();
      await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    });
  });
}
