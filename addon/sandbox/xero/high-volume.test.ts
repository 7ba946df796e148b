// A high-volume organisation (more records of a kind than the threshold; tests set it low) refuses list
// queries that are not narrowed or not filtered on optimised fields, with Xero's HighVolumeException, and
// serves the documented efficient ones.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mswSandbox } from '../common/msw.ts';
import { api, auInvoice, connect, makeSandbox } from './test-support.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

async function start(highVolumeThreshold?: number) {
  const { sandbox } = makeSandbox(highVolumeThreshold === undefined ? {} : { highVolumeThreshold });
  server.use(...mswSandbox(sandbox));
  const token = (await connect()).access_token;
  const get = (path: string) => api(token, sandbox.tenants.au, path);
  const put = (path: string, body: unknown) => api(token, sandbox.tenants.au, path, { method: 'PUT', body });
  return { sandbox, get, put };
}

const HIGH_VOLUME = {
  ErrorNumber: 51,
  Type: 'HighVolumeException',
  Message:
    'Your request is not filtering contacts efficiently, given the extremely high volume for this organisation. Please check the documentation for filtering and paging high-volume organisations.',
};

const where = (expression: string) => `where=${encodeURIComponent(expression)}`;

describe('a high-volume organisation', () => {
  it('refuses non-optimised contact queries with 400 HighVolumeException', async () => {
    const { get } = await start(2);
    for (const query of [
      where('Name.ToLower().Contains("harbour")'),
      where('ContactNumber=="HAR01" OR ContactNumber=="CITY02"'),
      where('Name!="x"'),
      where('IsSupplier==true'),
      `${where('Name=="Harbour Developments Pty Ltd"')}&order=EmailAddress`,
      '', // the whole list at once, neither narrowed nor paged
    ]) {
      const res = await get(`Contacts?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toEqual(HIGH_VOLUME);
    }
  });

  it('serves the optimised ones: searchTerm, IDs=, ContactNumber or Name equality, paging with summaryOnly', async () => {
    const { sandbox, get } = await start(2);
    const harbour = sandbox.inspect
      .contacts(sandbox.tenants.au)
      .find((c) => c.Name === 'Harbour Developments Pty Ltd')!;
    const found = async (query: string) => {
      const res = await get(`Contacts?${query}`);
      expect(res.status, query).toBe(200);
      return ((await res.json()).Contacts as { ContactID: string }[]).map((c) => c.ContactID);
    };
    expect(await found('searchTerm=harbour')).toEqual([harbour.ContactID]);
    expect(await found(`IDs=${harbour.ContactID}`)).toEqual([harbour.ContactID]);
    expect(await found(where(`ContactNumber=="${harbour.ContactNumber}"`))).toEqual([harbour.ContactID]);
    expect(await found(where('Name=="Harbour Developments Pty Ltd" AND ContactStatus=="ACTIVE"'))).toEqual([
      harbour.ContactID,
    ]);
    // The two active contacts, a page at a time.
    expect(await found('page=1&summaryOnly=true&order=Name')).toHaveLength(2);
  });

  it('refuses non-optimised invoice queries and serves InvoiceNumbers=, Statuses= and optimised where', async () => {
    const { get, put } = await start(0);
    expect((await put('Invoices', { Invoices: [auInvoice({ InvoiceNumber: 'INV-0001' })] })).status).toBe(
      200,
    );
    const refused = await get(`Invoices?${where('Contact.Name.ToLower()=="harbour developments pty ltd"')}`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).Type).toBe('HighVolumeException');
    expect((await get(`Invoices?${where('Reference.Contains("x")')}`)).status).toBe(400);
    expect((await get('Invoices?InvoiceNumbers=INV-0001')).status).toBe(200);
    expect((await get('Invoices?Statuses=AUTHORISED&page=1')).status).toBe(200);
    expect((await get(`Invoices?${where('Type=="ACCREC" AND Date>=DateTime(2026,1,1)')}`)).status).toBe(200);
  });

  it('an organisation below the threshold answers the same queries', async () => {
    const { get } = await start();
    expect((await get(`Contacts?${where('Name.ToLower().Contains("harbour")')}`)).status).toBe(200);
    expect((await get(`Contacts?${where('ContactNumber=="A" OR ContactNumber=="B"')}`)).status).toBe(200);
    expect((await get('Contacts')).status).toBe(200);
  });
});
