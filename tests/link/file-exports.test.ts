// Import-file interfaces end to end through the API: export settings a person can reach (validated, shown in the
// preview, used by the export exactly as previewed), mappings carrying the package's own codes into the file,
// the demo's example settings for each of the ten packages, and every file read back by its package's checker
// before it is offered for download.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCheckers } from '../../addon/connectors/files/checkers/index.ts';
import { fileTemplates } from '../../addon/connectors/files/index.ts';
import { DEMO_FILE_PRESETS } from '../../addon/demo/file-presets.ts';
import { seedPractice } from '../../addon/demo/seed.ts';
import { createApiKey } from '../../addon/http/auth.ts';
import type { Database } from '../../db/client.ts';
import { invoiceSettings, taxClasses } from '../../db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabase } from '../helpers/databases.ts';

type Call = ReturnType<TestApp['as']>;

describe('import-file interfaces', () => {
  let database: Database;
  let app: TestApp;
  let call: Call;
  let practiceId: string;
  let freeClassId: string;

  beforeAll(async () => {
    database = await freshDatabase('pglite');
    practiceId = await seedPractice(database.db, { name: 'File practice', seed: 16 });
    app = await startTestApp(database);
    call = app.as(await createApiKey(database.db, practiceId, 'tests'));
    const classes = await database.db.select().from(taxClasses).where(eq(taxClasses.practiceId, practiceId));
    freeClassId = classes.find((c) => c.ratePercent === '0' || Number(c.ratePercent) === 0)!.id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A file interface for the package, every office's invoice setting linked to it. */
  async function fileInterface(provider: string): Promise<string> {
    const res = await call('/api/interfaces', {
      method: 'POST',
      json: { displayName: `${provider} ${Math.random().toString(36).slice(2, 7)}`, provider },
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    await database.db
      .update(invoiceSettings)
      .set({ interfaceId: id })
      .where(eq(invoiceSettings.practiceId, practiceId));
    return id;
  }

  async function map(interfaceId: string, account: string, gst: string, gstFree: string) {
    const res = await call(`/api/interfaces/${interfaceId}/mappings`, {
      method: 'PUT',
      json: {
        mappings: [
          { scope: 'default', scopeKey: '', accountCode: account, taxCode: gst },
          { scope: 'tax_class', scopeKey: freeClassId, taxCode: gstFree },
        ],
      },
    });
    expect(res.status).toBe(200);
  }

  const putOptions = (interfaceId: string, json: unknown) =>
    call(`/api/interfaces/${interfaceId}/options`, { method: 'PUT', json });

  async function exportFiles(interfaceId: string) {
    const created = await call('/api/exports', { method: 'POST', json: { interfaceId } });
    const record = await created.json();
    expect(created.status, JSON.stringify(record)).toBe(201);
    return Promise.all(
      record.files.map(async (f: { fileName: string; downloadUrl: string }) => ({
        fileName: f.fileName,
        bytes: Buffer.from(await (await call(f.downloadUrl)).arrayBuffer()),
      })),
    );
  }

  describe('settings a person can reach', () => {
    it('PUT options takes the home currency and the package settings, and refuses what the package lacks', async () => {
      const id = await fileInterface('oracle-fusion-autoinvoice-csv');
      const ok = await putOptions(id, {
        baseCurrency: 'aud',
        fileSettings: {
          businessUnit: 'AU BU',
          batchSource: 'Abtrac',
          lineContext: 'ABTRAC',
          supplyNumber: 'no',
        },
      });
      expect(ok.status).toBe(200);
      expect(await (await call(`/api/interfaces/${id}/options`)).json()).toMatchObject({
        baseCurrency: 'AUD',
        fileSettings: { businessUnit: 'AU BU' },
      });

      const unknown = await putOptions(id, { fileSettings: { colour: 'blue' } });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).error).toMatchObject({
        code: 'unknown_setting',
        fields: { 'fileSettings.colour': expect.any(String) },
      });
      const choice = await putOptions(id, { fileSettings: { supplyNumber: 'maybe' } });
      expect(choice.status).toBe(400);
      expect((await choice.json()).error.fields).toHaveProperty(['fileSettings.supplyNumber']);
      const currency = await putOptions(id, { baseCurrency: 'dollars' });
      expect(currency.status).toBe(400);
      expect((await currency.json()).error.fields).toHaveProperty('baseCurrency');
    });

    it('an API interface refuses file settings', async () => {
      const xero = (await (await call('/api/interfaces')).json()).find(
        (i: { provider: string }) => i.provider === 'xero',
      );
      const res = await putOptions(xero.id, { baseCurrency: 'AUD' });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('not_a_file_interface');
    });

    it('the preview checks with the same settings the export uses, and shows them', async () => {
      const id = await fileInterface('moneyworks-txt');
      await map(id, '4000', 'G', 'Z');
      const preview = async () =>
        (await (
          await call('/api/exports/preview', { method: 'POST', json: { interfaceId: id } })
        ).json()) as {
          invoices: { currency: string; ready: boolean; problems: { code: string }[] }[];
          exportSettings?: { baseCurrency: string };
        };
      // MoneyWorks files carry no currency: without a home currency set, AUD invoices cannot be written.
      const before = await preview();
      const aud = before.invoices.filter((i) => i.currency === 'AUD');
      expect(aud.every((i) => i.problems.some((p) => p.code === 'currency_not_supported'))).toBe(true);
      expect(before.exportSettings?.baseCurrency).toBe('NZD');

      expect((await putOptions(id, { baseCurrency: 'AUD' })).status).toBe(200);
      const after = await preview();
      expect(after.exportSettings?.baseCurrency).toBe('AUD');
      const ready = after.invoices.filter((i) => i.ready);
      expect(ready.length).toBe(aud.length);
      const files = await exportFiles(id);
      expect(fileCheckers['moneyworks-txt'](files)).toEqual([]);
    });

    it('MYOB: long invoice numbers are mapped the way the option says, and the preview shows each one', async () => {
      const id = await fileInterface('myob-accountright-classic-txt');
      await map(id, '4-1100', 'GST', 'FRE');
      await putOptions(id, { baseCurrency: 'AUD' });
      const refused = await (
        await call('/api/exports/preview', { method: 'POST', json: { interfaceId: id } })
      ).json();
      expect(refused.invoices[0].problems).toContainEqual(
        expect.objectContaining({ code: 'too_long', field: 'number' }),
      );

      await putOptions(id, { baseCurrency: 'AUD', fileSettings: { longNumbers: 'drop-prefix' } });
      const preview = await (
        await call('/api/exports/preview', { method: 'POST', json: { interfaceId: id } })
      ).json();
      const first = preview.invoices.find((i: { currency: string }) => i.currency === 'AUD');
      expect(first.problems).toContainEqual(
        expect.objectContaining({
          code: 'number_shortened',
          message: expect.stringContaining(first.number.replace(/^\D+/, '')),
        }),
      );
      const files = await exportFiles(id);
      const text = files[0]!.bytes.toString('latin1');
      expect(text).toContain(`\t${first.number.replace(/^\D+/, '')}\t`);
      expect(fileCheckers['myob-accountright-classic-txt'](files)).toEqual([]);
    });
  });

  it("the file carries the package's mapped tax code and account, never Abtrac's own tax-class name", async () => {
    const classes = await database.db.select().from(taxClasses).where(eq(taxClasses.practiceId, practiceId));
    const ownNames = classes.map((c) => c.name);
    const xero = await fileInterface('xero-csv');
    await map(xero, '200', 'GST on Income', 'GST Free Income');
    await putOptions(xero, { baseCurrency: 'AUD' });
    const xeroText = (await exportFiles(xero)).map((f) => f.bytes.toString('utf8')).join('');
    expect(xeroText).toContain(',200,GST on Income,');
    expect(xeroText).toContain(',GST Free Income,');
    for (const name of ownNames) expect(xeroText).not.toContain(`,${name},`);

    const qbo = await fileInterface('quickbooks-online-csv');
    await map(qbo, '4000', 'GST', 'FRE');
    await putOptions(qbo, { baseCurrency: 'AUD', itemsByAccount: { '4000': 'Design Fees' } });
    const qboText = (await exportFiles(qbo)).map((f) => f.bytes.toString('utf8')).join('');
    expect(qboText).toMatch(/,Design Fees,[^\r\n]*,GST,/);
    for (const name of ownNames) expect(qboText).not.toContain(`,${name},`);
  });

  it("mappings offer and check the package's own codes loaded from its exported lists, and the file carries their names", async () => {
    const id = await fileInterface('xero-csv');
    await putOptions(id, { baseCurrency: 'AUD' });
    const chart = [
      '*Code,*Name,*Type,*Tax Code',
      '200,Sales,Revenue,OUTPUT',
      '260,Other Revenue,Revenue,OUTPUT',
      '610,Accounts Receivable,Current Asset,BASEXCLUDED',
      '',
    ].join('\r\n');
    const taxes = [
      'Tax Code,Display Name,Rate',
      'OUTPUT,GST on Income,10',
      'EXEMPTOUTPUT,GST Free Income,0',
      '',
    ].join('\r\n');
    const load = (kind: string, text: string) =>
      call(`/api/interfaces/${id}/reference/import`, { method: 'POST', json: { kind, text } });
    expect((await load('accounts', chart)).status).toBe(200);
    expect((await load('taxRates', taxes)).status).toBe(200);
    const reference = await (await call(`/api/interfaces/${id}/reference`)).json();
    // Only revenue accounts are offered for sales lines.
    expect(reference.accounts.map((a: { code: string }) => a.code)).toEqual(['200', '260']);
    expect(reference.taxRates.map((r: { name: string }) => r.name).sort()).toEqual([
      'GST Free Income',
      'GST on Income',
    ]);

    const refused = await call(`/api/interfaces/${id}/mappings`, {
      method: 'PUT',
      json: { mappings: [{ scope: 'default', scopeKey: '', accountCode: '999', taxCode: 'OUTPUT' }] },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toHaveProperty(['mappings.0.accountCode']);

    await map(id, '200', 'OUTPUT', 'EXEMPTOUTPUT');
    const text = (await exportFiles(id)).map((f) => f.bytes.toString('utf8')).join('');
    expect(text).toContain(',200,GST on Income,');
    expect(text).toContain(',GST Free Income,');
    expect(text).not.toContain(',OUTPUT,');

    const bad = await load('accounts', 'nothing useful here\r\n');
    expect(bad.status).toBe(400);
  });

  it("GET /api/providers lists each package's settings in its own words, with the rules no source settles", async () => {
    const providers = (await (await call('/api/providers')).json()) as {
      id: string;
      file?: { settings: { key: string; label: string; help: string | null }[]; uncertain: string[] };
    }[];
    const reckon = providers.find((p) => p.id === 'reckon-accounts-iif')!;
    expect(reckon.file!.settings).toContainEqual(
      expect.objectContaining({ key: 'arAccount', label: 'Accounts Receivable account' }),
    );
    const oracle = providers.find((p) => p.id === 'oracle-fusion-autoinvoice-csv')!;
    expect(oracle.file!.settings.map((s) => s.label)).toContain('Bill-to Customer Site Number');
    expect(oracle.file!.uncertain.join(' ')).toMatch(/positions/);
    expect(providers.find((p) => p.id === 'xero')!.file).toBeUndefined();
  });

  it("the demo practice's new import-file interface starts with its package's example settings and exports", async () => {
    const demo = await startTestApp(database, { demoPracticeId: () => practiceId });
    try {
      const demoCall = demo.as(await createApiKey(database.db, practiceId, 'demo'));
      const res = await demoCall('/api/interfaces', {
        method: 'POST',
        json: { displayName: 'Reckon (demo)', provider: 'reckon-accounts-iif' },
      });
      expect(res.status).toBe(201);
      const { id } = await res.json();
      expect(await (await demoCall(`/api/interfaces/${id}/options`)).json()).toMatchObject({
        baseCurrency: 'AUD',
      });
      const mappings = await (await demoCall(`/api/interfaces/${id}/mappings`)).json();
      expect(mappings.length).toBeGreaterThan(0);
      await database.db
        .update(invoiceSettings)
        .set({ interfaceId: id })
        .where(eq(invoiceSettings.practiceId, practiceId));
      const created = await demoCall('/api/exports', { method: 'POST', json: { interfaceId: id } });
      expect(created.status).toBe(201);
    } finally {
      await demo.close();
    }
  });

  describe.each(Object.keys(fileTemplates))("the demo's example settings for %s", (provider) => {
    it('export a file of the demo invoices that passes the package checker', async () => {
      const preset = DEMO_FILE_PRESETS[provider]!;
      const id = await fileInterface(provider);
      expect((await putOptions(id, preset.options)).status).toBe(200);
      await map(id, preset.account, preset.gst, preset.gstFree);
      const preview = await (
        await call('/api/exports/preview', { method: 'POST', json: { interfaceId: id } })
      ).json();
      expect(preview.summary.ready, JSON.stringify(preview.invoices[0]?.problems)).toBeGreaterThan(0);
      const files = await exportFiles(id);
      const checker = fileCheckers[provider as keyof typeof fileCheckers];
      expect(checker(files, { dateFormat: preset.options.fileSettings?.dateFormat })).toEqual([]);
    });
  });
});
