// Every sandbox response that Xero's OpenAPI describes, and every request these tests send, validates
// against the official specs in <repo root>/../shared/specs/xero (CI clones the repo with shared/ beside it).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mswSandbox } from '../common/msw.ts';
import type { XeroSandbox } from './sandbox.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const specDir = resolve(repoRoot, '../shared/specs/xero');
const specsPresent = existsSync(resolve(specDir, 'xero_accounting.yaml'));

function makeAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  // Xero's own examples and payloads give UTC timestamps without an offset ("2019-12-07T18:46:19.5165400",
  // "2024-06-21T01:15:39.902"); RFC 3339 date-time (ajv-formats) demands one. Accept both.
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i);
  for (const [id, file] of [
    ['accounting', 'xero_accounting.yaml'],
    ['identity', 'xero-identity.yaml'],
    ['webhooks', 'xero-webhooks.yaml'],
  ] as const) {
    ajv.addSchema(parse(readFileSync(resolve(specDir, file), 'utf8')), id);
  }
  return ajv;
}

if (!specsPresent) {
  describe('conformance', () => {
    it.skip(`Xero OpenAPI specs not found at ${specDir}`, () => {});
  });
} else {
  describe('conformance with Xero OpenAPI', () => {
    const ajv = makeAjv();
    let sandbox: XeroSandbox;
    const webhookBodies: string[] = [];
    const server = setupServer();
    let token: string;
    let au: string;

    function check(spec: 'accounting' | 'identity' | 'webhooks', schema: string, data: unknown) {
      const validate = ajv.getSchema(`${spec}#/components/schemas/${schema}`);
      if (!validate) throw new Error(`No schema ${spec}#/components/schemas/${schema}`);
      const ok = validate(data);
      expect(
        ok ? [] : validate.errors?.slice(0, 5),
        `${schema}: ${JSON.stringify(data).slice(0, 300)}`,
      ).toEqual([]);
    }

    /** Sends a request body after checking it against the spec, returns the parsed response. */
    async function send(path: string, method: string, schema: string, body: unknown) {
      check('accounting', schema, body);
      return api(token, au, path, { method, body });
    }

    beforeAll(async () => {
      ({ sandbox } = makeSandbox({
        webhook: { url: 'https://app.abtrac.test/hooks/xero', signingKey: 'k' },
      }));
      server.listen({ onUnhandledRequest: 'error' });
      server.use(
        ...mswSandbox(sandbox),
        http.post('https://app.abtrac.test/hooks/xero', async ({ request }) => {
          webhookBodies.push(await request.text());
          return new HttpResponse(null, { status: 200 });
        }),
      );
      token = (await connect()).access_token;
      au = sandbox.tenants.au;
    });
    afterAll(() => server.close());

    it('the validator is live: it rejects what the spec forbids', () => {
      const validate = ajv.getSchema('accounting#/components/schemas/Invoices')!;
      expect(validate({ Invoices: [{ Status: 'NOT-A-STATUS', Total: '12' }] })).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual([
        '/Invoices/0/Status',
        '/Invoices/0/Total',
      ]);
    });

    it('the token response', async () => {
      check('identity', 'AccessToken', await connect());
    });

    it('Organisation, Accounts, TaxRates, TrackingCategories', async () => {
      check('accounting', 'Organisations', await (await api(token, au, 'Organisation')).json());
      check(
        'accounting',
        'Organisations',
        await (await api(token, sandbox.tenants.nz, 'Organisation')).json(),
      );
      check('accounting', 'Accounts', await (await api(token, au, 'Accounts')).json());
      check('accounting', 'TaxRates', await (await api(token, au, 'TaxRates')).json());
      check('accounting', 'TaxRates', await (await api(token, sandbox.tenants.nz, 'TaxRates')).json());
      const tracking = await (await api(token, au, 'TrackingCategories?includeArchived=true')).json();
      check('accounting', 'TrackingCategories', tracking);
      const option = await send(
        `TrackingCategories/${tracking.TrackingCategories[0].TrackingCategoryID}/Options`,
        'PUT',
        'TrackingOption',
        {
          Name: 'J2000 Spec Check',
        },
      );
      check('accounting', 'TrackingOptions', await option.json());
    });

    it('Contacts: list, paged, create, and per-item errors', async () => {
      check('accounting', 'Contacts', await (await api(token, au, 'Contacts')).json());
      check('accounting', 'Contacts', await (await api(token, au, 'Contacts?page=1&pageSize=1')).json());
      const created = await send('Contacts?summarizeErrors=false', 'PUT', 'Contacts', {
        Contacts: [
          {
            Name: 'Spec Client Pty Ltd',
            ContactNumber: 'SPEC01',
            EmailAddress: 'ap@spec.example.com',
            Addresses: [
              {
                AddressType: 'POBOX',
                AddressLine1: '1 Spec St',
                City: 'Sydney',
                PostalCode: '2000',
                Country: 'Australia',
              },
            ],
            Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '9999 0000' }],
          },
          { Name: 'Harbour Developments Pty Ltd' },
        ],
      });
      check('accounting', 'Contacts', await created.json());
    });

    it('Invoices and CreditNotes: create (both summarizeErrors modes), read, paged, by id', async () => {
      const ok = await send('Invoices?summarizeErrors=false&unitdp=4', 'PUT', 'Invoices', {
        Invoices: [
          auInvoice(
            { InvoiceNumber: 'SPEC-1', Reference: 'Job J1001', Url: 'https://app.abtrac.test/i/1' },
            {
              Quantity: 3,
              UnitAmount: 33.335,
              Tracking: [{ Name: 'Job', Option: 'J1001 Harbour House' }],
            },
          ),
          auInvoice({ InvoiceNumber: 'SPEC-2' }, { AccountCode: '999' }),
        ],
      });
      const body = await ok.json();
      check('accounting', 'Invoices', body);
      const bad = await send('Invoices', 'PUT', 'Invoices', {
        Invoices: [auInvoice({ InvoiceNumber: 'SPEC-1' })],
      });
      expect(bad.status).toBe(400);
      check('accounting', 'Error', await bad.json());
      check('accounting', 'Invoices', await (await api(token, au, 'Invoices')).json());
      check('accounting', 'Invoices', await (await api(token, au, 'Invoices?page=1&unitdp=4')).json());
      check(
        'accounting',
        'Invoices',
        await (await api(token, au, `Invoices/${body.Invoices[0].InvoiceID}`)).json(),
      );

      const cn = await send('CreditNotes?summarizeErrors=false', 'PUT', 'CreditNotes', {
        CreditNotes: [
          {
            Type: 'ACCRECCREDIT',
            Contact: { Name: 'Harbour Developments Pty Ltd' },
            Date: '2026-11-02',
            Status: 'AUTHORISED',
            LineAmountTypes: 'Exclusive',
            LineItems: [
              {
                Description: 'Fee adjustment',
                Quantity: 1,
                UnitAmount: 50,
                AccountCode: '200',
                TaxType: 'OUTPUT',
              },
            ],
          },
        ],
      });
      check('accounting', 'CreditNotes', await cn.json());
      check('accounting', 'CreditNotes', await (await api(token, au, 'CreditNotes?page=1')).json());
    });

    it('Payments: create and read', async () => {
      const inv = (await (await api(token, au, 'Invoices?InvoiceNumbers=SPEC-1')).json()).Invoices[0];
      const paid = await send('Payments', 'PUT', 'Payments', {
        Payments: [
          {
            Invoice: { InvoiceID: inv.InvoiceID },
            Account: { Code: '090' },
            Date: '2026-11-20',
            Amount: 10,
            Reference: 'EFT',
          },
        ],
      });
      check('accounting', 'Payments', await paid.json());
      check('accounting', 'Payments', await (await api(token, au, 'Payments')).json());
      check('accounting', 'Invoices', await (await api(token, au, `Invoices/${inv.InvoiceID}`)).json());
    });

    it('Connections and webhook payloads', async () => {
      const connections = await (
        await fetch('https://api.xero.com/connections', { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(connections.length).toBe(2);
      for (const c of connections) check('identity', 'Connection', c);
      await sandbox.control.flushWebhooks();
      expect(webhookBodies.length).toBeGreaterThan(0);
      for (const raw of webhookBodies) {
        const payload = JSON.parse(raw);
        check('webhooks', 'WebhookEvent', payload);
        const credit = {
          ...payload,
          events: payload.events.filter((e: { eventCategory: string }) => e.eventCategory === 'CREDITNOTE'),
        };
        if (credit.events.length) check('webhooks', 'CreditNoteWebhookEvent', credit);
      }
    });
  });
}
