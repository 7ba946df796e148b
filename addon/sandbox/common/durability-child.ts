// A sandbox in its own process for the durability test: it writes through the sandbox's HTTP handler in a
// loop and prints "ACK <id>" as soon as each write is acknowledged, until the parent kills it (SIGKILL).
// Usage: node --import tsx durability-child.ts <xero|myob> <state file>
import { setupServer } from 'msw/node';
import * as myob from '../myob/test-support.ts';
import * as xero from '../xero/test-support.ts';
import { mswSandbox } from './msw.ts';
import { stateFile } from './persistence.ts';

const [platform, path] = process.argv.slice(2);
if (!path) throw new Error('usage: durability-child.ts <xero|myob> <state file>');
const ack = (id: string) => process.stdout.write(`ACK ${id}\n`);

if (platform === 'xero') {
  const { sandbox } = xero.makeSandbox({ stateFile: stateFile(path) });
  setupServer(...mswSandbox(sandbox)).listen({ onUnhandledRequest: 'error' });
  const { access_token } = await xero.connect();
  for (let i = 1; ; i++) {
    const res = await xero.api(access_token, sandbox.tenants.au, 'Contacts', {
      method: 'PUT',
      body: { Contacts: [{ Name: `Durable client ${i}` }] },
    });
    if (res.status !== 200) throw new Error(`PUT Contacts answered ${res.status}`);
    ack(((await res.json()) as { Contacts: { ContactID: string }[] }).Contacts[0]!.ContactID);
  }
} else {
  const env = myob.makeEnv({ stateFile: path });
  setupServer(...mswSandbox(env.sandbox)).listen({ onUnhandledRequest: 'error' });
  const a = myob.api(await myob.connect());
  const ids = await myob.lookups(a);
  for (let i = 1; ; i++) {
    const res = await a.post('Sale/Invoice/Service', {
      Number: `D${i}`,
      Date: '2026-11-02T00:00:00',
      Customer: { UID: ids.customer('CUS000001') },
      IsTaxInclusive: false,
      FreightTaxCode: { UID: ids.tax('N-T') },
      Lines: [
        {
          Type: 'Transaction',
          Description: 'Fees',
          Account: { UID: ids.account('4-1000') },
          TaxCode: { UID: ids.tax('GST') },
          Total: 100,
        },
      ],
    });
    if (res.status !== 201) throw new Error(`POST invoice answered ${res.status}`);
    ack(res.headers.get('location')!.split('/').pop()!);
  }
}
