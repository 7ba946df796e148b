// The README's demo, step by step, exactly as written there and in the same order, in chromium against the
// demo `npm start` runs. Each step uses the words the README uses for buttons and fields, so the README
// cannot drift from the screens; each keeps a screenshot (test-output/screenshots/readme-step-*.png).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './browser-harness.ts';
import { type DemoHarness, startDemo } from './demo-harness.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const demoSteps = readme.slice(
  readme.indexOf('### The demo, step by step'),
  readme.indexOf('A browser test ('),
);
/** The README's step `n`, so each test can check the words it acts on are the README's. */
const step = (n: number) => {
  const match = new RegExp(`^${n}\\. ([\\s\\S]*?)(?=^\\d+\\. |(?![\\s\\S]))`, 'm').exec(demoSteps);
  if (!match) throw new Error(`README demo step ${n} is missing`);
  return match[1]!.replace(/\s+/g, ' ');
};
/** Fails when the README no longer says `words` in step `n`: the test and the README change together. */
const says = (n: number, ...words: string[]) => {
  for (const w of words) expect(step(n), `README step ${n}`).toContain(w);
};

if (!hasChromium) {
  it.skip('browser tests skipped: /usr/bin/chromium is not installed (apt-get install chromium)', () => {});
} else {
  describe('The README demo, step by step', () => {
    let h: DemoHarness;
    let xero: string;
    let uploaded: string[] = [];
    let uploadedNumber: string;
    beforeAll(async () => {
      h = await startDemo();
    }, 240_000);
    afterAll(async () => {
      await h?.close();
    });
    const combo = (name: string) => h.page.getByRole('combobox', { name, exact: true });
    async function pick(name: string, typed: string, shown: RegExp) {
      // Already showing it (the demo's import-file interfaces start with example mappings): nothing to do.
      if (shown.test(await combo(name).inputValue())) return;
      await combo(name).click();
      await combo(name).fill(typed);
      // As a person does: the list shows its matches before Enter.
      const menu = h.page.getByRole('listbox', { name, exact: true });
      await expect.poll(() => menu.getByRole('option').count()).toBeGreaterThan(0);
      await combo(name).press('Enter');
      await expect.poll(() => combo(name).inputValue()).toMatch(shown);
    }

    it('1. Accounting > Interface settings > Xero (Australia East)', async () => {
      says(1, 'http://localhost:3000', '**Accounting > Interface settings > Xero (Australia East)**');
      await h.open('/');
      const accounting = h.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('list', { name: 'Accounting' });
      await accounting.getByRole('link', { name: 'Interface settings' }).click();
      await h.page.getByRole('link', { name: 'Xero (Australia East)' }).click();
      await h.page.getByRole('heading', { level: 1, name: 'Xero (Australia East)' }).waitFor();
      xero = h.page.url().split('/').pop()!;
      await h.screenshot('readme-step-1');
    });

    it('2. Connect to Xero, consent, back connected; the codes arrive on the same page', async () => {
      says(
        2,
        '**Connect to Xero**',
        '*Demo Architects Pty Ltd*',
        '**Allow access**',
        '*Connected*',
        '**Refresh codes from Xero**',
      );
      await h.page.getByRole('button', { name: 'Connect to Xero' }).click();
      await h.allowXero(['Demo Architects Pty Ltd']);
      await h.page.waitForURL(`**/accounting/interfaces/${xero}`);
      await expect
        .poll(() => h.page.getByTestId('connection-card').locator('.badge').textContent())
        .toBe('Connected');
      await expect
        .poll(() => h.page.getByTestId('pulled-times').textContent(), { timeout: 30_000 })
        .toMatch(/Accounts[1-9]\d* offered/);
      expect(await h.page.getByRole('button', { name: 'Refresh codes from Xero' }).count()).toBe(1);
      await h.screenshot('readme-step-2');
    }, 90_000);

    it('3. Options, then Mappings; the unmapped panel empties', async () => {
      says(
        3,
        '**Options**',
        '**Clients without a contact**',
        '*Create the contact*',
        '**Invoice status in Xero**',
        '*Approved*',
        '**Save options**',
        '**Mappings** and choose *Xero (Australia East)*',
        '*Default, Every line*',
        '`200`',
        '*GST on Income*',
        '*Category, Disbursements*',
        '`220`',
        '*Tax class, GST-free*',
        '*GST Free Income*',
        '**Save mappings**',
        '*Unmapped on committed invoices*',
      );
      await h.page.getByLabel('Clients without a contact').selectOption({ label: 'Create the contact' });
      await h.page.getByLabel('Invoice status in Xero').selectOption({ label: 'Approved' });
      await h.page.getByRole('button', { name: 'Save options' }).click();
      await expect
        .poll(() =>
          h
            .api<{ contactPolicy: string }>(`/api/interfaces/${xero}/options`)
            .then((r) => r.body.contactPolicy),
        )
        .toBe('create');

      await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mappings' }).click();
      await h.page.getByRole('heading', { level: 1, name: 'Mappings' }).waitFor();
      await h.page.getByLabel('Accounts interface').selectOption({ label: 'Xero (Australia East)' });
      await pick('Account for Default Every line', '200', /^200 · /);
      await pick('Tax rate for Default Every line', 'GST on Income', /^GST on Income/);
      await pick('Account for Category Disbursements', '220', /^220 · /);
      const gstFree = h.page.locator('tr', { has: h.page.getByRole('rowheader', { name: /^GST-free/ }) });
      const label = await gstFree.getByRole('combobox').nth(1).getAttribute('aria-label');
      await pick(label!, 'GST Free Income', /^GST Free Income/);
      await h.page.getByRole('button', { name: 'Save mappings' }).click();
      await expect.poll(() => h.page.getByText(/Mappings saved/).count()).toBe(1);
      const unmapped = h.page.getByRole('region', { name: /Unmapped on committed invoices/ });
      await expect.poll(() => unmapped.getByRole('row').count(), { timeout: 20_000 }).toBeLessThanOrEqual(1);
      await h.screenshot('readme-step-3');
    }, 90_000);

    it('4. Batches: New batch, Select all invoices, Create batch, Preview, Upload', async () => {
      says(
        4,
        '**Batches**',
        '*New batch*',
        '*Xero (Australia East)*',
        '**Select all invoices**',
        '**Create batch**',
        '**Preview**',
        '**Upload**',
      );
      await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Batches' }).click();
      const form = h.page.getByRole('region', { name: 'New batch' });
      await form.getByLabel('Accounts interface').selectOption({ label: 'Xero (Australia East)' });
      await form.getByRole('checkbox', { name: 'Select all invoices' }).check();
      await form.getByRole('button', { name: 'Create batch' }).click();
      await h.page.getByRole('heading', { level: 1, name: /^Batch \d+$/ }).waitFor();
      await h.page.getByRole('button', { name: 'Preview', exact: true }).click();
      await h.page.getByTestId('preview').waitFor();
      await h.page.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect
        .poll(() => h.page.getByTestId('batch-status').textContent(), { timeout: 120_000 })
        .toBe('Done');
      await h.page.getByTestId('upload-progress').waitFor();
      uploaded = (
        await h.page
          .getByTestId('batch-items')
          .locator('tbody tr[data-status="uploaded"] th')
          .allTextContents()
      ).map((t) => t.trim().split(/\s/)[0]!);
      expect(uploaded.length).toBeGreaterThan(0);
      await h.screenshot('readme-step-4');
    }, 240_000);

    it('5. The Xero sandbox: Record payment; the invoice shows Paid with a link to Xero', async () => {
      says(
        5,
        'http://localhost:3000/sandbox/xero',
        '*Demo Architects Pty Ltd*',
        '**Invoice number**',
        '**Record payment**',
        '*Paid*',
        '**Invoices**',
      );
      // An uploaded invoice the Invoices page lists first.
      await h.open('/invoices');
      // The list arrives after the page: read it once its first row is there.
      const rows = h.page.locator('table tbody th a, table tbody td a');
      await rows.first().waitFor();
      const listed = await rows.allTextContents();
      uploadedNumber = listed.map((t) => t.trim()).find((n) => uploaded.includes(n))!;
      expect(uploadedNumber).toBeTruthy();
      await h.page.goto('/sandbox/xero');
      const org = h.page.locator('section', {
        has: h.page.getByRole('heading', { name: 'Demo Architects Pty Ltd' }),
      });
      await org.getByLabel('Invoice number').fill(uploadedNumber);
      await org.getByRole('button', { name: 'Record payment' }).click();
      await h.page.getByText(/Payment of [\d.]+ recorded against/).waitFor();
      await h.screenshot('readme-step-5-sandbox');

      await h.open('/invoices');
      await h.page.getByRole('link', { name: uploadedNumber, exact: true }).click();
      await h.page.getByRole('heading', { level: 1 }).waitFor();
      await expect
        .poll(
          async () => {
            await h.page.reload();
            await h.page.getByRole('heading', { level: 1 }).waitFor();
            return h.page.getByText('Paid', { exact: true }).count();
          },
          { timeout: 150_000, interval: 2000 },
        )
        .toBeGreaterThan(0);
      const link = h.page.getByRole('link', { name: /Open in Xero/ });
      expect(await link.getAttribute('href')).toMatch(
        /^https:\/\/go\.xero\.com\/AccountsReceivable\/View\.aspx\?InvoiceID=/,
      );
      await h.screenshot('readme-step-5-paid');
    }, 240_000);

    it('6. The same for MYOB (Brisbane)', async () => {
      says(
        6,
        '**MYOB (Brisbane)**',
        '**Connect to MYOB**',
        '*Demo Architects*',
        '**Allow access**',
        '`4-1000`',
        '`GST`',
        '`FRE`',
        'http://localhost:3000/sandbox/myob',
        '**Check now**',
        '*Payments from MYOB*',
      );
      await h.open('/accounting/interfaces');
      await h.page.getByRole('link', { name: 'MYOB (Brisbane)' }).click();
      await h.page.getByRole('button', { name: 'Connect to MYOB' }).click();
      await h.allowMyob('Demo Architects');
      await h.page.waitForURL('**/accounting/interfaces/*');
      await expect
        .poll(() => h.page.getByTestId('pulled-times').textContent(), { timeout: 30_000 })
        .toMatch(/Accounts[1-9]\d* offered/);
      await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mappings' }).click();
      await h.page.getByLabel('Accounts interface').selectOption({ label: 'MYOB (Brisbane)' });
      await combo('Account for Default Every line').waitFor();
      await pick('Account for Default Every line', '4-1000', /^4-1000 · /);
      await pick('Tax rate for Default Every line', 'GST', /^GST · /);
      const gstFree = h.page.locator('tr', { has: h.page.getByRole('rowheader', { name: /^GST-free/ }) });
      const label = await gstFree.getByRole('combobox').nth(1).getAttribute('aria-label');
      await pick(label!, 'FRE', /^FRE · /);
      await h.page.getByRole('button', { name: 'Save mappings' }).click();
      await expect.poll(() => h.page.getByText(/Mappings saved/).count()).toBe(1);
      await h.screenshot('readme-step-6');
      await h.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Interface settings' })
        .click();
      await h.page.getByRole('link', { name: 'MYOB (Brisbane)' }).click();
      const payments = h.page.getByRole('region', { name: 'Payments from MYOB' });
      expect(await payments.getByTestId('payments-checked').textContent()).toBe('Last checked: never');
      await payments.getByRole('button', { name: 'Check now' }).click();
      await expect
        .poll(() => payments.getByTestId('payments-checked').textContent())
        .toMatch(/^Last checked: \d/);
      await h.screenshot('readme-step-6-payments');
      await h.page.goto('/sandbox/myob');
      await h.page.getByRole('heading', { level: 1 }).waitFor();
      await h.screenshot('readme-step-6-sandbox');
    }, 120_000);

    it('7. An import file: Reckon Accounts (IIF), link Brisbane, Exports, Confirm imported', async () => {
      says(
        7,
        '**Interface settings**',
        '*Reckon Accounts (IIF)*',
        '**Invoice settings**',
        '*Brisbane*',
        '`Fee Income`',
        '`FRE`',
        '**Save mappings**',
        '**Exports**',
        '**Preview**',
        '**Create export**',
        '**Confirm imported**',
      );
      await h.open('/accounting/interfaces');
      await h.page.getByLabel('Display name').fill('Reckon (Brisbane)');
      await h.page.getByLabel('Accounting software').selectOption({ label: 'Reckon Accounts (IIF)' });
      await h.page.getByRole('button', { name: 'Add interface' }).click();
      await h.page.getByRole('link', { name: 'Reckon (Brisbane)' }).waitFor();

      await h.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Invoice settings' })
        .click();
      const row = h.page.locator('tr', {
        has: h.page.getByRole('rowheader', { name: 'Brisbane', exact: true }),
      });
      await row.getByRole('button', { name: 'Unlink' }).click();
      await expect.poll(() => row.getByRole('button', { name: 'Unlink' }).count()).toBe(0);
      await h.page.getByLabel('Accounts interface for Brisbane').selectOption({ label: 'Reckon (Brisbane)' });
      await row.getByRole('button', { name: 'Link', exact: true }).click();
      await row.getByRole('button', { name: 'Unlink' }).waitFor();

      await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mappings' }).click();
      await h.page.getByLabel('Accounts interface').selectOption({ label: 'Reckon (Brisbane)' });
      await combo('Account for Default Every line').waitFor();
      await pick('Account for Default Every line', 'Fee Income', /^Fee Income/);
      await pick('Tax rate for Default Every line', 'GST', /^GST/);
      const gstFree = h.page.locator('tr', { has: h.page.getByRole('rowheader', { name: /^GST-free/ }) });
      const label = await gstFree.getByRole('combobox').nth(1).getAttribute('aria-label');
      await pick(label!, 'FRE', /^FRE/);
      await h.page.getByRole('button', { name: 'Save mappings' }).click();
      await expect.poll(() => h.page.getByText(/Mappings saved/).count()).toBe(1);

      await h.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exports' }).click();
      await h.page.getByLabel('Accounts interface').selectOption({ label: 'Reckon (Brisbane)' });
      await h.page.getByRole('checkbox', { name: 'Select all invoices' }).check();
      await h.page.getByRole('button', { name: 'Preview', exact: true }).click();
      await h.page.getByTestId('preview').waitFor();
      await h.screenshot('readme-step-7-preview');
      await h.page.getByRole('button', { name: 'Create export' }).click();
      const download = h.page.waitForEvent('download');
      await h.page
        .getByRole('link', { name: /^Download / })
        .first()
        .click();
      expect((await download).suggestedFilename()).toMatch(/\.iif$/);
      await h.page.getByRole('button', { name: 'Confirm imported' }).first().click();
      await h.page
        .getByText(/^Confirmed /)
        .first()
        .waitFor();
      await h.screenshot('readme-step-7');
    }, 120_000);
  });
}
