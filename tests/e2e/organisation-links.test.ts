import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsInterface, InvoiceSetting, Office } from '../../addon/contract/organisation.ts';
import { CHROMIUM_PATH, type Harness, hasChromium, startHarness } from './browser-harness.ts';

if (!hasChromium) {
  it.skip(`browser tests skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium)`, () => {});
} else {
  describe('Offices, invoice settings and accounts interfaces in the browser', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    /** The table row whose row header is exactly `name`. */
    const rowOf = (name: string) =>
      h.page.locator('tr', { has: h.page.getByRole('rowheader', { name, exact: true }) });

    it('shows the API field errors beside the office form fields', async () => {
      const { page } = h;
      await h.open('/offices');
      await page.getByRole('button', { name: 'Add office' }).click();
      await expect.poll(() => page.locator('#office-code-error').textContent()).toBe('is required');

      await page.getByLabel('Code').fill('SYD');
      await page.getByLabel('Name').fill('Second Sydney');
      await page.getByRole('button', { name: 'Add office' }).click();
      await expect
        .poll(() => page.locator('#office-code-error').textContent())
        .toBe('Another office already uses this code.');
      expect(await page.getByLabel('Code').getAttribute('aria-invalid')).toBe('true');
      await h.screenshot('offices-field-error');
    });

    it('creates an office, links it to an invoice setting, and shows the 409 message on a second link', async () => {
      const { page } = h;
      await h.open('/offices');
      await page.getByLabel('Code').fill('PER');
      await page.getByLabel('Name').fill('Perth');
      await page.getByRole('button', { name: 'Add office' }).click();
      await rowOf('Perth').waitFor();

      const settings = await h.apiGet<InvoiceSetting[]>('/api/invoice-settings');
      const brisbane = settings.find((s) => s.name === 'Brisbane')!;
      await page.getByLabel('Invoice setting for Perth').selectOption({ label: 'Brisbane' });
      await rowOf('Perth').getByRole('button', { name: 'Link', exact: true }).click();
      await rowOf('Perth').getByRole('button', { name: 'Unlink' }).waitFor();
      const perth = (await h.apiGet<Office[]>('/api/offices')).find((o) => o.code === 'PER')!;
      expect(perth.invoiceSettingId).toBe(brisbane.id);

      await page.getByLabel('Invoice setting for Perth').selectOption({ label: 'Australia East' });
      await rowOf('Perth').getByRole('button', { name: 'Link', exact: true }).click();
      const alert = rowOf('Perth').getByRole('alert');
      await expect
        .poll(() => alert.textContent())
        .toBe(
          'Office Perth already uses invoice setting "Brisbane". An office has one invoice setting: unlink it before linking "Australia East".',
        );
      await h.screenshot('offices-409-unlink-first');

      // Unlinking first, as the message says, lets the new link through.
      await rowOf('Perth').getByRole('button', { name: 'Unlink' }).click();
      await expect.poll(() => rowOf('Perth').getByRole('button', { name: 'Unlink' }).count()).toBe(0);
      await page.getByLabel('Invoice setting for Perth').selectOption({ label: 'Australia East' });
      await rowOf('Perth').getByRole('button', { name: 'Link', exact: true }).click();
      await rowOf('Perth').getByRole('button', { name: 'Unlink' }).waitFor();
      const relinked = (await h.apiGet<Office[]>('/api/offices')).find((o) => o.code === 'PER')!;
      expect(relinked.invoiceSettingId).toBe(settings.find((s) => s.name === 'Australia East')!.id);
    });

    it('shows the 409 message when a second accounts interface is linked to an invoice setting', async () => {
      const { page } = h;
      await h.open('/invoice-settings');
      await page
        .getByLabel('Accounts interface for Brisbane')
        .selectOption({ label: 'Xero (Australia East)' });
      await rowOf('Brisbane').getByRole('button', { name: 'Link', exact: true }).click();
      await expect
        .poll(() => rowOf('Brisbane').getByRole('alert').textContent())
        .toBe(
          'Invoice setting "Brisbane" is already linked to "MYOB (Brisbane)". An invoice setting posts to one accounts file: unlink it before linking "Xero (Australia East)".',
        );
      const brisbane = (await h.apiGet<InvoiceSetting[]>('/api/invoice-settings')).find(
        (s) => s.name === 'Brisbane',
      )!;
      const myob = (await h.apiGet<AccountsInterface[]>('/api/interfaces')).find(
        (i) => i.provider === 'myob',
      )!;
      expect(brisbane.interfaceId).toBe(myob.id);
      await h.screenshot('invoice-settings-409-unlink-first');
    });

    it('creates an accounts interface for each provider the API offers, and renames one', async () => {
      const { page } = h;
      await h.open('/accounting/interfaces');
      const doc = await h.apiGet<{
        paths: Record<
          string,
          {
            post: {
              requestBody: {
                content: Record<string, { schema: { properties: { provider: { enum: string[] } } } }>;
              };
            };
          }
        >;
      }>('/api/openapi.json');
      const offered =
        doc.paths['/api/interfaces']!.post.requestBody.content['application/json']!.schema.properties.provider
          .enum;
      const select = page.getByLabel('Accounting software');
      await expect
        .poll(() =>
          select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
        )
        .toEqual(offered);

      for (const provider of offered) {
        await page.getByLabel('Display name').fill(`Perth ${provider}`);
        await select.selectOption(provider);
        await page.getByRole('button', { name: 'Add interface' }).click();
        await page.getByText(`Perth ${provider}`, { exact: true }).waitFor();
      }
      const created = (await h.apiGet<AccountsInterface[]>('/api/interfaces')).filter((i) =>
        i.displayName.startsWith('Perth '),
      );
      expect(created.map((i) => i.provider).sort()).toEqual([...offered].sort());

      const first = `Perth ${offered[0]}`;
      await page.getByRole('button', { name: `Rename ${first}`, exact: true }).click();
      await page.getByLabel(`New display name for ${first}`, { exact: true }).fill('MYOB (Brisbane)');
      await page.getByRole('button', { name: 'Save name' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Another accounts interface already has this name.');
      await page.getByLabel(`New display name for ${first}`, { exact: true }).fill('Perth ledger');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByText('Perth ledger', { exact: true }).waitFor();
      await h.screenshot('interfaces-created-and-renamed');
    });
  });
}
